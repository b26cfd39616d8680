// People who come back: a share of those who leave after a stay return after a delay. An
// infinite-server network with Poisson arrivals and feedback is a product-form network (Jackson;
// Kelly for general stays), so the traffic equations give each unit's arrival rate
// lambda / (1 - share), and the number present is Poisson with mean arrival rate x mean stay.
#include <gtest/gtest.h>

#include <cmath>

#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/traffic_equations.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

std::string clinic(const std::string& readmission) {
    return "scenario:\n  name: readmission\n  start: 2024-01-01\n  run_length: 20y\n  warmup: 1y\n  replications: 30\n"
           "  seed: 5\nclasses:\n  patients:\n    arrivals: {rate: 2/day}\n    first_unit: clinic\n" +
           readmission +
           "units:\n  clinic:\n    kind: service\n    duration: {distribution: lognormal, mean: 3d, sd: 4d}\n";
}

std::vector<double> metric(const models::Scenario& s, const std::vector<models::ReplicationResult>& reps,
                           const std::string& name) {
    const auto keys = models::metric_catalog(s);
    std::vector<double> v;
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (keys[k].id == "clinic" && keys[k].metric == name)
            for (const auto& r : reps) v.push_back(r.metrics[k]);
    return v;
}

TEST(Readmission, ArrivalsAndPresentFollowTheTrafficEquationsOfTheFeedbackNetwork) {
    const auto s = testing::scenario_from_text(
        clinic("    readmission: {share: 0.25, after: {distribution: exponential, mean: 10d}}\n"));
    const double effective = 2.0 / (1 - 0.25);  // a day
    EXPECT_NEAR(models::offered_loads(s)[0].arrivals_per_day, effective, 1e-9) << "check's traffic equations";
    std::vector<models::ReplicationResult> reps;
    for (std::size_t r = 0; r < s.replications; ++r) reps.push_back(models::run_replication(s, r));
    testing::expect_covers(metric(s, reps, "visits_per_year"), effective * sim::days_per_year, "visits a year");
    testing::expect_covers(metric(s, reps, "present_mean"), effective * 3.0, "mean present (Little, M/G/inf)");
}

TEST(Readmission, NoReadmissionAndAShareOfZeroGiveTheSameRun) {
    const auto none = testing::scenario_from_text(clinic(""));
    const auto zero = testing::scenario_from_text(
        clinic("    readmission: {share: 0, after: {distribution: exponential, mean: 10d}}\n"));
    EXPECT_EQ(models::run_replication(none, 0).metrics, models::run_replication(zero, 0).metrics)
        << "the readmission stream is its own: other draws do not shift";
}

TEST(Readmission, AShareOfOneIsRefusedAtItsLine) {
    try {
        testing::scenario_from_text(clinic("    readmission: {share: 1, after: {distribution: exponential, mean: 10d}}\n"));
        FAIL() << "a share of 1 accepted";
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, 12u);
        EXPECT_NE(std::string(e.what()).find("below 1"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace kapsim
