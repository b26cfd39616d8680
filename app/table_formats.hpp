#pragma once
// The output tables for Excel. Every command writes its tables as plain CSV (comma, decimal
// point: what `kapsim report` and scripts read); `--format` adds, beside them, the same
// tables as a Swedish CSV dialect (semicolon, decimal comma, a byte-order mark so Excel reads
// å, ä and ö) and as one XLSX workbook with a sheet per table and numbers as numbers.
#include <filesystem>
#include <string>
#include <vector>

namespace kapsim::app {

enum class TableFormat { swedish_csv, xlsx };

// "csv" (always written), "csv-sv", "xlsx"; anything else is an input error with a hint.
std::vector<TableFormat> parse_table_formats(const std::vector<std::string>& names);

// A CSV file as kapsim writes it: '#' lines first (version, scenario, hash, seed), then rows.
struct CsvTable {
    std::vector<std::string> comments;  // without the '#'
    std::vector<std::vector<std::string>> rows;  // the header first
};
CsvTable read_csv_table(const std::string& text);

// The table with semicolons and decimal commas: a cell that reads whole as a number has its
// point made a comma; text is quoted where it holds a semicolon, a quote or a line break.
std::string swedish_csv(const CsvTable& table);

// Every *.csv under `folder` (its subfolders too) in the formats asked for: X-sv.csv beside
// X.csv, and results.xlsx in `folder` with one sheet per table (named from its path, at most
// 31 characters; a table longer than a sheet continues on the next) and a first sheet "om"
// saying which file each sheet holds and what the '#' lines said. Written atomically.
void write_table_formats(const std::filesystem::path& folder, const std::vector<TableFormat>& formats);

}  // namespace kapsim::app
