#include "app/report/markdown.hpp"

#include <regex>
#include <sstream>
#include <vector>

namespace kapsim::app::report {
namespace {

std::string trim(std::string_view s) {
    const auto a = s.find_first_not_of(" \t\r");
    if (a == std::string_view::npos) return "";
    const auto b = s.find_last_not_of(" \t\r");
    return std::string(s.substr(a, b - a + 1));
}

// Inline markup on escaped text: `code` first, then **bold** and [text](target) outside code.
std::string inline_html(std::string_view raw) {
    static const std::regex bold(R"(\*\*([^*]+)\*\*)");
    static const std::regex link(R"(\[([^\]]+)\]\(([^)\s]+)\))");
    std::string out;
    std::size_t i = 0;
    bool in_code = false;
    while (i <= raw.size()) {
        const auto tick = raw.find('`', i);
        const auto piece = raw.substr(i, tick == std::string_view::npos ? std::string_view::npos : tick - i);
        if (in_code) {
            out += "<code>" + html_escape(piece) + "</code>";
        } else {
            std::string t = html_escape(piece);
            t = std::regex_replace(t, bold, "<strong>$1</strong>");
            // Links are shown, never followed: the report loads nothing.
            t = std::regex_replace(t, link, "$1 <span class=\"url\">($2)</span>");
            out += t;
        }
        if (tick == std::string_view::npos) break;
        in_code = !in_code;
        i = tick + 1;
    }
    if (in_code) out += "</code>";  // an unclosed backtick: close what was opened
    return out;
}

std::vector<std::string> table_cells(const std::string& line) {
    std::string t = trim(line);
    if (!t.empty() && t.front() == '|') t.erase(0, 1);
    if (!t.empty() && t.back() == '|' && (t.size() < 2 || t[t.size() - 2] != '\\')) t.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '\\' && i + 1 < t.size() && t[i + 1] == '|') {
            cell += '|';
            ++i;
        } else if (t[i] == '|') {
            cells.push_back(trim(cell));
            cell.clear();
        } else {
            cell += t[i];
        }
    }
    cells.push_back(trim(cell));
    return cells;
}

bool is_separator_row(const std::string& line) {
    static const std::regex sep(R"(^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$)");
    return std::regex_match(line, sep);
}

}  // namespace

std::string html_escape(std::string_view text) {
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        switch (c) {
            case '&': out += "&amp;"; break;
            case '<': out += "&lt;"; break;
            case '>': out += "&gt;"; break;
            case '"': out += "&quot;"; break;
            case '\'': out += "&#39;"; break;
            default: out += c;
        }
    }
    return out;
}

std::string markdown_inline_to_html(std::string_view text) { return inline_html(text); }

// Safe by construction, not by trust in the file: every piece of the file's text is escaped
// first, and the only tags added afterwards are this file's own fixed ones (with no attribute
// but the literal class "url"). The patterns that add them work on escaped text, which has no
// '<', '>', '"' or '\'' left, so no text from the file can name a tag or an attribute or end one.
Markup markdown_markup(std::string_view markdown) { return Markup::already_safe(markdown_to_html(markdown)); }
Markup markdown_inline_markup(std::string_view text) { return Markup::already_safe(inline_html(text)); }

std::string markdown_to_html(std::string_view markdown) {
    std::vector<std::string> lines;
    {
        std::istringstream in{std::string(markdown)};
        for (std::string line; std::getline(in, line);) {
            if (!line.empty() && line.back() == '\r') line.pop_back();
            lines.push_back(line);
        }
    }
    static const std::regex heading(R"(^(#{1,6})\s+(.*?)\s*#*\s*$)");
    static const std::regex bullet(R"(^\s*[-*+]\s+(.*)$)");
    static const std::regex numbered(R"(^\s*\d+[.)]\s+(.*)$)");
    std::string out;
    std::string paragraph;
    const auto flush = [&] {
        if (!trim(paragraph).empty()) out += "<p>" + inline_html(trim(paragraph)) + "</p>\n";
        paragraph.clear();
    };
    std::smatch m;
    for (std::size_t i = 0; i < lines.size();) {
        const std::string& line = lines[i];
        const std::string t = trim(line);
        if (t.rfind("```", 0) == 0) {
            flush();
            std::string code;
            for (++i; i < lines.size() && trim(lines[i]).rfind("```", 0) != 0; ++i) code += lines[i] + "\n";
            out += "<pre><code>" + html_escape(code) + "</code></pre>\n";
            ++i;
            continue;
        }
        if (t.empty()) {
            flush();
            ++i;
            continue;
        }
        if (std::regex_match(line, m, heading)) {
            flush();
            const auto level = std::min<std::size_t>(6, 3 + m[1].length());
            out += "<h" + std::to_string(level) + ">" + inline_html(m[2].str()) + "</h" + std::to_string(level) + ">\n";
            ++i;
            continue;
        }
        if (t.front() == '|') {
            flush();
            std::vector<std::string> rows;
            for (; i < lines.size() && !trim(lines[i]).empty() && trim(lines[i]).front() == '|'; ++i) rows.push_back(lines[i]);
            const bool has_header = rows.size() >= 2 && is_separator_row(rows[1]);
            out += "<table class=\"md\">\n";
            for (std::size_t r = 0; r < rows.size(); ++r) {
                if (has_header && r == 1) continue;
                const bool head = has_header && r == 0;
                if (head) out += "<thead>";
                out += "<tr>";
                for (const auto& cell : table_cells(rows[r]))
                    out += std::string(head ? "<th>" : "<td>") + inline_html(cell) + (head ? "</th>" : "</td>");
                out += "</tr>";
                if (head) out += "</thead>";
                out += "\n";
            }
            out += "</table>\n";
            continue;
        }
        if (std::regex_match(line, m, bullet) || std::regex_match(line, m, numbered)) {
            flush();
            const bool ordered = !std::regex_match(line, bullet);
            out += ordered ? "<ol>\n" : "<ul>\n";
            while (i < lines.size()) {
                std::smatch item;
                const bool is_item = ordered ? std::regex_match(lines[i], item, numbered) : std::regex_match(lines[i], item, bullet);
                if (!is_item) break;
                std::string text = item[1].str();
                // Indented lines continue the item.
                for (++i; i < lines.size() && !trim(lines[i]).empty() && (lines[i][0] == ' ' || lines[i][0] == '\t') &&
                          !std::regex_match(lines[i], bullet) && !std::regex_match(lines[i], numbered);
                     ++i)
                {
                    text += ' ';
                    text += trim(lines[i]);
                }
                out += "<li>" + inline_html(text) + "</li>\n";
            }
            out += ordered ? "</ol>\n" : "</ul>\n";
            continue;
        }
        if (t.front() == '>') {
            flush();
            std::string quote;
            for (; i < lines.size() && !trim(lines[i]).empty() && trim(lines[i]).front() == '>'; ++i)
                quote += trim(trim(lines[i]).substr(1)) + " ";
            out += "<blockquote><p>" + inline_html(trim(quote)) + "</p></blockquote>\n";
            continue;
        }
        paragraph += t + " ";
        ++i;
    }
    flush();
    return out;
}

}  // namespace kapsim::app::report
