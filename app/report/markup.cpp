#include "app/report/markup.hpp"

#include "app/report/markdown.hpp"

namespace kapsim::app::report {

Markup::Markup(std::string_view text) : html_(html_escape(text)) {}

Markup& Markup::operator+=(const Markup& more) {
    html_ += more.html_;
    return *this;
}

Markup& Markup::operator+=(std::string_view text) {
    html_ += html_escape(text);
    return *this;
}

Markup Markup::already_safe(std::string html) {
    Markup m;
    m.html_ = std::move(html);
    return m;
}

Markup element(std::string_view name, Attributes attributes, const Markup& content) {
    std::string open = "<" + std::string(name);
    for (const auto& [key, value] : attributes) open += " " + std::string(key) + "=\"" + html_escape(value) + "\"";
    open += ">";
    return Markup::already_safe(open + content.html() + "</" + std::string(name) + ">");
}

Markup element(std::string_view name, Attributes attributes, std::string_view text) {
    return element(name, attributes, Markup(text));
}

Markup element(std::string_view name, const Markup& content) { return element(name, {}, content); }

Markup element(std::string_view name, std::string_view text) { return element(name, {}, Markup(text)); }

Markup line(Markup block) {
    block += "\n";
    return block;
}

Markup block(std::string_view name, Attributes attributes, const Markup& lines) {
    Markup content = line(Markup());
    content += lines;
    return line(element(name, attributes, content));
}

}  // namespace kapsim::app::report
