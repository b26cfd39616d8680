#pragma once
// One replication of a scenario: builds the units and arrival sources from the Scenario,
// runs the warm-up and the observed period, and returns plain numbers.
#include <cstddef>
#include <string>
#include <vector>

#include "scenario.hpp"

namespace kapsim::models {

// Names of the metrics every replication reports, in order: (unit id, metric).
struct MetricKey {
    std::string unit;
    std::string metric;
};
std::vector<MetricKey> metric_catalog(const Scenario& scenario);

struct ReplicationResult {
    std::vector<double> metrics;                             // aligned with metric_catalog()
    std::vector<std::vector<double>> occupancy_distribution;  // per unit: share of time at each level
    std::vector<double> arrival_times;                       // every arrival, if asked for
};

struct ReplicationOptions {
    bool record_arrivals = false;  // for tests of common random numbers
};

ReplicationResult run_replication(const Scenario& scenario, std::size_t replication, ReplicationOptions options = {});

}  // namespace kapsim::models
