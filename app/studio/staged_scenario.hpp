#pragma once
// A scenario's text from the page, put on disk where the one validator and the simulator read
// it: inside the studio's own folder, at the name the page gave it, with the bases its
// `extends:` chain names copied to the same relative places. `extends: avd7-13.yaml` then
// resolves exactly as it would beside the named file, and the user's folders get no
// temporary files. Messages name the file as the page named it, never the staging folder.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "workspace_paths.hpp"

namespace kapsim::app::studio {

class StagedScenario {
public:
    // `as`: the file the text stands for (nullopt: a new file in the workspace's top folder).
    // `dir` is created; it is removed again by the destructor when `temporary`.
    StagedScenario(const WorkspacePaths& paths, const std::optional<ResolvedPath>& as, std::string_view text,
                   std::filesystem::path dir, bool temporary);
    ~StagedScenario();
    StagedScenario(const StagedScenario&) = delete;
    StagedScenario& operator=(const StagedScenario&) = delete;

    const std::filesystem::path& file() const { return file_; }
    // "my/ward.yaml", or "scenario" for text that names no file.
    const std::string& shown_name() const { return shown_; }
    // `message` with the staging folder's file names replaced by the names the page knows.
    std::string shown(std::string message) const;

private:
    std::filesystem::path dir_;
    std::filesystem::path file_;
    std::string shown_;
    bool temporary_;
};

}  // namespace kapsim::app::studio
