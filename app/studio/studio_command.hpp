#pragma once
// `kapsim studio`: the workbench in the browser. Starts the local server (studio_server.hpp),
// prints the address with its token, and serves until Ctrl+C or SIGTERM.
#include <string>

#include <CLI/CLI.hpp>

namespace kapsim::app {

struct StudioRequest {
    std::string workspace = ".";
    int port = 8787;
    std::string host = "127.0.0.1";
    bool open = false;
    std::string token;  // for tests; default random
};

CLI::App* add_studio_subcommand(CLI::App& cli, StudioRequest& request);

int studio_command(const StudioRequest& request);

}  // namespace kapsim::app
