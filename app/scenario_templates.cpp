#include "scenario_templates.hpp"

#include <fmt/format.h>

namespace kapsim::app {
namespace {

constexpr std::string_view header_start = "# kapsim init ";

}  // namespace

const ScenarioTemplate* find_template(std::string_view name, std::string_view lang) {
    for (const auto& t : scenario_templates())
        if (t.name == name && t.lang == lang) return &t;
    return nullptr;
}

std::string template_summary(const ScenarioTemplate& t) {
    std::string_view line = t.text.substr(0, t.text.find('\n'));
    while (!line.empty() && (line.front() == '#' || line.front() == ' ')) line.remove_prefix(1);
    return std::string(line);
}

std::string_view decide_marker(std::string_view lang) { return lang == "sv" ? "BESTÄM" : "DECIDE"; }

std::string template_header(const ScenarioTemplate& t) {
    return fmt::format("{}{} --lang {}", header_start, t.name, t.lang);
}

const ScenarioTemplate* template_named_in(std::string_view text) {
    const std::string_view first = text.substr(0, text.find('\n'));
    for (const auto& t : scenario_templates())
        if (first == template_header(t) || first == template_header(t) + "\r") return &t;
    return nullptr;
}

}  // namespace kapsim::app
