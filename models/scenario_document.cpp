#include "scenario_document.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <system_error>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/quantity.hpp"
#include "sim/random_streams.hpp"

namespace kapsim::models {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::stringstream in(path);
    for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
    return parts;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The item of a list named `key` (its `name:`), or at place `key` counted from 0; an
// undefined node when there is none, or when two items share the name.
YAML::Node list_item(const YAML::Node& list, const std::string& key) {
    YAML::Node found(YAML::NodeType::Undefined);
    int matches = 0;
    for (const auto& item : list)
        if (item.IsMap() && item["name"] && item["name"].IsScalar() && item["name"].Scalar() == key) {
            found.reset(item);
            ++matches;
        }
    if (matches == 1) return found;
    if (matches > 1) return YAML::Node(YAML::NodeType::Undefined);
    if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 10) {
        const auto place = std::stoul(key);
        if (place < list.size()) return list[place];
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

namespace {

YAML::Node parse_file(const std::string& file) {
    std::ifstream in(file, std::ios::binary);
    if (!in) {
        std::error_code unreadable;  // a name too long for the file system names no file
        const bool exists = std::filesystem::exists(file, unreadable);
        throw InputError({file, 0, 0}, exists ? "cannot read the scenario file" : "no such scenario file",
                         exists ? "check the file's permissions"
                                : "check the path; the shipped scenarios are under scenarios/, e.g. "
                                  "scenarios/validation/erlang-c.yaml");
    }
    std::stringstream text;
    text << in.rdbuf();
    YAML::Node root;
    try {
        root = YAML::Load(text.str());
    } catch (const YAML::ParserException& e) {
        throw InputError({file, e.mark.line + 1, e.mark.column + 1}, fmt::format("YAML syntax error: {}", e.msg),
                         "check indentation and that every ':' in a value is quoted");
    }
    if (!root.IsMap())
        throw InputError({file, 1, 1}, "a scenario must be a YAML mapping with 'scenario', 'classes' and 'units'",
                         "see scenarios/validation/erlang-c.yaml for a small complete example");
    return root;
}

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

}  // namespace

void ScenarioDocument::record_origin(const YAML::Node& node, const std::string& path, const std::string& file) {
    origin_[path] = file;
    if (node.IsMap())
        for (const auto& kv : node) record_origin(kv.second, join_path(path, kv.first.as<std::string>()), file);
    else if (node.IsSequence())
        for (std::size_t i = 0; i < node.size(); ++i) record_origin(node[i], join_path(path, std::to_string(i)), file);
}

// Mappings merge key by key; anything else in the variant replaces what the base had.
void ScenarioDocument::overlay(YAML::Node base, const YAML::Node& variant, const std::string& path,
                               const std::string& file) {
    for (const auto& kv : variant) {
        const std::string key = kv.first.as<std::string>();
        const std::string at = join_path(path, key);
        if (base[key] && base[key].IsMap() && kv.second.IsMap()) {
            overlay(base[key], kv.second, at, file);
        } else {
            base[key] = kv.second;
            record_origin(kv.second, at, file);
        }
    }
}

YAML::Node ScenarioDocument::load_with_base(const std::string& file, std::vector<std::string>& chain) {
    std::error_code unreadable;  // e.g. a name too long for the file system: parse_file says so
    std::string canonical = std::filesystem::weakly_canonical(file, unreadable).string();
    if (unreadable) canonical = file;
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end())
        throw InputError({file, 0, 0}, "the scenario extends itself through a chain of 'extends'",
                         "remove the 'extends' that closes the loop");
    chain.push_back(canonical);
    YAML::Node root = parse_file(file);
    if (!root["extends"]) {
        record_origin(root, "", file);
        return root;
    }
    const YAML::Node extends = root["extends"];
    if (!extends.IsScalar())
        throw InputError({file, extends.Mark().line + 1, extends.Mark().column + 1}, "'extends' must name one file",
                         "e.g. extends: avd7-13.yaml (relative to this file)");
    const std::filesystem::path base_file = std::filesystem::path(file).parent_path() / extends.Scalar();
    std::error_code base_unreadable;  // a name too long for the file system names no file
    if (!std::filesystem::exists(base_file, base_unreadable))
        throw InputError({file, extends.Mark().line + 1, extends.Mark().column + 1},
                         fmt::format("the base scenario '{}' does not exist", base_file.string()),
                         "the path is relative to this file's folder");
    YAML::Node base = load_with_base(base_file.string(), chain);
    root.remove("extends");
    overlay(base, root, "", file);
    return base;
}

ScenarioDocument ScenarioDocument::load(const std::string& file, const std::vector<std::string>& overrides) {
    ScenarioDocument doc;
    doc.file_ = file;
    std::vector<std::string> chain;
    doc.root_ = doc.load_with_base(file, chain);

    for (const auto& assignment : overrides) {
        const SourceLocation where{fmt::format("--set {}", assignment), 0, 0};
        const auto eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0)
            throw InputError(where, "an override must look like path=value", "e.g. --set units.avd7.beds=16");
        const std::string path = assignment.substr(0, eq);
        YAML::Node value;
        try {
            value.reset(YAML::Load(assignment.substr(eq + 1)));
        } catch (const YAML::ParserException& e) {
            throw InputError(where, fmt::format("the value is not valid YAML: {}", e.msg));
        }
        const auto parts = split_path(path);
        YAML::Node cur = doc.root_;
        std::string walked;
        for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
            walked += (walked.empty() ? "" : ".") + parts[i];
            YAML::Node next = cur.IsSequence() ? list_item(cur, parts[i]) : YAML::Node(YAML::NodeType::Undefined);
            if (cur.IsMap() && cur[parts[i]]) next.reset(cur[parts[i]]);
            if (!next.IsDefined() || !(next.IsMap() || next.IsSequence()))
                throw InputError(where, fmt::format("'{}' is not a section of the scenario", walked),
                                 "the path must follow the scenario's keys, e.g. units.<unit id>.capacity; an item "
                                 "of a list by its name or its place from 0, e.g. costs.ed_visit.per_admission");
            cur.reset(next);
        }
        if (parts.empty() || !cur.IsMap())
            throw InputError(where, fmt::format("cannot set '{}'", path), "the last part must be a key in a mapping");
        cur[parts.back()] = value;
        doc.overridden_[path] = where.file;
    }
    return doc;
}

std::string ScenarioDocument::canonical_text() const {
    YAML::Emitter out;
    out << root_;
    return out.c_str();
}

std::string ScenarioDocument::content_hash() const {
    return fmt::format("{:016x}", sim::fnv1a64(canonical_text()));
}

SourceLocation ScenarioDocument::locate(const YAML::Node& node, const std::string& path) const {
    for (const auto& [overridden, origin] : overridden_)
        if (path == overridden || path.rfind(overridden + ".", 0) == 0) return {origin, 0, 0};
    // The file the value came from: the longest recorded prefix of its path.
    std::string file = file_;
    for (std::string p = path;; p = p.substr(0, p.rfind('.'))) {
        const auto it = origin_.find(p);
        if (it != origin_.end()) {
            file = it->second;
            break;
        }
        if (p.find('.') == std::string::npos) break;
    }
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

Field Field::required(const std::string& key) const {
    if (!has(key)) {
        const auto name = path_.empty() ? key : path_ + "." + key;
        fail(fmt::format("'{}' is missing", name), fmt::format("add '{}:' here", key));
    }
    return child(key);
}

std::vector<std::string> Field::keys() const {
    std::vector<std::string> out;
    if (node_.IsMap())
        for (const auto& kv : node_) out.push_back(kv.first.as<std::string>());
    return out;
}

Field Field::at(std::size_t i) const { return Field(*doc_, node_[i], fmt::format("{}.{}", path_, i)); }

void Field::expect_map(const std::vector<std::string_view>& allowed, std::string_view what) const {
    if (!node_.IsMap()) fail(fmt::format("'{}' must be a mapping ({})", path_, what), "write it as 'key: value' lines indented under it");
    std::vector<std::string> names(allowed.begin(), allowed.end());
    for (const auto& kv : node_) {
        const auto key = kv.first.as<std::string>();
        if (std::find(names.begin(), names.end(), key) != names.end()) continue;
        const std::string guess = nearest(key, names);
        const std::string hint = guess.empty() ? fmt::format("the keys allowed here are: {}", fmt::join(names, ", "))
                                               : fmt::format("did you mean '{}'?", guess);
        const std::string where = path_.empty() ? key : path_ + "." + key;
        throw InputError(doc_->locate(kv.first, where), fmt::format("unknown key '{}' in {}", key, what), hint);
    }
}

void Field::expect_sequence(std::string_view what) const {
    if (!node_.IsSequence()) fail(fmt::format("'{}' must be a list ({})", path_, what), "write it as [a, b, c]");
}

void Field::fail(const std::string& what, const std::string& hint) const {
    throw InputError(doc_->locate(node_, path_), what, hint);
}

std::string Field::as_string() const {
    if (!node_.IsScalar())
        fail(fmt::format("'{}' must be a single value, not a {}", path_,
                         node_.IsMap() ? "mapping" : node_.IsSequence() ? "list" : "missing value"),
             "write one value after the colon");
    return node_.Scalar();
}

std::string Field::as_identifier() const {
    const std::string s = as_string();
    const bool ok = !s.empty() && std::all_of(s.begin(), s.end(), [](unsigned char c) {
        return std::isalnum(c) || c == '_' || c == '-';
    });
    if (!ok) fail(fmt::format("'{}' is not a valid name", s), "use letters, digits, '_' and '-' only");
    return s;
}

double Field::as_number(double min, double max) const {
    const std::string s = as_string();
    double value = 0;
    try {
        std::size_t used = 0;
        value = std::stod(s, &used);
        if (used != s.size()) throw std::invalid_argument(s);
    } catch (const std::exception&) {
        fail(fmt::format("'{}' must be a number, not '{}'", path_, s), "write a plain number, e.g. 2 or 0.5");
    }
    if (!std::isfinite(value) || value < min || value > max)
        fail(fmt::format("'{}' is {}, outside the sensible range {}..{}", path_, s, min, max),
             "check the value and its unit");
    return value;
}

long long Field::as_integer(long long min, long long max) const {
    const double value = as_number(static_cast<double>(min), static_cast<double>(max));
    if (value != std::floor(value)) fail(fmt::format("'{}' must be a whole number, not {}", path_, as_string()), "write it without decimals");
    return static_cast<long long>(value);
}

double Field::as_duration_days(double min_days, double max_days) const {
    const std::string s = as_string();
    double days = 0;
    try {
        days = sim::parse_duration_days(s);
    } catch (const sim::QuantityError& e) {
        fail(e.what(), "durations carry a unit: 8h, 9d, 2w, 4mo, 1y");
    }
    if (days < min_days || days > max_days)
        fail(fmt::format("'{}' is {}, outside the sensible range {}..{}", path_, s, sim::format_duration(min_days),
                         sim::format_duration(max_days)),
             "check the number and its unit");
    return days;
}

double Field::as_rate_per_day(double max_per_day) const {
    const std::string s = as_string();
    double rate = 0;
    try {
        rate = sim::parse_rate_per_day(s);
    } catch (const sim::QuantityError& e) {
        fail(e.what(), "rates carry a unit: 700/year, 1.65/day, 3/week");
    }
    if (rate < 0 || rate > max_per_day)
        fail(fmt::format("'{}' is {}, outside the sensible range 0..{}/day", path_, s, max_per_day),
             "check the number and its unit");
    return rate;
}

std::vector<double> Field::as_numbers(double min, double max) const {
    expect_sequence("numbers");
    std::vector<double> out;
    for (std::size_t i = 0; i < size(); ++i) out.push_back(at(i).as_number(min, max));
    return out;
}

}  // namespace kapsim::models
