#pragma once
// `kapsim run` and `kapsim check`: what each command does once its arguments are parsed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace kapsim::app {

struct RunRequest {
    std::string file;
    std::vector<std::string> overrides;  // --set path=value
    std::optional<std::size_t> replications;
    std::optional<std::uint64_t> seed;
    int threads = 0;  // 0 = all cores
    std::string out_dir;  // empty = results/<scenario>-<timestamp>
    bool json = false;    // summary as JSON on stdout instead of the table
};

// Both throw models::InputError for bad input; main() maps that to exit code 2.
int run_command(const RunRequest& request);
int check_command(const std::string& file, const std::vector<std::string>& overrides);

}  // namespace kapsim::app
