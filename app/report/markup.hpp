#pragma once
// HTML that escapes by default. A Markup holds only what it was built from: escaped text and
// elements whose tag and attribute names are the program's own literals. Text from results and
// scenarios cannot become markup, because the only way to add a string is to have it escaped.
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>

namespace kapsim::app::report {

class Markup {
public:
    Markup() = default;
    // Text, escaped.
    explicit Markup(std::string_view text);

    Markup& operator+=(const Markup& more);
    Markup& operator+=(std::string_view text);  // escaped
    const std::string& html() const { return html_; }
    bool empty() const { return html_.empty(); }

    // Markup made elsewhere that is already safe (e.g. the report's escaping Markdown): the one
    // door in, named so that every use can be seen.
    static Markup already_safe(std::string html);

private:
    std::string html_;
};

using Attributes = std::initializer_list<std::pair<std::string_view, std::string_view>>;

// <name a="v">content</name>, every attribute value escaped. `name` and attribute names are literals.
Markup element(std::string_view name, Attributes attributes, const Markup& content);
Markup element(std::string_view name, Attributes attributes, std::string_view text);
Markup element(std::string_view name, const Markup& content);
Markup element(std::string_view name, std::string_view text);

// A block element followed by a line break, so the page's source reads line by line.
Markup line(Markup block);
// A block element whose content starts on a line of its own: <main>\n...</main>\n, for the
// page's sections, whose content is lines of their own.
Markup block(std::string_view name, Attributes attributes, const Markup& lines);

}  // namespace kapsim::app::report
