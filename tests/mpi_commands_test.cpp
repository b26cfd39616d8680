// `kapsim run` and `kapsim compare` under mpirun: the replications are spread over the
// processes and rank 0 writes files bitwise those of one process.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <set>

#include <sys/wait.h>

#include <nlohmann/json.hpp>

#include "app/process_share.hpp"
#include "models/scenario_loader.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using namespace kapsim::testing;

class MpiCommandsTest : public ::testing::Test {
protected:
    void SetUp() override {
#ifndef KAPSIM_HAVE_MPI
        GTEST_SKIP() << "kapsim was built without MPI (-DKAPSIM_MPI=OFF)";
#endif
        dir_ = fresh_temp_dir("mpi-commands");
    }
    void TearDown() override {
        if (!dir_.empty()) fs::remove_all(dir_);
    }

    // `mpirun -np 2 kapsim ARGS`, as the sweep's MPI test starts it; a time limit turns a
    // process left waiting for another into a failure instead of a hung test.
    CommandResult mpirun(const std::string& args) const {
#ifdef KAPSIM_HAVE_MPI
        std::string env =
            "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader "
            "OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_oob_tcp_if_include=lo ";
#ifdef KAPSIM_SANITIZED
        env += "ASAN_OPTIONS=detect_leaks=0 ";  // Open MPI leaks at exit by design
#endif
        const std::string command = env + "timeout 300 " + KAPSIM_MPIEXEC + " --oversubscribe -np 2 " +
                                    KAPSIM_BINARY + " " + args + " >" + (dir_ / "mpi.out").string() + " 2>" +
                                    (dir_ / "mpi.err").string();
        const int status = std::system(command.c_str());
        return {WIFEXITED(status) ? WEXITSTATUS(status) : -1, read_text(dir_ / "mpi.out"), read_text(dir_ / "mpi.err")};
#else
        return {-1, args, ""};
#endif
    }

    // Every file of `a` is in `b` with the same bytes, and no more, but for when the work ran
    // (`created` in the JSON files: to the second) and, in manifest.json, how it ran.
    static void expect_same_outputs(const fs::path& a, const fs::path& b) {
        std::set<std::string> files_a, files_b;
        for (const auto& e : fs::recursive_directory_iterator(a))
            if (e.is_regular_file()) files_a.insert(fs::relative(e.path(), a).string());
        for (const auto& e : fs::recursive_directory_iterator(b))
            if (e.is_regular_file()) files_b.insert(fs::relative(e.path(), b).string());
        EXPECT_EQ(files_a, files_b);
        for (const auto& f : files_a) {
            if (f == "manifest.json") continue;
            if (f.size() > 5 && f.substr(f.size() - 5) == ".json") {
                auto ja = nlohmann::json::parse(read_text(a / f));
                auto jb = nlohmann::json::parse(read_text(b / f));
                ja.erase("created");
                jb.erase("created");
                EXPECT_TRUE(ja == jb) << f << " differs";
                continue;
            }
            EXPECT_TRUE(read_text(a / f) == read_text(b / f)) << f << " differs";
        }
        auto ma = nlohmann::json::parse(read_text(a / "manifest.json"));
        auto mb = nlohmann::json::parse(read_text(b / "manifest.json"));
        EXPECT_EQ(ma["processes"], 1);
        EXPECT_EQ(mb["processes"], 2);
        for (const char* layout : {"command_line", "started", "ended", "processes", "threads"}) {
            ma.erase(layout);
            mb.erase(layout);
        }
        EXPECT_EQ(ma, mb);
    }

    // `kapsim ARGS --out DIR` in one process and under mpirun -np 2: the same files, and rank 0
    // alone says what it wrote.
    void expect_two_processes_write_what_one_does(const std::string& args) const {
        fs::remove_all(dir_ / "one");
        fs::remove_all(dir_ / "two");
        const auto one = run_kapsim(args + " --out " + (dir_ / "one").string());
        ASSERT_EQ(one.exit_code, 0) << one.err;
        const auto two = mpirun(args + " --out " + (dir_ / "two").string());
        ASSERT_EQ(two.exit_code, 0) << two.out << two.err;
        expect_same_outputs(dir_ / "one", dir_ / "two");
        EXPECT_EQ(count(two.out, "wrote "), 1u) << "rank 0 alone prints\n" << two.out;
    }

    static std::size_t count(const std::string& text, const std::string& what) {
        std::size_t n = 0;
        for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
        return n;
    }

    fs::path dir_;
};

TEST_F(MpiCommandsTest, CompareOverTwoProcessesWritesBitwiseTheFilesOfOneThread) {
    const std::string files = source_path("scenarios/vasternorrland/avd7-13.yaml") + " " +
                              source_path("scenarios/vasternorrland/avd7-16.yaml");
    const auto one = run_kapsim("compare " + files + " --reps 8 --by-year --threads 1 --quiet --out " +
                                (dir_ / "one").string());
    ASSERT_EQ(one.exit_code, 0) << one.err;
    const auto two = mpirun("compare " + files + " --reps 8 --by-year --threads 1 --quiet --out " +
                            (dir_ / "two").string());
    ASSERT_EQ(two.exit_code, 0) << two.out << two.err;
    ASSERT_TRUE(fs::exists(dir_ / "one" / "variants" / "avd7-13" / "summary_by_year.csv")) << "a run of several years";
    expect_same_outputs(dir_ / "one", dir_ / "two");
    EXPECT_EQ(count(two.out, "compare: 2 variants, 8 replications each"), 1u) << "rank 0 alone prints\n" << two.out;
    EXPECT_EQ(two.err, "");
    EXPECT_EQ(two.out.find('\x1b'), std::string::npos) << "mpirun's pseudo-terminal is not the user's: no colours";
}

// --precision decides from the replications so far; every process decides alike from all of them.
TEST_F(MpiCommandsTest, RunToPrecisionOverTwoProcessesWritesBitwiseTheFilesOfOneProcess) {
    expect_two_processes_write_what_one_does("run " + source_path("scenarios/validation/erlang-c.yaml") +
                                             " --reps 3 --precision 0.02 --max-reps 11 --threads 2 --quiet");
}

// The curve with its quick estimate, and the search for a target, whose next step depends on
// the replications so far: every process decides alike from all of them.
TEST_F(MpiCommandsTest, CapacityOverTwoProcessesWritesBitwiseTheFilesOfOneProcess) {
    const std::string scenario = source_path("scenarios/validation/erlang-b.yaml");
    for (const std::string& args : {"capacity " + scenario + " --unit station --range 3..5 --quick --reps 5",
                                    "capacity " + scenario + " --unit station --target 'p_turned_away<=0.05' --reps 4 "
                                    "--max-reps 16"})
        expect_two_processes_write_what_one_does(args + " --threads 1 --quiet");
}

// The search over several units also decides its next step from the replications so far.
TEST_F(MpiCommandsTest, OptimizeOverTwoProcessesWritesBitwiseTheFilesOfOneProcess) {
    const auto scenario = dir_ / "two-pools.yaml";
    std::ofstream(scenario) << "scenario: {name: two-pools, start: 2024-01-01, run_length: 180d, warmup: 10d, seed: 3}\n"
                               "classes:\n"
                               "  a: {arrivals: {rate: 15/day}, first_unit: east}\n"
                               "  b: {arrivals: {rate: 9/day}, first_unit: west}\n"
                               "units:\n"
                               "  east: {kind: pool, capacity: 4, queue: none, service: {distribution: exponential, mean: 8h}}\n"
                               "  west: {kind: pool, capacity: 2, queue: none, service: {distribution: exponential, mean: 8h}}\n";
    const std::string args = "optimize " + scenario.string() +
                             " --unit east --unit west --range east=7..10 --range west=5..8 --target "
                             "'east.p_turned_away<=0.05' --target 'west.p_turned_away<=0.04' --reps 4 --max-reps 16 "
                             "--threads 1 --quiet";
    expect_two_processes_write_what_one_does(args);
}

TEST_F(MpiCommandsTest, BadInputIsSaidOnceWithExitCode2AndNothingIsWritten) {
    const std::string scenario = source_path("scenarios/validation/erlang-b.yaml");
    const auto bad = dir_ / "bad.yaml";
    std::ofstream(bad) << "scenario: {name: x\n";
    std::ofstream(dir_ / "a-file") << "not a folder\n";
    // Each command with a piece of the message it must give, once.
    const std::pair<std::string, std::string> cases[]{
        {"compare " + bad.string() + " " + scenario + " --reps 4 --out " + (dir_ / "out").string(), "YAML syntax error"},
        {"compare " + scenario + " " + scenario + " --reps 4 --out " + (dir_ / "a-file" / "out").string(),
         "cannot make the folder"},
        {"run " + bad.string() + " --reps 4 --out " + (dir_ / "out").string(), "YAML syntax error"},
        {"run " + scenario + " --reps 4 --metric units.nowhere.p_wait --precision 0.1 --out " + (dir_ / "out").string(),
         "'units.nowhere.p_wait' is not a metric"},
        {"compare " + scenario + " " + scenario + " --reps 4 --no-such-option", "not expected: --no-such-option"}};
    for (const auto& [args, message] : cases) {
        const auto r = mpirun(args);
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
        EXPECT_EQ(count(r.err, message), 1u) << "said once, by rank 0: " << args << "\n" << r.err;
        EXPECT_FALSE(fs::exists(dir_ / "out")) << args;
    }
}

// What one process sends another: every value of a replication, doubles bit for bit (NaN
// months included), whatever the replication recorded.
TEST(ReplicationBytesTest, ARoundTripKeepsEveryValueBitForBitAndDamageIsAnError) {
    auto scenario = models::load_scenario(source_path("scenarios/vasternorrland/avd7-13.yaml"));
    const models::PreparedScenario prepared(scenario);
    models::ReplicationOptions options;
    options.by_year = true;
    options.record_daily = true;
    options.record_arrivals = true;
    const auto original = models::run_replication(prepared, 3, options);
    ASSERT_FALSE(original.by_year.empty());
    ASSERT_FALSE(original.quantile_samples.empty());
    ASSERT_FALSE(original.daily_occupancy.empty());

    const std::string bytes = app::replication_bytes(original) + app::replication_bytes(original);
    std::size_t at = 0;
    const auto first = app::replication_from_bytes(bytes, at);
    const auto second = app::replication_from_bytes(bytes, at);
    EXPECT_EQ(at, bytes.size());
    EXPECT_EQ(app::replication_bytes(first), app::replication_bytes(original));
    EXPECT_EQ(app::replication_bytes(second), app::replication_bytes(original));
    const auto same_bits = [](const std::vector<double>& a, const std::vector<double>& b) {
        return a.size() == b.size() && std::memcmp(a.data(), b.data(), a.size() * sizeof(double)) == 0;
    };
    EXPECT_TRUE(same_bits(first.metrics, original.metrics));
    EXPECT_TRUE(same_bits(first.arrival_times, original.arrival_times));
    ASSERT_EQ(first.occupancy_by_month.size(), original.occupancy_by_month.size());
    EXPECT_EQ(std::memcmp(first.occupancy_by_month.data(), original.occupancy_by_month.data(),
                          original.occupancy_by_month.size() * sizeof(original.occupancy_by_month[0])),
              0);
    ASSERT_EQ(first.by_year.size(), original.by_year.size());
    for (std::size_t y = 0; y < original.by_year.size(); ++y) {
        EXPECT_TRUE(same_bits(first.by_year[y].metrics, original.by_year[y].metrics));
        EXPECT_EQ(first.by_year[y].quantile_samples.size(), original.by_year[y].quantile_samples.size());
    }
    ASSERT_EQ(first.quantile_samples.size(), original.quantile_samples.size());
    for (std::size_t q = 0; q < original.quantile_samples.size(); ++q) {
        EXPECT_EQ(first.quantile_samples[q].first, original.quantile_samples[q].first);
        EXPECT_EQ(first.quantile_samples[q].second.size(), original.quantile_samples[q].second.size());
    }

    const std::string cut = app::replication_bytes(original).substr(0, 100);
    std::size_t from = 0;
    EXPECT_THROW(app::replication_from_bytes(cut, from), std::runtime_error);
}

}  // namespace
}  // namespace kapsim
