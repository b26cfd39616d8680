#pragma once
// What travels between units: who the person is, as far as the model needs to know.
#include <cstdint>
#include <limits>

namespace kapsim::models {

inline constexpr std::uint32_t no_municipality = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t no_member = std::numeric_limits<std::uint32_t>::max();
inline constexpr std::uint32_t no_team = std::numeric_limits<std::uint32_t>::max();  // a unit index

struct Patient {
    std::uint32_t patient_class = 0;
    std::uint32_t municipality = no_municipality;  // index into Scenario::municipalities
    std::uint32_t person = 0;  // numbered in order of arrival from outside, for the event log
    // Their place in their class's population (models/population.hpp), whose own rate brings
    // them back after they leave; no_member for a class of arrivals.
    std::uint32_t member = no_member;
    // At an outpatient team (a caseload team with an effect while enrolled), a member of a
    // population lives at home: their needs go on meanwhile, so the end of the case does not
    // bring them back to the community, where they already are.
    bool at_home = false;
};

}  // namespace kapsim::models
