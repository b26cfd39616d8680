#include "undecided_values.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "models/scenario_document.hpp"
#include "models/yaml_limits.hpp"
#include "scenario_templates.hpp"

namespace kapsim::app {
namespace {

constexpr std::string_view markers[] = {"BESTÄM", "DECIDE"};

struct ScalarAt {
    std::string path;
    std::string value;
    int column;
};

std::string join(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// Every scalar value of the tree by the line it is on.
void collect_scalars(const YAML::Node& node, const std::string& path, std::map<int, std::vector<ScalarAt>>& out) {
    if (node.IsScalar()) {
        out[node.Mark().line + 1].push_back({path, node.Scalar(), node.Mark().column + 1});
    } else if (node.IsMap()) {
        for (const auto& kv : node)
            if (kv.first.IsScalar()) collect_scalars(kv.second, join(path, kv.first.Scalar()), out);
    } else if (node.IsSequence()) {
        for (std::size_t i = 0; i < node.size(); ++i) collect_scalars(node[i], join(path, std::to_string(i)), out);
    }
}

// The scalar at a dotted path (list items by their place), if there is one.
std::optional<std::string> scalar_at(YAML::Node node, const std::string& path) {
    std::istringstream parts(path);
    for (std::string part; std::getline(parts, part, '.');) {
        if (node.IsMap()) {
            node.reset(node[part]);
        } else if (node.IsSequence() && !part.empty() && part.size() < 10 &&
                   part.find_first_not_of("0123456789") == std::string::npos && std::stoul(part) < node.size()) {
            node.reset(node[std::stoul(part)]);
        } else {
            return std::nullopt;
        }
        if (!node.IsDefined()) return std::nullopt;
    }
    if (!node.IsScalar()) return std::nullopt;
    return node.Scalar();
}

// The comment of a line: from the first '#' outside quotes that starts the line or follows a space.
std::optional<std::string_view> comment_of(std::string_view line) {
    char quote = 0;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote) {
            if (c == quote) quote = 0;
        } else if (c == '"' || c == '\'') {
            if (i == 0 || line[i - 1] == ' ' || line[i - 1] == '{' || line[i - 1] == '[' || line[i - 1] == ',' ||
                line[i - 1] == ':')
                quote = c;
        } else if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) {
            return line.substr(i + 1);
        }
    }
    return std::nullopt;
}

// "BESTÄM: vårdplatser" from a comment that holds a marker, as a word in capitals.
std::optional<std::string> marked_note(std::string_view comment) {
    for (const auto marker : markers) {
        for (auto at = comment.find(marker); at != std::string_view::npos; at = comment.find(marker, at + 1)) {
            const bool starts = at == 0 || !std::isalnum(static_cast<unsigned char>(comment[at - 1]));
            const auto end = at + marker.size();
            const bool ends = end == comment.size() || !std::isalnum(static_cast<unsigned char>(comment[end]));
            if (!starts || !ends) continue;
            std::string note(comment.substr(at));
            while (!note.empty() && (note.back() == '\r' || note.back() == ' ')) note.pop_back();
            return note;
        }
    }
    return std::nullopt;
}

std::string read_text(const std::filesystem::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

}  // namespace

std::vector<UndecidedValue> undecided_values(const std::string& file, const std::vector<std::string>& overrides) {
    const auto document = models::ScenarioDocument::load(file, overrides);
    std::vector<UndecidedValue> found;
    std::set<std::string> seen;
    // The file, then its bases: the loader has read them all already, within its limits.
    std::filesystem::path current = file;
    for (std::size_t depth = 0; depth <= models::max_extends_depth && !current.empty(); ++depth) {
        std::error_code ec;
        const std::string canonical = std::filesystem::weakly_canonical(current, ec).string();
        if (!seen.insert(ec ? current.string() : canonical).second) break;
        const std::string text = read_text(current);
        const YAML::Node own = YAML::Load(text);
        std::map<int, std::vector<ScalarAt>> scalars;
        collect_scalars(own, "", scalars);
        const ScenarioTemplate* origin = template_named_in(text);
        const YAML::Node template_root = origin ? YAML::Load(std::string(origin->text)) : YAML::Node();

        std::istringstream lines(text);
        int number = 0;
        for (std::string line; std::getline(lines, line);) {
            ++number;
            const auto comment = comment_of(line);
            const auto note = comment ? marked_note(*comment) : std::nullopt;
            const auto on_line = scalars.find(number);
            if (!note || on_line == scalars.end()) continue;
            UndecidedValue value{current.string(), number, on_line->second.front().column, {}, {}, *note};
            bool all_unchanged = true;
            for (const auto& scalar : on_line->second) {
                const auto effective = scalar_at(document.root(), scalar.path);
                // Changed by a variant laid over this file, or by --set: decided there.
                if (effective != scalar.value) all_unchanged = false;
                if (origin && scalar_at(template_root, scalar.path) != scalar.value) all_unchanged = false;
                value.paths.push_back(scalar.path);
                value.values.push_back(scalar.value);
            }
            if (all_unchanged) found.push_back(std::move(value));
        }
        const YAML::Node extends = own.IsMap() ? own["extends"] : YAML::Node();
        current = extends && extends.IsScalar() ? current.parent_path() / extends.Scalar() : std::filesystem::path();
    }
    return found;
}

std::string describe_undecided(const std::vector<UndecidedValue>& undecided) {
    if (undecided.empty()) return "";
    std::string out = fmt::format("undecided: {} value{} marked to decide {} still the template's:\n", undecided.size(),
                                  undecided.size() == 1 ? "" : "s", undecided.size() == 1 ? "is" : "are");
    for (const auto& u : undecided) {
        std::string values;
        for (std::size_t i = 0; i < u.paths.size(); ++i)
            values += fmt::format("{}{} = {}", i ? ", " : "", u.paths[i], u.values[i]);
        out += fmt::format("  warning: {}:{}:{}: {} ({})\n", u.file, u.line, u.column, values, u.note);
    }
    out += "  hint: write your own value; if the template's value is yours too, remove the marker from its comment\n";
    return out;
}

}  // namespace kapsim::app
