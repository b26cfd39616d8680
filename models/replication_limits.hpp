#pragma once
// The engine stops a replication that passes its limits with a plain error (an event count,
// a waiting line's length); these word it for the user, naming the unit and what to change.
#include <cstddef>

#include "scenario.hpp"
#include "sim/work_limits.hpp"
#include "work_estimate.hpp"

namespace kapsim::models {

// Throws InputError at the unit: its waiting line passed the engine's limit.
[[noreturn]] void throw_overloaded(const Scenario& scenario, std::size_t unit, const sim::WaitingLineFull& full);

// Throws InputError: the replication ran far more events than its estimate.
[[noreturn]] void throw_runaway(const Scenario& scenario, std::size_t replication, const WorkEstimate& estimate,
                                const sim::EventLimitReached& reached);

}  // namespace kapsim::models
