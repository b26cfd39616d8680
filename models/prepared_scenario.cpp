#include "prepared_scenario.hpp"

namespace kapsim::models {

PreparedScenario::PreparedScenario(const Scenario& s)
    : scenario(s),
      horizon(s.horizon_days()),
      calendar(sim::CalendarClock(s.start), sim::CalendarTable::days_for(horizon)),
      estimate(estimate_work(s)) {
    arrivals.reserve(s.classes.size());
    for (const auto& pc : s.classes) arrivals.emplace_back(pc.arrivals, calendar.clock(), horizon);
}

}  // namespace kapsim::models
