// Event calendar micro-benchmarks.
//
// The hold model (Jones, 1986) is the standard test of a pending-event set: keep a steady
// population of N events and, each step, remove the earliest and schedule a replacement a
// random increment later. Increments come from a precomputed table so the figures are the
// calendar's own cost, not the random generator's.
#include <array>
#include <cstdint>
#include <vector>

#include <benchmark/benchmark.h>

#include "sim/distribution.hpp"
#include "sim/event_calendar.hpp"
#include "sim/random_streams.hpp"

namespace {

using kapsim::sim::Event;
using kapsim::sim::EventCalendar;
using kapsim::sim::EventHandle;
using kapsim::sim::Time;

constexpr std::size_t increment_count = 1 << 16;  // power of two, for a cheap wrap-around

// Exponential increments with mean 1, the same every run.
const std::vector<double>& increments() {
    static const std::vector<double> table = [] {
        auto stream = kapsim::sim::RandomStreams(1, 0).stream("bench/increments");
        auto exponential = kapsim::sim::Distribution::exponential(1.0);
        std::vector<double> t(increment_count);
        for (double& x : t) x = exponential.sample(stream);
        return t;
    }();
    return table;
}

// A calendar holding `population` events spread as the hold model's steady state would: with
// exponential increments each pending event lies an exponential time ahead of the clock.
void fill(EventCalendar& calendar, std::size_t population, bool cancellable) {
    auto stream = kapsim::sim::RandomStreams(1, 0).stream("bench/fill");
    auto exponential = kapsim::sim::Distribution::exponential(1.0);
    calendar.reserve(3 * population);
    for (std::size_t i = 0; i < population; ++i) {
        const Time t = exponential.sample(stream);
        const kapsim::sim::EventAddress a{0, 0, static_cast<std::uint32_t>(i)};
        if (cancellable)
            calendar.schedule_cancellable(t, a);
        else
            calendar.schedule(t, a);
    }
}

// One step: pop the earliest event, schedule its successor.
void BM_CalendarHold(benchmark::State& state) {
    const auto population = static_cast<std::size_t>(state.range(0));
    const auto& inc = increments();
    EventCalendar calendar;
    fill(calendar, population, false);
    std::size_t k = 0;
    Event e{};
    for (auto _ : state) {
        calendar.pop(e);
        calendar.schedule(e.time + inc[k++ & (increment_count - 1)], e.address);
    }
    benchmark::DoNotOptimize(e);
    state.SetItemsProcessed(state.iterations());
    state.counters["pending"] = static_cast<double>(calendar.size());
}
BENCHMARK(BM_CalendarHold)->RangeMultiplier(100)->Range(100, 1'000'000);

// The pattern of a patience timer: each step runs one event of the hold model, sets a timer
// and cancels the timer set `lag` steps earlier (service began before patience ran out).
// Timers are set about ten times further ahead than `lag` steps take, so about one in ten
// runs out first; those fire and are simply dropped. Cancelled records stay in the heap until
// they reach the top, so this measures both the bookkeeping of handles and the cost of
// carrying dead records.
void BM_CalendarScheduleCancel(benchmark::State& state) {
    const auto population = static_cast<std::size_t>(state.range(0));
    const auto& inc = increments();
    constexpr std::uint32_t hold = 0, timer = 1;
    constexpr std::size_t lag = 64;
    // The clock moves 1/population per step, as `population` chains each advance at rate 1.
    const double timer_scale = 10.0 * lag / static_cast<double>(population);
    std::array<EventHandle, lag> timers{};
    EventCalendar calendar;
    fill(calendar, population, true);
    std::size_t k = 0, fired = 0;
    Event e{};
    for (auto _ : state) {
        for (calendar.pop(e); e.address.kind == timer; calendar.pop(e)) ++fired;
        calendar.schedule_cancellable(e.time + inc[k & (increment_count - 1)], {0, hold, 0});
        EventHandle& slot = timers[k % lag];
        calendar.cancel(slot);
        slot = calendar.schedule_cancellable(e.time + timer_scale * inc[(k + 7) & (increment_count - 1)], {0, timer, 0});
        ++k;
    }
    benchmark::DoNotOptimize(e);
    state.SetItemsProcessed(state.iterations());
    state.counters["records"] = static_cast<double>(calendar.size());
    state.counters["timers_fired"] = static_cast<double>(fired) / static_cast<double>(k);
}
BENCHMARK(BM_CalendarScheduleCancel)->RangeMultiplier(100)->Range(100, 1'000'000);

}  // namespace
