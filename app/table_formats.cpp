#include "table_formats.hpp"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cmath>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <stdexcept>

#include <fmt/format.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "atomic_file.hpp"
#include "models/input_error.hpp"

namespace kapsim::app {
namespace {

namespace fs = std::filesystem;

// A cell kapsim wrote as a number ("12", "-0.5", "1e-05"), not a name or a date.
bool reads_as_number(const std::string& cell, double& value) {
    if (cell.empty()) return false;
    const char c = cell.front();
    if (!(std::isdigit(static_cast<unsigned char>(c)) || c == '-' || c == '+' || c == '.')) return false;
    const char* end = cell.data() + cell.size();
    const auto [stop, error] = std::from_chars(cell.data() + (c == '+' ? 1 : 0), end, value);
    return error == std::errc() && stop == end && std::isfinite(value);
}

std::string swedish_cell(const std::string& cell) {
    double value = 0;
    if (reads_as_number(cell, value)) {
        std::string text = cell;
        std::replace(text.begin(), text.end(), '.', ',');
        return text;
    }
    if (cell.find_first_of(";\"\n\r") == std::string::npos) return cell;
    std::string quoted = "\"";
    for (const char ch : cell) quoted += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    return quoted + "\"";
}

// At most `characters` UTF-8 characters of `text`, never cutting one in two.
std::string first_characters(const std::string& text, std::size_t characters) {
    std::size_t count = 0, at = 0;
    for (; at < text.size(); ++at)
        if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80 && count++ == characters) break;
    return text.substr(0, at);
}

// A sheet name Excel accepts, unique in the workbook (Excel compares them without case).
std::string sheet_name(std::string name, std::set<std::string>& taken) {
    for (char& ch : name)
        if (std::string_view("[]:*?/\\").find(ch) != std::string_view::npos) ch = ' ';
    while (!name.empty() && name.front() == '\'') name.erase(0, 1);
    if (name.empty()) name = "tabell";
    auto lower = [](std::string s) {
        for (char& ch : s) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
        return s;
    };
    std::string candidate = first_characters(name, LXW_SHEETNAME_MAX);
    for (int n = 2; taken.count(lower(candidate)); ++n) {
        const std::string suffix = fmt::format(" ({})", n);
        candidate = first_characters(name, LXW_SHEETNAME_MAX - suffix.size()) + suffix;
    }
    while (!candidate.empty() && candidate.back() == '\'') candidate.pop_back();
    taken.insert(lower(candidate));
    return candidate;
}

void check(lxw_error error, const fs::path& file) {
    if (error != LXW_NO_ERROR)
        throw std::runtime_error(fmt::format("writing {}: {}", file.string(), lxw_strerror(error)));
}

// The CSV quotes text a spreadsheet would run as a formula with a leading '; in a workbook a
// string cell is never a formula, so the quote comes off again.
std::string workbook_text(const std::string& cell) {
    if (cell.size() >= 2 && cell[0] == '\'' && std::string_view("=+-@\t\r'").find(cell[1]) != std::string_view::npos)
        return cell.substr(1);
    return cell;
}

struct Sheet {
    std::string file;  // relative to the folder
    CsvTable table;
};

std::string read_whole(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

void write_workbook(const fs::path& target, const std::vector<Sheet>& sheets) {
    const fs::path temporary = target.parent_path() / fmt::format(".{}.tmp-{}", target.filename().string(), ::getpid());
    const std::string tmpdir = target.parent_path().string();
    lxw_workbook_options options{};
    options.constant_memory = 1;  // rows go to disk as written: a sweep's table does not fill memory
    options.tmpdir = const_cast<char*>(tmpdir.c_str());
    options.use_zip64 = 1;
    lxw_workbook* book = workbook_new_opt(temporary.c_str(), &options);
    if (!book) throw std::runtime_error(fmt::format("cannot create {}", temporary.string()));
    lxw_format* bold = workbook_add_format(book);
    format_set_bold(bold);

    std::set<std::string> taken;
    // The first sheet says which file each sheet holds.
    lxw_worksheet* about = workbook_add_worksheet(book, sheet_name("om", taken).c_str());
    const char* headings[] = {"blad", "fil", "om tabellen"};
    for (lxw_col_t c = 0; c < 3; ++c) check(worksheet_write_string(about, 0, c, headings[c], bold), target);
    lxw_row_t about_row = 1;
    std::vector<std::pair<std::string, const Sheet*>> parts;  // sheet name and what it holds
    for (const auto& sheet : sheets) {
        const std::size_t body = sheet.table.rows.empty() ? 0 : sheet.table.rows.size() - 1;
        const std::size_t per_sheet = LXW_ROW_MAX - 1;  // the header repeats on every sheet
        const std::size_t count = std::max<std::size_t>(1, (body + per_sheet - 1) / per_sheet);
        std::string base = fs::path(sheet.file).replace_extension().generic_string();
        std::replace(base.begin(), base.end(), '/', ' ');
        for (std::size_t part = 0; part < count; ++part) {
            const std::string name = sheet_name(count == 1 ? base : fmt::format("{} {}", base, part + 1), taken);
            std::string note;
            for (const auto& c : sheet.table.comments) note += (note.empty() ? "" : "; ") + c;
            if (count > 1) note += fmt::format("{}del {} av {}", note.empty() ? "" : "; ", part + 1, count);
            check(worksheet_write_string(about, about_row, 0, name.c_str(), nullptr), target);
            check(worksheet_write_string(about, about_row, 1, sheet.file.c_str(), nullptr), target);
            if (!note.empty()) check(worksheet_write_string(about, about_row, 2, note.c_str(), nullptr), target);
            ++about_row;
            parts.emplace_back(name, &sheet);
        }
    }
    std::map<const Sheet*, std::size_t> next_row;  // the first body row not yet written, per table
    for (const auto& [name, sheet] : parts) {
        lxw_worksheet* ws = workbook_add_worksheet(book, name.c_str());
        const auto& rows = sheet->table.rows;
        if (rows.empty()) continue;
        for (lxw_col_t c = 0; c < rows[0].size(); ++c)
            check(worksheet_write_string(ws, 0, c, rows[0][c].c_str(), bold), target);
        worksheet_freeze_panes(ws, 1, 0);
        std::size_t& r = next_row.try_emplace(sheet, 1).first->second;
        for (lxw_row_t out = 1; r < rows.size() && out < LXW_ROW_MAX; ++r, ++out)
            for (lxw_col_t c = 0; c < rows[r].size(); ++c) {
                const std::string& cell = rows[r][c];
                double value = 0;
                if (cell.empty()) continue;
                check(reads_as_number(cell, value) ? worksheet_write_number(ws, out, c, value, nullptr)
                                                   : worksheet_write_string(ws, out, c, workbook_text(cell).c_str(), nullptr),
                      target);
            }
    }
    check(workbook_close(book), target);
    fs::rename(temporary, target);
}

}  // namespace

std::vector<TableFormat> parse_table_formats(const std::vector<std::string>& names) {
    std::vector<TableFormat> formats;
    for (const auto& name : names) {
        if (name == "csv") continue;  // always written
        const TableFormat f = name == "csv-sv" ? TableFormat::swedish_csv
                              : name == "xlsx" ? TableFormat::xlsx
                                               : throw models::InputError({"--format " + name, 0, 0},
                                                                          fmt::format("'{}' is not an output format", name),
                                                                          "the formats are csv (always written), csv-sv "
                                                                          "(semicolon and decimal comma) and xlsx");
        if (std::find(formats.begin(), formats.end(), f) == formats.end()) formats.push_back(f);
    }
    return formats;
}

CsvTable read_csv_table(const std::string& text) {
    CsvTable table;
    std::size_t at = 0;
    while (at < text.size() && text[at] == '#') {
        const auto end = text.find('\n', at);
        std::string line = text.substr(at + 1, end == std::string::npos ? std::string::npos : end - at - 1);
        table.comments.push_back(line.size() && line.front() == ' ' ? line.substr(1) : line);
        at = end == std::string::npos ? text.size() : end + 1;
    }
    std::vector<std::string> row;
    std::string cell;
    bool quoted = false, any = false;
    for (; at < text.size(); ++at) {
        const char ch = text[at];
        if (quoted) {
            if (ch == '"' && at + 1 < text.size() && text[at + 1] == '"') {
                cell += '"';
                ++at;
            } else if (ch == '"') {
                quoted = false;
            } else {
                cell += ch;
            }
        } else if (ch == '"') {
            quoted = any = true;
        } else if (ch == ',') {
            row.push_back(std::move(cell));
            cell.clear();
            any = true;
        } else if (ch == '\n') {
            row.push_back(std::move(cell));
            table.rows.push_back(std::move(row));
            row.clear();
            cell.clear();
            any = false;
        } else if (ch != '\r') {
            cell += ch;
            any = true;
        }
    }
    if (any || !cell.empty()) {
        row.push_back(std::move(cell));
        table.rows.push_back(std::move(row));
    }
    return table;
}

std::string swedish_csv(const CsvTable& table) {
    std::string out = "\xEF\xBB\xBF";  // Excel reads the file as UTF-8 only with this mark
    for (const auto& c : table.comments) out += "# " + c + "\n";
    for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) out += (c ? ";" : "") + swedish_cell(row[c]);
        out += "\n";
    }
    return out;
}

void write_table_formats(const fs::path& folder, const std::vector<TableFormat>& formats) {
    if (formats.empty()) return;
    std::vector<Sheet> sheets;
    for (const auto& entry : fs::recursive_directory_iterator(folder)) {
        const std::string name = entry.path().filename().string();
        if (!entry.is_regular_file() || entry.path().extension() != ".csv" || name.front() == '.' ||
            name.ends_with("-sv.csv"))
            continue;
        sheets.push_back({fs::relative(entry.path(), folder).generic_string(), read_csv_table(read_whole(entry.path()))});
    }
    // The folder's own tables first, then each subfolder's, each in name order.
    std::sort(sheets.begin(), sheets.end(), [](const Sheet& a, const Sheet& b) {
        const auto depth = [](const std::string& f) { return std::count(f.begin(), f.end(), '/'); };
        return std::pair(depth(a.file), a.file) < std::pair(depth(b.file), b.file);
    });
    for (const TableFormat format : formats) {
        if (format == TableFormat::swedish_csv)
            for (const auto& sheet : sheets) {
                fs::path file = folder / sheet.file;
                file.replace_filename(file.stem().string() + "-sv.csv");
                write_file_atomically(file, swedish_csv(sheet.table));
            }
        if (format == TableFormat::xlsx) write_workbook(folder / "results.xlsx", sheets);
    }
}

}  // namespace kapsim::app
