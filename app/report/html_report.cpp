#include "app/report/html_report.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include <fmt/format.h>

#include "app/output_writers.hpp"
#include "app/report/charts.hpp"
#include "app/report/findings.hpp"
#include "app/report/markdown.hpp"
#include "app/report/markup.hpp"
#include "app/report/report_inputs.hpp"
#include "app/report/report_assets.hpp"
#include "app/report/report_model.hpp"
#include "app/report/report_model_html.hpp"
#include "app/report/results_table.hpp"
#include "app/report/scenario_sources.hpp"
#include "app/report/sensitivity_report.hpp"
#include "app/version.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"

#ifndef KAPSIM_WEB_DIR
#define KAPSIM_WEB_DIR "web"
#endif

namespace kapsim::app::report {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

// Text in the report's language, as Markup: escaped like every other text on the page.
Markup t(Language lang, std::string_view key) { return Markup(tr(lang, key)); }
Markup t(Language lang, std::string_view key, const std::vector<std::pair<std::string_view, std::string>>& blanks) {
    return Markup(fill(tr(lang, key), blanks));
}


// "2026-11-30T09:00:00Z" as the language writes a date: "30 november 2026", "30 November 2026".
std::string long_date(const std::string& iso, Language lang) {
    if (iso.size() < 10 || iso[4] != '-' || iso[7] != '-') return iso;
    const int month = std::atoi(iso.substr(5, 2).c_str());
    const int day = std::atoi(iso.substr(8, 2).c_str());
    if (month < 1 || month > 12 || day < 1 || day > 31) return iso;
    return fill(tr(lang, "date.long"), {{"day", fmt::format("{}", day)},
                                         {"month", tr(lang, fmt::format("month.long.{}", month))},
                                         {"year", iso.substr(0, 4)}});
}

// The printed page's header: the report's title and the date it was made, in its language.
std::string page_header_css(Language lang, const std::string& heading, const std::string& date) {
    const auto css_string = [](const std::string& text) {
        std::string out = "\"";
        for (char c : text) {
            if (c == '"' || c == '\\') out += '\\';
            if (c == '\n' || c == '<') continue;
            out += c;
        }
        return out + "\"";
    };
    return fmt::format("@page {{ @top-left {{ content: {}; font-size: 8.5pt; color: #5a6470; }} "
                       "@top-right {{ content: {}; font-size: 8.5pt; color: #5a6470; }} }}\n",
                       css_string(fmt::format("{} – {}", tr(lang, "doc.title"), heading)), css_string(date));
}

std::string shell_quote(const std::string& arg) {
    const auto plain = [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) != 0 || std::string_view("_./=:,+@%-").find(c) != std::string_view::npos;
    };
    if (!arg.empty() && std::all_of(arg.begin(), arg.end(), plain)) return arg;
    std::string out = "'";
    for (char c : arg) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
    return out + "'";
}

std::string string_of(const json& j, const char* key);

// `text` with every `file` written as `shown`.
std::string without_folders(std::string text, const std::string& file, const std::string& shown) {
    if (file.empty() || file == shown) return text;
    for (auto at = text.find(file); at != std::string::npos; at = text.find(file, at + shown.size())) text.replace(at, file.size(), shown);
    return text;
}

std::string command_text(const json& manifest) {
    const std::string cwd = string_of(manifest, "working_directory");
    std::string out;
    if (!manifest.contains("command_line") || !manifest["command_line"].is_array()) return out;
    bool first = true;
    for (const auto& a : manifest["command_line"]) {
        if (!a.is_string()) continue;
        std::string arg = a.get<std::string>();
        if (first) arg = "kapsim";  // the binary's path says nothing about the result
        else if (const auto eq = arg.find('='); arg.rfind("--", 0) == 0 && eq != std::string::npos)
            arg = arg.substr(0, eq + 1) + shown_path(cwd, arg.substr(eq + 1));
        else arg = shown_path(cwd, arg);
        out += (first ? "" : " ") + shell_quote(arg);
        first = false;
    }
    return out;
}

std::string string_of(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

std::string read_library(const fs::path& path, const fs::path& web_directory) {
    std::ifstream in(path, std::ios::binary);
    if (!in)
        throw models::InputError(
            {path.string(), 0, 0}, "the chart libraries (vega, vega-lite, vega-embed) are not installed",
            fmt::format("run npm ci --prefix web in the kapsim source folder (the report reads them from {}/node_modules; "
                        "set KAPSIM_WEB_DIR to use another folder)",
                        web_directory.string()));
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

std::string package_version(const fs::path& package_json) {
    try {
        std::ifstream in(package_json);
        return json::parse(in).value("version", "?");
    } catch (const std::exception&) {
        return "?";
    }
}

// --- The page's parts --------------------------------------------------------------------

// The cover: what the report is about, the alternatives, when it was made, and its contents.
Markup cover(const ReportModel& m, const ResultsBundle& r, bool has_scenario_text) {
    const Language lang = m.language;
    Markup out = line(element("p", {{"class", "kicker"}}, m.title));
    out += line(element("h1", m.heading));
    if (m.command == "compare") {
        Markup items;
        for (const auto& a : m.alternatives) {
            Markup item = element("strong", a.name);
            if (!a.description.empty()) item += " – " + a.description;
            items += line(element("li", item));
        }
        out += line(element("ul", {{"class", "alternatives"}}, line(Markup()) += items));
    } else if (!m.alternatives.empty() && !m.alternatives.front().description.empty()) {
        out += line(element("p", {{"class", "description"}}, m.alternatives.front().description));
    }
    std::string results_date = string_of(r.manifest, "ended");
    if (results_date.empty()) results_date = string_of(r.base().summary, "created");
    out += line(element("p", {{"class", "meta"}},
                        fill(tr(lang, "doc.created"), {{"date", long_date(utc_now_iso8601(), lang)}, {"version", version},
                                                       {"results_date", long_date(results_date, lang)}})));
    // The contents list only the sections the page has: a capacity curve has no table.
    std::vector<std::pair<std::string, std::string>> entries{{"summary", "sec.summary"}};
    if (!m.results.rows.empty()) entries.emplace_back("results", "sec.results");
    entries.insert(entries.end(), {{"charts", "sec.charts"}, {"inputs", "sec.inputs"}, {"method", "sec.method"}});
    if (has_scenario_text) entries.emplace_back("scenario-text", "sec.scenario_text");
    Markup toc;
    for (const auto& [id, key] : entries) toc += element("li", element("a", {{"href", "#" + id}}, tr(lang, key)));
    Markup nav = element("h2", tr(lang, "doc.contents"));
    nav += element("ol", toc);
    out += line(element("nav", {{"class", "toc"}}, nav));
    return block("header", {{"class", "cover"}}, out);
}

Markup notes_markup(Language lang, const std::vector<InputNote>& notes) {
    if (notes.empty()) return element("span", {{"class", "missing"}}, t(lang, "inputs.no_source"));
    Markup out;
    for (const auto& n : notes) {
        const char* kind = n.kind == SourceNote::Kind::source       ? "source"
                           : n.kind == SourceNote::Kind::assumption ? "assumption"
                           : n.kind == SourceNote::Kind::calibrated ? "calibrated"
                                                                    : "run_control";
        const std::string tag_class = fmt::format("tag tag-{}", kind);
        Markup note = element("span", {{"class", tag_class}}, t(lang, fmt::format("inputs.tag.{}", kind)));
        note += n.text;
        out += element("div", {{"class", "note"}}, note);
    }
    return out;
}

// <table class="..."><thead> the columns' headings </thead><tbody> rows </tbody></table>
Markup table(std::string_view css_class, Language lang, std::initializer_list<std::string_view> heading_keys, const Markup& rows) {
    Markup head;
    for (const auto key : heading_keys) head += element("th", t(lang, key));
    Markup parts = element("thead", element("tr", head));
    parts += element("tbody", line(Markup()) += rows);
    return line(element("table", {{"class", css_class}}, parts));
}

// The documents cited, in the order of the reference list.
Markup references_markup(Language lang, const InputsAppendix& inputs) {
    if (!inputs.cites) return {};
    Markup out = line(element("h3", {{"id", "references"}}, t(lang, "inputs.references")));
    out += line(element("p", t(lang, "inputs.references_intro")));
    if (!inputs.references_error.empty()) {
        out += line(element("p", {{"class", "notice"}}, t(lang, "inputs.references_unreadable", {{"error", inputs.references_error}})));
        return out;
    }
    Markup items;
    for (const auto& doc : inputs.references) {
        Markup places;
        for (const auto& p : doc.places) places += element("li", p);
        Markup item(doc.text);
        item += element("ul", places);
        const std::string id = "ref-" + doc.id;
        items += line(element("li", {{"id", id}}, item));
    }
    out += block("ul", {{"class", "references"}}, items);
    return out;
}

Markup inputs_section(Language lang, const InputsAppendix& inputs) {
    // The appendices start here: what a committee reads ends before, the technical material follows.
    Markup out = line(element("h2", t(lang, "sec.inputs")));
    out += line(element("p", {{"class", "caveat"}}, t(lang, "doc.appendix_note")));
    out += line(element("p", t(lang, "inputs.intro")));
    if (inputs.files.empty()) out += line(element("p", {{"class", "notice"}}, t(lang, "inputs.no_files")));
    if (!inputs.files.empty() && inputs.sources + inputs.assumptions + inputs.calibrated + inputs.run_controls == 0)
        out += line(element("p", {{"class", "notice"}, {"id", "no-sources"}}, t(lang, "inputs.none_recorded")));

    for (const auto& f : inputs.files) {
        out += line(element("h3", t(lang, "inputs.file", {{"file", f.file}})));
        if (!f.readable) {
            out += line(element("p", {{"class", "notice"}}, t(lang, "inputs.unreadable", {{"file", f.file}})));
            continue;
        }
        if (!f.extends.empty()) out += line(element("p", t(lang, "inputs.extends", {{"file", f.extends}})));
        if (!f.whole_file.empty()) {
            Markup whole = element("p", element("em", t(lang, "inputs.whole_file")));
            whole += notes_markup(lang, f.whole_file);
            out += line(whole);
        }
        Markup rows;
        for (const auto& v : f.values) {
            Markup cells = element("td", {{"class", "path"}}, v.path);
            cells += element("td", {{"class", "value"}}, v.value);
            cells += element("td", notes_markup(lang, v.notes));
            cells += element("td", {{"class", "line"}}, fmt::format("{}", v.line));
            rows += line(element("tr", cells));
        }
        out += table("inputs", lang, {"inputs.col.parameter", "inputs.col.value", "inputs.col.source", "inputs.col.line"}, rows);
    }

    out += line(element("h3", t(lang, "inputs.assumptions")));
    out += line(element("p", t(lang, "inputs.assumptions_intro")));
    if (inputs.assumed.empty()) {
        out += line(element("p", {{"class", "missing"}}, t(lang, "inputs.no_assumptions")));
    } else {
        Markup rows;
        for (const auto& a : inputs.assumed) {
            // The range written beside the value, else the one ASSUMPTIONS.md gives for its path
            // (Markdown there: shown through the report's escaping Markdown).
            Markup range(a.range);
            if (range.empty() && !a.range_markdown.empty()) range = markdown_inline_markup(a.range_markdown);
            if (range.empty()) range = element("span", {{"class", "missing"}}, t(lang, "inputs.no_range"));
            Markup cells = element("td", {{"class", "path"}}, a.path);
            cells += element("td", a.note);
            cells += element("td", range);
            cells += element("td", markdown_inline_markup(a.sweep_markdown));
            cells += element("td", {{"class", "line"}}, a.where);
            rows += line(element("tr", cells));
        }
        out += table("assumptions", lang,
                     {"inputs.col.parameter", "inputs.col.assumption", "inputs.col.range", "inputs.col.sweep", "method.col.file"}, rows);
    }

    if (const auto& doc = inputs.assumptions_document) {
        out += line(element("h3", t(lang, "inputs.assumptions_md", {{"file", doc->file}})));
        if (!doc->readable) out += line(element("p", {{"class", "notice"}}, t(lang, "inputs.assumptions_md_unreadable", {{"file", doc->file}})));
        else out += block("div", {{"class", "markdown"}}, markdown_markup(doc->markdown));
    } else {
        out += line(element("p", {{"class", "missing"}}, t(lang, "inputs.no_assumptions_md")));
    }
    out += references_markup(lang, inputs);
    return block("section", {{"id", "inputs"}, {"class", "appendix"}}, out);
}

// Lines of the variant's effective YAML that the base's lacks: what the variant changes.
std::vector<std::string> changed_lines(const models::Scenario& base, const models::Scenario& variant) {
    std::multiset<std::string> in_base;
    std::istringstream b(base.canonical_yaml), v(variant.canonical_yaml);
    for (std::string line; std::getline(b, line);) in_base.insert(line);
    std::vector<std::string> out;
    for (std::string line; std::getline(v, line);) {
        const auto it = in_base.find(line);
        if (it != in_base.end()) in_base.erase(it);
        else if (line.find("name:") == std::string::npos || line.find("  name:") != 0) out.push_back(line);
    }
    return out;
}

std::string years(double days, Language lang) {
    const double y = days / 365.25;
    return format_number(y, std::abs(y - std::round(y)) < 0.05 ? 0 : 1, lang);
}

Markup method_section(const ResultsBundle& r, Language lang, const InputsAppendix& inputs, const WebAssets& assets) {
    const json& m = r.manifest;
    const json base_info = r.base().summary.value("scenario", json::object());
    const models::Scenario* scenario = r.any_scenario();
    const std::vector<std::string> names = alternative_names(r, lang);

    Markup out = line(element("h2", t(lang, "sec.method")));
    out += line(element("p", t(lang, "method.intro")));
    // The STRESS-DES checklist: an item, and what this report says to it.
    Markup stress;
    const auto row = [&](std::string_view key, const Markup& said) {
        Markup cells = element("td", t(lang, key));
        cells += element("td", said);
        stress += line(element("tr", cells));
    };
    row("stress.1.1", t(lang, "stress.1.1.text"));
    row("stress.1.2", t(lang, "stress.1.2.text"));
    std::string capword, unit_text;
    if (r.command == "capacity") {
        capword = capacity_word(lang, kind_of(r, r.capacity->unit), 2);
        unit_text = unit_name(r, lang, r.capacity->unit);
        row("stress.1.3", t(lang, "stress.1.3.capacity",
                            {{"unit", unit_text},
                             {"first", fmt::format("{}", r.capacity->points.front().capacity)},
                             {"last", fmt::format("{}", r.capacity->points.back().capacity)},
                             {"capword", capword}}));
    } else if (r.command == "compare") {
        row("stress.1.3", t(lang, "stress.1.3.compare",
                            {{"names", join_list(lang, std::vector<std::string>(names.begin() + 1, names.end()))}, {"base", names.front()}}));
    } else {
        row("stress.1.3", t(lang, "stress.1.3.run", {{"name", names.front()}}));
    }
    row("stress.2.1", t(lang, "stress.2.1.text"));

    // 2.2: how each kind of unit in the model works.
    Markup logic;
    if (scenario) {
        std::vector<std::string> kinds;
        for (const auto& u : scenario->units)
            if (std::find(kinds.begin(), kinds.end(), u.kind) == kinds.end()) kinds.push_back(u.kind);
        for (const auto& k : kinds) {
            std::vector<std::string> ids;
            for (const auto& u : scenario->units)
                if (u.kind == k) ids.push_back(u.id);
            if (const auto* kind = models::find_unit_kind(k))
                logic += element("p", kind_logic(lang, *kind, join_list(lang, ids)));
        }
    } else {
        logic = t(lang, "method.no_listing");
    }
    row("stress.2.2", logic);

    // 2.3: what the alternatives change.
    Markup changes;
    if (r.command == "compare") {
        for (std::size_t i = 1; i < r.variants.size(); ++i) {
            changes += element("p", t(lang, "stress.2.3.changes", {{"variant", names[i]}, {"base", names[0]}}));
            if (r.variants[i].scenario && r.variants[0].scenario) {
                const auto lines = changed_lines(*r.variants[0].scenario, *r.variants[i].scenario);
                if (lines.empty()) changes += element("p", t(lang, "stress.2.3.same"));
                else {
                    Markup items;
                    for (const auto& l : lines) items += element("li", element("code", l));
                    changes += element("ul", {{"class", "changes"}}, items);
                }
            } else {
                changes += element("p", t(lang, "stress.2.3.unknown"));
            }
        }
    } else if (r.command == "capacity") {
        const auto* kind = models::find_unit_kind(r.capacity->kind);
        const std::string path = kind ? fmt::format("units.{}.{}", r.capacity->unit, kind->capacity_key) : r.capacity->unit;
        changes = t(lang, "stress.2.3.capacity",
                    {{"path", path},
                     {"first", fmt::format("{}", r.capacity->points.front().capacity)},
                     {"last", fmt::format("{}", r.capacity->points.back().capacity)}});
    } else {
        changes = t(lang, "stress.2.3.none");
    }
    row("stress.2.3", changes);
    row("stress.2.4", t(lang, "stress.2.4.text"));
    if (scenario) {
        std::vector<std::string> classes, units;
        for (const auto& c : scenario->classes) classes.push_back(c.id);
        for (const auto& u : scenario->units) units.push_back(u.id);
        row("stress.2.5", t(lang, "stress.2.5.text", {{"classes", join_list(lang, classes)}, {"units", join_list(lang, units)}}));
    } else {
        row("stress.2.5", t(lang, "method.no_listing"));
    }
    row("stress.3.1", t(lang, "stress.3.1.text",
                        {{"sources", fmt::format("{}", inputs.sources)},
                         {"calibrated", fmt::format("{}", inputs.calibrated)},
                         {"assumptions", fmt::format("{}", inputs.assumptions)}}));
    row("stress.3.2", t(lang, "stress.3.2.text"));
    row("stress.3.3", t(lang, "stress.3.3.text"));
    row("stress.3.4", t(lang, "stress.3.4.text"));

    const double warmup = base_info.value("warmup_days", 0.0);
    const double length = base_info.value("run_length_days", 0.0);
    row("stress.4.1", t(lang, "stress.4.1.text", {{"warmup", format_number(warmup, warmup == std::round(warmup) ? 0 : 2, lang)}}));
    row("stress.4.2", t(lang, "stress.4.2.text",
                        {{"days", format_number(length, length == std::round(length) ? 0 : 2, lang)},
                         {"years", years(length, lang)},
                         {"start", string_of(base_info, "start")}}));
    std::size_t reps = 0;
    if (r.command == "compare") reps = r.compare.value("replications", std::size_t{0});
    else if (base_info.contains("replications") && base_info["replications"].is_number()) reps = base_info["replications"].get<std::size_t>();
    else if (r.base().summary.contains("replications") && r.base().summary["replications"].is_number())
        reps = r.base().summary["replications"].get<std::size_t>();
    Markup estimation = t(lang, "stress.4.3.text", {{"reps", fmt::format("{}", reps)}});
    if (r.command == "compare" && r.compare.contains("variance_reduction_median") && r.compare["variance_reduction_median"].is_number())
        estimation += " " + fill(tr(lang, "stress.4.3.paired"),
                                 {{"vr", format_number(r.compare["variance_reduction_median"].get<double>(), 1, lang)}});
    row("stress.4.3", estimation);
    Markup versions = t(lang, "stress.5.1.text", {{"version", string_of(m, "kapsim_version").empty() ? version : string_of(m, "kapsim_version")}});
    versions += " " + assets.versions;
    row("stress.5.1", versions);
    std::string seed = base_info.contains("seed") ? base_info["seed"].dump() : "";
    if (seed.empty() && r.base().summary.contains("seed")) seed = r.base().summary["seed"].dump();
    if (seed.empty() && r.command == "compare" && r.compare.contains("seed")) seed = r.compare["seed"].dump();
    row("stress.5.2", t(lang, "stress.5.2.text", {{"seed", seed}}));
    const std::string command = command_text(m);
    row("stress.5.3", t(lang, "stress.5.3.text",
                        {{"command", command},
                         {"threads", m.contains("threads") ? m["threads"].dump() : "?"},
                         {"started", string_of(m, "started")},
                         {"ended", string_of(m, "ended")}}));
    row("stress.5.4", t(lang, "stress.5.4.text", {{"dir", shown_path(string_of(m, "working_directory"), r.dir.string())}}));
    row("stress.6", t(lang, "stress.6.text", {{"version", string_of(m, "kapsim_version").empty() ? version : string_of(m, "kapsim_version")}}));
    out += table("stress", lang, {"method.col.item", "method.col.report"}, stress);

    // The scenarios run, with everything needed to run them again.
    out += line(element("h3", t(lang, "method.scenarios")));
    json scenarios = m.contains("scenarios") && m["scenarios"].is_array() ? m["scenarios"] : json::array();
    if (scenarios.empty())
        for (const auto& v : r.variants) {
            json s = v.summary.value("scenario", json::object());
            s["seed"] = v.summary.value("seed", json());
            s["replications"] = v.summary.value("replications", json());
            scenarios.push_back(s);
        }
    Markup rows;
    for (const auto& s : scenarios) {
        const auto cell = [&](const char* key) {
            if (!s.contains(key)) return std::string();
            return s[key].is_string() ? s[key].get<std::string>() : s[key].dump();
        };
        Markup cells = element("td", cell("name"));
        cells += element("td", {{"class", "value"}}, shown_path(string_of(m, "working_directory"), string_of(s, "file")));
        cells += element("td", {{"class", "value"}}, cell("content_hash"));
        for (const auto* key : {"seed", "replications", "start", "warmup_days", "run_length_days"}) cells += element("td", cell(key));
        rows += line(element("tr", cells));
    }
    out += table("scenarios", lang,
                 {"method.col.name", "method.col.file", "method.col.hash", "method.col.seed", "method.col.reps", "method.col.start",
                  "method.col.warmup", "method.col.length"},
                 rows);
    if (!command.empty()) {
        out += line(element("h3", t(lang, "method.reproduce")));
        out += line(element("p", t(lang, "method.reproduce_where")));
        out += line(element("pre", element("code", command)));
    }

    if (scenario) {
        const auto& listed = r.base().scenario ? *r.base().scenario : *scenario;
        out += line(element("h3", t(lang, "method.listing", {{"name", listed.name}})));
        out += line(element("pre", without_folders(models::describe(listed), listed.file,
                                                   shown_path(string_of(m, "working_directory"), listed.file))));
    } else {
        out += line(element("p", {{"class", "notice"}}, t(lang, "method.no_listing")));
    }
    return block("section", {{"id", "method"}, {"class", "appendix"}}, out);
}

Markup scenario_text_section(const models::Scenario& s, Language lang) {
    Markup out = line(element("h2", t(lang, "sec.scenario_text")));
    out += line(element("p", t(lang, "scenario_text.intro", {{"name", s.name}, {"hash", s.content_hash}})));
    out += line(element("pre", s.canonical_yaml));
    return block("section", {{"id", "scenario-text"}, {"class", "appendix"}}, out);
}

}  // namespace

std::string script_safe_json(const json& j) {
    // ASCII only, so U+2028 and U+2029 become \u escapes; then no '<', '>' or '&' at all.
    const std::string text = j.dump(-1, ' ', true, json::error_handler_t::replace);
    std::string out;
    out.reserve(text.size());
    for (char c : text) {
        if (c == '<') out += "\\u003c";
        else if (c == '>') out += "\\u003e";
        else if (c == '&') out += "\\u0026";
        else out += c;
    }
    return out;
}

std::string script_safe_code(std::string code) {
    // Source-map comments would make developer tools reach for files that are not there.
    static const std::regex source_map(R"(//# sourceMappingURL=[^\n]*)");
    code = std::regex_replace(code, source_map, "");
    // "\x3C" is '<' in a string, a template or a regular expression alike.
    static const std::regex closing("</(script)", std::regex::icase);
    code = std::regex_replace(code, closing, "\\x3C/$1");
    static const std::regex comment_open("<!--");
    return std::regex_replace(code, comment_open, "\\x3C!--");
}

fs::path web_dir() {
    if (const char* env = std::getenv("KAPSIM_WEB_DIR"); env && *env) return env;
    return KAPSIM_WEB_DIR;
}

WebAssets load_web_assets(const fs::path& dir) {
    const fs::path modules = dir / "node_modules";
    WebAssets a;
    a.vega = script_safe_code(read_library(modules / "vega" / "build" / "vega.min.js", dir));
    a.vega_lite = script_safe_code(read_library(modules / "vega-lite" / "build" / "vega-lite.min.js", dir));
    a.vega_embed = script_safe_code(read_library(modules / "vega-embed" / "build" / "vega-embed.min.js", dir));
    a.versions = fmt::format("vega {}, vega-lite {}, vega-embed {}", package_version(modules / "vega" / "package.json"),
                             package_version(modules / "vega-lite" / "package.json"),
                             package_version(modules / "vega-embed" / "package.json"));
    return a;
}

namespace {

// The page up to its body: the language, a policy that lets nothing be fetched (scripts and
// styles are inline, images only data: or blob:), the title, the stylesheet and the printed
// header with the heading and a Swedish or English date.
std::string page_start(Language lang, const std::string& heading) {
    std::string html = fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", language_code(lang));
    html += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    html += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; script-src 'unsafe-inline' "
            "'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:\">\n";
    html += fmt::format("<meta name=\"generator\" content=\"kapsim {}\">\n", version);
    html += line(element("title", tr(lang, "doc.title") + " – " + heading)).html();
    html += fmt::format("<style>{}{}</style>\n</head>\n<body>\n", report_stylesheet(),
                        page_header_css(lang, heading, long_date(utc_now_iso8601(), lang)));
    return html;
}

// The end of every report: the charts' specifications, the chart libraries inlined, and the
// script that draws them.
std::string charts_and_end(const std::vector<Chart>& charts, Language lang, const WebAssets& assets) {
    json data = {{"locale", vega_format_locale(lang)}, {"failed", tr(lang, "doc.chart_failed")}, {"charts", json::array()}};
    for (const auto& c : charts) data["charts"].push_back({{"id", c.id}, {"spec", c.spec}});
    std::string html = "<script type=\"application/json\" id=\"kapsim-charts\">" + script_safe_json(data) + "</script>\n";
    html += "<script>" + assets.vega + "\n</script>\n";
    html += "<script>" + assets.vega_lite + "\n</script>\n";
    html += "<script>" + assets.vega_embed + "\n</script>\n";
    html += fmt::format("<script>{}</script>\n</body>\n</html>\n", report_chart_script());
    return html;
}

}  // namespace

std::string render_report(const ResultsBundle& r, Language lang, const WebAssets& assets, const SensitivityAnalysis* sensitivity) {
    return render_report(r, report_model(r, lang, sensitivity), assets);
}

std::string render_report(const ResultsBundle& r, const ReportModel& model, const WebAssets& assets) {
    const Language lang = model.language;
    // The model's appendix of inputs; read from the scenario files for a model made without it.
    std::optional<InputsAppendix> read;
    const InputsAppendix& inputs = model.inputs ? *model.inputs : read.emplace(inputs_appendix(r, lang));
    const models::Scenario* scenario_text = r.base().scenario ? &*r.base().scenario : nullptr;
    if (r.command == "capacity") scenario_text = nullptr;  // each point differs; the listing shows the first

    // The politician's part, from the model the studio shows too; then the appendices.
    Markup main = summary_section(model);
    main += results_section(model);
    main += charts_section(model.charts, lang);
    main += inputs_section(lang, inputs);
    main += method_section(r, lang, inputs, assets);
    if (scenario_text) main += scenario_text_section(*scenario_text, lang);
    Markup body = cover(model, r, scenario_text != nullptr);
    body += block("main", {}, main);

    return page_start(lang, model.heading) + body.html() + charts_and_end(model.charts, lang, assets);
}

std::string render_sweep_report(const SensitivityAnalysis& s, Language lang, const WebAssets& assets) {
    return render_sweep_report(s, sweep_report_model(s, lang), assets);
}

std::string render_sweep_report(const SensitivityAnalysis& s, const ReportModel& model, const WebAssets& assets) {
    std::string html = page_start(model.language, model.heading);
    html += sweep_report_body(s, model).html();
    return html + charts_and_end(model.charts, model.language, assets);
}

}  // namespace kapsim::app::report
