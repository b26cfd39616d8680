#pragma once
// Text in the CSV files kapsim writes. A field with a comma, a quote or a line break is
// quoted (RFC 4180). A field a spreadsheet would run as a formula (one starting with '=', '+',
// '-', '@', a tab or a carriage return, such as a sweep value "=HYPERLINK(...)") is quoted with
// a single quote in front, so it shows as text (OWASP's advice on CSV injection); a field
// starting with a single quote gets one more, so reading back is exact. Numbers stay plain:
// "-1.5" is a number, not a formula. Numbers kapsim computes go through csv_number instead.
#include <string>
#include <string_view>
#include <vector>

namespace kapsim::app {

std::string csv_text(std::string_view text);

// One line of such a file back into its fields, undoing csv_text.
std::vector<std::string> csv_fields(std::string_view line);

}  // namespace kapsim::app
