#pragma once
// What travels between units: who the person is, as far as the model needs to know.
#include <cstdint>
#include <limits>

namespace kapsim::models {

inline constexpr std::uint32_t no_municipality = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t no_member = std::numeric_limits<std::uint32_t>::max();

struct Patient {
    std::uint32_t patient_class = 0;
    std::uint32_t municipality = no_municipality;  // index into Scenario::municipalities
    std::uint32_t person = 0;  // numbered in order of arrival from outside, for the event log
    // Their place in their class's population (models/population.hpp), whose own rate brings
    // them back after they leave; no_member for a class of arrivals.
    std::uint32_t member = no_member;
};

}  // namespace kapsim::models
