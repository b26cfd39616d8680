#include "app/report/results_bundle.hpp"

#include <cmath>
#include <fstream>
#include <limits>
#include <sstream>

#include <fmt/format.h>

#include "app/compare_command.hpp"
#include "app/csv_text.hpp"
#include "app/report/results_files.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"

namespace kapsim::app::report {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
const char* const results_hint = "give the --out directory of kapsim run, compare or capacity";

double number_or_nan(const nlohmann::json& j) { return j.is_number() ? j.get<double>() : nan; }

double csv_number(const std::string& cell) {
    if (cell.empty()) return nan;
    try {
        return std::stod(cell);
    } catch (const std::exception&) {
        return nan;
    }
}

CapacityCurve read_capacity_csv(const std::filesystem::path& path) {
    std::istringstream in(read_results_text(path));
    CapacityCurve curve;
    std::string line;
    int line_number = 0;
    bool header = true;
    while (std::getline(in, line)) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        if (header) {
            header = false;
            continue;
        }
        const auto cells = csv_fields(line);
        if (cells.size() != 9)
            throw models::InputError({path.string(), line_number, 1}, "expected 9 columns: capacity,section,id,metric,mean,sd,ci_low,ci_high,n",
                                     "the file may have been edited or cut short; run kapsim capacity again");
        const auto capacity = static_cast<std::size_t>(csv_number(cells[0]));
        if (curve.points.empty() || curve.points.back().capacity != capacity) curve.points.push_back({capacity, {}});
        const std::string key = cells[1] + "." + cells[2] + "." + cells[3];
        if (cells[1] == "units") curve.unit = cells[2];
        if (curve.points.size() == 1) curve.metric_order.push_back(key);
        curve.points.back().metrics[key] = {csv_number(cells[4]), csv_number(cells[5]), csv_number(cells[6]),
                                            csv_number(cells[7]), static_cast<std::size_t>(std::max(0.0, csv_number(cells[8])))};
    }
    if (curve.points.empty())
        throw models::InputError({path.string(), 0, 0}, "the capacity curve holds no rows", "run kapsim capacity again");
    return curve;
}

// A recorded scenario path, relative to where kapsim ran if it is not found from here.
std::string resolve(const std::string& file, const nlohmann::json& manifest) {
    namespace fs = std::filesystem;
    if (file.empty() || fs::path(file).is_absolute() || fs::exists(file)) return file;
    if (manifest.contains("working_directory") && manifest["working_directory"].is_string()) {
        const fs::path there = fs::path(manifest["working_directory"].get<std::string>()) / file;
        if (fs::exists(there)) return there.string();
    }
    return file;
}

std::optional<models::Scenario> try_load(const std::string& file, const std::vector<std::string>& overrides,
                                         const std::string& hash) {
    try {
        auto s = models::load_scenario(file, overrides);
        if (s.content_hash == hash) return s;
    } catch (const std::exception&) {
        // A file that no longer reads is reported as "could not be read again".
    }
    return std::nullopt;
}

std::vector<std::string> command_line_of(const nlohmann::json& manifest) {
    std::vector<std::string> out;
    if (manifest.contains("command_line") && manifest["command_line"].is_array())
        for (const auto& t : manifest["command_line"])
            if (t.is_string()) out.push_back(t.get<std::string>());
    return out;
}

std::string option_value(const std::vector<std::string>& argv, const std::string& name) {
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] == name && i + 1 < argv.size()) return argv[i + 1];
        if (argv[i].rfind(name + "=", 0) == 0) return argv[i].substr(name.size() + 1);
    }
    return {};
}

// Reads each variant's scenario again, from its file and the recorded command line, and keeps
// it only if it hashes to what was run.
void reload_scenarios(ResultsBundle& b) {
    const auto argv = command_line_of(b.manifest);
    const auto sets = recorded_overrides(argv);
    for (std::size_t i = 0; i < b.variants.size(); ++i) {
        auto& v = b.variants[i];
        if (v.file.empty() || v.content_hash.empty()) continue;
        const std::string file = resolve(v.file, b.manifest);
        if (b.command == "capacity") {
            const auto base = [&]() -> std::optional<models::Scenario> {
                try {
                    return models::load_scenario(file, sets);
                } catch (const std::exception&) {
                    return std::nullopt;
                }
            }();
            if (!base || !b.capacity) continue;
            for (const auto& unit : base->units)
                if (unit.id == b.capacity->unit) {
                    const auto* kind = models::find_unit_kind(unit.kind);
                    if (!kind || kind->capacity_key.empty()) break;
                    b.capacity->kind = unit.kind;
                    if (i < b.capacity->points.size()) {
                        auto overrides = sets;
                        overrides.push_back(fmt::format("units.{}.{}={}", unit.id, kind->capacity_key,
                                                        b.capacity->points[i].capacity));
                        v.scenario = try_load(file, overrides, v.content_hash);
                    }
                }
            continue;
        }
        v.scenario = try_load(file, sets, v.content_hash);
        if (!v.scenario && b.command == "compare") {
            try {
                for (const auto& [name, changes] : read_variants(file)) {
                    if (name != v.name) continue;
                    auto overrides = sets;
                    overrides.insert(overrides.end(), changes.begin(), changes.end());
                    overrides.push_back("scenario.name=" + name);
                    v.scenario = try_load(file, overrides, v.content_hash);
                }
            } catch (const std::exception&) {
                // No variants section: the variant was a file of its own, and it has changed.
            }
        }
    }
}

}  // namespace

bool Figure::defined() const { return std::isfinite(mean); }

Figure figure_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return {nan, nan, nan, nan, 0};
    const auto n = j.contains("n") && j["n"].is_number() ? j["n"].get<std::size_t>() : std::size_t{0};
    return {number_or_nan(j.value("mean", nlohmann::json())), number_or_nan(j.value("sd", nlohmann::json())),
            number_or_nan(j.value("ci_low", nlohmann::json())), number_or_nan(j.value("ci_high", nlohmann::json())), n};
}

std::string resolved_file(const ResultsBundle& results, const std::string& file) { return resolve(file, results.manifest); }

const models::Scenario* ResultsBundle::any_scenario() const {
    for (const auto& v : variants)
        if (v.scenario) return &*v.scenario;
    return nullptr;
}

std::vector<std::string> recorded_overrides(const std::vector<std::string>& argv) {
    std::vector<std::string> out;
    for (std::size_t i = 0; i < argv.size(); ++i) {
        if (argv[i] == "--set" && i + 1 < argv.size()) out.push_back(argv[++i]);
        else if (argv[i].rfind("--set=", 0) == 0) out.push_back(argv[i].substr(6));
    }
    return out;
}

ResultsBundle load_results(const std::filesystem::path& dir) {
    namespace fs = std::filesystem;
    if (!fs::is_directory(dir))
        throw models::InputError({dir.string(), 0, 0}, "no such results directory", results_hint);
    ResultsBundle b;
    b.dir = dir;
    if (fs::exists(dir / "manifest.json")) {
        b.manifest = read_results_json(dir / "manifest.json");
        check_manifest(dir / "manifest.json", b.manifest);
    } else {
        b.manifest = nlohmann::json::object();
    }
    if (b.manifest.contains("command") && b.manifest["command"].is_string())
        b.command = b.manifest["command"].get<std::string>();
    else if (fs::exists(dir / "compare.json"))
        b.command = "compare";
    else if (fs::exists(dir / "capacity.csv"))
        b.command = "capacity";
    else if (fs::exists(dir / "summary.json"))
        b.command = "run";
    else
        throw models::InputError({dir.string(), 0, 0}, "no manifest.json, summary.json, compare.json or capacity.csv here",
                                 results_hint);

    const auto variant_from_summary = [](const fs::path& file, const std::string& fallback_name) {
        nlohmann::json summary = read_results_json(file);
        check_summary(file, summary);
        VariantResults v;
        const auto& s = summary.contains("scenario") ? summary["scenario"] : nlohmann::json::object();
        v.name = s.contains("name") && s["name"].is_string() ? s["name"].get<std::string>() : fallback_name;
        v.file = s.contains("file") && s["file"].is_string() ? s["file"].get<std::string>() : "";
        v.content_hash = s.contains("content_hash") && s["content_hash"].is_string() ? s["content_hash"].get<std::string>() : "";
        v.summary = std::move(summary);
        return v;
    };

    if (b.command == "run") {
        b.variants.push_back(variant_from_summary(dir / "summary.json", "scenario"));
    } else if (b.command == "compare") {
        b.compare = read_results_json(dir / "compare.json");
        check_compare(dir / "compare.json", b.compare);
        if (!b.compare.contains("metrics")) b.compare["metrics"] = nlohmann::json::object();
        for (const auto& entry : b.compare["variants"]) {
            const std::string name = entry.value("name", "");
            const fs::path summary = dir / "variants" / name / "summary.json";
            if (name.empty() || !fs::exists(summary))
                throw models::InputError({summary.string(), 0, 0}, fmt::format("variant '{}' has no summary.json", name),
                                         "the directory is incomplete; run kapsim compare again");
            auto v = variant_from_summary(summary, name);
            v.name = name;  // compare.json's name is the one its metrics are filed under
            b.variants.push_back(std::move(v));
        }
    } else if (b.command == "capacity") {
        b.capacity = read_capacity_csv(dir / "capacity.csv");
        const auto& scenarios = b.manifest.contains("scenarios") && b.manifest["scenarios"].is_array()
                                    ? b.manifest["scenarios"]
                                    : nlohmann::json::array();
        for (std::size_t i = 0; i < b.capacity->points.size(); ++i) {
            VariantResults v;
            v.name = fmt::format("{}", b.capacity->points[i].capacity);
            if (i < scenarios.size()) {
                v.file = scenarios[i].value("file", "");
                v.content_hash = scenarios[i].value("content_hash", "");
                v.summary["scenario"] = scenarios[i];
            }
            b.variants.push_back(std::move(v));
        }
    } else {
        throw models::InputError({(dir / "manifest.json").string(), 0, 0},
                                 fmt::format("kapsim report reads the output of run, compare or capacity, not of '{}'",
                                             b.command),
                                 results_hint);
    }
    if (b.command == "capacity" && b.capacity->unit.empty())
        b.capacity->unit = option_value(command_line_of(b.manifest), "--unit");
    reload_scenarios(b);
    return b;
}

}  // namespace kapsim::app::report
