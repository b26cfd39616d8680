#pragma once
// Maps simulation time (days since the start) to the calendar, so that profiles and schedules
// can speak of weekdays, nights, months and ISO weeks ("no planned admissions in weeks 26-32").
#include <chrono>
#include <string>
#include <string_view>

#include "event_calendar.hpp"

namespace kapsim::sim {

struct CalendarPoint {
    int year;
    int month;         // 1..12
    int day;           // 1..31
    int weekday;       // 0 = Monday .. 6 = Sunday (ISO order)
    int hour;          // 0..23
    int hour_of_week;  // 0..167, Monday 00-01 is 0
    int iso_week;      // 1..53
    int iso_year;      // the year the ISO week belongs to
};

class CalendarClock {
public:
    // `start` is midnight at the beginning of the scenario's first day.
    explicit CalendarClock(std::chrono::sys_days start) : start_(start) {}

    // "2024-01-01"; throws std::invalid_argument for anything else.
    static std::chrono::sys_days parse_date(std::string_view text);
    static std::string format_date(std::chrono::sys_days day);

    CalendarPoint at(Time t) const;

    // Simulation time of midnight at the start of `day`.
    Time time_of(std::chrono::sys_days day) const { return static_cast<Time>((day - start_).count()); }

    std::chrono::sys_days start() const { return start_; }

private:
    std::chrono::sys_days start_;
};

}  // namespace kapsim::sim
