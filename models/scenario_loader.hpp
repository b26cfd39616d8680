#pragma once
#include <string>
#include <vector>

#include "scenario.hpp"

namespace kapsim::models {

// Reads, overrides and validates a scenario. Throws InputError naming the file, line and
// column of the first problem, with a hint.
Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides = {});

// A readable account of the model, for `kapsim check`.
std::string describe(const Scenario& scenario);

}  // namespace kapsim::models
