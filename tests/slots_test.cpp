// LARO enrolment slots: enrolment never beyond the slots, slots set by nurse staffing, a FIFO
// waiting list that people leave, the people already enrolled at the start, counts of the
// enrolled on given dates, and the waiting list against Erlang's delay formula.
#include <gtest/gtest.h>

#include <cmath>
#include <functional>

#include "models/care_system.hpp"
#include "sim/calendar_clock.hpp"
#include "models/scenario_loader.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "sim/replications.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::expect_covers;

class SlotsTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("slots"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    models::Scenario load(const std::string& yaml, std::vector<std::string> overrides = {}) {
        const auto file = dir_ / "scenario.yaml";
        std::ofstream(file) << yaml;
        return models::load_scenario(file.string(), overrides);
    }

    struct Runs {
        models::Scenario scenario;
        std::vector<models::ReplicationResult> reps;

        std::size_t index(const std::string& id, const std::string& metric) const {
            const auto keys = models::metric_catalog(scenario);
            for (std::size_t k = 0; k < keys.size(); ++k)
                if (keys[k].id == id && keys[k].metric == metric) return k;
            ADD_FAILURE() << "no metric " << id << "." << metric;
            return 0;
        }
        std::vector<double> values(const std::string& metric, const std::string& id = "laro") const {
            const std::size_t k = index(id, metric);
            std::vector<double> v;
            for (const auto& r : reps) v.push_back(r.metrics[k]);
            return v;
        }
        // 99 % intervals: most tests check several values at once, and each 95 % interval
        // would miss the truth once in twenty by design.
        sim::Estimate estimate(const std::string& metric) const { return sim::estimate_mean(values(metric), 0.99); }
    };

    Runs run(const std::string& yaml, std::vector<std::string> overrides = {}) {
        Runs r{load(yaml, std::move(overrides)), {}};
        r.reps = sim::run_replications<models::ReplicationResult>(
            r.scenario.replications, 0, [&](std::size_t i) { return models::run_replication(r.scenario, i); });
        return r;
    }

    std::filesystem::path dir_;
};

// One class of referrals to one LARO unit; `unit` is the rest of the unit's mapping.
std::string laro(const std::string& run, const std::string& referrals, const std::string& unit,
                 const std::string& extra = "", const std::string& start = "2024-01-01") {
    return "scenario:\n"
           "  name: laro\n"
           "  start: " + start + "\n" +
           run +
           "classes:\n"
           "  opioid_dependence:\n"
           "    arrivals: {" + referrals + "}\n"
           "    first_unit: laro\n"
           "units:\n"
           "  laro:\n"
           "    kind: slots\n" + unit + extra;
}

TEST_F(SlotsTest, EnrolmentNeverExceedsCapacity) {
    // 30 referrals a year enrolled for a year on average need 30 slots; there are 20.
    const std::string yaml = laro("  run_length: 20y\n  warmup: 5y\n  replications: 8\n  seed: 11\n", "rate: 30/year",
                                  "    capacity: 20\n"
                                  "    enrolment: {distribution: lognormal, mean: 1y, sd: 1y}\n");
    const auto r = run(yaml);
    const auto end = r.values("enrolled_end"), waiting = r.values("waiting_end");
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        const auto& time_at = r.reps[i].occupancy_distribution.front();
        for (std::size_t level = 21; level < time_at.size(); ++level)
            EXPECT_EQ(time_at[level], 0.0) << "replication " << i << " had " << level << " enrolled";
        ASSERT_GT(time_at.size(), 20u);
        EXPECT_GT(time_at[20], 0.8) << "the slots are full most of the time";
        EXPECT_LE(end[i], 20.0);
        EXPECT_GT(waiting[i], 0.0);
    }
    EXPECT_LE(r.estimate("enrolled_mean").ci_high, 20.0);
    for (const double pct : r.values("occupancy_pct")) {
        EXPECT_GT(pct, 90.0);
        EXPECT_LE(pct, 100.0 + 1e-9);
    }

    // The check can fail: without the limit the same referrals keep 30 enrolled.
    const auto unlimited = run(yaml, {"units.laro.capacity=unlimited"});
    expect_covers(unlimited.estimate("enrolled_mean"), 30.0, "enrolled without a limit");
}

TEST_F(SlotsTest, CapacityFollowsNurseStaffing) {
    const auto with_capacity = [](const std::string& capacity) {
        return laro("  run_length: 5y\n  warmup: 2y\n  replications: 3\n", "rate: 50/year",
                    "    capacity: " + capacity + "\n"
                    "    enrolment: {distribution: exponential, mean: 2y}\n",
                    "staffing:\n"
                    "  laro:\n"
                    "    nurses: {fte: 2, cost_per_fte: 600000}\n");
    };
    const auto staffed = run(with_capacity("{staff: nurses, per_fte: 40}"));
    EXPECT_EQ(std::get<models::SlotsSpec>(staffed.scenario.units[0].parameters).capacity, 80u);
    const auto fixed = run(with_capacity("80"));
    const auto same = [](const std::vector<double>& a, const std::vector<double>& b) {
        if (a.size() != b.size()) return false;
        for (std::size_t i = 0; i < a.size(); ++i)
            if (!(a[i] == b[i] || (std::isnan(a[i]) && std::isnan(b[i])))) return false;
        return true;
    };
    for (std::size_t i = 0; i < staffed.reps.size(); ++i)
        EXPECT_TRUE(same(staffed.reps[i].metrics, fixed.reps[i].metrics)) << "replication " << i;

    // Fewer nurses, fewer slots: 1.5 FTE at 40 each keep 60 enrolled at most.
    const auto fewer = run(with_capacity("{staff: nurses, per_fte: 40}"), {"staffing.laro.nurses.fte=1.5"});
    EXPECT_EQ(std::get<models::SlotsSpec>(fewer.scenario.units[0].parameters).capacity, 60u);
    EXPECT_LT(fewer.estimate("enrolled_mean").mean, staffed.estimate("enrolled_mean").mean);
    EXPECT_GT(fewer.estimate("waiting_end").mean, staffed.estimate("waiting_end").mean);
}

TEST_F(SlotsTest, RenegingFromTheWaitingList) {
    // 20 referrals a year for 10 slots held a year on average: the list grows until people
    // leave it, after half a year on average.
    const std::string run_spec = "  run_length: 20y\n  replications: 10\n";
    const std::string unit = "    capacity: 10\n"
                             "    enrolment: {distribution: exponential, mean: 1y}\n";
    const std::string patience = "    patience: {distribution: exponential, mean: 6mo}\n";
    const auto r = run(laro(run_spec, "rate: 20/year", unit + patience));
    const auto referrals = r.values("referrals_per_year"), starts = r.values("starts_per_year"),
               reneged = r.values("reneged_per_year"), waiting = r.values("waiting_end");
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        // Everyone referred has started, left the list, or is still on it (20 observed years).
        EXPECT_NEAR(referrals[i] * 20, starts[i] * 20 + reneged[i] * 20 + waiting[i], 1e-6) << "replication " << i;
        EXPECT_GT(reneged[i], 0.0);
    }

    // Without patience nobody leaves the list and it is longer.
    const auto patient = run(laro(run_spec, "rate: 20/year", unit));
    EXPECT_EQ(patient.estimate("reneged_per_year").mean, 0.0);
    EXPECT_GT(patient.estimate("waiting_mean").mean, 2 * r.estimate("waiting_mean").mean);

    // With no slots at all everyone on the list leaves it: the list is then an M/M/infinity
    // system whose mean length is referrals times mean patience, 20/year x 0.5 year = 10.
    const auto closed = run(laro("  run_length: 50y\n  warmup: 2y\n  replications: 10\n", "rate: 20/year",
                                 "    capacity: 0\n"
                                                                "    enrolment: {distribution: exponential, mean: 1y}\n" +
                                                                    patience));
    expect_covers(closed.estimate("waiting_mean"), 10.0, "waiting with no slots");
    EXPECT_EQ(closed.estimate("starts_per_year").mean, 0.0);
}

TEST_F(SlotsTest, SnapshotsReportEnrolmentOnDates) {
    // Jämtland's LARO: 60 persons in 2022, 65 in 2023, 90 in 2024 (seed 002 l.808). With
    // slots growing to match and far more referrals than slots, every slot is filled.
    const std::string yaml = laro("  run_length: 3y\n  replications: 3\n", "rate: 200/year",
                                  "    capacity: 60\n"
                                  "    initially_enrolled: 60\n"
                                  "    enrolment: {distribution: lognormal, mean: 4y, sd: 3y}\n"
                                  "    capacity_schedule:\n"
                                  "      - {from: 2023-01-01, capacity: 65}\n"
                                  "      - {from: 2024-01-01, capacity: 90}\n"
                                  "    snapshots: [2021-12-31, 2022-01-01, 2022-12-31, 2023-12-31, 2024-12-31, 2030-06-30]\n",
                                  "", "2022-01-01");
    const auto r = run(yaml);
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        EXPECT_TRUE(std::isnan(r.values("enrolled_on_2021-12-31")[i])) << "before the run";
        EXPECT_EQ(r.values("enrolled_on_2022-01-01")[i], 60.0) << "the initially enrolled";
        EXPECT_EQ(r.values("enrolled_on_2022-12-31")[i], 60.0);
        EXPECT_EQ(r.values("enrolled_on_2023-12-31")[i], 65.0);
        EXPECT_EQ(r.values("enrolled_on_2024-12-31")[i], 90.0);
        EXPECT_TRUE(std::isnan(r.values("enrolled_on_2030-06-30")[i])) << "after the run";
    }
}

TEST_F(SlotsTest, InitiallyEnrolledLeaveAsIfTheUnitHadBeenRunning) {
    // Enrolments under way at the start have the time left of a stay seen at a random moment.
    // With exponential enrolments that is again exponential (memoryless), so after one year
    // 200 exp(-1) = 73.6 of 200 remain. A uniform fraction of a fresh enrolment would leave
    // only about 30: a cliff at the start of every LARO scenario.
    const std::string referrals = "rate: 1/year";  // a trickle, to give the class a first unit
    const double t = 366 / sim::days_per_year;        // 2024 is a leap year
    const auto memoryless = run(laro("  run_length: 2y\n  replications: 200\n", referrals,
                                     "    capacity: 200\n"
                                     "    initially_enrolled: 200\n"
                                     "    enrolment: {distribution: exponential, mean: 1y}\n"
                                     "    snapshots: [2025-01-01]\n"));
    const double newcomers = 1.0 * (1 - std::exp(-t));  // referred in the year and still enrolled
    expect_covers(memoryless.estimate("enrolled_on_2025-01-01"), 200 * std::exp(-t) + newcomers,
                  "initially enrolled after a year, exponential enrolment");

    // With a fixed enrolment of two years the time left is uniform over the two years: half
    // are still enrolled after one.
    const auto fixed = run(laro("  run_length: 2y\n  replications: 200\n", referrals,
                                "    capacity: 200\n"
                                "    initially_enrolled: 100\n"
                                "    enrolment: {distribution: fixed, value: 2y}\n"
                                "    snapshots: [2025-01-01]\n"));
    expect_covers(fixed.estimate("enrolled_on_2025-01-01"), 100 * (1 - t / 2) + 1.0 * t,
                  "initially enrolled after a year, fixed enrolment");
}

// The people enrolled at the start leave independently of one another: with exponential
// enrolments each is still there a year later with probability exp(-t), so the count is
// binomial and its variance over replications is n p (1 - p). Drawing their time left from one
// shared pool of 4096 values per replication made them dependent, and the variance 7-8 %
// too large. With R replications the sample variance over the true one has sd sqrt(2 / R).
TEST_F(SlotsTest, InitiallyEnrolledLeaveIndependentlyOfOneAnother) {
    const std::size_t replications = 8000;
    auto s = load(laro("  run_length: 2y\n  replications: 2\n", "rate: 0.001/year",
                       "    capacity: unlimited\n"
                       "    initially_enrolled: 150\n"
                       "    enrolment: {distribution: exponential, mean: 1y}\n"
                       "    snapshots: [2024-07-01, 2025-01-01, 2025-07-01]\n"));
    s.replications = replications;
    const auto reps = sim::run_replications<models::ReplicationResult>(
        replications, 0, [&](std::size_t i) { return models::run_replication(s, i); });
    const Runs r{s, reps};
    const sim::CalendarClock clock(s.start);
    for (const char* date : {"2024-07-01", "2025-01-01", "2025-07-01"}) {
        const double t = clock.time_of(sim::CalendarClock::parse_date(date)) / sim::days_per_year;
        const double p = std::exp(-t), binomial_variance = 150 * p * (1 - p);
        const auto v = r.values(std::string("enrolled_on_") + date);
        double mean = 0, m2 = 0;
        for (double x : v) mean += x / static_cast<double>(v.size());
        for (double x : v) m2 += (x - mean) * (x - mean) / static_cast<double>(v.size() - 1);
        const double ratio = m2 / binomial_variance, sd = std::sqrt(2.0 / static_cast<double>(replications));
        EXPECT_NEAR(ratio, 1.0, 3.3 * sd) << date << ": variance " << m2 << " against binomial " << binomial_variance;
        EXPECT_NEAR(mean, 150 * p, 3.3 * std::sqrt(binomial_variance / static_cast<double>(replications))) << date;
    }
}

// Erlang C by its own formula, from the terms a^k / k!: the probability that a referral has
// to wait in M/M/c, c a^c / (c! (c - a)) over sum_{k<c} a^k / k! + c a^c / (c! (c - a)).
double erlang_c_by_sums(int c, double a) {
    double term = 1, below = 0;
    for (int k = 0; k < c; ++k) {
        below += term;
        term *= a / (k + 1);
    }
    const double waiting = term * c / (c - a);
    return waiting / (below + waiting);
}

TEST(SlotsValidation, ErlangC) {
    // 10 slots, 8 referrals a year, exponential enrolments of a year: load 8, 80 % of slots used.
    const auto dir = testing::fresh_temp_dir("slots-erlang-c");
    const auto file = dir / "scenario.yaml";
    std::ofstream(file) << laro("  run_length: 1000y\n  warmup: 20y\n  replications: 40\n  seed: 31\n", "rate: 8/year",
                                "    capacity: 10\n"
                                "    enrolment: {distribution: exponential, mean: 1y}\n");
    const auto s = models::load_scenario(file.string());
    std::filesystem::remove_all(dir);
    const auto reps = sim::run_replications<models::ReplicationResult>(
        s.replications, 0, [&](std::size_t i) { return models::run_replication(s, i); });
    const auto keys = models::metric_catalog(s);
    const auto estimate = [&](const std::string& metric) {
        std::vector<double> v;
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].metric == metric)
                for (const auto& r : reps) v.push_back(r.metrics[k]);
        return sim::estimate_mean(v, 0.99);  // several checks at once, as above
    };
    const int c = 10;
    const double lambda = 8, mean_enrolment = 1, load = lambda * mean_enrolment;  // per year, years
    const double p_wait = erlang_c_by_sums(c, load);
    const double mean_wait_days = p_wait / (c / mean_enrolment - lambda) * sim::days_per_year;
    const auto covers = [](const sim::Estimate& e, double truth, const char* what) {
        EXPECT_LE(e.ci_low, truth) << what << ": " << e.mean << " [" << e.ci_low << ", " << e.ci_high << "]";
        EXPECT_GE(e.ci_high, truth) << what << ": " << e.mean << " [" << e.ci_low << ", " << e.ci_high << "]";
    };
    covers(estimate("p_wait"), p_wait, "P(wait)");
    covers(estimate("mean_wait_days"), mean_wait_days, "mean wait");
    covers(estimate("enrolled_mean"), load, "mean enrolled");
    covers(estimate("waiting_mean"), lambda * mean_wait_days / sim::days_per_year, "mean waiting (Little)");
    // Sharp enough to tell 10 slots from 9 or 11.
    EXPECT_LT(estimate("p_wait").half_width(), (erlang_c_by_sums(c, load) - erlang_c_by_sums(c + 1, load)) / 2);
}

}  // namespace
}  // namespace kapsim
