// kapsim fit, the stays: maximum likelihood with censored stays, intervals that cover the
// generating values at about their nominal rate, AIC choosing the generating family, and a
// bootstrap goodness of fit that rejects the wrong family.
#include <cmath>
#include <string>

#include <boost/random/uniform_01.hpp>
#include <gtest/gtest.h>

#include "fit/goodness_of_fit.hpp"
#include "fit/kaplan_meier.hpp"
#include "fit/stay_distribution_fit.hpp"
#include "sim/distribution.hpp"
#include "sim/random_streams.hpp"

namespace kapsim::fit {
namespace {

// Stays drawn by kapsim's own distributions, admitted uniformly over `days` before the export:
// a stay longer than the time left until the export is still going (censored at it).
CensoredSample stays_from(sim::Distribution d, std::size_t n, double days, std::uint64_t seed) {
    const sim::RandomStreams streams(seed, 0);
    auto stay = streams.stream("stay");
    auto admission = streams.stream("admission");
    boost::random::uniform_real_distribution<double> uniform(0, days);
    CensoredSample s;
    for (std::size_t i = 0; i < n; ++i) {
        const double limit = days - uniform(admission);
        const double t = d.sample(stay);
        s.add(std::min(t, limit), t > limit, limit);
    }
    return s;
}

struct Case {
    Family family;
    sim::Distribution generator;
    std::vector<std::pair<std::string, double>> truth;  // the scenario's parameters
};

std::vector<Case> cases() {
    return {
        {Family::exponential, sim::Distribution::exponential(6), {{"mean", 6}}},
        {Family::lognormal, sim::Distribution::lognormal(8, 6), {{"mean", 8}, {"sd", 6}}},
        {Family::gamma, sim::Distribution::gamma(8, 4), {{"mean", 8}, {"sd", 4}}},
        {Family::weibull, sim::Distribution::weibull(1.6, 9), {{"shape", 1.6}, {"scale", 9}}},
    };
}

TEST(StayFitTest, IntervalsCoverTheGeneratingParametersAtAboutTheNominalRateWithCensoring) {
    constexpr int seeds = 200;
    for (const auto& c : cases()) {
        std::vector<int> covered(c.truth.size(), 0);
        int censored = 0, total = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            const auto sample = stays_from(c.generator, 300, 120, static_cast<std::uint64_t>(seed));
            censored += static_cast<int>(sample.size() - sample.ended());
            total += static_cast<int>(sample.size());
            const FamilyFit fit = fit_family(c.family, sample);
            ASSERT_TRUE(fit.converged) << family_name(c.family) << " seed " << seed;
            ASSERT_EQ(fit.parameters.size(), c.truth.size());
            for (std::size_t p = 0; p < c.truth.size(); ++p) {
                EXPECT_EQ(fit.parameters[p].name, c.truth[p].first);
                covered[p] += fit.parameters[p].low <= c.truth[p].second && c.truth[p].second <= fit.parameters[p].high;
            }
        }
        EXPECT_GT(censored, total / 50) << "the test must censor some stays";
        for (std::size_t p = 0; p < c.truth.size(); ++p) {
            const double rate = static_cast<double>(covered[p]) / seeds;
            // 95 % nominal; with 200 seeds the binomial spread is about 1.5 %.
            EXPECT_GE(rate, 0.91) << family_name(c.family) << " " << c.truth[p].first;
            EXPECT_LE(rate, 0.99) << family_name(c.family) << " " << c.truth[p].first;
        }
    }
}

TEST(StayFitTest, TheGeneratingFamilyWinsAicInMostSeeds) {
    constexpr int seeds = 60;
    for (const auto& c : cases()) {
        int wins = 0;
        for (int seed = 1; seed <= seeds; ++seed) {
            const auto fits = fit_families(stays_from(c.generator, 400, 120, static_cast<std::uint64_t>(seed)));
            wins += fits.front().family == c.family;
        }
        EXPECT_GT(wins, seeds * 6 / 10) << family_name(c.family) << " won " << wins << " of " << seeds;
    }
}

TEST(StayFitTest, CensoredStaysOfACutOffExportAreCountedNotDropped) {
    // An export taken 20 days into a unit whose stays average 15 days: most long stays are
    // still going. Dropping them makes stays look far shorter; counting them as censored
    // recovers the mean.
    const auto sample = stays_from(sim::Distribution::lognormal(15, 10), 2000, 20, 7);
    ASSERT_GT(sample.size() - sample.ended(), 500u);
    CensoredSample finished_only;
    for (std::size_t i = 0; i < sample.size(); ++i)
        if (!sample.censored[i]) finished_only.add(sample.time[i], false, sample.limit[i]);
    const auto fit = fit_family(Family::lognormal, sample);
    const auto naive = fit_family(Family::lognormal, finished_only);
    EXPECT_LE(fit.parameters[0].low, 15.0);
    EXPECT_GE(fit.parameters[0].high, 15.0);
    EXPECT_LT(naive.parameters[0].high, 10.0) << "without the censored stays the mean is biased low";
}

TEST(StayFitTest, KaplanMeierWithoutCensoringIsTheEmpiricalDistribution) {
    CensoredSample s;
    for (const double t : {3.0, 1.0, 2.0, 2.0}) s.add(t, false, 10);
    const auto steps = kaplan_meier(s);
    ASSERT_EQ(steps.size(), 3u);
    EXPECT_DOUBLE_EQ(steps[0].survival, 0.75);
    EXPECT_DOUBLE_EQ(steps[1].survival, 0.25);
    EXPECT_DOUBLE_EQ(steps[2].survival, 0.0);
    s.add(1.5, true, 1.5);  // one still going after 1.5 days: at risk at 2 but not counted as ended
    const auto censored = kaplan_meier(s);
    EXPECT_DOUBLE_EQ(censored[0].survival, 0.8);
    EXPECT_DOUBLE_EQ(censored[1].survival, 0.8 * (1 - 2.0 / 3.0));
}

TEST(StayFitTest, BootstrapGoodnessOfFitRejectsTheWrongFamilyAndIsReproducible) {
    const auto sample = stays_from(sim::Distribution::lognormal(8, 12), 400, 200, 3);
    FamilyFit right = fit_family(Family::lognormal, sample);
    FamilyFit wrong = fit_family(Family::exponential, sample);
    goodness_of_fit(right, sample, 100, 1);
    goodness_of_fit(wrong, sample, 100, 1);
    EXPECT_GT(right.p_value, 0.05);
    EXPECT_LT(wrong.p_value, 0.05);
    FamilyFit again = fit_family(Family::lognormal, sample);
    goodness_of_fit(again, sample, 100, 1);
    EXPECT_EQ(again.p_value, right.p_value);
}

TEST(StayFitTest, StaysInWholeDaysAreJudgedAgainstStaysMeasuredTheSameWay) {
    // An export of dates: each stay is the difference of two dates, a same-day stay half a day.
    const sim::RandomStreams streams(12, 0);
    auto s = streams.stream("stay");
    auto stay = sim::Distribution::gamma(6, 3);
    boost::random::uniform_01<double> uniform;
    CensoredSample days;
    for (int i = 0; i < 800; ++i) {
        double t = std::floor(uniform(s) + stay.sample(s));
        if (t <= 0) t = 0.5;
        days.add(t, false, 1000);
    }
    FamilyFit as_days = fit_family(Family::gamma, days);
    FamilyFit as_times = as_days;
    goodness_of_fit(as_days, days, 100, 1, true);
    goodness_of_fit(as_times, days, 100, 1, false);
    EXPECT_GT(as_days.p_value, 0.05) << "rounded like the data, the right family passes";
    EXPECT_LT(as_times.p_value, 0.05) << "against continuous stays, the rounding alone rejects it";
}

TEST(StayFitTest, BootstrapPValuesOfTheRightFamilyAreRarelySmall) {
    // Valid for fitted parameters: under the generating family, p < 0.05 about 5 % of the time
    // (a plain KS table would almost never reject, the mistake the bootstrap avoids).
    int small = 0;
    constexpr int seeds = 40;
    for (int seed = 1; seed <= seeds; ++seed) {
        const auto sample = stays_from(sim::Distribution::gamma(5, 3), 150, 100, static_cast<std::uint64_t>(seed));
        FamilyFit fit = fit_family(Family::gamma, sample);
        goodness_of_fit(fit, sample, 60, static_cast<std::uint64_t>(seed));
        small += fit.p_value < 0.05;
    }
    EXPECT_LE(small, 6);
}

}  // namespace
}  // namespace kapsim::fit
