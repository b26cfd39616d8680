#include "prepared_scenario.hpp"

#include <cmath>

#include "unit_base.hpp"

namespace kapsim::models {

PreparedScenario::PreparedScenario(const Scenario& s)
    : scenario(s),
      horizon(s.horizon_days()),
      calendar(sim::CalendarClock(s.start), sim::CalendarTable::days_for(horizon)),
      estimate(estimate_work(s)),
      classes_by_unit(models::classes_by_unit(s)),
      run_months(s.starts_from_today() ? models::run_months(s) : std::vector<RunMonth>{}),
      years(observed_years(s)),
      observed_days(static_cast<std::size_t>(std::ceil(s.warmup_days)), static_cast<std::size_t>(std::floor(horizon))) {
    for (std::size_t d = observed_days.first; d < observed_days.second; ++d)
        observed_days_by_month[static_cast<std::size_t>(calendar.month(d) - 1)] += 1;
    arrivals.reserve(s.classes.size());
    for (std::size_t c = 0; c < s.classes.size(); ++c) arrivals.emplace_back(s, c, calendar.clock(), horizon);
}

}  // namespace kapsim::models
