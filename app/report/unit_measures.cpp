#include "app/report/unit_measures.hpp"

#include <algorithm>
#include <climits>
#include <filesystem>
#include <fstream>
#include <set>

#include <unistd.h>

#include <fmt/format.h>

#include "app/report/findings.hpp"
#include "models/care_system.hpp"
#include "models/scenario_loader.hpp"

namespace kapsim::app::report {
namespace {

using models::MetricSpec;
using models::MetricUnit;

// Kinds share a metric id that in one of them means something narrower: the ward's mean wait
// is the planned patients' wait. Recognised by the label the kind gives it, that metric is told
// by its own sentence ("f.<metric>.<qualifier>").
struct Narrower {
    std::string_view label_sv;
    std::string_view qualifier;
};
constexpr Narrower narrower[] = {{"genomsnittlig väntetid för planerade", "planned"}};

Direction direction_of(MetricUnit unit) {
    switch (unit) {
        case MetricUnit::share:
        case MetricUnit::percent:
        case MetricUnit::kronor_per_year: return Direction::amount;
        case MetricUnit::days:
        case MetricUnit::hours: return Direction::duration;
        case MetricUnit::per_year:
        case MetricUnit::persons:
        case MetricUnit::days_per_year:
        case MetricUnit::hours_per_year: return Direction::count;
    }
    return Direction::count;
}

std::string translated_or(const std::string& key, std::string fallback) {
    return has_translation(key) ? key : std::move(fallback);
}

// A kind's example scenario, read once per call from a file of its own: the metrics a kind
// declares may depend on the scenario, the findings never do.
std::vector<MetricSpec> example_metrics(const models::UnitKind& kind) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const fs::path dir = fs::temp_directory_path(ec) / fmt::format("kapsim-report-{}-{}", ::getpid(), kind.name);
    std::vector<MetricSpec> out;
    try {
        fs::create_directories(dir);
        const fs::path file = dir / "example.yaml";
        std::ofstream(file) << kind.example;
        const auto s = models::load_scenario(file.string());
        for (std::size_t u = 0; u < s.units.size(); ++u)
            if (s.units[u].kind == kind.name) {
                out = kind.metrics(s, u);
                break;
            }
    } catch (const std::exception&) {
        // An example that does not read gives no findings; the contract test catches it.
    }
    fs::remove_all(dir, ec);
    return out;
}

std::vector<Measure> findings_of(std::vector<MetricSpec> specs, bool refined) {
    std::vector<MetricSpec> findings;
    for (auto& s : specs)
        if (s.finding > 0) findings.push_back(std::move(s));
    std::stable_sort(findings.begin(), findings.end(), [](const auto& a, const auto& b) { return a.finding < b.finding; });
    std::vector<Measure> out;
    for (const auto& s : findings) out.push_back(measure_for(s, refined));
    return out;
}

}  // namespace

std::string_view unit_key(MetricUnit unit) {
    switch (unit) {
        case MetricUnit::per_year: return "per_year";
        case MetricUnit::share: return "share";
        case MetricUnit::percent: return "percent";
        case MetricUnit::days: return "days";
        case MetricUnit::hours: return "hours";
        case MetricUnit::persons: return "persons";
        case MetricUnit::days_per_year: return "days_per_year";
        case MetricUnit::hours_per_year: return "hours_per_year";
        case MetricUnit::kronor_per_year: return "kronor_per_year";
    }
    return "per_year";
}

Measure measure_for(const MetricSpec& spec, bool refined) {
    Measure m{spec, "", "", "", direction_of(spec.unit), models::display_scale(spec.unit), 0};
    if (spec.unit == MetricUnit::kronor_per_year) {
        m.scale = 1e-6;  // told in millions
        m.min_decimals = 1;
    }
    m.unit_word = fmt::format("uw.unit.{}", unit_key(spec.unit));
    if (!refined) return m;
    std::string sentence = fmt::format("f.{}", spec.id);
    for (const auto& n : narrower)
        if (spec.label_sv == n.label_sv) sentence = translated_or(fmt::format("f.{}.{}", spec.id, n.qualifier), sentence);
    const std::string versus = fmt::format("vs.{}", spec.id);
    // A sentence of the report's own needs its comparison clause too, else the generic pair.
    if (has_translation(sentence) && has_translation(versus)) {
        m.sentence = sentence;
        m.versus = versus;
    }
    m.unit_word = translated_or(fmt::format("uw.{}", spec.id), m.unit_word);
    return m;
}

MetricWords metric_words(Language lang, const Measure& m) {
    const auto key = fmt::format("label.{}", m.metric());
    const std::string unit = tr(lang, fmt::format("lu.{}", unit_key(m.spec.unit)));
    if (!m.generic() && has_translation(key)) {
        // The report's own name "Beläggning, %" is told as "beläggning 91 %".
        const std::string& label = tr(lang, key);
        const std::string tail = ", " + unit;
        if (label.size() > tail.size() && label.compare(label.size() - tail.size(), tail.size(), tail) == 0)
            return {label.substr(0, label.size() - tail.size()), " " + unit};
        return {label, ""};
    }
    std::string label = lang == Language::sv ? m.spec.label_sv : m.spec.label_en;
    if (label.empty()) label = m.spec.id;
    return {label, " " + unit};
}

std::string metric_label(Language lang, const Measure& m) {
    const auto key = fmt::format("label.{}", m.metric());
    if (!m.generic() && has_translation(key)) return tr(lang, key);
    // The first letter up, as a chart title.
    const std::string label = upper_first(metric_words(lang, m).name);
    return fill(tr(lang, "label.generic"), {{"label", label}, {"unit", tr(lang, fmt::format("lu.{}", unit_key(m.spec.unit)))}});
}

const models::UnitKind* kind_of(const ResultsBundle& r, std::string_view unit) {
    if (r.command == "capacity") return r.capacity->kind.empty() ? nullptr : models::find_unit_kind(r.capacity->kind);
    const auto& units = r.base().summary.value("units", nlohmann::json::object());
    const std::string id(unit);
    if (units.contains(id) && units[id].contains("kind") && units[id]["kind"].is_string())
        return models::find_unit_kind(units[id]["kind"].get<std::string>());
    return nullptr;
}

std::vector<MetricSpec> unit_metrics(const ResultsBundle& r, std::string_view unit) {
    for (const auto& v : r.variants) {
        if (!v.scenario) continue;
        std::vector<MetricSpec> specs;
        for (auto& key : models::metric_catalog(*v.scenario))
            if (key.section == "units" && key.id == unit) specs.push_back(std::move(key.spec));
        if (!specs.empty()) return specs;
    }
    const auto* kind = kind_of(r, unit);
    return kind ? example_metrics(*kind) : std::vector<MetricSpec>{};
}

std::vector<Measure> finding_measures(const ResultsBundle& r, std::string_view unit, bool refined) {
    return findings_of(unit_metrics(r, unit), refined);
}

std::vector<Measure> table_measures(const ResultsBundle& r, std::string_view unit) {
    const auto specs = unit_metrics(r, unit);
    auto out = findings_of(specs, true);
    for (const auto& spec : specs) {
        if (spec.finding > 0 || (spec.role != models::MetricRole::admissions && spec.role != models::MetricRole::reneged)) continue;
        out.push_back(measure_for(spec, true));
    }
    return out;
}

std::vector<Measure> every_kind_finding_measures() {
    std::vector<const models::UnitKind*> kinds;
    for (const auto& k : models::unit_kinds()) kinds.push_back(&k);
    std::stable_sort(kinds.begin(), kinds.end(), [](const auto* a, const auto* b) { return a->report_order < b->report_order; });
    std::vector<Measure> out;
    for (const auto* k : kinds)
        for (auto& m : findings_of(example_metrics(*k), true))
            if (std::none_of(out.begin(), out.end(), [&](const Measure& x) { return x.metric() == m.metric(); }))
                out.push_back(std::move(m));
    return out;
}

std::vector<std::string> units_in_report_order(const ResultsBundle& r) {
    if (r.command == "capacity") return {r.capacity->unit};
    std::vector<std::string> ids;
    const auto& units = r.base().summary.value("units", nlohmann::json::object());
    for (const auto& [id, _] : units.items()) ids.push_back(id);
    const auto rank = [&](const std::string& id) {
        const auto* k = kind_of(r, id);
        return k ? k->report_order : INT_MAX;
    };
    std::stable_sort(ids.begin(), ids.end(), [&](const auto& a, const auto& b) { return rank(a) < rank(b); });
    return ids;
}

bool has_places(const models::UnitKind* kind) { return !kind || !kind->capacity_key.empty(); }

std::string unit_label(Language lang, const models::UnitKind* kind, std::string_view id) {
    if (!kind) return std::string(id);
    const auto& words = lang == Language::sv ? kind->sv : kind->en;
    return words.noun.empty() ? std::string(id) : fmt::format("{} {}", words.noun, id);
}

std::string unit_name(const ResultsBundle& r, Language lang, std::string_view id) {
    const std::string code(language_code(lang));
    for (const auto& v : r.variants) {
        if (!v.scenario) continue;
        for (const auto& u : v.scenario->units) {
            if (u.id != id) continue;
            if (!u.label.empty()) return u.label.in(code);
            if (!u.description.empty()) return u.description.in(code);
        }
    }
    return unit_label(lang, kind_of(r, id), id);
}

std::vector<std::string> alternative_names(const ResultsBundle& r, Language lang) {
    // The labels only when every alternative has its own: a variant of a `variants:` section
    // or an `extends:` that sets no label of its own inherits its base's, which would name two
    // alternatives alike.
    std::vector<std::string> labels, names;
    for (const auto& v : r.variants) {
        names.push_back(v.name);
        if (v.scenario && !v.scenario->label.empty()) labels.push_back(v.scenario->label.in(language_code(lang)));
    }
    const bool distinct = labels.size() == names.size() && std::set<std::string>(labels.begin(), labels.end()).size() == labels.size();
    return distinct ? labels : names;
}

std::string alternative_name(const ResultsBundle& r, Language lang, std::size_t v) { return alternative_names(r, lang).at(v); }

std::string alternative_description(const ResultsBundle& r, Language lang, std::size_t v) {
    const auto& variant = r.variants.at(v);
    if (variant.scenario) return variant.scenario->description.in(language_code(lang));
    const auto& s = variant.summary.value("scenario", nlohmann::json::object());
    return s.contains("description") && s["description"].is_string() ? s["description"].get<std::string>() : "";
}

std::string capacity_word(Language lang, const models::UnitKind* kind, std::size_t n) {
    if (kind) {
        const auto& words = lang == Language::sv ? kind->sv : kind->en;
        const auto word = n == 1 ? words.place : words.places;
        if (!word.empty()) return std::string(word);
    }
    return tr(lang, n == 1 ? "cap.generic.one" : "cap.generic.many");
}

std::string kind_logic(Language lang, const models::UnitKind& kind, const std::string& ids) {
    const auto& words = lang == Language::sv ? kind.sv : kind.en;
    if (!words.logic.empty()) return fill(words.logic, {{"ids", ids}});
    return fill(tr(lang, "logic.generic"), {{"ids", ids}, {"kind", std::string(kind.name)}, {"summary", std::string(kind.summary)}});
}

}  // namespace kapsim::app::report
