#pragma once
// `kapsim warmup`: the data for choosing a warm-up by Welch's method. Every replication
// starts empty; the mean occupancy of each day, averaged over replications and smoothed
// with a moving average, shows when the start-up has worn off.
#include <string>
#include <vector>

#include "experiment.hpp"

namespace kapsim::app {

struct WarmupRequest {
    std::string file;
    int window_days = 30;  // half-width of Welch's moving average
    RunSettings settings;
};

// Welch's moving average of `series` with half-width w: point i averages the 2w + 1 points
// around it, or the 2i + 1 points from the start while i < w (0-based). The last w points
// have no full window and are left out.
std::vector<double> welch_moving_average(const std::vector<double>& series, std::size_t w);

int warmup_command(const WarmupRequest& request);

}  // namespace kapsim::app
