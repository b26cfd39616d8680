#pragma once
// Where the web assets are: the report's chart libraries and the studio's page and packages.
#include <filesystem>

namespace kapsim::app::report {

// The folder holding node_modules (and studio/): $KAPSIM_WEB_DIR if set, else the source tree's web/.
std::filesystem::path web_dir();

}  // namespace kapsim::app::report
