// `kapsim calibrate` with several targets and as many parameters: the rates it finds cover
// the ones theory gives, the targets can be admissions a year, and what cannot be reached is
// said so.
#include <gtest/gtest.h>

#include <fstream>
#include <regex>
#include <string>

#include <fmt/format.h>

#include "app/calibrate_command.hpp"
#include "app/experiment.hpp"
#include "models/input_error.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using testing::run_kapsim;

class CalibrateSeveralTest : public ::testing::Test {
protected:
    void SetUp() override { dir_ = testing::fresh_temp_dir("calibrate-several"); }
    void TearDown() override { fs::remove_all(dir_); }
    std::string write(const std::string& name, const std::string& text) {
        std::ofstream(dir_ / name) << text;
        return (dir_ / name).string();
    }
    fs::path dir_;
};

// Two classes share a pool of 5 places with no queue: short stays (1 day) and long ones (8
// days). Erlang B's blocking is the same for both, so admissions and occupancy follow from the
// two rates: (l1 + l2)(1 - B) a day and (l1 x 1 + l2 x 8)(1 - B) places, with B = B(5, l1 + 8 l2).
constexpr const char* two_classes = R"(
scenario: {name: two-classes, start: 2024-01-01, run_length: 20y, warmup: 30d, replications: 10, seed: 11}
classes:
  short_stay: {arrivals: {rate: 0.6/day}, first_unit: pool}
  long_stay: {arrivals: {rate: 0.5/day}, first_unit: pool}
units:
  pool:
    kind: pool
    capacity: 5
    service:
      - {class: long_stay, distribution: exponential, mean: 8d}
      - {distribution: exponential, mean: 1d}
pathways:
  pool: {overflow: {all: {out: 1}}}
)";

// "  PATH = VALUE/day [LOW, HIGH]" in calibrate's answer.
struct Found {
    double value = 0, low = 0, high = 0;
};
Found found(const std::string& out, const std::string& path) {
    const std::regex line("  " + std::regex_replace(path, std::regex(R"(\.)"), R"(\.)") +
                          R"( = ([0-9.e+-]+)/day \[([0-9.e+-]+), ([0-9.e+-]+)\])");
    std::smatch m;
    if (!std::regex_search(out, m, line)) {
        ADD_FAILURE() << "no line for " << path << " in:\n" << out;
        return {};
    }
    return {std::stod(m[1]), std::stod(m[2]), std::stod(m[3])};
}

TEST_F(CalibrateSeveralTest, TwoRatesFoundFromAdmissionsAndOccupancyCoverTheTheoreticalRates) {
    const auto file = write("two.yaml", two_classes);
    const double l1 = 1.0, l2 = 0.25;  // the rates to find: offered load 3 on 5 places
    const double b = testing::erlang_b(5, l1 * 1 + l2 * 8);
    const double admitted = (l1 + l2) * (1 - b) * sim::days_per_year, occupancy = (l1 * 1 + l2 * 8) * (1 - b);
    const auto r = run_kapsim(fmt::format("calibrate {} --target units.pool.admitted_per_year={} --target "
                                          "units.pool.occupancy_mean={} --vary classes.short_stay.arrivals.rate "
                                          "--param classes.long_stay.arrivals.rate --out {}",
                                          file, admitted, occupancy, (dir_ / "cal").string()));
    ASSERT_EQ(r.exit_code, 0) << r.out << r.err;
    const Found short_stay = found(r.out, "classes.short_stay.arrivals.rate");
    const Found long_stay = found(r.out, "classes.long_stay.arrivals.rate");
    EXPECT_LE(short_stay.low, l1) << r.out;
    EXPECT_GE(short_stay.high, l1) << r.out;
    EXPECT_LE(long_stay.low, l2) << r.out;
    EXPECT_GE(long_stay.high, l2) << r.out;
    // The intervals say something: a few percent, not the whole range searched.
    EXPECT_LT(short_stay.high - short_stay.low, 0.2 * l1) << r.out;
    EXPECT_LT(long_stay.high - long_stay.low, 0.2 * l2) << r.out;
    EXPECT_NE(r.out.find("every target is inside the 95 % interval of its estimate"), std::string::npos) << r.out;
    const std::string csv = testing::read_text(dir_ / "cal/calibrate.csv");
    EXPECT_EQ(csv.substr(0, csv.find('\n')),
              "iteration,classes.short_stay.arrivals.rate,classes.long_stay.arrivals.rate,units.pool.admitted_per_year "
              "mean,units.pool.admitted_per_year ci_low,units.pool.admitted_per_year ci_high,units.pool.occupancy_mean "
              "mean,units.pool.occupancy_mean ci_low,units.pool.occupancy_mean ci_high");
}

TEST_F(CalibrateSeveralTest, TargetsThatCannotBeReachedAreSaidSoWithTheNearestFound) {
    // Occupancy above the 5 places of a pool without a queue cannot be.
    const auto file = write("two.yaml", two_classes);
    const auto r = run_kapsim(fmt::format("calibrate {} --target units.pool.admitted_per_year=400 --target "
                                          "units.pool.occupancy_mean=6 --vary classes.short_stay.arrivals.rate "
                                          "--vary classes.long_stay.arrivals.rate --reps 4 --out {}",
                                          file, (dir_ / "cal").string()));
    EXPECT_EQ(r.exit_code, 2) << r.out << r.err;
    EXPECT_NE(r.err.find("the targets cannot all be reached"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("the nearest found gives"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
    EXPECT_TRUE(fs::exists(dir_ / "cal/calibrate.csv")) << "every value tried is kept";
}

TEST_F(CalibrateSeveralTest, AsManyParametersAsTargetsAreNeeded) {
    const auto file = write("two.yaml", two_classes);
    const auto r = run_kapsim(fmt::format("calibrate {} --target units.pool.admitted_per_year=400 --target "
                                          "units.pool.occupancy_mean=3 --vary classes.short_stay.arrivals.rate",
                                          file));
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_NE(r.err.find("2 targets and 1 parameters to vary"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("hint:"), std::string::npos) << r.err;
    const auto twice = run_kapsim(fmt::format("calibrate {} --target units.pool.admitted_per_year=400 --target "
                                              "units.pool.occupancy_mean=3 --vary classes.short_stay.arrivals.rate "
                                              "--vary classes.short_stay.arrivals.rate",
                                              file));
    EXPECT_EQ(twice.exit_code, 2) << twice.err;
    EXPECT_NE(twice.err.find("named twice"), std::string::npos) << twice.err;
}

TEST_F(CalibrateSeveralTest, AdmittedPerYearOfAWardIsItsAcuteAndPlannedAdmissions) {
    auto s = testing::scenario_from_text(R"(
scenario: {name: ward, start: 2024-01-01, run_length: 2y, replications: 3, seed: 5}
classes:
  acute: {arrivals: {rate: 1/day}, first_unit: ward}
  planned: {arrivals: {rate: 0.3/day}, first_unit: ward}
units:
  ward:
    kind: ward
    beds: 10
    over_occupancy: 2
    length_of_stay: {distribution: exponential, mean: 6d}
    planned: {classes: [planned]}
pathways:
  ward: {overflow: {all: {out: 1}}}
)");
    const auto o = app::run_scenario(std::move(s), 1);
    const auto total = app::metric_values(o, app::parse_metric_path("units.ward.admitted_per_year"));
    const auto acute = app::metric_values(o, app::parse_metric_path("units.ward.acute_admitted_per_year"));
    const auto planned = app::metric_values(o, app::parse_metric_path("units.ward.planned_admitted_per_year"));
    ASSERT_EQ(total.size(), 3u);
    for (std::size_t r = 0; r < total.size(); ++r) EXPECT_DOUBLE_EQ(total[r], acute[r] + planned[r]);
    EXPECT_THROW(app::metric_values(o, app::parse_metric_path("units.ward.admited_per_year")), models::InputError);
}

}  // namespace
}  // namespace kapsim
