// A stay given by its mean alone (`length_of_stay: 6d` or `{mean: 6d}`), as planners know it,
// takes its unit kind's default shape instead of being an error; check warns with the share
// of patients it concerns, and the report shows it as an assumption.
#include <gtest/gtest.h>

#include <string>

#include "app/report/assumed_stay_notes.hpp"
#include "app/report/scenario_sources.hpp"
#include "models/assumed_stays.hpp"
#include "models/input_error.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::scenario_from_text;

std::string ward_with(const std::string& stay) {
    return R"(
scenario: {name: ward, start: 2024-01-01, run_length: 1y}
classes:
  acute: {arrivals: {rate: 420/year}, first_unit: ward}
  planned: {arrivals: {rate: 180/year}, first_unit: ward}
units:
  ward:
    kind: ward
    beds: 10
    over_occupancy: 2
    length_of_stay: )" + stay + R"(
    planned: {classes: [planned], closed_weeks: [27-31]}
pathways:
  ward: {overflow: {all: {out: 1}}}
)";
}

TEST(DefaultStayShapeTest, AWardStayGivenByItsMeanAloneIsLognormalWithSdSevenTenthsOfTheMean) {
    for (const std::string stay : {"6d", "{mean: 6d}", "6 days"}) {
        const auto s = scenario_from_text(ward_with(stay));
        const auto& rule = s.units.at(0).stay.rules.at(0);
        EXPECT_EQ(rule.stay.name(), "lognormal") << stay;
        EXPECT_NEAR(rule.stay.mean(), 6, 1e-12) << stay;
        EXPECT_NEAR(rule.stay.sd(), 4.2, 1e-12) << stay;
        ASSERT_TRUE(rule.assumed_shape) << stay;
        EXPECT_EQ(rule.assumed_shape->describe(), "lognormal with sd 0.7 x the mean");
    }
}

TEST(DefaultStayShapeTest, EachKindHasItsOwnDefault) {
    const auto s = scenario_from_text(R"(
scenario: {name: kinds, start: 2024-01-01, run_length: 1y}
classes:
  people: {arrivals: {rate: 1/day}, first_unit: pool}
units:
  pool: {kind: pool, capacity: 5, queue: fifo, service: 2d}
  tne: {kind: sobering, places: 2, stay: 8h}
  laro: {kind: slots, capacity: 50, enrolment: 4y}
pathways:
  pool: {after_stay: {all: {tne: 1}}}
  tne: {after_stay: {all: {laro: 1}}, overflow: {all: {out: 1}}}
)");
    EXPECT_EQ(s.units.at(0).stay.rules.at(0).stay.name(), "exponential");
    EXPECT_EQ(s.units.at(1).stay.rules.at(0).stay.name(), "lognormal");
    EXPECT_NEAR(s.units.at(1).stay.rules.at(0).stay.sd(), 0.6 * 8.0 / 24, 1e-12);
    EXPECT_EQ(s.units.at(2).stay.rules.at(0).stay.name(), "exponential");
    EXPECT_NEAR(s.units.at(2).stay.rules.at(0).stay.mean(), 4 * sim::days_per_year, 1e-9);
}

TEST(DefaultStayShapeTest, AGivenDistributionIsNoAssumption) {
    const auto s = scenario_from_text(ward_with("{distribution: lognormal, mean: 6d, sd: 4d}"));
    EXPECT_FALSE(s.units.at(0).stay.rules.at(0).assumed_shape);
    EXPECT_TRUE(models::assumed_stays(s).empty());
    EXPECT_EQ(models::describe_assumed_stays(s), "");
}

TEST(DefaultStayShapeTest, CheckWarnsWithTheShareOfPatientsEachAssumedShapeConcerns) {
    const auto s = scenario_from_text(ward_with(R"(
      - {class: planned, mean: 8d}
      - {distribution: lognormal, mean: 6d, sd: 4d})"));
    const auto assumed = models::assumed_stays(s);
    ASSERT_EQ(assumed.size(), 1u);
    EXPECT_EQ(assumed[0].path, "units.ward.length_of_stay.0");
    EXPECT_NEAR(assumed[0].share, 0.3, 1e-12);
    EXPECT_NEAR(assumed[0].per_year, 180, 1e-9);
    const std::string text = models::describe_assumed_stays(s);
    EXPECT_NE(text.find("warning: units.ward.length_of_stay.0 gives the mean alone: a lognormal with sd 0.7 x the mean "
                        "is assumed (the default for a ward), for 30 % of the patients at ward (180 a year)"),
              std::string::npos)
        << text;
}

TEST(DefaultStayShapeTest, AMeanAloneEndsARuleListAsTheRuleForEveryoneElse) {
    const auto s = scenario_from_text(ward_with(R"(
      - {class: planned, distribution: exponential, mean: 8d}
      - 6d)"));
    const auto assumed = models::assumed_stays(s);
    ASSERT_EQ(assumed.size(), 1u);
    EXPECT_NEAR(assumed[0].share, 0.7, 1e-12);
}

TEST(DefaultStayShapeTest, AMeanWithAnSdButNoDistributionIsAnErrorThatSaysHowToWriteIt) {
    try {
        scenario_from_text(ward_with("{mean: 6d, sd: 2d}"));
        FAIL() << "accepted";
    } catch (const models::InputError& e) {
        EXPECT_NE(std::string(e.what()).find("'units.ward.length_of_stay.distribution' is missing"), std::string::npos) << e.what();
        EXPECT_NE(e.hint().find("mean alone"), std::string::npos) << e.hint();
    }
    EXPECT_THROW(scenario_from_text(ward_with("6")), models::InputError) << "a bare number has no unit";
    EXPECT_THROW(scenario_from_text(ward_with("lognormal")), models::InputError);
}

TEST(DefaultStayShapeTest, TheReportMarksTheDefaultShapeAsAnAssumptionBesideTheValue) {
    const std::string text = ward_with("6d");
    const auto s = scenario_from_text(text);
    app::report::ScenarioSources sources;
    sources.files.push_back(app::report::parse_scenario_comments("ward.yaml", text));
    app::report::add_assumed_stay_notes(sources, {&s}, app::report::Language::en);
    bool marked = false;
    for (const auto& row : sources.files[0].rows)
        if (row.path == "units.ward.length_of_stay") {
            ASSERT_EQ(row.notes.size(), 1u);
            EXPECT_EQ(row.notes[0].kind, app::report::SourceNote::Kind::assumption);
            EXPECT_EQ(row.notes[0].text, "Only the mean is given: a lognormal distribution with sd 0.7 × the mean is "
                                         "assumed (the default for a ward), for 100 % of the patients at the unit");
            marked = true;
        }
    EXPECT_TRUE(marked);
    app::report::add_assumed_stay_notes(sources, {&s}, app::report::Language::sv);
    for (const auto& row : sources.files[0].rows)
        if (row.path == "units.ward.length_of_stay") {
            EXPECT_EQ(row.notes.size(), 2u) << "each language's own words";
        }
}

}  // namespace
}  // namespace kapsim
