// One contract every registered unit kind keeps, run over the registry as ns-3 runs one suite
// over every scheduler: its example scenario loads and runs, every metric it declares is
// written once with an identity, Little's law holds between its admissions, stays and
// occupancy, its capacity changes no arrival time (common random numbers), and 1 and 2
// threads give bitwise the same results. A new kind is tested by being registered.
#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <fstream>
#include <optional>

#include <fmt/format.h>
#include <set>

#include "app/experiment.hpp"
#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_base.hpp"
#include "models/unit_kinds.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using models::MetricRole;

models::Scenario example(const models::UnitKind& kind, const std::vector<std::string>& overrides = {}) {
    return testing::scenario_from_text(std::string(kind.example), "contract-" + std::string(kind.name), overrides);
}

std::string kind_name(const ::testing::TestParamInfo<const models::UnitKind*>& info) {
    return std::string(info.param->name);
}

class UnitKindContract : public ::testing::TestWithParam<const models::UnitKind*> {
protected:
    const models::UnitKind& kind() const { return *GetParam(); }
    std::string unit() const { return std::string(kind().name); }
};

std::vector<const models::UnitKind*> every_kind() {
    std::vector<const models::UnitKind*> kinds;
    for (const auto& k : models::unit_kinds()) kinds.push_back(&k);
    return kinds;
}

TEST_P(UnitKindContract, ExampleHasAUnitOfTheKindNamedLikeIt) {
    ASSERT_FALSE(kind().example.empty()) << kind().name << " has no example scenario";
    const auto s = example(kind());
    bool found = false;
    for (const auto& u : s.units) found = found || (u.id == unit() && u.kind == kind().name);
    EXPECT_TRUE(found) << "the example of " << kind().name << " needs a unit '" << kind().name << "' of that kind";
}

TEST_P(UnitKindContract, DeclaresEveryMetricOnceWithLabelsAndOneOccupancy) {
    const auto s = example(kind());
    const auto keys = models::metric_catalog(s);
    std::set<std::string> ids;
    int occupancy = 0;
    for (const auto& k : keys) {
        if (k.section != "units" || k.id != unit()) continue;
        EXPECT_EQ(k.metric, k.spec.id);
        EXPECT_TRUE(ids.insert(k.metric).second) << k.metric << " declared twice";
        EXPECT_FALSE(k.spec.label_en.empty()) << k.metric;
        EXPECT_FALSE(k.spec.label_sv.empty()) << k.metric;
        occupancy += k.spec.role == MetricRole::occupancy;
    }
    EXPECT_EQ(occupancy, 1) << "--precision watches the one occupancy metric of every unit";
    // A replication writes exactly what is declared (a miss or a second write throws).
    const auto r = models::run_replication(s, 0);
    EXPECT_EQ(r.metrics.size(), keys.size());
}

// Little's law, L = lambda W, replication by replication: the time-average number at the unit
// against the admissions per year times the mean stay. Edge effects of a 20-year window are
// far below the interval.
TEST_P(UnitKindContract, LittlesLawHoldsBetweenAdmissionsStayAndOccupancy) {
    const auto s = example(kind());
    const auto keys = models::metric_catalog(s);
    const auto run = app::run_scenario(s, 0);
    std::vector<double> gap;
    double occupancy_mean = 0;
    for (const auto& rep : run.replications) {
        double admissions = 0, stay_days = std::nan(""), occupancy = std::nan("");
        for (std::size_t k = 0; k < keys.size(); ++k) {
            const auto& key = keys[k];
            if (key.section != "units" || key.id != unit()) continue;
            const double v = rep.metrics[k];
            if (key.spec.role == MetricRole::admissions) admissions += v;
            if (key.spec.role == MetricRole::stay && std::isnan(stay_days))
                stay_days = key.spec.unit == models::MetricUnit::hours ? v / 24 : v;
            if (key.spec.role == MetricRole::occupancy) occupancy = v;
        }
        ASSERT_TRUE(std::isfinite(stay_days)) << kind().name << " declares no stay metric";
        gap.push_back(occupancy - admissions / sim::days_per_year * stay_days);
        occupancy_mean += occupancy / static_cast<double>(run.replications.size());
    }
    const auto e = sim::estimate_mean(gap, 0.99);
    EXPECT_LE(std::abs(e.mean), e.half_width() + 0.005 * occupancy_mean)
        << kind().name << ": L - lambda W = " << e.mean << " +- " << e.half_width() << " on L = " << occupancy_mean;
}

TEST_P(UnitKindContract, CapacityChangesNoArrivalTime) {
    if (kind().capacity_key.empty()) GTEST_SKIP() << kind().name << " has no capacity to vary";
    const auto key = "units." + unit() + "." + std::string(kind().capacity_key);
    const auto small = example(kind(), {key + "=1"});
    const auto large = example(kind(), {key + "=50"});
    models::ReplicationOptions trace;
    trace.record_arrivals = true;
    for (std::size_t r = 0; r < 2; ++r) {
        const auto a = models::run_replication(small, r, trace);
        const auto b = models::run_replication(large, r, trace);
        ASSERT_FALSE(a.arrival_times.empty());
        EXPECT_EQ(a.arrival_times, b.arrival_times) << kind().name << ", replication " << r;
        EXPECT_NE(a.metrics, b.metrics) << "the capacity should matter in the example of " << kind().name;
    }
}

TEST_P(UnitKindContract, OneAndTwoThreadsGiveBitwiseTheSameResults) {
    auto s = example(kind());
    s.replications = 4;
    const auto one = app::run_scenario(s, 1);
    const auto two = app::run_scenario(s, 2);
    ASSERT_EQ(one.replications.size(), two.replications.size());
    for (std::size_t r = 0; r < one.replications.size(); ++r) {
        // Compared as bytes, so that NaN equals NaN and -0 differs from 0.
        const auto& a = one.replications[r].metrics;
        const auto& b = two.replications[r].metrics;
        ASSERT_EQ(a.size(), b.size());
        EXPECT_EQ(0, std::memcmp(a.data(), b.data(), a.size() * sizeof(double))) << "replication " << r;
        EXPECT_EQ(one.replications[r].occupancy_distribution, two.replications[r].occupancy_distribution);
    }
}

// Every kind can start from today: people staying at the start take their places from time 0
// (with room enough that they change nobody's admission), so the first day holds more people
// than without them; where the kind lets a class wait, people on the list at the start are
// admitted to the free places at once; where it does not, a waiting list is refused.
TEST_P(UnitKindContract, AcceptsAStartingCensusAndAWaitingListWhereItsPeopleWait) {
    std::vector<std::string> room;
    if (!kind().capacity_key.empty()) room.push_back("units." + unit() + "." + std::string(kind().capacity_key) + "=50");
    const auto base = example(kind(), room);
    std::size_t u = 0;
    while (base.units[u].id != unit()) ++u;
    const auto classes = models::classes_by_unit(base)[u];
    ASSERT_FALSE(classes.empty());
    const std::string& who = base.classes[classes.front()].id;
    models::ReplicationOptions daily;
    daily.record_daily = true;
    const auto first_day = [&](const models::Scenario& s) { return models::run_replication(s, 0, daily).daily_occupancy[u][0]; };

    auto with_census = room;
    with_census.push_back(fmt::format("units.{}.today={{census: [{{class: {}, elapsed: 1h, count: 5}}]}}", unit(), who));
    const auto census = example(kind(), with_census);
    EXPECT_TRUE(census.starts_from_today());
    EXPECT_GT(first_day(census), first_day(base)) << kind().name;

    std::optional<std::size_t> waits;
    for (const std::size_t c : classes)
        if (!waits && kind().waiting_line && kind().waiting_line(base.units[u].parameters, c).waits) waits = c;
    auto with_list = room;
    with_list.push_back(fmt::format("units.{}.today={{waiting: [{{class: {}, waited: 2d, count: 5}}]}}", unit(),
                                    base.classes[waits.value_or(classes.front())].id));
    if (!waits) {
        EXPECT_THROW(example(kind(), with_list), models::InputError) << kind().name << " has nobody waiting";
        return;
    }
    EXPECT_GT(first_day(example(kind(), with_list)), first_day(base)) << kind().name << ": admitted from the list at once";
}

INSTANTIATE_TEST_SUITE_P(EveryRegisteredKind, UnitKindContract, ::testing::ValuesIn(every_kind()), kind_name);

}  // namespace
}  // namespace kapsim

namespace kapsim {
namespace {

const std::vector<models::MetricSpec> two_metrics{
    {"arrivals_per_year", models::MetricRole::arrivals, models::MetricUnit::per_year, "arrivals", "ankomster"},
    {"occupancy_mean", models::MetricRole::occupancy, models::MetricUnit::persons, "mean occupancy", "beläggning"}};

TEST(MetricSheetTest, ValuesComeInTheDeclaredOrderWhateverTheOrderWritten) {
    models::MetricSheet sheet(two_metrics);
    sheet.put("occupancy_mean", 2.5);
    sheet.put("arrivals_per_year", 100);
    EXPECT_EQ(sheet.values(), (std::vector<double>{100, 2.5}));
}

TEST(MetricSheetTest, AMetricNotWrittenIsAnErrorNamingIt) {
    models::MetricSheet sheet(two_metrics);
    sheet.put("arrivals_per_year", 100);
    try {
        (void)sheet.values();
        FAIL() << "a missing metric went unnoticed";
    } catch (const std::logic_error& e) {
        EXPECT_NE(std::string(e.what()).find("occupancy_mean"), std::string::npos) << e.what();
    }
}

TEST(MetricSheetTest, AMetricWrittenTwiceOrUndeclaredIsAnError) {
    models::MetricSheet sheet(two_metrics);
    sheet.put("arrivals_per_year", 100);
    EXPECT_THROW(sheet.put("arrivals_per_year", 101), std::logic_error);
    EXPECT_THROW(sheet.put("p_wait", 0.5), std::logic_error);
}

// --precision watches every unit's occupancy role, whatever its kind calls it: on LARO slots
// and HVB placements it used to watch nothing and declare the goal reached at once.
TEST(PrecisionTest, WatchesTheOccupancyOfSlotsAndPlacementsUntilTheGoalIsMet) {
    for (const char* file : {"scenarios/jamtland/laro.yaml", "scenarios/jamtland/hvb.yaml"}) {
        auto s = models::load_scenario(testing::source_path(file));
        s.replications = 3;
        app::PrecisionGoal goal;
        goal.relative_half_width = 0.03;
        goal.max_replications = 400;
        const auto out = app::run_to_precision(s, 0, goal);
        EXPECT_TRUE(out.precision.reached) << file;
        EXPECT_GT(out.replications.size(), 3u) << file << ": three replications cannot give 3 %";
        EXPECT_LE(out.precision.relative_half_width, 0.03) << file;
        for (std::size_t k = 0; k < out.keys.size(); ++k) {
            if (out.keys[k].section != "units" || out.keys[k].spec.role != models::MetricRole::occupancy ||
                out.estimates[k].mean == 0)
                continue;
            EXPECT_LE(out.estimates[k].half_width(), 0.03 * std::abs(out.estimates[k].mean))
                << file << " " << out.keys[k].id << "." << out.keys[k].metric;
        }
    }
}

}  // namespace
}  // namespace kapsim
