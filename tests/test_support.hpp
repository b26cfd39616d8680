#pragma once
// Helpers shared by the tests: paths into the source tree, running the kapsim binary, the
// textbook formulas the engine is checked against, and the check that an interval covers them.
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <system_error>
#include <sys/wait.h>
#include <vector>

#include <gtest/gtest.h>

#include "models/scenario_loader.hpp"
#include "sim/estimate.hpp"

namespace kapsim::testing {

inline std::string source_path(const std::string& relative) { return std::string(KAPSIM_SOURCE_DIR) + "/" + relative; }

inline std::string read_text(const std::filesystem::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

// The scratch folders of a test's process, removed when the process ends, whether the test
// passed or not: ctest runs every test as a process of its own, and the folders that tests
// left behind (a scenario that fails to load, say) piled up by the thousand in the temp
// folder. Set KAPSIM_KEEP_TEST_FOLDERS to keep them for a look after a failure.
class ScratchFolders {
public:
    static ScratchFolders& of_this_process() {
        static ScratchFolders folders;
        return folders;
    }
    void add(const std::filesystem::path& folder) { folders_.push_back(folder); }
    ~ScratchFolders() {
        if (std::getenv("KAPSIM_KEEP_TEST_FOLDERS")) return;
        for (const auto& folder : folders_) {
            std::error_code ignored;
            std::filesystem::remove_all(folder, ignored);
        }
    }

private:
    ScratchFolders() = default;
    std::vector<std::filesystem::path> folders_;
};

inline std::filesystem::path fresh_temp_dir(const std::string& name) {
    const auto dir = std::filesystem::temp_directory_path() / ("kapsim-test-" + name + "-" + std::to_string(::getpid()));
    std::filesystem::remove_all(dir);
    std::filesystem::create_directories(dir);
    ScratchFolders::of_this_process().add(dir);
    return dir;
}

// A scenario given as YAML text, loaded exactly as kapsim loads a file (from a scratch file).
inline models::Scenario scenario_from_text(const std::string& yaml, const std::string& name = "scenario",
                                           const std::vector<std::string>& overrides = {}) {
    const auto dir = fresh_temp_dir("text-" + name);
    const auto file = dir / (name + ".yaml");
    std::ofstream(file) << yaml;
    auto scenario = models::load_scenario(file.string(), overrides);
    std::filesystem::remove_all(dir);
    return scenario;
}

struct CommandResult {
    int exit_code;
    std::string out;
    std::string err;
};

// Runs the kapsim binary with `args` (already shell-quoted where needed).
inline CommandResult run_kapsim(const std::string& args) {
    const auto dir = fresh_temp_dir("cmd");
    const std::string command = std::string(KAPSIM_BINARY) + " " + args + " >" + (dir / "out").string() + " 2>" +
                                (dir / "err").string();
    const int status = std::system(command.c_str());
    CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(dir / "out"), read_text(dir / "err")};
    std::filesystem::remove_all(dir);
    return r;
}

// Erlang's loss formula by the stable recursion B(0) = 1, B(n) = a B(n-1) / (n + a B(n-1)).
inline double erlang_b(int servers, double load) {
    double b = 1.0;
    for (int n = 1; n <= servers; ++n) b = load * b / (n + load * b);
    return b;
}

// Erlang's delay formula: the probability that an arrival has to wait.
inline double erlang_c(int servers, double load) {
    const double b = erlang_b(servers, load);
    return servers * b / (servers - load * (1 - b));
}

inline double poisson_pmf(int n, double mean) { return std::exp(n * std::log(mean) - mean - std::lgamma(n + 1.0)); }

// The 95 % confidence interval of the replications covers the theoretical value.
inline void expect_covers(const sim::Estimate& e, double truth, const std::string& what) {
    EXPECT_LE(e.ci_low, truth) << what << ": mean " << e.mean << " CI [" << e.ci_low << ", " << e.ci_high << "]";
    EXPECT_GE(e.ci_high, truth) << what << ": mean " << e.mean << " CI [" << e.ci_low << ", " << e.ci_high << "]";
}
inline void expect_covers(const std::vector<double>& values, double truth, const std::string& what) {
    expect_covers(sim::estimate_mean(values), truth, what);
}

}  // namespace kapsim::testing
