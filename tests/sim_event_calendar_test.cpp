// The event calendar and the simulation core: the order events run in, cancellation, and the
// clock. The calendar is also checked against a plain std::multimap under random load.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <iterator>
#include <limits>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>
#include <vector>

#include <gtest/gtest.h>

#include "sim/event_calendar.hpp"
#include "sim/simulation.hpp"

namespace kapsim::sim {
namespace {

EventAddress to(std::uint32_t payload, std::uint32_t kind = 0, std::uint32_t target = 0) {
    return {target, kind, payload};
}

// Pops everything and returns the payloads in the order they came out.
std::vector<std::uint32_t> drain(EventCalendar& calendar) {
    std::vector<std::uint32_t> payloads;
    Event e;
    while (calendar.pop(e)) payloads.push_back(e.address.payload);
    return payloads;
}

TEST(EventCalendarTest, EventsComeOutInTimeOrder) {
    EventCalendar calendar;
    const std::vector<double> times{5.0, 1.0, 3.5, 0.25, 4.0, 2.0, 9.75, 0.0};
    for (std::uint32_t i = 0; i < times.size(); ++i) calendar.schedule(times[i], to(i));

    std::vector<double> seen;
    Event e;
    while (calendar.pop(e)) {
        seen.push_back(e.time);
        EXPECT_EQ(times[e.address.payload], e.time) << "an event's address travels with its time";
    }
    EXPECT_EQ(seen, (std::vector<double>{0.0, 0.25, 1.0, 2.0, 3.5, 4.0, 5.0, 9.75}));
    EXPECT_TRUE(calendar.empty());
}

// The calendar orders (time, sequence) as one integer made from the time's bits; that order
// must be the doubles' own over the whole line, and a time must come back bit for bit.
TEST(EventCalendarTest, OrderIsThatOfTheTimesForNegativeTinyHugeAndInfiniteTimes) {
    EventCalendar calendar;
    const double tiny = std::numeric_limits<double>::denorm_min();
    const std::vector<double> times{1e300, -1.0, tiny, std::numeric_limits<double>::infinity(), -tiny, 0.1 + 0.2,
                                    -1e300, 0.3, 1.0, -std::numeric_limits<double>::infinity(), 1.0 + 0x1p-52};
    for (std::uint32_t i = 0; i < times.size(); ++i) calendar.schedule(times[i], to(i));
    std::vector<double> sorted = times;
    std::sort(sorted.begin(), sorted.end());
    std::vector<double> seen;
    Event e;
    while (calendar.pop(e)) {
        seen.push_back(e.time);
        EXPECT_EQ(std::bit_cast<std::uint64_t>(times[e.address.payload]), std::bit_cast<std::uint64_t>(e.time))
            << "the time comes back bit for bit";
    }
    EXPECT_EQ(seen, sorted);
}

TEST(EventCalendarTest, MinusZeroAndZeroAreOneTimeAndRunInSchedulingOrder) {
    EventCalendar calendar;
    calendar.schedule(0.0, to(0));
    calendar.schedule(-0.0, to(1));
    calendar.schedule(0.0, to(2));
    calendar.schedule(-0.0, to(3));
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{0, 1, 2, 3}));
    Event e;
    calendar.schedule(1.0, to(4));
    EXPECT_FALSE(calendar.pop_due(-0.0, e)) << "an event at 1 is not due by -0";
    calendar.schedule(0.0, to(5));
    EXPECT_TRUE(calendar.pop_due(-0.0, e)) << "an event at 0 is due by -0";
    EXPECT_EQ(e.address.payload, 5u);
}

TEST(EventCalendarTest, SimultaneousEventsRunInSchedulingOrder) {
    EventCalendar calendar;
    // Enough events at one time for the heap to reorder them if ties were not broken by
    // sequence; cancellable and plain events share one sequence.
    std::vector<std::uint32_t> expected_at_two;
    for (std::uint32_t i = 0; i < 200; ++i) {
        calendar.schedule(3.0, to(10'000 + i));
        if (i % 3 == 0)
            calendar.schedule_cancellable(2.0, to(i));
        else
            calendar.schedule(2.0, to(i));
        expected_at_two.push_back(i);
        calendar.schedule(1.0, to(20'000 + i));
    }
    const std::vector<std::uint32_t> all = drain(calendar);
    ASSERT_EQ(all.size(), 600u);
    for (std::uint32_t i = 0; i < 200; ++i) {
        EXPECT_EQ(all[i], 20'000 + i);
        EXPECT_EQ(all[200 + i], expected_at_two[i]);
        EXPECT_EQ(all[400 + i], 10'000 + i);
    }
}

TEST(EventCalendarTest, CancelledEventNeverRuns) {
    EventCalendar calendar;
    calendar.schedule_cancellable(1.0, to(1));
    const EventHandle second = calendar.schedule_cancellable(2.0, to(2));
    calendar.schedule(3.0, to(3));
    calendar.cancel(second);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{1, 3}));
}

TEST(EventCalendarTest, CancellingTwiceIsHarmless) {
    EventCalendar calendar;
    calendar.schedule_cancellable(1.0, to(1));
    const EventHandle second = calendar.schedule_cancellable(2.0, to(2));
    calendar.schedule_cancellable(3.0, to(3));
    calendar.cancel(second);
    calendar.cancel(second);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{1, 3}));
}

TEST(EventCalendarTest, CancellingAnEventThatAlreadyRanIsHarmless) {
    EventCalendar calendar;
    const EventHandle first = calendar.schedule_cancellable(1.0, to(1));
    calendar.schedule_cancellable(2.0, to(2));
    Event e;
    ASSERT_TRUE(calendar.pop(e));
    ASSERT_EQ(e.address.payload, 1u);
    calendar.cancel(first);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{2}));
}

TEST(EventCalendarTest, DefaultHandleCancelsNothing) {
    EventCalendar calendar;
    calendar.schedule_cancellable(1.0, to(1));
    calendar.schedule(2.0, to(2));
    EventHandle none;
    EXPECT_FALSE(none.valid());
    calendar.cancel(none);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{1, 2}));
}

TEST(EventCalendarTest, StaleHandleDoesNotCancelTheEventNowHoldingItsSlotAfterItRan) {
    EventCalendar calendar;
    const EventHandle ran = calendar.schedule_cancellable(1.0, to(1));
    Event e;
    ASSERT_TRUE(calendar.pop(e));
    const EventHandle reuser = calendar.schedule_cancellable(2.0, to(2));
    ASSERT_EQ(reuser.slot, ran.slot) << "this test needs the freed slot to be reused";
    calendar.cancel(ran);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{2}));
}

TEST(EventCalendarTest, StaleHandleDoesNotCancelTheEventNowHoldingItsSlotAfterItWasCancelled) {
    EventCalendar calendar;
    const EventHandle dropped = calendar.schedule_cancellable(1.0, to(1));
    calendar.schedule(1.5, to(15));
    calendar.cancel(dropped);
    Event e;
    ASSERT_TRUE(calendar.pop(e));  // skips the cancelled record, which frees its slot
    ASSERT_EQ(e.address.payload, 15u);
    const EventHandle reuser = calendar.schedule_cancellable(2.0, to(2));
    ASSERT_EQ(reuser.slot, dropped.slot) << "this test needs the freed slot to be reused";
    calendar.cancel(dropped);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{2}));
}

TEST(EventCalendarTest, PopDueRunsEventsAtExactlyTheEndTime) {
    EventCalendar calendar;
    calendar.schedule(2.0, to(1));
    calendar.schedule(2.0 + 1e-9, to(2));
    Event e;
    ASSERT_TRUE(calendar.pop_due(2.0, e));
    EXPECT_EQ(e.address.payload, 1u);
    EXPECT_FALSE(calendar.pop_due(2.0, e));
    EXPECT_EQ(calendar.size(), 1u) << "an event after the end stays in the calendar";
}

TEST(EventCalendarTest, PopDueRespectsTheEndTimeWhenACancelledRecordIsOnTop) {
    EventCalendar calendar;
    const EventHandle early = calendar.schedule_cancellable(1.0, to(1));
    calendar.schedule(5.0, to(5));
    calendar.cancel(early);
    Event e;
    EXPECT_FALSE(calendar.pop_due(3.0, e)) << "the live event at 5 is not due by 3";
    ASSERT_TRUE(calendar.pop_due(5.0, e));
    EXPECT_EQ(e.address.payload, 5u);
    EXPECT_EQ(e.time, 5.0);
}

TEST(EventCalendarTest, PopDueOnAnEmptyOrAllCancelledCalendarReturnsFalse) {
    EventCalendar calendar;
    Event e;
    EXPECT_FALSE(calendar.pop_due(100.0, e));
    const EventHandle a = calendar.schedule_cancellable(1.0, to(1));
    const EventHandle b = calendar.schedule_cancellable(2.0, to(2));
    calendar.cancel(a);
    calendar.cancel(b);
    EXPECT_FALSE(calendar.pop(e));
    EXPECT_TRUE(calendar.empty());
}

TEST(EventCalendarTest, NextTimeIsTheEarliestRecordOrInfinity) {
    EventCalendar calendar;
    EXPECT_EQ(calendar.next_time(), std::numeric_limits<Time>::infinity());
    calendar.schedule(4.0, to(4));
    calendar.schedule(2.5, to(2));
    EXPECT_EQ(calendar.next_time(), 2.5);
}

TEST(EventCalendarTest, ClearForgetsEverything) {
    EventCalendar calendar;
    calendar.schedule(1.0, to(1));
    const EventHandle old = calendar.schedule_cancellable(2.0, to(2));
    calendar.clear();
    EXPECT_TRUE(calendar.empty());
    calendar.schedule_cancellable(3.0, to(3));
    calendar.schedule(3.0, to(4));
    calendar.cancel(old);  // a handle from before the clear must not reach the new events
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{3, 4}));
}

TEST(EventCalendarTest, ChainedEventsRunInTimeAndSchedulingOrderAmongTheHeapsEvents) {
    EventCalendar calendar;
    const std::uint32_t first = calendar.add_chain(), second = calendar.add_chain();
    ASSERT_NE(first, EventCalendar::no_chain);
    ASSERT_NE(second, EventCalendar::no_chain);
    calendar.schedule(1.0, to(1));
    calendar.schedule_on_chain(first, 1.0, to(2));  // a tie with 1 and 3: runs between them
    calendar.schedule(1.0, to(3));
    calendar.schedule_on_chain(second, 0.5, to(4));
    EXPECT_EQ(calendar.size(), 4u);
    EXPECT_EQ(calendar.next_time(), 0.5);
    Event e;
    ASSERT_TRUE(calendar.pop(e));
    EXPECT_EQ(e.address.payload, 4u);
    EXPECT_EQ(e.time, 0.5);
    calendar.schedule_on_chain(second, 1.0, to(5));  // free again once its event ran: last of the ties
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{1, 2, 3, 5}));
    EXPECT_TRUE(calendar.empty());
    EXPECT_EQ(calendar.next_time(), std::numeric_limits<Time>::infinity());
}

TEST(EventCalendarTest, AChainTakesItsNextEventOnlyAfterTheLastOneRan) {
    EventCalendar calendar;
    const std::uint32_t chain = calendar.add_chain();
    calendar.schedule_on_chain(chain, 2.0, to(1));
    EXPECT_THROW(calendar.schedule_on_chain(chain, 3.0, to(2)), std::logic_error);
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{1}));
}

TEST(EventCalendarTest, PopDueLeavesAChainedEventAfterTheEndTimeWhereItIs) {
    EventCalendar calendar;
    const std::uint32_t chain = calendar.add_chain();
    calendar.schedule_on_chain(chain, 2.0, to(1));
    calendar.schedule(3.0, to(2));
    Event e;
    EXPECT_FALSE(calendar.pop_due(1.5, e));
    EXPECT_TRUE(calendar.pop_due(2.0, e));
    EXPECT_EQ(e.address.payload, 1u);
}

// A chained event goes its own way through the calendar; its time must come back as the heap
// gives it back, bit for bit, -0 as +0 included.
TEST(EventCalendarTest, AChainedEventsTimeComesBackAsTheHeapsDoes) {
    const double tiny = std::numeric_limits<double>::denorm_min();
    for (const double time : {-0.0, 0.0, tiny, -tiny, 0.1 + 0.2, -1e300, 1e300, std::numeric_limits<double>::infinity()}) {
        EventCalendar calendar;
        const std::uint32_t chain = calendar.add_chain();
        calendar.schedule_on_chain(chain, time, to(1));
        Event chained, heaped;
        ASSERT_TRUE(calendar.pop(chained));
        calendar.schedule(time, to(2));
        ASSERT_TRUE(calendar.pop(heaped));
        EXPECT_EQ(std::bit_cast<std::uint64_t>(chained.time), std::bit_cast<std::uint64_t>(heaped.time)) << time;
        EXPECT_EQ(std::bit_cast<std::uint64_t>(chained.time), std::bit_cast<std::uint64_t>(time + 0.0)) << time;
    }
}

TEST(EventCalendarTest, ClearEmptiesTheChainsToo) {
    EventCalendar calendar;
    const std::uint32_t chain = calendar.add_chain();
    calendar.schedule_on_chain(chain, 1.0, to(1));
    calendar.clear();
    EXPECT_TRUE(calendar.empty());
    calendar.schedule_on_chain(chain, 2.0, to(2));  // no longer pending, so this is allowed
    EXPECT_EQ(drain(calendar), (std::vector<std::uint32_t>{2}));
}

// The reference: a multimap keeps equal keys in insertion order, which is exactly the
// calendar's tie rule, and erasing an iterator is an exact cancellation.
TEST(EventCalendarTest, AgreesWithAMultimapUnderRandomSchedulingCancellingAndPopping) {
    using Reference = std::multimap<Time, std::uint32_t>;
    struct Scheduled {
        EventHandle handle;
        Reference::iterator position;
        bool live;
    };

    std::mt19937_64 rng(20240601);
    EventCalendar calendar;
    Reference reference;
    std::vector<Scheduled> scheduled;         // index = payload
    std::vector<std::uint32_t> cancellable;   // payloads, including ones that ran or were cancelled
    // Three chains: each payload's chain, or none; and whether each chain has an event pending.
    std::vector<std::uint32_t> chains;
    for (int c = 0; c < 3; ++c) chains.push_back(calendar.add_chain());
    std::vector<bool> chain_pending(chains.size(), false);
    std::vector<std::size_t> chain_of;  // index into chains, or chains.size()
    Time now = 0;
    std::size_t pops = 0, cancels = 0, chained = 0;

    auto check_pop = [&](Time end) {
        Event e;
        const bool got = calendar.pop_due(end, e);
        const bool due = !reference.empty() && reference.begin()->first <= end;
        ASSERT_EQ(got, due) << "end " << end;
        if (!got) return;
        ASSERT_EQ(e.time, reference.begin()->first);
        ASSERT_EQ(e.address.payload, reference.begin()->second);
        scheduled[e.address.payload].live = false;
        if (chain_of[e.address.payload] < chains.size()) chain_pending[chain_of[e.address.payload]] = false;
        reference.erase(reference.begin());
        now = e.time;
        ++pops;
    };

    for (int op = 0; op < 100'000; ++op) {
        const auto choice = rng() % 10;
        if (choice < 5) {
            // Half-day steps over a short span: many exact ties. A chain's events come soon, so
            // that its next may be scheduled often.
            const std::size_t chain = rng() % chains.size();
            const bool on_chain = choice == 4 && !chain_pending[chain];
            const Time time = now + 0.5 * static_cast<double>(rng() % (on_chain ? 2 : 16));
            const auto payload = static_cast<std::uint32_t>(scheduled.size());
            const auto position = reference.emplace(time, payload);
            EventHandle handle;
            chain_of.push_back(chains.size());
            if (choice < 3) {
                handle = calendar.schedule_cancellable(time, to(payload));
                cancellable.push_back(payload);
            } else if (on_chain) {
                calendar.schedule_on_chain(chains[chain], time, to(payload));
                chain_pending[chain] = true;
                chain_of.back() = chain;
                ++chained;
            } else {
                calendar.schedule(time, to(payload));
            }
            scheduled.push_back({handle, position, true});
        } else if (choice < 7) {
            if (cancellable.empty()) continue;
            Scheduled& victim = scheduled[cancellable[rng() % cancellable.size()]];
            calendar.cancel(victim.handle);
            if (victim.live) {
                reference.erase(victim.position);
                victim.live = false;
                ++cancels;
            }
        } else {
            check_pop(now + 0.5 * static_cast<double>(rng() % 4));
            if (::testing::Test::HasFatalFailure()) return;
        }
    }
    while (!reference.empty()) {
        check_pop(std::numeric_limits<Time>::infinity());
        if (::testing::Test::HasFatalFailure()) return;
    }
    Event e;
    EXPECT_FALSE(calendar.pop(e));
    // The run must actually have exercised both paths.
    EXPECT_GT(pops, 10'000u);
    EXPECT_GT(cancels, 5'000u);
    EXPECT_GT(chained, 200u);  // fewer: a chain's event waits behind the backlog of ties
}

// A receiver that writes down what it was told.
struct Recorder : EventReceiver {
    std::vector<std::tuple<Time, std::uint32_t, std::uint32_t>> seen;
    void on_event(Time now, std::uint32_t kind, std::uint32_t payload) override { seen.emplace_back(now, kind, payload); }
};

TEST(SimulationTest, RunUntilRunsEventsUpToAndIncludingTheEndAndLeavesTheClockThere) {
    Simulation simulation;
    Recorder recorder;
    const std::uint32_t target = simulation.add_receiver(recorder);
    simulation.schedule_at(1.0, {target, 0, 1});
    simulation.schedule_at(3.0, {target, 0, 3});
    simulation.schedule_at(2.0, {target, 0, 2});
    simulation.schedule_at(3.5, {target, 0, 35});

    simulation.run_until(3.0);
    ASSERT_EQ(recorder.seen.size(), 3u);
    EXPECT_EQ(std::get<0>(recorder.seen[0]), 1.0);
    EXPECT_EQ(std::get<0>(recorder.seen[1]), 2.0);
    EXPECT_EQ(std::get<0>(recorder.seen[2]), 3.0);
    EXPECT_EQ(simulation.now(), 3.0);
    EXPECT_EQ(simulation.events_pending(), 1u);

    simulation.run_until(10.0);
    ASSERT_EQ(recorder.seen.size(), 4u);
    EXPECT_EQ(std::get<0>(recorder.seen[3]), 3.5);
    EXPECT_EQ(simulation.now(), 10.0) << "the clock moves to the end even when no event is there";
}

// A receiver that schedules its next event a moment later, for ever: a model whose work
// never ends.
class Chain final : public EventReceiver {
public:
    explicit Chain(Simulation& simulation) : simulation_(simulation), address_(simulation.add_receiver(*this)) {}
    void start() { simulation_.schedule_in(1e-9, {address_, 0, 0}); }
    void on_event(Time, std::uint32_t, std::uint32_t) override {
        ++handled;
        simulation_.schedule_in(1e-9, {address_, 0, 0});
    }
    std::uint64_t handled = 0;

private:
    Simulation& simulation_;
    std::uint32_t address_;
};

TEST(SimulationTest, RunStopsWithAnErrorWhenMoreEventsThanTheLimitWouldRun) {
    Simulation simulation;
    Chain chain(simulation);
    chain.start();
    simulation.set_event_limit(1000);
    try {
        simulation.run_until(1.0);
        FAIL() << "the run should have stopped at the limit";
    } catch (const EventLimitReached& reached) {
        EXPECT_EQ(reached.limit, 1000u);
        EXPECT_GT(reached.at, 0.0);
        EXPECT_LT(reached.at, 1.0);
    }
    EXPECT_EQ(chain.handled, 1000u) << "exactly the allowed events ran";
}

TEST(SimulationTest, EventsUpToTheLimitRunUntouched) {
    Simulation simulation;
    Recorder recorder;
    const std::uint32_t target = simulation.add_receiver(recorder);
    for (int i = 1; i <= 5; ++i) simulation.schedule_at(i, {target, 0, static_cast<std::uint32_t>(i)});
    simulation.set_event_limit(5);
    simulation.run_until(10.0);
    EXPECT_EQ(recorder.seen.size(), 5u);
    EXPECT_EQ(simulation.events_run(), 5u);
}

// Past the calendar's chains, a source's events go in the heap, in the same order.
TEST(SimulationTest, ChainsBeyondTheCalendarsGoByTheHeapInTheSameOrder) {
    Simulation simulation;
    Recorder recorder;
    const std::uint32_t target = simulation.add_receiver(recorder);
    std::vector<std::uint32_t> chains;
    for (std::size_t c = 0; c < EventCalendar::max_chains + 2; ++c) chains.push_back(simulation.add_chain());
    EXPECT_NE(chains[EventCalendar::max_chains - 1], EventCalendar::no_chain);
    EXPECT_EQ(chains[EventCalendar::max_chains], EventCalendar::no_chain);
    // Every chain twice at the same time, last chain first: the ties run in scheduling order.
    for (int round = 0; round < 2; ++round) {
        for (std::size_t c = chains.size(); c-- > 0;)
            simulation.schedule_on_chain(chains[c], 1.0 + round, {target, 0, static_cast<std::uint32_t>(c)});
        simulation.run_until(1.0 + round);
    }
    ASSERT_EQ(recorder.seen.size(), 2 * chains.size());
    for (std::size_t i = 0; i < recorder.seen.size(); ++i) {
        EXPECT_EQ(std::get<0>(recorder.seen[i]), i < chains.size() ? 1.0 : 2.0);
        EXPECT_EQ(std::get<2>(recorder.seen[i]), chains.size() - 1 - i % chains.size());
    }
}

TEST(SimulationTest, ReceiversGetTheirOwnEventsWithKindAndPayload) {
    Simulation simulation;
    Recorder first, second;
    const std::uint32_t a = simulation.add_receiver(first);
    const std::uint32_t b = simulation.add_receiver(second);
    ASSERT_NE(a, b);
    simulation.schedule_at(1.0, {a, 7, 70});
    simulation.schedule_at(1.5, {b, 8, 80});
    simulation.schedule_at(2.0, {a, 9, 4'000'000'000u});
    simulation.run_until(5.0);

    using Seen = std::tuple<Time, std::uint32_t, std::uint32_t>;
    EXPECT_EQ(first.seen, (std::vector<Seen>{{1.0, 7, 70}, {2.0, 9, 4'000'000'000u}}));
    EXPECT_EQ(second.seen, (std::vector<Seen>{{1.5, 8, 80}}));
}

// Schedules itself again a quarter day later, as an arrival source does.
struct Ticker : EventReceiver {
    Simulation& simulation;
    std::uint32_t self = 0;
    std::vector<Time> ticks;
    explicit Ticker(Simulation& s) : simulation(s) {}
    void on_event(Time now, std::uint32_t, std::uint32_t) override {
        EXPECT_EQ(now, simulation.now()) << "the clock is at the event's time while it runs";
        ticks.push_back(now);
        simulation.schedule_in(0.25, {self, 0, 0});
    }
};

TEST(SimulationTest, ScheduleInIsRelativeToTheEventBeingRun) {
    Simulation simulation;
    Ticker ticker(simulation);
    ticker.self = simulation.add_receiver(ticker);
    simulation.schedule_in(0.25, {ticker.self, 0, 0});
    simulation.run_until(1.0);
    EXPECT_EQ(ticker.ticks, (std::vector<Time>{0.25, 0.5, 0.75, 1.0}));
    EXPECT_EQ(simulation.now(), 1.0);
}

TEST(SimulationTest, CancelledEventIsNotDelivered) {
    Simulation simulation;
    Recorder recorder;
    const std::uint32_t target = simulation.add_receiver(recorder);
    const EventHandle handle = simulation.schedule_cancellable_in(2.0, {target, 1, 1});
    simulation.schedule_in(3.0, {target, 2, 2});
    simulation.cancel(handle);
    simulation.run_until(5.0);
    ASSERT_EQ(recorder.seen.size(), 1u);
    EXPECT_EQ(std::get<1>(recorder.seen[0]), 2u);
}

}  // namespace
}  // namespace kapsim::sim
