// Caseload teams: never more open cases than the limit, a limit that follows staffing and the
// cases per FTE it gives, an intake list by class priority, and the intake list against
// Erlang A (exponential patience) and Erlang C (none), theory this code did not write.
#include <gtest/gtest.h>

#include <cmath>

#include "app/experiment.hpp"
#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "sim/erlang.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "sim/replications.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

// One class of referrals to one team; `team` is the rest of the unit's mapping.
std::string team(const std::string& run, const std::string& referrals, const std::string& unit,
                 const std::string& extra = "") {
    return "scenario:\n"
           "  name: team\n"
           "  start: 2024-01-01\n" +
           run +
           "classes:\n"
           "  clients:\n"
           "    arrivals: {" + referrals + "}\n"
           "    first_unit: ombud\n"
           "units:\n"
           "  ombud:\n"
           "    kind: caseload\n" + unit + extra;
}

struct Runs {
    models::Scenario scenario;
    std::vector<models::ReplicationResult> reps;

    std::vector<double> values(const std::string& metric, const std::string& id = "ombud") const {
        const auto keys = models::metric_catalog(scenario);
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].id == id && keys[k].metric == metric) {
                std::vector<double> v;
                for (const auto& r : reps) v.push_back(r.metrics[k]);
                return v;
            }
        ADD_FAILURE() << "no metric " << id << "." << metric;
        return {};
    }
    // 99 % intervals: each test checks several values at once, and each 95 % interval would
    // miss the truth once in twenty by design.
    sim::Estimate estimate(const std::string& metric) const { return sim::estimate_mean(values(metric), 0.99); }
};

Runs run(const std::string& yaml, const std::vector<std::string>& overrides = {}) {
    Runs r{testing::scenario_from_text(yaml, "caseload", overrides), {}};
    r.reps = sim::run_replications<models::ReplicationResult>(
        r.scenario.replications, 0, [&](std::size_t i) { return models::run_replication(r.scenario, i); });
    return r;
}

void expect_covers(const sim::Estimate& e, double truth, const std::string& what) {
    EXPECT_LE(e.ci_low, truth) << what << ": " << e.mean << " [" << e.ci_low << ", " << e.ci_high << "]";
    EXPECT_GE(e.ci_high, truth) << what << ": " << e.mean << " [" << e.ci_low << ", " << e.ci_high << "]";
}

TEST(CaseloadTest, NeverMoreOpenCasesThanTheLimit) {
    // 30 referrals a year for cases of a year need 30 open; the team may hold 20.
    const std::string yaml = team("  run_length: 20y\n  warmup: 5y\n  replications: 8\n  seed: 21\n", "rate: 30/year",
                                  "    caseload: 20\n"
                                  "    case_length: {distribution: lognormal, mean: 1y, sd: 1y}\n");
    const auto r = run(yaml);
    const auto end = r.values("caseload_end"), intake = r.values("intake_end"), pct = r.values("caseload_pct");
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        const auto& time_at = r.reps[i].occupancy_distribution.front();
        ASSERT_GT(time_at.size(), 20u);
        for (std::size_t level = 21; level < time_at.size(); ++level)
            EXPECT_EQ(time_at[level], 0.0) << "replication " << i << " had " << level << " open cases";
        EXPECT_LE(end[i], 20.0);
        EXPECT_GT(intake[i], 0.0) << "without patience the intake list grows";
        EXPECT_GT(pct[i], 90.0);
        EXPECT_LE(pct[i], 100.0 + 1e-9);
    }
    EXPECT_TRUE(std::isnan(r.values("cases_per_fte").front())) << "a fixed limit follows no staffing";

    // The check can fail: without the limit the same referrals keep 30 cases open.
    const auto unlimited = run(yaml, {"units.ombud.caseload=unlimited"});
    expect_covers(unlimited.estimate("caseload_mean"), 30.0, "open cases without a limit");
    EXPECT_TRUE(std::isnan(unlimited.values("caseload_pct").front()));
}

TEST(CaseloadTest, LimitFollowsStaffingAndGivesCasesPerFte) {
    const auto with_limit = [](const std::string& caseload) {
        return team("  run_length: 10y\n  warmup: 3y\n  replications: 4\n  seed: 22\n", "rate: 60/year",
                    "    caseload: " + caseload + "\n"
                    "    case_length: {distribution: exponential, mean: 2y}\n",
                    "staffing:\n"
                    "  ombud:\n"
                    "    ombud: {fte: 2, cost_per_fte: 650000}\n");
    };
    const auto staffed = run(with_limit("{staff: ombud, per_fte: 40}"));
    EXPECT_EQ(std::get<models::CaseloadSpec>(staffed.scenario.units[0].parameters).caseload, 80u);
    const auto fixed = run(with_limit("80"));
    const auto open = staffed.values("caseload_mean"), per_fte = staffed.values("cases_per_fte");
    const auto fixed_open = fixed.values("caseload_mean");
    for (std::size_t i = 0; i < staffed.reps.size(); ++i) {
        EXPECT_EQ(open[i], fixed_open[i]) << "the same 80 cases, however the limit is written";
        EXPECT_DOUBLE_EQ(per_fte[i], open[i] / 2) << "replication " << i;
        EXPECT_GT(per_fte[i], 30.0) << "120 cases wanted on 80: the limit binds";
        EXPECT_LE(per_fte[i], 40.0 + 1e-9);
    }

    // Fewer ombud, a lower limit: 1.5 FTE at 40 cases each.
    const auto fewer = run(with_limit("{staff: ombud, per_fte: 40}"), {"staffing.ombud.ombud.fte=1.5"});
    EXPECT_EQ(std::get<models::CaseloadSpec>(fewer.scenario.units[0].parameters).caseload, 60u);
    EXPECT_LT(fewer.estimate("caseload_mean").mean, staffed.estimate("caseload_mean").mean);
    EXPECT_GT(fewer.estimate("intake_mean").mean, staffed.estimate("intake_mean").mean);
}

// Two classes on one intake list, more than 2 cases can take: the lower priority value goes
// first, and with a FIFO list neither does.
const std::string priority_intake = R"(
scenario: {name: team-priority, start: 2024-01-01, run_length: 10y, warmup: 2y, replications: 5, seed: 23}
classes:
  urgent: {arrivals: {rate: 4/year}, first_unit: ombud, priority: 0}
  routine: {arrivals: {rate: 4/year}, first_unit: ombud, priority: 1}
units:
  ombud:
    kind: caseload
    caseload: 2
    case_length: {distribution: exponential, mean: 3mo}
    intake: priority
)";

TEST(CaseloadTest, PriorityIntakeServesTheLowerPriorityValueFirst) {
    const auto by_priority = run(priority_intake);
    const auto fifo = run(priority_intake, {"units.ombud.intake=fifo"});
    const auto urgent = by_priority.values("by_class.urgent.mean_wait_days");
    const auto routine = by_priority.values("by_class.routine.mean_wait_days");
    for (std::size_t i = 0; i < urgent.size(); ++i)
        EXPECT_GT(routine[i], 3 * urgent[i]) << "replication " << i;
    const double ratio = fifo.estimate("by_class.routine.mean_wait_days").mean /
                         fifo.estimate("by_class.urgent.mean_wait_days").mean;
    EXPECT_NEAR(ratio, 1.0, 0.25) << "a FIFO list favours nobody";
}

TEST(CaseloadTest, AnUnknownIntakeOrderIsAnErrorThatNamesTheChoices) {
    const std::string yaml = team("  run_length: 1y\n", "rate: 10/year",
                                  "    caseload: 5\n"
                                  "    case_length: 1y\n"
                                  "    intake: lifo\n");
    try {
        (void)testing::scenario_from_text(yaml, "caseload-bad");
        FAIL() << "intake: lifo was accepted";
    } catch (const models::InputError& e) {
        const std::string what = e.what();
        EXPECT_NE(what.find("lifo"), std::string::npos) << what;
    }
}

// M/M/c+M: 25 referrals a year, exponential cases of a year on 20 places, exponential patience
// of half a year. Erlang A gives the share who wait, the share who leave the list, and the mean
// list; the caseload follows as the load carried, lambda (1 - P(abandon)) times the mean case.
TEST(CaseloadValidation, ErlangAWithExponentialPatience) {
    const unsigned c = 20;
    const double lambda = 25, mu = 1, theta = 2;  // per year
    const auto r = run(team("  run_length: 500y\n  warmup: 20y\n  replications: 30\n  seed: 24\n", "rate: 25/year",
                            "    caseload: 20\n"
                            "    case_length: {distribution: exponential, mean: 1y}\n"
                            "    patience: {distribution: exponential, mean: 6mo}\n"));
    const auto truth = sim::erlang_a(c, lambda, mu, theta);
    std::vector<double> abandon;
    const auto left = r.values("left_intake_per_year"), referrals = r.values("referrals_per_year");
    for (std::size_t i = 0; i < left.size(); ++i) abandon.push_back(left[i] / referrals[i]);
    const auto p_abandon = sim::estimate_mean(abandon, 0.99);
    expect_covers(r.estimate("p_wait"), truth.p_wait, "P(wait)");
    expect_covers(p_abandon, truth.p_abandon, "P(abandon)");
    expect_covers(r.estimate("intake_mean"), truth.mean_queue, "mean intake list");
    expect_covers(r.estimate("caseload_mean"), lambda * (1 - truth.p_abandon) / mu, "mean open cases");
    // Sharp enough to tell this patience from one twice as long, and 20 places from 21 (in
    // overload the share who leave depends on the places far more than on the patience).
    const auto longer = sim::erlang_a(c, lambda, mu, theta / 2), one_more = sim::erlang_a(c + 1, lambda, mu, theta);
    EXPECT_LT(r.estimate("intake_mean").half_width(), (longer.mean_queue - truth.mean_queue) / 4);
    EXPECT_LT(r.estimate("p_wait").half_width(), (longer.p_wait - truth.p_wait) / 4);
    EXPECT_LT(p_abandon.half_width(), (truth.p_abandon - one_more.p_abandon) / 2);
}

// Without patience the team is M/M/c: 8 referrals a year, cases of a year, 10 places. At 80 %
// the list relaxes over decades, so even 1000-year replications vary: 100 of them.
// Erlang C gives the share who wait, the mean wait, the mean list (Little), and the 90th
// percentile of the wait, P(W > t) = C exp(-(c mu - lambda) t), estimated from the pooled
// waits of every replication.
TEST(CaseloadValidation, ErlangCWithoutPatience) {
    const auto s = testing::scenario_from_text(
        team("  run_length: 1000y\n  warmup: 20y\n  replications: 100\n  seed: 25\n", "rate: 8/year",
             "    caseload: 10\n"
             "    case_length: {distribution: exponential, mean: 1y}\n"),
        "caseload-erlang-c");
    const auto out = app::run_scenario(s, 0);
    const auto estimate = [&](const std::string& metric) {
        std::vector<double> v;
        for (std::size_t k = 0; k < out.keys.size(); ++k)
            if (out.keys[k].id == "ombud" && out.keys[k].metric == metric) {
                if (metric == "wait_p90_days") return out.estimates[k];
                for (const auto& rep : out.replications) v.push_back(rep.metrics[k]);
            }
        return sim::estimate_mean(v, 0.99);
    };
    const unsigned c = 10;
    const double lambda = 8, mu = 1;
    const double p_wait = sim::erlang_c(c, lambda / mu);
    const double rate_out = c * mu - lambda;
    const double mean_wait_days = p_wait / rate_out * sim::days_per_year;
    const double p90_days = std::log(p_wait / 0.1) / rate_out * sim::days_per_year;
    expect_covers(estimate("p_wait"), p_wait, "P(wait)");
    expect_covers(estimate("mean_wait_days"), mean_wait_days, "mean wait");
    expect_covers(estimate("intake_mean"), lambda * mean_wait_days / sim::days_per_year, "mean intake list (Little)");
    expect_covers(estimate("caseload_mean"), lambda / mu, "mean open cases");
    expect_covers(estimate("wait_p90_days"), p90_days, "pooled 90th percentile wait");
    EXPECT_EQ(estimate("left_intake_per_year").mean, 0.0) << "nobody leaves without a patience";
    // Sharp enough to tell 10 places from 11.
    EXPECT_LT(estimate("p_wait").half_width(), (p_wait - sim::erlang_c(c + 1, lambda / mu)) / 2);
}

}  // namespace
}  // namespace kapsim
