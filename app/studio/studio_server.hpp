#pragma once
// kapsim studio's HTTP server: the page's files and a small JSON API over the library the
// command line uses (studio-api.md in the design notes is the contract with the page). It runs
// in-process for the tests; `kapsim studio` (studio_command) adds the command line and signals.
#include <filesystem>
#include <memory>
#include <string>

namespace kapsim::app::studio {

struct StudioOptions {
    std::filesystem::path workspace = ".";
    std::string host = "127.0.0.1";
    int port = 8787;  // 0: any free port
    std::string token;  // empty: a random one
    std::filesystem::path web_dir;        // empty: the report's (KAPSIM_WEB_DIR or the source tree's)
    std::filesystem::path library_dir;    // empty: the shipped scenarios
    std::filesystem::path kapsim_binary = "/proc/self/exe";  // what runs simulate with
};

// The largest request body accepted (a scenario is a few kilobytes; an export for fit a few MB).
inline constexpr std::size_t most_request_bytes = 8 * 1024 * 1024;

class StudioServer {
public:
    // Creates the workspace if missing and binds the port; throws std::runtime_error when it cannot.
    explicit StudioServer(StudioOptions options);
    ~StudioServer();
    StudioServer(const StudioServer&) = delete;
    StudioServer& operator=(const StudioServer&) = delete;

    int port() const;
    const std::string& token() const;
    // http://127.0.0.1:8787/?token=...
    std::string url() const;
    // Answers requests until stop() (from another thread or a signal watcher).
    void serve();
    void stop();

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace kapsim::app::studio
