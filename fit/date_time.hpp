#pragma once
// Dates and times as exports write them: ISO dates with or without a time ("2024-03-05",
// "2024-03-05 14:30", "2024-03-05T14:30:00", Swedish "2024-03-05 kl. 14.30"), or Excel's serial
// number of days, with a decimal comma or point ("45356,604"), which is what a date cell becomes
// in a sheet or in a CSV saved from one without a date format.
#include <optional>
#include <string_view>

namespace kapsim::fit {

struct Moment {
    double days = 0;         // since 1970-01-01 00:00
    bool has_time = false;   // a time of day was written (not just a date)
};

// Nothing when the text is not a date kapsim can read.
std::optional<Moment> read_moment(std::string_view text, bool date1904 = false);

// A number written with a decimal comma or point, and nothing else.
std::optional<double> read_decimal(std::string_view text);

}  // namespace kapsim::fit
