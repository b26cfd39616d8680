#pragma once
// The generic unit: `capacity` identical places, either no waiting line (blocked arrivals are
// lost, as in Erlang's loss system, or go on by the overflow route) or a FIFO or priority
// line with optional reneging. Enough to express the textbook queues that validate the engine.
#include "unit_kinds.hpp"

namespace kapsim::models {

UnitKind pool_kind();

// Capacity in force each day, as (time, capacity) change points over [0, horizon].
std::vector<std::pair<sim::Time, std::size_t>> capacity_change_points(std::size_t base,
                                                                      const std::vector<CapacityRule>& rules,
                                                                      const sim::CalendarClock& clock, sim::Time horizon);

}  // namespace kapsim::models
