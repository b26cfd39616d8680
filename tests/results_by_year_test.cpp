// Results by calendar year: each year of a stationary queue agrees with theory, the years add
// up to the whole period (counts sum, time averages split exactly at 1 January), the year
// ends are those of runs cut there, and a run of a year or less has none. The whole-period
// results do not change when the years are asked for.
#include <algorithm>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "app/experiment.hpp"
#include "app/work_estimate.hpp"
#include "models/care_system.hpp"
#include "models/observed_years.hpp"
#include "models/prepared_scenario.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::source_path;

std::size_t metric_index(const std::vector<models::MetricKey>& keys, const std::string& id, const std::string& metric) {
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (keys[k].id == id && keys[k].metric == metric) return k;
    ADD_FAILURE() << "no metric " << id << "." << metric;
    return 0;
}

TEST(ResultsByYearTest, ErlangBYearsEachAgreeWithTheoryAndAddUpToTheWholePeriod) {
    auto scenario = models::load_scenario(source_path("scenarios/validation/erlang-b.yaml"), {"scenario.run_length=5y"});
    const auto out = app::run_scenario(scenario, 0, nullptr, true);
    // From 31 January 2024 (after 30 days of warm-up) to the horizon early in 2029.
    ASSERT_EQ(out.years.size(), 6u);
    EXPECT_EQ(out.years.front().year, 2024);
    EXPECT_DOUBLE_EQ(out.years.front().days(), 366 - 30);
    EXPECT_EQ(out.years.back().year, 2029);
    EXPECT_DOUBLE_EQ(out.years[2].days(), 365);

    const double load = 700.0 / sim::days_per_year * (8.0 / 24.0);
    const double blocking = testing::erlang_b(2, load);
    const auto blocked = metric_index(out.keys, "station", "p_turned_away");
    const auto busy = metric_index(out.keys, "station", "occupancy_mean");
    const auto arrivals = metric_index(out.keys, "station", "arrivals_per_year");
    const auto turned_away = metric_index(out.keys, "station", "turned_away_per_year");
    for (std::size_t y = 0; y < out.years.size(); ++y) {
        SCOPED_TRACE(out.years[y].year);
        testing::expect_covers(out.by_year[y][blocked].estimate, blocking, "P(blocked) in the year");
        testing::expect_covers(out.by_year[y][busy].estimate, load * (1 - blocking), "mean busy in the year");
        EXPECT_LE(out.by_year[y][busy].p05, out.by_year[y][busy].p25);
        EXPECT_LE(out.by_year[y][busy].p25, out.by_year[y][busy].p75);
        EXPECT_LE(out.by_year[y][busy].p75, out.by_year[y][busy].p95);
    }

    const double total_days = scenario.run_length_days;
    double weighted_mean = 0;
    for (std::size_t y = 0; y < out.years.size(); ++y)
        weighted_mean += out.by_year[y][busy].estimate.mean * out.years[y].days() / total_days;
    EXPECT_NEAR(weighted_mean, out.estimates[busy].mean, 1e-12 * out.estimates[busy].mean);

    for (const auto& rep : out.replications) {
        ASSERT_EQ(rep.by_year.size(), out.years.size());
        double area = 0, came = 0, lost = 0;
        for (std::size_t y = 0; y < out.years.size(); ++y) {
            const double years = out.years[y].days() / sim::days_per_year;
            area += rep.by_year[y].metrics[busy] * out.years[y].days();
            came += rep.by_year[y].metrics[arrivals] * years;
            lost += rep.by_year[y].metrics[turned_away] * years;
            // A count per year is a whole number of people in the year.
            EXPECT_NEAR(rep.by_year[y].metrics[arrivals] * years, std::round(rep.by_year[y].metrics[arrivals] * years), 1e-6);
        }
        const double whole_years = total_days / sim::days_per_year;
        EXPECT_NEAR(area, rep.metrics[busy] * total_days, 1e-9 * area);
        EXPECT_NEAR(came, rep.metrics[arrivals] * whole_years, 1e-6);
        EXPECT_NEAR(lost, rep.metrics[turned_away] * whole_years, 1e-6);
    }
}

// Ten people enrolled on 1 July 2024 who each stay exactly 365 days, and nobody else: the
// enrolled are 10 for the 184 days of 2024, 10 for the first 181 days of 2025, then none.
TEST(ResultsByYearTest, ATimeWeightedMeanSplitsExactlyAtNewYear) {
    const auto scenario = testing::scenario_from_text(R"(
scenario: {name: split, start: 2024-07-01, run_length: 2y, replications: 2, seed: 1}
classes:
  people: {arrivals: {rate: 0/year}, first_unit: team}
units:
  team:
    kind: slots
    capacity: unlimited
    enrolment: {distribution: fixed, value: 365d}
    today:
      census:
        - {elapsed: 0d, count: 10}
)",
                                                      "split");
    const auto out = app::run_scenario(scenario, 1, nullptr, true);
    ASSERT_EQ(out.years.size(), 3u);
    const auto enrolled = metric_index(out.keys, "team", "enrolled_mean");
    const auto at_end = metric_index(out.keys, "team", "enrolled_end");
    EXPECT_EQ(out.years[0].days(), 184);
    EXPECT_EQ(out.years[1].days(), 365);
    EXPECT_EQ(out.years[2].days(), 181.5);  // to noon on 1 July 2026: two years of 365.25 days
    EXPECT_EQ(out.by_year[0][enrolled].estimate.mean, 10);
    EXPECT_DOUBLE_EQ(out.by_year[1][enrolled].estimate.mean, 10.0 * 181 / 365);
    EXPECT_EQ(out.by_year[2][enrolled].estimate.mean, 0);
    EXPECT_EQ(out.by_year[0][at_end].estimate.mean, 10);
    EXPECT_EQ(out.by_year[1][at_end].estimate.mean, 0);
    EXPECT_DOUBLE_EQ(out.estimates[enrolled].mean, 10.0 * 365 / 730.5);
}

// The LARO question of the README, the enrolled and waiting at each year end, once asked with a
// run per year end: the years of one run give exactly the same numbers, replication by
// replication, where a run cut earlier follows the same path. (With growth it does not: the
// bound the arrivals are thinned from is the rate at the horizon, so each run length draws its
// own arrivals; then only the last year end is the run's own, exactly.)
TEST(ResultsByYearTest, YearEndsEqualRunsCutAtEachNewYear) {
    const auto laro = source_path("scenarios/jamtland/laro.yaml");
    for (const char* growth : {"1.0", "1.6"}) {
        const std::vector<std::string> limited{"scenario.replications=4", "units.laro.capacity=100",
                                               fmt::format("classes.opioid_dependence.arrivals.growth={}", growth)};
        const auto scenario = models::load_scenario(laro, limited);
        const models::PreparedScenario prepared(scenario);
        const auto keys = models::metric_catalog(scenario);
        ASSERT_EQ(prepared.years.size(), 7u);  // 2022-2027 and half a day of 2028
        models::ReplicationOptions options;
        options.by_year = true;
        const bool steady = std::string(growth) == "1.0";
        for (std::size_t r = 0; r < scenario.replications; ++r) {
            const auto whole = models::run_replication(prepared, r, options);
            for (std::size_t y = steady ? 0 : 6; y < prepared.years.size(); ++y) {
                auto cut_overrides = limited;
                cut_overrides.push_back(fmt::format("scenario.run_length={}d", prepared.years[y].to));
                const auto cut = models::run_replication(models::load_scenario(laro, cut_overrides), r);
                for (const char* metric : {"enrolled_end", "waiting_end"}) {
                    SCOPED_TRACE(fmt::format("growth {} replication {} year {} {}", growth, r, prepared.years[y].year, metric));
                    const auto k = metric_index(keys, "laro", metric);
                    EXPECT_EQ(whole.by_year[y].metrics[k], cut.metrics[k]);
                    EXPECT_EQ(whole.by_year.back().metrics[k], whole.metrics[k]);
                }
            }
        }
    }
}

TEST(ResultsByYearTest, WholePeriodResultsAreTheSameWithOrWithoutTheYearsAndCostsAddUp) {
    const auto scenario = models::load_scenario(source_path("scenarios/vasternorrland/avd7-13.yaml"),
                                                {"scenario.run_length=3y", "scenario.replications=2"});
    const models::PreparedScenario prepared(scenario);
    const auto keys = models::metric_catalog(scenario);
    models::ReplicationOptions with_years;
    with_years.by_year = true;
    for (std::size_t r = 0; r < 2; ++r) {
        const auto plain = models::run_replication(prepared, r);
        const auto yearly = models::run_replication(prepared, r, with_years);
        EXPECT_TRUE(plain.by_year.empty());
        ASSERT_EQ(yearly.by_year.size(), prepared.years.size());
        ASSERT_EQ(plain.metrics.size(), yearly.metrics.size());
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (!std::isnan(plain.metrics[k])) {
                EXPECT_EQ(plain.metrics[k], yearly.metrics[k]) << keys[k].id << "." << keys[k].metric;
            }
        // Every krona of the period is booked to one year, a stay under way for its days in each.
        for (std::size_t k = 0; k < keys.size(); ++k) {
            if (keys[k].metric != "cost_per_year" && keys[k].metric.find("days_per_year") == std::string::npos) continue;
            double sum = 0;
            for (std::size_t y = 0; y < prepared.years.size(); ++y)
                sum += yearly.by_year[y].metrics[k] * prepared.years[y].days();
            SCOPED_TRACE(keys[k].section + "." + keys[k].id + "." + keys[k].metric);
            EXPECT_NEAR(sum, plain.metrics[k] * scenario.run_length_days, 1e-9 * std::abs(sum) + 1e-6);
        }
    }
}

TEST(ResultsByYearTest, ARunOfAYearOrLessHasNoResultsByYear) {
    const auto file = source_path("scenarios/validation/erlang-b.yaml");
    for (const char* length : {"1y", "366d", "6mo"})
        EXPECT_TRUE(models::observed_years(models::load_scenario(file, {fmt::format("scenario.run_length={}", length)})).empty())
            << length;
    EXPECT_EQ(models::observed_years(models::load_scenario(file, {"scenario.run_length=367d"})).size(), 2u);

    const auto dir = testing::fresh_temp_dir("by-year");
    const auto one = testing::run_kapsim("run " + file + " --set scenario.run_length=1y --reps 2 --out " + (dir / "one").string());
    ASSERT_EQ(one.exit_code, 0) << one.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "one" / "summary_by_year.csv"));
    EXPECT_FALSE(std::filesystem::exists(dir / "one" / "replications_by_year.csv"));
    EXPECT_FALSE(std::filesystem::exists(dir / "one" / "occupancy_by_run_month.csv"));
    const auto j = nlohmann::json::parse(testing::read_text(dir / "one" / "summary.json"));
    EXPECT_FALSE(j.contains("years"));
    EXPECT_FALSE(j["units"]["station"]["occupancy_mean"].contains("by_year"));

    const auto two = testing::run_kapsim("run " + file + " --set scenario.run_length=2y --reps 2 --by-year --out " +
                                         (dir / "two").string());
    ASSERT_EQ(two.exit_code, 0) << two.err;
    const auto j2 = nlohmann::json::parse(testing::read_text(dir / "two" / "summary.json"));
    ASSERT_EQ(j2["years"].size(), 3u);
    const auto& first = j2["units"]["station"]["occupancy_mean"]["by_year"][0];
    for (const char* field : {"year", "days", "mean", "sd", "ci_low", "ci_high", "n", "p05", "p25", "p75", "p95"})
        EXPECT_TRUE(first.contains(field)) << field;
    EXPECT_EQ(first["year"], 2024);
    const auto by_year = testing::read_text(dir / "two" / "summary_by_year.csv");
    EXPECT_NE(by_year.find("\nsection,id,metric,year,days,mean,sd,ci_low,ci_high,n,p05,p25,p75,p95\n"), std::string::npos);
    EXPECT_NE(by_year.find("\nunits,station,occupancy_mean,2025,365,"), std::string::npos);
    const auto reps = testing::read_text(dir / "two" / "replications_by_year.csv");
    EXPECT_NE(reps.find("\nreplication,section,id,metric,year,days,value\n"), std::string::npos);
    // Occupancy month by month of the run, from 31 January 2024 to noon on 30 January 2026:
    // whole days only, so 29 of January 2026.
    const auto months = testing::read_text(dir / "two" / "occupancy_by_run_month.csv");
    EXPECT_NE(months.find("\nstation,2024-01,1,"), std::string::npos);
    EXPECT_NE(months.find("\nstation,2024-02,29,"), std::string::npos);
    EXPECT_NE(months.find("\nstation,2026-01,29,"), std::string::npos);
    EXPECT_EQ(months.find("\nstation,2026-02,"), std::string::npos);
    // A scenario that does not change through time gets no years unless asked: they would be
    // noise around the same value, at the price of a second pass.
    const auto plain = testing::run_kapsim("run " + file + " --set scenario.run_length=2y --reps 2 --out " +
                                           (dir / "plain").string());
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "plain" / "summary_by_year.csv"));
    EXPECT_EQ(testing::read_text(dir / "plain" / "summary.csv"), testing::read_text(dir / "two" / "summary.csv"));
    // One that grows gets them by default.
    const auto growing = testing::run_kapsim("run " + file + " --set scenario.run_length=2y --set classes.callers.arrivals.growth=1.1 "
                                             "--reps 2 --out " + (dir / "growing").string());
    ASSERT_EQ(growing.exit_code, 0) << growing.err;
    EXPECT_TRUE(std::filesystem::exists(dir / "growing" / "summary_by_year.csv"));
    const auto growing_whole = testing::run_kapsim("run " + file + " --set scenario.run_length=2y --set classes.callers.arrivals.growth=1.1 "
                                                   "--reps 2 --whole-period --out " + (dir / "growing-whole").string());
    ASSERT_EQ(growing_whole.exit_code, 0) << growing_whole.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "growing-whole" / "summary_by_year.csv"));
    // --whole-period leaves the years out, and with them their second pass.
    const auto whole = testing::run_kapsim("run " + file + " --set scenario.run_length=2y --reps 2 --whole-period --out " +
                                           (dir / "whole").string());
    ASSERT_EQ(whole.exit_code, 0) << whole.err;
    EXPECT_FALSE(std::filesystem::exists(dir / "whole" / "summary_by_year.csv"));
    EXPECT_EQ(testing::read_text(dir / "whole" / "summary.csv"), testing::read_text(dir / "two" / "summary.csv"));
    // The whole-period tables keep their columns.
    EXPECT_NE(testing::read_text(dir / "two" / "summary.csv").find("\nsection,id,metric,mean,sd,ci_low,ci_high,n\n"),
              std::string::npos);
    std::filesystem::remove_all(dir);
}

// compare with years: each year's paired difference between two capacities covers Erlang B's
// difference for that year, and is the mean of the replications' own differences in that year.
TEST(ResultsByYearTest, CompareGivesEachYearsPairedDifferenceAsTheoryAndTheReplicationsGiveIt) {
    const auto dir = testing::fresh_temp_dir("by-year-compare");
    const auto file = source_path("scenarios/validation/erlang-b.yaml");
    {
        std::ofstream three(dir / "three.yaml");
        three << "extends: " << file << "\nscenario: {name: three}\nunits: {station: {capacity: 3}}\n";
    }
    const auto r = testing::run_kapsim("compare " + file + " " + (dir / "three.yaml").string() +
                                       " --set scenario.run_length=4y --reps 60 --by-year --quiet --out " + (dir / "out").string());
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto j = nlohmann::json::parse(testing::read_text(dir / "out" / "compare.json"));
    const auto& years = j["metrics"]["three"]["units"]["station"]["p_turned_away"]["by_year"];
    ASSERT_EQ(years.size(), 5u);  // 2024 (from 31 January) .. 2028 (to 30 January)
    const double a = 700.0 / sim::days_per_year * (8.0 / 24.0);
    const double theory = testing::erlang_b(3, a) - testing::erlang_b(2, a);
    // The replications' values by year, to pair by hand.
    const auto by_rep = [&](const std::string& variant) {
        std::map<std::pair<int, int>, double> values;  // (year, replication) -> value
        std::ifstream in(dir / "out" / "variants" / variant / "replications_by_year.csv");
        std::string line;
        while (std::getline(in, line)) {
            if (line.find(",units,station,p_turned_away,") == std::string::npos) continue;
            std::vector<std::string> cells;
            std::stringstream row(line);
            for (std::string cell; std::getline(row, cell, ',');) cells.push_back(cell);
            values[{std::stoi(cells[4]), std::stoi(cells[0])}] = std::stod(cells[6]);
        }
        return values;
    };
    const auto base = by_rep("erlang-b"), three = by_rep("three");
    for (const auto& year : years) {
        SCOPED_TRACE(year["year"].get<int>());
        ASSERT_TRUE(year.contains("difference"));
        const auto& d = year["difference"];
        if (year["days"].get<double>() >= 365) {
            const sim::Estimate e{d["mean"], d["sd"], d["ci_low"], d["ci_high"], d["n"]};
            testing::expect_covers(e, theory, "the year's paired difference in P(turned away)");
        }
        double sum = 0;
        int n = 0;
        for (const auto& [key, value] : three)
            if (key.first == year["year"].get<int>()) sum += value - base.at(key), ++n;
        ASSERT_EQ(n, 60);
        EXPECT_NEAR(d["mean"].get<double>(), sum / n, 1e-9);
    }
    // The same in compare_by_year.csv, a row a year and variant.
    const auto csv = testing::read_text(dir / "out" / "compare_by_year.csv");
    EXPECT_EQ(csv.rfind("variant,section,id,metric,year,days,mean,sd,ci_low,ci_high,n,diff_mean,diff_sd,diff_ci_low,diff_ci_high\n", 0), 0u);
    EXPECT_NE(csv.find("\nthree,units,station,p_turned_away,2025,365,"), std::string::npos);
    std::filesystem::remove_all(dir);
}

// The report reads the years from summary.json; years edited into something kapsim does not
// write are refused with the place named, as every other value is.
TEST(ResultsByYearTest, ReportRefusesYearsThatAreNotWhatKapsimWrites) {
    const auto dir = testing::fresh_temp_dir("by-year-tampered");
    const auto run = testing::run_kapsim("run " + source_path("scenarios/validation/erlang-b.yaml") +
                                         " --set scenario.run_length=2y --reps 2 --by-year --out " + (dir / "run").string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const auto report = testing::run_kapsim("report " + (dir / "run").string());
    ASSERT_EQ(report.exit_code, 0) << report.err;
    const auto html = testing::read_text(dir / "run" / "report-sv.html");
    EXPECT_NE(html.find("År för år"), std::string::npos);

    auto summary = nlohmann::json::parse(testing::read_text(dir / "run" / "summary.json"));
    summary["units"]["station"]["occupancy_mean"]["by_year"][1]["year"] = "2025";
    std::ofstream(dir / "run" / "summary.json") << summary.dump();
    const auto refused = testing::run_kapsim("report " + (dir / "run").string());
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
    EXPECT_NE(refused.err.find("'/units/station/occupancy_mean/by_year/1/year' is a string"), std::string::npos) << refused.err;
    EXPECT_NE(refused.err.find("hint:"), std::string::npos) << refused.err;
    std::filesystem::remove_all(dir);
}

// The limits of work count the pass by year: twice the events of a run longer than a year,
// and its years' values in memory; nothing for a run of a year.
TEST(ResultsByYearTest, TheWorkEstimateCountsThePassByYear) {
    const auto file = source_path("scenarios/validation/erlang-b.yaml");
    for (const char* length : {"1y", "5y"}) {
        const auto scenario = models::load_scenario(file, {fmt::format("scenario.run_length={}", length)});
        app::WorkTotal plain, with_years;
        plain.add(scenario, 10);
        with_years.add(scenario, 10);
        with_years.add_years(scenario, 10);
        const bool years = std::string(length) == "5y";
        EXPECT_EQ(with_years.events(), (years ? 2 : 1) * plain.events()) << length;
        EXPECT_EQ(with_years.bytes(1) > plain.bytes(1), years) << length;
    }
}

}  // namespace
}  // namespace kapsim
