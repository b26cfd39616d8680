#include "app/report/results_files.hpp"

#include <fstream>

#include <fmt/format.h>

#include "models/input_error.hpp"

namespace kapsim::app::report {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

const char* const rerun_hint = "the file may have been edited, damaged or cut short; run the simulation again";

[[noreturn]] void fail(const fs::path& file, int line, int column, const std::string& what, const std::string& hint = rerun_hint) {
    throw models::InputError({file.string(), line, column}, what, hint);
}

std::string type_name(const json& j) {
    switch (j.type()) {
        case json::value_t::null: return "null";
        case json::value_t::object: return "an object";
        case json::value_t::array: return "an array";
        case json::value_t::string: return "a string";
        case json::value_t::boolean: return "true or false";
        case json::value_t::binary: return "binary data";
        case json::value_t::discarded: return "nothing";
        default: return "a number";
    }
}

// The line and column of a byte offset, for messages about the text itself.
std::pair<int, int> line_and_column(const std::string& text, std::size_t offset) {
    int line = 1, column = 1;
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++line;
            column = 1;
        } else {
            ++column;
        }
    }
    return {line, column};
}

// Counts nesting outside strings before the parser sees the text, so a file of 200 000 '['
// is refused without recursing.
void check_depth(const fs::path& file, const std::string& text) {
    std::size_t depth = 0;
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') ++i;
            else if (c == '"') in_string = false;
        } else if (c == '"') {
            in_string = true;
        } else if (c == '[' || c == '{') {
            if (++depth > max_json_depth) {
                const auto [line, column] = line_and_column(text, i);
                fail(file, line, column, fmt::format("JSON nested more than {} levels deep", max_json_depth));
            }
        } else if ((c == ']' || c == '}') && depth > 0) {
            --depth;
        }
    }
}

// Checks values at JSON pointers, naming the first that is wrong.
class Shape {
public:
    explicit Shape(const fs::path& file) : file_(file) {}

    [[noreturn]] void wrong(const json::json_pointer& at, const json& value, const std::string& expected) const {
        fail(file_, 0, 0,
             at.empty() ? fmt::format("the whole file is {}, expected {}", type_name(value), expected)
                        : fmt::format("'{}' is {}, expected {}", at.to_string(), type_name(value), expected));
    }

    void object(const json::json_pointer& at, const json& j) const {
        if (!j.is_object()) wrong(at, j, "an object");
    }
    void string(const json::json_pointer& at, const json& j) const {
        if (!j.is_string()) wrong(at, j, "a string");
    }
    void number_or_null(const json::json_pointer& at, const json& j) const {
        if (!j.is_number() && !j.is_null()) wrong(at, j, "a number or null");
    }
    void count(const json::json_pointer& at, const json& j) const {
        if (!j.is_number() || j.get<double>() < 0) wrong(at, j, "a count (a number not below 0)");
    }
    // The optional members of an object, each checked by `check` when present.
    template <typename Check>
    void optional(const json::json_pointer& at, const json& j, const char* key, Check check) const {
        if (j.contains(key)) check(at / key, j.at(key));
    }
    void strings(const json::json_pointer& at, const json& j, std::initializer_list<const char*> keys) const {
        for (const char* k : keys) optional(at, j, k, [this](const auto& p, const json& v) { string(p, v); });
    }
    void numbers(const json::json_pointer& at, const json& j, std::initializer_list<const char*> keys) const {
        for (const char* k : keys) optional(at, j, k, [this](const auto& p, const json& v) { number_or_null(p, v); });
    }
    // {mean, sd, ci_low, ci_high, n}
    void figure(const json::json_pointer& at, const json& j) const {
        object(at, j);
        numbers(at, j, {"mean", "sd", "ci_low", "ci_high"});
        optional(at, j, "n", [this](const auto& p, const json& v) { count(p, v); });
    }
    // A metric in one calendar year: {year, days, mean, sd, ci_low, ci_high, n, p05, p25, p75, p95}.
    void year_figure(const json::json_pointer& at, const json& j) const {
        figure(at, j);
        if (!j.contains("year")) wrong(at / "year", json(), "a year");
        count(at / "year", j.at("year"));
        numbers(at, j, {"days", "p05", "p25", "p75", "p95"});
    }
    void array_of(const json::json_pointer& at, const json& j, void (Shape::*each)(const json::json_pointer&, const json&) const) const {
        if (!j.is_array()) wrong(at, j, "an array");
        for (std::size_t i = 0; i < j.size(); ++i) (this->*each)(at / i, j[i]);
    }

private:
    fs::path file_;
};

}  // namespace

std::string read_results_text(const fs::path& path) {
    std::error_code ec;
    if (!fs::exists(path, ec)) fail(path, 0, 0, "no such file", "give the --out directory of kapsim run, compare or capacity");
    if (!fs::is_regular_file(path, ec)) fail(path, 0, 0, "not a regular file", "a results file is a plain file that kapsim wrote");
    const auto size = fs::file_size(path, ec);
    if (!ec && size > max_results_file_bytes)
        fail(path, 0, 0, fmt::format("the file is {} MB; a results file kapsim writes stays below {} MB", size >> 20,
                                     max_results_file_bytes >> 20));
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, 0, 0, "cannot read the file", "check the file's permissions");
    // Read no more than the limit even if the file grows while it is read.
    std::string text(max_results_file_bytes + 1, '\0');
    in.read(text.data(), static_cast<std::streamsize>(text.size()));
    text.resize(static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_results_file_bytes)
        fail(path, 0, 0, fmt::format("the file is larger than {} MB", max_results_file_bytes >> 20));
    return text;
}

json read_results_json(const fs::path& path) {
    const std::string text = read_results_text(path);
    check_depth(path, text);
    try {
        return json::parse(text);
    } catch (const json::parse_error& e) {
        const auto [line, column] = line_and_column(text, e.byte > 0 ? e.byte - 1 : 0);
        fail(path, line, column, "not valid JSON", rerun_hint);
    }
}

void check_summary(const fs::path& file, const json& s) {
    const Shape shape(file);
    const json::json_pointer root;
    shape.object(root, s);
    shape.strings(root, s, {"kapsim_version", "created"});
    shape.numbers(root, s, {"seed", "replications", "confidence_level", "schema_version"});
    shape.optional(root, s, "scenario", [&](const auto& at, const json& j) {
        shape.object(at, j);
        shape.strings(at, j, {"name", "description", "file", "content_hash", "start"});
        shape.numbers(at, j, {"warmup_days", "run_length_days"});
    });
    shape.optional(root, s, "units", [&](const auto& at, const json& units) {
        shape.object(at, units);
        for (const auto& [id, unit] : units.items()) {
            const auto u = at / id;
            shape.object(u, unit);
            for (const auto& [metric, value] : unit.items()) {
                if (metric == "kind") shape.string(u / metric, value);
                else if (metric == "occupancy_distribution") {
                    if (!value.is_array()) shape.wrong(u / metric, value, "an array");
                    for (std::size_t i = 0; i < value.size(); ++i) shape.number_or_null(u / metric / i, value[i]);
                } else if (metric == "occupancy_by_month") shape.array_of(u / metric, value, &Shape::figure);
                else {
                    shape.figure(u / metric, value);
                    shape.optional(u / metric, value, "by_year",
                                   [&](const auto& p, const json& years) { shape.array_of(p, years, &Shape::year_figure); });
                }
            }
        }
    });
    shape.optional(root, s, "payers", [&](const auto& at, const json& payers) {
        shape.object(at, payers);
        for (const auto& [payer, metrics] : payers.items()) {
            shape.object(at / payer, metrics);
            for (const auto& [metric, value] : metrics.items()) shape.figure(at / payer / metric, value);
        }
    });
}

void check_compare(const fs::path& file, const json& c) {
    const Shape shape(file);
    const json::json_pointer root;
    shape.object(root, c);
    shape.strings(root, c, {"kapsim_version", "created", "base"});
    shape.numbers(root, c, {"seed", "replications", "schema_version"});
    shape.optional(root, c, "variance_reduction_median", [&](const auto& at, const json& j) { shape.number_or_null(at, j); });
    if (!c.contains("variants")) fail(file, 0, 0, "compare.json lists no variants", "run kapsim compare again");
    const auto variants = root / "variants";
    if (!c["variants"].is_array()) shape.wrong(variants, c["variants"], "an array");
    if (c["variants"].empty()) fail(file, 0, 0, "compare.json lists no variants", "run kapsim compare again");
    for (std::size_t i = 0; i < c["variants"].size(); ++i) {
        const auto& v = c["variants"][i];
        shape.object(variants / i, v);
        if (!v.contains("name")) fail(file, 0, 0, fmt::format("'{}' has no name", (variants / i).to_string()), rerun_hint);
        shape.strings(variants / i, v, {"name", "file", "content_hash"});
        // The name is a folder under variants/: never a path that leads elsewhere.
        const std::string name = v["name"].get<std::string>();
        if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos || name.find('\0') != std::string::npos)
            fail(file, 0, 0, fmt::format("'{}' is not a variant's folder name: '{}'", (variants / i / "name").to_string(), name));
    }
    shape.optional(root, c, "metrics", [&](const auto& at, const json& metrics) {
        shape.object(at, metrics);
        for (const auto& [variant, sections] : metrics.items()) {
            shape.object(at / variant, sections);
            for (const auto& [section, ids] : sections.items()) {
                shape.object(at / variant / section, ids);
                for (const auto& [id, by_metric] : ids.items()) {
                    const auto here = at / variant / section / id;
                    shape.object(here, by_metric);
                    for (const auto& [metric, value] : by_metric.items()) {
                        shape.figure(here / metric, value);
                        shape.optional(here / metric, value, "difference",
                                       [&](const auto& p, const json& d) { shape.figure(p, d); });
                        shape.optional(here / metric, value, "variance_reduction", [&](const auto& p, const json& r) {
                            if (!(r.is_number() || r.is_null() || r == "exact")) shape.wrong(p, r, "a number, null or \"exact\"");
                        });
                    }
                }
            }
        }
    });
}

void check_manifest(const fs::path& file, const json& m) {
    const Shape shape(file);
    const json::json_pointer root;
    shape.object(root, m);
    shape.strings(root, m, {"command", "working_directory", "kapsim_version", "started", "ended"});
    shape.optional(root, m, "command_line", [&](const auto& at, const json& j) { shape.array_of(at, j, &Shape::string); });
    shape.optional(root, m, "scenarios", [&](const auto& at, const json& list) {
        if (!list.is_array()) shape.wrong(at, list, "an array");
        for (std::size_t i = 0; i < list.size(); ++i) {
            shape.object(at / i, list[i]);
            shape.strings(at / i, list[i], {"name", "file", "content_hash", "start"});
            shape.numbers(at / i, list[i], {"seed", "replications", "warmup_days", "run_length_days"});
        }
    });
}

}  // namespace kapsim::app::report
