#pragma once
// The studio's runs: each a kapsim child process (the same binary, `kapsim compare`,
// `capacity` or `sweep`), in its own process group so that a cancel stops everything it
// started, writing into <workspace>/.kapsim-studio/runs/<id>/. A child that fails, or is
// killed, is a failed run with what it said on stderr; the server itself never runs a
// simulation, so nothing a run does can take it down. A reaper thread notices ended children.
#include <condition_variable>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "staged_scenario.hpp"
#include "workspace_paths.hpp"

namespace kapsim::app::studio {

// A request the page should not have sent: 400 with this message.
class BadRunRequest : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

// Already as many runs running as allowed: 429.
class TooManyRuns : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

class StudioRuns {
public:
    static constexpr std::size_t most_running = 2;

    StudioRuns(const WorkspacePaths& paths, std::filesystem::path kapsim_binary);
    // Stops every child still running.
    ~StudioRuns();
    StudioRuns(const StudioRuns&) = delete;
    StudioRuns& operator=(const StudioRuns&) = delete;

    // POST /api/runs: {"id": "r1", "estimate_seconds": 3.2}. Throws BadRunRequest, RefusedPath, TooManyRuns.
    nlohmann::json start(const nlohmann::json& request);
    // GET /api/runs/<id>; nothing for an unknown id.
    std::optional<nlohmann::json> status(const std::string& id);
    // DELETE /api/runs/<id>.
    std::optional<nlohmann::json> cancel(const std::string& id);
    // One of the run's files, by a name from its list.
    std::optional<std::filesystem::path> file(const std::string& id, const std::string& name);

private:
    struct Run;
    void reap();
    std::vector<std::string> files_of(const Run& run) const;

    const WorkspacePaths& paths_;
    std::filesystem::path kapsim_binary_;
    std::mutex mutex_;
    std::condition_variable wake_;
    bool stopping_ = false;
    std::size_t next_id_ = 1;
    std::map<std::string, std::unique_ptr<Run>> runs_;
    std::thread reaper_;
};

}  // namespace kapsim::app::studio
