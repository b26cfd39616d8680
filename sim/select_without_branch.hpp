#pragma once
// `condition ? a : b` for doubles, made of bit masks so that the compiler cannot turn it back
// into a branch. For a condition that is true at random, such as whether a change of
// occupancy crossed midnight, a branch the processor mispredicts costs more than computing
// both values.
#include <bit>
#include <cstdint>

namespace kapsim::sim {

inline double select_without_branch(bool condition, double a, double b) {
    const std::uint64_t take_a = std::uint64_t{0} - static_cast<std::uint64_t>(condition);  // all ones or zero
    return std::bit_cast<double>((std::bit_cast<std::uint64_t>(a) & take_a) | (std::bit_cast<std::uint64_t>(b) & ~take_a));
}

}  // namespace kapsim::sim
