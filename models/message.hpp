#pragma once
// A sentence to a planner about their scenario, in English and in Swedish, both made where it is
// said: `say("'{}' must be a number, not '{}'", path, text)`. The English template is the key of
// the Swedish one in the catalogue (swedish_messages.cpp), as gettext's msgid, so a sentence is
// written once, in English, at its place in the code. Swedish templates name the values by
// position ({0}, {1}) so a sentence may reorder them; `L` in a Swedish field ({0:.1Lf}) writes a
// decimal comma, for numbers kapsim computed (a value echoed from the file keeps its own form).
// No global state: both languages are made at once, and the reader picks one.
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include <fmt/format.h>

namespace kapsim::models {

struct Message {
    std::string en;
    std::string sv;  // "" when no Swedish is known; then the English stands in

    Message() = default;
    // A text in English only: from a library's exception, or a site not yet translated. The
    // translation tests find these (a Swedish reading of every bad input; a scan of the sources).
    Message(std::string english) : en(std::move(english)) {}
    Message(const char* english) : en(english) {}

    // The text in `language` ("sv" or "en"); English where no Swedish is known.
    const std::string& in(std::string_view language) const;
    bool empty() const { return en.empty(); }
    bool translated() const { return en.empty() || !sv.empty(); }
};

// Two sentences joined by `separator` in each language ("; " or " ").
Message joined(const Message& first, std::string_view separator, const Message& second);

// One English template and its Swedish translation.
struct Translation {
    std::string_view en;
    std::string_view sv;
};
// The whole catalogue, for the tests that keep it complete and current.
std::span<const Translation> swedish_catalogue();

namespace message_detail {

// A value as shown in one language: a Message (a noun, a part of a sentence) in that language,
// anything else as it is.
template <class T>
struct shown {
    using type = T;
};
template <>
struct shown<Message> {
    using type = std::string;
};
template <class T>
using shown_t = typename shown<std::remove_cvref_t<T>>::type;

template <class T>
const T& in_language(const T& value, bool) { return value; }
inline const std::string& in_language(const Message& m, bool swedish) { return swedish ? m.in("sv") : m.en; }

// The Swedish template's text with these values, or "" when the catalogue has none (or it does
// not fit the values: the tests catch both).
std::string swedish(std::string_view english_template, fmt::format_args args);

}  // namespace message_detail

// The same for a template known only when running (a library's error that keeps its template and
// values apart, as sim::QuantityError does); values are strings, one per field in order.
Message say_template(std::string_view english_template, const std::vector<std::string>& values);

// The English text of `english` with `values`, and the Swedish one from the catalogue. The English
// template is checked against the values when compiled, as fmt::format does.
template <class... Values>
Message say(fmt::format_string<message_detail::shown_t<Values>...> english, const Values&... values) {
    using message_detail::in_language;
    Message m;
    m.en = fmt::vformat(fmt::string_view(english), fmt::make_format_args(in_language(values, false)...));
    m.sv = message_detail::swedish(std::string_view(fmt::string_view(english).data(), fmt::string_view(english).size()), fmt::make_format_args(in_language(values, true)...));
    return m;
}

}  // namespace kapsim::models
