#pragma once
// People a unit turned away who had no overflow route to go by left the model: the results
// say how many, and what share of that class's arrivals at the unit, so that nobody is lost
// silently.
#include <string>

#include "experiment.hpp"

namespace kapsim::app {

// One warning line per unit and class that lost anyone, for the terminal; empty when nobody was lost.
std::string lost_people_text(const RunOutcome& outcome);

}  // namespace kapsim::app
