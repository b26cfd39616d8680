// `kapsim sweep` end to end: the files a sweep writes, results independent of how the work
// is split (threads, a kill and --resume, shards and --merge, MPI ranks), common random
// numbers across points, and bad sweep files refused with a location and a hint.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <csignal>
#include <map>
#include <set>
#include <thread>

#include <fcntl.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "test_support.hpp"

extern char** environ;

namespace kapsim {
namespace {

using testing::read_text;
using testing::run_kapsim;
using testing::source_path;

const std::vector<std::string> output_files{"sweep.csv", "replications.csv", "points.csv"};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::stringstream in(text);
    for (std::string line; std::getline(in, line);) lines.push_back(line);
    return lines;
}

std::vector<std::string> split_csv(const std::string& line) {
    std::vector<std::string> cells;
    std::stringstream in(line);
    for (std::string cell; std::getline(in, cell, ',');) cells.push_back(cell);
    if (!line.empty() && line.back() == ',') cells.push_back("");
    return cells;
}

// Rows of a CSV file after its comment line, as header name -> value.
std::vector<std::map<std::string, std::string>> csv_rows(const std::filesystem::path& file) {
    const auto lines = lines_of(read_text(file));
    std::vector<std::map<std::string, std::string>> rows;
    if (lines.size() < 2) return rows;
    const auto header = split_csv(lines[1]);
    for (std::size_t i = 2; i < lines.size(); ++i) {
        const auto cells = split_csv(lines[i]);
        std::map<std::string, std::string> row;
        for (std::size_t c = 0; c < header.size() && c < cells.size(); ++c) row[header[c]] = cells[c];
        rows.push_back(std::move(row));
    }
    return rows;
}

class SweepTest : public ::testing::Test {
protected:
    void SetUp() override {
        const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
        dir_ = testing::fresh_temp_dir(std::string("sweep-") + info->name());
        std::filesystem::copy_file(source_path("scenarios/validation/erlang-c.yaml"), dir_ / "erlang-c.yaml");
    }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string write_sweep(const std::string& name, const std::string& yaml) {
        const auto file = dir_ / name;
        std::ofstream(file) << yaml;
        return file.string();
    }

    // Runs `kapsim sweep ARGS` and expects success.
    void sweep(const std::string& args) {
        const auto r = run_kapsim("sweep " + args + " --quiet");
        ASSERT_EQ(r.exit_code, 0) << r.err;
    }

    void expect_same_outputs(const std::filesystem::path& a, const std::filesystem::path& b) {
        for (const auto& f : output_files) {
            ASSERT_TRUE(std::filesystem::exists(a / f)) << a / f;
            ASSERT_TRUE(std::filesystem::exists(b / f)) << b / f;
            EXPECT_EQ(read_text(a / f), read_text(b / f)) << f << " differs between " << a << " and " << b;
        }
    }

    // A sweep of 60 points that takes a few seconds: long enough to be killed part-way.
    // Sanitizers slow the simulation several times, so shorter runs take as long there.
    std::string long_sweep() {
#ifdef KAPSIM_SANITIZED
        const std::string run_length = "10y";
#else
        const std::string run_length = "50y";
#endif
        return write_sweep("long.yaml",
                           "scenario: erlang-c.yaml\n"
                           "replications: 10\n"
                           "seed: 7\n"
                           "parameters:\n"
                           "  scenario.run_length: " + run_length + "\n"
                           "  units.ward.capacity: {from: 15, to: 20, step: 1}\n"
                           "  classes.patients.arrivals.rate: {from: 1.2, to: 1.65, steps: 10, unit: /day}\n"
                           "metrics: [units.ward.*]\n");
    }

    std::filesystem::path dir_;
};

const std::string example = source_path("scenarios/validation/sweep-example.yaml");

TEST_F(SweepTest, ExampleWritesOneTidyRowPerPointAndMetric) {
    sweep(example + " --out " + (dir_ / "out").string());
    for (const auto& f : output_files) EXPECT_TRUE(std::filesystem::exists(dir_ / "out" / f)) << f;
    const auto manifest = nlohmann::json::parse(read_text(dir_ / "out" / "manifest.json"));
    EXPECT_EQ(manifest["command"], "sweep");

    const std::string csv = read_text(dir_ / "out" / "sweep.csv");
    EXPECT_EQ(csv.rfind("# kapsim ", 0), 0u) << "the comment line names version, sweep, scenario and seed";
    EXPECT_EQ(lines_of(csv)[1],
              "point,units.ward.capacity,classes.patients.arrivals.rate,scenario.run_length,"
              "number:units.ward.capacity,unit:units.ward.capacity,number:classes.patients.arrivals.rate,"
              "unit:classes.patients.arrivals.rate,number:scenario.run_length,unit:scenario.run_length,"
              "section,id,metric,mean,sd,ci_low,ci_high,n");
    const auto rows = csv_rows(dir_ / "out" / "sweep.csv");
    ASSERT_EQ(rows.size(), 12u * 3u) << "4 capacities x 3 rates, 3 metrics each";
    EXPECT_EQ(rows[0].at("point"), "0");
    EXPECT_EQ(rows[0].at("units.ward.capacity"), "15");
    EXPECT_EQ(rows[0].at("classes.patients.arrivals.rate"), "1.2/day");
    EXPECT_EQ(rows[3].at("classes.patients.arrivals.rate"), "1.4/day") << "the last parameter varies fastest";
    EXPECT_EQ(rows[3].at("number:classes.patients.arrivals.rate"), "1.4") << "the number in a column of its own";
    EXPECT_EQ(rows[3].at("unit:classes.patients.arrivals.rate"), "/day");
    EXPECT_EQ(rows[3].at("unit:units.ward.capacity"), "");
    EXPECT_EQ(rows[0].at("metric"), "p_wait");
    EXPECT_EQ(rows[0].at("n"), "10");
    EXPECT_EQ(rows.back().at("point"), "11");
    EXPECT_EQ(rows.back().at("units.ward.capacity"), "18");
    EXPECT_EQ(rows.back().at("classes.patients.arrivals.rate"), "1.6/day");

    EXPECT_EQ(csv_rows(dir_ / "out" / "replications.csv").size(), 12u * 10u * 3u);
    const auto points = csv_rows(dir_ / "out" / "points.csv");
    ASSERT_EQ(points.size(), 12u);
    EXPECT_EQ(points[5].at("point"), "5");
    EXPECT_EQ(points[5].at("content_hash").size(), 16u);

    // More places, shorter waits: the mean wait falls with capacity at each rate.
    std::map<std::pair<std::string, std::string>, double> wait;
    for (const auto& row : rows)
        if (row.at("metric") == "mean_wait_days")
            wait[{row.at("classes.patients.arrivals.rate"), row.at("units.ward.capacity")}] = std::stod(row.at("mean"));
    for (const char* rate : {"1.2/day", "1.4/day", "1.6/day"})
        EXPECT_GT(wait.at({rate, "15"}), wait.at({rate, "18"})) << rate;
}

TEST_F(SweepTest, ResultsAreBitwiseTheSameForAnyNumberOfThreads) {
    sweep(example + " --threads 1 --out " + (dir_ / "one").string());
    sweep(example + " --threads 3 --out " + (dir_ / "three").string());
    expect_same_outputs(dir_ / "one", dir_ / "three");
}

TEST_F(SweepTest, EveryPointUsesTheSameSeedSoPointsShareTheirArrivals) {
    const auto file = write_sweep("beds.yaml",
                                  "scenario: erlang-c.yaml\n"
                                  "replications: 4\n"
                                  "seed: 11\n"
                                  "parameters:\n"
                                  "  scenario.run_length: 5y\n"
                                  "  units.ward.capacity: [15, 16, 20]\n"
                                  "metrics: [units.ward.arrivals_per_year, units.ward.mean_wait_days]\n");
    sweep(file + " --out " + (dir_ / "out").string());
    std::map<std::string, std::map<std::string, std::string>> arrivals;  // replication -> capacity -> value
    std::map<std::string, std::set<std::string>> waits;
    for (const auto& row : csv_rows(dir_ / "out" / "replications.csv")) {
        if (row.at("metric") == "arrivals_per_year") arrivals[row.at("replication")][row.at("units.ward.capacity")] = row.at("value");
        if (row.at("metric") == "mean_wait_days") waits[row.at("replication")].insert(row.at("value"));
    }
    ASSERT_EQ(arrivals.size(), 4u);
    for (const auto& [replication, by_capacity] : arrivals) {
        ASSERT_EQ(by_capacity.size(), 3u);
        EXPECT_EQ(by_capacity.at("15"), by_capacity.at("16")) << "a bed more must not change one arrival";
        EXPECT_EQ(by_capacity.at("15"), by_capacity.at("20"));
        EXPECT_EQ(waits.at(replication).size(), 3u) << "but it changes the waits";
    }

    // A point is exactly `kapsim run` with the point's values as --set.
    const auto r = run_kapsim("run " + (dir_ / "erlang-c.yaml").string() + " --reps 4 --seed 11 --set scenario.run_length=5y "
                              "--set units.ward.capacity=16 --out " + (dir_ / "run").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    std::map<std::string, std::string> run_values;
    for (const auto& row : csv_rows(dir_ / "run" / "replications.csv"))
        if (row.at("metric") == "mean_wait_days") run_values[row.at("replication")] = row.at("value");
    for (const auto& row : csv_rows(dir_ / "out" / "replications.csv")) {
        if (row.at("units.ward.capacity") == "16" && row.at("metric") == "mean_wait_days") {
            EXPECT_EQ(row.at("value"), run_values.at(row.at("replication")));
        }
    }
}

// Starts kapsim with `args` in the background, its output thrown away.
pid_t spawn_kapsim(const std::vector<std::string>& args) {
    std::vector<std::string> argv_text{KAPSIM_BINARY};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, "/dev/null", O_WRONLY, 0);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid = -1;
    const int failed = posix_spawn(&pid, KAPSIM_BINARY, &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    return failed == 0 ? pid : -1;
}

std::size_t journal_lines(const std::filesystem::path& dir) {
    const std::string text = read_text(dir / "sweep.journal");
    return static_cast<std::size_t>(std::count(text.begin(), text.end(), '\n'));
}

TEST_F(SweepTest, ResumeAfterAKillGivesTheSameFilesAsAnUninterruptedRun) {
    const std::string file = long_sweep();
    const auto killed = dir_ / "killed";
    const pid_t pid = spawn_kapsim({"sweep", file, "--out", killed.string(), "--quiet"});
    ASSERT_GT(pid, 0);
    // Kill it once a few points are in the journal, while most are still to run.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::minutes(5);
    while (journal_lines(killed) < 4 && std::chrono::steady_clock::now() < deadline)
        std::this_thread::sleep_for(std::chrono::milliseconds(5));
    ASSERT_EQ(::kill(pid, SIGKILL), 0);
    int status = 0;
    ASSERT_EQ(::waitpid(pid, &status, 0), pid);
    ASSERT_TRUE(WIFSIGNALED(status)) << "the sweep finished before it could be killed; make it longer";
    const std::size_t finished_before = journal_lines(killed) - 1;
    ASSERT_GE(finished_before, 3u);
    ASSERT_LT(finished_before, 60u);
    for (const auto& f : output_files) EXPECT_FALSE(std::filesystem::exists(killed / f)) << "no half-finished " << f;

    const auto r = run_kapsim("sweep " + file + " --out " + killed.string() + " --resume --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("of them from the journal"), std::string::npos) << r.out;

    sweep(file + " --out " + (dir_ / "whole").string());
    expect_same_outputs(killed, dir_ / "whole");
}

TEST_F(SweepTest, ResumeDropsATornLastLineAndDuplicatedPoints) {
    sweep(example + " --out " + (dir_ / "whole").string());
    // A journal as a crash could leave it: a duplicated point and a last line cut short.
    const auto damaged = dir_ / "damaged";
    std::filesystem::create_directories(damaged);
    const auto lines = lines_of(read_text(dir_ / "whole" / "sweep.journal"));
    ASSERT_EQ(lines.size(), 13u);
    std::string journal = lines[0] + "\n" + lines[1] + "\n" + lines[2] + "\n" + lines[1] + "\n" + lines[5] + "\n";
    journal += lines[7].substr(0, lines[7].size() / 2);
    std::ofstream(damaged / "sweep.journal", std::ios::binary) << journal;

    const auto r = run_kapsim("sweep " + example + " --out " + damaged.string() + " --resume --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("3 of them from the journal"), std::string::npos) << r.out;
    expect_same_outputs(damaged, dir_ / "whole");
    EXPECT_EQ(journal_lines(damaged), 13u) << "one line per point, the torn one gone";

    // Resuming a finished sweep runs nothing and writes the same files again.
    const auto again = run_kapsim("sweep " + example + " --out " + damaged.string() + " --resume --quiet");
    ASSERT_EQ(again.exit_code, 0) << again.err;
    EXPECT_NE(again.out.find("12 of them from the journal"), std::string::npos) << again.out;
    expect_same_outputs(damaged, dir_ / "whole");
}

TEST_F(SweepTest, AJournalIsNeverOverwrittenOrContinuedByAnotherSweep) {
    sweep(example + " --out " + (dir_ / "out").string());
    const std::string before = read_text(dir_ / "out" / "sweep.journal");

    auto r = run_kapsim("sweep " + example + " --out " + (dir_ / "out").string() + " --quiet");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("already holds a sweep journal"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--resume"), std::string::npos) << r.err;

    const auto other = write_sweep("other.yaml", "scenario: erlang-c.yaml\nreplications: 3\n"
                                                 "parameters: {units.ward.capacity: [15, 16]}\n");
    r = run_kapsim("sweep " + other + " --out " + (dir_ / "out").string() + " --resume --quiet");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("belongs to a different sweep"), std::string::npos) << r.err;
    EXPECT_EQ(read_text(dir_ / "out" / "sweep.journal"), before);
}

TEST_F(SweepTest, ShardsMergedGiveTheSameFilesAsOneRun) {
    sweep(example + " --out " + (dir_ / "whole").string());
    sweep(example + " --shard 1/2 --out " + (dir_ / "a").string());
    sweep(example + " --shard 2/2 --out " + (dir_ / "b").string());
    const auto shard_points = csv_rows(dir_ / "a" / "points.csv");
    ASSERT_EQ(shard_points.size(), 6u);
    for (const auto& row : shard_points) EXPECT_EQ(std::stoi(row.at("point")) % 2, 0) << "shard 1/2 runs the even points";

    const auto missing = run_kapsim("sweep --merge " + (dir_ / "a").string() + " --out " + (dir_ / "half").string());
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("6 of 12 points are missing"), std::string::npos) << missing.err;
    EXPECT_NE(missing.err.find("shard 2 of 2"), std::string::npos) << missing.err;

    sweep("--merge " + (dir_ / "b").string() + " " + (dir_ / "a").string() + " --out " + (dir_ / "merged").string());
    expect_same_outputs(dir_ / "merged", dir_ / "whole");
}

// --report writes the sweep's report (the same as kapsim report SWEEP_DIR afterwards), also for
// merged shards; a shard alone holds only some points and is refused before anything runs.
TEST_F(SweepTest, ReportIsWrittenWhenAskedAndRefusedForAShard) {
    const auto out = dir_ / "with-report";
    sweep(example + " --out " + out.string() + " --report");
    ASSERT_TRUE(std::filesystem::exists(out / "report-sv.html"));
    ASSERT_TRUE(std::filesystem::exists(out / "report-sv.json"));
    const auto later = run_kapsim("report " + out.string() + " --out " + (dir_ / "later.html").string());
    ASSERT_EQ(later.exit_code, 0) << later.err;
    EXPECT_EQ(read_text(out / "report-sv.json"), read_text(dir_ / "later.json")) << "the report of a sweep is that of its folder";

    const auto shard = run_kapsim("sweep " + example + " --shard 1/2 --out " + (dir_ / "a").string() + " --report-lang en --quiet");
    EXPECT_EQ(shard.exit_code, 2);
    EXPECT_NE(shard.err.find("a shard holds only some of the points, so it has no report"), std::string::npos) << shard.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "a" / "sweep.journal")) << "refused before anything runs";

    sweep(example + " --shard 1/2 --out " + (dir_ / "a").string());
    sweep(example + " --shard 2/2 --out " + (dir_ / "b").string());
    sweep("--merge " + (dir_ / "a").string() + " " + (dir_ / "b").string() + " --out " + (dir_ / "merged").string() +
          " --report-lang en");
    EXPECT_TRUE(std::filesystem::exists(dir_ / "merged" / "report-en.html"));
}

// Linked parameters: one key naming several paths shares every value; `together:` moves its
// paths in step. Each is one dimension of the design.
TEST_F(SweepTest, LinkedParametersMoveTogetherInTheGridAndTheHypercube) {
    sweep(write_sweep("linked.yaml",
                      "scenario: erlang-c.yaml\n"
                      "replications: 2\n"
                      "parameters:\n"
                      "  scenario.warmup, scenario.run_length: [300d, 400d]\n"
                      "  together:\n"
                      "    classes.patients.arrivals.rate: [1.2/day, 1.4/day, 1.6/day]\n"
                      "    units.ward.service.mean: [8d, 9d, 10d]\n"
                      "metrics: [units.ward.p_wait]\n") +
          " --out " + (dir_ / "grid").string());
    const auto points = csv_rows(dir_ / "grid" / "points.csv");
    ASSERT_EQ(points.size(), 6u) << "2 x 3 points: linked paths are one dimension each";
    for (const auto& p : points) {
        EXPECT_EQ(p.at("scenario.warmup"), p.at("scenario.run_length")) << "one value shared by both paths";
        const double rate = std::stod(p.at("number:classes.patients.arrivals.rate"));
        const double mean = std::stod(p.at("number:units.ward.service.mean"));
        EXPECT_NEAR(mean, 8 + (rate - 1.2) * 5, 1e-9) << "the i-th values go together";
    }

    sweep(write_sweep("linked-lhs.yaml",
                      "scenario: erlang-c.yaml\n"
                      "replications: 2\n"
                      "design: latin_hypercube\n"
                      "points: 8\n"
                      "parameters:\n"
                      "  scenario.run_length: 1y\n"
                      "  together:\n"
                      "    classes.patients.arrivals.rate: {from: 1.0, to: 2.0, unit: /day}\n"
                      "    units.ward.service.mean: {from: 5, to: 10, unit: d}\n"
                      "metrics: [units.ward.p_wait]\n") +
          " --out " + (dir_ / "lhs").string());
    for (const auto& p : csv_rows(dir_ / "lhs" / "points.csv")) {
        const double rate = std::stod(p.at("number:classes.patients.arrivals.rate"));
        EXPECT_NEAR(std::stod(p.at("number:units.ward.service.mean")), 5 + (rate - 1.0) * 5, 1e-4)
            << "both ranges at the same place of their stratum";
    }

    const auto uneven = run_kapsim("sweep " +
                                   write_sweep("uneven.yaml",
                                               "scenario: erlang-c.yaml\n"
                                               "parameters:\n"
                                               "  together:\n"
                                               "    classes.patients.arrivals.rate: [1.2/day, 1.4/day]\n"
                                               "    units.ward.service.mean: [8d, 9d, 10d]\n") +
                                   " --out " + (dir_ / "uneven").string());
    EXPECT_EQ(uneven.exit_code, 2);
    EXPECT_NE(uneven.err.find("uneven.yaml:5:5: error: 'units.ward.service.mean' has 3 values, but "
                              "'classes.patients.arrivals.rate', which it moves together with, has 2"),
              std::string::npos)
        << uneven.err;
}

TEST_F(SweepTest, LatinHypercubePutsOnePointInEveryStratum) {
    const auto design = [&](int seed) {
        return write_sweep(fmt::format("lhs-{}.yaml", seed),
                           fmt::format("scenario: erlang-c.yaml\n"
                                       "replications: 2\n"
                                       "design: latin_hypercube\n"
                                       "points: 10\n"
                                       "design_seed: {}\n"
                                       "parameters:\n"
                                       "  scenario.run_length: 1y\n"
                                       "  classes.patients.arrivals.rate: {{from: 1.0, to: 2.0, unit: /day}}\n"
                                       "  units.ward.capacity: {{from: 15, to: 19, step: 1}}\n"
                                       "metrics: [units.ward.p_wait]\n",
                                       seed));
    };
    sweep(design(5) + " --out " + (dir_ / "a").string());
    sweep(design(5) + " --out " + (dir_ / "b").string());
    sweep(design(6) + " --out " + (dir_ / "c").string());
    EXPECT_EQ(read_text(dir_ / "a" / "points.csv"), read_text(dir_ / "b" / "points.csv")) << "same design_seed, same points";

    const auto points = csv_rows(dir_ / "a" / "points.csv");
    ASSERT_EQ(points.size(), 10u);
    std::set<int> strata;
    std::map<std::string, int> capacities;
    for (const auto& p : points) {
        const std::string rate = p.at("classes.patients.arrivals.rate");
        ASSERT_EQ(rate.substr(rate.size() - 4), "/day");
        strata.insert(static_cast<int>((std::stod(rate) - 1.0) * 10));
        ++capacities[p.at("units.ward.capacity")];
    }
    EXPECT_EQ(strata.size(), 10u) << "each tenth of the rate's range holds one point";
    EXPECT_EQ(capacities.size(), 5u);
    for (const auto& [capacity, count] : capacities) EXPECT_EQ(count, 2) << "10 points over 5 capacities: two each";

    const auto other = csv_rows(dir_ / "c" / "points.csv");
    EXPECT_NE(points[0].at("classes.patients.arrivals.rate"), other[0].at("classes.patients.arrivals.rate"));
}

TEST_F(SweepTest, MpiRanksWriteTheSameFilesAsOneProcess) {
#ifndef KAPSIM_HAVE_MPI
    GTEST_SKIP() << "kapsim was built without MPI (-DKAPSIM_MPI=OFF)";
#else
    sweep(example + " --out " + (dir_ / "single").string());
    // Root on CI needs the two ALLOW_RUN_AS_ROOT variables; shared memory between the ranks
    // without the single-copy mechanism, which containers often forbid; loopback only.
    std::string env =
        "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader "
        "OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_oob_tcp_if_include=lo ";
#ifdef KAPSIM_SANITIZED
    env += "ASAN_OPTIONS=detect_leaks=0 ";  // Open MPI leaks at exit by design
#endif
    const auto log = dir_ / "mpirun.log";
    const std::string command = env + KAPSIM_MPIEXEC + " --oversubscribe -np 2 " + KAPSIM_BINARY + " sweep " + example +
                                " --quiet --out " + (dir_ / "mpi").string() + " >" + log.string() + " 2>&1";
    const int status = std::system(command.c_str());
    ASSERT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0) << command << "\n" << read_text(log);
    expect_same_outputs(dir_ / "mpi", dir_ / "single");
#endif
}

// sweep, run, compare and capacity spread over mpirun's processes; the other simulating commands refuse
// more than one, before simulating, instead of each writing the same folder.
TEST_F(SweepTest, OtherCommandsRefuseSeveralMpiProcessesAndWriteNothing) {
#ifndef KAPSIM_HAVE_MPI
    GTEST_SKIP() << "kapsim was built without MPI (-DKAPSIM_MPI=OFF)";
#else
    std::string env =
        "OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1 OMPI_MCA_btl=self,vader "
        "OMPI_MCA_btl_vader_single_copy_mechanism=none OMPI_MCA_oob_tcp_if_include=lo ";
#ifdef KAPSIM_SANITIZED
    env += "ASAN_OPTIONS=detect_leaks=0 ";
#endif
    const std::string scenario = source_path("scenarios/validation/erlang-b.yaml");
    for (const std::string& command : {"warmup " + scenario}) {
        const auto out = dir_ / "refused";
        const auto log = dir_ / "mpirun.log";
        const std::string line = env + KAPSIM_MPIEXEC + " --oversubscribe -np 2 " + KAPSIM_BINARY + " " + command +
                                 " --reps 2 --quiet --out " + out.string() + " >" + log.string() + " 2>&1";
        const int status = std::system(line.c_str());
        EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) != 0) << line;
        EXPECT_NE(read_text(log).find("runs as one process, and mpirun started 2"), std::string::npos) << read_text(log);
        EXPECT_FALSE(std::filesystem::exists(out)) << command;
    }
#endif
}

TEST_F(SweepTest, TheReadmeShowsTheShippedExample) {
    const std::string readme = read_text(source_path("README.md"));
    const std::string open = "```yaml sweep\n";
    const auto start = readme.find(open);
    ASSERT_NE(start, std::string::npos) << "README.md documents the sweep file with a yaml sweep block";
    const auto end = readme.find("```", start + open.size());
    const std::string block = readme.substr(start + open.size(), end - start - open.size());
    EXPECT_NE(read_text(example).find(block), std::string::npos)
        << "the README's sweep file is scenarios/validation/sweep-example.yaml (after its comments)";
}

// ---------------------------------------------------------------------------------------
// Bad sweep files: exit code 2, file:line:column, what is wrong and a hint; nothing written.

class BadSweepTest : public SweepTest {
protected:
    void expect_refused(const std::string& yaml, const std::string& location, const std::string& what) {
        const auto file = write_sweep("bad.yaml", yaml);
        const auto r = run_kapsim("sweep " + file + " --quiet --out " + (dir_ / "out").string());
        EXPECT_EQ(r.exit_code, 2) << r.err;
        EXPECT_NE(r.err.find(file + ":" + location + ": error: "), std::string::npos) << r.err;
        EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir_ / "out")) << "nothing is written for bad input";
    }
};

TEST_F(BadSweepTest, UnknownParameterPathSuggestsTheNearestKey) {
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacty: [14, 15]\n", "3:3",
                   "unknown key 'capacty'");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacty: [14, 15]\n", "3:3",
                   "did you mean 'capacity'?");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.wrd.capacity: [14, 15]\n", "3:3",
                   "'units.wrd' is not a section of the scenario");
}

TEST_F(BadSweepTest, BadValueIsReportedWhereItIsWritten) {
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: [14, 15, -1]\n", "3:33",
                   "outside the sensible range");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  classes.patients.arrivals.rate: [1.5, 2]\n", "3:36",
                   "has no time unit");
}

TEST_F(BadSweepTest, UnknownDesign) {
    expect_refused("scenario: erlang-c.yaml\ndesign: latin-hypercube\nparameters: {units.ward.capacity: [14]}\n", "2:9",
                   "did you mean 'latin_hypercube'?");
    expect_refused("scenario: erlang-c.yaml\ndesign: random\nparameters: {units.ward.capacity: [14]}\n", "2:9",
                   "unknown design 'random'");
}

TEST_F(BadSweepTest, BadRanges) {
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: {from: 18, to: 14, steps: 3}\n", "3:24",
                   "runs backwards");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: {from: 14, to: 18}\n", "3:24",
                   "neither 'steps' nor 'step'");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: {from: 14, to: 18, steps: 1}\n",
                   "3:50", "one step cannot cover");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: {from: 14, to: 18, stesp: 3}\n",
                   "3:43", "unknown key 'stesp'");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: []\n", "3:24", "has no values");
}

TEST_F(BadSweepTest, OtherMistakes) {
    expect_refused("scenario: erlang-c.yaml\nparameterz: {units.ward.capacity: [14]}\n", "2:1", "unknown key 'parameterz'");
    expect_refused("scenario: erlang.yaml\nparameters: {units.ward.capacity: [14]}\n", "1:11", "does not exist");
    expect_refused("scenario: erlang-c.yaml\nparameters: {units.ward.capacity: [14]}\nmetrics: [units.ward.p_wiat]\n",
                   "3:11", "did you mean 'units.ward.p_wait'?");
    expect_refused("scenario: erlang-c.yaml\nparameters: {scenario.seed: [1, 2]}\n", "2:14", "cannot be swept");
    expect_refused("scenario: erlang-c.yaml\ndesign: latin_hypercube\nparameters: {units.ward.capacity: [14]}\n", "1:1",
                   "needs 'points'");
}

// Found by fuzz/sweep_fuzzer: a 4 kB file asked for a million points of 200 parameters and
// read_sweep made gigabytes of values for minutes before any point was checked.
TEST_F(BadSweepTest, ADesignOfTensOfMillionsOfValuesIsRefusedBeforeItsPointsAreMade) {
    std::string fixed_values;
    for (int i = 0; i < 200; ++i) fixed_values += fmt::format("  units.ward.note{}: 1\n", i);
    const auto started = std::chrono::steady_clock::now();
    expect_refused("scenario: erlang-c.yaml\ndesign: latin_hypercube\npoints: 1000000\nparameters:\n"
                   "  units.ward.capacity: {from: 14, to: 18}\n" + fixed_values,
                   "3:9", "the design has 1000000 points of 201 parameters, 201000000 values in all");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n"
                   "  units.ward.capacity: {from: 1, to: 1000000, steps: 1000000}\n" + fixed_values,
                   "3:3", "the design has 1000000 points of 201 parameters");
    // Found by fuzz/sweep_fuzzer in CI: a million points of three parameters made three million
    // strings, over 3 GB under the sanitizer.
    expect_refused("scenario: erlang-c.yaml\ndesign: latin_hypercube\npoints: 1000000\nparameters:\n"
                   "  units.ward.capacity: {from: 14, to: 18}\n  units.ward.note1: 1\n  units.ward.note2: 1\n",
                   "3:9", "the design has 1000000 points of 3 parameters, 3000000 values in all");
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(), 20)
        << "refused before the points are made";
}

// Found by fuzz/sweep_fuzzer: a scenario or sweep file name longer than the file system allows
// made the existence check throw, and kapsim exited 1 with "internal error: filesystem error".
TEST_F(BadSweepTest, AFileNameTooLongForTheFileSystemIsAFileThatDoesNotExist) {
    const std::string long_name(300, 'a');
    expect_refused("scenario: " + long_name + ".yaml\nparameters: {units.ward.capacity: [14]}\n", "1:11",
                   "does not exist");
    const auto r = run_kapsim("sweep " + (dir_ / (long_name + ".yaml")).string() + " --out " + (dir_ / "out").string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no such sweep file"), std::string::npos) << r.err;
}

// Found by fuzz/sweep_fuzzer: a parameter without a path made yaml-cpp throw "invalid node", and
// kapsim exited 1 with "internal error".
TEST_F(BadSweepTest, AParameterWithoutAPathIsNamedAtItsLine) {
    // The reader's check of every mapping finds the empty key first, at the same place.
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  : [14, 15]\n", "3:3", "a key is empty");
    expect_refused("scenario: erlang-c.yaml\nparameters:\n  units.ward.capacity: [14]\n  ~: 1\n", "4:3",
                   "a key is empty");
}

TEST_F(BadSweepTest, BadCommandLine) {
    auto r = run_kapsim("sweep " + example + " --shard 3/2 --out " + (dir_ / "out").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("K/N"), std::string::npos) << r.err;
    r = run_kapsim("sweep " + (dir_ / "nowhere.yaml").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no such sweep file"), std::string::npos) << r.err;
    r = run_kapsim("sweep --merge " + (dir_ / "nowhere").string() + " --out " + (dir_ / "out").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no sweep journal"), std::string::npos) << r.err;
    EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
}

}  // namespace
}  // namespace kapsim
