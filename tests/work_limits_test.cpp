// Work said up front and bounded: every command estimates the events and memory a run needs,
// refuses what is beyond the documented limits unless --allow-large says otherwise, and a
// replication that runs away anyway stops with a message. Each reproducer gives exit code 2
// with file, line, column and a hint, within seconds and within a fixed amount of memory.
#include <gtest/gtest.h>

#include <sys/resource.h>

#include <chrono>
#include <regex>

#include "app/sweep_design.hpp"
#include "app/work_estimate.hpp"
#include "models/scenario_loader.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::source_path;

struct TimedResult {
    testing::CommandResult result;
    double seconds;      // on the wall clock
    double cpu_seconds;  // of the processor's time the command used, whatever else the machine runs
};

double children_cpu_seconds() {
    rusage usage{};
    getrusage(RUSAGE_CHILDREN, &usage);
    const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + 1e-6 * static_cast<double>(t.tv_usec); };
    return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// Runs kapsim with at most 2 GB of address space (3 GB resident under the sanitizers): a run that
// tried to take more would die (or exit 1 with bad_alloc) instead of exiting 2 with a message.
TimedResult run_limited(const std::string& args) {
    const auto started = std::chrono::steady_clock::now();
    const double cpu_before = children_cpu_seconds();
    const auto dir = testing::fresh_temp_dir("limited");
#ifdef KAPSIM_SANITIZED
    // AddressSanitizer reserves terabytes of address space for its shadow memory, so an
    // address-space limit stops it at once; it bounds the resident memory itself instead (3 GB,
    // for its own overhead), and a run past that dies rather than exiting 2.
    const std::string limit = "ASAN_OPTIONS=hard_rss_limit_mb=3072:detect_leaks=1 ";
#else
    const std::string limit = "ulimit -v 2097152 && ";
#endif
    const std::string command = "(" + limit + "exec " + std::string(KAPSIM_BINARY) + " " + args + ") >" +
                                (dir / "out").string() + " 2>" + (dir / "err").string();
    const int status = std::system(command.c_str());
    testing::CommandResult result{WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::read_text(dir / "out"),
                                  testing::read_text(dir / "err")};
    std::filesystem::remove_all(dir);
    return {result, std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count(),
            children_cpu_seconds() - cpu_before};
}

class WorkLimitsTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("work-limits"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string out() const { return " --out " + (dir_ / "out").string(); }

    // Exit 2 with `file:line:column: error:` and a hint, in bounded time and memory.
    void expect_refused(const TimedResult& r, const std::string& file, const std::string& what) {
        EXPECT_EQ(r.result.exit_code, 2) << r.result.err;
        EXPECT_LT(r.seconds, 20.0) << r.result.err;
        EXPECT_TRUE(std::regex_search(r.result.err, std::regex(std::regex_replace(file, std::regex(R"([.+])"), R"(\$&)") +
                                                                ":[0-9]+:[0-9]+: error: ")))
            << r.result.err;
        EXPECT_NE(r.result.err.find(what), std::string::npos) << r.result.err;
        EXPECT_NE(r.result.err.find("hint:"), std::string::npos) << r.result.err;
        EXPECT_EQ(r.result.err.find("internal error"), std::string::npos) << r.result.err;
        EXPECT_FALSE(std::filesystem::exists(dir_ / "out")) << "nothing is written for refused work";
    }

    std::filesystem::path dir_;
};

const std::string rate_1e6 = source_path("tests/bad-inputs/rate-1e6-fifo.yaml");
const std::string growth_100 = source_path("tests/bad-inputs/growth-100-10y.yaml");
const std::string tiny_loop = source_path("tests/bad-inputs/loop-tiny-stay.yaml");

TEST_F(WorkLimitsTest, QueueThatWouldOutgrowMemoryIsRefusedBeforeRunning) {
    const auto r = run_limited("run " + rate_1e6 + out());
    expect_refused(r, rate_1e6, "of memory: beyond the limits");
    EXPECT_NE(r.result.err.find("the waiting line at unit 'ward' grows without bound"), std::string::npos)
        << r.result.err;
    EXPECT_NE(r.result.err.find("--allow-large"), std::string::npos) << r.result.err;
}

TEST_F(WorkLimitsTest, EveryCommandRefusesTheOverloadedQueue) {
    const std::string base = source_path("scenarios/validation/erlang-c.yaml");
    for (const std::string& command :
         {"compare " + base + " " + rate_1e6, "capacity " + rate_1e6 + " --unit ward --range 15..16",
          "warmup " + rate_1e6, "calibrate " + rate_1e6 + " --target units.ward.occupancy_pct=90 --vary "
                                                           "classes.patients.arrivals.rate"}) {
        const auto r = run_limited(command + out());
        expect_refused(r, rate_1e6, "beyond the limits");
    }
}

TEST_F(WorkLimitsTest, AllowedOverloadStopsAtTheWaitingLineLimitWithAMessage) {
    // Past the estimate on purpose, the replication still stops long before memory runs out.
    const auto r = run_limited("run " + rate_1e6 + " --allow-large --threads 2" + out());
    expect_refused(r, rate_1e6, "the waiting line at unit 'ward' passed 2000000 persons");
    EXPECT_NE(r.result.err.find("the unit is overloaded"), std::string::npos) << r.result.err;
}

TEST_F(WorkLimitsTest, CompoundingGrowthIsRefusedAndCheckWarnsOfIt) {
    expect_refused(run_limited("run " + growth_100 + out()), growth_100, "events per replication");
    const auto check = run_limited("check " + growth_100);
    EXPECT_EQ(check.result.exit_code, 0) << check.result.err;
    EXPECT_LT(check.seconds, 20.0);
    EXPECT_NE(check.result.out.find("warning: this would take about"), std::string::npos) << check.result.out;
    EXPECT_NE(check.result.out.find("--allow-large"), std::string::npos) << check.result.out;
}

TEST_F(WorkLimitsTest, LoopWhoseOnlyStayIsTinyIsRefusedByTheLoopCheck) {
    for (const char* command : {"check ", "run "}) {
        const auto r = run_limited(command + tiny_loop + (std::string(command) == "run " ? out() : ""));
        expect_refused(r, tiny_loop, "can go round a loop through unit 'ed' without any time passing");
        EXPECT_NE(r.result.err.find("a minute"), std::string::npos) << r.result.err;
    }
}

TEST_F(WorkLimitsTest, LoopThroughOverflowIsSeenByTheEstimateAndRefusedBeforeTheRun) {
    // People a full unit turns away go to a two-minute visit and straight back, again and
    // again. The traffic equations follow those turned away (Erlang B: nearly all of them
    // here), so the estimate sees the loop and the run is refused before it starts.
    const auto file = dir_ / "ping-pong.yaml";
    std::ofstream(file) << "scenario: {name: ping-pong, start: 2024-01-01, run_length: 1y, replications: 2}\n"
                           "classes:\n  people: {arrivals: {rate: 10/day}, first_unit: tne}\n"
                           "units:\n"
                           "  tne: {kind: sobering, places: 1, stay: {distribution: fixed, value: 1000d}}\n"
                           "  desk: {kind: service, duration: {distribution: fixed, value: 2min}}\n"
                           "pathways:\n"
                           "  tne: {overflow: {all: {desk: 1}}}\n"
                           "  desk: {after_stay: {all: {tne: 0.999999, out: 0.000001}}}\n";
    const auto check = run_limited("check " + file.string());
    ASSERT_EQ(check.result.exit_code, 0) << check.result.err;
    // A million visits to the desk for each of the 3 650 arrivals a year.
    expect_refused(run_limited("run " + file.string() + out()), file.string(), "3.65 billion events per replication");
}

TEST_F(WorkLimitsTest, LoopTheEstimateCannotSeeStopsAtTheEventLimit) {
    // The same loop, but the unit only fills when its capacity schedule cuts it to one place
    // after the first day: the estimate, at the base capacity, sees nobody turned away, so only
    // the replication's own event limit can stop this.
    const auto file = dir_ / "ping-pong-later.yaml";
    std::ofstream(file) << "scenario: {name: ping-pong-later, start: 2024-01-01, run_length: 1y, replications: 2}\n"
                           "classes:\n  people: {arrivals: {rate: 10/day}, first_unit: pool}\n"
                           "units:\n"
                           "  pool:\n"
                           "    kind: pool\n"
                           "    capacity: 100000\n"
                           "    capacity_schedule: [{from: 2024-01-02, capacity: 1}]\n"
                           "    service: {distribution: fixed, value: 1000d}\n"
                           "  desk: {kind: service, duration: {distribution: fixed, value: 2min}}\n"
                           "pathways:\n"
                           "  pool: {overflow: {all: {desk: 1}}}\n"
                           "  desk: {after_stay: {all: {pool: 0.99999, out: 0.00001}}}\n";
    const auto check = run_limited("check " + file.string());
    ASSERT_EQ(check.result.exit_code, 0) << check.result.err;
    const auto r = run_limited("run " + file.string() + out());
    expect_refused(r, file.string(), "was stopped after 10000000 events");
    EXPECT_NE(r.result.err.find("look for a loop"), std::string::npos) << r.result.err;
}

TEST_F(WorkLimitsTest, SweepOfAMillionPointsIsRefusedBeforeLoadingThem) {
    const auto sweep = dir_ / "million.yaml";
    std::ofstream(sweep) << "scenario: " << source_path("scenarios/validation/erlang-c.yaml") << "\n"
                         << "replications: 2\n"
                            "parameters:\n"
                            "  units.ward.capacity: {from: 1, to: 1000, step: 1}\n"
                            "  scenario.run_length: {from: 1, to: 1000, step: 1, unit: d}\n";
    const auto r = run_limited("sweep " + sweep.string() + out());
    expect_refused(r, sweep.string(), "1000000 points are beyond the limit of 100000");
    EXPECT_NE(r.result.err.find("--allow-large"), std::string::npos) << r.result.err;
}

TEST_F(WorkLimitsTest, SweepWhoseEventsAddUpBeyondTheLimitIsRefusedUnlessAllowed) {
    const auto sweep = dir_ / "long.yaml";
    std::ofstream(sweep) << "scenario: " << source_path("scenarios/validation/erlang-c.yaml") << "\n"
                         << "replications: 1000\n"
                            "parameters:\n"
                            "  classes.patients.arrivals.rate: {from: 100, to: 1000, steps: 10, unit: /day}\n"
                            "  units.ward.capacity: [100000]\n"
                            "  scenario.run_length: 100y\n";
    const auto r = run_limited("sweep " + sweep.string() + out());
    // Said at the unit doing the most work, in the swept scenario.
    expect_refused(r, source_path("scenarios/validation/erlang-c.yaml"), "billion in all");
}

TEST_F(WorkLimitsTest, CheckOfThreeThousandUnitsIsQuick) {
    // A chain of 3 000 units: the traffic equations were solved dense, cubic in the units, and
    // the classes reaching a unit were searched once per unit. Takes about 1 s of processor
    // time; the bound is on processor time, since a loaded machine stretches the wall clock
    // (it once took 10 s of it in CI).
    std::string yaml = "scenario: {name: many, start: 2024-01-01, run_length: 1y}\n"
                       "classes:\n  patients: {arrivals: {rate: 1/day}, first_unit: u0}\nunits:\n";
    constexpr int units = 3000;
    for (int i = 0; i < units; ++i)
        yaml += "  u" + std::to_string(i) + ": {kind: pool, capacity: 4, queue: fifo, service: {distribution: "
                "exponential, mean: 1h}}\n";
    yaml += "pathways:\n";
    for (int i = 0; i + 1 < units; ++i)
        yaml += "  u" + std::to_string(i) + ": {after_stay: {all: {u" + std::to_string(i + 1) + ": 1}}}\n";
    const auto file = dir_ / "many.yaml";
    std::ofstream(file) << yaml;
    const auto r = run_limited("check " + file.string());
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_LT(r.cpu_seconds, 10.0);
    EXPECT_NE(r.result.out.find("u2999: 365.2 arrivals/year"), std::string::npos) << "every unit gets the class's "
                                                                                     "arrivals down the chain";
}

TEST_F(WorkLimitsTest, CheckPrintsTheEstimateOfAValidScenarioWithoutWarning) {
    const auto r = run_limited("check " + source_path("scenarios/validation/erlang-c.yaml"));
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_TRUE(std::regex_search(r.result.out, std::regex("work: [0-9]+ replications, about [0-9]+ thousand events per "
                                                           "replication, [0-9.]+ million in all; about [0-9]+ MB")))
        << r.result.out;
    EXPECT_EQ(r.result.out.find("warning"), std::string::npos) << r.result.out;
}

TEST_F(WorkLimitsTest, LargeButValidScenarioStillRuns) {
    // About seven million events per replication at a unit of 10 000 places: within the limits.
    const auto r = run_limited("run " + source_path("scenarios/validation/erlang-c.yaml") +
                               " --set classes.patients.arrivals.rate=1000/day --set units.ward.capacity=10000"
                               " --set scenario.run_length=10y --reps 2 --threads 2" + out());
    EXPECT_EQ(r.result.exit_code, 0) << r.result.err;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "out/summary.json"));
}

// Every shipped scenario and sweep runs without --allow-large: the limits leave them room.
TEST(ShippedWorkTest, EveryShippedScenarioAndSweepIsWellWithinTheLimits) {
    std::vector<std::filesystem::path> files;
    for (const char* folder : {"scenarios", "bench", "tests/browser/fixtures"})
        for (const auto& entry : std::filesystem::recursive_directory_iterator(source_path(folder)))
            // references.yaml lists the documents the scenarios cite; it is no scenario.
            if (entry.path().extension() == ".yaml" && entry.path().filename() != "references.yaml") files.push_back(entry.path());
    ASSERT_GE(files.size(), 20u);
    for (const auto& file : files) {
        app::WorkTotal work;
        if (testing::read_text(file).find("\nparameters:") != std::string::npos) {
            const auto design = app::read_sweep(file.string());
            for (std::size_t p = 0; p < design.points.size(); ++p) {
                const auto s = models::load_scenario(design.scenario_file, app::point_overrides(design, p));
                work.add(s, static_cast<double>(s.replications));
            }
            EXPECT_LE(design.points.size(), app::WorkLimits::sweep_points / 10) << file;
        } else {
            const auto s = models::load_scenario(file.string(), {});
            // compare and capacity run a few alternatives.
            work.add(s, static_cast<double>(s.replications) * 5);
        }
        EXPECT_LT(work.events(), app::WorkLimits::events / 2) << file << ": " << work.describe(2);
        EXPECT_LT(work.bytes(2), app::WorkLimits::bytes / 4) << file << ": " << work.describe(2);
        std::printf("%s: %s\n", file.string().c_str(), work.describe(2).c_str());
    }
}

}  // namespace
}  // namespace kapsim
