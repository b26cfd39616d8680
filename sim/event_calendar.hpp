#pragma once
// The event calendar: a flat 4-ary min-heap of small event records.
//
// Order is (time, insertion sequence), so simultaneous events always run in the order they
// were scheduled and a replication is the same on every machine. Records are 32 bytes and
// live in one vector that is reused, so scheduling allocates nothing once the calendar has
// grown to the model's working size. Cancellation is lazy: a cancelled record stays in the
// heap and is skipped when it reaches the top, which keeps the hot path free of position
// bookkeeping.
#include <cstdint>
#include <limits>
#include <vector>

namespace kapsim::sim {

using Time = double;  // days since the scenario's start

// Who receives an event and what it is; the meaning of `kind` and `payload` belongs to the
// receiver.
struct EventAddress {
    std::uint32_t target = 0;
    std::uint32_t kind = 0;
    std::uint32_t payload = 0;
};

// Names one scheduled event so it can be cancelled later.
struct EventHandle {
    std::uint64_t sequence = 0;
    std::uint32_t slot = std::numeric_limits<std::uint32_t>::max();
    bool valid() const { return slot != std::numeric_limits<std::uint32_t>::max(); }
};

struct Event {
    Time time;
    std::uint64_t sequence;
    EventAddress address;
    std::uint32_t slot;  // cancellation slot, or no_slot for events that cannot be cancelled
};

class EventCalendar {
public:
    static constexpr std::uint32_t no_slot = std::numeric_limits<std::uint32_t>::max();

    void schedule(Time time, EventAddress address) { push({time, next_sequence_++, address, no_slot}); }

    EventHandle schedule_cancellable(Time time, EventAddress address) {
        std::uint32_t slot;
        if (free_slots_.empty()) {
            slot = static_cast<std::uint32_t>(slot_owner_.size());
            slot_owner_.push_back(0);
        } else {
            slot = free_slots_.back();
            free_slots_.pop_back();
        }
        const std::uint64_t sequence = next_sequence_++;
        slot_owner_[slot] = sequence;
        push({time, sequence, address, slot});
        return {sequence, slot};
    }

    // Cancelling an event that already ran or was already cancelled does nothing.
    void cancel(EventHandle handle) {
        if (handle.valid() && handle.slot < slot_owner_.size() && slot_owner_[handle.slot] == handle.sequence)
            slot_owner_[handle.slot] = cancelled;
    }

    // Removes and returns the earliest live event if it is due by `end`; false otherwise.
    bool pop_due(Time end, Event& out) {
        while (!heap_.empty()) {
            const Event& top = heap_.front();
            if (top.slot != no_slot && slot_owner_[top.slot] != top.sequence) {  // cancelled
                free_slots_.push_back(top.slot);
                remove_top();
                continue;
            }
            if (top.time > end) return false;
            out = top;
            remove_top();
            if (out.slot != no_slot) {
                slot_owner_[out.slot] = cancelled;
                free_slots_.push_back(out.slot);
            }
            return true;
        }
        return false;
    }

    bool pop(Event& out) { return pop_due(std::numeric_limits<Time>::infinity(), out); }

    // Time of the earliest record, live or cancelled; +infinity when empty.
    Time next_time() const { return heap_.empty() ? std::numeric_limits<Time>::infinity() : heap_.front().time; }

    bool empty() const { return heap_.empty(); }
    std::size_t size() const { return heap_.size(); }
    void reserve(std::size_t n) { heap_.reserve(n); }

    void clear() {
        heap_.clear();
        slot_owner_.clear();
        free_slots_.clear();
        next_sequence_ = 1;
    }

private:
    static constexpr std::uint64_t cancelled = 0;  // sequences start at 1, so 0 never owns a slot
    static constexpr std::size_t arity = 4;

    static bool earlier(const Event& a, const Event& b) {
        return a.time < b.time || (a.time == b.time && a.sequence < b.sequence);
    }

    void push(const Event& e) {
        std::size_t i = heap_.size();
        heap_.push_back(e);
        while (i > 0) {
            const std::size_t parent = (i - 1) / arity;
            if (!earlier(e, heap_[parent])) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = e;
    }

    void remove_top() {
        const Event last = heap_.back();
        heap_.pop_back();
        const std::size_t n = heap_.size();
        if (n == 0) return;
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = i * arity + 1;
            if (first >= n) break;
            std::size_t best = first;
            const std::size_t end = first + arity < n ? first + arity : n;
            for (std::size_t c = first + 1; c < end; ++c)
                if (earlier(heap_[c], heap_[best])) best = c;
            if (!earlier(heap_[best], last)) break;
            heap_[i] = heap_[best];
            i = best;
        }
        heap_[i] = last;
    }

    std::vector<Event> heap_;
    std::vector<std::uint64_t> slot_owner_;  // sequence of the event holding each slot, or `cancelled`
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t next_sequence_ = 1;
};

}  // namespace kapsim::sim
