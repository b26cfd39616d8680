// kapsim fit, the arrivals: rate, growth and profiles fitted to arrivals kapsim's own arrival
// process generates cover the generating values at about the nominal rate, and flat profiles
// or no trend are rejected only about as often as the test's level.
#include <array>
#include <chrono>
#include <cmath>
#include <numeric>

#include <gtest/gtest.h>

#include "fit/arrival_fit.hpp"
#include "sim/arrival_process.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/random_streams.hpp"

namespace kapsim::fit {
namespace {

using namespace std::chrono;
const sys_days start = sys_days{year{2021} / January / 1};
const double start_day = static_cast<double>(start.time_since_epoch().count());

const std::array<double, 12> month_weights{0.8, 0.9, 1.0, 1.0, 1.1, 1.3, 1.4, 1.2, 1.0, 0.9, 0.8, 0.8};
const std::array<double, 7> day_weights{1.2, 1.1, 1.0, 1.0, 1.1, 0.8, 0.7};
std::array<double, 24> hour_weights() {
    std::array<double, 24> h{};
    for (int i = 0; i < 24; ++i) h[i] = 1 + 0.5 * std::sin(2 * 3.14159265 * (i - 8) / 24.0);
    return h;
}

// Arrival times (days since 1970) over `years` from the start, by kapsim's arrival process.
std::vector<double> arrivals(const sim::ArrivalProfile& profile, double years, std::uint64_t seed) {
    const sim::CalendarClock clock(start);
    const double horizon = years * 365.25;
    const sim::ArrivalProcess process(profile, clock, horizon);
    auto stream = sim::RandomStreams(seed, 0).stream("arrivals");
    std::vector<double> times;
    for (double t = process.next_after(0, stream); std::isfinite(t); t = process.next_after(t, stream))
        times.push_back(start_day + t);
    return times;
}

template <std::size_t N>
std::array<double, N> mean_one(const std::array<double, N>& w) {
    const double mean = std::accumulate(w.begin(), w.end(), 0.0) / N;
    std::array<double, N> out{};
    for (std::size_t i = 0; i < N; ++i) out[i] = w[i] / mean;
    return out;
}

TEST(ArrivalFitTest, RateGrowthAndEveryProfileWeightCoverTheGeneratingValues) {
    sim::ArrivalProfile profile;
    profile.rate_per_day = 3;
    profile.yearly_growth = 1.15;
    profile.month = month_weights;
    std::array<double, 168> week{};
    const auto hours = hour_weights();
    for (int d = 0; d < 7; ++d)
        for (int h = 0; h < 24; ++h) week[d * 24 + h] = day_weights[d] * hours[h];
    profile.hour_of_week = week;
    const auto months = mean_one(month_weights);
    const auto days = mean_one(day_weights);
    const auto hour_truth = mean_one(hours);

    constexpr int seeds = 100;
    int rate = 0, growth = 0, supported = 0, weights = 0, weight_total = 0;
    std::array<int, 12> month_covered{};
    for (int seed = 1; seed <= seeds; ++seed) {
        const auto fit = fit_arrivals(arrivals(profile, 3, seed), start_day, start_day + 3 * 365.25, start_day, true);
        rate += fit.rate_low <= 3 && 3 <= fit.rate_high;
        growth += fit.growth_low <= 1.15 && 1.15 <= fit.growth_high;
        supported += fit.growth_supported;
        ASSERT_TRUE(fit.month.fitted && fit.day_of_week.fitted && fit.hour_of_day.fitted);
        EXPECT_LT(fit.month.p_value, 0.001);
        EXPECT_LT(fit.day_of_week.p_value, 0.001);
        EXPECT_LT(fit.hour_of_day.p_value, 0.001);
        const auto count = [&](const ProfileFit& p, const auto& truth) {
            for (std::size_t i = 0; i < truth.size(); ++i) {
                weights += p.low[i] <= truth[i] && truth[i] <= p.high[i];
                ++weight_total;
            }
        };
        count(fit.month, months);
        count(fit.day_of_week, days);
        count(fit.hour_of_day, hour_truth);
        for (std::size_t m = 0; m < 12; ++m) month_covered[m] += fit.month.low[m] <= months[m] && months[m] <= fit.month.high[m];
    }
    EXPECT_GE(rate, 88) << "rate covered in " << rate << " of " << seeds;
    EXPECT_LE(rate, 99);
    EXPECT_GE(growth, 88) << "growth covered in " << growth << " of " << seeds;
    EXPECT_LE(growth, 99);
    EXPECT_GE(supported, 95) << "a growth of 15 % a year over 3 years is found";
    const double share = static_cast<double>(weights) / weight_total;
    EXPECT_GE(share, 0.93) << "profile weights covered: " << share;
    EXPECT_LE(share, 0.97) << "profile weights covered: " << share;
    for (int m = 0; m < 12; ++m) EXPECT_GE(month_covered[m], 85) << "month " << m + 1;
}

TEST(ArrivalFitTest, FlatProfilesAndNoTrendAreRejectedOnlyAtAboutTheTestsLevel) {
    sim::ArrivalProfile profile;
    profile.rate_per_day = 2;
    constexpr int seeds = 100;
    int month = 0, day = 0, hour = 0, trend = 0, rate = 0;
    for (int seed = 1; seed <= seeds; ++seed) {
        const auto fit = fit_arrivals(arrivals(profile, 2, seed), start_day, start_day + 2 * 365.25, start_day, true);
        month += fit.month.p_value < 0.05;
        day += fit.day_of_week.p_value < 0.05;
        hour += fit.hour_of_day.p_value < 0.05;
        trend += fit.growth_supported;
        rate += fit.rate_low <= 2 && 2 <= fit.rate_high;
    }
    for (const int rejected : {month, day, hour, trend}) EXPECT_LE(rejected, 12);
    EXPECT_GE(rate, 88);
}

TEST(ArrivalFitTest, DatesWithoutTimesOfDayGiveNoHourProfileAndAShortExportNoMonthProfile) {
    sim::ArrivalProfile profile;
    profile.rate_per_day = 5;
    auto times = arrivals(profile, 0.5, 1);
    for (auto& t : times) t = std::floor(t);  // an export of dates
    const auto fit = fit_arrivals(times, start_day, start_day + 182, start_day, false);
    EXPECT_FALSE(fit.hour_of_day.fitted);
    EXPECT_FALSE(fit.month.fitted);
    EXPECT_FALSE(fit.trend_fitted);
    EXPECT_TRUE(fit.day_of_week.fitted);
    EXPECT_LE(fit.rate_low, 5);
    EXPECT_GE(fit.rate_high, 5);
}

}  // namespace
}  // namespace kapsim::fit
