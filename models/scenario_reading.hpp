#pragma once
// Readers shared by the scenario loader and the unit kinds: distributions, capacities,
// schedules and length-of-stay tables, each validated with the YAML location of any error.
#include <map>
#include <string>
#include <vector>

#include "scenario.hpp"
#include "scenario_document.hpp"

namespace kapsim::models {

// What is known while the units are read: the names of classes and units, and the staffing.
struct LoadContext {
    std::map<std::string, std::size_t> class_index;
    std::map<std::string, std::size_t> unit_index;
    std::vector<StaffGroup> staffing;
    std::string unit_id;  // the unit being read

    std::vector<std::string> class_names() const;
    std::vector<std::string> unit_names() const;
    // "out" or a unit id, read from `f` or given as `name`; fails at the field, with a
    // suggestion, for anything else.
    Destination destination(const Field& f) const;
    Destination destination(const std::string& name, const Field& at) const;
    std::size_t patient_class(const Field& f) const;
    std::size_t patient_class(const std::string& name, const Field& at) const;
};

// `extra_keys` are keys of the surrounding mapping that are not the distribution's.
sim::Distribution read_distribution(const Field& f, std::vector<std::string_view> extra_keys = {});
sim::ArrivalProfile read_arrivals(const Field& f);
// A class's `readmission: {share: 0.2, after: {distribution: exponential, mean: 60d}}`.
Readmission read_readmission(const Field& f);
// A class's `population: {persons: 146, visits_per_person: 22.8 per year,
// spread: {distribution: gamma, cv: 1.2}}` (or `visits:` for the whole class).
PopulationSpec read_population(const Field& f);
// A whole number of places, "unlimited" if `allow_unlimited`, or {staff: GROUP, per_fte: X}:
// as many places as the unit's staff group can keep open.
std::size_t read_capacity(const Field& f, const LoadContext& ctx, bool allow_unlimited);
std::vector<CapacityRule> read_capacity_schedule(const Field& f, const LoadContext& ctx);
std::pair<int, int> read_weeks(const Field& f);
// Either one distribution, or a list of rules: [{class: C, to: D, distribution: ...}, ...]
// ending in a catch-all without class and to.
// `shape`: the kind's shape for a stay given by its mean alone.
StayTable read_stay_table(const Field& f, const LoadContext& ctx, const DefaultStayShape& shape);

}  // namespace kapsim::models
