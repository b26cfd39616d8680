#pragma once
// An export as kapsim reads it before it knows what any column means: a header row and rows of
// text cells, each remembering where it stood in the file (line or sheet row, and column), so
// that every problem found later can be reported there.
#include <string>
#include <vector>

namespace kapsim::fit {

struct DataRow {
    int line = 0;  // 1-based line of the file, or row of the sheet
    std::vector<std::string> cells;
};

struct DataTable {
    std::string file;
    std::vector<std::string> header;
    int header_line = 0;
    std::vector<DataRow> rows;
    // The export's own words: ';' with decimal comma (Swedish Excel), ',' or a tab; "xlsx" for a sheet.
    std::string dialect;
    bool date1904 = false;
    std::vector<std::string> comments;  // lines starting with '#' before the header  // a workbook's serial dates count from 1904-01-01
};

// Reads a CSV or XLSX export by its name's ending (.xlsx is a workbook, anything else text).
// Throws models::InputError, with the place, for a file that cannot be read as a table.
DataTable read_data_table(const std::string& file);

}  // namespace kapsim::fit
