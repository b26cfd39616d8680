#include "scenario_bases.hpp"

#include <filesystem>
#include <system_error>

#include <yaml-cpp/yaml.h>

#include "app/atomic_file.hpp"
#include "models/yaml_limits.hpp"
#include "plain_text.hpp"

namespace kapsim::app::studio {
namespace fs = std::filesystem;

std::optional<std::string> extends_of(std::string_view text) {
    try {
        const YAML::Node root = YAML::Load(std::string(text));
        if (root.IsMap() && root["extends"] && root["extends"].IsScalar()) return root["extends"].Scalar();
    } catch (const std::exception&) {
        // The validator reports the syntax error, at its line and column.
    }
    return std::nullopt;
}

std::vector<std::string> copy_missing_bases(const WorkspacePaths& paths, const ResolvedPath& saved, std::string_view text,
                                            const ResolvedPath& opened_from) {
    std::vector<std::string> copied;
    fs::path here = saved.file, there = opened_from.file;
    std::string own(text);
    for (std::size_t depth = 0; depth < models::max_extends_depth; ++depth) {
        const auto extends = extends_of(own);
        if (!extends) break;
        std::error_code ec;
        const fs::path source = fs::weakly_canonical(there.parent_path() / *extends, ec);
        if (ec || !fs::is_regular_file(source, ec) || !paths.name_of(source)) break;  // check names what is missing
        const fs::path relative = fs::relative(fs::weakly_canonical(here.parent_path() / *extends, ec), paths.workspace(), ec);
        if (ec) break;
        ResolvedPath target;
        try {
            target = paths.scenario(relative.generic_string());
        } catch (const RefusedPath&) {
            break;  // a base outside the workspace is not copied; check says it is missing
        }
        if (target.library || fs::exists(target.file, ec)) break;
        own = file_text(source);
        fs::create_directories(target.file.parent_path());
        write_file_atomically(target.file, own);
        copied.push_back(target.name);
        here = target.file;
        there = source;
    }
    return copied;
}

}  // namespace kapsim::app::studio
