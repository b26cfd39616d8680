#pragma once
// A pool of identical places (servers, beds, slots) with a waiting line in front of it.
//
// The pool keeps the books: how many places are in use, the capacity in force (which a
// schedule may change; a cut never evicts anyone, it only stops new starts), who is waiting
// and in which order, and the exact time spent at each level of use. Deciding who arrives,
// how long anyone stays and what happens to those who cannot get in is left to the owner.
#include <cstdint>
#include <deque>
#include <limits>
#include <queue>
#include <vector>

#include "count_as_double.hpp"
#include "occupancy_recorder.hpp"
#include "work_limits.hpp"

namespace kapsim::sim {

enum class QueueDiscipline { none, fifo, priority };

inline constexpr std::size_t unlimited_capacity = std::numeric_limits<std::size_t>::max();

// Entries a waiting line may hold before enqueue throws WaitingLineFull. A line this long
// means arrivals far beyond what the places can serve; each entry costs its owner about a
// hundred bytes, so the limit keeps a replication within a few hundred megabytes.
inline constexpr std::size_t default_waiting_limit = 2'000'000;

class CapacityPool {
public:
    CapacityPool(std::size_t capacity, QueueDiscipline discipline) : capacity_(capacity), discipline_(discipline) {}

    std::size_t capacity() const { return capacity_; }
    std::size_t in_use() const { return in_use_; }
    bool has_free_place() const { return in_use_ < capacity_; }
    bool unlimited() const { return capacity_ == unlimited_capacity; }
    QueueDiscipline discipline() const { return discipline_; }

    void occupy(Time now) { set_in_use(now, in_use_ + 1); }
    void release(Time now) { set_in_use(now, in_use_ - 1); }
    void set_capacity(Time now, std::size_t capacity);

    // The waiting line. Entities are the owner's small integer ids; lower priority values go
    // first and ties keep arrival order. Throws WaitingLineFull when the line already holds
    // waiting_limit() entries.
    void enqueue(Time now, std::uint32_t entity, int priority = 0);
    std::size_t waiting_limit() const { return waiting_limit_; }
    void set_waiting_limit(std::size_t limit) { waiting_limit_ = limit; }
    // Takes the next entity in line; false when nobody waits.
    bool dequeue(Time now, std::uint32_t& entity);
    // Removes a waiting entity (reneging). Nothing happens if it is not waiting.
    void withdraw(Time now, std::uint32_t entity);
    std::size_t waiting() const { return waiting_; }

    // Statistics since the last call, for the warm-up cut.
    void start_observation(Time now);
    void close_observation(Time now);
    const OccupancyRecorder& in_use_record() const { return in_use_record_; }
    OccupancyRecorder& in_use_record() { return in_use_record_; }
    const OccupancyRecorder& waiting_record() const { return waiting_record_; }
    // Time with every place in use (at or beyond capacity) and the time integral of capacity.
    double full_time() const { return full_time_; }
    double capacity_time() const { return capacity_time_; }

private:
    struct Ticket {
        int priority;
        std::uint64_t order;
        std::uint32_t entity;
        bool operator>(const Ticket& o) const {
            return priority > o.priority || (priority == o.priority && order > o.order);
        }
    };

    // In the header, so that the owner's admission and discharge inline the bookkeeping.
    void advance(Time now) {
        const double span = now - last_change_;
        if (in_use_ >= capacity_) full_time_ += span;
        if (!unlimited()) capacity_time_ += span * count_as_double(capacity_);
        last_change_ = now;
    }
    void set_in_use(Time now, std::size_t n) {
        advance(now);
        in_use_ = n;
        in_use_record_.change(now, n);
    }
    bool still_waiting(const Ticket& t) const { return t.entity < ticket_of_.size() && ticket_of_[t.entity] == t.order; }

    std::size_t capacity_;
    QueueDiscipline discipline_;
    std::size_t in_use_ = 0;
    std::size_t waiting_ = 0;
    std::size_t waiting_limit_ = default_waiting_limit;
    std::deque<Ticket> fifo_;
    std::priority_queue<Ticket, std::vector<Ticket>, std::greater<>> by_priority_;
    std::vector<std::uint64_t> ticket_of_;  // order number of each entity's live ticket, 0 if none
    std::uint64_t next_order_ = 1;

    OccupancyRecorder in_use_record_;
    OccupancyRecorder waiting_record_;
    Time last_change_ = 0;
    double full_time_ = 0;
    double capacity_time_ = 0;
};

}  // namespace kapsim::sim
