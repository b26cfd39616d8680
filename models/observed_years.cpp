#include "observed_years.hpp"

#include <chrono>
#include <cmath>

namespace kapsim::models {

std::vector<ObservedYear> observed_years(const Scenario& s) {
    std::vector<ObservedYear> years;
    if (s.run_length_days <= 366) return years;
    const sim::Time from = s.warmup_days, to = s.horizon_days();
    const auto day_of = [&](sim::Time t) {
        return std::chrono::year_month_day{s.start + std::chrono::days{static_cast<long>(std::floor(t))}};
    };
    int year = static_cast<int>(day_of(from).year());
    sim::Time begin = from;
    while (begin < to) {
        const std::chrono::sys_days next_new_year{std::chrono::year{year + 1} / std::chrono::January / 1};
        const sim::Time end = std::min(to, static_cast<sim::Time>((next_new_year - s.start).count()));
        years.push_back({year, begin, end});
        begin = end;
        ++year;
    }
    return years;
}

bool changes_through_time(const Scenario& s) {
    if (!s.changes.empty()) return true;
    for (const auto& c : s.classes)
        if (c.arrivals.yearly_growth != 1.0) return true;
    for (const auto& u : s.units)
        if (u.at_start.from_today || (s.warmup_days == 0 && !u.at_start.empty())) return true;
    return false;
}

}  // namespace kapsim::models
