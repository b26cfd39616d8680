#pragma once
// The pathways as a graph (Boost.Graph), checked before anything runs: every unit can be
// reached, everyone who enters can leave, and no loop can go round without time passing.
#include "scenario.hpp"
#include "scenario_document.hpp"

namespace kapsim::models {

// Throws InputError naming the YAML line of the unit or route at fault. A scenario with dated
// changes may reach a unit only after a change, which fold_dated_changes checks instead.
void check_pathway_graph(const Scenario& scenario, const ScenarioDocument& document, bool every_unit_reached = true);

}  // namespace kapsim::models
