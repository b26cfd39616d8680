#pragma once
// The people at each unit when the run starts, read from the unit's `today:` (the census and
// the waiting list on the start date, each person with the time already spent), or from a
// slots unit's `initially_enrolled`. Checked against the classes that come to the unit, who
// may wait there, and the stays and patience they could have: nobody can have stayed longer
// than the longest stay, or waited past a patience that always ends sooner.
#include <string>

#include "scenario.hpp"
#include "scenario_reading.hpp"

namespace kapsim::models {

// Fills every unit's at_start. Called once the pathways are read: who comes to a unit, and
// the stay by destination, depend on them.
void read_starting_census(const Field& root, const LoadContext& ctx, Scenario& scenario);

// For `kapsim check`: each unit's people at the start, one line each ("" when none).
std::string describe_starting_census(const Scenario& scenario);
// A run from today needs no warm-up: its census is the state on the start date. A warm-up
// set all the same moves the observed period away from that date; this says so ("" if not).
Message warmup_from_today_warning(const Scenario& scenario);

// Whose stays a slots unit's `initially_enrolled` get: the first class that arrives there from
// outside, else the first class some pathway sends there, else the first class.
std::size_t class_of_initially_enrolled(const Scenario& scenario, std::size_t unit);

}  // namespace kapsim::models
