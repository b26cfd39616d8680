// The care system: sobering units, services, pathways, costs per payer, and the checks a
// scenario must pass before it runs.
#include <gtest/gtest.h>

#include <numeric>
#include <ostream>

#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/traffic_equations.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "replication_values.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::expect_covers;
using testing::run_all;
using testing::values;

class CareSystemTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("care"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }

    std::string write(const std::string& name, const std::string& yaml) {
        const auto file = dir_ / name;
        std::ofstream(file) << yaml;
        return file.string();
    }

    models::Scenario load(const std::string& yaml, std::vector<std::string> overrides = {}) {
        return models::load_scenario(write("scenario.yaml", yaml), overrides);
    }

    std::filesystem::path dir_;
};

// Jämtland's TNE as the documents describe it: 4 places, about 700 a year, 75 % from
// Östersund, 5.5 Mkr a year of which the municipalities pay 3.5 Mkr.
const std::string tne_scenario = R"(
scenario:
  name: tne
  start: 2016-01-01
  run_length: 4y
  warmup: 30d
  replications: 20
  seed: 11
classes:
  lob_intoxicated:
    arrivals: {rate: 700/year}
    first_unit: tne
    municipality: {ostersund: 0.75, other: 0.25}
units:
  tne:
    kind: sobering
    places: 4
    stay: {distribution: exponential, mean: 8h}
  police_custody:
    kind: service
    duration: {distribution: lognormal, mean: 6h, sd: 3h}
  ed:
    kind: service
    duration: {distribution: fixed, value: 4h}
pathways:
  tne:
    overflow:
      all: {police_custody: 0.6, ed: 0.3, out: 0.1}
costs:
  - {name: operation, unit: tne, per_year: 5500000, payer: {region: 0.3636363636363636, municipalities: 0.6363636363636364}}
  - {unit: ed, per_admission: 3000, payer: region}
  - {unit: police_custody, per_hour: 500, payer: police}
)";

TEST_F(CareSystemTest, SoberingClosedUnitSendsEveryoneByOverflowShares) {
    const auto s = load(tne_scenario, {"units.tne.places=0"});
    const auto reps = run_all(s);
    for (double admitted : values(s, reps, "units", "tne", "admitted_per_year")) EXPECT_EQ(admitted, 0.0);
    const auto arrivals = values(s, reps, "units", "tne", "arrivals_per_year");
    const auto police = values(s, reps, "units", "tne", "turned_away_to_police_custody_per_year");
    const auto ed = values(s, reps, "units", "tne", "turned_away_to_ed_per_year");
    const auto out = values(s, reps, "units", "tne", "turned_away_to_out_per_year");
    double total = 0, to_police = 0, to_ed = 0, to_out = 0;
    for (std::size_t r = 0; r < reps.size(); ++r) {
        EXPECT_DOUBLE_EQ(police[r] + ed[r] + out[r], arrivals[r]);
        total += arrivals[r];
        to_police += police[r];
        to_ed += ed[r];
        to_out += out[r];
    }
    // Each share is a binomial proportion of all the turned away (about 56 000 people);
    // checked at 99.9 %, since this file makes many statistical checks and three here.
    const auto expect_share = [&](double count, double p, const char* what) {
        const double half = 3.29 * std::sqrt(p * (1 - p) / total);
        EXPECT_NEAR(count / total, p, half) << what;
    };
    expect_share(to_police, 0.6, "share to police custody");
    expect_share(to_ed, 0.3, "share to the emergency department");
    expect_share(to_out, 0.1, "share home");
    // What is sent on arrives there: the service counts the same people.
    EXPECT_EQ(values(s, reps, "units", "police_custody", "visits_per_year"), police);
}

TEST_F(CareSystemTest, SoberingTurnsAwayAsErlangLossSystemWhenFull) {
    const auto s = load(tne_scenario, {"units.tne.places=1", "scenario.replications=40"});
    const auto reps = run_all(s);
    const double load = 700.0 / sim::days_per_year * (8.0 / 24.0);
    expect_covers(values(s, reps, "units", "tne", "p_turned_away"), testing::erlang_b(1, load), "blocking with 1 place");
}

TEST_F(CareSystemTest, SoberingClosedByScheduleAdmitsNobodyAfterTheClosingDay) {
    // Closed from 2017-11-01, as in Jämtland; observe only from 2017-11-02 on.
    const auto s = load(tne_scenario, {"units.tne.places_schedule=[{from: 2017-11-01, capacity: 0}]",
                                       "scenario.warmup=671d", "scenario.run_length=1y"});
    const auto reps = run_all(s);
    for (double a : values(s, reps, "units", "tne", "admitted_per_year")) EXPECT_EQ(a, 0.0);
    // And before the closure it was open.
    const auto open = load(tne_scenario, {"units.tne.places_schedule=[{from: 2017-11-01, capacity: 0}]",
                                          "scenario.warmup=30d", "scenario.run_length=1y"});
    EXPECT_GT(sim::estimate_mean(values(open, run_all(open), "units", "tne", "admitted_per_year")).mean, 600);
}

TEST_F(CareSystemTest, ServiceCountsVisitsAndTheirHours) {
    const auto s = load(tne_scenario, {"units.tne.places=0"});
    const auto reps = run_all(s);
    const auto visits = values(s, reps, "units", "ed", "visits_per_year");
    const auto hours = values(s, reps, "units", "ed", "hours_per_year");
    for (std::size_t r = 0; r < reps.size(); ++r) EXPECT_NEAR(hours[r], 4.0 * visits[r], 1e-6);
    expect_covers(values(s, reps, "units", "police_custody", "mean_visit_hours"), 6.0, "police custody hours");
}

TEST_F(CareSystemTest, CostsPerPayerAddUpToTheTotal) {
    const auto s = load(tne_scenario, {"units.tne.places=2"});
    const auto reps = run_all(s);
    const auto keys = models::metric_catalog(s);
    for (const auto& rep : reps) {
        double payers = 0, total = 0, units = 0;
        for (std::size_t k = 0; k < keys.size(); ++k) {
            if (keys[k].section == "payers" && keys[k].id != "total") payers += rep.metrics[k];
            if (keys[k].section == "payers" && keys[k].id == "total") total = rep.metrics[k];
            if (keys[k].section == "units" && keys[k].metric == "cost_per_year") units += rep.metrics[k];
        }
        EXPECT_NEAR(payers, total, 1e-6 * total);
        EXPECT_NEAR(units, total, 1e-6 * total);
    }
    EXPECT_EQ(models::run_replication(s, 3).metrics, reps[3].metrics) << "same seed, same costs";
}

TEST_F(CareSystemTest, FixedCostSharedByMunicipalitiesFollowsTheirUse) {
    const auto s = load(tne_scenario);
    const auto reps = run_all(s);
    const auto ostersund = values(s, reps, "payers", "ostersund", "cost_per_year");
    const auto other = values(s, reps, "payers", "other", "cost_per_year");
    const auto region = values(s, reps, "payers", "region", "cost_per_year");
    std::vector<double> share;
    for (std::size_t r = 0; r < reps.size(); ++r) {
        EXPECT_NEAR(ostersund[r] + other[r], 3.5e6, 1.0) << "the municipalities pay 3.5 Mkr between them";
        share.push_back(ostersund[r] / 3.5e6);
    }
    expect_covers(share, 0.75, "Östersund's share by use");
    EXPECT_GE(sim::estimate_mean(region).mean, 2.0e6);
}

TEST_F(CareSystemTest, PerHourCostChargesTheTimeSpent) {
    const auto s = load(tne_scenario, {"units.tne.places=0"});
    const auto reps = run_all(s);
    const auto hours = values(s, reps, "units", "police_custody", "hours_per_year");
    const auto cost = values(s, reps, "payers", "police", "cost_per_year");
    // Visits still under way at the end are charged up to the end, so allow their few hours.
    for (std::size_t r = 0; r < reps.size(); ++r) EXPECT_NEAR(cost[r], 500 * hours[r], 500 * 24.0 / 4);
}

TEST_F(CareSystemTest, TrafficEquationsMatchSimulatedArrivalsInAThreeUnitNetwork) {
    const auto s = load(R"(
scenario: {name: network, start: 2024-01-01, run_length: 20y, warmup: 60d, replications: 20, seed: 5}
classes:
  patients: {arrivals: {rate: 2/day}, first_unit: a}
  walk_ins: {arrivals: {rate: 0.5/day}, first_unit: c}
units:
  a: {kind: pool, capacity: unlimited, service: {distribution: exponential, mean: 3d}}
  b: {kind: pool, capacity: unlimited, service: {distribution: gamma, mean: 5d, sd: 2d}}
  c: {kind: service, duration: {distribution: exponential, mean: 1d}}
pathways:
  a: {after_stay: {all: {b: 0.3, c: 0.5, out: 0.2}}}
  b: {after_stay: {all: {c: 0.5, a: 0.2, out: 0.3}}}
  c: {after_stay: {all: {a: 0.1, out: 0.9}}}
)");
    const auto loads = models::offered_loads(s);
    const auto reps = run_all(s);
    // Solved by hand: lambda_a = 2 + 0.2 lambda_b + 0.1 lambda_c, lambda_b = 0.3 lambda_a,
    // lambda_c = 0.5 + 0.5 lambda_a + 0.5 lambda_b; the Eigen solution must agree.
    const double la = (2 + 0.05) / (1 - 0.06 - 0.05 - 0.015), lb = 0.3 * la, lc = 0.5 + 0.5 * la + 0.5 * lb;
    EXPECT_NEAR(loads[0].arrivals_per_day, la, 1e-9);
    EXPECT_NEAR(loads[1].arrivals_per_day, lb, 1e-9);
    EXPECT_NEAR(loads[2].arrivals_per_day, lc, 1e-9);
    expect_covers(values(s, reps, "units", "a", "arrivals_per_year"), la * sim::days_per_year, "arrivals at a");
    expect_covers(values(s, reps, "units", "b", "arrivals_per_year"), lb * sim::days_per_year, "arrivals at b");
    expect_covers(values(s, reps, "units", "c", "visits_per_year"), lc * sim::days_per_year, "visits at c");
    expect_covers(values(s, reps, "units", "b", "occupancy_mean"), loads[1].offered_load, "load on b");
}

TEST_F(CareSystemTest, TrafficEquationsSendThoseALossUnitTurnsAwayByItsOverflowRoute) {
    // a: Erlang's loss system with 2 places and offered load 2, so B(2, 2) = (2^2/2!) /
    // (1 + 2 + 2^2/2!) = 0.4 of its arrivals are turned away, to b; the 0.6 admitted go on to c
    // after their stay. The rate of those turned away is exact for Poisson arrivals, whatever
    // the stay, so the simulation must agree with it.
    const auto s = load(R"(
scenario: {name: overflow, start: 2024-01-01, run_length: 20y, warmup: 60d, replications: 20, seed: 9}
classes:
  patients: {arrivals: {rate: 2/day}, first_unit: a}
units:
  a: {kind: pool, capacity: 2, service: {distribution: lognormal, mean: 1d, sd: 0.5d}}
  b: {kind: service, duration: {distribution: exponential, mean: 1d}}
  c: {kind: service, duration: {distribution: exponential, mean: 2d}}
pathways:
  a: {after_stay: {all: {c: 1}}, overflow: {all: {b: 0.75, out: 0.25}}}
)");
    const auto loads = models::offered_loads(s);
    const double blocked = 2 * 0.4, admitted = 2 * 0.6;
    EXPECT_NEAR(loads[0].arrivals_per_day, 2, 1e-9);
    EXPECT_NEAR(loads[1].arrivals_per_day, 0.75 * blocked, 1e-9) << "three quarters of those turned away go to b";
    EXPECT_NEAR(loads[2].arrivals_per_day, admitted, 1e-9) << "only those admitted go on after a stay";
    EXPECT_NEAR(loads[2].offered_load, 2 * admitted, 1e-9);
    const auto reps = run_all(s);
    expect_covers(values(s, reps, "units", "b", "visits_per_year"), 0.75 * blocked * sim::days_per_year, "visits at b");
    expect_covers(values(s, reps, "units", "c", "visits_per_year"), admitted * sim::days_per_year, "visits at c");
}

TEST_F(CareSystemTest, TrafficEquationsFollowOverflowThroughASecondLossUnit) {
    // a (1 place, load 1) turns away B(1, 1) = 1/2 of its arrivals to d; d (1 place) then sees
    // 1/2 a day with stays of mean 1, so B(1, 1/2) = (1/2) / (1 + 1/2) = 1/3 of those go on to e.
    // (The stream d receives is peakier than Poisson, so this is the first approximation the
    // shares settle on, which the check solves for by repeating the traffic equations.)
    const auto s = load(R"(
scenario: {name: overflow-twice, start: 2024-01-01, run_length: 5y, warmup: 60d, replications: 4, seed: 9}
classes:
  patients: {arrivals: {rate: 1/day}, first_unit: a}
units:
  a: {kind: pool, capacity: 1, service: {distribution: exponential, mean: 1d}}
  d: {kind: pool, capacity: 1, service: {distribution: exponential, mean: 1d}}
  e: {kind: service, duration: {distribution: exponential, mean: 1d}}
pathways:
  a: {after_stay: {all: {out: 1}}, overflow: {all: {d: 1}}}
  d: {after_stay: {all: {out: 1}}, overflow: {all: {e: 1}}}
)");
    const auto loads = models::offered_loads(s);
    EXPECT_NEAR(loads[1].arrivals_per_day, 0.5, 1e-9);
    EXPECT_NEAR(loads[2].arrivals_per_day, 0.5 / 3, 1e-9);
}

TEST_F(CareSystemTest, OccupancyByMonthAveragesToTheOverallMeanAndShowsTheSummerClosure) {
    // Whole calendar years observed, so the months weighted by their days give the mean.
    const auto s = load(R"(
scenario: {name: summer, start: 2023-01-01, run_length: 1461d, warmup: 365d, replications: 4, seed: 2}
classes:
  planned: {arrivals: {rate: 2/day}, first_unit: ward}
units:
  ward:
    kind: ward
    beds: 30
    length_of_stay: {distribution: exponential, mean: 5d}
    planned: {classes: [planned], closed_weeks: [27-31]}
)");
    const auto reps = run_all(s);
    const auto overall = values(s, reps, "units", "ward", "occupancy_mean");
    constexpr double days_in[12] = {31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    for (std::size_t r = 0; r < reps.size(); ++r) {
        const auto& month = reps[r].occupancy_by_month[0];
        double weighted = 0;
        for (int m = 0; m < 12; ++m) weighted += month[m] * days_in[m] / 365.25;
        EXPECT_NEAR(weighted, overall[r], 0.01 * overall[r]) << "replication " << r;
        EXPECT_LT(month[6], 0.5 * month[4]) << "July, with no planned admissions, is far below May";
    }
}

TEST_F(CareSystemTest, ExtendsLaysTheVariantOverItsBase) {
    write("base.yaml", tne_scenario);
    const auto file = write("variant.yaml", "extends: base.yaml\nscenario: {name: tne-2}\nunits: {tne: {places: 2}}\n");
    const auto s = models::load_scenario(file);
    EXPECT_EQ(s.name, "tne-2");
    EXPECT_EQ(std::get<models::SoberingSpec>(s.units[0].parameters).places, 2u);
    EXPECT_EQ(s.replications, 20u) << "everything else comes from the base";
    EXPECT_EQ(s.units.size(), 3u);
}

// --set reaches into lists: an item by its name or by its place from 0. The result is the
// scenario one would get by editing the file (the same content hash).
TEST_F(CareSystemTest, OverridesAddressListItemsByNameOrPlace) {
    auto edited = tne_scenario;
    edited.replace(edited.find("per_year: 5500000"), 17, "per_year: 2000000");
    edited.replace(edited.find("per_admission: 3000"), 19, "per_admission: 6000");
    const auto by_name = load(tne_scenario, {"costs.operation.per_year=2000000", "costs.1.per_admission=6000"});
    const auto by_file = load(edited);
    EXPECT_EQ(by_name.content_hash, by_file.content_hash);
    EXPECT_NE(by_name.content_hash, load(tne_scenario).content_hash);
    for (const char* wrong : {"costs.operations.per_year=1", "costs.3.per_admission=1", "costs.-1.per_admission=1"})
        EXPECT_THROW(load(tne_scenario, {wrong}), models::InputError) << wrong;
}

// Bad scenarios are refused before running, naming the file and line at fault.
struct BadScenario {
    const char* name;
    std::string change;  // applied with --set
    std::string location;
    std::string message;
};
// Named in test output by what it breaks, not as bytes.
void PrintTo(const BadScenario& bad, std::ostream* os) { *os << bad.name; }

class PathwayErrorTest : public CareSystemTest, public ::testing::WithParamInterface<BadScenario> {};

TEST_P(PathwayErrorTest, IsRefusedWithItsLocation) {
    const auto& bad = GetParam();
    std::string yaml = tne_scenario;
    const auto at = yaml.find(bad.change.substr(0, bad.change.find('|')));
    ASSERT_NE(at, std::string::npos);
    const std::string replacement = bad.change.substr(bad.change.find('|') + 1);
    yaml.replace(at, bad.change.find('|'), replacement);
    const auto file = write("bad.yaml", yaml);
    const auto r = testing::run_kapsim("check " + file);
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find(file + ":" + bad.location), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(bad.message), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
}

INSTANTIATE_TEST_SUITE_P(
    BadScenarios, PathwayErrorTest,
    ::testing::Values(
        BadScenario{"UnknownUnitInPathway", "police_custody: 0.6|polis: 0.6", "28:20", "'polis' is not a unit"},
        BadScenario{"ProbabilitiesSummingTo09", "out: 0.1}|out: 0.0}", "28:12", "add up to 0.9"},
        BadScenario{"ClassWithoutArrivals", "    arrivals: {rate: 700/year}\n|", "11:5", "has no arrivals"},
        BadScenario{"OverflowFromUnitThatCannotOverflow", "  tne:\n    overflow:|  ed:\n    overflow:", "28:7",
                    "cannot have an overflow route"},
        BadScenario{"UnreachableUnit", "police_custody: 0.6, ed: 0.3|ed: 0.9", "20:5", "never reached"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST_F(CareSystemTest, LoopWithoutTimePassingIsRefused) {
    // Turned away from the TNE to an ED visit that takes no time and leads back to the TNE.
    std::string yaml = tne_scenario;
    yaml.replace(yaml.find("value: 4h"), 9, "value: 0h");
    yaml.replace(yaml.find("costs:"), 0, "  ed:\n    after_stay:\n      all: {tne: 1}\n");
    const auto file = write("loop.yaml", yaml);
    const auto r = testing::run_kapsim("check " + file);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("without any time passing"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(file + ":"), std::string::npos) << r.err;
}

TEST_F(CareSystemTest, PathFromWhichNobodyCanLeaveIsRefused) {
    std::string yaml = tne_scenario;
    yaml.replace(yaml.find("costs:"), 0, "  ed:\n    after_stay:\n      all: {police_custody: 1}\n  police_custody:\n    after_stay:\n      all: {ed: 1}\n");
    const auto file = write("trap.yaml", yaml);
    const auto r = testing::run_kapsim("check " + file);
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("can never leave the system"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace kapsim
