// Random streams keyed by (seed, replication, purpose): reproducible, distinct, and blind to
// what else the model draws, which is what common random numbers rest on.
#include <array>
#include <cmath>
#include <cstdint>
#include <string>
#include <vector>

#include <boost/math/distributions/chi_squared.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/random/uniform_01.hpp>
#include <gtest/gtest.h>

#include "sim/random_streams.hpp"

namespace kapsim::sim {
namespace {

std::vector<std::uint64_t> first_numbers(RandomStream stream, std::size_t n = 64) {
    std::vector<std::uint64_t> out(n);
    for (auto& x : out) x = stream();
    return out;
}

// Two good streams agree at a given position with probability 2^-64.
std::size_t positions_that_agree(const std::vector<std::uint64_t>& a, const std::vector<std::uint64_t>& b) {
    std::size_t same = 0;
    for (std::size_t i = 0; i < a.size() && i < b.size(); ++i) same += a[i] == b[i];
    return same;
}

TEST(RandomStreamsTest, SameKeysGiveTheSameSequence) {
    const RandomStreams one(42, 3), other(42, 3);
    EXPECT_EQ(first_numbers(one.stream("arrivals/acute"), 10'000), first_numbers(other.stream("arrivals/acute"), 10'000));
    EXPECT_EQ(first_numbers(one.stream("arrivals/acute")), first_numbers(one.stream("arrivals/acute")))
        << "asking twice gives the stream from its start again";
}

TEST(RandomStreamsTest, DifferentPurposeGivesADifferentSequence) {
    const RandomStreams streams(42, 3);
    const auto base = first_numbers(streams.stream("arrivals/acute"));
    EXPECT_EQ(positions_that_agree(base, first_numbers(streams.stream("arrivals/acutf"))), 0u);
    EXPECT_EQ(positions_that_agree(base, first_numbers(streams.stream("stay/acute"))), 0u);
    EXPECT_EQ(positions_that_agree(base, first_numbers(streams.stream(""))), 0u);
}

TEST(RandomStreamsTest, DifferentReplicationGivesADifferentSequence) {
    const auto base = first_numbers(RandomStreams(42, 3).stream("arrivals/acute"));
    for (std::uint64_t r : {0, 1, 2, 4, 1000})
        EXPECT_EQ(positions_that_agree(base, first_numbers(RandomStreams(42, r).stream("arrivals/acute"))), 0u) << r;
}

TEST(RandomStreamsTest, DifferentSeedGivesADifferentSequence) {
    const auto base = first_numbers(RandomStreams(42, 3).stream("arrivals/acute"));
    for (std::uint64_t seed : {0, 41, 43, 1'000'000})
        EXPECT_EQ(positions_that_agree(base, first_numbers(RandomStreams(seed, 3).stream("arrivals/acute"))), 0u)
            << seed;
}

TEST(RandomStreamsTest, SeedAndReplicationAreNotInterchangeable) {
    EXPECT_EQ(positions_that_agree(first_numbers(RandomStreams(1, 2).stream("x")),
                                   first_numbers(RandomStreams(2, 1).stream("x"))),
              0u);
}

TEST(RandomStreamsTest, AStreamDoesNotDependOnWhichStreamsWereCreatedOrDrawnBefore) {
    const auto alone = first_numbers(RandomStreams(7, 0).stream("stay/ward"), 1000);

    const RandomStreams streams(7, 0);
    RandomStream arrivals = streams.stream("arrivals/acute");
    RandomStream routing = streams.stream("routing");
    for (int i = 0; i < 5000; ++i) {
        arrivals();
        routing();
    }
    const auto after_others = first_numbers(streams.stream("stay/ward"), 1000);
    EXPECT_EQ(alone, after_others);

    // And the others in turn are unaffected by "stay/ward" being created first.
    const RandomStreams again(7, 0);
    const RandomStream ward_first = again.stream("stay/ward");
    (void)ward_first;
    EXPECT_EQ(first_numbers(again.stream("routing"), 1000), first_numbers(RandomStreams(7, 0).stream("routing"), 1000));
}

// Replications 0, 1, 2 ... are nearby keys; their streams must still look independent. The
// first uniform of each of 20 000 replications should be uniform, and uncorrelated with the
// next replication's.
TEST(RandomStreamsTest, NeighbouringReplicationsLookIndependent) {
    constexpr int n = 20'000;
    constexpr int bins = 20;
    std::vector<double> first(n);
    for (int r = 0; r < n; ++r) {
        RandomStream s = RandomStreams(2024, static_cast<std::uint64_t>(r)).stream("arrivals");
        first[r] = boost::random::uniform_01<double>{}(s);
    }
    std::array<int, bins> counts{};
    for (double u : first) ++counts[static_cast<int>(u * bins)];
    double chi2 = 0;
    const double expected = static_cast<double>(n) / bins;
    for (int c : counts) chi2 += (c - expected) * (c - expected) / expected;
    const double limit = boost::math::quantile(boost::math::chi_squared(bins - 1), 0.999);
    EXPECT_LT(chi2, limit);

    double sxy = 0;
    for (int r = 0; r + 1 < n; ++r) sxy += (first[r] - 0.5) * (first[r + 1] - 0.5);
    const double correlation = sxy / (n - 1) / (1.0 / 12);
    const double z = boost::math::quantile(boost::math::normal(), 1 - 0.001 / 2);
    EXPECT_LT(std::abs(correlation), z / std::sqrt(n - 1.0));
}

TEST(RandomStreamsTest, Fnv1aMatchesThePublishedTestVectors) {
    EXPECT_EQ(fnv1a64(""), 0xcbf29ce484222325ULL);
    EXPECT_EQ(fnv1a64("a"), 0xaf63dc4c8601ec8cULL);
    EXPECT_EQ(fnv1a64("foobar"), 0x85944171f73967e8ULL);
}

}  // namespace
}  // namespace kapsim::sim
