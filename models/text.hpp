#pragma once
// A text shown to people (a scenario's description, a unit's short name), written once
// (`description: Ward 7`) or per language (`description: {sv: Avdelning 7, en: Ward 7}`), so a
// report in Swedish can speak Swedish while the command line keeps its English.
#include <map>
#include <string>
#include <string_view>

namespace kapsim::models {

struct Text {
    std::string plain;  // as written; for a text per language the English one, else the first given
    std::map<std::string, std::string, std::less<>> by_language;  // empty for a text written once

    // The text in `language`, else the plain one.
    const std::string& in(std::string_view language) const;
    bool empty() const { return plain.empty(); }
};

// The languages a text may be given in.
inline constexpr std::string_view text_languages[] = {"sv", "en"};

}  // namespace kapsim::models
