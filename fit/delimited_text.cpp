#include "delimited_text.hpp"

#include <array>

#include <fmt/format.h>

#include "models/input_error.hpp"
#include "models/utf8_text.hpp"

namespace kapsim::fit {
namespace {

// Windows-1252's 0x80-0x9F; the rest of its upper half is Latin-1, the code point itself.
constexpr std::array<char32_t, 32> cp1252_high{
    0x20AC, 0xFFFD, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160,
    0x2039, 0x0152, 0xFFFD, 0x017D, 0xFFFD, 0xFFFD, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022,
    0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0xFFFD, 0x017E, 0x0178};

void append_utf8(std::string& out, char32_t c) {
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
}

// The separator of the header line: whichever of ';', tab and ',' occurs most outside quotes.
char separator_of(std::string_view line) {
    int semicolons = 0, tabs = 0, commas = 0;
    bool quoted = false;
    for (const char c : line) {
        if (c == '"') quoted = !quoted;
        if (quoted) continue;
        semicolons += c == ';';
        tabs += c == '\t';
        commas += c == ',';
    }
    if (semicolons >= commas && semicolons >= tabs && semicolons > 0) return ';';
    if (tabs >= commas && tabs > 0) return '\t';
    return ',';
}

}  // namespace

std::string as_utf8(std::string_view bytes) {
    if (models::is_valid_utf8(bytes)) return std::string(bytes);
    std::string out;
    out.reserve(bytes.size() + bytes.size() / 8);
    for (const char ch : bytes) {
        const auto b = static_cast<unsigned char>(ch);
        append_utf8(out, b < 0x80 ? b : b < 0xA0 ? cp1252_high[b - 0x80] : static_cast<char32_t>(b));
    }
    return out;
}

DataTable read_delimited_text(const std::string& file, std::string_view bytes) {
    if (bytes.substr(0, 3) == "\xEF\xBB\xBF") bytes.remove_prefix(3);
    const std::string text = as_utf8(bytes);
    DataTable table;
    table.file = file;

    // Records: split on line breaks outside quotes; a field's quotes are undone.
    std::size_t at = 0;
    int line = 1;
    char separator = 0;
    while (at < text.size()) {
        const int first_line = line;
        if (separator == 0) {
            // Comments and blank lines before the header.
            const std::size_t end = text.find('\n', at);
            const std::string_view whole = std::string_view(text).substr(at, end == std::string::npos ? std::string::npos : end - at);
            if (whole.empty() || whole == "\r" || whole.front() == '#') {
                if (!whole.empty() && whole.front() == '#') table.comments.emplace_back(whole);
                at = end == std::string::npos ? text.size() : end + 1;
                ++line;
                continue;
            }
            separator = separator_of(whole);
        }
        std::vector<std::string> cells(1);
        bool quoted = false;
        for (; at < text.size(); ++at) {
            const char c = text[at];
            if (quoted) {
                if (c == '"' && at + 1 < text.size() && text[at + 1] == '"') {
                    cells.back() += '"';
                    ++at;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    if (c == '\n') ++line;
                    cells.back() += c;
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == separator) {
                cells.emplace_back();
            } else if (c == '\n') {
                ++at;
                break;
            } else if (c != '\r') {
                cells.back() += c;
            }
        }
        if (quoted)
            throw models::InputError({file, first_line, 0}, "a quoted field is not closed before the end of the file",
                                     "every opening \" needs a closing one; a \" inside a field is written \"\"");
        ++line;
        const bool blank = cells.size() == 1 && cells[0].empty();
        if (table.header.empty()) {
            table.header = std::move(cells);
            table.header_line = first_line;
        } else if (!blank) {
            table.rows.push_back({first_line, std::move(cells)});
        }
    }
    if (table.header.empty())
        throw models::InputError({file, 1, 0}, "the file holds no header row",
                                 "an export starts with a row naming its columns, e.g. arrival;admission;discharge;class");
    table.dialect = separator == ';' ? "';' with decimal comma" : separator == '\t' ? "tab-separated" : "','";
    return table;
}

}  // namespace kapsim::fit
