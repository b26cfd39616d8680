#include "calendar_table.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include "quantity.hpp"

namespace kapsim::sim {
namespace {

namespace chrono = std::chrono;

chrono::day last_day_of_month(const chrono::year_month_day& date) {
    return chrono::year_month_day_last{date.year() / date.month() / chrono::last}.day();
}

// The days from `date` to the end of its month, `date` included: 1..31.
unsigned days_left_in_month(const chrono::year_month_day& date) {
    return static_cast<unsigned>(last_day_of_month(date)) - static_cast<unsigned>(date.day()) + 1;
}

}  // namespace

CalendarTable::CalendarTable(const CalendarClock& clock, std::size_t days) : clock_(clock) {
    days = std::min(days, gregorian_cycle_days);
    month_.reserve(days);
    iso_week_.reserve(days);
    days_left_.reserve(days);
    // Day by day without converting each day to the calendar afresh (a 400-year table is
    // 146 097 days): the month turns after its last day, the ISO week on Mondays.
    chrono::year_month_day date{clock.start()};
    CalendarPoint p = clock.at(0);
    int weekday = p.weekday;
    for (std::size_t d = 0; d < days; ++d) {
        if (d > 0) {
            weekday = (weekday + 1) % 7;
            if (weekday == 0) p = clock.at(static_cast<Time>(d));
            date = date.day() == last_day_of_month(date)
                       ? chrono::year_month_day{date.year() / date.month() / 1} + chrono::months{1}
                       : chrono::year_month_day{date.year(), date.month(), date.day() + chrono::days{1}};
        }
        month_.push_back(static_cast<std::uint8_t>(static_cast<unsigned>(date.month())));
        iso_week_.push_back(static_cast<std::uint8_t>(p.iso_week));
        days_left_.push_back(static_cast<std::uint8_t>(days_left_in_month(date)));
    }
}

std::size_t CalendarTable::next_month_start(std::size_t day) const {
    if (day < days_left_.size()) return day + days_left_[day];
    if (wraps()) return day + days_left_[day % gregorian_cycle_days];
    return day + days_left_in_month(chrono::year_month_day{clock_.start() + chrono::days{day}});
}

std::size_t CalendarTable::days_for(Time horizon) {
    return static_cast<std::size_t>(std::ceil(std::max(days_per_year, horizon))) + 1;
}

}  // namespace kapsim::sim
