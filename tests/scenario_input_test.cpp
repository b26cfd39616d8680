// Hostile or broken scenario files (tests/bad-inputs/, and larger ones generated here) are
// refused in bounded time with exit code 2, `file:line:column: error:` and a hint; inputs that
// are valid but unusual (large seeds, names with å ä ö) give the right result.
#include <gtest/gtest.h>

#include <chrono>
#include <regex>

#include <nlohmann/json.hpp>

#include "sim/distribution.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::run_kapsim;
using testing::source_path;

constexpr auto time_limit = std::chrono::seconds(10);

std::string bad_input(const std::string& name) { return source_path("tests/bad-inputs/" + name); }

// Shell-quotes a path (single quotes; the test paths hold none).
std::string shell_quoted(const std::filesystem::path& p) { return "'" + p.string() + "'"; }

class ScenarioInputTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("scenario-input"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::filesystem::path write(const std::string& name, const std::string& text) {
        const auto file = dir_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

    // Runs kapsim with `args` and checks it refuses, in bounded time, with an error at
    // `location` (a regex after the file name, e.g. "16:5" or "\\d+:\\d+") that says `what`.
    testing::CommandResult expect_refused(const std::string& args, const std::string& file, const std::string& location,
                                          const std::string& what) {
        const auto start = std::chrono::steady_clock::now();
        const auto r = run_kapsim(args);
        const auto took = std::chrono::steady_clock::now() - start;
        EXPECT_LT(took, time_limit) << args;
        EXPECT_EQ(r.exit_code, 2) << args << "\n" << r.err;
        const std::regex where(std::regex_replace(file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") +
                               (location.empty() ? "" : ":" + location) + ": error: ");
        EXPECT_TRUE(std::regex_search(r.err, where)) << "expected " << file << ":" << location << "\n" << r.err;
        EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
        return r;
    }

    // `check`, and `run` which must write nothing.
    void expect_check_and_run_refused(const std::string& file, const std::string& location, const std::string& what) {
        expect_refused("check " + shell_quoted(file), file, location, what);
        expect_refused("run --quiet " + shell_quoted(file) + " --out " + shell_quoted(dir_ / "out"), file, location, what);
        EXPECT_FALSE(std::filesystem::exists(dir_ / "out")) << "nothing is written for bad input";
    }

    std::filesystem::path dir_;
};

TEST_F(ScenarioInputTest, NestedAliasesAreRefusedQuickly) {
    for (const char* name : {"billion-laughs-7.yaml", "billion-laughs-9.yaml", "billion-laughs-in-variants-7.yaml"})
        expect_check_and_run_refused(bad_input(name), "\\d+:\\d+", "when its aliases are followed");
    const auto variants = bad_input("billion-laughs-in-variants-7.yaml");
    expect_refused("compare --quiet " + variants + " --out " + shell_quoted(dir_ / "out"), variants, "\\d+:\\d+",
                   "when its aliases are followed");
}

TEST_F(ScenarioInputTest, AliasInsideItsOwnAnchorIsRefused) {
    const auto file = write("self.yaml", "scenario: &a {name: x, again: *a}\n");
    expect_refused("check " + shell_quoted(file), file.string(), "\\d+:\\d+", "levels deep");
}

TEST_F(ScenarioInputTest, DeepNestingIsRefused) {
    const auto file = bad_input("nest-10000.yaml");
    expect_refused("check " + file, file, "\\d+:\\d+", "nests more than 64 levels deep");
    const auto closed = write("closed.yaml", "units: " + std::string(3000, '[') + std::string(3000, ']') + "\n");
    expect_refused("check " + shell_quoted(closed), closed.string(), "\\d+:\\d+", "nests more than 64 levels deep");
}

TEST_F(ScenarioInputTest, NestingBeyondTheLimitIsRefused) {
    const auto file = write("deep.yaml", "scenario: {name: deep}\nunits: " + std::string(100, '[') + std::string(100, ']') + "\n");
    expect_refused("check " + shell_quoted(file), file.string(), "2:\\d+", "nests more than 64 levels deep");
}

TEST_F(ScenarioInputTest, KeyThatIsAListIsAnErrorAtItsLine) {
    expect_check_and_run_refused(bad_input("complex-key.yaml"), "14:5", "a key must be a plain name");
}

TEST_F(ScenarioInputTest, EmptyKeyIsAnErrorAtItsLine) {
    for (const char* key : {"~", "\"\""}) {
        const auto file = write("empty-key.yaml", testing::read_text(bad_input("base.yaml")) + std::string(key) + ": 1\n");
        expect_refused("check " + shell_quoted(file), file.string(), "21:1", "a key is empty");
    }
}

TEST_F(ScenarioInputTest, DuplicateKeyIsAnErrorNamingBothLines) {
    expect_check_and_run_refused(bad_input("dup-class.yaml"), "13:3",
                                 "'patients' is given twice in the same mapping, at line 9 and at line 13");
    expect_check_and_run_refused(bad_input("dup-key-capacity.yaml"), "17:5",
                                 "'capacity' is given twice in the same mapping, at line 16 and at line 17");
}

TEST_F(ScenarioInputTest, DuplicateKeyInABaseScenarioNamesTheBase) {
    write("base.yaml", testing::read_text(bad_input("dup-key-capacity.yaml")));
    const auto variant = write("variant.yaml", "extends: base.yaml\nscenario: {name: variant}\n");
    expect_refused("check " + shell_quoted(variant), (dir_ / "base.yaml").string(), "17:5", "given twice");
}

TEST_F(ScenarioInputTest, SecondYamlDocumentIsAnError) {
    // At the '---' that starts it.
    expect_check_and_run_refused(bad_input("multidoc.yaml"), "21:1", "more than one YAML document");
}

// Found by fuzzing: 32 bytes on which reading every document never ended (yaml-cpp's LoadAll
// kept finding more). At most two documents are read now.
TEST_F(ScenarioInputTest, MalformedTextThatLoopsTheYamlReaderIsRefusedAtOnce) {
    const auto start = std::chrono::steady_clock::now();
    const auto r = run_kapsim("check " + shell_quoted(bad_input("fuzz-loadall-endless.yaml")));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("error:"), std::string::npos) << r.err;
    EXPECT_LT(std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(), 10.0);
}

TEST_F(ScenarioInputTest, OnlyRegularFilesAreRead) {
    const auto devzero = bad_input("extends-devzero.yaml");
    expect_check_and_run_refused(devzero, "1:10", "'/dev/zero' is not a regular file");
    expect_refused("check /dev/zero", "/dev/zero", "", "is not a regular file");
    expect_refused("check " + shell_quoted(dir_), dir_.string(), "", "a folder");
}

TEST_F(ScenarioInputTest, FileLargerThanTheLimitIsRefusedUnread) {
    const auto big = write("big.yaml", "");
    std::filesystem::resize_file(big, 17u << 20);  // sparse: nothing is written
    expect_refused("check " + shell_quoted(big), big.string(), "", "larger than 16 MiB");
    const auto variant = write("variant.yaml", "extends: big.yaml\n");
    expect_refused("check " + shell_quoted(variant), variant.string(), "1:10", "larger than 16 MiB");
}

TEST_F(ScenarioInputTest, LongChainOfExtendsIsRefusedNamingTheChain) {
    constexpr int files = 6000;
    for (int i = 0; i + 1 < files; ++i)
        write("a" + std::to_string(i) + ".yaml", "extends: a" + std::to_string(i + 1) + ".yaml\n");
    write("a" + std::to_string(files - 1) + ".yaml", testing::read_text(bad_input("base.yaml")));
    const auto first = dir_ / "a0.yaml";
    const auto r = expect_refused("check " + shell_quoted(first), (dir_ / "a31.yaml").string(), "1:10",
                                  "the chain of 'extends' is more than 32 files long");
    EXPECT_NE(r.err.find("a0.yaml -> "), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("a31.yaml -> "), std::string::npos) << r.err;
}

TEST_F(ScenarioInputTest, ChainOfExtendsWithinTheLimitWorks) {
    for (int i = 0; i < 10; ++i)
        write("a" + std::to_string(i) + ".yaml", "extends: a" + std::to_string(i + 1) + ".yaml\n");
    write("a10.yaml", testing::read_text(bad_input("base.yaml")));
    const auto r = run_kapsim("check " + shell_quoted(dir_ / "a0.yaml"));
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(ScenarioInputTest, TextThatIsNotUtf8IsRefusedAtItsLineAndColumn) {
    expect_check_and_run_refused(bad_input("nonutf8-description.yaml"), "3:20", "not valid UTF-8 (byte 0xFF)");
}

TEST_F(ScenarioInputTest, FileNameThatIsNotUtf8IsRefusedBeforeRunning) {
    const auto latin1 = write("sc\xE9nario.yaml", testing::read_text(bad_input("base.yaml")));
    expect_check_and_run_refused(latin1.string(), "", "the file name is not valid UTF-8");
}

TEST_F(ScenarioInputTest, FileNameInUtf8WithSwedishLettersRuns) {
    const auto file = write("vårdplatser-åäö.yaml", testing::read_text(bad_input("base.yaml")));
    const auto r = run_kapsim("run --quiet " + shell_quoted(file) + " --out " + shell_quoted(dir_ / "out"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto summary = nlohmann::json::parse(testing::read_text(dir_ / "out/summary.json"));
    EXPECT_NE(summary.dump().find("vårdplatser-åäö.yaml"), std::string::npos);
}

TEST_F(ScenarioInputTest, SeedsAreReadExactly) {
    for (const std::string seed : {"9007199254740992", "9007199254740993", "9007199254740995"}) {
        const auto file = bad_input("seed-" + seed + ".yaml");
        const auto check = run_kapsim("check " + file);
        ASSERT_EQ(check.exit_code, 0) << check.err;
        EXPECT_NE(check.out.find("seed " + seed + "\n"), std::string::npos) << check.out;
    }
    const auto out = dir_ / "out";
    const auto r = run_kapsim("run --quiet " + bad_input("seed-9007199254740993.yaml") + " --out " + shell_quoted(out));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(testing::read_text(out / "summary.json").find("9007199254740993"), std::string::npos);
}

TEST_F(ScenarioInputTest, SeedOutsideSixtyFourBitsOrNotWholeIsRefused) {
    const std::string base = testing::read_text(bad_input("seed-9007199254740993.yaml"));
    for (const std::string seed : {"18446744073709551616", "-1", "1.5", "1e3"}) {
        std::string text = base;
        text.replace(text.find("9007199254740993"), 16, seed);
        const auto file = write("seed.yaml", text);
        expect_refused("check " + shell_quoted(file), file.string(), "6:9", "must be a whole number from 0 to");
    }
    std::string text = base;
    text.replace(text.find("9007199254740993"), 16, "18446744073709551615");
    const auto largest = write("largest.yaml", text);
    const auto r = run_kapsim("check " + shell_quoted(largest));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("seed 18446744073709551615\n"), std::string::npos) << r.out;
}

TEST_F(ScenarioInputTest, CommandLineSeedMustBePlainDigits) {
    const auto file = bad_input("base.yaml");
    for (const char* seed : {"-1", "18446744073709551616", "1.5", "x"}) {
        const auto r = run_kapsim(std::string("run --quiet ") + file + " --seed " + seed + " --out " + shell_quoted(dir_ / "out"));
        EXPECT_EQ(r.exit_code, 2) << seed << ": " << r.err;
        EXPECT_NE(r.err.find("--seed"), std::string::npos) << r.err;
        EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
    }
    const auto r = run_kapsim("run --quiet " + file + " --seed 18446744073709551615 --out " + shell_quoted(dir_ / "out"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(testing::read_text(dir_ / "out/summary.json").find("18446744073709551615"), std::string::npos);
}

TEST_F(ScenarioInputTest, WeibullWithAnAstronomicalMeanIsRefused) {
    expect_check_and_run_refused(bad_input("weibull-shape-0.011.yaml"), "18:14", "beyond the 100-year limit");
    std::string text = testing::read_text(bad_input("weibull-shape-0.011.yaml"));
    text.replace(text.find("shape: 0.011, scale: 1d"), 23, "shape: 0.2, scale: 1d");
    const auto r = run_kapsim("check " + shell_quoted(write("weibull.yaml", text)));
    EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST(WeibullTest, SmallestShapeHasAFiniteMeanAndSd) {
    const auto w = sim::Distribution::weibull(0.01, 1.0);
    EXPECT_NEAR(std::log(w.mean()), std::lgamma(101.0), 1e-9);  // Gamma(1 + 1/0.01)
    EXPECT_TRUE(std::isfinite(w.sd()));
    const auto common = sim::Distribution::weibull(2.0, 1.0);
    EXPECT_NEAR(common.mean(), std::sqrt(M_PI) / 2, 1e-12);
    EXPECT_NEAR(common.sd(), std::sqrt(1 - M_PI / 4), 1e-12);
}

TEST_F(ScenarioInputTest, PayerNameWithACommaIsRefused) {
    expect_check_and_run_refused(bad_input("payer-comma.yaml"), "17:\\d+", "payer name 'region, county' is not valid");
    const auto r = run_kapsim("check " + bad_input("payer-comma.yaml"));
    EXPECT_NE(r.err.find("letters (å, ä, ö"), std::string::npos) << r.err;
}

TEST_F(ScenarioInputTest, NamesMayHoldSwedishLettersButNotPunctuation) {
    std::string text = testing::read_text(bad_input("payer-comma.yaml"));
    text.replace(text.find("\"region, county\""), 16, "kommun_Östersund");
    auto file = write("names.yaml", text);
    const auto r = run_kapsim("check " + shell_quoted(file));
    EXPECT_EQ(r.exit_code, 0) << r.err;
    for (const std::string bad : {"\"a.b\"", "\"a b\"", "\"a/b\"", "\"a;b\""}) {
        std::string t = testing::read_text(bad_input("payer-comma.yaml"));
        t.replace(t.find("\"region, county\""), 16, bad);
        file = write("names.yaml", t);
        expect_refused("check " + shell_quoted(file), file.string(), "17:\\d+", "is not valid");
    }
}

// Independent problems (in two classes, a unit's stay and another unit) are all reported in one
// go, each at its own line and column with its hint, so they can be fixed before the next try.
TEST_F(ScenarioInputTest, CheckReportsEveryProblemOfAFileAtOnce) {
    const auto file = write("many.yaml", R"(scenario:
  name: many
  start: 2024-01-01
  run_length: 1y
  replications: 2
classes:
  acute:
    arrivals: {rate: 1,5/day}
    first_unit: avd
  planned:
    arrivals: {rate: 0.5/day}
    first_unit: avd
    prioritet: 1
units:
  avd:
    kind: ward
    beds: 10
    over_occupancy: 2
    length_of_stay: {distribution: exponential, mean: 6,5d}
    planned: {classes: [planned]}
  tne:
    kind: sobering
    placs: 3
    stay: {distribution: exponential, mean: 8h}
)");
    for (const std::string& command : {"check " + shell_quoted(file),
                                       "run --quiet " + shell_quoted(file) + " --out " + shell_quoted(dir_ / "out")}) {
        const auto r = run_kapsim(command);
        EXPECT_EQ(r.exit_code, 2) << r.err;
        const std::string f = file.string();
        std::size_t at = 0;
        for (const std::string& expected : std::vector<std::string>{
                 f + ":8:22: error: classes.acute.arrivals.rate: '1,5/day' has a decimal comma", "hint: YAML reads only",
              f + ":13:5: error: unknown key 'prioritet' in a patient class", "hint: did you mean 'priority'?",
              f + ":19:55: error: units.avd.length_of_stay.mean: '6,5d' has a decimal comma", "hint: YAML reads only",
              f + ":23:5: error: unknown key 'placs' in a unit of kind 'sobering'", "hint: did you mean 'places'?",
              "4 problems found"}) {
            const auto found = r.err.find(expected, at);
            ASSERT_NE(found, std::string::npos) << "in order: " << expected << "\n" << r.err;
            at = found + expected.size();
        }
        EXPECT_FALSE(std::filesystem::exists(dir_ / "out"));
    }
}

TEST_F(ScenarioInputTest, OneProblemIsReportedAloneWithoutACount) {
    std::string text = testing::read_text(bad_input("base.yaml"));
    text.replace(text.find("capacity: 16"), 12, "capacty: 16");
    const auto file = write("one.yaml", text);
    const auto r = expect_refused("check " + shell_quoted(file), file.string(), "16:5", "unknown key 'capacty'");
    EXPECT_EQ(r.err.find("problems found"), std::string::npos) << r.err;
}

TEST_F(ScenarioInputTest, ProblemsAreListedUpToTwentyThenItStops) {
    std::string text = "scenario: {name: many, start: 2024-01-01, run_length: 1y}\nclasses:\n";
    for (int c = 0; c < 30; ++c)
        text += "  c" + std::to_string(c) + ": {arrivals: {rate: 1/day}, first_unit: ward, prioritet: 1}\n";
    text += "units:\n  ward: {kind: pool, capacity: 2, queue: fifo, service: {distribution: exponential, mean: 1d}}\n";
    const auto file = write("thirty.yaml", text);
    const auto r = expect_refused("check " + shell_quoted(file), file.string(), "3:\\d+", "unknown key 'prioritet'");
    std::size_t errors = 0;
    for (auto at = r.err.find(": error: "); at != std::string::npos; at = r.err.find(": error: ", at + 1)) ++errors;
    EXPECT_EQ(errors, 20u) << r.err;
    EXPECT_NE(r.err.find("20 problems found; kapsim stopped looking there"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("thirty.yaml:22:"), std::string::npos) << "the 20th class is on line 22\n" << r.err;
}

// Every scenario shipped under scenarios/ passes the checks above.
TEST(ShippedScenariosTest, EveryShippedScenarioIsValid) {
    int checked = 0;
    for (const auto& entry : std::filesystem::recursive_directory_iterator(source_path("scenarios"))) {
        if (entry.path().extension() != ".yaml") continue;
        const std::string text = testing::read_text(entry.path());
        if (text.find("\nparameters:") != std::string::npos) continue;  // a sweep, not a scenario
        if (entry.path().filename() == "references.yaml") continue;  // the documents cited, not a scenario
        const auto r = run_kapsim("check " + entry.path().string());
        EXPECT_EQ(r.exit_code, 0) << entry.path() << "\n" << r.err;
        ++checked;
    }
    EXPECT_GT(checked, 10);
}

}  // namespace
}  // namespace kapsim
