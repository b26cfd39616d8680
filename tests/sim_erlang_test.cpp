// Erlang's loss and delay formulas, checked against the textbook sums they stand for.
#include <cmath>

#include <gtest/gtest.h>

#include "sim/erlang.hpp"

namespace kapsim::sim {
namespace {

// B(c, a) = (a^c / c!) / sum_{k=0..c} a^k / k!
double loss_by_sum(unsigned c, double a) {
    double term = 1, sum = 1;
    for (unsigned k = 1; k <= c; ++k) {
        term *= a / k;
        sum += term;
    }
    return term / sum;
}

// C(c, a) = (a^c / c!) c / (c - a) / (sum_{k<c} a^k / k! + (a^c / c!) c / (c - a))
double wait_by_sum(unsigned c, double a) {
    double term = 1, sum = 0;
    for (unsigned k = 0; k < c; ++k) {
        sum += term;
        term *= a / (k + 1);
    }
    const double last = term * c / (c - a);
    return last / (sum + last);
}

TEST(ErlangTest, LossProbabilityOfSmallSystemsByHand) {
    EXPECT_DOUBLE_EQ(erlang_b(0, 3.0), 1.0) << "no places: everyone is lost";
    EXPECT_DOUBLE_EQ(erlang_b(1, 1.0), 0.5);
    EXPECT_DOUBLE_EQ(erlang_b(2, 1.0), 0.2);  // (1/2) / (1 + 1 + 1/2)
}

TEST(ErlangTest, LossProbabilityAgreesWithTheDirectSum) {
    for (unsigned c : {1u, 5u, 10u, 30u, 100u})
        for (double a : {0.5, 4.0, 9.5, 25.0, 80.0})
            EXPECT_NEAR(erlang_b(c, a), loss_by_sum(c, a), 1e-12) << "c " << c << " a " << a;
}

TEST(ErlangTest, LossProbabilityStaysFiniteForLargeSystems) {
    // The direct sum overflows here; the recursion must not.
    const double b = erlang_b(2000, 1900.0);
    EXPECT_TRUE(std::isfinite(b));
    EXPECT_GT(b, 0.0);
    EXPECT_LT(b, 1.0);
}

TEST(ErlangTest, WaitProbabilityOfSmallSystemsByHand) {
    EXPECT_DOUBLE_EQ(erlang_c(1, 0.5), 0.5) << "M/M/1: the probability of waiting is the load";
    EXPECT_NEAR(erlang_c(2, 1.0), 1.0 / 3.0, 1e-15);
}

TEST(ErlangTest, WaitProbabilityAgreesWithTheDirectSum) {
    for (unsigned c : {1u, 5u, 10u, 30u})
        for (double share : {0.1, 0.5, 0.8, 0.95})
            EXPECT_NEAR(erlang_c(c, share * c), wait_by_sum(c, share * c), 1e-12) << "c " << c << " load " << share;
}

TEST(ErlangTest, EveryoneWaitsWhenTheLoadReachesThePlaces) {
    EXPECT_EQ(erlang_c(5, 5.0), 1.0);
    EXPECT_EQ(erlang_c(5, 7.5), 1.0);
}

// Erlang A against two limits that need no Erlang A: when the waiting leave as fast as the
// served finish (theta = mu) everyone present leaves at rate mu, an M/M/infinity whose number
// present is Poisson(lambda / mu); and with patience far longer than any wait it is Erlang C.
TEST(ErlangTest, ErlangAWithPatienceAsLongAsStaysIsPoissonOccupancy) {
    for (unsigned c : {1u, 4u, 13u})
        for (double load : {0.5, 3.0, 12.0, 40.0}) {
            const double lambda = 2.0, mu = lambda / load;
            double below = 0;
            for (unsigned n = 0; n < c; ++n) below += std::exp(n * std::log(load) - load - std::lgamma(n + 1.0));
            const auto a = erlang_a(c, lambda, mu, mu);
            EXPECT_NEAR(a.p_wait, 1 - below, 1e-9) << "c " << c << " load " << load;
            // Mean queue = E[max(N - c, 0)] of the Poisson; left unserved = theta x queue / lambda.
            double queue = 0;
            for (unsigned n = c + 1; n < 400; ++n)
                queue += (n - c) * std::exp(n * std::log(load) - load - std::lgamma(n + 1.0));
            EXPECT_NEAR(a.mean_queue, queue, 1e-9 * std::max(1.0, queue));
            EXPECT_NEAR(a.p_abandon, mu * queue / lambda, 1e-9);
        }
}

TEST(ErlangTest, ErlangAWithEndlessPatienceIsErlangC) {
    for (unsigned c : {1u, 5u, 16u})
        for (double share : {0.3, 0.8, 0.95}) {
            const double load = share * c, lambda = 1.0, mu = lambda / load;
            EXPECT_NEAR(erlang_a(c, lambda, mu, 1e-9).p_wait, erlang_c(c, load), 1e-5) << "c " << c << " load " << load;
        }
}

TEST(ErlangTest, ErlangAStaysFiniteBeyondTheCapacity) {
    const auto a = erlang_a(10, 30.0, 1.0, 0.1);  // three times the capacity
    EXPECT_GT(a.p_wait, 0.99);
    // In the long run those served are at most c mu: at least 2/3 must leave unserved.
    EXPECT_GE(a.p_abandon, 2.0 / 3.0 - 1e-9);
    EXPECT_LT(a.p_abandon, 1.0);
}

}  // namespace
}  // namespace kapsim::sim
