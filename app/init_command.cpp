#include "init_command.hpp"

#include <algorithm>
#include <cstdio>
#include <filesystem>

#include <fmt/format.h>

#include "atomic_file.hpp"
#include "models/identifier.hpp"
#include "models/input_error.hpp"
#include "models/scenario_document.hpp"
#include "scenario_templates.hpp"

namespace kapsim::app {
namespace {

std::vector<std::string> template_names() {
    std::vector<std::string> names;
    for (const auto& t : scenario_templates())
        if (t.lang == "sv") names.emplace_back(t.name);
    return names;
}

std::string listing(std::string_view lang) {
    std::string out;
    for (const auto& t : scenario_templates())
        if (t.lang == lang) out += fmt::format("  {:<10} {}\n", t.name, template_summary(t));
    return out;
}

// The template's text with the scenario named after the file ("min-avdelning.yaml" names
// min-avdelning), so results folders and reports carry the planner's name. The name is the
// first "  name:" line, which every template has under `scenario:`.
std::string named_after(std::string text, const std::filesystem::path& out) {
    const std::string stem = out.stem().string();
    if (!models::is_identifier(stem) || stem == "out" || stem == "all") return text;
    const std::string key = "\n  name: ";
    const auto at = text.find(key);
    if (at == std::string::npos) return text;
    const auto from = at + key.size();
    return text.replace(from, text.find('\n', from) - from, stem);
}

// Lines holding a value whose comment carries the marker (the introduction's mentions are not).
std::size_t count_marked(std::string_view text, std::string_view marker) {
    std::size_t n = 0;
    for (std::size_t start = 0; start < text.size();) {
        const auto end = std::min(text.find('\n', start), text.size());
        const auto line = text.substr(start, end - start);
        const auto first = line.find_first_not_of(' ');
        if (first != std::string_view::npos && line[first] != '#' && line.find(marker) != std::string_view::npos) ++n;
        start = end + 1;
    }
    return n;
}

}  // namespace

std::string initial_scenario_text(const ScenarioTemplate& t, const std::filesystem::path& out) {
    return template_header(t) + "\n" + named_after(std::string(t.text), out);
}

int init_command(const InitRequest& request) {
    if (request.list) {
        std::fputs(listing(request.lang).c_str(), stdout);
        return 0;
    }
    if (request.template_name.empty())
        throw models::InputError({"kapsim init", 0, 0}, "name a template",
                                 fmt::format("e.g. kapsim init ward --out my-ward.yaml; the templates:\n{}",
                                             listing(request.lang)));
    const ScenarioTemplate* chosen = find_template(request.template_name, request.lang);
    if (!chosen) {
        const std::string guess = models::nearest(request.template_name, template_names());
        throw models::InputError({"kapsim init", 0, 0}, fmt::format("there is no template '{}'", request.template_name),
                                 guess.empty() ? fmt::format("the templates (kapsim init --list):\n{}", listing(request.lang))
                                               : fmt::format("did you mean '{}'?", guess));
    }
    const std::filesystem::path out = request.out.empty() ? std::string(chosen->name) + ".yaml" : request.out;
    std::error_code ec;
    const auto status = std::filesystem::symlink_status(out, ec);
    if (std::filesystem::exists(status) && !request.force)
        throw models::InputError({out.string(), 0, 0}, "the file already exists; kapsim init does not replace it",
                                 "name another file with --out, or add --force to replace this one");
    if (std::filesystem::exists(status) && !std::filesystem::is_regular_file(status))
        throw models::InputError({out.string(), 0, 0}, "this is not a regular file", "name a .yaml file with --out");
    const std::string text = initial_scenario_text(*chosen, out);
    try {
        write_file_atomically(out, text);
    } catch (const std::exception& e) {
        throw models::InputError({out.string(), 0, 0}, fmt::format("cannot write the scenario: {}", e.what()),
                                 "name a file in a folder you may write in with --out");
    }
    const auto marker = decide_marker(chosen->lang);
    std::fputs(fmt::format("wrote {} from the template '{}' ({}): {} values marked {} are yours to decide\n"
                           "next: edit them, then kapsim check {}\n",
                           out.string(), chosen->name, chosen->lang, count_marked(chosen->text, marker), marker,
                           out.string())
                   .c_str(),
               stdout);
    return 0;
}

}  // namespace kapsim::app
