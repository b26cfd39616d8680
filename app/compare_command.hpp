#pragma once
// `kapsim compare`: a base scenario and its variants under common random numbers, with the
// paired difference of every metric against the base and the variance reduction pairing
// achieved.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiment.hpp"

namespace kapsim::app {

struct CompareRequest {
    std::vector<std::string> files;  // base first; or one file with a `variants:` section
    RunSettings settings;            // --set applies to every variant
    bool json = false;               // compare.json on stdout instead of the table
    YearResults years = YearResults::when_changing;  // --by-year / --whole-period
    std::optional<PrecisionGoal> precision;  // --precision: replications until the intervals are narrow
    std::string sensitivity;  // --sensitivity SWEEP_DIR: the sweep the report tells with the comparison
};

// The paired difference of one metric, variant minus base, replication by replication.
struct PairedDifference {
    sim::Estimate difference;
    // Var(base) + Var(variant) over Var(difference): how many times more replications
    // independent runs would need for the same interval. Infinite when the difference never
    // varies; NaN when nothing varies at all.
    double variance_reduction;
};

PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& variant);

// Each variant's name and its overrides, from a scenario file's `variants:` section.
std::vector<std::pair<std::string, std::vector<std::string>>> read_variants(const std::string& file);

int compare_command(const CompareRequest& request);

}  // namespace kapsim::app
