#include "app/report/report_model.hpp"

#include <cmath>

#include "app/output_writers.hpp"
#include "app/report/unit_measures.hpp"

namespace kapsim::app::report {
namespace {

using json = nlohmann::json;

std::string string_of(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::string heading_of(const ResultsBundle& r, Language lang) {
    const std::vector<std::string> names = alternative_names(r, lang);
    if (r.command == "compare") return fill(tr(lang, "doc.heading.compare"), {{"names", join_list(lang, names)}});
    if (r.command == "capacity") {
        const auto* scenario = r.base().scenario ? &*r.base().scenario : nullptr;
        const std::string name = !scenario ? string_of(r.base().summary["scenario"], "name")
                                 : scenario->label.empty() ? scenario->name : scenario->label.in(language_code(lang));
        return fill(tr(lang, "doc.heading.capacity"), {{"unit", unit_name(r, lang, r.capacity->unit)}, {"name", name}});
    }
    return fill(tr(lang, "doc.heading.run"), {{"name", names.front()}});
}

// A number JSON can hold: NaN and infinities (no value) become null.
json number_or_null(double x) { return json_number(x); }

json sentence_json(const Sentence& sentence) {
    json segments = json::array();
    for (const auto& seg : sentence) {
        json j{{"text", seg.text}};
        if (seg.number)
            j["number"] = {{"value", number_or_null(seg.number->raw)},
                           {"scale", seg.number->scale},
                           {"decimals", seg.number->decimals},
                           {"source", seg.number->source}};
        segments.push_back(std::move(j));
    }
    return {{"text", plain_text(sentence)}, {"segments", std::move(segments)}};
}

json table_json(const ResultsTable& t) {
    json rows = json::array();
    for (const auto& row : t.rows) {
        json cells = json::array();
        for (const auto& c : row.cells) {
            json cell{{"text", c.text}, {"mean", number_or_null(c.mean)}, {"low", number_or_null(c.low)},
                      {"high", number_or_null(c.high)}, {"scale", c.scale}};
            if (!c.source.empty()) cell["source"] = c.source;
            cells.push_back(std::move(cell));
        }
        json j{{"unit", row.unit}, {"measure", row.measure}, {"key", row.key}, {"cells", std::move(cells)}};
        if (row.over_assumptions)
            j["over_assumptions"] = {{"label", row.over_assumptions->label}, {"cells", row.over_assumptions->cells}};
        rows.push_back(std::move(j));
    }
    return {{"alternatives", t.alternatives}, {"rows", std::move(rows)}};
}

}  // namespace

ReportModel report_model(const ResultsBundle& r, Language lang, const SensitivityAnalysis* sensitivity) {
    ReportModel m;
    m.language = lang;
    m.command = r.command;
    m.title = tr(lang, "doc.title");
    m.heading = heading_of(r, lang);
    m.headings = {tr(lang, "sec.summary"), tr(lang, "sec.results"), tr(lang, "table.intro"), tr(lang, "table.unit"),
                  tr(lang, "table.measure"), tr(lang, "sec.charts"), tr(lang, "charts.none")};
    // A comparison names all its alternatives; a run or a capacity curve tells its scenario.
    const std::size_t named = r.command == "compare" ? r.variants.size() : 1;
    for (std::size_t v = 0; v < named; ++v) m.alternatives.push_back({alternative_name(r, lang, v), alternative_description(r, lang, v)});

    Findings f = key_findings(r, lang);
    // The findings' last paragraph is the caveat, which closes the summary; with a sweep it says
    // what the two kinds of interval cover instead of that the assumptions are left out.
    if (!f.intro.empty()) {
        m.caveat = f.intro.back();
        f.intro.pop_back();
    }
    if (sensitivity) m.caveat = tr(lang, "sens.caveat.compare");
    m.intro = std::move(f.intro);
    for (auto& g : f.groups)
        if (!g.sentences.empty()) m.findings.push_back(std::move(g));
    if (sensitivity) m.sensitivity = sensitivity_summary(*sensitivity, lang);

    m.results = results_table(r, lang);
    if (sensitivity)
        for (auto& row : m.results.rows)
            if (!row.key.empty()) row.over_assumptions = assumption_range(*sensitivity, lang, row.key, row.cells.size());

    m.charts = build_charts(r, lang);
    if (sensitivity)
        for (auto& c : tornado_charts(*sensitivity, lang)) m.charts.push_back(std::move(c));
    m.inputs = inputs_appendix(r, lang);
    return m;
}

json to_json(const ReportModel& m) {
    json alternatives = json::array();
    for (const auto& a : m.alternatives) alternatives.push_back({{"name", a.name}, {"description", a.description}});
    json findings = json::array();
    for (const auto& g : m.findings) {
        json sentences = json::array();
        for (const auto& s : g.sentences) sentences.push_back(sentence_json(s));
        findings.push_back({{"heading", g.heading}, {"sentences", std::move(sentences)}});
    }
    json charts = json::array();
    for (const auto& c : m.charts) charts.push_back({{"id", c.id}, {"title", c.title}, {"caption", c.caption}, {"spec", c.spec}});
    const auto& h = m.headings;
    json j{{"language", std::string(language_code(m.language))},
           {"command", m.command},
           {"title", m.title},
           {"heading", m.heading},
           {"headings", {{"summary", h.summary}, {"results", h.results}, {"results_intro", h.results_intro}, {"unit", h.unit},
                         {"measure", h.measure}, {"charts", h.charts}, {"no_charts", h.no_charts}}},
           {"alternatives", std::move(alternatives)},
           {"summary", {{"intro", m.intro}, {"findings", std::move(findings)}, {"caveat", m.caveat}}},
           {"results", table_json(m.results)},
           {"charts", std::move(charts)},
           // How the charts write numbers in the report's language, for whoever draws them.
           {"chart_locale", vega_format_locale(m.language)}};
    if (m.sensitivity)
        j["summary"]["sensitivity"] = {{"heading", m.sensitivity->heading}, {"intro", m.sensitivity->intro},
                                       {"sentences", m.sensitivity->metrics}};
    if (m.inputs) j["appendix"] = {{"inputs", to_json(*m.inputs)}};
    return j;
}

}  // namespace kapsim::app::report
