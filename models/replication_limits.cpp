#include "replication_limits.hpp"

#include <fmt/format.h>

#include "input_error.hpp"

namespace kapsim::models {

void throw_overloaded(const Scenario& s, std::size_t unit, const sim::WaitingLineFull& full) {
    throw InputError(s.units[unit].where,
                     say("the waiting line at unit '{}' passed {} persons on day {:.0f}: the unit is "
                                 "overloaded, and the line would grow until memory runs out",
                                 s.units[unit].id, full.limit, full.at),
                     say("more people arrive than its capacity can serve (kapsim check shows the offered load); add "
                     "capacity, give the line a patience, or lower the arrival rate"));
}

void throw_runaway(const Scenario& s, std::size_t replication, const WorkEstimate& estimate,
                   const sim::EventLimitReached& reached) {
    throw InputError(s.units[estimate.busiest_unit].where,
                     say("replication {} was stopped after {} events, on day {:.4g} of {:.0f}: far more than "
                                 "the {:.3g} events its offered load implies",
                                 replication, reached.limit, reached.at, s.horizon_days(),
                                 estimate.events_per_replication),
                     say("look for a loop of very short stays, overflow routes that send people back and forth, or an "
                     "arrival growth that compounds too fast; kapsim check prints the estimate"));
}

}  // namespace kapsim::models
