#pragma once
// yaml-cpp says what is wrong with a file's YAML in English only; this says it in both languages.
#include <string>

#include "models/message.hpp"

namespace kapsim::models {

// The parser's message (YAML::Exception::msg) in English and Swedish; a message not known here
// stays English (the translation tests find it if a bad input reaches it).
Message yaml_syntax_problem(const std::string& parser_message);

}  // namespace kapsim::models
