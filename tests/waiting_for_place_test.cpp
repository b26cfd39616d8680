// Waiting for the next step (pathways.<unit>.wait_for_place): a person whose stay is over keeps
// their place until the next unit has one. Checked against a two-stage tandem line with blocking
// after service, solved exactly here as a continuous-time Markov chain (written apart from the
// simulator: states, rates and Eigen's solver only); then the books (Little's law for the
// places kept and their cost), circular waits, reproducibility and bad input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <Eigen/Dense>
#include <cmath>
#include <fstream>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/observed_years.hpp"
#include "models/waiting_for_place.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "sim/replications.hpp"
#include "replication_values.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

// The tandem line: Poisson arrivals at rate lambda to stage 1 (c1 servers, no waiting room:
// those who find it full are lost); exponential service at rate mu1, then stage 2 (c2 servers,
// no waiting room, rate mu2). A patient done at stage 1 while stage 2 is full stays on a
// stage-1 server, blocked, until a stage-2 server frees; the longest blocked goes first (the
// order does not change these figures).
struct Tandem {
    int c1, c2;
    double lambda, mu1, mu2;  // per day
};

// The chain's long-run figures.
struct TandemFigures {
    double throughput_per_day = 0;  // admitted to stage 1 (= leaving stage 2)
    double at_stage1 = 0;           // in service or blocked
    double blocked = 0;             // mean number blocked at stage 1
    double p_blocked = 0;           // share of time with someone blocked
    double blocking_per_day = 0;    // stage-1 completions that find stage 2 full
    double at_stage2 = 0;
};

TandemFigures solve_tandem(const Tandem& t) {
    // States (n1 in service at 1, b blocked at 1, n2 at 2), with n1 + b <= c1, n2 <= c2 and
    // b > 0 only when stage 2 is full.
    std::vector<std::tuple<int, int, int>> states;
    std::map<std::tuple<int, int, int>, int> index;
    for (int n2 = 0; n2 <= t.c2; ++n2)
        for (int b = 0; b <= (n2 == t.c2 ? t.c1 : 0); ++b)
            for (int n1 = 0; n1 + b <= t.c1; ++n1) {
                index[{n1, b, n2}] = static_cast<int>(states.size());
                states.emplace_back(n1, b, n2);
            }
    const int n = static_cast<int>(states.size());
    Eigen::MatrixXd q = Eigen::MatrixXd::Zero(n, n);
    const auto rate = [&](int from, std::tuple<int, int, int> to, double r) {
        q(from, index.at(to)) += r;
        q(from, from) -= r;
    };
    for (int s = 0; s < n; ++s) {
        const auto [n1, b, n2] = states[s];
        if (n1 + b < t.c1) rate(s, {n1 + 1, b, n2}, t.lambda);
        if (n1 > 0) {
            if (n2 < t.c2) rate(s, {n1 - 1, b, n2 + 1}, n1 * t.mu1);
            else rate(s, {n1 - 1, b + 1, n2}, n1 * t.mu1);
        }
        if (n2 > 0) {
            if (b > 0) rate(s, {n1, b - 1, n2}, n2 * t.mu2);  // a blocked patient moves up
            else rate(s, {n1, b, n2 - 1}, n2 * t.mu2);
        }
    }
    // pi Q = 0 with the probabilities adding up to 1: one balance equation replaced by that.
    Eigen::MatrixXd a = q.transpose();
    a.row(n - 1).setOnes();
    Eigen::VectorXd rhs = Eigen::VectorXd::Zero(n);
    rhs(n - 1) = 1;
    const Eigen::VectorXd pi = a.fullPivLu().solve(rhs);
    TandemFigures f;
    for (int s = 0; s < n; ++s) {
        const auto [n1, b, n2] = states[s];
        if (n1 + b < t.c1) f.throughput_per_day += t.lambda * pi(s);
        f.at_stage1 += (n1 + b) * pi(s);
        f.blocked += b * pi(s);
        if (b > 0) f.p_blocked += pi(s);
        if (n2 == t.c2) f.blocking_per_day += n1 * t.mu1 * pi(s);
        f.at_stage2 += n2 * pi(s);
    }
    return f;
}

std::string tandem_yaml(const Tandem& t, const std::string& wait = "{}", const std::string& extra = "") {
    return fmt::format(R"(scenario:
  name: tandem
  start: 2024-01-01
  run_length: 30y
  warmup: 1y
  replications: 40
  seed: 21
classes:
  patients:
    arrivals: {{rate: {}/day}}
    first_unit: stage1
units:
  stage1:
    kind: pool
    capacity: {}
    service: {{distribution: exponential, mean: {}d}}
  stage2:
    kind: pool
    capacity: {}
    service: {{distribution: exponential, mean: {}d}}
pathways:
  stage1:
    after_stay: {{all: {{stage2: 1}}}}
    overflow: {{all: {{out: 1}}}}
    wait_for_place: {{stage2: {}}}
{})",
                       t.lambda, t.c1, 1 / t.mu1, t.c2, 1 / t.mu2, wait, extra);
}

// The tandem line with no wait at first and the wait from `from` on (a dated change), over `run_length`.
std::string tandem_waiting_from(const Tandem& t, const std::string& from, const std::string& run_length,
                                const std::string& extra = "") {
    std::string yaml = tandem_yaml(t, "{}",
                                   extra + "changes:\n  - from: " + from +
                                       "\n    set: {pathways.stage1.wait_for_place: {stage2: {}}}\n");
    const std::string wait_line = "    wait_for_place: {stage2: {}}\n";
    yaml.replace(yaml.find(wait_line), wait_line.size(), "");
    const std::string length = "run_length: 30y";
    yaml.replace(yaml.find(length), length.size(), "run_length: " + run_length);
    return yaml;
}

struct Runs {
    models::Scenario scenario;
    std::vector<models::MetricKey> keys;
    std::vector<models::ReplicationResult> reps;

    std::vector<double> values(const std::string& section, const std::string& id, const std::string& metric) const {
        return testing::values(scenario, reps, section, id, metric);
    }
    std::vector<double> unit(const std::string& id, const std::string& metric) const { return values("units", id, metric); }
};

Runs run(const std::string& yaml) {
    Runs r{testing::scenario_from_text(yaml, "tandem"), {}, {}};
    r.keys = models::metric_catalog(r.scenario);
    r.reps = sim::run_replications<models::ReplicationResult>(
        r.scenario.replications, 0, [&](std::size_t i) { return models::run_replication(r.scenario, i); });
    return r;
}

TEST(WaitingForPlaceTheory, TandemLineWithBlockingAfterServiceMatchesTheExactMarkovChain) {
    for (const Tandem t : {Tandem{2, 1, 1.2, 1.0, 1.0 / 1.2}, Tandem{3, 2, 2.0, 1.0 / 1.2, 1.0 / 0.9}}) {
        SCOPED_TRACE(fmt::format("c1 {}, c2 {}", t.c1, t.c2));
        const TandemFigures exact = solve_tandem(t);
        ASSERT_GT(exact.blocked, 0.05) << "a test of blocking needs blocking";
        const Runs r = run(tandem_yaml(t));
        const double year = sim::days_per_year;
        testing::expect_covers(r.unit("stage1", "admitted_per_year"), exact.throughput_per_day * year, "throughput");
        testing::expect_covers(r.unit("stage2", "admitted_per_year"), exact.throughput_per_day * year,
                               "throughput at stage 2");
        testing::expect_covers(r.unit("stage1", "occupancy_mean"), exact.at_stage1, "mean number at stage 1");
        testing::expect_covers(r.unit("stage1", "places_held_mean"), exact.blocked, "mean number blocked");
        testing::expect_covers(r.unit("stage1", "waited_for_next_step_per_year"), exact.blocking_per_day * year,
                               "blocked patients a year");
        // Little's law on the blocked: their mean time blocked.
        testing::expect_covers(r.unit("stage1", "mean_wait_for_next_step_days"), exact.blocked / exact.blocking_per_day,
                               "mean time blocked");
        testing::expect_covers(r.unit("stage2", "occupancy_mean"), exact.at_stage2, "mean number at stage 2");
        // The share of time with someone blocked: stage 2 full and someone waiting, from the same
        // record as p_full at stage 2 (its lower bound).
        const auto full2 = sim::estimate_mean(r.unit("stage2", "p_full"));
        EXPECT_GE(full2.ci_high, exact.p_blocked);
    }
}

TEST(WaitingForPlaceTheory, WithoutTheWaitTheSecondStageTurnsAwayAsErlangsLossSystem) {
    // The same line with the wait removed: stage 1 is Erlang B, and nobody keeps a place.
    const Tandem t{2, 1, 1.2, 1.0, 1.0 / 1.2};
    std::string yaml = tandem_yaml(t);
    yaml.replace(yaml.find("    wait_for_place: {stage2: {}}\n"), std::string("    wait_for_place: {stage2: {}}\n").size(),
                 "    \n");
    const Runs r = run(yaml);
    const double load = t.lambda / t.mu1;
    testing::expect_covers(r.unit("stage1", "p_turned_away"), testing::erlang_b(t.c1, load), "Erlang B at stage 1");
    for (const auto& key : r.keys) EXPECT_EQ(key.metric.find("next_step"), std::string::npos) << key.metric;
}

TEST(WaitingForPlaceTheory, AWaitFromADateGivesTheLossSystemBeforeAndTheTandemChainAfter) {
    // The tandem line without the wait until 2030, with it from then on (a dated change): each
    // whole year before is Erlang's loss system at stage 1 and nobody keeps a place; each whole
    // year after is the exact chain with blocking.
    const Tandem t{2, 1, 1.2, 1.0, 1.0 / 1.2};
    const auto s = testing::scenario_from_text(tandem_waiting_from(t, "2030-01-01", "12y"), "tandem-from-2030");
    const auto keys = models::metric_catalog(s);
    const auto index = [&](const std::string& metric) {
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].id == "stage1" && keys[k].metric == metric) return k;
        ADD_FAILURE() << "no metric stage1." << metric;
        return std::size_t{0};
    };
    const std::size_t turned_away = index("p_turned_away"), held = index("places_held_mean"),
                      admitted = index("admitted_per_year");
    // Per replication, the mean of the whole years before the change (2025-2029) and after it (2031-2035).
    std::vector<double> turned_away_before, held_before, held_after, admitted_after;
    for (std::size_t r = 0; r < s.replications; ++r) {
        const auto result = models::run_replication(s, r, {.by_year = true});
        const auto years = models::observed_years(s);
        ASSERT_EQ(result.by_year.size(), years.size());
        double b_turned = 0, b_held = 0, a_held = 0, a_admitted = 0;
        for (std::size_t y = 0; y < years.size(); ++y) {
            const auto& m = result.by_year[y].metrics;
            if (years[y].year >= 2025 && years[y].year <= 2029) {
                b_turned += m[turned_away] / 5;
                b_held += m[held] / 5;
            } else if (years[y].year >= 2031 && years[y].year <= 2035) {
                a_held += m[held] / 5;
                a_admitted += m[admitted] / 5;
            }
        }
        turned_away_before.push_back(b_turned);
        held_before.push_back(b_held);
        held_after.push_back(a_held);
        admitted_after.push_back(a_admitted);
    }
    testing::expect_covers(turned_away_before, testing::erlang_b(t.c1, t.lambda / t.mu1), "Erlang B before the change");
    for (const double h : held_before) EXPECT_EQ(h, 0) << "nobody keeps a place before the change";
    const TandemFigures exact = solve_tandem(t);
    testing::expect_covers(held_after, exact.blocked, "mean number blocked after the change");
    testing::expect_covers(admitted_after, exact.throughput_per_day * sim::days_per_year, "throughput after the change");
}

TEST(WaitingForPlaceBooks, ThePaymentForDaysReadyForDischargeMayFollowAWaitThatADatedChangeSets) {
    const Tandem t{2, 1, 1.2, 1.0, 1.0 / 1.2};
    const auto s = testing::scenario_from_text(
        tandem_waiting_from(t, "2027-01-01", "4y",
                            "costs:\n  - {name: betalningsansvar, unit: stage1, per_day: 1000, payer: kommun, "
                            "applies_to: ready_for_discharge}\n"),
        "payment-from-2027");
    const auto keys = models::metric_catalog(s);
    std::size_t paid = keys.size(), held = keys.size();
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k].id == "kommun" && keys[k].metric == "cost_per_year") paid = k;
        if (keys[k].id == "stage1" && keys[k].metric == "places_held_mean") held = k;
    }
    ASSERT_LT(paid, keys.size());
    ASSERT_LT(held, keys.size());
    const auto years = models::observed_years(s);
    const auto result = models::run_replication(s, 0, {.by_year = true});
    for (std::size_t y = 0; y < years.size(); ++y) {
        SCOPED_TRACE(years[y].year);
        const auto& m = result.by_year[y].metrics;
        if (years[y].year < 2027) {
            EXPECT_EQ(m[paid], 0);
        }
        if (years[y].year == 2028) {
            EXPECT_GT(m[held], 0);
            EXPECT_NEAR(m[paid], m[held] * 1000 * sim::days_per_year, 1e-6 * m[paid]);
        }
    }
}

TEST(WaitingForPlaceBooks, PlacesKeptTimesDaysTimesTheDailyAmountIsTheCostToThePayer) {
    const Tandem t{2, 1, 1.2, 1.0, 1.0 / 1.2};
    const Runs r = run(tandem_yaml(
        t, "{}",
        "costs:\n  - {name: betalningsansvar, unit: stage1, per_day: 1000, payer: kommun, applies_to: ready_for_discharge}\n"));
    const auto held = r.unit("stage1", "places_held_mean");
    const auto cost = r.unit("stage1", "cost_per_year");
    const auto paid = r.values("payers", "kommun", "cost_per_year");
    const auto count = r.unit("stage1", "waited_for_next_step_per_year");
    const auto mean_days = r.unit("stage1", "mean_wait_for_next_step_days");
    const auto days = r.unit("stage1", "wait_for_next_step_days_per_year");
    std::vector<double> little;
    for (std::size_t i = 0; i < held.size(); ++i) {
        // Each replication: the same days, booked by the ledger and by the record of places kept.
        EXPECT_NEAR(cost[i], 1000 * held[i] * sim::days_per_year, 1e-6 * cost[i]);
        EXPECT_NEAR(paid[i], cost[i], 1e-6 * cost[i]) << "all of it to the payer named";
        EXPECT_NEAR(days[i], held[i] * sim::days_per_year, 1e-9 * days[i]);
        little.push_back(count[i] * mean_days[i] / sim::days_per_year);
    }
    // Little's law across the two records: L = lambda W for the places kept.
    const auto l = sim::estimate_mean(held);
    testing::expect_covers(little, l.mean, "Little's law for the places kept");
    EXPECT_LT(std::abs(sim::estimate_mean(little).mean - l.mean) / l.mean, 0.02);
}

TEST(WaitingForPlaceBooks, TheSameSeedGivesTheSameResults) {
    const auto s = testing::scenario_from_text(tandem_yaml({2, 1, 1.2, 1.0, 1.0 / 1.2}, "{max: 1d, then: {out: 1}}"));
    const auto a = models::run_replication(s, 3);
    const auto b = models::run_replication(s, 3);
    EXPECT_EQ(a.metrics, b.metrics);
    EXPECT_NE(a.metrics, models::run_replication(s, 4).metrics);
}

TEST(WaitingForPlaceBooks, AfterTheLongestWaitPeopleGoByThen) {
    const Tandem t{2, 1, 1.2, 1.0, 1.0 / 1.2};
    const Runs r = run(tandem_yaml(t, "{max: 6h, then: {out: 1}}"));
    const auto waits = sim::estimate_mean(r.unit("stage1", "mean_wait_for_next_step_days"));
    EXPECT_LE(waits.mean, 0.25 + 1e-9) << "nobody waits longer than the max";
    EXPECT_GT(sim::estimate_mean(r.unit("stage1", "went_on_after_max_per_year")).mean, 1);
    // Those who went out after the max never reach stage 2.
    EXPECT_LT(sim::estimate_mean(r.unit("stage2", "admitted_per_year")).mean,
              sim::estimate_mean(r.unit("stage1", "admitted_per_year")).mean);
}

// A ward whose patients wait for one of the joint HVB's own places rather than a bought one.
std::string hvb_yaml(const std::string& wait) {
    return R"(scenario:
  name: hvb-wait
  start: 2024-01-01
  run_length: 10y
  warmup: 1y
  replications: 4
  seed: 3
classes:
  patients:
    arrivals: {rate: 60/year}
    first_unit: ward
units:
  ward:
    kind: pool
    capacity: 10
    service: {distribution: exponential, mean: 8d}
  hvb:
    kind: placement
    own_places: 3
    duration: {distribution: exponential, mean: 60d}
pathways:
  ward:
    after_stay: {all: {hvb: 0.5, out: 0.5}}
    overflow: {all: {out: 1}}
    wait_for_place: {hvb: )" +
           wait + "}\n";
}

TEST(WaitingForPlaceBooks, AWaitForAnOwnPlaceBuysNoneAndAfterTheMaxBuysOneForEachWhoGaveUp) {
    const auto value = [](const models::Scenario& s, const models::ReplicationResult& r, const std::string& unit,
                          const std::string& metric) {
        const auto keys = models::metric_catalog(s);
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].id == unit && keys[k].metric == metric) return r.metrics[k];
        ADD_FAILURE() << metric;
        return 0.0;
    };
    const auto patient = testing::scenario_from_text(hvb_yaml("{}"), "hvb");
    const auto waited = models::run_replication(patient, 0);
    EXPECT_EQ(value(patient, waited, "hvb", "purchased_placements_per_year"), 0) << "everyone waited for an own place";
    EXPECT_GT(value(patient, waited, "ward", "waited_for_next_step_per_year"), 0);

    const auto limited = testing::scenario_from_text(hvb_yaml("{max: 10d}"), "hvb");
    for (std::size_t rep = 0; rep < limited.replications; ++rep) {
        const auto r = models::run_replication(limited, rep);
        const double gave_up = value(limited, r, "ward", "went_on_after_max_per_year");
        EXPECT_GT(gave_up, 0);
        EXPECT_DOUBLE_EQ(value(limited, r, "hvb", "purchased_placements_per_year"), gave_up)
            << "after the max, on to the HVB all the same: a bought place";
    }
}

TEST(WaitingForPlaceBooks, AUnitReachedOnlyAfterTheLongestWaitIsAUnitOfTheScenario) {
    std::string yaml = tandem_yaml({2, 1, 1.2, 1.0, 1.0 / 1.2}, "{max: 12h, then: {home_care: 1}}");
    yaml.replace(yaml.find("pathways:"), 9,
                 "  home_care:\n    kind: service\n    duration: {distribution: exponential, mean: 2d}\npathways:");
    const auto s = testing::scenario_from_text(yaml);  // not refused as never reached
    const auto keys = models::metric_catalog(s);
    const auto r = models::run_replication(s, 0);
    double visits = 0, gave_up = 0;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        if (keys[k].id == "home_care" && keys[k].metric == "visits_per_year") visits = r.metrics[k];
        if (keys[k].id == "stage1" && keys[k].metric == "went_on_after_max_per_year") gave_up = r.metrics[k];
    }
    EXPECT_GT(gave_up, 0);
    EXPECT_DOUBLE_EQ(visits, gave_up) << "everyone who gave up went to home care";
}

// Two units that each keep their places for the other: A -> B -> A.
std::string circle_yaml(const std::string& wait_at_a) {
    return R"(scenario:
  name: circle
  start: 2024-01-01
  run_length: 5y
  replications: 2
classes:
  a_first:
    arrivals: {rate: 2/day}
    first_unit: a
  b_first:
    arrivals: {rate: 2/day}
    first_unit: b
units:
  a:
    kind: pool
    capacity: 2
    service: {distribution: exponential, mean: 2d}
  b:
    kind: pool
    capacity: 2
    service: {distribution: exponential, mean: 2d}
pathways:
  a:
    after_stay: {all: {b: 0.5, out: 0.5}}
    overflow: {all: {out: 1}}
    wait_for_place: {b: )" +
           wait_at_a + R"(}
  b:
    after_stay: {all: {a: 0.5, out: 0.5}}
    overflow: {all: {out: 1}}
    wait_for_place: {a: {}}
)";
}

TEST(WaitingForPlaceCircle, CheckNamesTheCircularWait) {
    const auto s = testing::scenario_from_text(circle_yaml("{}"));
    const auto circles = models::circular_waits(s);
    ASSERT_EQ(circles.size(), 1u);
    EXPECT_FALSE(circles[0].resolved_by_max);
    EXPECT_EQ(models::circle_text(s, circles[0].units), "a -> b -> a");
    const auto text = models::describe_waits_for_place(s);
    EXPECT_NE(text.find("warning: circular wait a -> b -> a"), std::string::npos) << text;
    EXPECT_NE(text.find("give one of the waits a max"), std::string::npos) << text;

    const auto dir = testing::fresh_temp_dir("circle-check");
    std::ofstream(dir / "circle.yaml") << circle_yaml("{}");
    const auto checked = testing::run_kapsim("check " + (dir / "circle.yaml").string());
    EXPECT_EQ(checked.exit_code, 0) << checked.err;
    EXPECT_NE(checked.out.find("warning: circular wait a -> b -> a"), std::string::npos) << checked.out;
    // check --json (what the studio shows): the warning with its code, in Swedish too.
    const auto json_checked = testing::run_kapsim("check --json --lang sv " + (dir / "circle.yaml").string());
    EXPECT_EQ(json_checked.exit_code, 0) << json_checked.err;
    const auto account = nlohmann::json::parse(json_checked.out);
    bool said = false;
    for (const auto& w : account["warnings"])
        if (w.value("code", "") == "circular_wait") {
            said = true;
            EXPECT_NE(w["message_sv"].get<std::string>().find("cirkulär väntan a -> b -> a"), std::string::npos) << w;
            EXPECT_NE(w["message_en"].get<std::string>().find("nobody can move again"), std::string::npos) << w;
        }
    EXPECT_TRUE(said) << account["warnings"];
    std::filesystem::remove_all(dir);
}

TEST(WaitingForPlaceCircle, ARunLockedInACircleStopsWithAClearMessageNotAHang) {
    const auto s = testing::scenario_from_text(circle_yaml("{}"));
    try {
        models::run_replication(s, 0);
        FAIL() << "a locked circle ran on";
    } catch (const models::InputError& e) {
        EXPECT_NE(std::string(e.problem()).find("circular wait on day"), std::string::npos) << e.problem();
        EXPECT_NE(std::string(e.problem()).find("a, b"), std::string::npos) << e.problem();
        EXPECT_NE(e.hint().find("max"), std::string::npos);
        EXPECT_GT(e.where().line, 0u);
    }
    const auto dir = testing::fresh_temp_dir("circle-run");
    std::ofstream(dir / "circle.yaml") << circle_yaml("{}");
    const auto ran = testing::run_kapsim("run " + (dir / "circle.yaml").string() + " --out " + (dir / "out").string());
    EXPECT_EQ(ran.exit_code, 2);
    EXPECT_NE(ran.err.find("circular wait"), std::string::npos) << ran.err;
    EXPECT_NE(ran.err.find("circle.yaml:"), std::string::npos) << ran.err;
    std::filesystem::remove_all(dir);
}

TEST(WaitingForPlaceCircle, AMaxOnTheCircleResolvesIt) {
    const auto s = testing::scenario_from_text(circle_yaml("{max: 3d, then: {out: 1}}"));
    const auto circles = models::circular_waits(s);
    ASSERT_EQ(circles.size(), 1u);
    EXPECT_TRUE(circles[0].resolved_by_max);
    const auto keys = models::metric_catalog(s);
    const auto result = models::run_replication(s, 0);
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (keys[k].id == "a" && keys[k].metric == "went_on_after_max_per_year") {
            EXPECT_GT(result.metrics[k], 0);
        }
}

// Bad input of the new keys: each at its line and column, with a hint.
void expect_refused(const std::string& yaml, unsigned line, const std::string& words) {
    try {
        testing::scenario_from_text(yaml, "bad");
        ADD_FAILURE() << "accepted: " << words;
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, line) << e.what();
        EXPECT_GT(e.where().column, 0u) << e.what();
        EXPECT_NE(std::string(e.what()).find(words), std::string::npos) << e.what();
        EXPECT_FALSE(e.hint().empty()) << e.what();
    }
}

TEST(WaitingForPlaceInput, BadValuesAreRefusedAtTheirLineWithAHint) {
    const Tandem t{2, 1, 1.2, 1.0, 1.0 / 1.2};
    // Line 25 is the wait_for_place line of tandem_yaml, 27 its first cost item.
    expect_refused(tandem_yaml(t, "{then: {out: 1}}"), 25, "no 'max' is given");
    expect_refused(tandem_yaml(t, "{max: 30}"), 25, "");
    expect_refused(tandem_yaml(t, "{maximum: 30d}"), 25, "maximum");
    expect_refused(tandem_yaml(t, "{max: 30d, then: {out: 0.5}}"), 25, "add up to");
    expect_refused(tandem_yaml(t, "{max: 30d, then: {stage1: 1}}"), 25, "cannot go back");
    std::string wrong_unit = tandem_yaml(t);
    wrong_unit.replace(wrong_unit.find("{stage2: {}}"), 12, "{stage3: {}}");
    expect_refused(wrong_unit, 25, "stage3");
    std::string not_next = tandem_yaml(t);
    not_next.replace(not_next.find("{stage2: {}}"), 12, "{stage1: {}}");
    expect_refused(not_next, 25, "at itself");
    std::string to_out = tandem_yaml(t);
    to_out.replace(to_out.find("{stage2: {}}"), 12, "{out: {}}");
    expect_refused(to_out, 25, "'out'");
    expect_refused(tandem_yaml(t, "{}",
                               "costs:\n  - {unit: stage2, per_day: 100, payer: kommun, applies_to: ready_for_discharge}\n"),
                   27, "nobody waits for the next step at 'stage2'");
    expect_refused(tandem_yaml(t, "{}",
                               "costs:\n  - {unit: stage1, per_admission: 100, payer: kommun, applies_to: ready_for_discharge}\n"),
                   27, "per day");
}

}  // namespace
}  // namespace kapsim
