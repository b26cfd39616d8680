#pragma once
// The calendar of every whole day of a run (month, ISO week), worked out once per scenario and
// read by every replication: the dates do not depend on the replication, and converting a day
// count to a date for every simulated day of every replication was a tenth of the run time.
#include <cstddef>
#include <cstdint>
#include <vector>

#include "calendar_clock.hpp"

namespace kapsim::sim {

class CalendarTable {
public:
    // Days 0..days-1 after the clock's start.
    CalendarTable(const CalendarClock& clock, std::size_t days);

    // Whole days the table covers: those of a run up to `horizon`, and at least of its first
    // year (the arrival profiles are scaled over it).
    static std::size_t days_for(Time horizon);

    int month(std::size_t day) const { return day < month_.size() ? month_[day] : clock_.at(static_cast<Time>(day)).month; }
    int iso_week(std::size_t day) const {
        return day < iso_week_.size() ? iso_week_[day] : clock_.at(static_cast<Time>(day)).iso_week;
    }
    const CalendarClock& clock() const { return clock_; }

private:
    CalendarClock clock_;
    std::vector<std::uint8_t> month_;     // 1..12
    std::vector<std::uint8_t> iso_week_;  // 1..53
};

}  // namespace kapsim::sim
