#include "calendar_clock.hpp"

#include <cmath>
#include <stdexcept>

#include <fmt/format.h>

namespace kapsim::sim {
using namespace std::chrono;

sys_days CalendarClock::parse_date(std::string_view text) {
    // Exactly YYYY-MM-DD: digits in fixed places, nothing else (no signs, no spaces).
    const auto digit = [&](std::size_t i) { return text[i] >= '0' && text[i] <= '9'; };
    bool ok = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) ok = ok && digit(i);
    if (!ok) throw std::invalid_argument(fmt::format("'{}' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-01", text));
    const auto number = [&](std::size_t from, std::size_t n) {
        int v = 0;
        for (std::size_t i = from; i < from + n; ++i) v = v * 10 + (text[i] - '0');
        return v;
    };
    const year_month_day ymd{year{number(0, 4)}, month{static_cast<unsigned>(number(5, 2))},
                             day{static_cast<unsigned>(number(8, 2))}};
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
    // A time meant to be on the hour (d + h/24) may land a rounding error below it.
    int hour = static_cast<int>(std::floor((t - whole) * 24.0 + 1e-9));
    if (hour > 23) hour = 23;

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
