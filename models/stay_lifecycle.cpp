#include "stay_lifecycle.hpp"

#include <chrono>
#include <cmath>

namespace kapsim::models {

StayLifecycle::StayLifecycle(const UnitContext& c, std::size_t capacity, sim::QueueDiscipline line,
                             const std::vector<CapacityRule>& schedule, const std::optional<sim::Distribution>& patience,
                             Overrides overrides)
    : UnitBase(c),
      places_(capacity, line),
      patience_(patience),
      capacity_changes_(capacity_change_points(capacity, schedule, c.calendar, c.horizon)),
      own_entry_(overrides.entry),
      lean_path_(lean() && !overrides.stay_hooks) {
    if (patience_) patience_stream_.emplace(c.streams.stream("patience/" + c.spec.id));
    for (std::size_t i = 0; i < capacity_changes_.size(); ++i) {
        if (capacity_changes_[i].first <= 0)
            places_.set_capacity(0, capacity_changes_[i].second);
        else
            c.simulation.schedule_at(capacity_changes_[i].first, {address_, capacity_change, static_cast<std::uint32_t>(i)});
    }
}

void StayLifecycle::arrive(sim::Time now, const Patient& arriving) {
    return lean_path_ ? arrive_as<true>(now, arriving) : arrive_as<false>(now, arriving);
}

template <bool Lean>
void StayLifecycle::arrive_as(sim::Time now, const Patient& arriving) {
    // Destination, stay and patience are drawn for every arrival, used or not: common random
    // numbers. Those who never wait draw no patience, so the stream stays aligned for the rest.
    // The visit is built in place in the table (a copy of the person first, since opening a
    // visit may move the table they could be in); one turned away closes it again.
    const Patient patient = arriving;
    const std::uint32_t id = visits_.open();
    const Visit& v = visits_[id];
    begin_visit<Lean>(visits_[id], now, patient);
    record<Lean>(now, patient, LifeEvent::arrival);
    const bool impatient = patience_ && draws_patience(patient);
    const sim::Time patience = impatient ? patience_->sample(*patience_stream_) : 0.0;
    if (window_.open) {
        ++arrivals_;
        if (!Lean && keeps_books_by_class()) ++books_of(v).arrivals;
        if (!Lean) counted_arrival(v);
    }
    switch (entry_of(now, v)) {
        case Entry::admit:
            admit<Lean>(now, id);
            return;
        case Entry::turn_away: {
            const Destination to = ctx_.router.draw_overflow(ctx_.index, patient);
            record(now, patient, LifeEvent::turned_away);
            if (window_.open) {
                ++turned_away_;
                if (keeps_books_by_class()) ++books_of(v).turned_away;
                counted_turned_away(v, to);
            }
            visits_.close(id);
            ctx_.router.send(now, to, patient);
            return;
        }
        case Entry::wait: {
            if (window_.open) ++waited_;
            places_.enqueue(now, id, ctx_.scenario.classes[patient.patient_class].priority);
            if (impatient)
                visits_[id].patience = ctx_.simulation.schedule_cancellable_in(patience, {address_, patience_ran_out, id});
            return;
        }
    }
}

void StayLifecycle::on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) {
    switch (kind) {
        case stay_over:
            stay_ended(now, payload);
            break;
        case patience_ran_out:
            places_.withdraw(now, payload);
            record(now, visits_[payload].patient, LifeEvent::reneged);
            gone(now, visits_[payload]);
            if (window_.open) {
                ++reneged_;
                if (keeps_books_by_class()) ++books_of(visits_[payload]).reneged;
            }
            ctx_.router.leave(now, visits_[payload].patient);
            visits_.close(payload);
            break;
        case line_at_start:
            admit_from_line(now);
            break;
        case capacity_change:
            before_change(now);
            places_.set_capacity(now, capacity_changes_[payload].second);  // a cut evicts nobody
            admit_from_line(now);
            break;
        default:
            on_kind_event(now, kind, payload);
    }
}

void StayLifecycle::stay_ended(sim::Time now, std::uint32_t id) {
    return lean_path_ ? stay_ended_as<true>(now, id) : stay_ended_as<false>(now, id);
}

template <bool Lean>
void StayLifecycle::stay_ended_as(sim::Time now, std::uint32_t id) {
    end_stay<Lean>(now, id, [&](const Visit& v) {
        if (!Lean) gone(now, v);
        if (!Lean) before_change(now);
        places_.release(now);
        admit_from_line<Lean>(now);
    });
}

void StayLifecycle::start_observation(sim::Time now) {
    UnitBase::start_observation(now);
    arrivals_ = admitted_ = turned_away_ = reneged_ = waited_ = 0;
    waits_.clear();
    stay_lengths_.clear();
    places_.start_observation(now);
    observation_started(now);
}

void StayLifecycle::finish_observation(sim::Time now) {
    places_.close_observation(now);
    observation_finished(now);
    UnitBase::finish_observation(now);
}

template <bool Lean>
inline void StayLifecycle::admit(sim::Time now, std::uint32_t id) {
    Visit& v = visits_[id];
    ctx_.simulation.cancel(v.patience);
    v.admitted = now;
    v.staying = true;
    record<Lean>(now, v.patient, LifeEvent::admission);
    if (!Lean) before_change(now);
    places_.occupy(now);
    if (!Lean) ctx_.ledger.admission(now, ctx_.index, v.patient);
    if (!Lean) admitted(now, v);
    ClassBooks& books = books_of(v);
    const bool by_class = !Lean && keeps_books_by_class();
    if (window_.open) {
        ++admitted_;
        stay_lengths_.add(v.stay);
        if (by_class) {
            ++books.admitted;
            books.stays.add(v.stay);
        }
        if (!Lean) counted_admission(v);
        // Waits are those of the people admitted in the observed period, wherever they
        // arrived: in steady state these have the distribution of the wait, while those of
        // people who arrived in the period would leave out the longest (arrived at its end, not
        // yet admitted) and the period's first admissions (arrived in the warm-up), a bias that
        // grows as the period shortens.
        if (reports_wait(v)) waits_.add(now - v.arrived);
        if (by_class) books.waits.add(now - v.arrived);  // every wait: an acute patient's is zero
    }
    ctx_.simulation.schedule_in(v.stay, {address_, stay_over, id});
}

template <bool Lean>
void StayLifecycle::admit_waiting(sim::Time now) {
    if (!Lean) ctx_.router.place_freed(now, ctx_.index);
    std::uint32_t next = 0;
    while (places_.waiting() > 0 && admits_from_line() && places_.has_free_place() && places_.dequeue(now, next))
        admit<Lean>(now, next);
}

void StayLifecycle::start_staying(const Visit& v, sim::RandomStream&) {
    Visit staying = v;
    staying.staying = true;
    const std::uint32_t id = visits_.open(staying);
    record(0, staying.patient, LifeEvent::present_at_start);
    before_change(0);
    places_.occupy(0);
    ctx_.simulation.schedule_at(staying.stay, {address_, stay_over, id});
}

void StayLifecycle::start_waiting(const Visit& v, std::optional<double> waited, sim::RandomStream& stream) {
    const std::uint32_t id = visits_.open(v);
    places_.enqueue(0, id, ctx_.scenario.classes[v.patient.patient_class].priority);
    if (patience_ && draws_patience(v.patient))
        visits_[id].patience = ctx_.simulation.schedule_cancellable_in(patience_->sample_remaining(waited.value_or(0), stream),
                                                                       {address_, patience_ran_out, id});
    if (!line_at_start_) ctx_.simulation.schedule_at(0, {address_, line_at_start, 0});
    line_at_start_ = true;
}

// admit_from_line() is in the header, for the kinds.
template void StayLifecycle::admit_waiting<false>(sim::Time);

std::vector<std::pair<sim::Time, std::size_t>> capacity_change_points(std::size_t base,
                                                                      const std::vector<CapacityRule>& rules,
                                                                      const sim::CalendarTable& calendar,
                                                                      sim::Time horizon) {
    std::vector<std::pair<sim::Time, std::size_t>> points;
    if (rules.empty()) return points;
    std::size_t previous = base;
    const auto days = static_cast<long>(std::ceil(horizon));
    for (long d = 0; d <= days; ++d) {
        const auto day = calendar.clock().start() + std::chrono::days{d};
        // One-off changes in file order set the base; a recurring week rule overrides it.
        std::size_t capacity = base;
        for (const auto& r : rules)
            if (r.from && *r.from <= day) capacity = r.capacity;
        const int week = calendar.iso_week(static_cast<std::size_t>(d));
        for (const auto& r : rules)
            if (!r.from && week >= r.first_week && week <= r.last_week) capacity = r.capacity;
        if (capacity != previous) points.emplace_back(static_cast<sim::Time>(d), capacity);
        previous = capacity;
    }
    return points;
}

}  // namespace kapsim::models
