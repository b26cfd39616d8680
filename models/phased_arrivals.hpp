#pragma once
// A class's arrivals over a run whose dated changes set new arrival values: from each change's
// day on, the process of that change's regime. Poisson arrivals have no memory, so starting the
// next regime's process afresh at the change is exact, and one stream serves all of them; a
// class whose arrivals never change draws exactly as a single process does.
#include <cstddef>
#include <vector>

#include "scenario.hpp"
#include "sim/arrival_process.hpp"

namespace kapsim::models {

class PhasedArrivals {
public:
    PhasedArrivals(const Scenario& scenario, std::size_t patient_class, const sim::CalendarClock& clock, sim::Time horizon);

    // The first arrival strictly after `t`, or +infinity when none comes before the horizon.
    sim::Time next_after(sim::Time t, sim::RandomStream& stream) const {
        return phases_.size() == 1 ? phases_.front().next_after(t, stream) : phased_next_after(t, stream);
    }
    double rate_at(sim::Time t) const;

private:
    sim::Time phased_next_after(sim::Time t, sim::RandomStream& stream) const;
    std::size_t phase_at(sim::Time t) const;

    std::vector<sim::Time> from_;  // each phase's first moment; the first is 0
    std::vector<sim::ArrivalProcess> phases_;
};

}  // namespace kapsim::models
