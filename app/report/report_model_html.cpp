#include "app/report/report_model_html.hpp"

#include <cmath>

#include <fmt/format.h>

namespace kapsim::app::report {
namespace {

std::string shortest(double x) { return std::isfinite(x) ? fmt::format("{}", x) : "null"; }

Markup paragraph(const std::string& text, const char* css_class = nullptr) {
    return line(css_class ? element("p", {{"class", css_class}}, text) : element("p", text));
}

}  // namespace

Markup sentence_markup(const Sentence& sentence) {
    Markup out;
    for (const auto& seg : sentence) {
        if (!seg.number) {
            out += seg.text;
            continue;
        }
        const auto& n = *seg.number;
        const std::string value = shortest(n.raw), scale = shortest(n.scale), decimals = fmt::format("{}", n.decimals);
        out += element("span", {{"class", "num"}, {"data-source", n.source}, {"data-value", value}, {"data-scale", scale},
                                {"data-decimals", decimals}},
                       seg.text);
    }
    return out;
}

Markup sensitivity_markup(const SensitivitySummary& summary) {
    Markup out = line(element("h3", {{"id", "sensitivity"}}, summary.heading));
    out += paragraph(summary.intro);
    for (const auto& sentences : summary.metrics) {
        Markup items;
        for (const auto& s : sentences) items += line(element("li", s));
        out += line(element("ul", {{"class", "findings sensitivity"}}, items));
    }
    return out;
}

Markup summary_section(const ReportModel& m) {
    Markup body = line(element("h2", m.headings.summary));
    for (const auto& p : m.intro) body += paragraph(p);
    for (const auto& g : m.findings) {
        if (!g.heading.empty()) body += line(element("h3", g.heading));
        Markup items;
        for (const auto& s : g.sentences) items += line(element("li", sentence_markup(s)));
        body += line(element("ul", {{"class", "findings"}}, items));
    }
    // Both kinds of uncertainty on page 1: chance (the intervals above) and the assumptions.
    if (m.sensitivity) body += sensitivity_markup(*m.sensitivity);
    if (!m.caveat.empty()) body += paragraph(m.caveat, "caveat");
    return line(element("section", {{"id", "summary"}}, body));
}

Markup results_section(const ReportModel& m) {
    const auto& table = m.results;
    if (table.rows.empty()) return {};
    Markup head = element("th", m.headings.unit);
    head += element("th", m.headings.measure);
    for (const auto& a : table.alternatives) head += element("th", a);
    Markup rows;
    for (const auto& row : table.rows) {
        Markup cells = element("td", row.unit);
        cells += element("td", row.measure);
        for (const auto& c : row.cells) cells += element("td", {{"class", "figure"}}, c.text);
        rows += line(element("tr", cells));
        if (row.over_assumptions) {
            Markup range = element("td", "");
            range += element("td", row.over_assumptions->label);
            for (const auto& c : row.over_assumptions->cells) range += element("td", {{"class", "figure"}}, c);
            rows += line(element("tr", {{"class", "sensitivity"}}, range));
        }
    }
    Markup body = line(element("h2", m.headings.results));
    body += paragraph(m.headings.results_intro);
    Markup t = element("thead", element("tr", head));
    t += "\n";
    t += element("tbody", rows);
    body += line(element("table", {{"class", "results"}}, t));
    return line(element("section", {{"id", "results"}}, body));
}

Markup charts_section(const std::vector<Chart>& charts, Language lang) {
    Markup body = line(element("h2", tr(lang, "sec.charts")));
    if (charts.empty()) body += paragraph(tr(lang, "charts.none"));
    body += line(element("noscript", paragraph(tr(lang, "doc.noscript"), "notice")));
    for (const auto& c : charts) {
        Markup figure = line(element("h3", c.title));
        figure += line(element("div", {{"class", "chart"}, {"id", c.id}, {"role", "img"}, {"aria-label", c.title}}, Markup()));
        figure += line(element("figcaption", c.caption));
        body += line(element("figure", {{"class", "chart-figure"}}, figure));
    }
    return line(element("section", {{"id", "charts"}}, body));
}

}  // namespace kapsim::app::report
