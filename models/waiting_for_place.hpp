#pragma once
// Waiting for the next step (utskrivningsklar, ready for discharge): a person whose stay is over
// keeps their place while the next unit has none for them (`pathways.<unit>.wait_for_place`).
// Read with the pathways (scenario_loader.cpp); here: the waits that go round in a circle (which can lock every place for good),
// and the metrics a unit with such waits writes.
#include <string>
#include <vector>

#include "message.hpp"
#include "metric.hpp"
#include "scenario.hpp"

namespace kapsim::models {

// The cost item's `applies_to` that charges only the days a place is kept by someone ready for
// discharge (a municipality's payment responsibility), at a unit with waits for the next step.
inline constexpr std::string_view ready_for_discharge = "ready_for_discharge";

// Units that wait for each other in a circle: each keeps its places for the next, the last for
// the first. When all are full of people waiting, nobody can move again unless some wait has a
// `max`. Each circle once, starting from its first unit in file order.
struct CircularWait {
    std::vector<std::size_t> units;  // in the order of the waits
    bool resolved_by_max = false;    // some wait on the circle has a max
};
std::vector<CircularWait> circular_waits(const Scenario& scenario);
// A warning for each circle, in English and Swedish, for check and the studio.
std::vector<Message> circular_wait_warnings(const Scenario& scenario);
// For `kapsim check`: the waits, and a warning for each circle; empty when there are no waits.
std::string describe_waits_for_place(const Scenario& scenario);
// "avd7 -> hvb -> avd7"
std::string circle_text(const Scenario& scenario, const std::vector<std::size_t>& units);

// The metrics of a unit whose people may wait there for the next step; none for other units,
// so that a scenario without waits has the metrics it always had.
std::vector<MetricSpec> next_step_metrics(const Scenario& scenario, std::size_t unit);

}  // namespace kapsim::models
