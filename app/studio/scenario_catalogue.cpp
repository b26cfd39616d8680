#include "scenario_catalogue.hpp"

#include <algorithm>
#include <system_error>

#include <yaml-cpp/yaml.h>

#include "app/scenario_templates.hpp"

namespace kapsim::app::studio {
namespace fs = std::filesystem;
using nlohmann::json;
namespace {

// A workspace is a planner's folder, not a disk: the listing stops looking after this many.
constexpr std::size_t most_workspace_files = 2000;
constexpr std::size_t most_entries_looked_at = 50'000;

struct LibraryGroup {
    const char* folder;
    const char* group;
};
constexpr LibraryGroup library_groups[] = {
    {"vasternorrland", "Västernorrland"}, {"jamtland", "Jämtland"}, {"validation", "Validering"}};

std::string text_of(const YAML::Node& node) {
    if (!node) return "";
    if (node.IsScalar()) return node.Scalar();
    if (node.IsMap()) {
        for (const char* lang : {"sv", "en"})
            if (node[lang] && node[lang].IsScalar()) return node[lang].Scalar();
    }
    return "";
}

// name and description from `scenario:`; a file that does not read is listed by its name.
json entry(const fs::path& file, const std::string& path) {
    json j{{"path", path}, {"name", file.stem().string()}, {"description", ""}};
    try {
        const YAML::Node root = YAML::LoadFile(file.string());
        if (root.IsMap() && root["scenario"] && root["scenario"].IsMap()) {
            if (const auto name = text_of(root["scenario"]["name"]); !name.empty()) j["name"] = name;
            j["description"] = text_of(root["scenario"]["description"]);
            if (const auto label = text_of(root["scenario"]["label"]); !label.empty()) j["label"] = label;
        }
        // Sweep files (`scenario: file.yaml`) and other YAML are not scenarios to open.
        if (root.IsMap() && root["scenario"] && root["scenario"].IsScalar()) return nullptr;
    } catch (const std::exception&) {
        j["unreadable"] = true;
    }
    return j;
}

bool is_yaml(const fs::path& file) { return file.extension() == ".yaml" || file.extension() == ".yml"; }

}  // namespace

json scenario_catalogue(const WorkspacePaths& paths) {
    json out{{"workspace", json::array()}, {"library", json::array()}, {"templates", json::array()}};
    std::vector<fs::path> found;
    std::error_code ec;
    std::size_t looked_at = 0;
    for (auto it = fs::recursive_directory_iterator(paths.workspace(), fs::directory_options::skip_permission_denied, ec);
         !ec && it != fs::recursive_directory_iterator() && found.size() < most_workspace_files &&
         ++looked_at <= most_entries_looked_at;
         it.increment(ec)) {
        const auto name = it->path().filename().string();
        // The studio's own folder, hidden folders and installed packages hold no scenarios.
        if (it->is_directory(ec)) {
            if (name.front() == '.' || name == "node_modules" || it.depth() > 6) it.disable_recursion_pending();
            continue;
        }
        if (name.front() != '.' && is_yaml(it->path()) && it->is_regular_file(ec)) found.push_back(it->path());
    }
    std::sort(found.begin(), found.end());
    for (const auto& file : found)
        if (auto j = entry(file, file.lexically_relative(paths.workspace()).generic_string()); !j.is_null())
            out["workspace"].push_back(std::move(j));

    for (const auto& [folder, group] : library_groups) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(paths.library() / folder, ec))
            if (is_yaml(e.path()) && e.path().filename().string().rfind("sensitivity-", 0) != 0 &&
                e.path().filename().string().rfind("sweep-", 0) != 0)
                files.push_back(e.path());
        std::sort(files.begin(), files.end());
        for (const auto& file : files) {
            auto j = entry(file, std::string("library/") + folder + "/" + file.filename().string());
            if (j.is_null()) continue;
            j["group"] = group;
            out["library"].push_back(std::move(j));
        }
    }
    for (const auto& t : scenario_templates())
        out["templates"].push_back({{"name", t.name}, {"lang", t.lang}, {"summary", template_summary(t)}});
    return out;
}

}  // namespace kapsim::app::studio
