#include "prepared_scenario.hpp"

namespace kapsim::models {

PreparedScenario::PreparedScenario(const Scenario& s)
    : scenario(s),
      horizon(s.horizon_days()),
      calendar(sim::CalendarClock(s.start), sim::CalendarTable::days_for(horizon)),
      estimate(estimate_work(s)),
      run_months(s.starts_from_today() ? models::run_months(s) : std::vector<RunMonth>{}) {
    arrivals.reserve(s.classes.size());
    for (const auto& pc : s.classes) arrivals.emplace_back(pc.arrivals, calendar.clock(), horizon);
}

}  // namespace kapsim::models
