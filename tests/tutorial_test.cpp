// `kapsim init` and the README's tutorial. The tutorial's commands, edits and files are read
// from README.md and run as a planner would, in a fresh folder: from the ward template to 10
// beds, 600 admissions a year (70 % acute), 6 days' stay and 5 closed summer weeks, a 12-bed
// copy, check, compare and report. What the planner sees is asserted: nothing guessed
// silently, every lost patient counted, the paired difference.
#include <gtest/gtest.h>

#include <regex>

#include <nlohmann/json.hpp>

#include "app/scenario_templates.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// Runs kapsim in `dir` with `args` as a shell would split them (the tutorial's have no quotes).
testing::CommandResult kapsim_in(const fs::path& dir, const std::string& args, const std::string& env = "") {
    const auto out = dir / ".out", err = dir / ".err";
    const std::string command = "cd '" + dir.string() + "' && " + env + " " + KAPSIM_BINARY + " " + args + " >'" +
                                out.string() + "' 2>'" + err.string() + "'";
    const int status = std::system(command.c_str());
    testing::CommandResult r{WIFEXITED(status) ? WEXITSTATUS(status) : -1, testing::read_text(out), testing::read_text(err)};
    fs::remove(out);
    fs::remove(err);
    return r;
}

// A fenced block of the README: "```sh tutorial-sv", "```yaml tutorial-sv tolv-platser.yaml".
struct Block {
    std::string language;  // sh, yaml
    std::string tag;       // tutorial-sv, tutorial-sv-edits
    std::string file;      // for a file the planner writes
    std::string text;      // without the indentation of the fence
};

std::vector<Block> readme_blocks(const std::string& tag_prefix) {
    const std::string readme = testing::read_text(testing::source_path("README.md"));
    std::vector<Block> blocks;
    std::istringstream in(readme);
    std::optional<Block> open;
    std::size_t indent = 0;
    for (std::string line; std::getline(in, line);) {
        const auto first = line.find_first_not_of(' ');
        const std::string trimmed = first == std::string::npos ? "" : line.substr(first);
        if (open) {
            if (trimmed == "```") {
                blocks.push_back(*open);
                open.reset();
            } else {
                open->text += (line.size() >= indent ? line.substr(indent) : trimmed) + "\n";
            }
            continue;
        }
        if (trimmed.rfind("```", 0) != 0) continue;
        std::istringstream words(trimmed.substr(3));
        Block b;
        words >> b.language >> b.tag >> b.file;
        if (b.tag.rfind(tag_prefix, 0) != 0) continue;
        open = b;
        indent = first;
    }
    return blocks;
}

// The planner's edit "rate: 420 per år" puts the value on the next line with that key after
// the previous edit, keeping its comment.
void apply_edits(const fs::path& file, const std::string& edits) {
    std::vector<std::string> lines;
    {
        std::istringstream in(testing::read_text(file));
        for (std::string l; std::getline(in, l);) lines.push_back(l);
    }
    std::size_t from = 0;
    std::istringstream in(edits);
    for (std::string edit; std::getline(in, edit);) {
        if (edit.empty()) continue;
        const std::string key = edit.substr(0, edit.find(':'));
        bool done = false;
        for (std::size_t i = from; i < lines.size() && !done; ++i) {
            const auto first = lines[i].find_first_not_of(' ');
            if (first == std::string::npos || lines[i].compare(first, key.size() + 1, key + ":") != 0) continue;
            const auto comment = lines[i].find("  #");
            lines[i] = lines[i].substr(0, first) + edit +
                       (comment == std::string::npos ? "" : "  " + lines[i].substr(comment + 2));
            from = i + 1;
            done = true;
        }
        ASSERT_TRUE(done) << "no line '" << key << ":' for the edit '" << edit << "' in " << file;
    }
    std::ofstream out(file, std::ios::binary | std::ios::trunc);
    for (const auto& l : lines) out << l << "\n";
}

// Stand-ins for the report's chart libraries, so the test needs no npm.
std::string stand_in_web(const fs::path& dir) {
    for (const auto* lib : {"vega/build/vega.min.js", "vega-lite/build/vega-lite.min.js", "vega-embed/build/vega-embed.min.js"}) {
        fs::create_directories((dir / "node_modules" / lib).parent_path());
        std::ofstream(dir / "node_modules" / lib) << "/* stand-in */";
    }
    return "KAPSIM_WEB_DIR='" + dir.string() + "'";
}

struct Tutorial {
    std::string lang, base, variant, unit, emergency, folder, report;
};

void PrintTo(const Tutorial& t, std::ostream* os) { *os << t.lang; }

class TutorialTest : public ::testing::TestWithParam<Tutorial> {};

TEST_P(TutorialTest, PlannersPathFromInitToReportAsTheReadmeShowsIt) {
    const Tutorial& t = GetParam();
    const auto dir = testing::fresh_temp_dir("tutorial-" + t.lang);
    const std::string env = stand_in_web(dir / "web");
    const auto blocks = readme_blocks("tutorial-" + t.lang);
    ASSERT_GE(blocks.size(), 6u) << "the README's tutorial in " << t.lang;
    std::vector<std::string> commands;
    std::map<std::string, testing::CommandResult> seen;  // by the command's verb
    for (const auto& block : blocks) {
        if (block.tag == "tutorial-" + t.lang + "-edits") {
            apply_edits(dir / t.base, block.text);
            continue;
        }
        if (block.language == "yaml") {
            ASSERT_FALSE(block.file.empty());
            std::ofstream(dir / block.file) << block.text;
            continue;
        }
        std::istringstream lines(block.text);
        for (std::string line; std::getline(lines, line);) {
            if (line.rfind("kapsim ", 0) != 0) continue;
            const auto r = kapsim_in(dir, line.substr(7), env);
            EXPECT_EQ(r.exit_code, 0) << line << "\n" << r.err;
            const std::string verb = line.substr(7, line.find(' ', 7) - 7);
            if (seen.count(verb) == 0) seen.emplace(verb, r);
            commands.push_back(line);
        }
    }
    ASSERT_EQ(commands.size(), 4u) << "init, check, compare, report";

    // init wrote a file that names its template, with the scenario named after the file.
    const std::string scenario = testing::read_text(dir / t.base);
    EXPECT_EQ(scenario.rfind("# kapsim init ward --lang " + t.lang + "\n", 0), 0u) << scenario.substr(0, 80);
    EXPECT_NE(scenario.find("name: " + fs::path(t.base).stem().string() + "\n"), std::string::npos);

    // check: the planner's values are read, and what is left undecided is named, not guessed.
    const std::string check = seen.at("check").out;
    EXPECT_NE(check.find("420/year"), std::string::npos) << check;
    EXPECT_NE(check.find("180/year"), std::string::npos) << check;
    EXPECT_NE(check.find("10 beds"), std::string::npos) << check;
    EXPECT_NE(check.find("closed weeks 27-31"), std::string::npos) << check;
    EXPECT_NE(check.find("mean 6d"), std::string::npos) << check;
    EXPECT_NE(check.find("undecided: 2 values"), std::string::npos) << check;
    EXPECT_NE(check.find("units." + t.unit + ".over_occupancy = 2"), std::string::npos) << check;
    EXPECT_NE(check.find("costs.0.per_day = 8000"), std::string::npos) << check;
    for (const std::string decided : {".beds =", ".rate =", "length_of_stay.mean =", "closed_weeks.0 ="})
        EXPECT_EQ(check.find(decided), std::string::npos) << decided << " was decided\n" << check;
    EXPECT_TRUE(std::regex_search(check, std::regex(std::regex_replace(t.base, std::regex("[.]"), "\\.") +
                                                    ":\\d+:\\d+: units\\." + t.unit + "\\.over_occupancy")))
        << check;

    // compare: the paired difference of every measure, with each lost patient counted: acute
    // patients the ward cannot take arrive at the emergency department, one for one, and
    // planned patients who leave the list are counted.
    const json compare = json::parse(testing::read_text(dir / t.folder / "compare.json"));
    const std::string variant = fs::path(t.variant).stem().string();
    for (const auto& name : {fs::path(t.base).stem().string(), variant}) {
        const auto& unit = compare["metrics"][name]["units"];
        EXPECT_DOUBLE_EQ(unit[t.unit]["diverted_per_year"]["mean"].get<double>(),
                         unit[t.emergency]["visits_per_year"]["mean"].get<double>())
            << name;
        EXPECT_GT(unit[t.unit]["diverted_per_year"]["mean"].get<double>(), 0) << name;
        EXPECT_GT(unit[t.unit]["reneged_per_year"]["mean"].get<double>(), 0) << name;
    }
    const auto& twelve = compare["metrics"][variant]["units"][t.unit];
    for (const std::string metric : {"diverted_per_year", "reneged_per_year", "mean_wait_days", "days_above_capacity_per_year"}) {
        const auto& difference = twelve[metric]["difference"];
        EXPECT_LT(difference["ci_high"].get<double>(), 0) << metric << ": 12 beds lose and wait less, surely";
        EXPECT_LE(difference["ci_low"].get<double>(), difference["mean"].get<double>()) << metric;
    }
    const std::string table = seen.at("compare").out;
    EXPECT_NE(table.find("units." + t.unit + ".diverted_per_year"), std::string::npos) << table;
    EXPECT_NE(table.find("units." + t.unit + ".reneged_per_year"), std::string::npos) << table;
    EXPECT_NE(table.find("difference (95 % CI)"), std::string::npos) << table;

    // report: the file for those who decide.
    EXPECT_TRUE(fs::exists(dir / t.folder / t.report)) << seen.at("report").err;
    fs::remove_all(dir);
}

INSTANTIATE_TEST_SUITE_P(
    ReadmeTutorial, TutorialTest,
    ::testing::Values(Tutorial{"sv", "min-avdelning.yaml", "tolv-platser.yaml", "avdelning", "akutmottagning", "jämförelse",
                               "report-sv.html"},
                      Tutorial{"en", "my-ward.yaml", "twelve-beds.yaml", "ward", "emergency", "comparison",
                               "report-en.html"}),
    [](const ::testing::TestParamInfo<Tutorial>& info) { return info.param.lang == "sv" ? "Swedish" : "English"; });

class InitCommandTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("init"); }
    void TearDown() override { fs::remove_all(dir_); }
    fs::path dir_;
};

TEST_F(InitCommandTest, ListNamesEveryTemplateInEitherLanguage) {
    const auto sv = kapsim_in(dir_, "init --list");
    const auto en = kapsim_in(dir_, "init --list --lang en");
    ASSERT_EQ(sv.exit_code, 0) << sv.err;
    ASSERT_EQ(en.exit_code, 0) << en.err;
    for (const std::string name : {"ward", "sobering", "laro", "hvb", "pathway"}) {
        EXPECT_NE(sv.out.find("  " + name + " "), std::string::npos) << sv.out;
        EXPECT_NE(en.out.find("  " + name + " "), std::string::npos) << en.out;
    }
    EXPECT_NE(sv.out.find("beroendeavdelning"), std::string::npos) << sv.out;
    EXPECT_NE(en.out.find("addiction ward"), std::string::npos) << en.out;
}

TEST_F(InitCommandTest, AnExistingFileIsNotReplacedWithoutForce) {
    std::ofstream(dir_ / "mine.yaml") << "my own work\n";
    const auto refused = kapsim_in(dir_, "init ward --out mine.yaml");
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("mine.yaml: error: the file already exists"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("hint: name another file with --out, or add --force"), std::string::npos) << refused.err;
    EXPECT_EQ(testing::read_text(dir_ / "mine.yaml"), "my own work\n");
    const auto forced = kapsim_in(dir_, "init ward --out mine.yaml --force");
    EXPECT_EQ(forced.exit_code, 0) << forced.err;
    EXPECT_EQ(testing::read_text(dir_ / "mine.yaml").rfind("# kapsim init ward --lang sv\n", 0), 0u);
}

TEST_F(InitCommandTest, UnknownTemplateOrLanguageIsRefusedWithTheNearestName) {
    const auto typo = kapsim_in(dir_, "init wrad");
    EXPECT_EQ(typo.exit_code, 2);
    EXPECT_NE(typo.err.find("error: there is no template 'wrad'"), std::string::npos) << typo.err;
    EXPECT_NE(typo.err.find("hint: did you mean 'ward'?"), std::string::npos) << typo.err;
    const auto none = kapsim_in(dir_, "init");
    EXPECT_EQ(none.exit_code, 2);
    EXPECT_NE(none.err.find("pathway"), std::string::npos) << none.err;
    EXPECT_EQ(kapsim_in(dir_, "init ward --lang de").exit_code, 2);
    EXPECT_TRUE(fs::is_empty(dir_));
}

// Every template, in both languages, checks with each marked value listed as undecided, and runs.
TEST_F(InitCommandTest, EveryTemplateChecksListingItsUndecidedValuesAndRuns) {
    int templates = 0;
    for (const auto& t : app::scenario_templates()) {
        ++templates;
        const std::string file = std::string(t.name) + "-" + std::string(t.lang) + ".yaml";
        const auto init = kapsim_in(dir_, "init " + std::string(t.name) + " --lang " + std::string(t.lang) + " --out " + file);
        ASSERT_EQ(init.exit_code, 0) << init.err;
        const std::string text = testing::read_text(dir_ / file);
        const std::string marker(app::decide_marker(t.lang));
        std::size_t marked = 0;  // values whose comment holds the marker
        std::istringstream lines(text);
        for (std::string line; std::getline(lines, line);)
            marked += line.find(marker) != std::string::npos && line.find_first_not_of(' ') != line.find('#');
        EXPECT_GT(marked, 2u) << file;
        EXPECT_NE(init.out.find(std::to_string(marked) + " values marked " + marker), std::string::npos) << init.out;

        const auto check = kapsim_in(dir_, "check " + file);
        ASSERT_EQ(check.exit_code, 0) << file << "\n" << check.err;
        EXPECT_NE(check.out.find("undecided: " + std::to_string(marked) + " values"), std::string::npos)
            << file << "\n" << check.out;
        EXPECT_EQ(check.out.find("over-occupancy not set"), std::string::npos) << "a default left implicit in " << file;
        const auto run = kapsim_in(dir_, "run --quiet " + file + " --reps 2 --set scenario.run_length=1y --out out-" +
                                             std::string(t.name) + "-" + std::string(t.lang));
        EXPECT_EQ(run.exit_code, 0) << file << "\n" << run.err;
        EXPECT_EQ(run.out.find("left the model"), std::string::npos) << "nobody is lost silently in " << file << "\n" << run.out;
    }
    EXPECT_EQ(templates, 10);
}

TEST_F(InitCommandTest, RemovingTheMarkerOrChangingTheValueDecidesIt) {
    ASSERT_EQ(kapsim_in(dir_, "init ward --out a.yaml").exit_code, 0);
    std::string text = testing::read_text(dir_ / "a.yaml");
    const auto replace = [&text](const std::string& from, const std::string& to) {
        ASSERT_NE(text.find(from), std::string::npos) << from;
        text.replace(text.find(from), from.size(), to);
    };
    replace("# BESTÄM: vårdplatser", "# vårdplatser");  // the template's 9 is ours too
    replace("over_occupancy: 2 ", "over_occupancy: 3 ");  // our own value
    std::ofstream(dir_ / "a.yaml", std::ios::trunc) << text;
    const auto check = kapsim_in(dir_, "check a.yaml --set costs.0.per_day=9000");  // decided on the command line
    ASSERT_EQ(check.exit_code, 0) << check.err;
    EXPECT_EQ(check.out.find("units.avdelning.beds ="), std::string::npos) << check.out;
    EXPECT_EQ(check.out.find("over_occupancy ="), std::string::npos) << check.out;
    EXPECT_EQ(check.out.find("costs.0.per_day ="), std::string::npos) << check.out;
    EXPECT_NE(check.out.find("units.avdelning.length_of_stay.mean = 7 dagar"), std::string::npos) << check.out;
    // Without the first line naming the template, every marked value is listed.
    text.erase(0, text.find('\n') + 1);
    std::ofstream(dir_ / "a.yaml", std::ios::trunc) << text;
    EXPECT_NE(kapsim_in(dir_, "check a.yaml").out.find("units.avdelning.over_occupancy = 3"), std::string::npos);
}

}  // namespace
}  // namespace kapsim
