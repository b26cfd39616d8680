#pragma once
// A small, safe subset of Markdown as HTML, for showing scenarios/ASSUMPTIONS.md in the report:
// headings, paragraphs, lists, tables, block quotes, fenced code, `code` and **bold**. All
// text is escaped first; only these fixed tags are ever written, so nothing in the file can
// become markup, a script or a link that loads anything.
#include <string>
#include <string_view>

#include "app/report/markup.hpp"

namespace kapsim::app::report {

std::string html_escape(std::string_view text);
std::string markdown_to_html(std::string_view markdown);
// One line's inline markup only (`code`, **bold**), for a table cell.
std::string markdown_inline_to_html(std::string_view text);

// The same as Markup, for a page written with Markup: the report's one use of Markup's safe door
// for text from files.
Markup markdown_markup(std::string_view markdown);
Markup markdown_inline_markup(std::string_view text);

}  // namespace kapsim::app::report
