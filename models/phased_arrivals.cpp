#include "phased_arrivals.hpp"

#include <cmath>

#include "dated_changes.hpp"

namespace kapsim::models {

PhasedArrivals::PhasedArrivals(const Scenario& s, std::size_t c, const sim::CalendarClock& clock, sim::Time horizon) {
    from_.push_back(0);
    phases_.emplace_back(s.classes[c].arrivals, clock, horizon);
    const sim::ArrivalProfile* in_force = &s.classes[c].arrivals;
    for (const auto& change : s.changes) {
        const sim::ArrivalProfile& next = change.regime->classes[c].arrivals;
        if (same_arrivals(*in_force, next)) continue;
        from_.push_back(change.day);
        phases_.emplace_back(next, clock, horizon);
        in_force = &next;
    }
}

std::size_t PhasedArrivals::phase_at(sim::Time t) const {
    std::size_t k = 0;
    while (k + 1 < from_.size() && from_[k + 1] <= t) ++k;
    return k;
}

sim::Time PhasedArrivals::phased_next_after(sim::Time t, sim::RandomStream& stream) const {
    for (std::size_t k = phase_at(t);; ++k) {
        const sim::Time next = phases_[k].next_after(t, stream);
        // The candidate falls after the next change (or none came): draw afresh from the change.
        if (k + 1 == phases_.size() || next < from_[k + 1]) return next;
        t = from_[k + 1];
    }
}

double PhasedArrivals::rate_at(sim::Time t) const { return phases_[phase_at(t)].rate_at(t); }

}  // namespace kapsim::models
