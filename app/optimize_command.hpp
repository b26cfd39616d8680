#pragma once
// `kapsim optimize`: the capacities of several units at once (beds at the ward, TNE places,
// LARO slots) that meet every target at the least total cost per year (optimize_search.hpp).
#include <cstddef>
#include <string>
#include <vector>

#include "experiment.hpp"

namespace kapsim::app {

struct OptimizeRequest {
    std::string file;
    std::vector<std::string> units;    // --unit (repeatable), at least one
    std::vector<std::string> ranges;   // --range avd7=10..20; a unit without one gets 1..2 x its capacity
    std::vector<std::string> targets;  // --target 'avd7.p_diverted<=0.05': UNIT.METRIC or a whole path
    double confidence = 0.95;
    std::size_t max_replications = 1000;  // --max-reps: per combination
    bool json = false;
    RunSettings settings;
};

// Combinations beyond this are refused (unless --allow-large): each is simulated at least once.
inline constexpr std::size_t optimize_combinations_at_most = 2000;

int optimize_command(const OptimizeRequest& request);

}  // namespace kapsim::app
