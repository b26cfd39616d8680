// Experiments: paired comparisons under common random numbers and capacity curves.
#include <gtest/gtest.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/warmup_command.hpp"
#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::read_text;
using testing::run_kapsim;

// Avdelning 7's shape: acute and planned detox, 9-day stays, summer closure, over-occupancy.
const std::string ward_scenario = R"(
scenario: {name: avd7-13, start: 2021-01-01, run_length: 5y, warmup: 1y, replications: 20, seed: 3}
classes:
  acute_detox: {arrivals: {rate: 1.2/day}, first_unit: avd7}
  planned_detox: {arrivals: {rate: 0.45/day}, first_unit: avd7}
units:
  avd7:
    kind: ward
    beds: 13
    over_occupancy: 3
    length_of_stay: {distribution: lognormal, mean: 9d, sd: 6d}
    planned: {classes: [planned_detox], closed_weeks: [26-32]}
)";

class ExperimentsTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("experiments"); }
    void TearDown() override { std::filesystem::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return (dir_ / name).string();
    }
    static nlohmann::json json(const std::filesystem::path& p) { return nlohmann::json::parse(read_text(p)); }
    std::filesystem::path dir_;
};

std::string without_timestamp(nlohmann::json j) {
    j.erase("created");
    return j.dump();
}

TEST_F(ExperimentsTest, CompareGivesEachVariantExactlyThePlainRunsResults) {
    const auto base = write("avd7-13.yaml", ward_scenario);
    const auto variant = write("avd7-16.yaml", "extends: avd7-13.yaml\nscenario: {name: avd7-16}\nunits: {avd7: {beds: 16}}\n");
    const auto c = run_kapsim("compare " + base + " " + variant + " --reps 6 --out " + (dir_ / "cmp").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    for (const auto& [file, name] : {std::pair{base, "avd7-13"}, std::pair{variant, "avd7-16"}}) {
        const auto r = run_kapsim("run " + file + " --reps 6 --out " + (dir_ / name).string());
        ASSERT_EQ(r.exit_code, 0) << r.err;
        EXPECT_EQ(without_timestamp(json(dir_ / name / "summary.json")),
                  without_timestamp(json(dir_ / "cmp/variants" / name / "summary.json")));
        EXPECT_EQ(read_text(dir_ / name / "replications.csv"), read_text(dir_ / "cmp/variants" / name / "replications.csv"));
    }
    EXPECT_TRUE(std::filesystem::exists(dir_ / "cmp/manifest.json"));
    EXPECT_TRUE(std::filesystem::exists(dir_ / "cmp/compare.csv"));
}

TEST_F(ExperimentsTest, PairedDifferenceOfAVariantAgainstItselfIsExactlyZero) {
    const auto base = write("avd7-13.yaml", ward_scenario);
    const auto c = run_kapsim("compare " + base + " " + base + " --reps 5 --out " + (dir_ / "cmp").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    const auto j = json(dir_ / "cmp/compare.json");
    int checked = 0;
    for (const auto& [section, ids] : j["metrics"]["avd7-13-2"].items())
        for (const auto& [id, metrics] : ids.items())
            for (const auto& [metric, m] : metrics.items()) {
                if (m["difference"]["mean"].is_null()) continue;  // undefined in some replication
                EXPECT_EQ(m["difference"]["mean"].get<double>(), 0.0) << section << "." << id << "." << metric;
                EXPECT_EQ(m["difference"]["sd"].get<double>(), 0.0) << section << "." << id << "." << metric;
                ++checked;
            }
    EXPECT_GT(checked, 10);
}

TEST_F(ExperimentsTest, PairingNarrowsTheIntervalFor13Against16Beds) {
    const auto file = write("avd7.yaml", ward_scenario + "variants:\n  avd7-16: {units.avd7.beds: 16}\n");
    const auto c = run_kapsim("compare " + file + " --out " + (dir_ / "cmp").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.out.find("Pairing: the paired differences vary"), std::string::npos) << c.out;
    const auto j = json(dir_ / "cmp/compare.json");
    for (const char* metric : {"occupancy_pct", "diverted_per_year", "days_above_capacity_per_year"}) {
        const auto& base = j["metrics"]["avd7-13"]["units"]["avd7"][metric];
        const auto& variant = j["metrics"]["avd7-16"]["units"]["avd7"][metric];
        const double n = 20, t = 2.093024;  // t(0.975, 19)
        const double unpaired = t * std::sqrt((std::pow(base["sd"].get<double>(), 2) + std::pow(variant["sd"].get<double>(), 2)) / n);
        const double paired = (variant["difference"]["ci_high"].get<double>() - variant["difference"]["ci_low"].get<double>()) / 2;
        EXPECT_LT(paired, unpaired) << metric;
        EXPECT_GT(variant["variance_reduction"].get<double>(), 1.0) << metric;
    }
}

TEST_F(ExperimentsTest, TurnAwaysNeverRiseWhenCapacityRises) {
    // A loss system under common random numbers, replication by replication.
    const std::string file = testing::source_path("scenarios/validation/erlang-b.yaml");
    for (std::size_t r = 0; r < 10; ++r) {
        double previous = std::numeric_limits<double>::infinity();
        for (int c = 0; c <= 5; ++c) {
            const auto s = models::load_scenario(file, {"units.station.capacity=" + std::to_string(c), "scenario.run_length=2y"});
            const auto keys = models::metric_catalog(s);
            const auto result = models::run_replication(s, r);
            double turned_away = 0;
            for (std::size_t k = 0; k < keys.size(); ++k)
                if (keys[k].metric == "turned_away_per_year") turned_away = result.metrics[k];
            EXPECT_LE(turned_away, previous) << "replication " << r << ", capacity " << c;
            previous = turned_away;
        }
    }
    // And the ward's curve from the command line: diversions fall as beds rise.
    const auto ward = write("avd7.yaml", ward_scenario);
    const auto c = run_kapsim("capacity " + ward + " --unit avd7 --range 12..17 --reps 8 --out " + (dir_ / "cap").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    std::ifstream in(dir_ / "cap/capacity.csv");
    std::string line;
    double previous = std::numeric_limits<double>::infinity();
    int rows = 0;
    while (std::getline(in, line))
        if (line.find(",units,avd7,diverted_per_year,") != std::string::npos) {
            const double mean = std::stod(line.substr(line.find("diverted_per_year,") + 18));
            EXPECT_LE(mean, previous) << line;
            previous = mean;
            ++rows;
        }
    EXPECT_EQ(rows, 6);
}

TEST_F(ExperimentsTest, QuickEstimateFromOneUnlimitedRunAgreesWithErlangB) {
    const auto c = run_kapsim("capacity " + testing::source_path("scenarios/validation/erlang-b.yaml") +
                              " --unit station --range 1..4 --quick --out " + (dir_ / "cap").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.out.find("1 in every"), std::string::npos) << c.out;
    const double load = 700.0 / sim::days_per_year * (8.0 / 24.0);
    std::ifstream in(dir_ / "cap/capacity-quick.csv");
    std::string line;
    std::getline(in, line);  // header
    int rows = 0;
    while (std::getline(in, line)) {
        std::vector<double> v;
        std::stringstream cells(line);
        for (std::string cell; std::getline(cells, cell, ',');) v.push_back(std::stod(cell));
        const int n = static_cast<int>(v[0]);
        const double erlang = testing::erlang_b(n, load);
        EXPECT_LE(v[5], erlang) << "capacity " << n;  // p_delayed_ci_low
        EXPECT_GE(v[6], erlang) << "capacity " << n;  // p_delayed_ci_high
        ++rows;
    }
    EXPECT_EQ(rows, 4);
}

TEST_F(ExperimentsTest, PrecisionAddsReplicationsAndEqualsAPlainRunOfTheFinalCount) {
    const auto file = testing::source_path("scenarios/validation/erlang-c.yaml");
    const auto p = run_kapsim("run " + file + " --reps 4 --precision 0.004 --out " + (dir_ / "p").string());
    ASSERT_EQ(p.exit_code, 0) << p.err;
    EXPECT_NE(p.out.find("reached"), std::string::npos) << p.out;
    const auto j = json(dir_ / "p/summary.json");
    const auto n = j["replications"].get<std::size_t>();
    EXPECT_GT(n, 4u);
    const auto& occ = j["units"]["ward"]["occupancy_mean"];
    EXPECT_LE((occ["ci_high"].get<double>() - occ["ci_low"].get<double>()) / 2, 0.004 * occ["mean"].get<double>());
    const auto plain = run_kapsim("run " + file + " --reps " + std::to_string(n) + " --out " + (dir_ / "plain").string());
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(without_timestamp(j), without_timestamp(json(dir_ / "plain/summary.json")));
}

// Alternatives under --precision: every one ends with the same count (the most any needed),
// each within the goal, and the whole comparison equals a plain compare with that count.
TEST_F(ExperimentsTest, ComparePrecisionRunsEveryAlternativeToTheSameCountAndEqualsAPlainCompare) {
    const auto base = write("avd7-13.yaml", ward_scenario);
    const auto variant = write("avd7-16.yaml", "extends: avd7-13.yaml\nscenario: {name: avd7-16}\nunits: {avd7: {beds: 16}}\n");
    const std::string watched = " --metric units.avd7.occupancy_mean";
    const auto p = run_kapsim("compare " + base + " " + variant + " --reps 3 --precision 0.005" + watched + " --out " +
                              (dir_ / "p").string());
    ASSERT_EQ(p.exit_code, 0) << p.err;
    EXPECT_NE(p.out.find("goal 0.5 % reached"), std::string::npos) << p.out;
    const auto j = json(dir_ / "p/compare.json");
    const auto n = j["replications"].get<std::size_t>();
    EXPECT_GT(n, 3u);
    for (const char* name : {"avd7-13", "avd7-16"}) {
        const auto& occupancy = j["metrics"][name]["units"]["avd7"]["occupancy_mean"];
        EXPECT_EQ(occupancy["n"].get<std::size_t>(), n);
        EXPECT_LE((occupancy["ci_high"].get<double>() - occupancy["ci_low"].get<double>()) / 2,
                  0.005 * occupancy["mean"].get<double>())
            << name;
    }
    const auto plain = run_kapsim("compare " + base + " " + variant + " --reps " + std::to_string(n) + " --out " +
                                  (dir_ / "plain").string());
    ASSERT_EQ(plain.exit_code, 0) << plain.err;
    EXPECT_EQ(read_text(dir_ / "p/compare.csv"), read_text(dir_ / "plain/compare.csv"));

    const auto c = run_kapsim("capacity " + base + " --unit avd7 --range 13..14 --reps 3 --precision 0.005" + watched +
                              " --out " + (dir_ / "c").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_NE(c.out.find("goal 0.5 % reached"), std::string::npos) << c.out;
}

// --json puts the results on stdout for scripts, and nothing else there: compare prints
// compare.json, capacity its curve with one point per capacity.
TEST_F(ExperimentsTest, JsonOnStdoutIsTheResultAndNothingElse) {
    const auto base = write("avd7-13.yaml", ward_scenario);
    const auto variant = write("avd7-16.yaml", "extends: avd7-13.yaml\nscenario: {name: avd7-16}\nunits: {avd7: {beds: 16}}\n");
    const auto c = run_kapsim("compare " + base + " " + variant + " --reps 3 --json --out " + (dir_ / "c").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    EXPECT_EQ(nlohmann::json::parse(c.out), json(dir_ / "c/compare.json"));
    const auto k = run_kapsim("capacity " + base + " --unit avd7 --range 12..14 --reps 3 --quick --json --out " +
                              (dir_ / "k").string());
    ASSERT_EQ(k.exit_code, 0) << k.err;
    const auto curve = nlohmann::json::parse(k.out);
    ASSERT_EQ(curve["points"].size(), 3u);
    EXPECT_EQ(curve["unit"], "avd7");
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(curve["points"][i]["capacity"], 12 + i);
        EXPECT_EQ(curve["points"][i]["units"]["avd7"]["occupancy_mean"]["n"], 3);
        EXPECT_EQ(curve["quick_estimate"][i]["capacity"], 12 + i);
    }
}

TEST(WelchTest, MovingAverageUsesShorterWindowsAtTheStart) {
    const auto m = app::welch_moving_average({1, 2, 3, 4, 5, 6, 7}, 2);
    ASSERT_EQ(m.size(), 5u);  // the last two points have no full window
    EXPECT_DOUBLE_EQ(m[0], 1.0);
    EXPECT_DOUBLE_EQ(m[1], 2.0);  // (1 + 2 + 3) / 3
    EXPECT_DOUBLE_EQ(m[2], 3.0);  // (1 + ... + 5) / 5
    EXPECT_DOUBLE_EQ(m[4], 5.0);  // (3 + ... + 7) / 5
}

TEST_F(ExperimentsTest, WarmupShowsTheClimbFromEmpty) {
    const auto w = run_kapsim("warmup " + testing::source_path("scenarios/validation/erlang-c.yaml") +
                              " --set scenario.run_length=3y --reps 10 --out " + (dir_ / "w").string());
    ASSERT_EQ(w.exit_code, 0) << w.err;
    std::ifstream in(dir_ / "w/warmup.csv");
    std::string line;
    std::getline(in, line);
    EXPECT_EQ(line, "unit,day,mean_occupancy,moving_average");
    std::vector<double> mean;
    while (std::getline(in, line)) {
        std::stringstream cells(line);
        std::string unit, day, value;
        std::getline(cells, unit, ',');
        std::getline(cells, day, ',');
        std::getline(cells, value, ',');
        mean.push_back(std::stod(value));
    }
    ASSERT_GT(mean.size(), 1000u);
    EXPECT_LT(mean.front(), 3.0) << "replications start empty";
    double late = 0;
    for (std::size_t d = mean.size() - 365; d < mean.size(); ++d) late += mean[d] / 365;
    EXPECT_NEAR(late, 14.85, 0.8) << "and climb to the offered load";
    EXPECT_TRUE(std::filesystem::exists(dir_ / "w/manifest.json"));
}

TEST_F(ExperimentsTest, CalibrateRecoversAKnownArrivalRateFromTheOccupancyItProduces) {
    const auto file = write("synthetic.yaml", R"(
scenario: {name: synthetic, start: 2024-01-01, run_length: 10y, warmup: 1y, replications: 20, seed: 9}
classes:
  patients: {arrivals: {rate: 1.65/day}, first_unit: ward}
units:
  ward: {kind: pool, capacity: 20, queue: fifo, service: {distribution: lognormal, mean: 9d, sd: 6d}}
)");
    // The occupancy the known rate produces ...
    const auto run = run_kapsim("run " + file + " --out " + (dir_ / "truth").string());
    ASSERT_EQ(run.exit_code, 0) << run.err;
    const double occupancy = json(dir_ / "truth/summary.json")["units"]["ward"]["occupancy_mean"]["mean"].get<double>();
    // ... is the target for a search that starts from a wrong rate.
    const auto c = run_kapsim("calibrate " + file + fmt::format(" --target units.ward.occupancy_mean={}", occupancy) +
                              " --vary classes.patients.arrivals.rate --set classes.patients.arrivals.rate=1.0/day --out " +
                              (dir_ / "cal").string());
    ASSERT_EQ(c.exit_code, 0) << c.err;
    const auto at = c.out.find("classes.patients.arrivals.rate = ");
    ASSERT_NE(at, std::string::npos) << c.out;
    const double found = std::stod(c.out.substr(at + 33));
    EXPECT_NEAR(found, 1.65, 0.02 * 1.65) << c.out;
    EXPECT_TRUE(std::filesystem::exists(dir_ / "cal/calibrate.csv"));
    // Months select a seasonal figure; an unreachable target is refused with a hint.
    const auto months = run_kapsim("calibrate " + file + " --target units.ward.occupancy_pct[3-5]=500 --vary "
                                   "classes.patients.arrivals.rate --bracket 1..2 --reps 4");
    EXPECT_EQ(months.exit_code, 2) << months.err;
    EXPECT_NE(months.err.find("hint:"), std::string::npos) << months.err;
}

TEST_F(ExperimentsTest, BadCapacityRequestsAreRefused) {
    const auto file = testing::source_path("scenarios/validation/erlang-b.yaml");
    EXPECT_EQ(run_kapsim("capacity " + file + " --unit nowhere --range 1..3").exit_code, 2);
    EXPECT_EQ(run_kapsim("capacity " + file + " --unit station --range 3..1").exit_code, 2);
    const auto one = run_kapsim("compare " + file);
    EXPECT_EQ(one.exit_code, 2);
    EXPECT_NE(one.err.find("hint:"), std::string::npos) << one.err;
}

}  // namespace
}  // namespace kapsim
