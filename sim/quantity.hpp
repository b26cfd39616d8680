#pragma once
// Durations and rates as written in scenarios: "8h", "9d", "2w", "4mo", "1y"; "700/year",
// "1.65/day". The engine's unit of time is the day; a year is 365.25 days and a month a
// twelfth of that, so "12mo" and "1y" are the same span.
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace kapsim::sim {

inline constexpr double days_per_year = 365.25;
inline constexpr double days_per_month = days_per_year / 12.0;

// Thrown with a message that says what was expected; the scenario loader adds the location.
// The English template and its values are kept apart, so that the loader can say the same in
// Swedish from its catalogue (models/message.hpp): the template is the catalogue's key.
struct QuantityError : std::invalid_argument {
    QuantityError(std::string_view english_template, std::vector<std::string> values);

    std::string_view english_template;  // a literal, fmt-style with '{}' fields
    std::vector<std::string> values;    // one per field, in order
};

// "9d" -> 9.0, "8h" -> 0.333.., "6 dagar" -> 6.0; a bare number is refused because its unit
// would be a guess. The units: min, h, d, w, mo, y, their English words (hours, days, ...)
// and the Swedish ones (minuter, timmar/timme, dagar/dag, veckor/vecka, månader/månad, år).
double parse_duration_days(std::string_view text);

// Every unit word a duration may carry, as written: "min", "h", ..., "år". The scenario
// schema lists the same (tests/scenario_schema_test.cpp), for editors and the studio's unit picker.
std::vector<std::string_view> duration_unit_names();

// "700/year" -> 1.916.. per day; also "/day", "/week", "/month", "/hour", any duration unit
// above ("/år", "/dag"), and "per" for the slash: "600 per år", "3 per vecka".
double parse_rate_per_day(std::string_view text);

// Where a decimal comma stands between two digits ("6,5d"), if anywhere. YAML and kapsim read
// a decimal point only; a comma would otherwise split a value ("{mean: 6,5d}" is the key
// "mean" with 6 and a key "5d") or make it unreadable, so callers name it precisely.
std::optional<std::size_t> decimal_comma_at(std::string_view text);
// "6,5d" -> "6.5d", for the hint.
std::string with_decimal_points(std::string_view text);
// "'6,5d' has a decimal comma: ... write '6.5d'".
std::string decimal_comma_message(std::string_view text);

// The inverse, for printing a model back to the user: "9d", "8h", "1.5y".
std::string format_duration(double days);

}  // namespace kapsim::sim
