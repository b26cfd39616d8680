#pragma once
// POST /api/fit: `kapsim fit` on an export the page uploaded, run as a child process like a
// run (a crash in fitting is an error answer, not a crash of the studio), waited for in the
// request, with a time limit.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "workspace_paths.hpp"

namespace kapsim::app::studio {

struct FitAnswer {
    int status = 200;
    nlohmann::json body;  // {"fragment": YAML, "text": what fit printed} or {"error": ..., "hint": ...}
};

// `options`: the fit command's options by name (arrival, admission, discharge, class, unit,
// municipality, from, export_date, start, bootstrap, seed, skip_bad_rows, from_today).
FitAnswer run_fit(const WorkspacePaths& paths, const std::filesystem::path& kapsim_binary,
                  const std::string& file_name, const std::string& data, const nlohmann::json& options);

}  // namespace kapsim::app::studio
