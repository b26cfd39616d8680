// What `kapsim check` says a scenario implies, in the figures planners know (admissions a year,
// mean stay, occupancy), against queueing theory and against short simulations; and its
// warning that a waiting list grows without bound only where it does.
#include <gtest/gtest.h>

#include <string>

#include "app/experiment.hpp"
#include "models/implied_flow.hpp"
#include "models/scenario_loader.hpp"
#include "models/traffic_equations.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::scenario_from_text;
using testing::source_path;

// The estimate of units.<unit>.<metric> in a run.
sim::Estimate estimate(const app::RunOutcome& o, const std::string& unit, const std::string& metric) {
    for (std::size_t k = 0; k < o.keys.size(); ++k)
        if (o.keys[k].section == "units" && o.keys[k].id == unit && o.keys[k].metric == metric) return o.estimates[k];
    ADD_FAILURE() << "no metric units." << unit << "." << metric;
    return {};
}

TEST(ImpliedFlowTest, LossSystemAdmitsArrivalsTimesOneMinusErlangB) {
    const auto s = models::load_scenario(source_path("scenarios/validation/erlang-b.yaml"));
    const auto f = models::implied_flows(s).at(0);
    const double lambda = 700.0 / sim::days_per_year, stay = 8.0 / 24, b = testing::erlang_b(2, lambda * stay);
    EXPECT_NEAR(f.arrivals_per_year, 700, 1e-9);
    EXPECT_NEAR(f.admitted_per_year, 700 * (1 - b), 1e-9);
    EXPECT_NEAR(f.mean_stay_days, stay, 1e-12);
    EXPECT_NEAR(f.occupancy_mean, lambda * (1 - b) * stay, 1e-12);
    EXPECT_NEAR(f.occupancy_pct, 100 * lambda * (1 - b) * stay / 2, 1e-9);
    EXPECT_TRUE(f.exact);
    EXPECT_FALSE(f.queue_grows);
}

TEST(ImpliedFlowTest, DelaySystemBelowItsPlacesAdmitsEveryArrival) {
    const auto s = models::load_scenario(source_path("scenarios/validation/erlang-c.yaml"));
    const auto f = models::implied_flows(s).at(0);
    EXPECT_NEAR(f.admitted_per_year, 1.65 * sim::days_per_year, 1e-9);
    EXPECT_NEAR(f.occupancy_mean, 1.65 * 9, 1e-9);
    EXPECT_NEAR(f.occupancy_pct, 100 * 1.65 * 9 / 16, 1e-9);
}

TEST(ImpliedFlowTest, ShortSimulationsCoverTheImpliedFiguresOfTheValidationScenarios) {
    for (const std::string name : {"erlang-b", "erlang-c", "mg-infinity"}) {
        auto s = models::load_scenario(source_path("scenarios/validation/" + name + ".yaml"));
        s.replications = 20;
        const auto f = models::implied_flows(s).at(0);
        const std::string unit = s.units.at(0).id;
        const auto o = app::run_scenario(std::move(s), 0);
        testing::expect_covers(estimate(o, unit, "admitted_per_year"), f.admitted_per_year, name + " admitted a year");
        testing::expect_covers(estimate(o, unit, "occupancy_mean"), f.occupancy_mean, name + " occupancy");
        testing::expect_covers(estimate(o, unit, "mean_stay_days"), f.mean_stay_days, name + " mean stay");
    }
}

// The planner's ward of the issue: 10 beds, 600 admissions a year of which 70 % acute, stays
// of 6 days, planned detox closed 5 weeks in summer.
std::string planner_ward(const std::string& acute, const std::string& planned, int over_occupancy) {
    return R"(
scenario: {name: planner, start: 2024-01-01, run_length: 20y, warmup: 1y, replications: 10, seed: 3}
classes:
  acute: {arrivals: {rate: )" + acute + R"(}, first_unit: ward}
  planned: {arrivals: {rate: )" + planned + R"(}, first_unit: ward}
units:
  ward:
    kind: ward
    beds: 10
    over_occupancy: )" + std::to_string(over_occupancy) + R"(
    length_of_stay: {distribution: exponential, mean: 6d}
    planned: {classes: [planned], closed_weeks: [27-31]}
pathways:
  ward: {overflow: {all: {out: 1}}}
)";
}

TEST(ImpliedFlowTest, WardFiguresAreWithinAFewPercentOfASimulation) {
    auto s = scenario_from_text(planner_ward("420/year", "180/year", 0), "planner");
    const auto f = models::implied_flows(s).at(0);
    const auto o = app::run_scenario(std::move(s), 0);
    const double admitted = estimate(o, "ward", "acute_admitted_per_year").mean + estimate(o, "ward", "planned_admitted_per_year").mean;
    EXPECT_NEAR(f.admitted_per_year, admitted, 0.05 * admitted);
    const double occupancy = estimate(o, "ward", "occupancy_mean").mean;
    EXPECT_NEAR(f.occupancy_mean, occupancy, 0.05 * occupancy);
    EXPECT_NEAR(f.occupancy_pct, estimate(o, "ward", "occupancy_pct").mean, 5);
    EXPECT_FALSE(f.exact);
}

TEST(ImpliedFlowTest, FiguresOfAvdelning7WithPatienceAndOverOccupancyAreWithinAFewPercentOfASimulation) {
    // Planned demand beyond what the full list leaves them, patience of 30 days, 6 beds of
    // over-occupancy: the list is rarely empty and acute patients meet a full ward.
    auto s = models::load_scenario(source_path("scenarios/vasternorrland/avd7-13.yaml"));
    s.replications = 10;
    const auto f = models::implied_flows(s).at(0);
    const auto o = app::run_scenario(std::move(s), 0);
    const double admitted = estimate(o, "avd7", "acute_admitted_per_year").mean + estimate(o, "avd7", "planned_admitted_per_year").mean;
    EXPECT_NEAR(f.admitted_per_year, admitted, 0.05 * admitted);
    const double occupancy = estimate(o, "avd7", "occupancy_mean").mean;
    EXPECT_NEAR(f.occupancy_mean, occupancy, 0.05 * occupancy);
}

TEST(ImpliedFlowTest, AcuteDiversionKeepsAWardsPlannedListBoundedAboveItsBeds) {
    // Offered load 1.5 x 6 + 0.3 x 6 = 10.8 on 10 beds, yet acute patients beyond 12 are
    // diverted, and the beds that free go to the list.
    auto s = scenario_from_text(planner_ward("1.5/day", "0.3/day", 2), "bounded");
    const std::string loads = models::describe_loads(s);
    EXPECT_EQ(loads.find("without bound"), std::string::npos) << loads;
    EXPECT_NE(loads.find("keep the planned list bounded"), std::string::npos) << loads;
    EXPECT_FALSE(models::implied_flows(s).at(0).queue_grows);
    const auto o = app::run_scenario(std::move(s), 0);
    EXPECT_LT(estimate(o, "ward", "list_mean").ci_high, 5) << "the list stays short";
    EXPECT_LT(estimate(o, "ward", "list_end").ci_high, 10);
}

TEST(ImpliedFlowTest, PlannedListGrowsWhereItsDemandExceedsWhatTheWardCanAdmitFromIt) {
    auto s = scenario_from_text(planner_ward("1.5/day", "0.7/day", 2), "grows");
    const std::string loads = models::describe_loads(s);
    EXPECT_NE(loads.find("planned list will grow without bound"), std::string::npos) << loads;
    const auto f = models::implied_flows(s).at(0);
    ASSERT_TRUE(f.queue_grows);
    EXPECT_NEAR(f.queue_arrivals_per_year, 0.7 * sim::days_per_year, 1e-9);
    const auto o = app::run_scenario(std::move(s), 0);
    EXPECT_GT(estimate(o, "ward", "list_end").ci_low, 100) << "the list does grow";
    const double admitted = estimate(o, "ward", "acute_admitted_per_year").mean + estimate(o, "ward", "planned_admitted_per_year").mean;
    EXPECT_NEAR(f.admitted_per_year, admitted, 0.05 * admitted) << "acute patients meet a full ward";
    const auto planned = estimate(o, "ward", "planned_admitted_per_year");
    EXPECT_NEAR(f.queue_capacity_per_year, planned.mean, 0.05 * planned.mean)
        << "the most the ward admits from a list that never empties";
}

TEST(ImpliedFlowTest, DelaySystemAboveItsPlacesStillWarnsOfAQueueWithoutBound) {
    const auto s = models::load_scenario(source_path("scenarios/validation/erlang-c.yaml"), {"units.ward.capacity=14"});
    EXPECT_NE(models::describe_loads(s).find("queue will grow without bound"), std::string::npos);
    const auto f = models::implied_flows(s).at(0);
    EXPECT_TRUE(f.queue_grows);
    EXPECT_NEAR(f.admitted_per_year, 14.0 / 9 * sim::days_per_year, 1e-9) << "the places' throughput";
}

TEST(ImpliedFlowTest, ErlangBAtTheMeanRateOfAnHourlyProfileIsSaidToLeaveOutThePeaks) {
    // The sobering unit's arrivals peak at night and at weekends; with 2 places a run turns away
    // clearly more than Erlang B at the week's mean rate, and check says so beside its figure.
    auto s = models::load_scenario(source_path("scenarios/jamtland/tne-2016.yaml"), {"units.tne.places=2"});
    s.replications = 10;
    const auto figure = models::unit_load_figures(s).at(0);
    ASSERT_EQ(figure.model, "erlang_b");
    ASSERT_EQ(figure.notes.size(), 1u);
    EXPECT_NE(figure.notes[0].en.find("vary over the hours of the week"), std::string::npos) << figure.notes[0].en;
    EXPECT_NE(figure.notes[0].sv.find("varierar över veckans timmar"), std::string::npos) << figure.notes[0].sv;
    const auto o = app::run_scenario(std::move(s), 0);
    const auto run = estimate(o, "tne", "p_turned_away");
    EXPECT_GT(run.ci_low, figure.unserved_share) << "the run turns away more than Erlang B at the mean rate";
    // A constant rate gets no such note.
    const auto constant = models::unit_load_figures(models::load_scenario(source_path("scenarios/validation/erlang-b.yaml")));
    EXPECT_TRUE(constant.at(0).notes.empty());
}

TEST(ImpliedFlowTest, CheckPrintsTheImpliedFiguresOfEveryUnit) {
    const auto r = testing::run_kapsim("check " + source_path("scenarios/validation/erlang-b.yaml"));
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("implied figures"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("station: 622 admitted a year of 700 arriving, mean stay 0.333 days, occupancy 0.568 (28.4 % "
                         "of the places) [Erlang B]"),
              std::string::npos)
        << r.out;
}

}  // namespace
}  // namespace kapsim
