#pragma once
// A sweep file: which scenario to vary, which values each parameter takes, and the points
// of the design (every combination, or a Latin hypercube sample). A point is a list of
// `--set path=value` overrides of the scenario, so a point runs exactly as
// `kapsim run SCENARIO --set ...` would.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/input_error.hpp"

namespace kapsim::app {

struct SweepParameter {
    std::string path;              // a scenario path, as for --set: units.ward.capacity
    models::SourceLocation where;  // of the parameter's key in the sweep file
    // Discrete values as written, units included ("14", "1.5/day", "9d"). Empty for a
    // continuous range of a Latin hypercube, which is sampled between `from` and `to`.
    std::vector<std::string> values;
    std::vector<models::SourceLocation> value_where;  // of each value (a range's: the range)
    double from = 0;
    double to = 0;
    std::string unit;  // appended to every sampled number: "/day", "d"
    // Parameters of one dimension move together: linked paths take their i-th values at the
    // same points (`together:`, or one key naming several paths). Each other parameter is
    // its own dimension.
    std::size_t dimension = 0;
};

struct MetricPattern {
    std::string text;  // section.id.metric; any part may be '*'
    models::SourceLocation where;
};

struct SweepDesign {
    std::string file;           // the sweep file
    std::string name;           // `name:`, or the sweep file's stem
    std::string scenario_file;  // resolved against the sweep file's folder
    std::optional<std::size_t> replications;
    std::optional<std::uint64_t> seed;
    std::string design;  // "grid" or "latin_hypercube"
    std::uint64_t design_seed = 1;
    std::vector<SweepParameter> parameters;
    std::vector<std::vector<std::string>> points;  // [point][parameter]: the value as written
    std::vector<MetricPattern> metrics;            // empty: every metric
    models::SourceLocation replications_where;
    models::SourceLocation seed_where;
};

// Reads and checks a sweep file. Throws models::InputError (file, line, column, hint) for
// anything malformed: unknown keys, an unknown design, empty lists, ranges that run
// backwards or have no steps. Whether the paths and values suit the scenario is checked
// when each point's scenario is loaded.
SweepDesign read_sweep(const std::string& file);

// The sweep's replications and seed as overrides, so each point's content hash covers them.
std::vector<std::string> base_overrides(const SweepDesign& design);
// "path=value" for every parameter at `point`, after the base overrides.
std::vector<std::string> point_overrides(const SweepDesign& design, std::size_t point);

// The points of a full grid over `values` (one list per parameter), the last parameter
// varying fastest, like nested loops written in the file's order.
std::vector<std::vector<std::size_t>> grid_indices(const std::vector<std::size_t>& value_counts);

// A Latin hypercube of `points` points in [0, 1)^dimensions: each dimension's range is cut
// into `points` equal strata and every stratum holds exactly one point. The same seed gives
// the same sample on every platform.
std::vector<std::vector<double>> latin_hypercube(std::size_t points, std::size_t dimensions, std::uint64_t seed);

}  // namespace kapsim::app
