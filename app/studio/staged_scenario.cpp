#include "staged_scenario.hpp"

#include <system_error>

#include "app/atomic_file.hpp"
#include "plain_text.hpp"
#include "scenario_bases.hpp"
#include "models/yaml_limits.hpp"

namespace kapsim::app::studio {
namespace fs = std::filesystem;
namespace {

}  // namespace

StagedScenario::StagedScenario(const WorkspacePaths& paths, const std::optional<ResolvedPath>& as,
                               std::string_view text, fs::path dir, bool temporary)
    : dir_(std::move(dir)), temporary_(temporary) {
    fs::create_directories(dir_);
    const std::string name = as ? as->name : "scenario.yaml";
    shown_ = as ? as->name : "scenario";
    file_ = dir_ / name;
    write_file_atomically(file_, text);
    // The bases, by the names the page knows them by; a base outside the workspace and the
    // library is not copied, and the validator says it does not exist.
    fs::path real = as ? as->file : paths.workspace() / name;
    std::string own = std::string(text);
    for (std::size_t depth = 0; depth < models::max_extends_depth; ++depth) {
        const auto extends = extends_of(own);
        if (!extends) break;
        std::error_code ec;
        const fs::path base = fs::weakly_canonical(real.parent_path() / *extends, ec);
        if (ec || !fs::is_regular_file(base, ec)) break;
        const auto base_name = paths.name_of(base);
        if (!base_name || fs::exists(dir_ / *base_name)) break;  // a loop: the validator names it
        own = file_text(base);
        write_file_atomically(dir_ / *base_name, own);
        real = base;
    }
}

StagedScenario::~StagedScenario() {
    if (!temporary_) return;
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
}

std::string StagedScenario::shown(std::string message) const {
    replace_all(message, file_.string(), shown_);
    replace_all(message, dir_.string() + "/", "");
    return message;
}

}  // namespace kapsim::app::studio
