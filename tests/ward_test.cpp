// The ward (beroendeavdelning) as the Västernorrland documents describe avdelning 7: acute
// patients admitted beyond the beds up to an over-occupancy limit, planned patients on a list
// for a free bed, no planned admissions in the summer weeks. Checked against Erlang's loss
// formula where the ward reduces to a loss system, and pathwise under common random numbers.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <numeric>

#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "sim/replications.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::expect_covers;

// Each test checks several intervals, each at 99 % so that the family of them stays near
// 95 % (with 95 % each, one seed in five or so would fail some check by chance alone).
constexpr double confidence = 0.99;

sim::Estimate interval(const std::vector<double>& values) { return sim::estimate_mean(values, confidence); }

// A scenario given inline, run over its replications.
struct Runs {
    models::Scenario scenario;
    std::vector<models::MetricKey> keys;
    std::vector<models::ReplicationResult> reps;

    std::vector<double> values(const std::string& metric, const std::string& unit = "avd7") const {
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].section == "units" && keys[k].id == unit && keys[k].metric == metric) {
                std::vector<double> v;
                for (const auto& r : reps) v.push_back(r.metrics[k]);
                return v;
            }
        ADD_FAILURE() << "no metric units." << unit << "." << metric;
        return std::vector<double>(reps.size(), std::nan(""));
    }
    sim::Estimate estimate(const std::string& metric, const std::string& unit = "avd7") const {
        return interval(values(metric, unit));
    }
    // Per-year figures back to counts over the observed period.
    std::vector<long> counts(const std::string& metric, const std::string& unit = "avd7") const {
        std::vector<long> c;
        for (double v : values(metric, unit)) c.push_back(std::lround(v * scenario.run_length_days / sim::days_per_year));
        return c;
    }
    // Share of observed time with at least `level` patients, in each replication.
    std::vector<double> share_at_least(std::size_t level) const {
        std::vector<double> share;
        for (const auto& r : reps) {
            const auto& d = r.occupancy_distribution.front();
            share.push_back(level < d.size() ? std::accumulate(d.begin() + static_cast<long>(level), d.end(), 0.0) : 0.0);
        }
        return share;
    }
};

Runs run(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
    const auto dir = testing::fresh_temp_dir("ward");
    const auto file = dir / "scenario.yaml";
    std::ofstream(file) << yaml;
    Runs r{models::load_scenario(file.string(), overrides), {}, {}};
    std::filesystem::remove_all(dir);
    r.keys = models::metric_catalog(r.scenario);
    r.reps = sim::run_replications<models::ReplicationResult>(
        r.scenario.replications, 0, [&](std::size_t i) { return models::run_replication(r.scenario, i); });
    return r;
}

std::vector<double> difference(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d;
    for (std::size_t i = 0; i < a.size(); ++i) d.push_back(a[i] - b[i]);
    return d;
}

// Acute detox only, above avdelning 7's load: 2 a day for 9 days on 13 beds plus 3 in
// over-occupancy; beyond that people are diverted out of the system.
const std::string acute_ward = R"(
scenario:
  name: ward-acute
  start: 2024-01-01
  run_length: 5y
  warmup: 90d
  replications: 20
  seed: 7
classes:
  acute_detox:
    arrivals: {rate: 2/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 13
    over_occupancy: 3
    length_of_stay: {distribution: exponential, mean: 9d}
pathways:
  avd7:
    overflow:
      all: {out: 1}
)";

TEST(WardTest, AcuteAdmittedBeyondCapacityUpToOverOccupancyLimit) {
    const auto within_beds = run(acute_ward, {"units.avd7.over_occupancy=0"});
    const auto over = run(acute_ward);

    for (std::size_t r = 0; r < over.reps.size(); ++r) {
        // The same people arrive; the three extra beds take some who would have been diverted.
        EXPECT_EQ(over.values("arrivals_per_year")[r], within_beds.values("arrivals_per_year")[r]);
        EXPECT_LT(over.values("diverted_per_year")[r], within_beds.values("diverted_per_year")[r]) << "replication " << r;
        // Never beyond beds + limit, and with the limit, beyond the beds.
        EXPECT_EQ(over.share_at_least(17)[r], 0.0);
        EXPECT_GT(over.share_at_least(14)[r], 0.0);
        EXPECT_NEAR(over.values("days_above_capacity_per_year")[r], sim::days_per_year * over.share_at_least(14)[r], 1e-6);
        EXPECT_NEAR(over.values("occupancy_pct")[r], 100 * over.values("occupancy_mean")[r] / 13, 1e-9);
        EXPECT_EQ(within_beds.share_at_least(14)[r], 0.0);
        EXPECT_EQ(within_beds.values("days_above_capacity_per_year")[r], 0.0);
        EXPECT_LE(within_beds.values("occupancy_pct")[r], 100.0);
    }
    EXPECT_GT(over.estimate("occupancy_pct").ci_low, 100.0);

    // Diverting happens exactly at the limit: Poisson arrivals see time averages, so the
    // share diverted is the share of time at 16 patients, and at 13 without over-occupancy.
    expect_covers(interval(difference(over.values("p_diverted"), over.share_at_least(16))), 0.0,
                  "share diverted minus share of time at 13 + 3");
    expect_covers(interval(difference(within_beds.values("p_diverted"), within_beds.share_at_least(13))), 0.0,
                  "share diverted minus share of time at 13");
    EXPECT_GT(over.estimate("p_diverted").mean, 0.05);
    // A limit this load never reaches diverts nobody.
    const auto roomy = run(acute_ward, {"units.avd7.over_occupancy=100"});
    for (double d : roomy.values("diverted_per_year")) EXPECT_EQ(d, 0.0);
}

// Planned detox only, 1 a day for about 2 days on 13 beds: there is always a free bed, so
// only the closed weeks can keep anyone waiting. 2024 begins on a Monday, so ISO week 26 of
// 2024 begins on day 175 and week 33 on day 224; week 26 of 2025 begins on day 539.
const std::string planned_ward = R"(
scenario:
  name: ward-planned
  start: 2024-01-01
  run_length: 48d
  warmup: 175d
  replications: 5
  seed: 8
classes:
  planned_detox:
    arrivals: {rate: 1/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 13
    length_of_stay: {distribution: exponential, mean: 2d}
    planned:
      classes: [planned_detox]
      closed_weeks: [26-32]
)";

TEST(WardTest, NoPlannedAdmissionsInSummerWeeks) {
    for (const char* summer : {"scenario.warmup=175d", "scenario.warmup=539d"}) {
        SCOPED_TRACE(summer);
        const auto inside = run(planned_ward, {summer});
        for (std::size_t r = 0; r < inside.reps.size(); ++r) {
            EXPECT_GT(inside.values("arrivals_per_year")[r], 0.0);
            EXPECT_EQ(inside.values("planned_admitted_per_year")[r], 0.0);
            EXPECT_EQ(inside.values("p_wait")[r], 1.0);
            // Everyone who came in the summer is still on the list.
            EXPECT_EQ(inside.values("list_end")[r], static_cast<double>(inside.counts("arrivals_per_year")[r]));
        }
    }
    // On the Monday of week 33 the list fills every bed; in the weeks before summer nobody
    // waits at all.
    const auto reopening = run(planned_ward, {"scenario.run_length=50d"});
    const auto spring = run(planned_ward, {"scenario.warmup=140d", "scenario.run_length=35d"});
    const auto year_round = run(planned_ward, {"units.avd7.planned.closed_weeks=[]"});
    for (std::size_t r = 0; r < reopening.reps.size(); ++r) {
        EXPECT_GE(reopening.counts("planned_admitted_per_year")[r], 13);  // every bed on the first day
        EXPECT_GT(spring.values("planned_admitted_per_year")[r], 0.0);
        EXPECT_EQ(spring.values("p_wait")[r], 0.0);
        EXPECT_EQ(year_round.values("p_wait")[r], 0.0);
        EXPECT_EQ(year_round.values("list_end")[r], 0.0);
    }
}

// A ward that opens on 1 March 2024 (day 60) with 13 beds; until then it has none.
const std::string opening_ward = R"(
scenario:
  name: ward-opening
  start: 2024-01-01
  run_length: 59d
  warmup: 0d
  replications: 5
  seed: 14
classes:
  acute_detox:
    arrivals: {rate: 0.2/day}
    first_unit: avd7
  planned_detox:
    arrivals: {rate: 1/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 0
    over_occupancy: 3
    length_of_stay: {distribution: exponential, mean: 2d}
    planned:
      classes: [planned_detox]
    beds_schedule:
      - {from: 2024-03-01, capacity: 13}
pathways:
  avd7:
    overflow:
      all: {out: 1}
)";

TEST(WardTest, BedsOpeningOnScheduleAdmitTheWaitingList) {
    // A ward without beds is closed, over-occupancy included: every acute patient is
    // diverted and every planned one waits.
    const auto closed = run(opening_ward);
    for (std::size_t i = 0; i < closed.reps.size(); ++i) {
        EXPECT_EQ(closed.values("acute_admitted_per_year")[i], 0.0);
        EXPECT_EQ(closed.values("p_diverted")[i], 1.0);
        EXPECT_EQ(closed.values("planned_admitted_per_year")[i], 0.0);
        EXPECT_GT(closed.values("list_end")[i], 30.0);
    }
    // On opening day the list fills every bed; a month later it is gone.
    const auto opening_day = run(opening_ward, {"scenario.run_length=61d"});
    const auto open = run(opening_ward, {"scenario.run_length=90d"});
    for (std::size_t i = 0; i < open.reps.size(); ++i) {
        EXPECT_GE(opening_day.counts("planned_admitted_per_year")[i], 13);
        EXPECT_GT(open.counts("planned_admitted_per_year")[i], closed.values("list_end")[i]);
        EXPECT_LT(open.values("list_end")[i], 5.0);
        EXPECT_GT(open.values("acute_admitted_per_year")[i], 0.0);
    }
}

// Acute and planned together, near avdelning 7: acute patients often fill the 13 beds and
// spill into the 3 over-occupancy beds.
const std::string mixed_ward = R"(
scenario:
  name: ward-mixed
  start: 2024-01-01
  run_length: 10y
  warmup: 1y
  replications: 20
  seed: 9
classes:
  acute_detox:
    arrivals: {rate: 1.2/day}
    first_unit: avd7
  planned_detox:
    arrivals: {rate: 0.1/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 13
    over_occupancy: 3
    length_of_stay: {distribution: exponential, mean: 9d}
    planned:
      classes: [planned_detox]
pathways:
  avd7:
    overflow:
      all: {out: 1}
)";

TEST(WardTest, PlannedWaitsForAFreeBed) {
    const auto r = run(mixed_ward);
    // A planned patient is admitted on arrival exactly when fewer than 13 beds are taken;
    // Poisson arrivals see time averages, so the share who wait is the share of time with all
    // 13 beds taken or more. Were over-occupancy a free bed to them, only the time at 16
    // would make them wait.
    const auto p_wait = r.values("p_wait");
    expect_covers(interval(difference(p_wait, r.values("p_full"))), 0.0, "share waiting minus time full");
    expect_covers(interval(difference(p_wait, r.share_at_least(13))), 0.0, "share waiting minus time at 13+");
    EXPECT_GT(r.estimate("p_wait").mean, r.estimate("p_full").mean / 2);
    EXPECT_GT(r.estimate("p_wait").mean, 3 * interval(r.share_at_least(16)).mean);
    for (double w : r.values("mean_wait_days")) EXPECT_GT(w, 0.0);
    for (double d : r.values("days_above_capacity_per_year")) EXPECT_GT(d, 0.0);
    // Little's law on the list, whose length and waits are booked separately: the mean list
    // is the planned admission rate times the mean wait.
    std::vector<double> lambda_w;
    for (std::size_t i = 0; i < r.reps.size(); ++i)
        lambda_w.push_back(r.values("planned_admitted_per_year")[i] / sim::days_per_year * r.values("mean_wait_days")[i]);
    expect_covers(interval(difference(r.values("list_mean"), lambda_w)), 0.0, "mean list minus lambda W");

    // Nor does a bed freed in over-occupancy go to the list. With 2 beds, 2 over-occupancy
    // beds, a long planned list and acute patients rare (offered load 0.18), the ward is above
    // its beds only while an acute patient is in, at most 1 - e^-0.18 = 16 % of the time; were
    // freed over-occupancy beds refilled from the list it would stay at 4.
    const auto rare_acute = run(mixed_ward, {"units.avd7.beds=2", "units.avd7.over_occupancy=2",
                                             "classes.acute_detox.arrivals.rate=0.02/day",
                                             "classes.planned_detox.arrivals.rate=0.5/day", "scenario.run_length=2y"});
    for (std::size_t i = 0; i < rare_acute.reps.size(); ++i) {
        EXPECT_GT(rare_acute.values("list_mean")[i], 10.0);
        EXPECT_LT(rare_acute.share_at_least(3)[i], 0.3) << "replication " << i;
    }
    EXPECT_LT(interval(rare_acute.share_at_least(3)).ci_low, 1 - std::exp(-0.18));
}

// Planned patients only, four times what 2 beds can take: without patience the list grows
// without bound; with a mean patience of 30 days people leave it.
const std::string overloaded_list = R"(
scenario:
  name: ward-reneging
  start: 2024-01-01
  run_length: 3y
  warmup: 0d
  replications: 5
  seed: 10
classes:
  planned_detox:
    arrivals: {rate: 1/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 2
    length_of_stay: {distribution: exponential, mean: 9d}
    planned:
      classes: [planned_detox]
      patience: {distribution: exponential, mean: 30d}
)";

TEST(WardTest, PlannedListRenegingLeavesTheList) {
    const auto reneging = run(overloaded_list);
    const auto staying = run(overloaded_list, {"units.avd7.planned.patience={distribution: fixed, value: 99y}"});
    for (const auto* r : {&reneging, &staying}) {
        // Without a warm-up everyone who came was admitted, left the list, or is on it.
        const auto arrivals = r->counts("arrivals_per_year"), admitted = r->counts("planned_admitted_per_year"),
                   reneged = r->counts("reneged_per_year");
        const auto list_end = r->values("list_end");
        for (std::size_t i = 0; i < arrivals.size(); ++i)
            EXPECT_EQ(arrivals[i], admitted[i] + reneged[i] + std::lround(list_end[i])) << "replication " << i;
    }
    for (std::size_t i = 0; i < reneging.reps.size(); ++i) {
        EXPECT_GT(reneging.values("reneged_per_year")[i], 100.0);
        EXPECT_EQ(staying.values("reneged_per_year")[i], 0.0);
        // Stable around (1 - 2/9 a day) x 30 days, about 23 people, instead of about 850.
        EXPECT_LT(reneging.values("list_end")[i], 60.0);
        EXPECT_GT(staying.values("list_end")[i], 600.0);
        EXPECT_LT(reneging.values("list_mean")[i], staying.values("list_mean")[i] / 5);
    }
    expect_covers(reneging.estimate("list_mean"), (1 - 2.0 / 9.0) * 30, "mean list, heavy-traffic approximation");
}

// Two planned classes on one priority list, more than 2 beds can take. Each class goes on
// to its own unit after the stay, so its admissions can be counted there.
const std::string priority_list = R"(
scenario:
  name: ward-priority
  start: 2024-01-01
  run_length: 4y
  warmup: 1y
  replications: 5
  seed: 11
classes:
  urgent:
    arrivals: {rate: 0.2/day}
    first_unit: avd7
    priority: 0
  routine:
    arrivals: {rate: 0.2/day}
    first_unit: avd7
    priority: 1
units:
  avd7:
    kind: ward
    beds: 2
    length_of_stay: {distribution: exponential, mean: 9d}
    planned:
      classes: [urgent, routine]
      queue: priority
  urgent_done:
    kind: pool
    capacity: unlimited
    service: {distribution: fixed, value: 0d}
  routine_done:
    kind: pool
    capacity: unlimited
    service: {distribution: fixed, value: 0d}
pathways:
  avd7:
    after_stay:
      urgent: {urgent_done: 1}
      routine: {routine_done: 1}
)";

TEST(WardTest, PriorityListServesLowerPriorityValueFirst) {
    const auto by_priority = run(priority_list);
    const auto reversed = run(priority_list, {"classes.urgent.priority=2"});
    const auto fifo = run(priority_list, {"units.avd7.planned.queue=fifo"});
    const auto served = [](const Runs& r, const char* unit) { return r.estimate("arrivals_per_year", unit).mean; };
    // 2 beds serve about 81 a year; priority 0 takes nearly all of its 73, the rest are left.
    for (std::size_t i = 0; i < by_priority.reps.size(); ++i) {
        EXPECT_GT(by_priority.values("arrivals_per_year", "urgent_done")[i],
                  3 * by_priority.values("arrivals_per_year", "routine_done")[i]);
        EXPECT_LT(3 * reversed.values("arrivals_per_year", "urgent_done")[i],
                  reversed.values("arrivals_per_year", "routine_done")[i]);
    }
    EXPECT_NEAR(served(fifo, "urgent_done") / served(fifo, "routine_done"), 1.0, 0.15);
}

// With only acute patients, no over-occupancy and everyone diverted when the beds are full,
// the ward is Erlang's loss system: 1 a day for 3 days on 4 beds, offered load 3.
const std::string loss_ward = R"(
scenario:
  name: ward-erlang-b
  start: 2024-01-01
  run_length: 20y
  warmup: 30d
  replications: 40
  seed: 12
classes:
  acute_detox:
    arrivals: {rate: 1/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 4
    over_occupancy: 0
    length_of_stay: {distribution: exponential, mean: 3d}
pathways:
  avd7:
    overflow:
      all: {out: 1}
)";

TEST(WardValidation, WithoutOverOccupancyAndPlannedListBehavesAsErlangB) {
    const double load = 1.0 * 3.0;
    const auto r = run(loss_ward);
    const double blocking = testing::erlang_b(4, load);  // 0.2061
    expect_covers(r.estimate("p_diverted"), blocking, "share diverted vs Erlang B(4, 3)");
    expect_covers(r.estimate("p_full"), blocking, "time all beds taken vs Erlang B(4, 3)");
    expect_covers(r.estimate("occupancy_mean"), load * (1 - blocking), "carried load");
    EXPECT_EQ(r.estimate("planned_admitted_per_year").mean, 0.0);
    EXPECT_EQ(r.estimate("list_mean").mean, 0.0);

    // One over-occupancy bed makes it a loss system with 5 places for acute patients, and
    // the check must tell the two apart.
    const auto one_more = run(loss_ward, {"units.avd7.over_occupancy=1"});
    const auto e = one_more.estimate("p_diverted");
    expect_covers(e, testing::erlang_b(5, load), "share diverted vs Erlang B(5, 3)");
    EXPECT_TRUE(e.ci_high < blocking) << e.mean;
}

// Avdelning 7's question, 13 or 16 beds, with acute and planned detox and no planned
// admissions in summer. Under common random numbers each replication sees the same people,
// so more beds must not divert more of them in any replication.
const std::string avdelning_7 = R"(
scenario:
  name: ward-avd7
  start: 2024-01-01
  run_length: 5y
  warmup: 1y
  replications: 20
  seed: 13
classes:
  acute_detox:
    arrivals: {rate: 1.4/day}
    first_unit: avd7
  planned_detox:
    arrivals: {rate: 0.25/day}
    first_unit: avd7
units:
  avd7:
    kind: ward
    beds: 13
    over_occupancy: 3
    length_of_stay: {distribution: exponential, mean: 9d}
    planned:
      classes: [planned_detox]
      closed_weeks: [26-32]
pathways:
  avd7:
    overflow:
      all: {out: 1}
)";

TEST(WardTest, MoreBedsNeverDivertMore) {
    for (const auto& yaml : {avdelning_7, acute_ward}) {
        const auto thirteen = run(yaml);
        const auto sixteen = run(yaml, {"units.avd7.beds=16"});
        double fewer = 0;
        for (std::size_t i = 0; i < thirteen.reps.size(); ++i) {
            EXPECT_EQ(thirteen.values("arrivals_per_year")[i], sixteen.values("arrivals_per_year")[i]);
            EXPECT_LE(sixteen.values("diverted_per_year")[i], thirteen.values("diverted_per_year")[i]) << "replication " << i;
            fewer += thirteen.values("diverted_per_year")[i] - sixteen.values("diverted_per_year")[i];
        }
        EXPECT_GT(fewer, 0.0);
    }
}

}  // namespace
}  // namespace kapsim
