#pragma once
// A count (people, places, days) as a double, by way of a signed integer: the same value for
// any count below 2^53, in one instruction on x86-64 where an unsigned 64-bit conversion takes
// a branch and several. The statistics convert a count on every event.
#include <cstddef>
#include <cstdint>

namespace kapsim::sim {

inline double count_as_double(std::size_t n) { return static_cast<double>(static_cast<std::int64_t>(n)); }

}  // namespace kapsim::sim
