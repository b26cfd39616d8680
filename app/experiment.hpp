#pragma once
// Runs a scenario's replications and aggregates them: the plain result every writer reads.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/care_system.hpp"
#include "models/scenario.hpp"
#include "sim/estimate.hpp"

namespace kapsim::app {

struct RunOutcome {
    models::Scenario scenario;
    std::vector<models::MetricKey> keys;
    std::vector<models::ReplicationResult> replications;
    std::vector<sim::Estimate> estimates;  // aligned with keys
    // Per unit, the mean over replications of the share of time at each occupancy level.
    std::vector<std::vector<double>> occupancy_distribution;
    double wall_seconds = 0;
};

RunOutcome run_scenario(models::Scenario scenario, int threads);

// What every simulating command is told besides its files: overrides, replications, seed,
// threads, where to write, and the command line for manifest.json.
struct RunSettings {
    std::vector<std::string> overrides;  // --set path=value
    std::optional<std::size_t> replications;
    std::optional<std::uint64_t> seed;
    int threads = 0;      // 0 = all cores
    std::string out_dir;  // empty = results/<name>-<timestamp>
    std::vector<std::string> command_line;
};

}  // namespace kapsim::app
