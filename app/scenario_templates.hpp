#pragma once
// The starting scenarios of `kapsim init`: data files under scenarios/templates/<lang>/, compiled
// in (app/embed_templates.cmake) so that the binary needs nothing beside it. Each begins with a
// one-line summary comment; the values a planner must decide carry a marker comment (see
// undecided_values.hpp).
#include <string>
#include <string_view>
#include <vector>

namespace kapsim::app {

struct ScenarioTemplate {
    std::string_view name;  // as kapsim init takes it, e.g. ward
    std::string_view lang;  // "sv" or "en"
    std::string_view text;  // the YAML, as in scenarios/templates/<lang>/<name>.yaml
};

// Every template in every language, in the order of `kapsim init --list`.
const std::vector<ScenarioTemplate>& scenario_templates();

// The template `name` in `lang`, or nullptr.
const ScenarioTemplate* find_template(std::string_view name, std::string_view lang);

// Its first line without the "# ": "An addiction ward with acute and planned detox".
std::string template_summary(const ScenarioTemplate& t);

// The marker of a value still to be decided, in the template's language.
std::string_view decide_marker(std::string_view lang);

// The first line `kapsim init` writes, naming the template the file was made from, so that
// `kapsim check` can tell which marked values are still the template's: "# kapsim init ward --lang sv".
std::string template_header(const ScenarioTemplate& t);

// The template named by such a header on the first line of `text`, or nullptr.
const ScenarioTemplate* template_named_in(std::string_view text);

}  // namespace kapsim::app
