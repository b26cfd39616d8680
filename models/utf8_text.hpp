#pragma once
// Scenario text must be UTF-8: it is copied into JSON outputs, which accept nothing else, so a
// stray Latin-1 byte is refused where it is written instead of failing the run at its end.
#include <cstddef>
#include <optional>
#include <string_view>

namespace kapsim::models {

// The byte offset of the first byte that is not part of valid UTF-8, or nothing if all is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

inline bool is_valid_utf8(std::string_view text) { return !first_invalid_utf8(text).has_value(); }

// The code point that starts at `text[at]` (valid UTF-8 assumed), and advances `at` past it.
char32_t next_code_point(std::string_view text, std::size_t& at);

}  // namespace kapsim::models
