// Changes over time (`changes:`): a dated change of an arrival rate gives, year by year, the
// stationary results of the old rate before it and of the new one after; a change of capacity
// is the kind's own capacity schedule; a change of route sends people the new way from its
// date; a change of cost or payer charges each stretch of time at its own prices; and a path
// the engine cannot switch yet is refused where it is written.
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>

#include "app/experiment.hpp"
#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/observed_years.hpp"
#include "models/scenario_loader.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

std::size_t metric_index(const std::vector<models::MetricKey>& keys, const std::string& id, const std::string& metric) {
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (keys[k].id == id && keys[k].metric == metric) return k;
    ADD_FAILURE() << "no metric " << id << "." << metric;
    return 0;
}

// Erlang's loss system (2 places, stays of 8 hours) from 2024-01-31 to 2030-01-31.
std::string loss_system(const std::string& station_extra, const std::string& tail) {
    return R"(scenario:
  name: phased
  start: 2024-01-01
  run_length: 6y
  warmup: 30d
  replications: 30
  seed: 7
classes:
  callers:
    arrivals: {rate: 700/year}
    first_unit: station
units:
  station:
    kind: pool
    capacity: 2
    queue: none
    service: {distribution: exponential, mean: 8h}
)" + station_extra + tail;
}

TEST(DatedChangesTest, ArrivalRateChangeGivesTheStationaryRegimesBeforeAndAfterYearByYear) {
    const auto scenario = testing::scenario_from_text(loss_system("", R"(changes:
  - from: 2027-01-01
    set: {classes.callers.arrivals.rate: 1400/year}
)"));
    ASSERT_EQ(scenario.changes.size(), 1u);
    EXPECT_TRUE(models::changes_through_time(scenario));  // years are shown by default
    const auto out = app::run_scenario(scenario, 2, nullptr, true);
    ASSERT_EQ(out.years.size(), 7u);  // 2024 .. 2030
    const auto blocked = metric_index(out.keys, "station", "p_turned_away");
    const auto busy = metric_index(out.keys, "station", "occupancy_mean");
    const auto arrivals = metric_index(out.keys, "station", "arrivals_per_year");
    for (std::size_t y = 1; y < 6; ++y) {  // the whole years 2025 .. 2029
        const int year = out.years[y].year;
        SCOPED_TRACE(year);
        const double rate = year < 2027 ? 700.0 : 1400.0;
        const double load = rate / sim::days_per_year * (8.0 / 24.0);
        const double b = testing::erlang_b(2, load);
        testing::expect_covers(out.by_year[y][blocked].estimate, b, "P(blocked) in the year");
        testing::expect_covers(out.by_year[y][busy].estimate, load * (1 - b), "mean busy in the year");
        testing::expect_covers(out.by_year[y][arrivals].estimate, rate, "arrivals in the year");
    }
}

TEST(DatedChangesTest, CapacityChangeIsBitwiseTheKindsOwnScheduleRule) {
    const auto by_change = testing::scenario_from_text(loss_system("", R"(changes:
  - from: 2027-01-01
    set: {units.station.capacity: 3}
)"), "by-change");
    const auto by_schedule =
        testing::scenario_from_text(loss_system("    capacity_schedule: [{from: 2027-01-01, capacity: 3}]\n", ""), "by-schedule");
    for (std::size_t r = 0; r < 3; ++r) {
        const auto a = models::run_replication(by_change, r, {.by_year = true});
        const auto b = models::run_replication(by_schedule, r, {.by_year = true});
        EXPECT_EQ(a.metrics, b.metrics);
        ASSERT_EQ(a.by_year.size(), b.by_year.size());
        for (std::size_t y = 0; y < a.by_year.size(); ++y) EXPECT_EQ(a.by_year[y].metrics, b.by_year[y].metrics) << y;
    }
}

TEST(DatedChangesTest, RouteChangeSendsPeopleTheNewWayFromItsDate) {
    // Those the station cannot take leave at first; from 2027 they go to the reserve instead.
    const auto scenario = testing::scenario_from_text(loss_system(R"(  reserve:
    kind: pool
    capacity: unlimited
    service: {distribution: exponential, mean: 1d}
pathways:
  station:
    overflow: {all: {out: 1}}
)", R"(changes:
  - from: 2027-01-01
    set: {pathways.station.overflow.all: {reserve: 100 %}}
)"));
    const auto out = app::run_scenario(scenario, 2, nullptr, true);
    const auto turned_away = metric_index(out.keys, "station", "turned_away_per_year");
    const auto reserve = metric_index(out.keys, "reserve", "arrivals_per_year");
    for (std::size_t y = 0; y < out.years.size(); ++y) {
        SCOPED_TRACE(out.years[y].year);
        const auto& year = out.by_year[y];
        EXPECT_GT(year[turned_away].estimate.mean, 0);
        if (out.years[y].year < 2027)
            EXPECT_EQ(year[reserve].estimate.mean, 0);
        else
            EXPECT_DOUBLE_EQ(year[reserve].estimate.mean, year[turned_away].estimate.mean);
    }
}

// A change's `set:` has whole paths as keys; --set and sweeps reach a value there by writing the
// path on after the change's: changes.0.set.classes.callers.arrivals.rate. A path the change
// does not set yet is added to it.
TEST(DatedChangesTest, SetAndSweepsReachAValueInsideAChangeByItsWholePath) {
    const std::string text = loss_system("", R"(changes:
  - from: 2027-01-01
    set: {classes.callers.arrivals.rate: 1400/year}
)");
    const auto overridden = testing::scenario_from_text(
        text, "overridden",
        {"changes.0.set.classes.callers.arrivals.rate=1000/year", "changes.0.set.units.station.capacity=3", "changes.0.from=2028-01-01"});
    const auto written = testing::scenario_from_text(loss_system("", R"(changes:
  - from: 2028-01-01
    set: {classes.callers.arrivals.rate: 1000/year, units.station.capacity: 3}
)"), "written");
    ASSERT_EQ(overridden.changes.size(), 1u);
    EXPECT_EQ(overridden.changes[0].day, 1461);  // 2024-01-01 to 2028-01-01
    EXPECT_DOUBLE_EQ(overridden.changes[0].regime->classes[0].arrivals.rate_per_day, 1000 / sim::days_per_year);
    for (std::size_t r = 0; r < 3; ++r)
        EXPECT_EQ(models::run_replication(overridden, r, {}).metrics, models::run_replication(written, r, {}).metrics) << r;
    // A value of a path the change sets is checked as in the file.
    try {
        testing::scenario_from_text(text, "bad", {"changes.0.set.classes.callers.arrivals.rate=fast"});
        FAIL() << "a rate of 'fast' was accepted";
    } catch (const models::InputError& e) {
        EXPECT_NE(e.where().file.find("--set changes.0.set.classes.callers.arrivals.rate=fast"), std::string::npos) << e.where().file;
    }
}

TEST(DatedChangesTest, PathThatCannotChangeYetIsRefusedAtItsLineAndColumn) {
    try {
        testing::scenario_from_text(loss_system("", R"(changes:
  - from: 2027-01-01
    set:
      units.station.capacity: 3
      units.station.queue: fifo
)"));
        FAIL() << "a change of the queue discipline was accepted";
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, 22);
        EXPECT_EQ(e.where().column, 7);
        EXPECT_NE(e.problem().find("'units.station.queue' cannot change over time yet"), std::string::npos) << e.problem();
        EXPECT_NE(e.hint().find("classes.<class>.arrivals"), std::string::npos) << e.hint();
    }
}

TEST(DatedChangesTest, PayerNamedFromAChangeOnPaysFromItsDateAndCostsSplitAtIt) {
    // The running cost moves from the region to the state in 2027 (a reform); the cost a day of
    // the station's use doubles then. Per-year costs are exact; per-day costs are the busy
    // places (Erlang B) times the price.
    auto scenario = testing::scenario_from_text(loss_system("", R"(costs:
  - {name: running, unit: station, per_year: 1000000, payer: region}
  - {name: use, unit: station, per_day: 1000, payer: region}
changes:
  - from: 2027-01-01
    set: {costs.running.payer: state, costs.use.per_day: 2000}
)"));
    ASSERT_EQ(scenario.changes.size(), 1u);
    scenario.replications = 120;  // ten intervals each year: narrow enough to see a stay charged at the wrong price
    const auto out = app::run_scenario(scenario, 2, nullptr, true);
    const auto region = metric_index(out.keys, "region", "cost_per_year");
    const auto state = metric_index(out.keys, "state", "cost_per_year");
    const double load = 700.0 / sim::days_per_year * (8.0 / 24.0);
    const double busy = load * (1 - testing::erlang_b(2, load));
    for (std::size_t y = 1; y < 6; ++y) {  // the whole years 2025 .. 2029
        const int year = out.years[y].year;
        SCOPED_TRACE(year);
        const auto& costs = out.by_year[y];
        const double use = busy * sim::days_per_year * (year < 2027 ? 1000.0 : 2000.0);
        if (year < 2027) {
            testing::expect_covers(costs[region].estimate, 1e6 + use, "the region's cost a year");
            EXPECT_EQ(costs[state].estimate.mean, 0);
        } else {
            testing::expect_covers(costs[region].estimate, use, "the region's cost a year");
            EXPECT_DOUBLE_EQ(costs[state].estimate.mean, 1e6);
        }
    }
    // Over the whole period the state pays for the days from the change on, exactly.
    const double end = scenario.warmup_days + scenario.run_length_days;
    EXPECT_NEAR(out.estimates[state].mean, 1e6 * (end - scenario.changes[0].day) / scenario.run_length_days, 1e-6);
}

TEST(DatedChangesTest, CostsThatDoNotChangeChargeBitwiseAsWithoutTheChange) {
    const std::string costs = "costs:\n  - {name: use, unit: station, per_day: 1000, payer: region}\n";
    const auto changed = testing::scenario_from_text(loss_system("", costs + R"(changes:
  - from: 2027-01-01
    set: {costs.use.payer: region}
)"), "changed");
    const auto plain = testing::scenario_from_text(loss_system("", costs), "plain");
    for (std::size_t r = 0; r < 3; ++r)
        EXPECT_EQ(models::run_replication(changed, r, {}).metrics, models::run_replication(plain, r, {}).metrics);
}

TEST(DatedChangesTest, CostOfAPlacementUnitCannotChangeYetAndSaysWhy) {
    try {
        testing::scenario_from_text(loss_system(R"(  hvb:
    kind: placement
    own_places: 2
    duration: {distribution: exponential, mean: 30d}
    providers: {hvb: 1}
pathways:
  station:
    after_stay: {all: {hvb: 0.1, out: 0.9}}
)", R"(costs:
  - {name: placement, unit: hvb, per_day: 3000, payer: municipality}
changes:
  - from: 2027-01-01
    set: {costs.placement.per_day: 3500}
)"));
        FAIL() << "a change of a placement's cost was accepted";
    } catch (const models::InputError& e) {
        EXPECT_NE(e.problem().find("placement unit 'hvb'"), std::string::npos) << e.where().line << ": " << e.problem();
        EXPECT_NE(e.hint().find("variants"), std::string::npos) << e.hint();
    }
}

TEST(DatedChangesTest, ChangeOutsideTheRunOrOutOfOrderIsAnErrorAtItsDate) {
    const auto error_of = [](const std::string& changes) -> std::string {
        try {
            testing::scenario_from_text(loss_system("", changes));
        } catch (const models::InputError& e) {
            return fmt::format("{}:{} {}", e.where().line, e.where().column, e.problem());
        }
        return "accepted";
    };
    EXPECT_EQ(error_of("changes:\n  - {from: 2023-06-01, set: {units.station.capacity: 3}}\n"),
              "19:12 the change from 2023-06-01 is not after the run's start (2024-01-01)");
    EXPECT_EQ(error_of("changes:\n  - {from: 2031-01-01, set: {units.station.capacity: 3}}\n"),
              "19:12 the change from 2031-01-01 comes after the run ends (2030-01-30)");
    EXPECT_EQ(error_of("changes:\n  - {from: 2028-01-01, set: {units.station.capacity: 3}}\n"
                       "  - {from: 2027-01-01, set: {units.station.capacity: 4}}\n"),
              "20:12 the change from 2027-01-01 is not after the one before it (2028-01-01)");
}

TEST(DatedChangesTest, BadValueInAChangeIsReportedWhereTheChangeWritesIt) {
    try {
        testing::scenario_from_text(loss_system("", R"(changes:
  - from: 2027-01-01
    set:
      classes.callers.arrivals.rate: 1400/fortnight
)"));
        FAIL() << "a rate without a known unit was accepted";
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, 21);
        EXPECT_EQ(e.where().column, 38);
    }
}

TEST(DatedChangesTest, CheckListsEachChangeAndTheOfferedLoadOfEachStep) {
    const auto dir = testing::fresh_temp_dir("dated-check");
    const auto file = dir / "phased.yaml";
    std::ofstream(file) << loss_system("", R"(changes:
  - from: 2027-01-01
    set: {classes.callers.arrivals.rate: 1400/year}
  - from: 2028-01-01
    set: {units.station.capacity: 3}
)");
    const auto r = testing::run_kapsim("check " + file.string());
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("from 2027-01-01 (day 1096 of the run): classes.callers.arrivals.rate\n      callers: 1400/year\n"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("from 2028-01-01 (day 1461 of the run): units.station.capacity\n      station: capacity 3"),
              std::string::npos)
        << r.out;
    // 700/year x 8 h = 0.639 erlangs; 1400/year doubles it, on 2 places and then on 3.
    EXPECT_NE(r.out.find("offered load from 2027-01-01 (the values of that change and those before it):\n"
                         "  station: 1400 arrivals/year, offered load 1.278 on 2 places"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("offered load from 2028-01-01 (the values of that change and those before it):\n"
                         "  station: 1400 arrivals/year, offered load 1.278 on 3 places"),
              std::string::npos)
        << r.out;

    std::ofstream(file) << loss_system("", R"(changes:
  - from: 2027-01-01
    set: {units.station.service.mean: 10h}
)");
    const auto refused = testing::run_kapsim("check " + file.string());
    EXPECT_EQ(refused.exit_code, 2);
    EXPECT_NE(refused.err.find("phased.yaml:20:11: error: 'units.station.service.mean' cannot change over time yet"),
              std::string::npos)
        << refused.err;
    std::filesystem::remove_all(dir);
}

TEST(DatedChangesTest, ChangeInTheWarmupIsPointedOutByCheck) {
    const auto scenario = testing::scenario_from_text(loss_system("", R"(changes:
  - from: 2024-01-15
    set: {units.station.capacity: 3}
)"));
    EXPECT_NE(models::describe(scenario).find("from 2024-01-15 (day 14 of the run, in the warm-up, so no result sees the "
                                              "step before it): units.station.capacity"),
              std::string::npos)
        << models::describe(scenario);
}

TEST(DatedChangesTest, RouteOfAUnitWithoutPathwaysInTheFileCanChangeAndAMistypedUnitIsNamedAtTheChange) {
    const std::string reserve = R"(  reserve:
    kind: pool
    capacity: unlimited
    service: {distribution: exponential, mean: 1d}
)";
    const auto scenario = testing::scenario_from_text(loss_system(reserve, R"(changes:
  - from: 2027-01-01
    set: {pathways.station.overflow.all: {reserve: 1}}
)"));
    ASSERT_EQ(scenario.changes.size(), 1u);
    EXPECT_TRUE(scenario.route_overflow(0, 0).to.empty());
    EXPECT_EQ(scenario.changes[0].regime->route_overflow(0, 0).to, std::vector<models::Destination>{1});
    try {
        testing::scenario_from_text(loss_system(reserve, R"(changes:
  - from: 2027-01-01
    set:
      pathways.statoin.overflow.all: {reserve: 1}
)"));
        FAIL() << "a route of a unit that does not exist was accepted";
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, 25);
        EXPECT_EQ(e.where().column, 7);
        EXPECT_NE(e.problem().find("'statoin' is not a unit"), std::string::npos) << e.problem();
    }
}

}  // namespace
}  // namespace kapsim
