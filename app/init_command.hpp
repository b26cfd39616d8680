#pragma once
// `kapsim init TEMPLATE --out FILE`: writes a commented starting scenario from a template
// (scenario_templates.hpp), in Swedish or English, without replacing a file unless asked to.
#include <filesystem>
#include <string>

#include "scenario_templates.hpp"

namespace kapsim::app {

struct InitRequest {
    std::string template_name;  // empty with --list
    std::string out;            // default: <template>.yaml
    std::string lang = "sv";
    bool force = false;         // replace an existing file
    bool list = false;          // list the templates instead
};

// Throws models::InputError for an unknown template or an existing file; main() maps that to
// exit code 2.
int init_command(const InitRequest& request);

// What init writes to `out` from template `t` (the scenario is named after the file).
std::string initial_scenario_text(const ScenarioTemplate& t, const std::filesystem::path& out);

}  // namespace kapsim::app
