#pragma once
// CSV as exports come: the separator found from the header (';' as Swedish Excel writes it,
// ',' or a tab), quoted fields with doubled quotes and line breaks inside them, a UTF-8 byte
// order mark dropped, and text that is not UTF-8 read as Windows-1252 (what Excel in Sweden
// saves), so å, ä and ö in column names arrive whole. Lines starting with '#' before the header
// are comments (kapsim's own files start with one).
#include <string>
#include <string_view>

#include "data_table.hpp"

namespace kapsim::fit {

DataTable read_delimited_text(const std::string& file, std::string_view bytes);

// Text in Windows-1252 as UTF-8; text already UTF-8 is returned as it is.
std::string as_utf8(std::string_view bytes);

}  // namespace kapsim::fit
