#include "calendar_table.hpp"

#include <algorithm>
#include <cmath>

#include "quantity.hpp"

namespace kapsim::sim {

CalendarTable::CalendarTable(const CalendarClock& clock, std::size_t days) : clock_(clock) {
    days = std::min(days, gregorian_cycle_days);
    month_.reserve(days);
    iso_week_.reserve(days);
    for (std::size_t d = 0; d < days; ++d) {
        const CalendarPoint p = clock.at(static_cast<Time>(d));
        month_.push_back(static_cast<std::uint8_t>(p.month));
        iso_week_.push_back(static_cast<std::uint8_t>(p.iso_week));
    }
}

std::size_t CalendarTable::days_for(Time horizon) {
    return static_cast<std::size_t>(std::ceil(std::max(days_per_year, horizon))) + 1;
}

}  // namespace kapsim::sim
