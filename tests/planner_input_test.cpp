// A planner writes a scenario in her own words: Swedish units ("6 dagar", "600 per år"),
// shares as percentages ("70 %"), names with å ä ö. A Swedish decimal comma ("6,5d") is not a
// decimal, and the error says so at the value, with what to write instead.
#include <gtest/gtest.h>

#include <regex>

#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::run_kapsim;

// A pool with one class; `service` and `rate` are put in as written.
std::string pool_scenario(const std::string& rate, const std::string& service_line) {
    return "scenario:\n"
           "  name: pool\n"
           "  start: 2024-01-01\n"
           "  run_length: 1y\n"
           "  replications: 2\n"
           "classes:\n"
           "  patients:\n"
           "    arrivals: {rate: " + rate + "}\n"
           "    first_unit: ward\n"
           "units:\n"
           "  ward:\n"
           "    kind: pool\n"
           "    capacity: 16\n"
           "    queue: fifo\n" + service_line;
}

class PlannerInputTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("planner-input"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string write(const std::string& name, const std::string& text) {
        const auto file = dir_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file.string();
    }

    // `kapsim check` refuses the file with exit code 2, at `line:column`, saying `what`.
    void expect_check_refused(const std::string& file, const std::string& at, const std::string& what,
                              const std::string& hint) {
        const auto r = run_kapsim("check '" + file + "'");
        EXPECT_EQ(r.exit_code, 2) << r.err;
        const std::regex where(std::regex_replace(file, std::regex(R"([.^$|()\[\]{}*+?\\])"), R"(\$&)") + ":" + at +
                               ": error: ");
        EXPECT_TRUE(std::regex_search(r.err, where)) << "expected at " << at << "\n" << r.err;
        EXPECT_NE(r.err.find(what), std::string::npos) << r.err;
        EXPECT_NE(r.err.find("hint: " + hint), std::string::npos) << r.err;
    }

    std::filesystem::path dir_;
};

TEST_F(PlannerInputTest, DecimalCommaInABraceMappingIsNamedAtTheValueNotAsAnUnknownKey) {
    // YAML splits "{mean: 6,5d}" into mean: 6 and a key "5d"; the error names the comma.
    const auto file = write("comma.yaml", pool_scenario("1.65/day", "    service: {distribution: exponential, mean: 6,5d}\n"));
    expect_check_refused(file, "15:48", "units.ward.service.mean: '6,5d' has a decimal comma", "YAML reads only a decimal point");
    const auto r = run_kapsim("check '" + file + "'");
    EXPECT_NE(r.err.find("write '6.5d'"), std::string::npos) << r.err;
    EXPECT_EQ(r.err.find("unknown key"), std::string::npos) << r.err;
}

TEST_F(PlannerInputTest, DecimalCommaInAPlainValueIsNamedAtTheValue) {
    const auto file = write("comma.yaml", pool_scenario("1.65/day", "    service:\n      distribution: exponential\n"
                                                                    "      mean: 6,5 dagar\n"));
    expect_check_refused(file, "17:13", "has a decimal comma", "YAML reads only a decimal point");
    EXPECT_NE(run_kapsim("check '" + file + "'").err.find("write '6.5 dagar'"), std::string::npos);
}

TEST_F(PlannerInputTest, DecimalCommaInARateOrANumberIsNamed) {
    const auto rate = write("rate.yaml", "scenario: {name: r, start: 2024-01-01, run_length: 1y}\n"
                                         "classes:\n  p:\n    arrivals:\n      rate: 1,5 per dag\n    first_unit: w\n"
                                         "units:\n  w: {kind: pool, capacity: 2, queue: fifo, service: {distribution: "
                                         "exponential, mean: 1d}}\n");
    expect_check_refused(rate, "5:13", "write '1.5 per dag'", "YAML reads only a decimal point");
    const auto share = write("share.yaml", "scenario: {name: r, start: 2024-01-01, run_length: 1y}\n"
                                           "classes:\n  p: {arrivals: {rate: 1/day}, first_unit: w}\n"
                                           "units:\n  w: {kind: placement, duration: {distribution: exponential, mean: "
                                           "1d}, providers: {hvb: \"0,5\", sis: 0.5}}\n");
    expect_check_refused(share, "5:\\d+", "write '0.5'", "YAML reads only a decimal point");
}

TEST_F(PlannerInputTest, SwedishUnitsAreReadAsTheirEnglishTwins) {
    const auto swedish = testing::scenario_from_text(
        pool_scenario("600 per år", "    service: {distribution: exponential, mean: 6 dagar}\n"), "swedish");
    const auto english = testing::scenario_from_text(
        pool_scenario("600/year", "    service: {distribution: exponential, mean: 6d}\n"), "english");
    EXPECT_DOUBLE_EQ(swedish.classes[0].arrivals.rate_per_day, 600 / sim::days_per_year);
    EXPECT_DOUBLE_EQ(swedish.classes[0].arrivals.rate_per_day, english.classes[0].arrivals.rate_per_day);
    EXPECT_DOUBLE_EQ(swedish.units[0].stay.rules[0].stay.mean(), 6.0);
    for (const std::string duration : {"5 veckor", "3 månader", "1 år", "12 timmar", "1 timme", "1 vecka", "1 månad",
                                       "2 dag"}) {
        const auto s = testing::scenario_from_text(
            pool_scenario("3 per vecka", "    service: {distribution: exponential, mean: " + duration + "}\n"), "units");
        EXPECT_GT(s.units[0].stay.rules[0].stay.mean(), 0) << duration;
    }
    for (const std::string rate : {"2 per dag", "3 per vecka", "10 per månad", "20/år"})
        EXPECT_GT(testing::scenario_from_text(pool_scenario(rate, "    service: {distribution: exponential, mean: 1d}\n"),
                                              "rates")
                      .classes[0]
                      .arrivals.rate_per_day,
                  0)
            << rate;
}

TEST_F(PlannerInputTest, UnknownUnitWordNamesTheSwedishWordsToo) {
    const auto file = write("unit.yaml", pool_scenario("1/day", "    service: {distribution: exponential, mean: 6 dygn}\n"));
    expect_check_refused(file, "15:48", "no known time unit 'dygn'", "durations carry a unit");
    EXPECT_NE(run_kapsim("check '" + file + "'").err.find("9 dagar"), std::string::npos);
}

TEST_F(PlannerInputTest, SharesMayBePercentages) {
    const std::string text = "scenario: {name: shares, start: 2024-01-01, run_length: 1y}\n"
                             "classes:\n  p: {arrivals: {rate: 1/day}, first_unit: tne}\n"
                             "units:\n"
                             "  tne: {kind: sobering, places: 2, stay: {distribution: exponential, mean: 8 timmar}}\n"
                             "  ed: {kind: service, duration: {distribution: exponential, mean: 4h}}\n"
                             "  hvb: {kind: placement, duration: {distribution: exponential, mean: 90 dagar}, "
                             "providers: {privat: 80 %, sis: 20%}}\n"
                             "pathways:\n  tne:\n    after_stay: {all: {out: 70 %, ed: 25%, hvb: 5 %}}\n"
                             "    overflow: {all: {ed: 100 %}}\n";
    const auto s = testing::scenario_from_text(text, "shares");
    const auto& after = s.route_after(0, 0);
    ASSERT_EQ(after.probability.size(), 3u);
    EXPECT_DOUBLE_EQ(after.probability[0], 0.70);
    EXPECT_DOUBLE_EQ(after.probability[1], 0.25);
    EXPECT_DOUBLE_EQ(after.probability[2], 0.05);
    EXPECT_DOUBLE_EQ(s.route_overflow(0, 0).probability[0], 1.0);
    const auto& providers = std::get<models::PlacementSpec>(s.units[2].parameters).providers;
    EXPECT_DOUBLE_EQ(providers[0].share, 0.8);
    EXPECT_DOUBLE_EQ(providers[1].share, 0.2);
}

TEST_F(PlannerInputTest, PercentageAboveAHundredOrAShareAboveOneIsRefused) {
    const std::string base = "scenario: {name: shares, start: 2024-01-01, run_length: 1y}\n"
                             "classes:\n  p: {arrivals: {rate: 1/day}, first_unit: hvb}\n"
                             "units:\n  hvb: {kind: placement, duration: {distribution: exponential, mean: 9d}, "
                             "providers: {privat: SHARE, sis: 0}}\n";
    for (const auto& [share, what] : std::vector<std::pair<std::string, std::string>>{
             {"120 %", "outside 0 %..100 %"}, {"60", "outside the shares 0..1"}, {"sextio %", "must be a share"}}) {
        std::string text = base;
        text.replace(text.find("SHARE"), 5, share);
        const auto file = write("share.yaml", text);
        expect_check_refused(file, "5:\\d+", what, "");
        const auto r = run_kapsim("check '" + file + "'");
        EXPECT_TRUE(std::regex_search(r.err, std::regex("share\\.yaml:5:\\d+: error: "))) << r.err;
        EXPECT_NE(r.err.find("60 %"), std::string::npos) << r.err;
    }
}

TEST_F(PlannerInputTest, NamesWithSwedishLettersBecomeColumnsAndFolders) {
    const std::string text = "scenario: {name: vårdplan-Östersund, start: 2024-01-01, run_length: 1y, replications: 2}\n"
                             "classes:\n  akut_avgiftning_åäö: {arrivals: {rate: 200 per år}, first_unit: avdelning_7ö}\n"
                             "  placerade: {arrivals: {rate: 20 per år}, first_unit: hvb_län}\n"
                             "units:\n"
                             "  avdelning_7ö: {kind: pool, capacity: 3, queue: fifo, service: {distribution: "
                             "exponential, mean: 6 dagar}}\n"
                             "  hvb_län: {kind: placement, duration: {distribution: exponential, mean: 3 månader}, "
                             "providers: {privat_vårdgivare: 60 %, statlig_sis: 40 %}}\n";
    const auto file = write("vårdplan.yaml", text);
    const auto out = dir_ / "utfall-å";
    const auto r = run_kapsim("run --quiet '" + file + "' --out '" + out.string() + "'");
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string summary = testing::read_text(out / "summary.csv");
    EXPECT_NE(summary.find("units,avdelning_7ö,"), std::string::npos) << summary;
    EXPECT_NE(summary.find("units,hvb_län,"), std::string::npos) << summary;
    EXPECT_NE(testing::read_text(out / "summary.json").find("vårdplan-Östersund"), std::string::npos);
    // The rules for names still hold: no dots, slashes or spaces, which would break paths and columns.
    std::string bad = text;
    const std::string provider = "privat_vårdgivare";
    bad.replace(bad.find(provider), provider.size(), "\"privat/vård\"");
    const auto refused = write("bad.yaml", bad);
    expect_check_refused(refused, "7:\\d+", "provider type 'privat/vård' is not a valid name", "use letters (å, ä, ö");
}

}  // namespace
}  // namespace kapsim
