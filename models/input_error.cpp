#include "input_error.hpp"

#include <fmt/format.h>

namespace kapsim::models {
namespace {

// The words "error" and "hint" are the compiler-style markers the terminal colours; in Swedish
// "fel" and "tips".
std::string render(const SourceLocation& at, const Message& what, const Message& hint, std::string_view language) {
    const bool swedish = language == "sv";
    std::string place = at.file;
    if (at.line > 0) place += fmt::format(":{}:{}", at.line, at.column);
    std::string text = fmt::format("{}: {} {}", place, swedish ? "fel:" : "error:", what.in(language));
    if (!hint.empty()) text += fmt::format("\n  {} {}", swedish ? "tips:" : "hint:", hint.in(language));
    return text;
}

}  // namespace

InputError::InputError(SourceLocation where, Message what, Message hint)
    : std::runtime_error(render(where, what, hint, "en")),
      where_(std::move(where)),
      problem_(std::move(what)),
      hint_(std::move(hint)) {}

std::string InputError::what_in(std::string_view language) const {
    return render(where_, problem_, hint_, language);
}

namespace {

std::string render_all(const std::vector<InputError>& errors, bool stopped_at_limit, std::string_view language) {
    std::string text;
    for (const auto& e : errors) text += e.what_in(language) + "\n";
    const Message count = stopped_at_limit
                              ? say("{} problems found; kapsim stopped looking there, so fix these and check again",
                                    errors.size())
                              : say("{} problems found", errors.size());
    return text + count.in(language);
}

}  // namespace

InputErrors::InputErrors(std::vector<InputError> errors, bool stopped_at_limit)
    : InputError(errors.front()),
      errors_(std::move(errors)),
      stopped_at_limit_(stopped_at_limit),
      text_(render_all(errors_, stopped_at_limit, "en")) {}

std::string InputErrors::what_in(std::string_view language) const {
    return render_all(errors_, stopped_at_limit_, language);
}

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
