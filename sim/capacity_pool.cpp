#include "capacity_pool.hpp"

#include <stdexcept>

namespace kapsim::sim {

void CapacityPool::set_capacity(Time now, std::size_t capacity) {
    advance(now);
    capacity_ = capacity;
}

void CapacityPool::enqueue(Time now, std::uint32_t entity, int priority) {
    if (discipline_ == QueueDiscipline::none) throw std::logic_error("enqueue on a pool without a queue");
    if (entity >= ticket_of_.size()) ticket_of_.resize(entity + 1, 0);
    if (ticket_of_[entity] != 0) throw std::logic_error("enqueue of an entity that is already waiting");
    if (waiting_ >= waiting_limit_) throw WaitingLineFull(waiting_limit_, now);
    const Ticket t{priority, next_order_++, entity};
    ticket_of_[entity] = t.order;
    if (discipline_ == QueueDiscipline::fifo)
        fifo_.push_back(t);
    else
        by_priority_.push(t);
    waiting_record_.change(now, ++waiting_);
}

bool CapacityPool::dequeue(Time now, std::uint32_t& entity) {
    while (waiting_ > 0) {
        Ticket t;
        if (discipline_ == QueueDiscipline::fifo) {
            t = fifo_.front();
            fifo_.pop_front();
        } else {
            t = by_priority_.top();
            by_priority_.pop();
        }
        if (!still_waiting(t)) continue;  // withdrew earlier
        ticket_of_[t.entity] = 0;
        entity = t.entity;
        waiting_record_.change(now, --waiting_);
        return true;
    }
    return false;
}

void CapacityPool::withdraw(Time now, std::uint32_t entity) {
    if (entity >= ticket_of_.size() || ticket_of_[entity] == 0) return;
    ticket_of_[entity] = 0;
    waiting_record_.change(now, --waiting_);
    // The stale ticket stays in the line and is skipped by dequeue. Trim it now if it is at
    // the front, so an all-stale line does not linger.
    if (waiting_ == 0) {
        fifo_.clear();
        by_priority_ = {};
    }
}

void CapacityPool::start_observation(Time now) {
    advance(now);
    full_time_ = 0;
    capacity_time_ = 0;
    in_use_record_.reset(now, in_use_);
    waiting_record_.reset(now, waiting_);
}

void CapacityPool::close_observation(Time now) {
    advance(now);
    in_use_record_.close(now);
    waiting_record_.close(now);
}

}  // namespace kapsim::sim
