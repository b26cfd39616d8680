#include "models/text.hpp"

namespace kapsim::models {

const std::string& Text::in(std::string_view language) const {
    const auto it = by_language.find(language);
    return it != by_language.end() && !it->second.empty() ? it->second : plain;
}

}  // namespace kapsim::models
