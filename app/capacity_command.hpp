#pragma once
// `kapsim capacity`: the capacity curve of one unit. Each capacity in the range is simulated
// under common random numbers; and, as a quick estimate, one set of runs without a limit
// gives, from the time spent at each occupancy level, the chance that n places are all taken
// and Erlang's loss relation for the chance that an arrival finds them so.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiment.hpp"
#include "sim/estimate.hpp"

namespace kapsim::app {

struct CapacityRequest {
    std::string file;
    std::string unit;
    std::string range;  // "12..18"; with targets, optional (the range searched)
    // --target 'p_diverted<=0.05' (repeatable): find the smallest capacity meeting every one
    // instead of drawing the curve (capacity_target.hpp).
    std::vector<std::string> targets;
    double confidence = 0.95;
    std::size_t max_replications = 1000;  // --max-reps: per capacity, with targets
    bool quick = false;
    bool json = false;  // the curve as JSON on stdout instead of the table
    std::optional<PrecisionGoal> precision;  // --precision: replications until the intervals are narrow
    RunSettings settings;
};

// From the share of time at each occupancy level without a limit (p_k), for n places:
// the share of time with at least n in use, and Erlang's loss relation
// B(n) = p_n / (p_0 + ... + p_n): the share of arrivals that would find n places all taken.
struct QuickEstimate {
    double p_all_taken;
    double p_delayed;
};
QuickEstimate quick_estimate(const std::vector<double>& occupancy_shares, std::size_t places);

int capacity_command(const CapacityRequest& request);

}  // namespace kapsim::app
