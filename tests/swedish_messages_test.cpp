// What a planner reads about a bad scenario is Swedish when asked for: every error and hint the
// validator raises for the bad inputs kept in tests/bad-inputs/ (and the shared ones, where the
// machine has them) and for common mistakes made with --set, and check's face on the command
// line and in its JSON. English stays the default.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;

// Words that give an English sentence away, outside quotes ('...') and examples ({...}, [...]).
const std::regex english_word(R"(\b(the|is|are|must|not|with|of|and|write|check|add|use|should|cannot|has|have|e\.g\.)\b)");

std::string without_quotes_and_examples(const std::string& text) {
    static const std::regex quoted(R"('[^']*'|\{[^{}]*\}|\[[^\]]*\]|\([^()]*\))");
    std::string out = text;
    for (int i = 0; i < 3; ++i) out = std::regex_replace(out, quoted, "_");  // nested examples
    return out;
}

// Problems with a message that has no Swedish, or Swedish that still reads as English.
std::vector<std::string> english_in(const models::Message& m) {
    std::vector<std::string> out;
    if (m.empty()) return out;
    if (!m.translated()) out.push_back("no Swedish: " + m.en);
    else if (std::regex_search(without_quotes_and_examples(m.sv), english_word)) out.push_back("English words: " + m.sv);
    return out;
}

// The errors `load` raises, one by one.
template <class Load>
std::vector<models::InputError> errors_of(Load load) {
    try {
        load();
    } catch (const models::InputErrors& several) {
        return several.errors();
    } catch (const models::InputError& e) {
        return {e};
    }
    return {};
}

void expect_swedish(const std::vector<models::InputError>& errors, const std::string& input) {
    for (const auto& e : errors) {
        for (const auto& problem : english_in(e.problem_message())) ADD_FAILURE() << input << ": " << problem;
        for (const auto& problem : english_in(e.hint_message())) ADD_FAILURE() << input << " (hint): " << problem;
    }
}

std::vector<fs::path> bad_inputs() {
    std::vector<fs::path> files;
    for (const std::string& folder : {testing::source_path("tests/bad-inputs"), std::string("/work/shared/bad-inputs")}) {
        if (!fs::is_directory(folder)) continue;
        for (const auto& entry : fs::directory_iterator(folder))
            if (entry.path().extension() == ".yaml" && entry.path().filename() != "extends-devzero.yaml")
                files.push_back(entry.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(SwedishMessagesTest, EveryErrorOfTheKeptBadInputsHasItsSwedish) {
    std::size_t errors = 0;
    for (const auto& file : bad_inputs()) {
        const auto found = errors_of([&] { models::load_scenario(file.string()); });
        errors += found.size();
        expect_swedish(found, file.filename().string());
    }
    EXPECT_GT(errors, 8u) << "the bad inputs raise errors to look at";
}

// A small valid scenario, broken one value at a time as a planner might.
constexpr const char* valid = R"(scenario:
  name: avd
  start: 2024-01-01
  run_length: 2y
  warmup: 30d
  replications: 2
  seed: 1
classes:
  akut:
    arrivals: {rate: 400/year, month: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]}
    first_unit: avdelning
  planerad:
    arrivals: {rate: 100/year}
    first_unit: avdelning
units:
  avdelning:
    kind: ward
    beds: 10
    over_occupancy: 2
    length_of_stay: {distribution: lognormal, mean: 6d, sd: 3d}
    planned: {classes: [planerad]}
  tnE:
    kind: pool
    capacity: 3
    queue: fifo
    service: {distribution: exponential, mean: 1d}
pathways:
  avdelning:
    after_stay: {all: {tnE: 0.2, out: 0.8}}
    overflow: {all: {out: 1}}
costs:
  - {unit: avdelning, per_day: 9000, payer: region}
payers: [region]
)";

TEST(SwedishMessagesTest, CommonMistakesAreExplainedInSwedish) {
    const auto dir = testing::fresh_temp_dir("swedish");
    const auto file = (dir / "avd.yaml").string();
    std::ofstream(file) << valid;
    ASSERT_TRUE(errors_of([&] { models::load_scenario(file); }).empty()) << "the base is valid";
    const std::vector<std::string> mistakes{
        "units.avdelning.beds=tio",
        "units.avdelning.beds=6,5",
        "units.avdelning.beds=-3",
        "units.avdelning.beds=2.5",
        "units.avdelning.beds=[1, 2]",
        "units.avdelning.over_occupancy=x",
        "units.avdelning.length_of_stay.mean=6",
        "units.avdelning.length_of_stay.mean=6x",
        "units.avdelning.length_of_stay.mean=6,5 dagar",
        "units.avdelning.length_of_stay.mean=lång",
        "units.avdelning.length_of_stay.sd=0d",
        "units.avdelning.length_of_stay.distribution=normal",
        "units.avdelning.length_of_stay={sd: 3d}",
        "units.avdelning.kind=sjukhus",
        "units.avdelning.bädd=3",
        "units.avdelning.planned.classes=[okänd]",
        "units.avdelning.planned.queue=lifo",
        "units.tnE.queue=stack",
        "units.tnE.capacity=-1",
        "classes.akut.arrivals.rate=400",
        "classes.akut.arrivals.rate=400/fortnight",
        "classes.akut.arrivals.rate=mycket",
        "classes.akut.arrivals.month=[1, 2]",
        "classes.akut.arrivals.month=[0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]",
        "classes.akut.first_unit=akuten",
        "classes.akut.first_unit=out",
        "classes.akut.readmission={share: 1, after: 30d}",
        "scenario.start=2024-13-01",
        "scenario.start=igår",
        "scenario.run_length=0d",
        "scenario.seed=-1",
        "scenario.name=avd 7",
        "pathways.avdelning.after_stay.all={tnE: 0.5, out: 0.4}",
        "pathways.avdelning.after_stay.all={hem: 1}",
        "pathways.tnE.overflow={all: {out: 1}}",
        "costs.0.payer=kommunen",
        "costs.0.per_admission=100",
        "units.avdelning.beds_schedule=[{weeks: 60-62, beds: 8}]",
        "units.avdelning.beds_schedule=[{beds: 8}]",
    };
    std::size_t errors = 0;
    for (const auto& mistake : mistakes) {
        const auto found = errors_of([&] { models::load_scenario(file, {mistake}); });
        EXPECT_FALSE(found.empty()) << "--set " << mistake << " is an error";
        errors += found.size();
        expect_swedish(found, "--set " + mistake);
    }
    std::filesystem::remove_all(dir);
}

TEST(SwedishMessagesTest, CheckSpeaksSwedishWhenAskedAndEnglishByDefault) {
    const auto dir = testing::fresh_temp_dir("swedish-cli");
    const auto file = (dir / "avd.yaml").string();
    std::ofstream(file) << valid;
    const auto english = testing::run_kapsim("check " + file + " --set units.avdelning.beds=tio");
    EXPECT_EQ(english.exit_code, 2);
    EXPECT_NE(english.err.find("error: 'units.avdelning.beds' must be a number, not 'tio'"), std::string::npos) << english.err;
    EXPECT_NE(english.err.find("hint: write a plain number, e.g. 2 or 0.5"), std::string::npos) << english.err;
    const auto swedish = testing::run_kapsim("check --lang sv " + file + " --set units.avdelning.beds=tio");
    EXPECT_EQ(swedish.exit_code, 2);
    EXPECT_NE(swedish.err.find("fel: 'units.avdelning.beds' måste vara ett tal, inte 'tio'"), std::string::npos)
        << swedish.err;
    EXPECT_NE(swedish.err.find("tips: skriv ett vanligt tal, t.ex. 2 eller 0.5"), std::string::npos) << swedish.err;
    std::filesystem::remove_all(dir);
}

TEST(SwedishMessagesTest, CheckJsonCarriesTheAskedLanguageAndBoth) {
    const auto dir = testing::fresh_temp_dir("swedish-json");
    const auto file = (dir / "avd.yaml").string();
    std::ofstream(file) << valid;
    const auto r = testing::run_kapsim("check --json --lang sv " + file + " --set units.avdelning.beds=tio");
    EXPECT_EQ(r.exit_code, 2);
    const auto j = nlohmann::json::parse(r.out);
    ASSERT_EQ(j["errors"].size(), 1u) << r.out;
    const auto& e = j["errors"][0];
    EXPECT_EQ(e["message"], "'units.avdelning.beds' måste vara ett tal, inte 'tio'");
    EXPECT_EQ(e["message_sv"], e["message"]);
    EXPECT_EQ(e["message_en"], "'units.avdelning.beds' must be a number, not 'tio'");
    EXPECT_EQ(e["hint"], "skriv ett vanligt tal, t.ex. 2 eller 0.5");
    EXPECT_EQ(e["hint_en"], "write a plain number, e.g. 2 or 0.5");
    const auto english = nlohmann::json::parse(testing::run_kapsim("check --json " + file + " --set units.avdelning.beds=tio").out);
    EXPECT_EQ(english["errors"][0]["message"], "'units.avdelning.beds' must be a number, not 'tio'");

    std::filesystem::remove_all(dir);
}

TEST(SwedishMessagesTest, CheckJsonSaysItsWarningsInBothLanguages) {
    // The ward's over-occupancy left to its default: a note at the unit, in Swedish when asked.
    const auto dir = testing::fresh_temp_dir("swedish-json-default");
    std::string without = valid;
    const std::string line = "    over_occupancy: 2\n";
    without.erase(without.find(line), line.size());
    std::ofstream(dir / "avd.yaml") << without;
    const auto noted = nlohmann::json::parse(testing::run_kapsim("check --json --lang sv " + (dir / "avd.yaml").string()).out);
    EXPECT_TRUE(noted["ok"].get<bool>());
    bool default_note = false;
    for (const auto& w : noted["warnings"])
        if (w.value("code", "") == "default") {
            default_note = true;
            EXPECT_EQ(w["unit"], "avdelning");
            EXPECT_NE(w["message"].get<std::string>().find("överbeläggning är inte angiven"), std::string::npos) << w;
            EXPECT_NE(w["message_en"].get<std::string>().find("over-occupancy not set"), std::string::npos) << w;
        }
    EXPECT_TRUE(default_note) << noted["warnings"];
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace kapsim
