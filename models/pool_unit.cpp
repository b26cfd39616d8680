#include "pool_unit.hpp"

#include <array>
#include <cmath>
#include <limits>

#include "sim/quantity.hpp"

namespace kapsim::models {
namespace {

constexpr std::array<std::string_view, 13> names{
    "arrivals_per_year", "admitted_per_year", "turned_away_per_year", "reneged_per_year", "p_turned_away",
    "p_wait",            "mean_wait_days",    "wait_p90_days",        "mean_stay_days",   "occupancy_mean",
    "occupancy_pct",     "p_full",            "queue_mean"};

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double ratio(double a, double b) { return b > 0 ? a / b : nan; }

}  // namespace

std::span<const std::string_view> PoolUnit::metric_names() { return names; }

std::vector<std::pair<sim::Time, std::size_t>> capacity_change_points(std::size_t base,
                                                                      const std::vector<CapacityRule>& rules,
                                                                      const sim::CalendarClock& clock,
                                                                      sim::Time horizon) {
    std::vector<std::pair<sim::Time, std::size_t>> points;
    if (rules.empty()) return points;
    std::size_t previous = base;
    const auto days = static_cast<long>(std::ceil(horizon));
    for (long d = 0; d <= days; ++d) {
        const auto day = clock.start() + std::chrono::days{d};
        // One-off changes in file order set the base; a recurring week rule overrides it.
        std::size_t capacity = base;
        for (const auto& r : rules)
            if (r.from && *r.from <= day) capacity = r.capacity;
        const int week = clock.at(static_cast<sim::Time>(d)).iso_week;
        for (const auto& r : rules)
            if (!r.from && week >= r.first_week && week <= r.last_week) capacity = r.capacity;
        if (capacity != previous || (d == 0 && capacity != base)) points.emplace_back(static_cast<sim::Time>(d), capacity);
        previous = capacity;
    }
    return points;
}

PoolUnit::PoolUnit(const PoolSpec& spec, const std::vector<PatientClass>& classes, sim::Simulation& simulation,
                   const sim::RandomStreams& streams, const sim::CalendarClock& clock, sim::Time horizon)
    : spec_(spec),
      classes_(classes),
      simulation_(simulation),
      address_(simulation.add_receiver(*this)),
      service_(spec.service),
      patience_(spec.patience),
      service_stream_(streams.stream("service/" + spec.id)),
      patience_stream_(streams.stream("patience/" + spec.id)),
      pool_(spec.capacity, spec.queue),
      capacity_changes_(capacity_change_points(spec.capacity, spec.capacity_schedule, clock, horizon)) {
    for (std::size_t i = 0; i < capacity_changes_.size(); ++i) {
        if (capacity_changes_[i].first <= 0)
            pool_.set_capacity(0, capacity_changes_[i].second);
        else
            simulation_.schedule_at(capacity_changes_[i].first, {address_, capacity_change, static_cast<std::uint32_t>(i)});
    }
}

std::uint32_t PoolUnit::new_visit(const Visit& v) {
    if (!free_visits_.empty()) {
        const std::uint32_t id = free_visits_.back();
        free_visits_.pop_back();
        visits_[id] = v;
        return id;
    }
    visits_.push_back(v);
    return static_cast<std::uint32_t>(visits_.size() - 1);
}

void PoolUnit::arrive(sim::Time now, std::uint32_t patient_class) {
    // Every arrival draws its stay and patience, used or not, so the i-th arrival gets the
    // same numbers whatever the capacity: common random numbers across variants.
    const sim::Time service = service_.sample(service_stream_);
    const sim::Time patience = patience_ ? patience_->sample(patience_stream_) : 0.0;
    if (observing_) ++arrivals_;

    if (pool_.has_free_place()) {
        begin_service(now, new_visit({now, service, {}, observing_}));
        return;
    }
    if (pool_.discipline() == sim::QueueDiscipline::none) {
        if (observing_) ++turned_away_;
        return;
    }
    const std::uint32_t id = new_visit({now, service, {}, observing_});
    if (observing_) ++queued_;
    pool_.enqueue(now, id, classes_[patient_class].priority);
    if (patience_) visits_[id].patience = simulation_.schedule_cancellable_in(patience, {address_, patience_ran_out, id});
}

void PoolUnit::begin_service(sim::Time now, std::uint32_t id) {
    Visit& v = visits_[id];
    simulation_.cancel(v.patience);
    pool_.occupy(now);
    if (observing_) {
        ++admitted_;
        stays_.add(v.service);
    }
    if (v.observed) waits_.add(now - v.arrived);
    simulation_.schedule_in(v.service, {address_, service_done, id});
}

void PoolUnit::start_waiting(sim::Time now) {
    std::uint32_t next = 0;
    while (pool_.has_free_place() && pool_.dequeue(now, next)) begin_service(now, next);
}

void PoolUnit::on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) {
    switch (kind) {
        case service_done:
            pool_.release(now);
            free_visits_.push_back(payload);
            start_waiting(now);
            break;
        case patience_ran_out:
            pool_.withdraw(now, payload);
            if (observing_) ++reneged_;
            free_visits_.push_back(payload);
            break;
        case capacity_change:
            pool_.set_capacity(now, capacity_changes_[payload].second);
            start_waiting(now);
            break;
    }
}

void PoolUnit::start_observation(sim::Time now) {
    observing_ = true;
    observed_from_ = now;
    pool_.start_observation(now);
}

void PoolUnit::finish_observation(sim::Time now) {
    observing_ = false;
    observed_to_ = now;
    pool_.close_observation(now);
}

void PoolUnit::report(std::vector<double>& m) const {
    const double years = (observed_to_ - observed_from_) / sim::days_per_year;
    const double observed = observed_to_ - observed_from_;
    const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
    const bool limited = !pool_.unlimited() || !spec_.capacity_schedule.empty();
    m.push_back(n(arrivals_) / years);
    m.push_back(n(admitted_) / years);
    m.push_back(n(turned_away_) / years);
    m.push_back(n(reneged_) / years);
    m.push_back(ratio(n(turned_away_), n(arrivals_)));
    m.push_back(ratio(n(queued_), n(arrivals_ - turned_away_)));
    m.push_back(waits_.mean());
    m.push_back(waits_.quantile(0.9));
    m.push_back(stays_.mean());
    const double occupancy = pool_.in_use_record().mean();
    m.push_back(occupancy);
    m.push_back(limited && pool_.capacity_time() > 0 ? 100.0 * occupancy * observed / pool_.capacity_time() : nan);
    m.push_back(limited ? pool_.full_time() / observed : 0.0);
    m.push_back(pool_.waiting_record().mean());
}

std::vector<double> PoolUnit::occupancy_distribution() const {
    std::vector<double> share = pool_.in_use_record().time_at_level();
    const double total = pool_.in_use_record().observed();
    for (double& s : share) s = total > 0 ? s / total : nan;
    return share;
}

}  // namespace kapsim::models
