#include "input_error.hpp"

#include <fmt/format.h>

namespace kapsim::models {
namespace {

std::string render(const SourceLocation& at, const std::string& what, const std::string& hint) {
    std::string place = at.file;
    if (at.line > 0) place += fmt::format(":{}:{}", at.line, at.column);
    std::string text = fmt::format("{}: error: {}", place, what);
    if (!hint.empty()) text += fmt::format("\n  hint: {}", hint);
    return text;
}

}  // namespace

InputError::InputError(SourceLocation where, std::string what, std::string hint)
    : std::runtime_error(render(where, what, hint)),
      where_(std::move(where)),
      problem_(std::move(what)),
      hint_(std::move(hint)) {}

}  // namespace kapsim::models
