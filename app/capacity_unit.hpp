#pragma once
// The unit whose capacity a search varies (`capacity`, `optimize`): found by its id, with a
// capacity to vary, and the range of capacities given for it.
#include <cstddef>
#include <string>
#include <utility>

#include "models/scenario.hpp"
#include "models/unit_kinds.hpp"

namespace kapsim::app {

struct CapacityUnit {
    std::size_t index = 0;  // in the scenario's units
    const models::UnitKind* kind = nullptr;
    std::string key;  // the path that sets its capacity: units.avd7.beds
};

// Throws InputError with a hint for a unit the scenario does not have (naming its units) and
// for one whose kind has no capacity (naming those that have).
CapacityUnit find_capacity_unit(const models::Scenario& scenario, const std::string& file, const std::string& unit);

// "12..18": whole numbers, first <= last. `option` is how the user gave it ("--range 12..18").
std::pair<std::size_t, std::size_t> parse_capacity_range(const std::string& text, const std::string& option);

}  // namespace kapsim::app
