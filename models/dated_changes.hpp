#pragma once
// `changes:` in a scenario: a dated list of values set from a day on, by the same paths --set
// uses, to phase a reform in step by step:
//   changes:
//     - from: 2027-01-01
//       set: {classes.lob.arrivals.rate: 700/year, units.tne.places: 3}
// Each change is loaded as a whole scenario (the file with this change and every earlier one
// applied as overrides), so it is validated exactly as any scenario is; the engine then takes
// each class's arrivals, the routes and the costs and payers from it, and a change of capacity
// becomes a rule of the unit kind's own capacity schedule. Paths the engine cannot yet switch
// are refused.
#include <cstddef>

#include "scenario.hpp"
#include "scenario_document.hpp"

namespace kapsim::models {

// Whether the file has changes at all (`changes:` at the top).
bool has_dated_changes(const ScenarioDocument& doc);

// Checks the list's form, its dates against the run of `base` and that every path is one that
// can change over time; then returns the changes, their regimes not yet loaded.
std::vector<DatedChange> read_dated_changes(const ScenarioDocument& doc, const Scenario& base);

// Sets the values of changes 0..through (in file order) in `doc`, each reported at its place in
// the file if it turns out wrong.
void apply_dated_changes(ScenarioDocument& doc, std::size_t through);

// With every change's regime loaded: checks the regimes differ from the base in what may change
// only, and turns each change of capacity into a rule of the unit's capacity schedule.
void fold_dated_changes(Scenario& base);

// Whether two regimes draw the same arrivals, or route alike: where they do, a change's day is
// no boundary for the engine, so the run draws exactly as without it.
bool same_arrivals(const sim::ArrivalProfile& a, const sim::ArrivalProfile& b);
bool same_routes(const Scenario& a, const Scenario& b);
// Whether two regimes charge alike: the same cost items, amounts and payers.
bool same_costs(const std::vector<CostItem>& a, const std::vector<CostItem>& b);

}  // namespace kapsim::models
