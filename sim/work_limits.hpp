#pragma once
// Limits that stop a replication before it exhausts time or memory. The engine only counts
// and compares; the caller decides the limits and words the error for the user, since only
// it knows what the events and waiting lines stand for.
#include <cstddef>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <string>

namespace kapsim::sim {

inline constexpr std::uint64_t no_event_limit = std::numeric_limits<std::uint64_t>::max();

// A replication ran more events than it was allowed.
class EventLimitReached : public std::runtime_error {
public:
    EventLimitReached(std::uint64_t limit, double at)
        : std::runtime_error("the event limit of " + std::to_string(limit) + " was reached"), limit(limit), at(at) {}
    std::uint64_t limit;
    double at;  // simulated time when it was reached
};

// A waiting line grew past its limit.
class WaitingLineFull : public std::runtime_error {
public:
    WaitingLineFull(std::size_t limit, double at)
        : std::runtime_error("a waiting line passed " + std::to_string(limit) + " entries"), limit(limit), at(at) {}
    std::size_t limit;
    double at;
};

}  // namespace kapsim::sim
