#include "identifier.hpp"

#include "utf8_text.hpp"

namespace kapsim::models {
namespace {

// ASCII letters and digits, '_', '-', and the letters of Latin-1 and Latin Extended-A
// (å ä ö é ü ø æ, and the Sami š ž đ ŋ ŧ), leaving out the signs × and ÷.
bool is_name_character(char32_t c) {
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-')
        return true;
    return c >= 0xC0 && c <= 0x17F && c != 0xD7 && c != 0xF7;
}

}  // namespace

bool is_identifier(std::string_view name) {
    if (name.empty() || !is_valid_utf8(name)) return false;
    for (std::size_t at = 0; at < name.size();)
        if (!is_name_character(next_code_point(name, at))) return false;
    return true;
}

}  // namespace kapsim::models
