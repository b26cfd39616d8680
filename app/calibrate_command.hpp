#pragma once
// `kapsim calibrate`: find the value of a parameter the documents do not give (say the acute
// arrival rate) that makes a simulated metric match what was observed (say spring
// occupancy), by a bracketing root search on simulations under common random numbers.
#include <string>

#include "experiment.hpp"

namespace kapsim::app {

struct CalibrateRequest {
    std::string file;
    std::string target;   // METRIC=VALUE, e.g. units.avd7.occupancy_pct[3-5]=114
    std::string vary;     // a scenario path holding a number, with or without a unit
    std::string bracket;  // optional LOW..HIGH, in the parameter's own unit
    double tolerance = 0.001;  // stop when the bracket is this narrow, relative to the value
    RunSettings settings;
};

// A metric read from a run: section.id.metric, or units.<id>.occupancy_pct[M-N] /
// units.<id>.occupancy_mean[M-N] for the day-weighted mean over calendar months M to N.
struct MetricPath {
    std::string text;
    std::string section, id, metric;
    int first_month = 0, last_month = 0;  // 0 = the metric as reported
};
MetricPath parse_metric_path(const std::string& text);
// The metric's value in each replication of `outcome`.
std::vector<double> metric_values(const RunOutcome& outcome, const MetricPath& path);

int calibrate_command(const CalibrateRequest& request);

}  // namespace kapsim::app
