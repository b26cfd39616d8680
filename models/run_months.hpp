#pragma once
// The calendar months of a run from today, for results month by month from its start date:
// the observed period's whole days, cut at the first of each month (the first and last
// months may be partial, e.g. only 30 November of a run starting then).
#include <string>
#include <vector>

#include "scenario.hpp"

namespace kapsim::models {

struct RunMonth {
    std::string label;       // "2026-12"
    std::size_t first_day;   // days since the run's start (time 0)
    std::size_t days;        // whole days of the month in the observed period
};
std::vector<RunMonth> run_months(const Scenario& scenario);

// Mean occupancy in each month, from the area under the occupancy curve of every day.
std::vector<double> occupancy_by_run_month(const std::vector<double>& day_area, const std::vector<RunMonth>& months);

}  // namespace kapsim::models
