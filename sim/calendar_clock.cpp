#include "calendar_clock.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace kapsim::sim {
using namespace std::chrono;

sys_days CalendarClock::parse_date(std::string_view text) {
    int y = 0;
    unsigned m = 0, d = 0;
    char tail = 0;
    const std::string s(text);
    if (std::sscanf(s.c_str(), "%4d-%2u-%2u%c", &y, &m, &d, &tail) != 3 || s.size() != 10)
        throw std::invalid_argument(fmt::format("'{}' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-01", text));
    const year_month_day ymd{year{y}, month{m}, day{d}};
    if (!ymd.ok()) throw std::invalid_argument(fmt::format("'{}' is not a real calendar date", text));
    return sys_days{ymd};
}

std::string CalendarClock::format_date(sys_days day) {
    const year_month_day ymd{day};
    return fmt::format("{:04d}-{:02d}-{:02d}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                       static_cast<unsigned>(ymd.day()));
}

CalendarPoint CalendarClock::at(Time t) const {
    const double whole = std::floor(t);
    const sys_days day = start_ + days{static_cast<long>(whole)};
    const year_month_day ymd{day};
    const int iso_weekday = static_cast<int>(std::chrono::weekday{day}.iso_encoding()) - 1;
    int hour = static_cast<int>((t - whole) * 24.0);
    if (hour > 23) hour = 23;  // rounding just below midnight

    // ISO week: the week with the year's first Thursday is week 1.
    const sys_days thursday = day + days{3 - iso_weekday};
    const year iso_y = year_month_day{thursday}.year();
    const sys_days jan1{iso_y / January / 1};
    const int iso_week = static_cast<int>((thursday - jan1).count() / 7) + 1;

    return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
            static_cast<int>(static_cast<unsigned>(ymd.day())), iso_weekday, hour, iso_weekday * 24 + hour, iso_week,
            static_cast<int>(iso_y)};
}

}  // namespace kapsim::sim
