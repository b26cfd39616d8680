#pragma once
// `kapsim sweep`: runs a scenario at every point of a design over its parameters (a grid,
// or a Latin hypercube) and writes one tidy table of estimates, one of raw replication
// values, and the list of points. Points and replications run as one flat list of tasks on
// all cores, and across processes under mpirun; every point uses the same seed, so points
// are compared under common random numbers, and the files are bitwise the same however the
// work was split. A journal in the output directory makes a killed sweep resumable.
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace kapsim::app {

struct SweepRequest {
    std::string file;                  // the sweep YAML file
    std::string out_dir;               // empty = results/<sweep>-<timestamp>
    int threads = 0;                   // 0 = all cores
    bool resume = false;               // continue the journal in out_dir
    std::string shard;                 // "K/N": only the points with index % N == K-1
    std::vector<std::string> merge;    // shard directories to join into out_dir
    bool quiet = false;                // no progress on stderr
    bool allow_large = false;          // run work beyond the limits of work_estimate.hpp
    std::vector<std::string> formats;  // --format: the tables also for Excel (table_formats.hpp)
    std::vector<std::string> command_line;  // as typed, for manifest.json
    std::string report_lang;           // --report/--report-lang: also the report of the sweep; empty = none
};

// Registers `sweep` and its options on `cli`, filling `request` when parsed.
CLI::App* add_sweep_subcommand(CLI::App& cli, SweepRequest& request);

// Throws models::InputError for bad input (exit code 2 in main()).
int sweep_command(const SweepRequest& request);

}  // namespace kapsim::app
