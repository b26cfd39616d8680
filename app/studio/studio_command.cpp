#include "studio_command.hpp"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <sstream>
#include <thread>

#include <pthread.h>
#include <sys/wait.h>

#include <fmt/format.h>

#include "child_process.hpp"
#include "models/input_error.hpp"
#include "studio_server.hpp"

namespace kapsim::app {
namespace {

// xdg-open on the PATH, or "" when the machine has none.
std::string find_opener() {
    const char* path = std::getenv("PATH");
    std::istringstream dirs(path ? path : "");
    for (std::string dir; std::getline(dirs, dir, ':');) {
        const auto candidate = std::filesystem::path(dir) / "xdg-open";
        if (!dir.empty() && ::access(candidate.c_str(), X_OK) == 0) return candidate.string();
    }
    return "";
}

}  // namespace

CLI::App* add_studio_subcommand(CLI::App& cli, StudioRequest& request) {
    auto* cmd = cli.add_subcommand(
        "studio", "Start the workbench in the browser: forms for scenarios, live checks, runs and their reports");
    cmd->add_option("--workspace", request.workspace, "The folder whose scenarios the studio opens and saves")
        ->default_val(".");
    cmd->add_option("--port", request.port, "The port to listen on (0: any free port)")
        ->check(CLI::Range(0, 65535))
        ->default_val(8787);
    cmd->add_option("--host", request.host, "The address to listen on; only this machine by default")
        ->default_val("127.0.0.1");
    cmd->add_flag("--open", request.open, "Open the address in the browser (xdg-open)");
    cmd->add_option("--token", request.token, "The access token (default: 32 random hex digits)")
        ->check([](const std::string& t) -> std::string {
            if (t.size() < 16 || t.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos)
                return "a token is at least 16 hex digits";
            return {};
        });
    return cmd;
}

int studio_command(const StudioRequest& request) {
    // SIGINT and SIGTERM go to a watcher thread that stops the server; every other thread
    // (the server's pool, the reaper) inherits the blocked mask.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);  // a browser that goes away mid-answer is no reason to stop

    studio::StudioOptions options;
    options.workspace = request.workspace;
    options.port = request.port;
    options.host = request.host;
    options.token = request.token;
    std::unique_ptr<studio::StudioServer> server;
    try {
        server = std::make_unique<studio::StudioServer>(options);
    } catch (const std::runtime_error& e) {
        throw models::InputError({"kapsim studio", 0, 0}, e.what(),
                                 "choose another port with --port (0 picks a free one), or stop the program using it");
    }
    std::fputs(fmt::format("kapsim studio: {}\n", server->url()).c_str(), stdout);
    std::fputs("Öppna adressen i webbläsaren. Avsluta med Ctrl+C.\n", stdout);
    std::fflush(stdout);
    if (request.open) {
        if (const auto opener = find_opener(); !opener.empty()) {
            try {
                const pid_t pid = studio::start_child_process(opener, {"xdg-open", server->url()}, "/dev/null", "/dev/null", {});
                std::thread([pid] { ::waitpid(pid, nullptr, 0); }).detach();
            } catch (const std::exception&) {
                // The address is printed; opening it is only a convenience.
            }
        }
    }
    std::thread watcher([&] {
        int signal = 0;
        sigwait(&stop_signals, &signal);
        server->stop();
    });
    server->serve();
    // Stopped by a signal, or the server ended on its own: wake the watcher if it still waits.
    pthread_kill(watcher.native_handle(), SIGTERM);
    watcher.join();
    server.reset();
    return 0;
}

}  // namespace kapsim::app
