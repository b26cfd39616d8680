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

namespace {

std::string render_all(const std::vector<InputError>& errors, bool stopped_at_limit) {
    std::string text;
    for (const auto& e : errors) text += std::string(e.what()) + "\n";
    text += stopped_at_limit ? fmt::format("{} problems found; kapsim stopped looking there, so fix these and check again",
                                           errors.size())
                             : fmt::format("{} problems found", errors.size());
    return text;
}

}  // namespace

InputErrors::InputErrors(std::vector<InputError> errors, bool stopped_at_limit)
    : InputError(errors.front()),
      errors_(std::move(errors)),
      stopped_at_limit_(stopped_at_limit),
      text_(render_all(errors_, stopped_at_limit)) {}

void InputErrorCollector::add(const InputError& e) {
    for (const auto& known : errors_)  // the same problem reached twice (through a shared base)
        if (std::string_view(known.what()) == e.what()) return;
    errors_.push_back(e);
    if (errors_.size() >= limit) throw InputErrors(errors_, true);
}

void InputErrorCollector::throw_if_any() const {
    if (errors_.size() == 1) throw errors_.front();
    if (!errors_.empty()) throw InputErrors(errors_, false);
}

}  // namespace kapsim::models
