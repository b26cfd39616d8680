#pragma once
// Durations and rates as written in scenarios: "8h", "9d", "2w", "4mo", "1y"; "700/year",
// "1.65/day". The engine's unit of time is the day; a year is 365.25 days and a month a
// twelfth of that, so "12mo" and "1y" are the same span.
#include <stdexcept>
#include <string>
#include <string_view>

namespace kapsim::sim {

inline constexpr double days_per_year = 365.25;
inline constexpr double days_per_month = days_per_year / 12.0;

// Thrown with a message that says what was expected; the scenario loader adds the location.
struct QuantityError : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// "9d" -> 9.0, "8h" -> 0.333.. ; a bare number is refused because its unit would be a guess.
double parse_duration_days(std::string_view text);

// "700/year" -> 1.916.. per day; also "/day", "/week", "/month", "/hour".
double parse_rate_per_day(std::string_view text);

// The inverse, for printing a model back to the user: "9d", "8h", "1.5y".
std::string format_duration(double days);

}  // namespace kapsim::sim
