#pragma once
// manifest.json, in every output directory: what produced the files and how to produce them
// again exactly: kapsim version, the command line, each scenario's file, content hash and
// seed, and when the work started and ended.
#include <filesystem>
#include <string>
#include <vector>

#include "models/scenario.hpp"

namespace kapsim::app {

struct Manifest {
    std::string command;  // "run", "compare", "capacity", "sweep", ...
    std::vector<std::string> command_line;
    std::vector<const models::Scenario*> scenarios;
    std::string started;  // ISO 8601 UTC
    int threads = 0;     // per process
    int processes = 1;   // started by mpirun, each with `threads`
};

// Writes dir/manifest.json atomically, stamping the end time now.
void write_manifest(const std::filesystem::path& dir, const Manifest& manifest);

}  // namespace kapsim::app
