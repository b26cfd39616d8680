#pragma once
// What a results directory holds, read back for the report: the manifest, each variant's
// summary.json, compare.json or capacity.csv, and, where the scenario files still read to the
// same content hash, the scenarios themselves (for capacities, the model listing and the
// inputs). The report never re-runs anything: every figure comes from the files.
#include <cstddef>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "models/scenario.hpp"

namespace kapsim::app::report {

// {mean, sd, ci_low, ci_high, n} as written; null reads as NaN.
struct Figure {
    double mean;
    double sd;
    double ci_low;
    double ci_high;
    std::size_t n;
    bool defined() const;
};
Figure figure_from_json(const nlohmann::json& j);

struct VariantResults {
    std::string name;
    nlohmann::json summary;  // summary.json (empty for a capacity curve)
    std::optional<models::Scenario> scenario;
    std::string file;
    std::string content_hash;
};

// One capacity of a capacity curve: "units.<id>.<metric>" or "payers.<payer>.cost_per_year".
struct CapacityPoint {
    std::size_t capacity = 0;
    std::map<std::string, Figure> metrics;
};

struct CapacityCurve {
    std::string unit;
    std::string kind;  // empty when the scenario could not be read again
    std::vector<CapacityPoint> points;
    std::vector<std::string> metric_order;  // as in capacity.csv
};

struct ResultsBundle {
    std::filesystem::path dir;
    std::string command;      // "run", "compare" or "capacity"
    nlohmann::json manifest;  // empty object when the directory has none
    std::vector<VariantResults> variants;  // run: one; compare: the base first; capacity: one per point
    nlohmann::json compare;                // compare.json, for compare
    std::optional<CapacityCurve> capacity;  // for capacity

    const VariantResults& base() const { return variants.front(); }
    // The base's scenario, or the first one that could be read again.
    const models::Scenario* any_scenario() const;
};

// Throws models::InputError when the directory is not the output of run, compare or capacity.
ResultsBundle load_results(const std::filesystem::path& dir);

// A scenario file as recorded, found from here: as written, or relative to the directory
// kapsim ran in (manifest.json's working_directory).
std::string resolved_file(const ResultsBundle& results, const std::string& file);

// The values of every `--set` on a recorded command line ("--set a=1" and "--set=a=1").
std::vector<std::string> recorded_overrides(const std::vector<std::string>& command_line);

}  // namespace kapsim::app::report
