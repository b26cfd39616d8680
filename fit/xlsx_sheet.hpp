#pragma once
// The first worksheet of an Excel workbook (.xlsx) as a table of text cells, read with libzip
// and pugixml. Numbers stay as Excel writes them, so a date cell arrives as its serial number
// (days since 1899-12-30, or since 1904-01-01 in a workbook that says so, noted in the dialect),
// which the date reader understands.
#include <string>

#include "data_table.hpp"

namespace kapsim::fit {

DataTable read_xlsx_sheet(const std::string& file);

}  // namespace kapsim::fit
