// The engine against queueing theory nobody here wrote: Erlang B, Erlang C, M/G/infinity and
// Little's law, each within the confidence interval of the replications.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "sim/replications.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::expect_covers;
using testing::source_path;

struct Replicated {
    models::Scenario scenario;
    std::vector<models::MetricKey> keys;
    std::vector<models::ReplicationResult> reps;

    std::vector<double> values(const std::string& metric) const {
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].metric == metric) {
                std::vector<double> v;
                for (const auto& r : reps) v.push_back(r.metrics[k]);
                return v;
            }
        ADD_FAILURE() << "no metric " << metric;
        return {};
    }
    sim::Estimate estimate(const std::string& metric, double confidence = 0.95) const {
        return sim::estimate_mean(values(metric), confidence);
    }
};

Replicated replicate(const std::string& file, std::vector<std::string> overrides = {}) {
    Replicated r{models::load_scenario(source_path(file), overrides), {}, {}};
    r.keys = models::metric_catalog(r.scenario);
    r.reps = sim::run_replications<models::ReplicationResult>(
        r.scenario.replications, 0, [&](std::size_t i) { return models::run_replication(r.scenario, i); });
    return r;
}

// Little's law L = lambda W: the time-average number present (from the occupancy record)
// against throughput times mean time spent (from each patient's own record), which the
// engine books separately. The product must fall within the interval of L.
void expect_littles_law(const Replicated& r) {
    const auto throughput = r.values("admitted_per_year");
    const auto stays = r.values("mean_stay_days");
    const auto waits = r.values("mean_wait_days");
    double lambda_w = 0, lambda_wq = 0;
    for (std::size_t i = 0; i < throughput.size(); ++i) {
        lambda_w += throughput[i] / sim::days_per_year * stays[i] / static_cast<double>(throughput.size());
        lambda_wq += throughput[i] / sim::days_per_year * waits[i] / static_cast<double>(throughput.size());
    }
    const auto in_service = r.estimate("occupancy_mean");
    expect_covers(in_service, lambda_w, "Little's law in service: L vs lambda W");
    EXPECT_LT(std::abs(in_service.mean - lambda_w) / lambda_w, 0.01);
    if (std::isfinite(lambda_wq) && lambda_wq > 0)
        expect_covers(r.estimate("queue_mean"), lambda_wq, "Little's law in the queue: Lq vs lambda Wq");
}

TEST(ErlangBValidation, BlockingProbabilityMatchesErlangLossFormula) {
    const auto r = replicate("scenarios/validation/erlang-b.yaml");
    const double load = 700.0 / sim::days_per_year * (8.0 / 24.0);
    const double blocking = testing::erlang_b(2, load);
    expect_covers(r.estimate("p_turned_away"), blocking, "P(blocked)");
    // Carried load: the mean number busy is a (1 - B).
    expect_covers(r.estimate("occupancy_mean"), load * (1 - blocking), "mean busy");
    // PASTA: the share of time full equals the share of arrivals blocked.
    expect_covers(r.estimate("p_full"), blocking, "time all places busy");
    expect_littles_law(r);
}

TEST(ErlangCValidation, ProbabilityOfWaitingAndMeanWaitMatchErlangDelayFormula) {
    const auto r = replicate("scenarios/validation/erlang-c.yaml");
    const double lambda = 1.65, mean_stay = 9.0;
    const int c = 16;
    const double load = lambda * mean_stay;
    const double p_wait = testing::erlang_c(c, load);
    const double mean_wait = p_wait / (c / mean_stay - lambda);
    expect_covers(r.estimate("p_wait"), p_wait, "P(wait)");
    expect_covers(r.estimate("mean_wait_days"), mean_wait, "mean wait");
    expect_covers(r.estimate("occupancy_mean"), load, "mean busy");
    expect_covers(r.estimate("queue_mean"), lambda * mean_wait, "mean queue");
    EXPECT_EQ(r.estimate("turned_away_per_year").mean, 0.0);
    expect_littles_law(r);
}

TEST(MGInfinityValidation, OccupancyIsPoissonWithMeanLambdaTimesMeanStay) {
    const auto r = replicate("scenarios/validation/mg-infinity.yaml");
    const double load = 1.65 * 9.0;
    expect_covers(r.estimate("occupancy_mean"), load, "mean occupancy");
    EXPECT_EQ(r.estimate("turned_away_per_year").mean, 0.0);
    EXPECT_EQ(r.estimate("p_wait").mean, 0.0);

    // The whole distribution: the share of time at each level against the Poisson pmf, for
    // every level with at least 0.1 % probability (levels 5 to 27). With 23 levels checked at
    // once, each uses a 99.9 % interval so the family stays near 95 %.
    int levels_checked = 0;
    for (int n = 0; n < 60; ++n) {
        if (testing::poisson_pmf(n, load) < 0.001) continue;
        ++levels_checked;
        std::vector<double> share;
        for (const auto& rep : r.reps) {
            const auto& d = rep.occupancy_distribution.front();
            share.push_back(n < static_cast<int>(d.size()) ? d[n] : 0.0);
        }
        const auto e = sim::estimate_mean(share, 0.999);
        const double p = testing::poisson_pmf(n, load);
        EXPECT_LE(e.ci_low, p) << "level " << n << ": " << e.mean << " vs Poisson " << p;
        EXPECT_GE(e.ci_high, p) << "level " << n << ": " << e.mean << " vs Poisson " << p;
    }
    EXPECT_GE(levels_checked, 20);
    expect_littles_law(r);
}

// The test above would pass for any engine that always returned the Poisson mean; this one
// makes sure the checks can fail: a ward with too few beds must not look like Erlang B for
// the right number.
TEST(ValidationSensitivity, WrongCapacityIsDetected) {
    const auto r = replicate("scenarios/validation/erlang-b.yaml", {"units.station.capacity=1"});
    const double load = 700.0 / sim::days_per_year * (8.0 / 24.0);
    const auto e = r.estimate("p_turned_away");
    const double wrong = testing::erlang_b(2, load);
    EXPECT_TRUE(e.ci_low > wrong || e.ci_high < wrong);
    expect_covers(e, testing::erlang_b(1, load), "P(blocked) with one place");
}

}  // namespace
}  // namespace kapsim

namespace kapsim {
namespace {

// Results by class against theory: an M/M/2 queue with two priority classes served
// non-preemptively in priority order. Cobham's formula gives each class's mean wait:
// W_k = C(c, a) / (c mu (1 - s_{k-1}) (1 - s_k)), with C Erlang's delay probability and s_k
// the load of the classes up to k per place. The pooled wait hides the difference; the
// by-class results show it.
TEST(ValidationByClass, PriorityClassesWaitAsCobhamsFormulaSays) {
    const auto s = testing::scenario_from_text(R"(scenario: {name: priority, start: 2024-01-01, run_length: 30y, warmup: 1y, replications: 30, seed: 41}
classes:
  urgent: {arrivals: {rate: 0.6/day}, first_unit: clinic, priority: 0}
  routine: {arrivals: {rate: 0.8/day}, first_unit: clinic, priority: 1}
units:
  clinic:
    kind: pool
    capacity: 2
    queue: priority
    service: {distribution: exponential, mean: 1d}
)", "by-class");
    const auto keys = models::metric_catalog(s);
    const auto reps = sim::run_replications<models::ReplicationResult>(
        s.replications, 0, [&](std::size_t i) { return models::run_replication(s, i); });
    const auto values = [&](const std::string& metric) {
        std::vector<double> v;
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].id == "clinic" && keys[k].metric == metric)
                for (const auto& r : reps) v.push_back(r.metrics[k]);
        EXPECT_EQ(v.size(), reps.size()) << metric;
        return v;
    };
    const double c = 2, mu = 1, a = 1.4, waiting = testing::erlang_c(2, a);
    const double s1 = 0.6 / (c * mu), s2 = 1.4 / (c * mu);
    const double w_urgent = waiting / (c * mu * (1 - 0) * (1 - s1));
    const double w_routine = waiting / (c * mu * (1 - s1) * (1 - s2));
    testing::expect_covers(sim::estimate_mean(values("by_class.urgent.mean_wait_days"), 0.99), w_urgent, "urgent wait");
    testing::expect_covers(sim::estimate_mean(values("by_class.routine.mean_wait_days"), 0.99), w_routine, "routine wait");
    testing::expect_covers(sim::estimate_mean(values("by_class.urgent.arrivals_per_year"), 0.99), 0.6 * 365.25, "urgent arrivals");
    testing::expect_covers(sim::estimate_mean(values("by_class.routine.mean_stay_days"), 0.99), 1.0, "routine stay");
}

}  // namespace
}  // namespace kapsim

#include "app/experiment.hpp"

namespace kapsim {
namespace {

// The 90th percentile of the wait in M/M/1 is exact: P(W > t) = rho e^-(mu - lambda) t, so
// t90 = ln(rho / 0.1) / (mu - lambda). Replications of 20 days hold about 16 waits each, and
// the mean of each replication's own 90th percentile falls short of it; all waits pooled
// over replications, with the sections' interval, cover it.
TEST(ValidationQuantile, NinetiethPercentileWaitIsUnbiasedWhateverTheReplicationLength) {
    const auto s = testing::scenario_from_text(R"(scenario: {name: mm1, start: 2024-01-01, run_length: 20d, warmup: 400d, replications: 3000, seed: 90}
classes:
  patients: {arrivals: {rate: 0.8/day}, first_unit: desk}
units:
  desk:
    kind: pool
    capacity: 1
    queue: fifo
    service: {distribution: exponential, mean: 1d}
)", "p90");
    const auto out = app::run_scenario(s, 0);
    const double truth = std::log(0.8 / 0.1) / (1.0 - 0.8);
    std::size_t k = out.keys.size();
    for (std::size_t i = 0; i < out.keys.size(); ++i)
        if (out.keys[i].id == "desk" && out.keys[i].metric == "wait_p90_days") k = i;
    ASSERT_LT(k, out.keys.size());
    testing::expect_covers(out.estimates[k], truth, "pooled 90th percentile of the wait");
    EXPECT_LT(out.estimates[k].half_width(), 0.05 * truth) << "the interval should be informative";
    // The old estimator, the mean of the replications' own percentiles, misses it.
    std::vector<double> own;
    for (const auto& r : out.replications) own.push_back(r.metrics[k]);
    EXPECT_LT(sim::estimate_mean(own).ci_high, truth) << "short replications bias their own percentile low";
}

// The interval of the pooled percentile holds its confidence: over independent seeds, the 95 %
// intervals cover the exact value about 95 % of the time.
TEST(ValidationQuantile, PooledPercentileIntervalCoversAtAboutItsNominalRate) {
    auto s = testing::scenario_from_text(R"(scenario: {name: mm1, start: 2024-01-01, run_length: 60d, warmup: 400d, replications: 60, seed: 1}
classes:
  patients: {arrivals: {rate: 0.8/day}, first_unit: desk}
units:
  desk: {kind: pool, capacity: 1, queue: fifo, service: {distribution: exponential, mean: 1d}}
)", "p90-coverage");
    const double truth = std::log(0.8 / 0.1) / (1.0 - 0.8);
    const int trials = 200;
    int covered = 0;
    for (int t = 0; t < trials; ++t) {
        s.seed = 1000 + static_cast<std::uint64_t>(t);
        const auto out = app::run_scenario(s, 0);
        for (std::size_t i = 0; i < out.keys.size(); ++i)
            if (out.keys[i].metric == "wait_p90_days")
                covered += out.estimates[i].ci_low <= truth && truth <= out.estimates[i].ci_high;
    }
    // 95 % of 200 is 190 with sd 3.1; sections make the interval approximate, so allow 4 sd.
    EXPECT_GE(covered, 177) << covered << " of " << trials << " intervals covered the exact percentile";
    EXPECT_LE(covered, 200);
}

}  // namespace
}  // namespace kapsim
