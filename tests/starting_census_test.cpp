// Runs that start from today: a unit starts with the people the scenario says are there, each
// stay continued from the time already spent. A queue started in its stationary distribution
// has no warm-up to wait for; a census that is not refilled drains as the conditional
// survival of its stays predicts; and what cannot be true (a stay longer than any the unit
// has, a wait where nobody waits) is refused at its line.
#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <string>
#include <vector>

#include <boost/math/distributions/lognormal.hpp>
#include <fmt/format.h>

#include "models/care_system.hpp"
#include "models/run_months.hpp"
#include "models/work_estimate.hpp"
#include "sim/estimate.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

// 1.65 arrivals a day, exponential stays of 9 days, 16 places and a FIFO queue: Erlang C's
// scenario, started on 1 January so that its months are whole.
const std::string mmc = R"(scenario:
  name: mmc-today
  start: 2027-01-01
  run_length: 365d
  replications: 2
  seed: 11
classes:
  patients:
    arrivals: {rate: 1.65/day}
    first_unit: ward
units:
  ward:
    kind: pool
    capacity: 16
    queue: fifo
    service: {distribution: exponential, mean: 9d}
)";

// The stationary distribution of the number in an M/M/c system, by inverse CDF.
std::size_t draw_stationary_mmc(double load, std::size_t servers, std::mt19937_64& rng) {
    std::vector<double> p{1.0};
    for (std::size_t n = 1; n < 5000; ++n)
        p.push_back(p.back() * load / static_cast<double>(std::min(n, servers)));
    double total = 0;
    for (double x : p) total += x;
    double u = std::uniform_real_distribution<double>(0, total)(rng);
    for (std::size_t n = 0; n < p.size(); ++n) {
        if (u < p[n]) return n;
        u -= p[n];
    }
    return p.size() - 1;
}

// Mean places in use in each month, replication by replication.
std::vector<std::vector<double>> monthly(const std::vector<models::ReplicationResult>& reps) {
    std::vector<std::vector<double>> by_month(reps.front().occupancy_by_run_month[0].size());
    for (const auto& r : reps)
        for (std::size_t m = 0; m < by_month.size(); ++m) by_month[m].push_back(r.occupancy_by_run_month[0][m]);
    return by_month;
}

// Every replication starts from its own draw of the stationary number in the system: those
// beyond the 16 places wait. Exponential stays forget, so the time each has left is a fresh
// stay. Then the mean places in use, 14.85, is the same in every month from the first, and the
// first 30 days (the first point of Welch's moving average) are already at that level; started
// empty, the first month is far below it, so the check can fail.
TEST(StartingCensusTest, MMcStartedAtItsStationaryDistributionShowsNoWarmupTrend) {
    const double load = 1.65 * 9;
    const std::size_t servers = 16, replications = 200;
    std::mt19937_64 rng(2026);
    std::vector<models::ReplicationResult> today, empty;
    std::vector<double> first_30_days;
    for (std::size_t r = 0; r < replications; ++r) {
        const std::size_t n = draw_stationary_mmc(load, servers, rng);
        const auto s = testing::scenario_from_text(
            mmc, "mmc-today",
            {fmt::format("units.ward.today={{census: {}, waiting: {}}}", std::min(n, servers), n > servers ? n - servers : 0)});
        ASSERT_TRUE(s.starts_from_today());
        models::ReplicationOptions daily;
        daily.record_daily = true;
        today.push_back(models::run_replication(s, r, daily));
        const auto& days = today.back().daily_occupancy[0];
        double first = 0;
        for (std::size_t d = 0; d < 30; ++d) first += days[d] / 30;
        first_30_days.push_back(first);
        auto from_empty = testing::scenario_from_text(mmc, "mmc-empty", {"units.ward.today={census: 0}"});
        empty.push_back(models::run_replication(from_empty, r));
    }
    const auto months = monthly(today);
    ASSERT_EQ(months.size(), 12u);
    for (std::size_t m = 0; m < months.size(); ++m) {
        const auto e = sim::estimate_mean(months[m], 0.999);  // twelve months compared
        EXPECT_LE(e.ci_low, load) << "month " << m + 1 << ": " << e.mean;
        EXPECT_GE(e.ci_high, load) << "month " << m + 1 << ": " << e.mean;
    }
    testing::expect_covers(first_30_days, load, "the first 30 days");
    const auto first_month_empty = sim::estimate_mean(monthly(empty)[0], 0.999);
    EXPECT_LT(first_month_empty.ci_high, load) << "started empty, the first month should be well below the stationary level";
}

// M/G/infinity in its stationary state is a Poisson number of people, each with the
// equilibrium residual of a stay left: exactly what a census given as a count, its time spent
// unknown, draws. Lognormal stays with sd = mean, so the residual is not the stay itself.
TEST(StartingCensusTest, MGInfinityWithACensusOfUnknownTimeSpentIsStationaryFromTheStart) {
    const std::string text = R"(scenario:
  name: mginf-today
  start: 2027-01-01
  run_length: 365d
  replications: 2
  seed: 12
classes:
  patients:
    arrivals: {rate: 1.65/day}
    first_unit: ward
units:
  ward:
    kind: pool
    capacity: unlimited
    service: {distribution: lognormal, mean: 9d, sd: 18d}
)";
    const double load = 1.65 * 9;
    std::mt19937_64 rng(7);
    std::vector<models::ReplicationResult> reps;
    for (std::size_t r = 0; r < 200; ++r) {
        const auto n = std::poisson_distribution<int>(load)(rng);
        const auto s = testing::scenario_from_text(text, "mginf-today", {fmt::format("units.ward.today={{census: {}}}", n)});
        reps.push_back(models::run_replication(s, r));
    }
    const auto months = monthly(reps);
    for (std::size_t m = 0; m < months.size(); ++m) {
        const auto e = sim::estimate_mean(months[m], 0.999);
        EXPECT_LE(e.ci_low, load) << "month " << m + 1 << ": " << e.mean;
        EXPECT_GE(e.ci_high, load) << "month " << m + 1 << ": " << e.mean;
    }
}

// Ten people who have stayed 2 days and ten who have stayed 20, nobody arriving: the expected
// number still there at t is 10 S(2 + t) / S(2) + 10 S(20 + t) / S(20), with S the lognormal's
// survival as Boost.Math computes it. Each day's mean occupancy over 400 replications lies
// within four standard errors of that curve integrated over the day; stays restarted at the
// start (10 S(t) + 10 S(t)) would miss it by far more.
TEST(StartingCensusTest, AFixedCensusWithNoArrivalsDrainsAsTheConditionalSurvivalPredicts) {
    const std::string text = R"(scenario:
  name: drain
  start: 2027-01-01
  run_length: 90d
  replications: 2
  seed: 13
classes:
  patients:
    arrivals: {rate: 0/day}
    first_unit: ward
units:
  ward:
    kind: pool
    capacity: unlimited
    service: {distribution: lognormal, mean: 9d, sd: 9d}
    today:
      date: 2027-01-01
      census:
        - {elapsed: 2d, count: 10}
        - {elapsed: 20d, count: 10}
)";
    const auto s = testing::scenario_from_text(text, "drain");
    const double sigma2 = std::log(2.0);
    const boost::math::lognormal stay(std::log(9.0) - sigma2 / 2, std::sqrt(sigma2));
    const auto survival = [&](double t) { return t <= 0 ? 1.0 : boost::math::cdf(boost::math::complement(stay, t)); };
    const auto over_day = [&](std::size_t d, auto&& curve) {
        double area = 0;
        for (int k = 0; k < 100; ++k) area += curve(static_cast<double>(d) + (k + 0.5) / 100) / 100;
        return area;
    };
    const auto conditional = [&](double t) { return 10 * survival(2 + t) / survival(2) + 10 * survival(20 + t) / survival(20); };
    const auto restarted = [&](double t) { return 20 * survival(t); };
    const std::size_t replications = 400, days = 60;
    std::vector<std::vector<double>> by_day(days);
    models::ReplicationOptions daily;
    daily.record_daily = true;
    for (std::size_t r = 0; r < replications; ++r) {
        const auto rep = models::run_replication(s, r, daily);
        for (std::size_t d = 0; d < days; ++d) by_day[d].push_back(rep.daily_occupancy[0][d]);
    }
    bool restart_would_fail = false;
    for (std::size_t d = 0; d < days; ++d) {
        const auto e = sim::estimate_mean(by_day[d]);
        const double se = e.sd / std::sqrt(static_cast<double>(replications));
        const double expected = over_day(d, conditional);
        EXPECT_NEAR(e.mean, expected, 4 * se + 1e-9) << "day " << d;
        restart_would_fail = restart_would_fail || std::abs(e.mean - over_day(d, restarted)) > 8 * se;
    }
    EXPECT_TRUE(restart_would_fail) << "the test should tell continued stays from restarted ones";
}

// The people at the start book no admission and no wait; the waiting list's waits count the
// time already waited; the results month by month begin on the start date.
TEST(StartingCensusTest, WaitsOfThoseOnTheListAtTheStartCountTheTimeAlreadyWaited) {
    const auto s = testing::scenario_from_text(mmc, "waited",
                                               {"units.ward.capacity=1", "classes.patients.arrivals.rate=0/day",
                                                "units.ward.today={census: [{elapsed: 1d}], waiting: [{waited: 40d}]}",
                                                "scenario.start=2026-11-30", "scenario.run_length=12mo"});
    const auto r = models::run_replication(s, 0);
    const auto keys = models::metric_catalog(s);
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k].metric == "mean_wait_days") {
            EXPECT_GT(r.metrics[k], 40) << "40 days before the start, and more";
        }
        if (keys[k].metric == "admitted_per_year") {
            EXPECT_NEAR(r.metrics[k], 1, 0.01) << "only the one who waited";
        }
    }
    const auto months = models::run_months(s);
    ASSERT_FALSE(months.empty());
    EXPECT_EQ(months.front().label, "2026-11");
    EXPECT_EQ(months.front().days, 1u);
    EXPECT_EQ(months[1].label, "2026-12");
    EXPECT_EQ(months[1].days, 31u);
    EXPECT_EQ(r.occupancy_by_run_month[0].size(), months.size());
    EXPECT_DOUBLE_EQ(r.occupancy_by_run_month[0][0], 1.0) << "the one place is taken all of the first day";
}

// A census of a million is work and memory the estimate counts before anything runs, so the
// limits on work hold for it as for arrivals.
TEST(StartingCensusTest, ThePeopleAtTheStartCountInTheWorkEstimate) {
    const auto small = models::estimate_work(testing::scenario_from_text(mmc, "work", {"units.ward.today={census: 10}"}));
    const auto large =
        models::estimate_work(testing::scenario_from_text(mmc, "work", {"units.ward.today={census: 999990, waiting: 10}"}));
    EXPECT_GE(large.events_per_replication - small.events_per_replication, 999990 - 10 + 10);
    EXPECT_GE(large.bytes_per_replication - small.bytes_per_replication, 1e8);
}

// What the census says must be possible, or the error names its line.
models::InputError load_error(const std::vector<std::string>& overrides, const std::string& yaml = mmc) {
    try {
        testing::scenario_from_text(yaml, "bad-census", overrides);
    } catch (const models::InputError& e) {
        return e;
    }
    ADD_FAILURE() << "no error for " << overrides.back();
    return models::InputError({}, "");
}

TEST(StartingCensusTest, AStayLongerThanAnyTheUnitHasIsAnErrorAtItsLine) {
    const std::string yaml = mmc + R"(    today:
      census:
        - {class: patients, elapsed: 3d}
        - {class: patients, elapsed: 12d}
)";
    const auto e = load_error({"units.ward.service={distribution: uniform, min: 2d, max: 10d}"}, yaml);
    EXPECT_NE(e.problem().find("lasts longer than 12d"), std::string::npos) << e.problem();
    EXPECT_EQ(e.where().line, 20) << e.what();
}

TEST(StartingCensusTest, AWaitingListWhereNobodyWaitsIsAnError) {
    const auto e = load_error({"units.ward.queue=none", "units.ward.today={waiting: 3}"});
    EXPECT_NE(e.problem().find("never waits"), std::string::npos) << e.problem();
    EXPECT_FALSE(e.hint().empty());
}

TEST(StartingCensusTest, AWaitLongerThanEveryPatienceIsAnError) {
    const auto e = load_error({"units.ward.patience={distribution: fixed, value: 30d}",
                               "units.ward.today={waiting: [{waited: 31d}]}"});
    EXPECT_NE(e.problem().find("nobody waits longer than"), std::string::npos) << e.problem();
}

TEST(StartingCensusTest, ACensusOfAnotherDayThanTheStartIsAnErrorSayingWhichToSet) {
    const auto e = load_error({"units.ward.today={date: 2026-11-30, census: 3}"});
    EXPECT_NE(e.problem().find("2026-11-30"), std::string::npos) << e.problem();
    EXPECT_NE(e.hint().find("scenario.start: 2026-11-30"), std::string::npos) << e.hint();
}

TEST(StartingCensusTest, AClassThatNeverComesToTheUnitOrUnnamedAmongSeveralIsAnError) {
    const std::string two = mmc + R"(  elsewhere:
    kind: pool
    capacity: 2
    service: {distribution: exponential, mean: 1d}
)";
    const std::string yaml = std::string(two).replace(two.find("units:"), 6,
                                                      "  others:\n    arrivals: {rate: 1/day}\n    first_unit: elsewhere\nunits:");
    const auto never = load_error({"units.ward.today={census: {others: 2}}"}, yaml);
    EXPECT_NE(never.problem().find("never comes to unit 'ward'"), std::string::npos) << never.problem();
    const std::string both = std::string(yaml).replace(yaml.find("first_unit: elsewhere"), 21, "first_unit: ward");
    EXPECT_NE(load_error({"units.ward.today={census: 3}"}, both).problem().find("must name its class"), std::string::npos);
    EXPECT_NE(load_error({"units.ward.today={census: [{class: patient, count: 3}]}"}, both).hint().find("patients"),
              std::string::npos)
        << "a misspelt class gets a suggestion";
}

TEST(StartingCensusTest, UnknownKeysAndNegativeTimesAreErrors) {
    EXPECT_NE(load_error({"units.ward.today={census: [{elapsd: 3d}]}"}).hint().find("elapsed"), std::string::npos);
    EXPECT_NE(load_error({"units.ward.today={cenus: 3}"}).hint().find("census"), std::string::npos);
    load_error({"units.ward.today={census: [{elapsed: -3d}]}"});
    load_error({"units.ward.today={census: -1}"});
    load_error({"units.ward.today=3"});
}

}  // namespace
}  // namespace kapsim
