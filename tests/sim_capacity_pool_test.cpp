// A pool of places with a waiting line: who is served next, reneging, capacity changes, and
// the exact books kept on use, fullness and capacity over time.
#include <cstdint>
#include <stdexcept>
#include <vector>

#include <gtest/gtest.h>

#include "sim/capacity_pool.hpp"

namespace kapsim::sim {
namespace {

std::vector<std::uint32_t> serve_everyone(CapacityPool& pool, Time now) {
    std::vector<std::uint32_t> order;
    std::uint32_t entity = 0;
    while (pool.dequeue(now, entity)) order.push_back(entity);
    return order;
}

TEST(CapacityPoolTest, WaitingLineBeyondItsLimitThrowsAndKeepsTheLimitHolding) {
    CapacityPool pool(0, QueueDiscipline::fifo);
    EXPECT_EQ(pool.waiting_limit(), default_waiting_limit);
    pool.set_waiting_limit(3);
    for (std::uint32_t e = 0; e < 3; ++e) pool.enqueue(1.0, e);
    try {
        pool.enqueue(2.5, 3);
        FAIL() << "a fourth entry should not fit";
    } catch (const WaitingLineFull& full) {
        EXPECT_EQ(full.limit, 3u);
        EXPECT_EQ(full.at, 2.5);
    }
    EXPECT_EQ(pool.waiting(), 3u);
    std::uint32_t first = 99;
    ASSERT_TRUE(pool.dequeue(3.0, first));
    EXPECT_EQ(first, 0u);
    pool.enqueue(3.0, 3);  // room again once someone left the line
    EXPECT_EQ(pool.waiting(), 3u);
}

TEST(CapacityPoolTest, FifoServesInArrivalOrder) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    for (std::uint32_t e : {5u, 3u, 9u, 0u, 7u}) pool.enqueue(1.0, e);
    EXPECT_EQ(pool.waiting(), 5u);
    EXPECT_EQ(serve_everyone(pool, 2.0), (std::vector<std::uint32_t>{5, 3, 9, 0, 7}));
    EXPECT_EQ(pool.waiting(), 0u);
}

TEST(CapacityPoolTest, FifoIgnoresPriority) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    pool.enqueue(1.0, 1, 5);
    pool.enqueue(1.0, 2, 0);
    EXPECT_EQ(serve_everyone(pool, 2.0), (std::vector<std::uint32_t>{1, 2}));
}

TEST(CapacityPoolTest, PriorityServesLowestValueFirstAndTiesInArrivalOrder) {
    CapacityPool pool(1, QueueDiscipline::priority);
    pool.enqueue(1.0, 1, 2);
    pool.enqueue(1.0, 2, 0);
    pool.enqueue(1.0, 3, 1);
    pool.enqueue(1.0, 4, 0);
    pool.enqueue(1.0, 5, 2);
    pool.enqueue(1.0, 6, 1);
    pool.enqueue(1.0, 7, 0);
    pool.enqueue(1.0, 8, -1);
    EXPECT_EQ(serve_everyone(pool, 2.0), (std::vector<std::uint32_t>{8, 2, 4, 7, 3, 6, 1, 5}));
}

TEST(CapacityPoolTest, PriorityTiesKeepArrivalOrderInALongLine) {
    // Enough equal-priority entries for a heap to scramble them if ties were not ordered.
    CapacityPool pool(1, QueueDiscipline::priority);
    std::vector<std::uint32_t> expected;
    for (std::uint32_t e = 0; e < 300; ++e) pool.enqueue(1.0, e, static_cast<int>(e % 3));
    for (int p = 0; p < 3; ++p)
        for (std::uint32_t e = 0; e < 300; ++e)
            if (static_cast<int>(e % 3) == p) expected.push_back(e);
    EXPECT_EQ(serve_everyone(pool, 2.0), expected);
}

TEST(CapacityPoolTest, DequeueOnAnEmptyLineReturnsFalse) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    std::uint32_t entity = 99;
    EXPECT_FALSE(pool.dequeue(1.0, entity));
    EXPECT_EQ(entity, 99u);
}

TEST(CapacityPoolTest, WithdrawnEntityIsSkippedAndNoLongerCountsAsWaiting) {
    for (QueueDiscipline discipline : {QueueDiscipline::fifo, QueueDiscipline::priority}) {
        CapacityPool pool(1, discipline);
        pool.enqueue(1.0, 1);
        pool.enqueue(1.0, 2);
        pool.enqueue(1.0, 3);
        pool.withdraw(2.0, 2);
        EXPECT_EQ(pool.waiting(), 2u);
        pool.withdraw(2.0, 1);
        EXPECT_EQ(pool.waiting(), 1u);
        EXPECT_EQ(serve_everyone(pool, 3.0), (std::vector<std::uint32_t>{3}));
    }
}

TEST(CapacityPoolTest, WithdrawingAnEntityThatIsNotWaitingChangesNothing) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    pool.enqueue(1.0, 1);
    pool.withdraw(2.0, 42);  // never enqueued
    pool.withdraw(2.0, 0);   // id below the largest, never enqueued
    EXPECT_EQ(pool.waiting(), 1u);
    std::uint32_t served = 0;
    ASSERT_TRUE(pool.dequeue(3.0, served));
    pool.withdraw(4.0, served);  // already served
    pool.withdraw(4.0, served);
    EXPECT_EQ(pool.waiting(), 0u);
}

TEST(CapacityPoolTest, AnEntityThatWithdrewAndCameBackJoinsTheBackOfTheLine) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    pool.enqueue(1.0, 1);
    pool.enqueue(1.0, 2);
    pool.enqueue(1.0, 3);
    pool.withdraw(2.0, 1);
    pool.enqueue(3.0, 1);
    EXPECT_EQ(pool.waiting(), 3u);
    EXPECT_EQ(serve_everyone(pool, 4.0), (std::vector<std::uint32_t>{2, 3, 1}));
}

TEST(CapacityPoolTest, LineWorksAfterEveryoneWithdrew) {
    CapacityPool pool(1, QueueDiscipline::priority);
    pool.enqueue(1.0, 1, 1);
    pool.enqueue(1.0, 2, 0);
    pool.withdraw(2.0, 2);
    pool.withdraw(2.0, 1);
    EXPECT_EQ(pool.waiting(), 0u);
    pool.enqueue(3.0, 1, 3);
    pool.enqueue(3.0, 2, 4);
    EXPECT_EQ(serve_everyone(pool, 4.0), (std::vector<std::uint32_t>{1, 2}));
}

TEST(CapacityPoolTest, WaitingRecordIsTimeWeighted) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    pool.start_observation(0.0);
    pool.enqueue(1.0, 1);   // 1 waiting from 1
    pool.enqueue(2.0, 2);   // 2 from 2
    pool.withdraw(4.0, 1);  // 1 from 4
    std::uint32_t e = 0;
    ASSERT_TRUE(pool.dequeue(5.0, e));  // 0 from 5
    pool.close_observation(8.0);
    const OccupancyRecorder& w = pool.waiting_record();
    EXPECT_EQ(w.time_at_level(), (std::vector<double>{4.0, 2.0, 2.0}));
    EXPECT_DOUBLE_EQ(w.mean(), (1 * 2.0 + 2 * 2.0) / 8.0);
}

TEST(CapacityPoolTest, PoolWithoutQueueRefusesToEnqueue) {
    CapacityPool pool(1, QueueDiscipline::none);
    EXPECT_THROW(pool.enqueue(1.0, 1), std::logic_error);
}

TEST(CapacityPoolTest, CapacityCutDoesNotEvictButStopsNewStarts) {
    CapacityPool pool(3, QueueDiscipline::fifo);
    pool.occupy(0.0);
    pool.occupy(0.0);
    pool.occupy(0.0);
    pool.set_capacity(1.0, 1);
    EXPECT_EQ(pool.in_use(), 3u);
    EXPECT_EQ(pool.capacity(), 1u);
    EXPECT_FALSE(pool.has_free_place());
    pool.release(2.0);
    EXPECT_FALSE(pool.has_free_place()) << "2 in use, capacity 1";
    pool.release(3.0);
    EXPECT_FALSE(pool.has_free_place()) << "1 in use, capacity 1";
    pool.release(4.0);
    EXPECT_TRUE(pool.has_free_place());
}

TEST(CapacityPoolTest, HasFreePlaceUntilEveryPlaceIsInUse) {
    CapacityPool pool(2, QueueDiscipline::none);
    EXPECT_TRUE(pool.has_free_place());
    pool.occupy(0.0);
    EXPECT_TRUE(pool.has_free_place());
    pool.occupy(0.0);
    EXPECT_FALSE(pool.has_free_place());
    pool.set_capacity(1.0, 3);
    EXPECT_TRUE(pool.has_free_place());
}

// Capacity 2 -> 3 at day 5 -> 1 at day 7; in use 0,1,2,3 then down; observed 0..12.
//   in use:  0 [0,1)  1 [1,2)  2 [2,6)  3 [6,8)  2 [8,9)  1 [9,10)  0 [10,12)
//   full (in use >= capacity): [2,5) cap 2, [6,7) cap 3, [7,10) cap 1  -> 7 days
//   capacity integral: 2 x 5 + 3 x 2 + 1 x 5 = 21 place-days
TEST(CapacityPoolTest, FullTimeAndCapacityTimeAreExactIntegrals) {
    CapacityPool pool(2, QueueDiscipline::none);
    pool.start_observation(0.0);
    pool.occupy(1.0);
    pool.occupy(2.0);
    pool.set_capacity(5.0, 3);
    pool.occupy(6.0);
    pool.set_capacity(7.0, 1);
    pool.release(8.0);
    pool.release(9.0);
    pool.release(10.0);
    pool.close_observation(12.0);

    EXPECT_DOUBLE_EQ(pool.full_time(), 7.0);
    EXPECT_DOUBLE_EQ(pool.capacity_time(), 21.0);
    const OccupancyRecorder& use = pool.in_use_record();
    EXPECT_EQ(use.time_at_level(), (std::vector<double>{3.0, 2.0, 5.0, 2.0}));
    EXPECT_DOUBLE_EQ(use.mean(), (1 * 2.0 + 2 * 5.0 + 3 * 2.0) / 12.0);
    EXPECT_DOUBLE_EQ(use.share_at_least(3), 2.0 / 12.0);
}

TEST(CapacityPoolTest, StartObservationForgetsTheWarmUp) {
    CapacityPool pool(1, QueueDiscipline::fifo);
    pool.occupy(0.0);        // full from 0
    pool.enqueue(1.0, 7);    // one waiting from 1
    pool.start_observation(10.0);
    pool.release(12.0);      // free from 12
    std::uint32_t e = 0;
    ASSERT_TRUE(pool.dequeue(13.0, e));
    pool.close_observation(20.0);

    EXPECT_DOUBLE_EQ(pool.full_time(), 2.0);
    EXPECT_DOUBLE_EQ(pool.capacity_time(), 10.0);
    EXPECT_EQ(pool.in_use_record().observed(), 10.0);
    EXPECT_EQ(pool.in_use_record().time_at_level(), (std::vector<double>{8.0, 2.0}));
    EXPECT_EQ(pool.waiting_record().time_at_level(), (std::vector<double>{7.0, 3.0}));
}

TEST(CapacityPoolTest, UnlimitedPoolIsNeverFullAndHasNoCapacityIntegral) {
    CapacityPool pool(unlimited_capacity, QueueDiscipline::none);
    EXPECT_TRUE(pool.unlimited());
    pool.start_observation(0.0);
    for (int i = 0; i < 1000; ++i) pool.occupy(static_cast<double>(i) / 100);
    EXPECT_TRUE(pool.has_free_place());
    pool.close_observation(20.0);
    EXPECT_EQ(pool.full_time(), 0.0);
    EXPECT_EQ(pool.capacity_time(), 0.0);
}

}  // namespace
}  // namespace kapsim::sim
