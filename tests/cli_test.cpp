// The command line end to end: success paths, and every kind of bad input gets a message with
// file, line and column, what is wrong and a hint, and exit code 2, never a crash.
#include <gtest/gtest.h>

#include <fstream>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::run_kapsim;
using testing::source_path;

class BadInputTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("bad-input"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    // Writes a scenario and checks kapsim check refuses it at `line:column` saying `what`.
    void expect_refused(const std::string& yaml, const std::string& location, const std::string& what) {
        const auto file = dir_ / "scenario.yaml";
        std::ofstream(file) << yaml;
        for (const char* command : {"check", "run"}) {
            const std::string out = std::string(command) == "run" ? " --out " + (dir_ / "out").string() : "";
            const auto r = run_kapsim(std::string(command) + " " + file.string() + out);
            EXPECT_EQ(r.exit_code, 2) << command << ": " << r.err;
            EXPECT_NE(r.err.find(file.string() + ":" + location), std::string::npos) << r.err;
            EXPECT_NE(r.err.find(": error: "), std::string::npos) << r.err;
            EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
            EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
            EXPECT_FALSE(std::filesystem::exists(dir_ / "out")) << "nothing is written for bad input";
        }
    }

    std::filesystem::path dir_;
};

// A valid scenario to start from; each test breaks one thing.
std::string scenario(const std::string& unit_body, const std::string& arrivals = "rate: 700/year") {
    return "scenario:\n"
           "  name: broken\n"
           "  start: 2024-01-01\n"
           "  run_length: 1y\n"
           "classes:\n"
           "  callers:\n"
           "    arrivals:\n"
           "      " + arrivals + "\n"
           "    first_unit: station\n"
           "units:\n"
           "  station:\n"
           "    kind: pool\n" + unit_body;
}

const std::string good_service = "    service: {distribution: exponential, mean: 8h}\n";

TEST_F(BadInputTest, MissingFile) {
    const auto r = run_kapsim("check " + (dir_ / "nowhere.yaml").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("no such scenario file"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
}

// Found by fuzz/scenario_fuzzer: a file name longer than the file system allows made the
// existence check throw, and kapsim exited 1 with "internal error: filesystem error".
TEST_F(BadInputTest, AFileNameTooLongForTheFileSystemIsAFileThatDoesNotExist) {
    const std::string long_name(300, 'a');
    expect_refused("extends: " + long_name + ".yaml\n" + scenario(good_service), "1:10", "does not exist");
    const auto r = run_kapsim("check " + (dir_ / (long_name + ".yaml")).string());
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("no such scenario file"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, YamlSyntaxError) {
    expect_refused(scenario("    capacity: [2\n" + good_service), "14:", "YAML syntax error");
}

TEST_F(BadInputTest, UnknownKeySuggestsTheNearestOne) {
    expect_refused(scenario("    capacty: 2\n" + good_service), "13:5", "unknown key 'capacty'");
    const auto file = dir_ / "scenario.yaml";
    EXPECT_NE(run_kapsim("check " + file.string()).err.find("did you mean 'capacity'?"), std::string::npos);
}

TEST_F(BadInputTest, WrongType) {
    expect_refused(scenario("    capacity: two\n" + good_service), "13:15", "must be a number");
}

TEST_F(BadInputTest, NegativeValue) {
    expect_refused(scenario("    capacity: -2\n" + good_service), "13:15", "outside the sensible range");
}

TEST_F(BadInputTest, AbsurdCapacity) {
    expect_refused(scenario("    capacity: 1000000000000\n" + good_service), "13:15", "outside the sensible range");
}

TEST_F(BadInputTest, UnknownDistributionSuggestsTheNearestOne) {
    expect_refused(scenario("    capacity: 2\n    service: {distribution: lognormale, mean: 8h, sd: 2h}\n"), "14:",
                   "unknown distribution 'lognormale'");
    EXPECT_NE(run_kapsim("check " + (dir_ / "scenario.yaml").string()).err.find("did you mean 'lognormal'?"),
              std::string::npos);
}

TEST_F(BadInputTest, DurationWithoutUnit) {
    expect_refused(scenario("    capacity: 2\n    service:\n      distribution: exponential\n      mean: 8\n"), "16:13",
                   "duration '8' has no unit");
}

TEST_F(BadInputTest, RateWithoutUnit) {
    expect_refused(scenario("    capacity: 2\n" + good_service, "rate: 700"), "8:13", "rate '700' has no time unit");
}

TEST_F(BadInputTest, ClassArrivingAtUnknownUnit) {
    std::string yaml = scenario("    capacity: 2\n" + good_service);
    yaml.replace(yaml.find("first_unit: station"), 19, "first_unit: statoin");
    expect_refused(yaml, "9:17", "'statoin' is not a unit");
}

TEST_F(BadInputTest, BadOverrideOnTheCommandLine) {
    const auto r = run_kapsim("check " + source_path("scenarios/validation/erlang-b.yaml") +
                              " --set units.station.capacity=-1");
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("--set units.station.capacity=-1: error:"), std::string::npos) << r.err;
}

TEST_F(BadInputTest, BadCommandLineOption) {
    const auto r = run_kapsim("run " + source_path("scenarios/validation/erlang-b.yaml") + " --reps 0");
    EXPECT_EQ(r.exit_code, 2) << r.err;
}

TEST(CommandLineTest, VersionAndHelp) {
    const auto v = run_kapsim("--version");
    EXPECT_EQ(v.exit_code, 0);
    EXPECT_NE(v.out.find("kapsim "), std::string::npos);
    for (const char* command : {"--help", "run --help", "check --help"}) {
        const auto h = run_kapsim(command);
        EXPECT_EQ(h.exit_code, 0) << command;
        EXPECT_NE(h.out.find("Usage"), std::string::npos) << command << h.out;
    }
}

TEST(CommandLineTest, RunWritesTheDocumentedOutputs) {
    const auto dir = testing::fresh_temp_dir("run");
    const auto r = run_kapsim("run " + source_path("scenarios/validation/erlang-b.yaml") + " --reps 3 --out " +
                              (dir / "out").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("share turned away"), std::string::npos) << r.out;
    const auto j = nlohmann::json::parse(testing::read_text(dir / "out/summary.json"));
    EXPECT_EQ(j["scenario"]["name"], "erlang-b");
    EXPECT_EQ(j["replications"], 3);
    EXPECT_EQ(j["scenario"]["content_hash"].get<std::string>().size(), 16u);
    for (const char* metric : {"arrivals_per_year", "admitted_per_year", "turned_away_per_year", "p_turned_away",
                               "p_wait", "mean_wait_days", "occupancy_mean", "occupancy_pct", "p_full"}) {
        const auto& m = j["units"]["station"][metric];
        for (const char* field : {"mean", "sd", "ci_low", "ci_high"}) EXPECT_TRUE(m.contains(field)) << metric << field;
    }
    EXPECT_TRUE(std::filesystem::exists(dir / "out/summary.csv"));
    EXPECT_TRUE(std::filesystem::exists(dir / "out/replications.csv"));
    // No temporary files are left behind by the atomic writes.
    for (const auto& entry : std::filesystem::directory_iterator(dir / "out"))
        EXPECT_EQ(entry.path().filename().string().find(".tmp"), std::string::npos) << entry.path();
    std::filesystem::remove_all(dir);
}

TEST(CommandLineTest, CheckPrintsTheModelWithoutRunning) {
    const auto r = run_kapsim("check " + source_path("scenarios/validation/erlang-c.yaml"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("capacity 16, FIFO queue"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("offered load 14.850 on 16 places"), std::string::npos) << r.out;
}

// Overload warns of a list without bound, unless those waiting leave after a patience time.
TEST(CommandLineTest, CheckWarnsOfOverloadAndSaysWhenPatienceBoundsTheQueue) {
    const std::string file = source_path("scenarios/validation/erlang-c.yaml");
    const auto plain = run_kapsim("check " + file + " --set units.ward.capacity=14");
    EXPECT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_NE(plain.out.find("exceeds 14 places: the queue will grow without bound"), std::string::npos) << plain.out;
    const auto patient = run_kapsim("check " + file + " --set units.ward.capacity=14" +
                                    " --set 'units.ward.patience={distribution: exponential, mean: 30d}'");
    EXPECT_EQ(patient.exit_code, 0) << patient.err;
    EXPECT_NE(patient.out.find("the queue stays finite only because people leave it unserved"), std::string::npos)
        << patient.out;
    EXPECT_EQ(patient.out.find("without bound"), std::string::npos) << patient.out;
    EXPECT_EQ(run_kapsim("check " + file).out.find("warning"), std::string::npos);
}

// A ward with acute patients only has no planned list: it is a loss system on its beds plus the
// over-occupancy allowed, and check said "Erlang C: 51.8 % would wait" and warned of a list
// that would grow without bound.
TEST(CommandLineTest, CheckTreatsAnAcuteOnlyWardAsErlangBOnBedsAndOverOccupancy) {
    const auto dir = testing::fresh_temp_dir("acute-ward");
    const auto file = dir / "ward.yaml";
    std::ofstream(file) << R"(scenario: {name: acute-ward, start: 2024-01-01, run_length: 1y, replications: 2}
classes:
  acute: {arrivals: {rate: 2/day}, first_unit: avd7}
units:
  avd7: {kind: ward, beds: 13, over_occupancy: 3, length_of_stay: {distribution: exponential, mean: 7d}}
)";
    const auto r = run_kapsim("check " + file.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const double b = testing::erlang_b(16, 14.0);
    EXPECT_NE(r.out.find(fmt::format("on 16 beds with over-occupancy; Erlang B: {:.1f} % diverted", 100 * b)), std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("Erlang C"), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find("without bound"), std::string::npos) << r.out;
    std::filesystem::remove_all(dir);
}

// With patience, a queue's first figure is Erlang A: who waits, and who leaves unserved.
TEST(CommandLineTest, CheckGivesErlangAWhereThoseWaitingHavePatience) {
    const std::string file = source_path("scenarios/validation/erlang-c.yaml");
    const auto r = run_kapsim("check " + file + " --set 'units.ward.patience={distribution: exponential, mean: 30d}'");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("Erlang A: "), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("leave the queue unserved"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace kapsim

namespace kapsim {
namespace {

// The planner's first file: acute and planned patients at a ward with no overflow route and
// no over-occupancy given. Nothing may be lost or guessed silently: check names the default
// that decides capacity and the acute patients who would leave the model; run and compare say
// how many did, with the share.
const char* planner_ward = R"(scenario: {name: planner, start: 2024-01-01, run_length: 2y, warmup: 60d, replications: 10}
classes:
  acute: {arrivals: {rate: 420/year}, first_unit: ward}
  planned: {arrivals: {rate: 180/year}, first_unit: ward}
units:
  ward:
    kind: ward
    beds: 10
    length_of_stay: {distribution: exponential, mean: 6d}
    planned: {classes: [planned], patience: {distribution: exponential, mean: 60d}}
)";

TEST(NothingLostSilently, CheckNamesTheDefaultThatDecidesCapacityAndThoseWhoWouldLeaveTheModel) {
    const auto dir = testing::fresh_temp_dir("planner-check");
    const auto file = dir / "ward.yaml";
    std::ofstream(file) << planner_ward;
    const auto r = run_kapsim("check " + file.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("over-occupancy not set: the default 0 is used"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("warning: acute turned away at ward have no overflow route and leave the model"),
              std::string::npos)
        << r.out;
    EXPECT_EQ(r.out.find("warning: planned"), std::string::npos) << "planned patients wait; they are not turned away";
    // With a route, or {out: 1} said on purpose, there is nothing to warn of.
    const auto routed = run_kapsim("check " + file.string() + " --set 'pathways={ward: {overflow: {all: {out: 1}}}}'" +
                                   " --set units.ward.over_occupancy=2");
    EXPECT_EQ(routed.exit_code, 0) << routed.err;
    EXPECT_EQ(routed.out.find("leave the model"), std::string::npos) << routed.out;
    EXPECT_EQ(routed.out.find("not set"), std::string::npos) << routed.out;
    std::filesystem::remove_all(dir);
}

TEST(NothingLostSilently, RunAndCompareSayHowManyLeftTheModelAndTheirShare) {
    const auto dir = testing::fresh_temp_dir("planner-run");
    const auto file = dir / "ward.yaml";
    std::ofstream(file) << planner_ward;
    const auto r = run_kapsim("run " + file.string() + " --quiet --out " + (dir / "run").string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    const auto at = r.out.find("% of acute at ward (");
    ASSERT_NE(at, std::string::npos) << r.out;
    EXPECT_NE(r.out.find("were turned away with no overflow route and left the model"), std::string::npos) << r.out;
    // The share printed is the by-class turned away over arrivals of summary.json.
    const auto summary = nlohmann::json::parse(testing::read_text(dir / "run" / "summary.json"));
    const double turned = summary["units"]["ward"]["by_class.acute.turned_away_per_year"]["mean"];
    const double arrivals = summary["units"]["ward"]["by_class.acute.arrivals_per_year"]["mean"];
    EXPECT_NE(r.out.find(fmt::format("warning: {:.1f} % of acute at ward", 100 * turned / arrivals)), std::string::npos)
        << r.out;
    const auto c = run_kapsim("compare " + file.string() + " " + file.string() + " --set units.ward.beds=12 --quiet --out " +
                              (dir / "cmp").string());
    EXPECT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.out.find("left the model"), std::string::npos) << c.out;
    // With --json the warning goes to stderr, and stdout stays JSON.
    const auto j = run_kapsim("run " + file.string() + " --quiet --json --out " + (dir / "json").string());
    EXPECT_NE(j.err.find("left the model"), std::string::npos) << j.err;
    EXPECT_TRUE(nlohmann::json::accept(j.out)) << j.out;
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapsim

namespace kapsim {
namespace {

// The report's words follow the model: acute patients turned away with no route onward leave
// the model, and are not "skickas vidare"; with a route they are.
TEST(NothingLostSilently, TheReportSaysTheyLeaveTheModelWhenNoRouteIsGiven) {
    const auto dir = testing::fresh_temp_dir("planner-report");
    const auto file = dir / "ward.yaml";
    std::ofstream(file) << planner_ward;
    const auto r = run_kapsim("run " + file.string() + " --quiet --report --out " + (dir / "lost").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto lost = testing::read_text(dir / "lost" / "report-sv.html");
    EXPECT_NE(lost.find("De lämnar modellen, eftersom scenariot inte anger vart de tar vägen."), std::string::npos);
    EXPECT_EQ(lost.find("och skickas vidare"), std::string::npos);
    const auto routed = run_kapsim("run " + file.string() + " --quiet --report --out " + (dir / "routed").string() +
                                   " --set 'pathways={ward: {overflow: {all: {out: 1}}}}'");
    ASSERT_EQ(routed.exit_code, 0) << routed.err;
    const auto sent = testing::read_text(dir / "routed" / "report-sv.html");
    EXPECT_NE(sent.find("och skickas vidare"), std::string::npos);
    EXPECT_EQ(sent.find("lämnar modellen"), std::string::npos);
    // Sent on to named units: the sentence names them, in the report's words for them.
    const auto tne = run_kapsim("run " + testing::source_path("scenarios/jamtland/tne-2016.yaml") +
                                " --reps 3 --quiet --report --out " + (dir / "tne").string());
    ASSERT_EQ(tne.exit_code, 0) << tne.err;
    const auto named = testing::read_text(dir / "tne" / "report-sv.html");
    EXPECT_NE(named.find("och skickas vidare till polisarresten och akutmottagningen eller lämnar modellen"),
              std::string::npos);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapsim
