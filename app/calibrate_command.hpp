#pragma once
// `kapsim calibrate`: find the value of a parameter the documents do not give (say the acute
// arrival rate) that makes a simulated metric match what was observed (say spring
// occupancy), by a bracketing root search on simulations under common random numbers; or the
// values of several parameters that match as many targets at once (calibrate_several.hpp).
#include <string>
#include <vector>

#include "experiment.hpp"

namespace kapsim::app {

struct CalibrateRequest {
    std::string file;
    std::vector<std::string> targets;  // METRIC=VALUE, e.g. units.avd7.occupancy_pct[3-5]=114
    std::vector<std::string> vary;     // scenario paths holding a number, with or without a unit
    std::string bracket;  // optional LOW..HIGH, in the parameter's own unit (one parameter only)
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
// The metric's value in each replication of `outcome`. units.<id>.admitted_per_year, where the
// unit's kind has no metric of that name (a ward counts acute and planned admissions apart),
// is the sum of the unit's admissions: what a region counts as admitted a year.
std::vector<double> metric_values(const RunOutcome& outcome, const MetricPath& path);

// A target as given: METRIC=VALUE.
struct CalibrationTarget {
    std::string text;
    MetricPath metric;
    double value = 0;
};
CalibrationTarget parse_target(const std::string& text);

// A parameter's current text split into its number and the unit after it: "1.2/day".
struct ParameterValue {
    double number;
    std::string unit;
};
ParameterValue read_parameter(const std::string& file, const std::vector<std::string>& overrides, const std::string& path);

int calibrate_command(const CalibrateRequest& request);

}  // namespace kapsim::app
