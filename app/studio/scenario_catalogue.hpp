#pragma once
// What the studio's start page offers: the scenarios in the workspace, the shipped library
// (Västernorrland, Jämtland, the validation queues; not the sweep files) and the templates of
// `kapsim init`.
#include <nlohmann/json.hpp>

#include "workspace_paths.hpp"

namespace kapsim::app::studio {

// {"workspace": [...], "library": [...], "templates": [...]}, as studio-api.md describes.
nlohmann::json scenario_catalogue(const WorkspacePaths& paths);

}  // namespace kapsim::app::studio
