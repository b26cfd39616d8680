#pragma once
// The calendar of every whole day of a run (month, ISO week), worked out once per scenario and
// read by every replication: the dates do not depend on the replication, and converting a day
// count to a date for every simulated day of every replication was a tenth of the run time.
// The Gregorian calendar repeats itself every 400 years (146 097 days, exactly 20 871 weeks:
// the same months, weekdays and ISO weeks), so the table never holds more than one such
// cycle, and a run of a thousand years needs no more memory than one of four hundred.
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

    static constexpr std::size_t gregorian_cycle_days = 146097;

    int month(std::size_t day) const {
        if (day >= month_.size()) return wraps() ? month_[day % gregorian_cycle_days] : clock_.at(static_cast<Time>(day)).month;
        return month_[day];
    }
    int iso_week(std::size_t day) const {
        if (day >= iso_week_.size())
            return wraps() ? iso_week_[day % gregorian_cycle_days] : clock_.at(static_cast<Time>(day)).iso_week;
        return iso_week_[day];
    }
    // The first day after `day` that lies in another month.
    std::size_t next_month_start(std::size_t day) const;
    const CalendarClock& clock() const { return clock_; }

private:
    bool wraps() const { return month_.size() == gregorian_cycle_days; }

    CalendarClock clock_;
    std::vector<std::uint8_t> month_;     // 1..12
    std::vector<std::uint8_t> iso_week_;  // 1..53
    std::vector<std::uint8_t> days_left_;  // in the day's month, the day itself included: 1..31
};

}  // namespace kapsim::sim
