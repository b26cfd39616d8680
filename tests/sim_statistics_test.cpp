// The statistics a run reports: tallies of observations, time-weighted occupancy, and the
// confidence interval over replications. Every expected value here is worked out by hand or
// by a plain full sort.
#include <algorithm>
#include <array>
#include <bit>
#include <cmath>
#include <cstdint>
#include <limits>
#include <random>
#include <vector>

#include <gtest/gtest.h>

#include "sim/estimate.hpp"
#include "sim/calendar_table.hpp"
#include "sim/occupancy_recorder.hpp"
#include "sim/pooled_quantile.hpp"
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

// The exact type-7 quantile of `values`, by a full sort.
double exact_quantile(std::vector<double> values, double p) {
    std::sort(values.begin(), values.end());
    const double h = (static_cast<double>(values.size()) - 1) * p;
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double hi = lo + 1 < values.size() ? values[lo + 1] : values[lo];
    return values[lo] + (h - static_cast<double>(lo)) * (hi - values[lo]);
}

// The width of the bin `x` falls in: how far a binned quantile may be from the exact one.
double bin_width_at(double x) { return x > 0 ? quantile_bins::width(quantile_bins::of(x)) : 0.0; }

TEST(TallyTest, QuantilesInterpolateBetweenOrderStatisticsToABinWidth) {
    const Tally t = tally_of({3, 1, 4, 2});  // added out of order on purpose
    EXPECT_NEAR(t.quantile(0.9), 3.7, bin_width_at(4));
    EXPECT_NEAR(t.quantile(0.5), 2.5, bin_width_at(3));
    EXPECT_NEAR(t.quantile(0.25), 1.75, bin_width_at(2));
    EXPECT_EQ(t.quantile(0.0), 1.0);  // the extremes are kept exactly
    EXPECT_EQ(t.quantile(1.0), 4.0);
}

// Zeros are counted exactly; every quantile of data with many zeros, and of data that is all
// zeros, is within its bin width of the exact one from a full sort.
TEST(TallyTest, QuantilesCountTheZerosExactlyAndTheRestToABinWidth) {
    std::mt19937_64 rng(5);
    std::uniform_int_distribution<int> pick(-3, 6);
    for (int round = 0; round < 50; ++round) {
        std::vector<double> values;
        const int n = 1 + round * 7;
        for (int i = 0; i < n; ++i) {
            const int k = pick(rng);
            values.push_back(k <= 2 ? 0.0 : k * 1.5);  // about half zeros
        }
        if (round == 0) values = {0, 0, 0};
        const Tally t = tally_of(values);
        for (double p : {0.0, 0.1, 0.25, 0.5, 0.77, 0.9, 1.0}) {
            const double exact = exact_quantile(values, p);
            EXPECT_NEAR(t.quantile(p), exact, bin_width_at(*std::max_element(values.begin(), values.end())))
                << round << " " << p;
            if (exact == 0) {
                EXPECT_EQ(t.quantile(p), 0.0) << round << " " << p;
            }
        }
    }
}

TEST(TallyTest, NegativeValuesCountAsZeroInTheDistribution) {
    const Tally t = tally_of({-1e-12, -1e-12, 5});
    EXPECT_EQ(t.quantile(0.5), 0.0);
    EXPECT_EQ(t.quantile(1.0), 5.0);
}

TEST(TallyTest, QuantileOfOneValueIsThatValue) {
    const Tally t = tally_of({7});
    EXPECT_EQ(t.quantile(0.1), 7.0);
    EXPECT_EQ(t.quantile(0.95), 7.0);
}

TEST(TallyTest, EmptyTallyHasNoStatistics) {
    const Tally t;
    EXPECT_EQ(t.count(), 0u);
    EXPECT_TRUE(std::isnan(t.mean()));
    EXPECT_TRUE(std::isnan(t.sd()));
    EXPECT_TRUE(std::isnan(t.quantile(0.5)));
}

TEST(TallyTest, MomentsOnlyHasNoQuantileAndNoSample) {
    Tally t(Tally::Keep::moments_only);
    t.add(3);
    EXPECT_TRUE(std::isnan(t.quantile(0.5)));
    EXPECT_EQ(t.sample().size(), 0u);
}

// The bins tile (0, 2^20) days without gap or overlap, each at most 1/256 of the values in it
// (or 2^-24 day near zero), and every value lands in the bin whose edges hold it.
TEST(QuantileHistogramTest, BinsTileTheLineAndAreNoWiderThanA256thOfTheirValues) {
    for (std::size_t b = 0; b + 1 < quantile_bins::count; ++b) {
        const double low = quantile_bins::lower_edge(b), high = quantile_bins::lower_edge(b + 1);
        ASSERT_EQ(high, low + quantile_bins::width(b)) << b;
        ASSERT_LE(quantile_bins::width(b), std::max(low / 256, 0x1p-24)) << b;
        if (b > 0) {
            ASSERT_EQ(quantile_bins::of(low), b) << b;
        }
        ASSERT_EQ(quantile_bins::of(std::nextafter(high, 0.0)), b) << b;
    }
    EXPECT_EQ(quantile_bins::of(0x1p20), quantile_bins::count - 1);
    EXPECT_EQ(quantile_bins::of(1e300), quantile_bins::count - 1);
    EXPECT_EQ(quantile_bins::of(std::numeric_limits<double>::denorm_min()), 0u);
}

// Exponential waits (mean 2 days, 30 % not waiting at all): every quantile from the bins is
// within its bin's width of the exact sample quantile, and the 90th percentile is near the
// true -2 ln(0.1 / 0.7) = 3.89 days.
TEST(QuantileHistogramTest, QuantileOfExponentialWaitsIsExactToItsBinWidth) {
    std::mt19937_64 rng(11);
    std::exponential_distribution<double> wait(0.5);
    std::bernoulli_distribution waits(0.7);
    std::vector<double> values;
    Tally t;
    for (int i = 0; i < 200'000; ++i) {
        const double x = waits(rng) ? wait(rng) : 0.0;
        values.push_back(x);
        t.add(x);
    }
    for (double p : {0.1, 0.3, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999}) {
        const double exact = exact_quantile(values, p);
        EXPECT_NEAR(t.quantile(p), exact, bin_width_at(exact)) << p;
    }
    EXPECT_NEAR(t.quantile(0.9), -2 * std::log(0.1 / 0.7), 0.05);
}

// Memory that does not grow with the run: ten million observations, spread over six orders of
// magnitude, leave no more bins than the scheme has.
TEST(QuantileHistogramTest, SampleIsBoundedByTheBinsWhateverTheObservations) {
    std::mt19937_64 rng(3);
    std::uniform_real_distribution<double> log10(-4, 2);
    Tally t;
    for (int i = 0; i < 10'000'000; ++i) t.add(std::pow(10.0, log10(rng)));
    const QuantileSample s = t.sample();
    EXPECT_EQ(s.size(), 10'000'000u);
    // A bin holds up to 65 535 in one entry: 10^7 over ~2 000 bins needs no more than one each.
    EXPECT_LE(s.bins.size(), quantile_bins::count);
}

// The counts are kept by octave, made as values come: values in far-apart octaves, added out of
// order, still come out as bins in increasing order, and their quantiles walk across the
// octaves never filled.
TEST(QuantileHistogramTest, BinsComeOutInIncreasingOrderAcrossSparseOctaves) {
    Tally t;
    for (const double x : {300.0, 1e-6, 0.75, 300.0, 2e-3, 0.75, 0.0})
        t.add(x);
    const QuantileSample s = t.sample();
    ASSERT_EQ(s.bins.size(), 4u);
    for (std::size_t i = 1; i < s.bins.size(); ++i) EXPECT_LT(s.bins[i - 1].index, s.bins[i].index);
    EXPECT_EQ(s.bins[0].index, quantile_bins::of(1e-6));
    EXPECT_EQ(s.bins[3].index, quantile_bins::of(300.0));
    EXPECT_EQ(s.bins[3].count, 2u);
    EXPECT_EQ(t.quantile(0.0), 0.0);
    EXPECT_EQ(t.quantile(1.0), 300.0);
    EXPECT_NEAR(t.quantile(0.5), 0.75, bin_width_at(0.75));  // the 4th of 7: a 0.75
    QuantileHistogram pooled, twice;
    pooled.add(s);
    twice.add(s);
    twice.add(pooled);
    EXPECT_EQ(twice.size(), 14u);
    EXPECT_EQ(twice.quantile(0.5), pooled.quantile(0.5));
}

// A count beyond what one entry holds goes in several, and pooling adds them back.
TEST(QuantileHistogramTest, ACountBeyondOneEntryIsSplitAndAddsBackUp) {
    Tally t;
    for (int i = 0; i < 200'000; ++i) t.add(1.0);
    t.add(2.0);
    const QuantileSample s = t.sample();
    EXPECT_EQ(s.bins.size(), 5u);  // 3 x 65 535 + 3 395 ones, and the two
    EXPECT_EQ(s.size(), 200'001u);
    QuantileHistogram pooled;
    pooled.add(s);
    EXPECT_EQ(pooled.size(), 200'001u);
    EXPECT_NEAR(pooled.quantile(0.5), 1.0, bin_width_at(1.0));
    EXPECT_EQ(pooled.quantile(1.0), 2.0);
}

// Pooling replications is adding their bins: the pooled estimate is bitwise the quantile of one
// tally holding every replication's observations.
TEST(PooledQuantileTest, PooledEstimateIsTheQuantileOfAllObservationsTogether) {
    std::mt19937_64 rng(7);
    std::exponential_distribution<double> wait(1.0);
    Tally all;
    std::vector<QuantileSample> reps;
    for (int r = 0; r < 30; ++r) {
        Tally one;
        for (int i = 0; i < 100 + 10 * r; ++i) {
            const double x = i % 3 == 0 ? 0.0 : wait(rng);
            one.add(x);
            all.add(x);
        }
        reps.push_back(one.sample());
    }
    std::vector<const QuantileSample*> pointers;
    for (const auto& s : reps) pointers.push_back(&s);
    const Estimate e = pooled_quantile(pointers, 0.9);
    EXPECT_EQ(e.mean, all.quantile(0.9));
    EXPECT_EQ(e.n, 30u);
    EXPECT_LT(e.ci_low, e.mean);
    EXPECT_GT(e.ci_high, e.mean);
    // Against itself the paired difference is exactly zero.
    const Estimate d = pooled_quantile_difference(pointers, pointers, 0.9);
    EXPECT_EQ(d.mean, 0.0);
    EXPECT_EQ(d.ci_low, 0.0);
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
    EXPECT_EQ(t.quantile(1.0), 3.0);
    EXPECT_EQ(t.sample().size(), 2u);
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

// Months are summed from the day in progress, without keeping every day: bitwise the same
// as summing every kept day's area by month, in the order of the days, over the tracked range.
TEST(OccupancyRecorderTest, MonthAreaIsTheSumOfTheDaysAreasByMonth) {
    const CalendarTable calendar(CalendarClock(CalendarClock::parse_date("2019-01-01")), 800);
    std::mt19937_64 rng(2);
    std::exponential_distribution<double> gap(7.0);
    std::uniform_int_distribution<std::size_t> level(0, 9);
    OccupancyRecorder kept, months_only;
    kept.track_days(calendar, 30, 700, 730.0, true);
    months_only.track_days(calendar, 30, 700, 730.0);
    for (OccupancyRecorder* r : {&kept, &months_only}) r->reset(0.0, 3);
    double t = 0;
    bool warmed = false;
    while ((t += gap(rng)) < 730.0) {
        const std::size_t n = level(rng);
        for (OccupancyRecorder* r : {&kept, &months_only}) {
            if (!warmed && t > 30.5) r->reset(t, n);  // a warm-up end does not stop the days
            else r->change(t, n);
        }
        warmed = warmed || t > 30.5;
    }
    for (OccupancyRecorder* r : {&kept, &months_only}) r->close(730.0);
    const std::vector<double> days = kept.day_area();
    ASSERT_EQ(days.size(), 731u);
    EXPECT_TRUE(months_only.day_area().empty());
    std::array<double, 12> by_month{};
    for (std::size_t d = 30; d < 700; ++d) by_month[static_cast<std::size_t>(calendar.month(d) - 1)] += days[d];
    EXPECT_EQ(kept.month_area(), by_month);
    EXPECT_EQ(months_only.month_area(), by_month);
}

// The recorder files days in batches, without a branch on midnight. Its days and months must
// be bit for bit those of the plain way: each change split at every midnight it crosses, each
// day's pieces added in order from zero, each day added to its month in the order of the
// days. The changes fall at random times, at exact midnights, twice at one time and after gaps
// of several days; the sums are read in the middle of the run too, with days not yet filed.
TEST(OccupancyRecorderTest, DaysAndMonthsAreThoseOfSplittingEveryChangeAtItsMidnights) {
    const std::size_t first_day = 30, end_day = 700;
    const double horizon = 730.0;
    const CalendarTable calendar(CalendarClock(CalendarClock::parse_date("2023-11-20")), 800);
    std::vector<double> plain_days(static_cast<std::size_t>(horizon) + 1, 0.0);
    const auto plain_months = [&](double upto) {
        std::array<double, 12> months{};
        for (std::size_t d = first_day; d < end_day && static_cast<double>(d) < upto; ++d)
            months[static_cast<std::size_t>(calendar.month(d) - 1)] += plain_days[d];
        return months;
    };
    const auto bits = [](const auto& values) {
        std::vector<std::uint64_t> b;
        for (double x : values) b.push_back(std::bit_cast<std::uint64_t>(x));
        return b;
    };
    std::mt19937_64 rng(11);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    std::uniform_int_distribution<std::size_t> level(0, 6);
    OccupancyRecorder kept, months_only;
    kept.track_days(calendar, first_day, end_day, horizon, true);
    months_only.track_days(calendar, first_day, end_day, horizon);
    for (OccupancyRecorder* r : {&kept, &months_only}) r->reset(0.0, 2);
    double t = 0, from = 0;
    std::size_t n = 2, changes = 0, read_midway = 0;
    while (true) {
        const double u = unit(rng);
        const double next = u < 0.08 ? std::floor(t) + (u < 0.02 ? 2 : 1)  // the next midnight or the one after
                            : u < 0.13 ? t                                   // at the same time
                            : u < 0.16 ? t + 1 + 3 * unit(rng)               // over several midnights
                                       : t + 0.2 * unit(rng);
        if (next >= horizon) break;
        t = next;
        for (double a = from; a < t;) {  // the plain way
            const double end = std::min(t, std::floor(a) + 1);
            plain_days[static_cast<std::size_t>(a)] += static_cast<double>(n) * (end - a);
            a = end;
        }
        from = t;
        n = level(rng);
        for (OccupancyRecorder* r : {&kept, &months_only}) {
            if (changes == 1000) r->reset(t, n);  // a warm-up end does not stop the days
            else r->change(t, n);
        }
        if (++changes % 997 == 0) {  // days not yet filed are read all the same
            ++read_midway;
            ASSERT_EQ(bits(kept.month_area()), bits(plain_months(t))) << "at " << t;
            ASSERT_EQ(bits(months_only.month_area()), bits(plain_months(t))) << "at " << t;
            ASSERT_EQ(bits(kept.day_area()), bits(plain_days)) << "at " << t;
        }
    }
    for (double a = from; a < horizon;) {
        const double end = std::min(horizon, std::floor(a) + 1);
        plain_days[static_cast<std::size_t>(a)] += static_cast<double>(n) * (end - a);
        a = end;
    }
    for (OccupancyRecorder* r : {&kept, &months_only}) r->close(horizon);
    ASSERT_GT(changes, 2500u);
    ASSERT_GT(read_midway, 2u);
    EXPECT_EQ(bits(kept.day_area()), bits(plain_days));
    EXPECT_TRUE(months_only.day_area().empty());
    EXPECT_EQ(bits(kept.month_area()), bits(plain_months(horizon)));
    EXPECT_EQ(bits(months_only.month_area()), bits(plain_months(horizon)));
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
