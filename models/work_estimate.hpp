#pragma once
// How much work one replication of a scenario is, estimated before it runs: the events it
// will handle, from the offered load of the traffic equations and the arrivals' growth over
// the whole run (warm-up included), and the memory it will hold, above all a waiting line
// that grows without bound. The commands refuse work beyond their limits from this, and each
// replication stops if it runs far beyond it.
#include <cstddef>
#include <cstdint>
#include <optional>

#include "scenario.hpp"

namespace kapsim::models {

struct WorkEstimate {
    double events_per_replication = 0;  // may be +infinity (runaway growth)
    double bytes_per_replication = 0;
    std::size_t busiest_unit = 0;  // the unit handling the most arrivals
    // The unit whose waiting line grows without bound fastest, and how long it gets by the
    // end of the run (persons); empty when every line is stable or bounded by patience.
    std::optional<std::size_t> growing_line;
    double longest_line = 0;
};

WorkEstimate estimate_work(const Scenario& scenario);

// The number of events after which a replication is stopped: ten times the estimate, and
// never fewer than ten million (a couple of seconds of work), so an estimate that misses
// some overflow traffic does not stop a valid model.
std::uint64_t event_limit_per_replication(const WorkEstimate& estimate);

}  // namespace kapsim::models
