#include "data_table.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

#include "delimited_text.hpp"
#include "models/input_error.hpp"
#include "xlsx_sheet.hpp"

namespace kapsim::fit {
namespace {

// An export larger than this is refused rather than read: ten million stays fit well below.
constexpr std::uintmax_t largest_export = 2ull << 30;

bool ends_with_ignoring_case(const std::string& text, std::string_view end) {
    if (text.size() < end.size()) return false;
    for (std::size_t i = 0; i < end.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[text.size() - end.size() + i])) != end[i]) return false;
    return true;
}

}  // namespace

DataTable read_data_table(const std::string& file) {
    std::error_code ec;
    if (!std::filesystem::is_regular_file(file, ec))
        throw models::InputError({file, 0, 0}, "no such file, or not a regular file",
                                 "give the path of the export (CSV or XLSX)");
    if (std::filesystem::file_size(file, ec) > largest_export)
        throw models::InputError({file, 0, 0}, "the file is larger than 2 GB", "export the years you need, or split it");
    if (ends_with_ignoring_case(file, ".xlsx")) return read_xlsx_sheet(file);
    std::ifstream in(file, std::ios::binary);
    std::ostringstream bytes;
    bytes << in.rdbuf();
    if (!in && !in.eof()) throw models::InputError({file, 0, 0}, "cannot be read", "check that the file is readable");
    return read_delimited_text(file, bytes.str());
}

}  // namespace kapsim::fit
