#pragma once
// Stays the file gives by their mean alone, which took the unit kind's default shape: an
// assumption the planner should see, with how many of the unit's patients it concerns.
#include <string>
#include <vector>

#include "scenario.hpp"

namespace kapsim::models {

struct AssumedStay {
    std::size_t unit;
    std::size_t rule;            // in the unit's stay table
    std::string path;            // where the file gives it: "units.ward.length_of_stay"
    DefaultStayShape shape;
    double share = 0;            // of the unit's arrivals whose stay it draws (traffic equations)
    double per_year = 0;         // those arrivals a year
};

std::vector<AssumedStay> assumed_stays(const Scenario& scenario);

// For `kapsim check`: a warning for each, empty when there is none.
std::string describe_assumed_stays(const Scenario& scenario);

}  // namespace kapsim::models
