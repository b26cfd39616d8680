#include "csv_text.hpp"

#include <cerrno>
#include <cstdlib>

namespace kapsim::app {
namespace {

bool is_plain_number(std::string_view text) {
    if (text.empty() || text.size() > 64) return false;
    const std::string copy(text);
    char* end = nullptr;
    errno = 0;
    (void)std::strtod(copy.c_str(), &end);
    return end == copy.c_str() + copy.size() && copy.find_first_of(" \t\r\n") == std::string::npos;
}

bool starts_a_formula(std::string_view text) {
    return !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos &&
           !is_plain_number(text);
}

}  // namespace

std::string csv_text(std::string_view text) {
    const bool guard = starts_a_formula(text) || (!text.empty() && text.front() == '\'');
    if (!guard && text.find_first_of(",\"\n\r") == std::string_view::npos) return std::string(text);
    std::string quoted = guard ? "\"'" : "\"";
    for (char c : text) {
        if (c == '"') quoted += '"';
        quoted += c;
    }
    return quoted + "\"";
}

std::vector<std::string> csv_fields(std::string_view line) {
    std::vector<std::string> fields(1);
    bool quoted = false, was_quoted = false;
    const auto finish = [&] {
        auto& f = fields.back();
        if (was_quoted && !f.empty() && f.front() == '\'') f.erase(0, 1);
    };
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quoted) {
            if (c == '"' && i + 1 < line.size() && line[i + 1] == '"') fields.back() += '"', ++i;
            else if (c == '"') quoted = false;
            else fields.back() += c;
        } else if (c == '"') {
            quoted = was_quoted = true;
        } else if (c == ',') {
            finish();
            fields.emplace_back();
            was_quoted = false;
        } else {
            fields.back() += c;
        }
    }
    finish();
    return fields;
}

}  // namespace kapsim::app
