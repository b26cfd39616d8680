#pragma once
// What every replication of a scenario shares and none changes: the calendar of the run's
// days, each class's arrival process (its day factors and first-year scaling) and the work
// estimate. Built once by whoever runs the replications and read by all of them, on any
// thread; it holds a reference to the scenario, which must outlive it.
#include <array>
#include <cstddef>
#include <utility>
#include <vector>

#include "scenario.hpp"
#include "sim/arrival_process.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/calendar_table.hpp"
#include "observed_years.hpp"
#include "phased_arrivals.hpp"
#include "run_months.hpp"
#include "work_estimate.hpp"

namespace kapsim::models {

struct PreparedScenario {
    explicit PreparedScenario(const Scenario& scenario);

    const Scenario& scenario;
    sim::Time horizon;
    sim::CalendarTable calendar;
    std::vector<PhasedArrivals> arrivals;  // per patient class, over the dated changes
    WorkEstimate estimate;
    std::vector<std::vector<std::size_t>> classes_by_unit;  // the classes that can come to each unit
    std::vector<RunMonth> run_months;  // in a run from today; empty otherwise
    std::vector<ObservedYear> years;   // the observed calendar years; empty in a run of a year or less
    // The whole days of the observed period, [first, end), and how many fall in each calendar
    // month (January first): what occupancy by month divides by.
    std::pair<std::size_t, std::size_t> observed_days;
    std::array<double, 12> observed_days_by_month{};
};

}  // namespace kapsim::models
