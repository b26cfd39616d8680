#pragma once
// The event calendar: a flat 4-ary min-heap of small event records.
//
// Order is (time, insertion sequence), so simultaneous events always run in the order they
// were scheduled and a replication is the same on every machine. Records are 32 bytes and
// live in one vector that is reused, so scheduling allocates nothing once the calendar has
// grown to the model's working size. Cancellation is lazy: a cancelled record stays in the
// heap and is skipped when it reaches the top, which keeps the hot path free of position
// bookkeeping. (A time of -0 is taken, and given back, as +0.) Beside the heap, a few chains
// each hold the one pending event of a source that schedules its next only when the last has
// run, such as an arrival source: the commonest event of a model then skips the heap.
#include <algorithm>
#include <bit>
#include <cstdint>
#include <limits>
#include <stdexcept>
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

    EventCalendar() {
        heap_.assign(arity, sentinel());
        chains_.assign(1, sentinel());
    }

    void schedule(Time time, EventAddress address) { push({order_key(time, next_sequence_++), address, no_slot}); }

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
        push({order_key(time, sequence), address, slot});
        return {sequence, slot};
    }

    // A chain: events that come one at a time, each scheduled only after the one before it
    // has run (an arrival source's next arrival). Its pending event waits in a place of its
    // own beside the heap, so that it costs a comparison or two instead of a trip through the
    // heap. Events run in the same order (time, then order of scheduling) as if they were in
    // the heap. At most max_chains chains, since finding the earliest again after one has run
    // looks at each; past them add_chain gives no_chain, whose events go in the heap.
    static constexpr std::uint32_t no_chain = 0;
    static constexpr std::size_t max_chains = 8;
    std::uint32_t add_chain() {
        if (chains_.size() > max_chains) return no_chain;
        chains_.push_back(sentinel());
        return static_cast<std::uint32_t>(chains_.size() - 1);
    }
    // Throws std::logic_error when the chain's last event is still pending.
    void schedule_on_chain(std::uint32_t chain, Time time, EventAddress address) {
        if (chain == no_chain) return schedule(time, address);
        Record& r = chains_[chain];
        if (r.key != sentinel_key) throw std::logic_error("a chain's next event was scheduled before its last one ran");
        r = {order_key(time, next_sequence_++), address, no_slot};
        ++chained_;
        if (r.key < chains_[first_chain_].key) first_chain_ = chain;
    }

    // Cancelling an event that already ran or was already cancelled does nothing.
    void cancel(EventHandle handle) {
        if (handle.valid() && handle.slot < slot_owner_.size() && slot_owner_[handle.slot] == handle.sequence)
            slot_owner_[handle.slot] = cancelled;
    }

    // Removes and returns the earliest live event if it is due by `end`; false otherwise.
    bool pop_due(Time end, Event& out) {
        const Key last_due = order_key(end, std::numeric_limits<std::uint64_t>::max());
        for (;;) {
            const Record& top = heap_.front();  // a sentinel when the heap is empty
            if (top.slot != no_slot && slot_owner_[top.slot] != sequence_of(top.key)) {  // cancelled
                free_slots_.push_back(top.slot);
                remove_top();
                continue;
            }
            Record& chained = chains_[first_chain_];  // the sentinel when no chain has one
            if (chained.key < top.key) {
                if (chained.key > last_due) return false;
                out = {time_of(chained.key), sequence_of(chained.key), chained.address, no_slot};
                chained.key = sentinel_key;
                --chained_;
                first_chain_ = chained_ == 0 ? 0 : earliest_chain();
                return true;
            }
            if (size_ == 0 || top.key > last_due) return false;
            out = {time_of(top.key), sequence_of(top.key), top.address, top.slot};
            remove_top();
            if (out.slot != no_slot) {
                slot_owner_[out.slot] = cancelled;
                free_slots_.push_back(out.slot);
            }
            return true;
        }
    }

    bool pop(Event& out) { return pop_due(std::numeric_limits<Time>::infinity(), out); }

    // Time of the earliest record, live or cancelled; +infinity when empty.
    Time next_time() const {
        const Key first = std::min(heap_.front().key, chains_[first_chain_].key);
        return first == sentinel_key ? std::numeric_limits<Time>::infinity() : time_of(first);
    }

    bool empty() const { return size() == 0; }
    std::size_t size() const { return size_ + chained_; }
    void reserve(std::size_t n) { heap_.reserve(n + arity); }

    void clear() {
        heap_.assign(arity, sentinel());
        size_ = 0;
        chains_.assign(chains_.size(), sentinel());
        first_chain_ = 0;
        chained_ = 0;
        slot_owner_.clear();
        free_slots_.clear();
        next_sequence_ = 1;
    }

private:
    // (time, sequence) as one unsigned 128-bit number whose order is theirs: the time's bits
    // mapped so that unsigned order is the order of the doubles (-0 taken as +0, so that equal
    // times still tie), the sequence below them. One integer comparison, with no branch on
    // equal times, picks the earlier of two records; that is most of the heap's work.
    __extension__ typedef unsigned __int128 Key;  // GCC and Clang on 64-bit targets
    static constexpr std::uint64_t sign_bit = std::uint64_t{1} << 63;

    static Key order_key(Time time, std::uint64_t sequence) {
        const auto bits = std::bit_cast<std::uint64_t>(time + 0.0);  // -0 + 0 = +0
        const std::uint64_t ordered = (bits & sign_bit) ? ~bits : (bits | sign_bit);
        return (static_cast<Key>(ordered) << 64) | sequence;
    }
    static Time time_of(Key key) {
        const auto ordered = static_cast<std::uint64_t>(key >> 64);
        return std::bit_cast<Time>((ordered & sign_bit) ? (ordered & ~sign_bit) : ~ordered);
    }
    static std::uint64_t sequence_of(Key key) { return static_cast<std::uint64_t>(key); }

    struct Record {
        Key key;
        EventAddress address;
        std::uint32_t slot;  // cancellation slot, or no_slot for events that cannot be cancelled
    };
    // Beyond the last record lie `arity` records later than any event, so that every node's
    // children can be read without checking how many there are.
    static constexpr Key sentinel_key = ~Key{0};
    static Record sentinel() { return {sentinel_key, {}, no_slot}; }

    // The chain whose pending event is earliest; 0, the sentinel, when none has one.
    std::uint32_t earliest_chain() const {
        std::uint32_t best = 0;
        for (std::uint32_t c = 1; c < chains_.size(); ++c)
            if (chains_[c].key < chains_[best].key) best = c;
        return best;
    }

    static constexpr std::uint64_t cancelled = 0;  // sequences start at 1, so 0 never owns a slot
    static constexpr std::size_t arity = 4;

    void push(const Record& e) {
        std::size_t i = size_++;
        heap_.push_back(sentinel());  // keeps `arity` sentinels after the last record
        while (i > 0) {
            const std::size_t parent = (i - 1) / arity;
            if (!(e.key < heap_[parent].key)) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = e;
    }

    // As the standard library's pop_heap (Floyd): the hole at the top goes down to a leaf along
    // the earliest children, and the last record rises from there. The last record nearly
    // always belongs near the bottom, so this saves a comparison per level, and the one branch
    // on the way down (whether the last record fits here) that could not be predicted.
    void remove_top() {
        const Record last = heap_[--size_];
        heap_[size_] = sentinel();
        heap_.pop_back();
        const std::size_t n = size_;
        if (n == 0) return;
        std::size_t i = 0;
        for (;;) {
            const std::size_t first = i * arity + 1;
            if (first >= n) break;
            // The earliest of the four children (a real one: sentinels are later than any).
            std::size_t best = first;
            Key best_key = heap_[first].key;
            for (std::size_t c = first + 1; c < first + arity; ++c) {
                const Key k = heap_[c].key;
                const bool earlier = k < best_key;
                best = earlier ? c : best;
                best_key = earlier ? k : best_key;
            }
            heap_[i] = heap_[best];
            i = best;
        }
        while (i > 0) {
            const std::size_t parent = (i - 1) / arity;
            if (!(last.key < heap_[parent].key)) break;
            heap_[i] = heap_[parent];
            i = parent;
        }
        heap_[i] = last;
    }

    std::vector<Record> heap_;  // size_ records in heap order, then `arity` sentinels
    std::size_t size_ = 0;
    std::vector<Record> chains_;  // [0] a sentinel, then each chain's pending event or a sentinel
    std::uint32_t first_chain_ = 0;
    std::size_t chained_ = 0;  // chains with an event pending
    std::vector<std::uint64_t> slot_owner_;  // sequence of the event holding each slot, or `cancelled`
    std::vector<std::uint32_t> free_slots_;
    std::uint64_t next_sequence_ = 1;
};

}  // namespace kapsim::sim
