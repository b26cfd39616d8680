#pragma once
// The simulation core: a clock, the event calendar and the receivers of events. As in SimPy,
// everything else (arrivals, capacity pools, care units) is built on top of these few calls.
#include <cstdint>
#include <vector>

#include "event_calendar.hpp"
#include "work_limits.hpp"

namespace kapsim::sim {

// Anything that receives events: a unit, an arrival source, the warm-up marker.
class EventReceiver {
public:
    virtual ~EventReceiver() = default;
    virtual void on_event(Time now, std::uint32_t kind, std::uint32_t payload) = 0;
};

class Simulation {
public:
    Time now() const { return now_; }

    // Registers a receiver and returns the address it is reached at. The receiver must outlive
    // the simulation run.
    std::uint32_t add_receiver(EventReceiver& receiver) {
        receivers_.push_back(&receiver);
        return static_cast<std::uint32_t>(receivers_.size() - 1);
    }

    void schedule_at(Time time, EventAddress address) { calendar_.schedule(time, address); }
    void schedule_in(Time delay, EventAddress address) { calendar_.schedule(now_ + delay, address); }
    EventHandle schedule_cancellable_in(Time delay, EventAddress address) {
        return calendar_.schedule_cancellable(now_ + delay, address);
    }
    void cancel(EventHandle handle) { calendar_.cancel(handle); }
    // Events that come one at a time, the next scheduled only after the last has run (see
    // EventCalendar::add_chain); where the calendar has no chain left, they go in the heap.
    std::uint32_t add_chain() { return calendar_.add_chain(); }
    void schedule_on_chain(std::uint32_t chain, Time time, EventAddress address) {
        calendar_.schedule_on_chain(chain, time, address);
    }

    // Runs every event with time <= end, then leaves the clock at `end`. Throws
    // EventLimitReached when more events than the limit would run: a model whose work does not
    // end (a loop of very short stays, runaway growth) stops instead of running for ever.
    void run_until(Time end) {
        // The count is held in a register over the receivers' calls, which could otherwise
        // change it (for all the compiler knows), and stored when the run stops, by a throw too.
        struct CountKept {
            std::uint64_t& stored;
            std::uint64_t run;
            ~CountKept() { stored = run; }
        } count{events_run_, events_run_};
        const std::uint64_t limit = event_limit_;
        Event e;
        while (calendar_.pop_due(end, e)) {
            if (++count.run > limit) throw EventLimitReached(limit, e.time);
            now_ = e.time;
            receivers_[e.address.target]->on_event(now_, e.address.kind, e.address.payload);
        }
        if (end > now_) now_ = end;
    }

    std::uint64_t events_pending() const { return calendar_.size(); }
    std::uint64_t events_run() const { return events_run_; }
    void set_event_limit(std::uint64_t limit) { event_limit_ = limit; }
    EventCalendar& calendar() { return calendar_; }

private:
    Time now_ = 0.0;
    std::uint64_t events_run_ = 0;
    std::uint64_t event_limit_ = no_event_limit;
    EventCalendar calendar_;
    std::vector<EventReceiver*> receivers_;
};

}  // namespace kapsim::sim
