// Distributions of durations: each draws values whose mean and sd are the ones it was given,
// and refuses parameters that make no sense. Sample moments are compared with the theory
// within 99.9 % bounds (Bonferroni over the two moments), from 200 000 draws of a fixed
// stream, so the outcome is the same on every run.
#include <cmath>
#include <numbers>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

#include <algorithm>
#include <functional>

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/triangular.hpp>
#include <boost/math/distributions/uniform.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <gtest/gtest.h>

#include "sim/distribution.hpp"
#include "sim/random_streams.hpp"

namespace kapsim::sim {
namespace {

constexpr int draws = 200'000;

double z_bound(double confidence, int comparisons) {
    return boost::math::quantile(boost::math::normal(), 1 - (1 - confidence) / (2.0 * comparisons));
}

struct Moments {
    double mean = 0, sd = 0, fourth_central = 0;
};

Moments sample_moments(Distribution d, const std::string& purpose) {
    RandomStream stream = RandomStreams(20240101, 0).stream(purpose);
    std::vector<double> x(draws);
    for (double& v : x) v = d.sample(stream);
    Moments m;
    for (double v : x) m.mean += v;
    m.mean /= draws;
    double m2 = 0, m4 = 0;
    for (double v : x) {
        const double c = (v - m.mean) * (v - m.mean);
        m2 += c;
        m4 += c * c;
    }
    m.sd = std::sqrt(m2 / (draws - 1));
    m.fourth_central = m4 / draws;
    return m;
}

// The sample mean is within z standard errors of the theoretical mean, and so is the sample
// sd; the sd's standard error, sqrt(mu4 - sigma^4) / (2 sigma sqrt(n)), takes the fourth
// moment from the sample so heavy tails are accounted for.
void expect_moments_match(const Distribution& d, double mean, double sd) {
    ASSERT_NEAR(d.mean(), mean, 1e-9 * mean) << d.name() << ": theoretical mean";
    ASSERT_NEAR(d.sd(), sd, 1e-9 * sd) << d.name() << ": theoretical sd";
    const Moments m = sample_moments(d, d.name());
    const double z = z_bound(0.999, 2);
    const double mean_se = sd / std::sqrt(static_cast<double>(draws));
    EXPECT_NEAR(m.mean, mean, z * mean_se) << d.name() << ": sample mean";
    const double sd_se = std::sqrt(m.fourth_central - std::pow(m.sd, 4)) / (2 * m.sd * std::sqrt(static_cast<double>(draws)));
    EXPECT_NEAR(m.sd, sd, z * sd_se) << d.name() << ": sample sd";
}

TEST(DistributionTest, ExponentialHasTheGivenMean) {
    expect_moments_match(Distribution::exponential(3.0), 3.0, 3.0);
}

TEST(DistributionTest, LognormalHasTheGivenMeanAndSd) {
    expect_moments_match(Distribution::lognormal(9.0, 9.0), 9.0, 9.0);
    expect_moments_match(Distribution::lognormal(4.0, 1.0), 4.0, 1.0);
}

TEST(DistributionTest, GammaHasTheGivenMeanAndSd) {
    expect_moments_match(Distribution::gamma(5.0, 2.0), 5.0, 2.0);
    expect_moments_match(Distribution::gamma(2.0, 4.0), 2.0, 4.0);  // shape below 1
}

TEST(DistributionTest, WeibullHasTheMeanAndSdOfItsShapeAndScale) {
    // Shape 2: mean = scale * Gamma(1.5) = scale * sqrt(pi) / 2, variance = scale^2 (1 - pi / 4).
    const double scale = 10.0;
    expect_moments_match(Distribution::weibull(2.0, scale), scale * std::sqrt(std::numbers::pi) / 2,
                         scale * std::sqrt(1 - std::numbers::pi / 4));
    // Shape 1 is the exponential with mean = scale.
    expect_moments_match(Distribution::weibull(1.0, 4.0), 4.0, 4.0);
}

TEST(DistributionTest, UniformHasTheMeanAndSdOfItsRange) {
    expect_moments_match(Distribution::uniform(2.0, 8.0), 5.0, 6.0 / std::sqrt(12.0));
}

TEST(DistributionTest, TriangularHasTheMeanAndSdOfItsCorners) {
    // mean (1 + 2 + 6) / 3; variance (1 + 4 + 36 - 2 - 6 - 12) / 18 = 21 / 18.
    expect_moments_match(Distribution::triangular(1.0, 2.0, 6.0), 3.0, std::sqrt(21.0 / 18.0));
}

TEST(DistributionTest, EmpiricalHonoursTheWeights) {
    // Values 1, 4, 10 with weights 1, 2, 1: mean 19/4, E[x^2] = (1 + 32 + 100) / 4.
    const double mean = 19.0 / 4, second = 133.0 / 4;
    expect_moments_match(Distribution::empirical({1, 4, 10}, {1, 2, 1}), mean, std::sqrt(second - mean * mean));
}

TEST(DistributionTest, EmpiricalWithoutWeightsWeighsValuesEqually) {
    const Distribution d = Distribution::empirical({2, 4, 9}, {});
    EXPECT_DOUBLE_EQ(d.mean(), 5.0);
    expect_moments_match(d, 5.0, std::sqrt((9.0 + 1.0 + 16.0) / 3));
}

TEST(DistributionTest, EmpiricalNeverDrawsAValueOfWeightZero) {
    Distribution d = Distribution::empirical({1, 2, 3}, {1, 0, 1});
    RandomStream stream = RandomStreams(5, 0).stream("empirical");
    std::set<double> seen;
    for (int i = 0; i < 10'000; ++i) seen.insert(d.sample(stream));
    EXPECT_EQ(seen, (std::set<double>{1, 3}));
}

TEST(DistributionTest, FixedAlwaysGivesItsValue) {
    Distribution d = Distribution::fixed(2.5);
    EXPECT_EQ(d.mean(), 2.5);
    EXPECT_EQ(d.sd(), 0.0);
    RandomStream stream = RandomStreams(5, 0).stream("fixed");
    for (int i = 0; i < 100; ++i) EXPECT_EQ(d.sample(stream), 2.5);
}

TEST(DistributionTest, DrawsStayWithinTheSupport) {
    RandomStream stream = RandomStreams(5, 0).stream("support");
    Distribution uniform = Distribution::uniform(2.0, 8.0);
    Distribution triangular = Distribution::triangular(1.0, 2.0, 6.0);
    Distribution lognormal = Distribution::lognormal(9.0, 9.0);
    for (int i = 0; i < 50'000; ++i) {
        const double u = uniform.sample(stream), t = triangular.sample(stream), l = lognormal.sample(stream);
        ASSERT_TRUE(u >= 2.0 && u <= 8.0) << u;
        ASSERT_TRUE(t >= 1.0 && t <= 6.0) << t;
        ASSERT_GT(l, 0.0);
    }
}

TEST(DistributionTest, ACopyDrawsTheSameValuesFromTheSameStream) {
    // Each replication works on its own copy; a copy must behave exactly like the original.
    const Distribution original = Distribution::gamma(5.0, 2.0);
    Distribution a = original, b = original;
    RandomStream sa = RandomStreams(9, 1).stream("stay"), sb = RandomStreams(9, 1).stream("stay");
    for (int i = 0; i < 1000; ++i) ASSERT_EQ(a.sample(sa), b.sample(sb));
}

TEST(DistributionTest, KnowsWhetherADrawCanBeExactlyZero) {
    EXPECT_TRUE(Distribution::fixed(0.0).can_be_zero());
    EXPECT_FALSE(Distribution::fixed(1.0).can_be_zero());
    EXPECT_TRUE(Distribution::empirical({0, 2}, {1, 1}).can_be_zero());
    EXPECT_FALSE(Distribution::empirical({0, 2}, {0, 1}).can_be_zero()) << "a zero that is never drawn";
    EXPECT_FALSE(Distribution::exponential(1.0).can_be_zero());
    EXPECT_FALSE(Distribution::uniform(0.0, 1.0).can_be_zero()) << "zero has probability zero";
}

TEST(DistributionTest, FactoriesRefuseParametersThatMakeNoSense) {
    EXPECT_THROW(Distribution::exponential(-1.0), std::invalid_argument);
    EXPECT_THROW(Distribution::exponential(0.0), std::invalid_argument);
    EXPECT_THROW(Distribution::exponential(std::nan("")), std::invalid_argument);
    EXPECT_THROW(Distribution::lognormal(-9.0, 9.0), std::invalid_argument);
    EXPECT_THROW(Distribution::lognormal(9.0, -1.0), std::invalid_argument);
    EXPECT_THROW(Distribution::gamma(-5.0, 2.0), std::invalid_argument);
    EXPECT_THROW(Distribution::gamma(5.0, 0.0), std::invalid_argument);
    EXPECT_THROW(Distribution::weibull(0.0, 10.0), std::invalid_argument);
    EXPECT_THROW(Distribution::weibull(2.0, -10.0), std::invalid_argument);
    EXPECT_THROW(Distribution::uniform(8.0, 2.0), std::invalid_argument);
    EXPECT_THROW(Distribution::uniform(-1.0, 2.0), std::invalid_argument);
    EXPECT_THROW(Distribution::triangular(1.0, 2.0, 0.5), std::invalid_argument);   // max < min
    EXPECT_THROW(Distribution::triangular(1.0, 7.0, 6.0), std::invalid_argument);   // mode above max
    EXPECT_THROW(Distribution::triangular(1.0, 0.5, 6.0), std::invalid_argument);   // mode below min
    EXPECT_THROW(Distribution::fixed(-1.0), std::invalid_argument);
    EXPECT_THROW(Distribution::empirical({}, {}), std::invalid_argument);
    EXPECT_THROW(Distribution::empirical({1, 2, 3}, {1, 2}), std::invalid_argument);
    EXPECT_THROW(Distribution::empirical({1, 2}, {0, 0}), std::invalid_argument);
    EXPECT_THROW(Distribution::empirical({1, 2}, {1, -1}), std::invalid_argument);
    EXPECT_THROW(Distribution::empirical({-1, 2}, {1, 1}), std::invalid_argument);
}

// The time left of a stay seen at a random moment (the equilibrium residual) has mean
// E[X^2] / (2 E[X]) and second moment E[X^3] / (3 E[X]) by renewal theory; here the first for
// every family, from the family's own mean and sd, and the exponential's memorylessness.
TEST(DistributionTest, TimeLeftHasTheEquilibriumResidualMean) {
    const std::vector<std::pair<std::string, Distribution>> families{
        {"fixed", Distribution::fixed(10)},
        {"exponential", Distribution::exponential(10)},
        {"lognormal", Distribution::lognormal(10, 25)},
        {"gamma", Distribution::gamma(10, 4)},
        {"weibull", Distribution::weibull(0.7, 10)},
        {"uniform", Distribution::uniform(2, 18)},
        {"triangular", Distribution::triangular(1, 4, 25)},
        {"empirical", Distribution::empirical({1, 5, 30}, {5, 3, 1})},
    };
    for (const auto& [name, d] : families) {
        RandomStream stream = RandomStreams(17, 0).stream("time-left/" + name);
        const int n = 200000;
        double sum = 0, sum2 = 0;
        for (int i = 0; i < n; ++i) {
            const double x = d.sample_time_left(stream);
            sum += x;
            sum2 += x * x;
        }
        const double mean = sum / n, sd = std::sqrt(sum2 / n - mean * mean);
        const double residual_mean = (d.sd() * d.sd() + d.mean() * d.mean()) / (2 * d.mean());
        EXPECT_NEAR(mean, residual_mean, 4 * sd / std::sqrt(n)) << name;
    }
    // Memoryless: the time left of an exponential stay is the same exponential (sd = mean).
    RandomStream stream = RandomStreams(18, 0).stream("time-left");
    const Distribution e = Distribution::exponential(3);
    double sum = 0, sum2 = 0;
    const int n = 200000;
    for (int i = 0; i < n; ++i) {
        const double x = e.sample_time_left(stream);
        sum += x;
        sum2 += x * x;
    }
    EXPECT_NEAR(sum2 / n - (sum / n) * (sum / n), 9.0, 4 * std::sqrt(8.0 * 81 / n));  // the sample variance has variance (mu4 - sigma^4) / n = 8 m^4 / n
}

// The time left of a stay that has lasted `a` is drawn from P(S - a <= t | S > a) =
// 1 - S(a + t) / S(a). Each family is checked against that conditional distribution as Boost.Math
// computes it (independently of the sampler's own inversion), by the Kolmogorov-Smirnov
// distance of 20 000 draws at the 0.1 % level, at an elapsed time of zero (the plain
// distribution), near the median and far in the tail.
TEST(DistributionTest, TimeLeftGivenElapsedFollowsTheConditionalDistribution) {
    namespace bm = boost::math;
    const double ln_sigma2 = std::log1p(25.0 * 25.0 / (10.0 * 10.0));
    const bm::lognormal lognormal(std::log(10.0) - ln_sigma2 / 2, std::sqrt(ln_sigma2));
    const bm::gamma_distribution<> gamma(10.0 * 10.0 / 16.0, 16.0 / 10.0);  // mean 10, sd 4
    const bm::weibull weibull(0.7, 10);
    const bm::exponential exponential(0.1);
    const bm::uniform uniform(2, 18);
    const bm::triangular triangular(1, 4, 25);
    struct Family {
        std::string name;
        Distribution d;
        std::function<double(double)> cdf;
        std::vector<double> elapsed;
    };
    const std::vector<Family> families{
        {"exponential", Distribution::exponential(10), [&](double x) { return bm::cdf(exponential, x); }, {0, 7, 60}},
        {"lognormal", Distribution::lognormal(10, 25), [&](double x) { return bm::cdf(lognormal, x); }, {0, 4, 200}},
        {"gamma", Distribution::gamma(10, 4), [&](double x) { return bm::cdf(gamma, x); }, {0, 9, 30}},
        {"weibull", Distribution::weibull(0.7, 10), [&](double x) { return bm::cdf(weibull, x); }, {0, 6, 150}},
        {"uniform", Distribution::uniform(2, 18), [&](double x) { return x <= 2 ? 0.0 : x >= 18 ? 1.0 : bm::cdf(uniform, x); }, {0, 1, 10, 17}},
        {"triangular", Distribution::triangular(1, 4, 25), [&](double x) { return x <= 1 ? 0.0 : x >= 25 ? 1.0 : bm::cdf(triangular, x); }, {0, 3, 12, 24}},
    };
    const int n = 20000;
    const double critical = 1.95 / std::sqrt(static_cast<double>(n));  // 0.1 % level
    for (const auto& f : families)
        for (const double a : f.elapsed) {
            RandomStream stream = RandomStreams(31, 0).stream("remaining/" + f.name);
            std::vector<double> t(n);
            for (double& x : t) x = f.d.sample_remaining(a, stream);
            std::sort(t.begin(), t.end());
            const double survival_a = 1 - f.cdf(a);
            ASSERT_NEAR(f.d.survival(a), survival_a, 1e-9 * std::max(1.0, survival_a)) << f.name << " at " << a;
            double distance = 0;
            for (int i = 0; i < n; ++i) {
                ASSERT_GE(t[i], 0) << f.name;
                const double conditional = (f.cdf(a + t[i]) - f.cdf(a)) / survival_a;
                distance = std::max({distance, std::abs(conditional - static_cast<double>(i) / n),
                                     std::abs(conditional - static_cast<double>(i + 1) / n)});
            }
            EXPECT_LT(distance, critical) << f.name << " after " << a << " days: Kolmogorov-Smirnov distance";
        }
}

// A fixed stay has exactly its rest left; an empirical one one of the values beyond the time
// already spent, in proportion to their weights.
TEST(DistributionTest, TimeLeftGivenElapsedOfFixedAndEmpiricalStays) {
    RandomStream stream = RandomStreams(32, 0).stream("remaining");
    EXPECT_EQ(Distribution::fixed(10).sample_remaining(3, stream), 7);
    EXPECT_EQ(Distribution::fixed(10).survival(10), 0);
    const Distribution e = Distribution::empirical({1, 5, 30}, {5, 3, 1});
    EXPECT_NEAR(e.survival(2), 4.0 / 9, 1e-12);
    const int n = 90000;
    int five = 0, thirty = 0;
    for (int i = 0; i < n; ++i) {
        const double x = e.sample_remaining(2, stream);
        five += x == 3;
        thirty += x == 28;
    }
    EXPECT_EQ(five + thirty, n) << "only the stays longer than 2 days remain";
    const double p = 0.75, sd = std::sqrt(p * (1 - p) / n);
    EXPECT_NEAR(static_cast<double>(five) / n, p, 4 * sd);
}

// Far in the tail, where the survival is near the smallest double, the time left is still a
// finite, non-negative number: a census with a very long stay must not stop the run.
TEST(DistributionTest, TimeLeftFarInTheTailIsFinite) {
    RandomStream stream = RandomStreams(34, 0).stream("remaining");
    const std::vector<std::pair<Distribution, double>> far{{Distribution::lognormal(1, 0.3), 52000.0},
                                                           {Distribution::gamma(1, 0.5), 150.0},
                                                           {Distribution::weibull(3, 1), 8.0}};
    for (const auto& [d, a] : far) {
        ASSERT_GT(d.survival(a), 0) << d.name();
        for (int i = 0; i < 1000; ++i) {
            const double t = d.sample_remaining(a, stream);
            ASSERT_TRUE(std::isfinite(t) && t >= 0) << d.name() << " after " << a << ": " << t;
        }
    }
}

// Far in the tail of a long-tailed stay, the time left keeps growing (lognormal and Weibull
// with shape below 1 have decreasing hazard): someone who has stayed long is expected to stay
// longer still, which restarting the stay would miss.
TEST(DistributionTest, TimeLeftGrowsWithTimeSpentWhereTheHazardFalls) {
    const Distribution d = Distribution::lognormal(10, 25);
    const auto mean_left = [&](double a) {
        RandomStream stream = RandomStreams(33, 0).stream("remaining");
        double sum = 0;
        for (int i = 0; i < 20000; ++i) sum += d.sample_remaining(a, stream);
        return sum / 20000;
    };
    EXPECT_LT(mean_left(1), mean_left(30));
    EXPECT_LT(mean_left(30), mean_left(300));
}

}  // namespace
}  // namespace kapsim::sim
