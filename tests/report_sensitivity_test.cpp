// The uncertainty of the assumptions in the report: the statistics against values worked out
// by hand (the spread, the one-at-a-time swing on a grid, partial rank correlation on a
// sample), the paired sentence on a sweep written by hand, and kapsim report on real small
// sweeps, alone and with the comparison they test, including the refusal of a sweep that does
// not vary what the alternatives differ in.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <regex>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/report/html_report.hpp"
#include "app/report/sensitivity.hpp"
#include "app/report/sensitivity_report.hpp"
#include "models/input_error.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace app::report;
using testing::read_text;
using testing::source_path;

std::string fixture(const std::string& name) { return source_path("tests/sensitivity/" + name); }
std::string ward(const std::string& name) { return source_path("tests/browser/fixtures/" + name); }

// --- The statistics -------------------------------------------------------------------------

TEST(SensitivityStatistics, SpreadGivesTheEndsAndTheInterpolatedFifthAndNinetyFifthPercentile) {
    std::vector<double> values;
    for (int i = 100; i >= 0; --i) values.push_back(i);
    values.push_back(std::nan(""));
    const Spread s = spread_of(values);
    EXPECT_EQ(s.n, 101u);
    EXPECT_DOUBLE_EQ(s.min, 0);
    EXPECT_DOUBLE_EQ(s.p5, 5);
    EXPECT_DOUBLE_EQ(s.p95, 95);
    EXPECT_DOUBLE_EQ(s.max, 100);
    // Four values: the 5th percentile lies 0.15 of the way from the first to the second.
    const Spread few = spread_of({10, 20, 30, 40});
    EXPECT_DOUBLE_EQ(few.p5, 11.5);
    EXPECT_DOUBLE_EQ(few.p95, 38.5);
}

TEST(SensitivityStatistics, OneAtATimeSwingMovesOneParameterWithTheOthersAtTheirBase) {
    // A 3 x 3 grid, y = a^2 + b, given as written in a sweep (b with a unit, in its list order).
    std::vector<std::vector<std::string>> values;
    std::vector<double> y;
    for (int a : {1, 2, 3})
        for (int b : {10, 20, 30}) {
            values.push_back({fmt::format("{}", a), fmt::format("{}d", b)});
            y.push_back(a * a + b);
        }
    const Levels levels = levels_of(values);
    ASSERT_TRUE(is_full_grid(levels));
    EXPECT_EQ(levels.of_parameter[1], (std::vector<std::string>{"10d", "20d", "30d"}));
    const std::vector<std::size_t> all{0, 1}, base{1, 1};  // a = 2, b = 20d
    // a over 1, 2, 3 at b = 20: 21, 24, 29.
    const Swing a = one_at_a_time(levels, y, 0, all, base);
    EXPECT_EQ(a.at_level, (std::vector<double>{21, 24, 29}));
    EXPECT_DOUBLE_EQ(a.low, 21);
    EXPECT_DOUBLE_EQ(a.high, 29);
    EXPECT_DOUBLE_EQ(a.width(), 8);
    // b over 10, 20, 30 at a = 2: 14, 24, 34.
    const Swing b = one_at_a_time(levels, y, 1, all, base);
    EXPECT_DOUBLE_EQ(b.width(), 20);
    // At another base (a = 3), b swings the same: the model is additive in b.
    EXPECT_EQ(one_at_a_time(levels, y, 1, all, {2, 1}).at_level, (std::vector<double>{19, 29, 39}));
    // A point short of the grid is no grid.
    auto fewer = values;
    fewer.pop_back();
    EXPECT_FALSE(is_full_grid(levels_of(fewer)));
}

TEST(SensitivityStatistics, PartialRankCorrelationWithOneParameterIsSpearmansRho) {
    // x 1..5, y 1 3 2 5 4: rank differences 0 1 1 1 1, rho = 1 - 6*4/(5*24) = 0.8.
    const std::vector<std::vector<double>> x{{1}, {2}, {3}, {4}, {5}};
    const auto c = partial_rank_correlations(x, {1, 3, 2, 5, 4}, 200);
    ASSERT_EQ(c.size(), 1u);
    EXPECT_NEAR(c[0].coefficient, 0.8, 1e-12);
    EXPECT_LE(c[0].low, c[0].coefficient);
    EXPECT_GE(c[0].high, c[0].coefficient);
}

TEST(SensitivityStatistics, PartialRankCorrelationRanksALinearModelsInputsAndFindsTheUnusedOneZero) {
    // 60 points of a Latin-hypercube-like design: a, b, c each a permutation of 0..59.
    const std::size_t n = 60;
    std::vector<std::vector<double>> x;
    std::vector<double> exact, noisy;
    for (std::size_t i = 0; i < n; ++i) {
        const double a = static_cast<double>(i), b = static_cast<double>((i * 7) % n), c = static_cast<double>((i * 13 + 5) % n);
        const double unmodelled = static_cast<double>((i * 31 + 11) % n);  // an input the analysis does not see
        x.push_back({a, b, c});
        exact.push_back(3 * a + b);
        noisy.push_back(3 * a + b + 2 * unmodelled);
    }
    // Noise-free and monotone in a and b: both partial rank correlations are about 1, and c's
    // is 0 within its interval (ranks are not linear in 3a + b, so c may pick up a little of
    // what is left; its interval says that is nothing).
    const auto e = partial_rank_correlations(x, exact);
    EXPECT_GT(e[0].coefficient, 0.95);
    EXPECT_GT(e[1].coefficient, 0.9);
    EXPECT_LE(e[2].low, 0.0);
    EXPECT_GE(e[2].high, 0.0);
    // With an input left out, the order follows the coefficients 3 > 1 > 0, and the one
    // without effect is 0 within its interval.
    const auto r = partial_rank_correlations(x, noisy);
    EXPECT_GT(r[0].coefficient, r[1].coefficient);
    EXPECT_GT(r[1].coefficient, std::abs(r[2].coefficient));
    EXPECT_GT(r[0].low, 0.0);
    EXPECT_LE(r[2].low, 0.0);
    EXPECT_GE(r[2].high, 0.0);
    // The bootstrap has a fixed seed: the same results give the same intervals.
    const auto again = partial_rank_correlations(x, noisy);
    EXPECT_EQ(again[2].low, r[2].low);
    EXPECT_EQ(again[2].high, r[2].high);
}

TEST(SensitivityStatistics, PairsCountBelowSameAndAbove) {
    const Comparison c = compare_pairs({1, 2, 3, 4, std::nan("")}, {2, 2, 1, 5, 1});
    EXPECT_EQ(c.pairs, 4u);
    EXPECT_EQ(c.below, 2u);
    EXPECT_EQ(c.same, 1u);
    EXPECT_EQ(c.above, 1u);
}

// --- The sentences, on a sweep written by hand ------------------------------------------------

// A sweep.csv of 13 and 16 beds at three referral rates and two over-occupancy limits. Days over
// capacity: 200 + 50 r + 5 o with 13 beds and 30 + 20 r fewer with 16, so 16 is lower at all 6
// points and the difference moves with the rate; the wait is lower with 16 at 5 of the 6.
// With 15 beds too, the days above capacity fall by 20 + 10 per rate level from 13's.
fs::path hand_made_sweep(const std::vector<int>& capacities = {13, 16}) {
    const auto dir = testing::fresh_temp_dir("sens-hand");
    std::ofstream csv(dir / "sweep.csv");
    csv << "# kapsim 0.1.0 sweep by-hand identity 0 scenario ward-13 hash 0 seed 1 replications 2 points "
        << 6 * capacities.size() << "\n"
        << "point,units.avd7.beds,classes.planned_detox.arrivals.rate,units.avd7.over_occupancy,section,id,metric,mean,sd,ci_low,ci_high,n\n";
    const std::vector<std::string> rates{"0.3/day", "0.5/day", "0.8/day"};
    int point = 0;
    for (int beds : capacities)
        for (int r = 0; r < 3; ++r)
            for (int o = 0; o < 2; ++o) {
                const double days = 200 + 50 * r + 5 * o - (beds == 16 ? 30 + 20 * r : beds == 15 ? 20 + 10 * r : 0);
                const double wait = 10 + r - (beds == 16 ? (r == 2 && o == 1 ? -1 : 3) : 0);
                const std::string prefix = fmt::format("{},{},{},{},units,avd7,", point++, beds, rates[r], o == 0 ? 4 : 8);
                csv << prefix << "days_above_capacity_per_year," << days << ",1,0,0,2\n";
                csv << prefix << "mean_wait_days," << wait << ",1,0,0,2\n";
            }
    csv.close();
    const json manifest = {{"command", "sweep"},
                           {"scenarios", json::array({{{"name", "ward-13"}, {"file", ward("ward-13.yaml")}}})}};
    std::ofstream(dir / "manifest.json") << manifest.dump();
    return dir;
}

// The page's text without its tags. A loop, not std::regex: the regex engine recurses once per
// character matched and overflows the stack on a report's inlined chart libraries under the
// sanitizer.
std::string text_of(const std::string& html) {
    std::string out;
    bool in_tag = false;
    for (std::size_t i = 0; i < html.size(); ++i) {
        const char c = html[i];
        if (c == '<') in_tag = true;
        else if (c == '>') in_tag = false;
        else if (in_tag) continue;
        else if (html.compare(i, 5, "&amp;") == 0) out += '&', i += 4;
        else out += c;
    }
    return out;
}

TEST(SensitivitySentences, ShareOfPointsWhereOneAlternativeBeatsTheOtherNamesWhatMovesTheDifference) {
    const auto dir = hand_made_sweep();
    const auto s = analyse_sensitivity(load_sweep(dir), nullptr, "");
    ASSERT_TRUE(s.decision.has_value());
    EXPECT_EQ(s.sweep.parameters[*s.decision], "units.avd7.beds");  // the ward's capacity: the decision
    EXPECT_TRUE(s.grid);
    ASSERT_EQ(s.alternatives.size(), 2u);
    const auto* days = s.find("units.avd7.days_above_capacity_per_year");
    ASSERT_NE(days, nullptr);
    // With 13 beds: 200..305; with 16: 170..235.
    EXPECT_DOUBLE_EQ(days->spread[0].min, 200);
    EXPECT_DOUBLE_EQ(days->spread[0].max, 305);
    EXPECT_DOUBLE_EQ(days->spread[1].min, 170);
    EXPECT_DOUBLE_EQ(days->spread[1].max, 235);
    // One at a time with 13 beds, the others at the middle level (0.5/day, 4): the rate swings
    // 200..300, the limit 250..255.
    ASSERT_EQ(days->influence[0].size(), 2u);
    EXPECT_EQ(s.sweep.parameters[days->influence[0][0].parameter], "classes.planned_detox.arrivals.rate");
    EXPECT_DOUBLE_EQ(days->influence[0][0].value, 100);
    EXPECT_DOUBLE_EQ(days->influence[0][1].value, 5);

    const std::string sv = text_of(sensitivity_summary_html(s, Language::sv));
    EXPECT_NE(sv.find("Med 16 vårdplatser blir överbelagda dagar per år färre än med 13 vårdplatser i alla 6 prövade antaganden; "
                      "hur mycket färre beror mest på antalet remisser per dag för"),
              std::string::npos)
        << sv;
    // Page 1 names assumptions in words; the scenario paths are left to the appendix.
    EXPECT_NE(sv.find("per dag för planned_detox."), std::string::npos) << sv;
    EXPECT_EQ(sv.find("(classes.planned_detox.arrivals.rate)"), std::string::npos) << sv;
    EXPECT_NE(sv.find("Med 16 vårdplatser blir genomsnittlig väntetid kortare än med 13 vårdplatser i 5 av 6 prövade antaganden"),
              std::string::npos) << sv;
    // A range carries its unit after the numbers, as a sentence does.
    EXPECT_TRUE(std::regex_search(sv, std::regex("Med 13 vårdplatser: genomsnittlig väntetid [0-9,]+–[0-9,]+ dagar över de 6 prövade antagandena "
                                                 "\\(90 % av dem [0-9,]+–[0-9,]+ dagar\\)")))
        << sv;
    EXPECT_NE(sv.find("Med 16 vårdplatser: överbelagda dagar per år 170–235 över de 6 prövade antagandena"), std::string::npos) << sv;
    const std::string en = text_of(sensitivity_summary_html(s, Language::en));
    EXPECT_NE(en.find(": fewer than with 13 beds in all 6 assumptions tried"), std::string::npos) << en;
    fs::remove_all(dir);
}

TEST(SensitivitySentences, EveryPairOfAlternativesIsToldNotOnlyEachAgainstTheFirst) {
    const auto dir = hand_made_sweep({13, 15, 16});
    const auto s = analyse_sensitivity(load_sweep(dir), nullptr, "");
    ASSERT_EQ(s.alternatives.size(), 3u);
    const std::string sv = text_of(sensitivity_summary_html(s, Language::sv));
    for (const char* pair : {"Med 15 vårdplatser blir överbelagda dagar per år färre än med 13 vårdplatser i alla 6 prövade antaganden",
                             "Med 16 vårdplatser blir överbelagda dagar per år färre än med 13 vårdplatser i alla 6 prövade antaganden",
                             "Med 16 vårdplatser blir överbelagda dagar per år färre än med 15 vårdplatser i alla 6 prövade antaganden"})
        EXPECT_NE(sv.find(pair), std::string::npos) << pair << "\n" << sv;
    // 16 against 15: 10 + 10 per rate level fewer, so the rate moves the difference most.
    const auto p = std::find_if(s.paired.begin(), s.paired.end(), [&](const PairedOutcome& o) {
        return o.a == 2 && o.b == 1 && s.metrics[o.metric].metric == "days_above_capacity_per_year";
    });
    ASSERT_NE(p, s.paired.end());
    EXPECT_EQ(p->comparison.pairs, 6u);
    EXPECT_EQ(p->comparison.below, 6u);
    ASSERT_TRUE(p->driver.has_value());
    EXPECT_EQ(s.sweep.parameters[*p->driver], "classes.planned_detox.arrivals.rate");
    fs::remove_all(dir);
}

TEST(SensitivitySentences, ParameterPathsReadAsPhrasesWithTheUnitsAndClassesOwnNames) {
    const auto dir = hand_made_sweep();
    const auto s = analyse_sensitivity(load_sweep(dir), nullptr, "");
    EXPECT_EQ(parameter_phrase(s.labels, Language::sv, "units.avd7.length_of_stay.sd"),
              "vårdtidens spridning för avdelning 7 (units.avd7.length_of_stay.sd)");
    EXPECT_EQ(parameter_phrase(s.labels, Language::en, "units.avd7.over_occupancy", false), "the over-occupancy limit of ward 7");
    fs::remove_all(dir);
}

TEST(SensitivitySentences, DecisionThatIsNotASweptParameterIsAnError) {
    const auto dir = hand_made_sweep();
    try {
        (void)analyse_sensitivity(load_sweep(dir), nullptr, "units.avd7.capacity");
        FAIL() << "expected an error";
    } catch (const models::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("not a parameter of this sweep"), std::string::npos) << e.what();
    }
    fs::remove_all(dir);
}

// --- kapsim report on real sweeps -------------------------------------------------------------

class ReportSensitivityTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        dir_ = new fs::path(testing::fresh_temp_dir("report-sens"));
        const auto run = [](const std::string& args) { return testing::run_kapsim(args + " --quiet").exit_code; };
        exit_ = run("compare " + ward("ward-13.yaml") + " " + ward("ward-16.yaml") + " --reps 3 --out " + (*dir_ / "compare").string()) +
                run("sweep " + fixture("ward-sweep.yaml") + " --out " + (*dir_ / "sweep").string()) +
                run("sweep " + fixture("ward-sweep-lhs.yaml") + " --out " + (*dir_ / "lhs").string()) +
                run("sweep " + fixture("ward-sweep-no-beds.yaml") + " --out " + (*dir_ / "no-beds").string());
    }
    static void TearDownTestSuite() {
        fs::remove_all(*dir_);
        delete dir_;
    }
    void SetUp() override { ASSERT_EQ(exit_, 0); }
    static fs::path at(const std::string& name) { return *dir_ / name; }
    static inline fs::path* dir_ = nullptr;
    static inline int exit_ = -1;
};

json charts_of(const std::string& html) {
    const std::string open = "<script type=\"application/json\" id=\"kapsim-charts\">";
    const auto from = html.find(open) + open.size();
    return json::parse(html.substr(from, html.find("</script>", from) - from));
}

TEST_F(ReportSensitivityTest, ComparisonWithItsSweepStatesBothUncertaintiesAndDrawsATornado) {
    const auto r = testing::run_kapsim("report " + at("compare").string() + " --sensitivity " + at("sweep").string() + " --out " +
                                       (at("compare") / "with-sweep.html").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read_text(at("compare") / "with-sweep.html");
    const std::string text = text_of(html);
    // Page 1: today's estimate with its interval, and the range over the assumptions, side by side.
    EXPECT_TRUE(std::regex_search(text, std::regex("Med 16 vårdplatser: överbelagda dagar per år [0-9]+ \\(95 % KI [0-9]+–[0-9]+\\) "
                                                   "med dagens antaganden; [0-9]+–[0-9]+ över de 12 prövade antagandena")))
        << text.substr(0, 4000);
    EXPECT_NE(text.find("Med 16 vårdplatser blir överbelagda dagar per år färre än med 13 vårdplatser i"), std::string::npos);
    // In the results table, under the estimates.
    EXPECT_NE(html.find("<tr class=\"sensitivity\">"), std::string::npos);
    // A tornado chart, one at a time on this grid, said so in its caption.
    const json charts = charts_of(html);
    bool tornado = false;
    for (const auto& c : charts["charts"])
        if (c["id"].get<std::string>().rfind("chart-sens-", 0) == 0) {
            tornado = true;
            EXPECT_EQ(c["spec"]["layer"][0]["encoding"]["x2"]["field"], "high");
            EXPECT_EQ(c["spec"]["layer"][1]["mark"]["type"], "tick");  // today's assumptions
            EXPECT_FALSE(c["spec"]["data"]["values"].empty());
        }
    EXPECT_TRUE(tornado);
    EXPECT_NE(text.find("Ett antagande i taget (rutnät med 24 punkter)"), std::string::npos);
    // The model beside the page says the same: the assumptions' sentences, and each range row.
    const json model = json::parse(read_text(at("compare") / "with-sweep.json"));
    const auto& said = model["summary"]["sensitivity"];
    ASSERT_FALSE(said["sentences"].empty());
    for (const auto& sentences : said["sentences"])
        for (const auto& sentence : sentences) EXPECT_NE(text.find(sentence.get<std::string>()), std::string::npos) << sentence;
    std::size_t ranges = 0;
    for (const auto& row : model["results"]["rows"])
        if (row.contains("over_assumptions")) {
            ++ranges;
            for (const auto& cell : row["over_assumptions"]["cells"]) EXPECT_NE(text.find(cell.get<std::string>()), std::string::npos);
        }
    EXPECT_GT(ranges, 0u);
    EXPECT_EQ(model["charts"].size(), charts["charts"].size());
}

TEST_F(ReportSensitivityTest, CompareWithSensitivityWritesTheReportWithTheSweep) {
    const auto out = at("compare-with-sweep");
    const auto r = testing::run_kapsim("compare " + ward("ward-13.yaml") + " " + ward("ward-16.yaml") + " --reps 2 --quiet --out " +
                                       out.string() + " --sensitivity " + at("sweep").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string text = text_of(read_text(out / "report-sv.html"));
    EXPECT_NE(text.find("med dagens antaganden;"), std::string::npos);
    // A sweep directory that is not there stops compare before it simulates anything.
    const auto missing = testing::run_kapsim("compare " + ward("ward-13.yaml") + " " + ward("ward-16.yaml") + " --reps 2 --out " +
                                             at("never").string() + " --sensitivity " + at("no-such-sweep").string());
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_NE(missing.err.find("no such sweep directory"), std::string::npos) << missing.err;
    EXPECT_FALSE(fs::exists(at("never")));
}

TEST_F(ReportSensitivityTest, AlternativesTheSweepCannotTellApartGetNoRangeOfAnother) {
    // 13, 16 and 16 open in summer: the sweep over beds has no point for the summer opening.
    const auto out = at("three");
    ASSERT_EQ(testing::run_kapsim("compare " + ward("ward-13.yaml") + " " + ward("ward-16.yaml") + " " +
                                  fixture("ward-16-summer-open.yaml") + " --reps 2 --quiet --out " + out.string())
                  .exit_code,
              0);
    // Found from the scenarios, beds do not tell the three apart: no guess, an error.
    const auto guess = testing::run_kapsim("report " + out.string() + " --sensitivity " + at("sweep").string());
    EXPECT_EQ(guess.exit_code, 2);
    EXPECT_NE(guess.err.find("--decision"), std::string::npos) << guess.err;
    // Named, beds match 13 and 16; the third gets no range.
    const auto named = testing::run_kapsim("report " + out.string() + " --sensitivity " + at("sweep").string() +
                                           " --decision units.avd7.beds --out " + (out / "named.html").string());
    ASSERT_EQ(named.exit_code, 0) << named.err;
    const std::string html = read_text(out / "named.html");
    const std::regex row("<tr class=\"sensitivity\"><td></td><td>[^<]*</td><td class=\"figure\">[^<–]+–[^<]+</td>"
                         "<td class=\"figure\">[^<–]+–[^<]+</td><td class=\"figure\">–</td></tr>");
    // Searched in the results table alone, so the regex engine's recursion stays short.
    const auto table_at = html.find("<table class=\"results\"");
    ASSERT_NE(table_at, std::string::npos);
    const std::string table = html.substr(table_at, html.find("</table>", table_at) - table_at);
    EXPECT_TRUE(std::regex_search(table, row)) << table.substr(0, 3000);
    EXPECT_EQ(text_of(html).find("Med 16 vårdplatser öppet på sommaren"), std::string::npos);
}

// Every row of a sweep's table is named as a reader knows it: a unit's metric by class as the
// metric and the class's name, a payer's cost as the results table names it; no path.
TEST(SweepReportTable, MetricsByClassAndPayersAreNamedInWordsNotByTheirPaths) {
    const auto dir = testing::fresh_temp_dir("sweep-words");
    std::ofstream(dir / "sweep.yaml") << "scenario: " << ward("ward-13.yaml") << "\nreplications: 2\nseed: 3\n"
                                      << "parameters:\n  units.avd7.beds: [13, 16]\n"
                                      << "metrics: [units.avd7.*, payers.*.cost_per_year]\n";
    const auto r = testing::run_kapsim("sweep " + (dir / "sweep.yaml").string() + " --out " + (dir / "out").string() + " --report --quiet");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json model = json::parse(read_text(dir / "out" / "report-sv.json"));
    std::size_t by_class = 0, costs = 0;
    for (const auto& row : model["results"]["rows"]) {
        const std::string unit = row["unit"], measure = row["measure"];
        EXPECT_EQ(unit.find('.'), std::string::npos) << unit;
        for (const char* raw : {"by_class", "payers.", "units."})
            EXPECT_EQ(measure.find(raw), std::string::npos) << measure;
        // The fixture's classes have no label: they are named by their ids, as in its sentences.
        by_class += (measure.ends_with(" (acute_detox)") || measure.ends_with(" (planned_detox)")) && unit == "avdelning 7";
        costs += measure.rfind("Kostnad, ", 0) == 0 && unit.empty();
    }
    EXPECT_GE(by_class, 14u) << "seven measures for each of the two classes";
    EXPECT_GE(costs, 1u);
    fs::remove_all(dir);
}

TEST_F(ReportSensitivityTest, SweepAloneIsReportedWithItsRangesPerCapacity) {
    const auto r = testing::run_kapsim("report " + at("sweep").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read_text(at("sweep") / "report-sv.html");
    const std::string text = text_of(html);
    EXPECT_NE(text.find("Med 13 vårdplatser: överbelagda dagar per år"), std::string::npos) << text.substr(0, 3000);
    EXPECT_NE(text.find("över de 12 prövade antagandena"), std::string::npos);
    EXPECT_NE(html.find("chart-sens-1"), std::string::npos);
    EXPECT_EQ(text.find("avd7 "), std::string::npos);  // units by their names, not their ids, outside the paths
    // Its model beside it: a column per capacity, each metric's range over the points as shown.
    const json model = json::parse(read_text(at("sweep") / "report-sv.json"));
    EXPECT_EQ(model["command"], "sweep");
    EXPECT_EQ(model["results"]["alternatives"].size(), 2u);
    ASSERT_FALSE(model["results"]["rows"].empty());
    for (const auto& row : model["results"]["rows"])
        for (const auto& cell : row["cells"])
            EXPECT_NE(html.find("<td class=\"figure\">" + cell["text"].get<std::string>() + "</td>"), std::string::npos) << cell;
    EXPECT_NE(text.find(model["summary"]["sensitivity"]["sentences"][0][0].get<std::string>()), std::string::npos);
}

TEST_F(ReportSensitivityTest, LatinHypercubeTornadoShowsPartialRankCorrelationsWithIntervals) {
    const auto r = testing::run_kapsim("report " + at("lhs").string() + " --lang en");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string html = read_text(at("lhs") / "report-en.html");
    EXPECT_NE(html.find("Partial rank correlation (PRCC)"), std::string::npos);
    const json charts = charts_of(html);
    ASSERT_FALSE(charts["charts"].empty());
    for (const auto& v : charts["charts"][0]["spec"]["data"]["values"]) {
        EXPECT_LE(v["low"].get<double>(), v["value"].get<double>() + 1e-12);
        EXPECT_GE(v["high"].get<double>(), v["value"].get<double>() - 1e-12);
        EXPECT_LE(std::abs(v["value"].get<double>()), 1.0);
    }
}

TEST_F(ReportSensitivityTest, SweepThatDoesNotVaryTheDecisionIsAClearError) {
    const auto r = testing::run_kapsim("report " + at("compare").string() + " --sensitivity " + at("no-beds").string());
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("the sweep does not vary what tells the alternatives of the comparison apart"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("--decision"), std::string::npos) << r.err;
    // A --decision the sweep lacks is named as such.
    const auto d = testing::run_kapsim("report " + at("compare").string() + " --sensitivity " + at("sweep").string() +
                                       " --decision units.avd7.capacity");
    EXPECT_EQ(d.exit_code, 2);
    EXPECT_NE(d.err.find("not a parameter of this sweep"), std::string::npos) << d.err;
    // A sweep that has not finished: its journal, no sweep.csv yet.
    const auto unfinished = at("unfinished");
    fs::create_directories(unfinished);
    fs::copy_file(at("sweep") / "sweep.journal", unfinished / "sweep.journal");
    const auto u = testing::run_kapsim("report " + unfinished.string());
    EXPECT_EQ(u.exit_code, 2);
    EXPECT_NE(u.err.find("the sweep has not finished"), std::string::npos) << u.err;
    EXPECT_NE(u.err.find("--resume"), std::string::npos) << u.err;
    // Something that is not a sweep at all.
    const auto n = testing::run_kapsim("report " + at("compare").string() + " --sensitivity " + at("compare").string());
    EXPECT_EQ(n.exit_code, 2);
    EXPECT_NE(n.err.find("no sweep.csv"), std::string::npos) << n.err;
}

}  // namespace
}  // namespace kapsim
