#pragma once
// The studio reads and writes files only inside its workspace, and reads the shipped scenarios
// under the names library/<folder>/<file>.yaml. A name from the page is workspace-relative and
// '/'-separated; anything that could leave the workspace (.., an absolute path, a NUL, a
// symbolic link pointing out) is refused before any file is opened.
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>

namespace kapsim::app::studio {

// A name the page sent that names no allowed file. what() is the message for the page.
class RefusedPath : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

struct ResolvedPath {
    std::string name;              // as the page named it: "my/ward.yaml"
    std::filesystem::path file;    // where it is on disk
    bool library = false;          // a shipped scenario: read-only
};

class WorkspacePaths {
public:
    // `workspace` must exist; `library` is the shipped scenarios folder (scenarios/).
    WorkspacePaths(const std::filesystem::path& workspace, std::filesystem::path library);

    const std::filesystem::path& workspace() const { return workspace_; }
    const std::filesystem::path& library() const { return library_; }

    // A scenario file (.yaml or .yml) in the workspace, or library/<folder>/<file>.yaml.
    // Throws RefusedPath. The file need not exist yet.
    ResolvedPath scenario(const std::string& name) const;

    // The name a file on disk has for the page, if it is in the workspace or the library.
    std::optional<std::string> name_of(const std::filesystem::path& file) const;

    // The studio's own folder in the workspace (runs, checks): <workspace>/.kapsim-studio.
    std::filesystem::path private_dir() const { return workspace_ / ".kapsim-studio"; }

private:
    std::filesystem::path workspace_;  // canonical
    std::filesystem::path library_;    // canonical, or as given when missing
};

// The shipped scenarios folder: KAPSIM_SCENARIO_DIR in the environment, or the source tree's.
std::filesystem::path shipped_scenarios_dir();

}  // namespace kapsim::app::studio
