#pragma once
// Every word the report shows, in Swedish and English, in one table. Nothing user-visible is
// written as a string literal anywhere else: the report's code asks for a key and gets the
// text in the report's language. Templates name their blanks: "Med {n} {beds}".
#include <string>
#include <string_view>
#include <vector>

namespace kapsim::app::report {

enum class Language { sv, en };

// "sv" or "en"; throws models::InputError for anything else.
Language parse_language(std::string_view code);
std::string_view language_code(Language lang);

// The text of `key`; throws std::out_of_range naming the key when the table lacks it.
const std::string& tr(Language lang, std::string_view key);
bool has_translation(std::string_view key);
// Every key, for the test that each has both languages.
std::vector<std::string_view> translation_keys();

// A number as the language writes it: Swedish "1 234,5" (non-breaking space, decimal
// comma), English "1,234.5"; negative numbers with a real minus sign.
std::string format_number(double value, int decimals, Language lang);

// How many decimals a figure is shown with: whole numbers from 10 up, one decimal from 1,
// two below; more where an interval's ends would otherwise print the same.
int decimals_for(double value, double ci_low, double ci_high, int minimum = 0);

// The first letter of a label up (a title) or down (inside a sentence): ASCII and å, ä, ö.
std::string upper_first(std::string text);
std::string lower_first(std::string text);

}  // namespace kapsim::app::report
