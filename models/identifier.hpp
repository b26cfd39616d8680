#pragma once
// Names that become folder names, CSV fields, metric paths or payers (scenario, class, unit,
// municipality, payer and staff group names) are identifiers: letters (also å, ä, ö and the
// other Latin letters), digits, '_' and '-'. No spaces, commas, quotes, dots or slashes.
#include <string_view>

#include "models/message.hpp"

namespace kapsim::models {

bool is_identifier(std::string_view name);

// For hints: what an identifier may contain.
inline Message identifier_rule() {
    return say("use letters (å, ä, ö and other accented letters too), digits, '_' and '-' only, no spaces, commas or dots");
}

}  // namespace kapsim::models
