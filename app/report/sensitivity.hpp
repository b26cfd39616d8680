#pragma once
// The uncertainty of the assumptions, from a sweep's results: how far each metric moves over
// the assumption points, which assumption moves it most (one at a time on a grid, partial rank
// correlation on a sample), and how often one alternative beats another when both meet the
// same assumptions. Everything is computed from sweep.csv; nothing is run again.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kapsim::app::report {

// A sweep's results as sweep.csv holds them: the point means of every metric.
struct SweepResults {
    std::filesystem::path dir;
    nlohmann::json manifest;  // empty object when the directory has none
    std::string name;         // the sweep's name, from the files' comment line
    std::vector<std::string> parameters;              // the swept paths, as in sweep.csv's header
    std::vector<std::vector<std::string>> values;     // [point][parameter]: the value as written
    std::vector<std::string> metrics;                 // "section.id.metric", in the file's order
    std::vector<std::vector<double>> means;           // [metric][point]; NaN where missing
    std::size_t points() const { return values.size(); }
    std::optional<std::size_t> parameter_index(const std::string& path) const;
    std::optional<std::size_t> metric_index(const std::string& key) const;
};

// Throws models::InputError for a directory without a sweep.csv, or a damaged one.
SweepResults load_sweep(const std::filesystem::path& dir);

// "1.5/day" -> 1.5, "16" -> 16, "9d" -> 9; nullopt for a list, a mapping or a date.
std::optional<double> leading_number(const std::string& value);

// --- The statistics, on plain numbers so that they can be checked by hand -------------------

// The spread of the point means: smallest, 5th and 95th percentile (linear interpolation
// between order statistics), largest. NaNs are left out; n counts the rest.
struct Spread {
    double min, p5, p95, max;
    std::size_t n = 0;
};
Spread spread_of(std::vector<double> values);

// The levels of each parameter over the points: distinct values, in the sweep's order
// (numbers sorted ascending), and each point's level.
struct Levels {
    std::vector<std::vector<std::string>> of_parameter;  // [parameter][level]
    std::vector<std::vector<std::size_t>> at;            // [point][parameter]
};
Levels levels_of(const std::vector<std::vector<std::string>>& values);

// Whether the points are the full grid over the levels (every combination exactly once).
bool is_full_grid(const Levels& levels);

// One-at-a-time swing of `parameter` on a grid: the mean of y at each of its levels with every
// other parameter in `others` at its `base` level. NaN where no point has that combination.
struct Swing {
    std::size_t parameter = 0;
    std::vector<double> at_level;  // [level]
    double low = 0, high = 0;      // smallest and largest of at_level
    double width() const { return high - low; }
};
Swing one_at_a_time(const Levels& levels, const std::vector<double>& y, std::size_t parameter,
                    const std::vector<std::size_t>& others, const std::vector<std::size_t>& base);

// Partial rank correlation of each column of x (x[point][parameter]) with y, with a
// percentile bootstrap 95 % interval from `resamples` resamples of the points drawn with a
// fixed seed, so the same results always give the same interval.
struct Correlation {
    double coefficient = 0, low = 0, high = 0;
};
std::vector<Correlation> partial_rank_correlations(const std::vector<std::vector<double>>& x, const std::vector<double>& y,
                                                   std::size_t resamples = 1000, std::uint64_t seed = 20261130);

// Pairs of values of two alternatives at the same assumptions: how often a's is below, the
// same as, or above b's.
struct Comparison {
    std::size_t pairs = 0, below = 0, same = 0, above = 0;
};
Comparison compare_pairs(const std::vector<double>& a, const std::vector<double>& b);

}  // namespace kapsim::app::report
