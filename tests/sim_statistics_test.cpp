// The statistics a run reports: tallies of observations, time-weighted occupancy, and the
// confidence interval over replications. Every expected value here is worked out by hand or
// by a plain full sort.
#include <algorithm>
#include <cmath>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "sim/estimate.hpp"
#include "sim/occupancy_recorder.hpp"
#include "sim/tally.hpp"

namespace kapsim::sim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr double inf = std::numeric_limits<double>::infinity();

Tally tally_of(const std::vector<double>& values) {
    Tally t;
    for (double x : values) t.add(x);
    return t;
}

TEST(TallyTest, MeanAndSampleSd) {
    // Mean 5; squared deviations sum to 32, so the sample sd is sqrt(32 / 7).
    const Tally t = tally_of({2, 4, 4, 4, 5, 5, 7, 9});
    EXPECT_EQ(t.count(), 8u);
    EXPECT_DOUBLE_EQ(t.mean(), 5.0);
    EXPECT_DOUBLE_EQ(t.sd(), std::sqrt(32.0 / 7.0));
}

TEST(TallyTest, SdIsAccurateForLargeValuesWithSmallSpread) {
    // A naive sum of squares loses every digit here.
    const Tally t = tally_of({1e9 + 4, 1e9 + 7, 1e9 + 13, 1e9 + 16});
    EXPECT_DOUBLE_EQ(t.mean(), 1e9 + 10);
    EXPECT_NEAR(t.sd(), std::sqrt(90.0 / 3.0), 1e-6);
}

TEST(TallyTest, QuantilesInterpolateBetweenOrderStatistics) {
    const Tally t = tally_of({3, 1, 4, 2});  // added out of order on purpose
    EXPECT_DOUBLE_EQ(t.quantile(0.9), 3.7);
    EXPECT_DOUBLE_EQ(t.quantile(0.5), 2.5);
    EXPECT_DOUBLE_EQ(t.quantile(0.0), 1.0);
    EXPECT_DOUBLE_EQ(t.quantile(1.0), 4.0);
    EXPECT_DOUBLE_EQ(t.quantile(0.25), 1.75);
}

// Zeros are counted rather than stored; quantiles and shares must be those of all the values,
// here against a full sort (type 7 by its definition) on data with zeros among negatives and
// positives, and on data that is all zeros.
TEST(TallyTest, QuantilesAndSharesCountTheZerosThatAreNotStored) {
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> pick(-3, 6);
    for (int round = 0; round < 50; ++round) {
        std::vector<double> values;
        const int n = 1 + round * 7;
        for (int i = 0; i < n; ++i) {
            const int k = pick(rng);
            values.push_back(k <= 2 && k >= 0 ? 0.0 : k * 1.5);  // about a third zeros
        }
        if (round == 0) values = {0, 0, 0};
        const Tally t = tally_of(values);
        std::vector<double> sorted = values;
        std::sort(sorted.begin(), sorted.end());
        for (double p : {0.0, 0.1, 0.25, 0.5, 0.77, 0.9, 1.0}) {
            const double h = (static_cast<double>(sorted.size()) - 1) * p;
            const auto lo = static_cast<std::size_t>(std::floor(h));
            const double hi = lo + 1 < sorted.size() ? sorted[lo + 1] : sorted[lo];
            EXPECT_EQ(t.quantile(p), sorted[lo] + (h - static_cast<double>(lo)) * (hi - sorted[lo])) << round << " " << p;
        }
        for (double threshold : {-2.0, -0.5, 0.0, 0.5, 4.0}) {
            const auto above = std::count_if(sorted.begin(), sorted.end(), [&](double v) { return v > threshold; });
            EXPECT_EQ(t.share_above(threshold), static_cast<double>(above) / static_cast<double>(sorted.size()));
        }
    }
}

TEST(TallyTest, QuantileOfOneValueIsThatValue) {
    const Tally t = tally_of({7});
    EXPECT_EQ(t.quantile(0.1), 7.0);
    EXPECT_EQ(t.quantile(0.95), 7.0);
}

TEST(TallyTest, ShareAboveCountsOnlyValuesStrictlyAbove) {
    const Tally t = tally_of({1, 2, 3, 4});
    EXPECT_DOUBLE_EQ(t.share_above(3.0), 0.25);
    EXPECT_DOUBLE_EQ(t.share_above(2.5), 0.5);
    EXPECT_DOUBLE_EQ(t.share_above(0.0), 1.0);
    EXPECT_DOUBLE_EQ(t.share_above(4.0), 0.0);
}

TEST(TallyTest, EmptyTallyHasNoStatistics) {
    const Tally t;
    EXPECT_EQ(t.count(), 0u);
    EXPECT_TRUE(std::isnan(t.mean()));
    EXPECT_TRUE(std::isnan(t.sd()));
    EXPECT_TRUE(std::isnan(t.quantile(0.5)));
    EXPECT_TRUE(std::isnan(t.share_above(0.0)));
}

TEST(TallyTest, OneValueHasAMeanButNoSd) {
    const Tally t = tally_of({3.5});
    EXPECT_EQ(t.mean(), 3.5);
    EXPECT_TRUE(std::isnan(t.sd()));
}

TEST(TallyTest, ClearForgetsEveryValue) {
    Tally t = tally_of({100, 200, 300});
    t.clear();
    EXPECT_EQ(t.count(), 0u);
    t.add(1);
    t.add(3);
    EXPECT_DOUBLE_EQ(t.mean(), 2.0);
    EXPECT_DOUBLE_EQ(t.quantile(1.0), 3.0);
}

// Levels 0, 2, 1, 3 held for 1, 2, 1 and 2 days.
OccupancyRecorder hand_made_sequence() {
    OccupancyRecorder r;
    r.reset(0.0, 0);
    r.change(1.0, 2);
    r.change(3.0, 1);
    r.change(4.0, 3);
    r.close(6.0);
    return r;
}

TEST(OccupancyRecorderTest, TimeAtEachLevelIsExact) {
    const OccupancyRecorder r = hand_made_sequence();
    EXPECT_EQ(r.time_at_level(), (std::vector<double>{1.0, 1.0, 2.0, 2.0}));
    EXPECT_EQ(r.observed(), 6.0);
    EXPECT_EQ(r.level(), 3u);
}

TEST(OccupancyRecorderTest, MeanIsTimeWeighted) {
    // (0 x 1 + 1 x 1 + 2 x 2 + 3 x 2) / 6
    EXPECT_DOUBLE_EQ(hand_made_sequence().mean(), 11.0 / 6.0);
}

TEST(OccupancyRecorderTest, ShareAtLeastCountsTimeAtOrAboveTheLevel) {
    const OccupancyRecorder r = hand_made_sequence();
    EXPECT_DOUBLE_EQ(r.share_at_least(0), 1.0);
    EXPECT_DOUBLE_EQ(r.share_at_least(1), 5.0 / 6.0);
    EXPECT_DOUBLE_EQ(r.share_at_least(2), 4.0 / 6.0);
    EXPECT_DOUBLE_EQ(r.share_at_least(3), 2.0 / 6.0);
    EXPECT_DOUBLE_EQ(r.share_at_least(4), 0.0);
}

TEST(OccupancyRecorderTest, RepeatedChangesToTheSameLevelAddUp) {
    OccupancyRecorder r;
    r.reset(0.0, 1);
    r.change(0.5, 1);
    r.change(2.0, 1);
    r.close(3.0);
    EXPECT_EQ(r.time_at_level(), (std::vector<double>{0.0, 3.0}));
}

TEST(OccupancyRecorderTest, ResetAtWarmUpForgetsEverythingBefore) {
    OccupancyRecorder r;
    r.reset(0.0, 0);
    r.change(1.0, 5);
    r.change(2.0, 3);
    r.reset(5.0, 3);  // the warm-up ends with 3 in use
    r.change(7.0, 1);
    r.close(10.0);
    EXPECT_EQ(r.observed(), 5.0);
    const auto& t = r.time_at_level();
    for (std::size_t level = 0; level < t.size(); ++level) {
        const double expected = level == 3 ? 2.0 : level == 1 ? 3.0 : 0.0;
        EXPECT_EQ(t[level], expected) << "level " << level;
    }
    EXPECT_DOUBLE_EQ(r.mean(), (3 * 2.0 + 1 * 3.0) / 5.0);
    EXPECT_DOUBLE_EQ(r.share_at_least(5), 0.0) << "the time at 5 was before the warm-up";
}

TEST(OccupancyRecorderTest, NothingObservedHasNoMean) {
    OccupancyRecorder r;
    r.reset(4.0, 2);
    EXPECT_TRUE(std::isnan(r.mean()));
    EXPECT_TRUE(std::isnan(r.share_at_least(1)));
}

TEST(EstimateTest, MeanAndStudentTIntervalOfASmallSample) {
    // Mean 3, sd sqrt(2.5), n 5: half width t(0.975, 4) sd / sqrt(5).
    const Estimate e = estimate_mean({1, 2, 3, 4, 5});
    const double half = 2.776445105 * std::sqrt(2.5) / std::sqrt(5.0);
    EXPECT_EQ(e.n, 5u);
    EXPECT_DOUBLE_EQ(e.mean, 3.0);
    EXPECT_DOUBLE_EQ(e.sd, std::sqrt(2.5));
    EXPECT_NEAR(e.ci_low, 3.0 - half, 1e-8);
    EXPECT_NEAR(e.ci_high, 3.0 + half, 1e-8);
    EXPECT_NEAR(e.half_width(), half, 1e-8);
}

TEST(EstimateTest, ConfidenceLevelSetsTheQuantile) {
    // t(0.95, 4) = 2.131846786 for a 90 % interval.
    const Estimate e = estimate_mean({1, 2, 3, 4, 5}, 0.90);
    EXPECT_NEAR(e.half_width(), 2.131846786 * std::sqrt(2.5) / std::sqrt(5.0), 1e-8);
}

TEST(EstimateTest, ValuesThatAreNotFiniteAreLeftOut) {
    const Estimate e = estimate_mean({1, nan, 2, 3, inf, 4, 5, nan});
    EXPECT_EQ(e.n, 5u);
    EXPECT_DOUBLE_EQ(e.mean, 3.0);
    EXPECT_NEAR(e.half_width(), 2.776445105 * std::sqrt(2.5) / std::sqrt(5.0), 1e-8);
}

TEST(EstimateTest, OneValueHasAMeanButNoInterval) {
    const Estimate e = estimate_mean({nan, 4.5});
    EXPECT_EQ(e.n, 1u);
    EXPECT_EQ(e.mean, 4.5);
    EXPECT_TRUE(std::isnan(e.sd));
    EXPECT_TRUE(std::isnan(e.ci_low));
    EXPECT_TRUE(std::isnan(e.ci_high));
}

TEST(EstimateTest, NoValueHasNothing) {
    for (const std::vector<double>& values : {std::vector<double>{}, std::vector<double>{nan, nan}}) {
        const Estimate e = estimate_mean(values);
        EXPECT_EQ(e.n, 0u);
        EXPECT_TRUE(std::isnan(e.mean));
        EXPECT_TRUE(std::isnan(e.ci_low));
        EXPECT_TRUE(std::isnan(e.ci_high));
    }
}

TEST(EstimateTest, IdenticalValuesHaveAZeroWidthInterval) {
    const Estimate e = estimate_mean({2.0, 2.0, 2.0});
    EXPECT_EQ(e.mean, 2.0);
    EXPECT_EQ(e.sd, 0.0);
    EXPECT_EQ(e.ci_low, 2.0);
    EXPECT_EQ(e.ci_high, 2.0);
}

}  // namespace
}  // namespace kapsim::sim
