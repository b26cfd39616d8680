#pragma once
// The calendar years of a run's observed period, for results year by year: the period from
// the end of the warm-up (scenario.start + warmup) to the horizon, cut at each 1 January.
// The first and last years may be partial; `days` says how much of each was observed.
#include <vector>

#include "scenario.hpp"

namespace kapsim::models {

struct ObservedYear {
    int year;        // the calendar year, 2026
    sim::Time from;  // days since the run's start (time 0)
    sim::Time to;
    double days() const { return to - from; }
};

// A run observed for a year or less (at most 366 days) has none: its whole-period results are
// already that year's, and the second pass that per-year results cost is not worth it.
std::vector<ObservedYear> observed_years(const Scenario& scenario);

// Whether the scenario's years can differ other than by chance: dated changes, arrivals that grow, or a run
// that starts from people already there (today's census, or enrolled at the start without a
// warm-up). A scenario that does not change gives every year the same distribution, so its
// years are only noise and not worth the second pass unless asked for.
bool changes_through_time(const Scenario& scenario);

}  // namespace kapsim::models
