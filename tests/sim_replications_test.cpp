// Replications in parallel: results come back in replication order and do not depend on how
// many threads ran them; a failure in one replication reaches the caller.
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <boost/random/exponential_distribution.hpp>
#include <gtest/gtest.h>

#include "sim/random_streams.hpp"
#include "sim/replications.hpp"

namespace kapsim::sim {
namespace {

struct Outcome {
    std::size_t replication = 0;
    double total = 0;
    std::vector<double> draws;
    bool operator==(const Outcome&) const = default;
};

// A replication with uneven amounts of work, so threads finish out of order.
Outcome replicate(std::size_t r) {
    RandomStream stream = RandomStreams(99, r).stream("work");
    boost::random::exponential_distribution<double> draw(1.0);
    Outcome o{r, 0.0, {}};
    const std::size_t n = 1000 + (r * 7919) % 20'000;
    for (std::size_t i = 0; i < n; ++i) {
        const double x = draw(stream);
        o.total += x;
        if (i < 5) o.draws.push_back(x);
    }
    return o;
}

TEST(ReplicationsTest, ResultsComeBackInReplicationOrder) {
    const std::vector<Outcome> results = run_replications<Outcome>(40, 2, replicate);
    ASSERT_EQ(results.size(), 40u);
    for (std::size_t r = 0; r < results.size(); ++r) {
        EXPECT_EQ(results[r].replication, r);
        EXPECT_EQ(results[r], replicate(r));
    }
}

TEST(ReplicationsTest, ResultsAreBitwiseTheSameForAnyNumberOfThreads) {
    const auto one = run_replications<Outcome>(40, 1, replicate);
    const auto two = run_replications<Outcome>(40, 2, replicate);
    const auto four = run_replications<Outcome>(40, 4, replicate);
    EXPECT_EQ(one, two);
    EXPECT_EQ(one, four);
    // Replications differ from one another: identical results would make the check empty.
    EXPECT_NE(one[0].total, one[1].total);
}

TEST(ReplicationsTest, ZeroReplicationsGiveNoResults) {
    EXPECT_TRUE(run_replications<Outcome>(0, 2, replicate).empty());
}

TEST(ReplicationsTest, AnExceptionInOneReplicationIsRethrown) {
    const std::function<int(std::size_t)> failing = [](std::size_t r) -> int {
        if (r == 13) throw std::runtime_error("replication 13 failed");
        return static_cast<int>(r);
    };
    for (int threads : {1, 2, 4}) {
        try {
            run_replications<int>(30, threads, failing);
            ADD_FAILURE() << "no exception with " << threads << " threads";
        } catch (const std::runtime_error& e) {
            EXPECT_EQ(std::string(e.what()), "replication 13 failed") << threads << " threads";
        }
    }
}

TEST(ReplicationsTest, ReplicationsAfterAFailureAreSkipped) {
    // A replication stopped by a work limit is not followed by the rest of them, each of which
    // would run into the same limit.
    std::atomic<std::size_t> started{0};
    EXPECT_THROW(parallel_for_replications(10'000, 1,
                                           [&](std::size_t r) {
                                               ++started;
                                               if (r == 3) throw std::runtime_error("limit");
                                           }),
                 std::runtime_error);
    EXPECT_EQ(started.load(), 4u) << "on one thread, nothing starts after replication 3 failed";
}

TEST(ReplicationsTest, EveryReplicationRunsExactlyOnce) {
    std::vector<int> runs(64, 0);
    const std::function<int(std::size_t)> count = [&](std::size_t r) {
        ++runs[r];  // each replication writes only its own slot
        return 0;
    };
    run_replications<int>(runs.size(), 4, count);
    for (std::size_t r = 0; r < runs.size(); ++r) EXPECT_EQ(runs[r], 1) << r;
}

TEST(ReplicationsTest, ZeroThreadsMeansAllCores) {
    EXPECT_GE(effective_threads(0), 1);
    EXPECT_EQ(effective_threads(3), 3);
}

}  // namespace
}  // namespace kapsim::sim
