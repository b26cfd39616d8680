#include "app/report/sensitivity_report.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "app/output_writers.hpp"
#include "app/report/findings.hpp"
#include "app/report/report_model.hpp"
#include "app/report/report_model_html.hpp"
#include "app/report/unit_measures.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"

namespace kapsim::app::report {
namespace {

using json = nlohmann::json;
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t bootstrap_resamples = 1000;

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::size_t from = 0;
    for (std::size_t dot = path.find('.'); dot != std::string::npos; dot = path.find('.', from)) {
        parts.push_back(path.substr(from, dot - from));
        from = dot + 1;
    }
    parts.push_back(path.substr(from));
    return parts;
}

// The value at a --set path in a scenario's effective YAML, as text; nullopt where there is none.
std::optional<std::string> value_at_path(const models::Scenario& scenario, const std::string& path) {
    try {
        YAML::Node node = YAML::Load(scenario.canonical_yaml);
        for (const auto& part : split_path(path)) {
            if (!node.IsMap()) return std::nullopt;
            const YAML::Node next = node[part];
            if (!next) return std::nullopt;
            node.reset(next);
        }
        if (node.IsScalar()) return node.Scalar();
        YAML::Emitter out;
        out << YAML::Flow << node;
        return std::string(out.c_str());
    } catch (const std::exception&) {
        return std::nullopt;
    }
}

// The level whose value is `value`: the same text, or the same number with the same unit.
std::optional<std::size_t> level_matching(const std::vector<std::string>& levels, const std::string& value) {
    for (std::size_t l = 0; l < levels.size(); ++l)
        if (levels[l] == value) return l;
    const auto unit_of = [](const std::string& v) {
        std::size_t i = 0;
        while (i < v.size() && (std::isdigit(static_cast<unsigned char>(v[i])) || v[i] == '.' || v[i] == '-' || v[i] == '+' ||
                                v[i] == 'e' || v[i] == 'E'))
            ++i;
        return v.substr(i);
    };
    const auto number = leading_number(value);
    if (!number) return std::nullopt;
    for (std::size_t l = 0; l < levels.size(); ++l) {
        const auto n = leading_number(levels[l]);
        if (n && std::abs(*n - *number) <= 1e-12 * std::max(1.0, std::abs(*n)) && unit_of(levels[l]) == unit_of(value)) return l;
    }
    return std::nullopt;
}

// For a sweep alone: its scenario, read again from the manifest, for the names of its units
// and classes and the words of their metrics.
ResultsBundle label_bundle(const SweepResults& sweep) {
    ResultsBundle b;
    b.dir = sweep.dir;
    b.command = "run";
    b.manifest = sweep.manifest;
    VariantResults v;
    const json scenarios = sweep.manifest.value("scenarios", json::array());
    const json info = scenarios.is_array() && !scenarios.empty() && scenarios[0].is_object() ? scenarios[0] : json::object();
    v.name = info.value("name", std::string("sweep"));
    v.file = info.value("file", std::string());
    v.content_hash = info.value("content_hash", std::string());
    v.summary["scenario"] = info;
    if (!v.file.empty()) {
        try {
            // As written, without the sweep's seed and replications: its names and its values
            // of the parameters (today's assumptions) are what is asked of it.
            v.scenario = models::load_scenario(resolved_file(b, v.file));
        } catch (const std::exception&) {
            // Not readable again: units are named by their ids.
        }
    }
    if (v.scenario)
        for (const auto& u : v.scenario->units) v.summary["units"][u.id]["kind"] = u.kind;
    b.variants.push_back(std::move(v));
    return b;
}

// Whether `path` sets a unit's capacity ("units.avd7.beds" for a ward): a decision, not an assumption.
bool capacity_path(const ResultsBundle& labels, const std::string& path) {
    const auto parts = split_path(path);
    if (parts.size() != 3 || parts[0] != "units") return false;
    if (const auto* kind = kind_of(labels, parts[1])) return kind->capacity_key == parts[2];
    for (const auto& k : models::unit_kinds())
        if (!k.capacity_key.empty() && k.capacity_key == parts[2]) return true;
    return false;
}

std::string parameter_list(const SweepResults& sweep) {
    std::string out;
    for (const auto& p : sweep.parameters) out += (out.empty() ? "" : ", ") + p;
    return out;
}

std::vector<Influence> influences(const SensitivityAnalysis& s, const std::vector<double>& y_all, const SensitivityAlternative& alt) {
    std::vector<Influence> out;
    std::vector<double> y(y_all.size(), nan);
    for (auto p : alt.points) y[p] = y_all[p];
    if (s.grid) {
        std::vector<std::size_t> all(s.sweep.parameters.size());
        for (std::size_t k = 0; k < all.size(); ++k) all[k] = k;
        auto base = s.base;
        if (s.decision && alt.level) base[*s.decision] = *alt.level;
        for (auto j : s.assumptions) {
            const Swing w = one_at_a_time(s.levels, y, j, all, base);
            if (std::isfinite(w.low)) out.push_back({j, w.width(), w.low, w.high, w.at_level[base[j]]});
        }
        std::stable_sort(out.begin(), out.end(), [](const Influence& a, const Influence& b) { return a.value > b.value; });
    } else {
        std::vector<std::vector<double>> x;
        std::vector<double> yy;
        for (auto p : alt.points) {
            if (!std::isfinite(y[p])) continue;
            std::vector<double> row;
            for (auto j : s.assumptions) {
                const auto n = leading_number(s.sweep.values[p][j]);
                row.push_back(n ? *n : static_cast<double>(s.levels.at[p][j]));
            }
            x.push_back(std::move(row));
            yy.push_back(y[p]);
        }
        const auto c = partial_rank_correlations(x, yy, bootstrap_resamples);
        for (std::size_t k = 0; k < c.size(); ++k)
            if (std::isfinite(c[k].coefficient)) out.push_back({s.assumptions[k], c[k].coefficient, c[k].low, c[k].high});
        std::stable_sort(out.begin(), out.end(),
                         [](const Influence& a, const Influence& b) { return std::abs(a.value) > std::abs(b.value); });
    }
    return out;
}

// Whether an influence is more than noise: a swing that moves the metric at all, or a partial
// rank correlation whose interval leaves out 0.
bool clear_influence(const SensitivityAnalysis& s, const Influence& i) {
    return s.grid ? i.value != 0 : (i.low > 0 || i.high < 0);
}

// The comparison's estimate of `key` for alternative v, with today's assumptions.
Figure current_figure(const SensitivityAnalysis& s, std::size_t v, const MetricSensitivity& m) {
    const auto& r = s.labels;
    if (!s.compared || v >= r.variants.size()) return figure_from_json(json());
    const auto p = json::json_pointer(pointer({"metrics", r.variants[v].name, m.section, m.id, m.metric}));
    return r.compare.contains(p) ? figure_from_json(r.compare.at(p)) : figure_from_json(json());
}

// --- Words ------------------------------------------------------------------------------

struct Words {
    std::string label;  // "Överbelagda dagar per år", "Genomsnittlig väntetid, dagar": a chart's or table's
    std::string name;   // "genomsnittlig väntetid": in a sentence,
    std::string unit;   // " dagar": after its numbers ("" where the name says it)
    Direction direction = Direction::amount;  // färre, kortare or lägre
    double scale = 1;
    int min_decimals = 0;
    bool higher_is_better = false;
};

// A class as a reader knows it: its label, else its description, else its id.
std::string class_name(const ResultsBundle& labels, Language lang, const std::string& id) {
    const std::string code(language_code(lang));
    for (const auto& v : labels.variants) {
        if (!v.scenario) continue;
        for (const auto& c : v.scenario->classes)
            if (c.id == id) return !c.label.empty() ? c.label.in(code) : !c.description.empty() ? c.description.in(code) : c.id;
        break;
    }
    return id;
}

Words words_for(const SensitivityAnalysis& s, Language lang, const MetricSensitivity& m) {
    if (m.section == "units") {
        // A metric by class (id <unit>.by_class.<class>) is the unit's by_class.<class>.<metric>,
        // named without the class's id and followed by the class as a reader knows it.
        const auto by_class = m.id.find(".by_class.");
        const std::string unit = m.id.substr(0, by_class);
        const std::string class_id = by_class == std::string::npos ? "" : m.id.substr(by_class + 10);
        const std::string spec_id = class_id.empty() ? m.metric : fmt::format("by_class.{}.{}", class_id, m.metric);
        for (auto spec : unit_metrics(s.labels, unit))
            if (spec.id == spec_id) {
                std::string for_class;
                if (!class_id.empty()) {
                    for (auto* label : {&spec.label_sv, &spec.label_en})
                        if (label->rfind(class_id + ": ", 0) == 0) *label = label->substr(class_id.size() + 2);
                    for_class = fmt::format(" ({})", class_name(s.labels, lang, class_id));
                }
                const Measure measure = measure_for(spec, class_id.empty());
                const MetricWords words = metric_words(lang, measure);
                return {metric_label(lang, measure) + for_class, lower_first(words.name) + for_class, words.unit, measure.direction,
                        measure.scale, measure.min_decimals, spec.role == models::MetricRole::admissions};
            }
    }
    if (m.section == "payers" && m.metric == "cost_per_year") {
        const std::string label = fill(tr(lang, "table.cost"), {{"payer", payer_label(lang, m.id)}});
        return {label, lower_first(label), "", Direction::amount, 1e-6, 1, false};
    }
    return {m.key, m.key, "", Direction::amount, 1, 0, false};
}

// The decision metrics in the order the report's findings tell them.
std::vector<const MetricSensitivity*> decision_metrics(const SensitivityAnalysis& s) {
    std::vector<std::pair<std::size_t, const MetricSensitivity*>> ranked;
    for (const auto& m : s.metrics) {
        if (!m.decision) continue;
        std::size_t rank = 1000 + ranked.size();
        if (m.section == "units") {
            const auto f = finding_measures(s.labels, m.id);
            for (std::size_t i = 0; i < f.size(); ++i)
                if (f[i].metric() == m.metric) rank = i;
        }
        ranked.emplace_back(rank, &m);
    }
    std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<const MetricSensitivity*> out;
    for (const auto& [_, m] : ranked) out.push_back(m);
    return out;
}

std::string number_text(double v, int decimals, Language lang) { return std::isfinite(v) ? format_number(v, decimals, lang) : "\u2013"; }

struct Phrase {
    std::string lead, tail;
};

Phrase alternative_phrase(const SensitivityAnalysis& s, Language lang, std::size_t a) {
    const auto& alt = s.alternatives[a];
    if (s.decision && alt.level) {
        const std::string& path = s.sweep.parameters[*s.decision];
        const std::string& value = s.levels.of_parameter[*s.decision][*alt.level];
        if (capacity_path(s.labels, path) && leading_number(value)) {
            const auto parts = split_path(path);
            const auto n = static_cast<std::size_t>(*leading_number(value));
            const std::string word = capacity_word(lang, kind_of(s.labels, parts[1]), n);
            const std::string count = format_number(static_cast<double>(n), 0, lang);
            return {fill(tr(lang, "lead.capacity"), {{"n", count}, {"capword", word}}),
                    fill(tr(lang, "tail.capacity"), {{"n", count}, {"capword", word}})};
        }
        if (s.compared && alt.variant) {
            const std::string name = alternative_name(s.labels, lang, *alt.variant);
            return {fill(tr(lang, "lead.variant"), {{"name", name}}), fill(tr(lang, "tail.variant"), {{"name", name}})};
        }
        const std::string param = parameter_phrase(s.labels, lang, path, false);
        return {fill(tr(lang, "sens.lead.value"), {{"param", param}, {"value", value}}),
                fill(tr(lang, "sens.tail.value"), {{"param", param}, {"value", value}})};
    }
    if (s.compared && alt.variant) {
        const std::string name = alternative_name(s.labels, lang, *alt.variant);
        return {fill(tr(lang, "lead.variant"), {{"name", name}}), fill(tr(lang, "tail.variant"), {{"name", name}})};
    }
    return {tr(lang, "sens.lead.all"), ""};
}

std::string alternative_label(const SensitivityAnalysis& s, Language lang, std::size_t a) {
    const auto& alt = s.alternatives[a];
    if (s.compared && alt.variant) return alternative_name(s.labels, lang, *alt.variant);
    if (s.decision && alt.level) {
        const std::string& path = s.sweep.parameters[*s.decision];
        const std::string& value = s.levels.of_parameter[*s.decision][*alt.level];
        if (capacity_path(s.labels, path) && leading_number(value)) {
            const auto n = static_cast<std::size_t>(*leading_number(value));
            return fmt::format("{} {}", format_number(static_cast<double>(n), 0, lang),
                               capacity_word(lang, kind_of(s.labels, split_path(path)[1]), n));
        }
        return fmt::format("{} = {}", parameter_phrase(s.labels, lang, path, false), value);
    }
    return tr(lang, "sens.all_points");
}

int decimals_of(const Spread& sp, const Words& w) {
    return decimals_for(sp.p5 * w.scale, sp.min * w.scale, sp.max * w.scale, w.min_decimals);
}

std::string range_cell(const Spread& sp, const Words& w, Language lang) {
    if (sp.n == 0) return "\u2013";
    const int d = decimals_of(sp, w);
    return fill(tr(lang, "sens.cell"), {{"min", number_text(sp.min * w.scale, d, lang)},
                                         {"max", number_text(sp.max * w.scale, d, lang)},
                                         {"p5", number_text(sp.p5 * w.scale, d, lang)},
                                         {"p95", number_text(sp.p95 * w.scale, d, lang)}});
}

}  // namespace

const MetricSensitivity* SensitivityAnalysis::find(const std::string& key) const {
    for (const auto& m : metrics)
        if (m.key == key) return &m;
    return nullptr;
}

std::string parameter_phrase(const ResultsBundle& labels, Language lang, const std::string& path, bool with_path) {
    const auto parts = split_path(path);
    std::string owner, rest;
    const std::string code(language_code(lang));
    std::size_t from = 0;
    if (parts.size() >= 3 && parts[0] == "units") {
        owner = unit_name(labels, lang, parts[1]);
        from = 2;
    } else if (parts.size() >= 3 && parts[0] == "classes") {
        owner = class_name(labels, lang, parts[1]);
        from = 2;
    } else if (parts.size() >= 2 && parts[0] == "scenario") {
        from = 1;
    }
    for (std::size_t i = from; i < parts.size(); ++i) rest += (rest.empty() ? "" : ".") + parts[i];
    std::string what;
    if (has_translation("param." + rest)) what = tr(lang, "param." + rest);
    else if (has_translation("param." + parts.back())) what = tr(lang, "param." + parts.back());
    else what = rest;
    std::string phrase = owner.empty() ? what : fill(tr(lang, "param.of"), {{"what", what}, {"owner", owner}});
    if (!with_path) return phrase;
    return fill(tr(lang, "param.shown"), {{"phrase", phrase}, {"path", path}});
}

SensitivityAnalysis analyse_sensitivity(SweepResults sweep, const ResultsBundle* compare, const std::string& decision_path) {
    SensitivityAnalysis s;
    const std::filesystem::path csv = sweep.dir / "sweep.csv";
    s.sweep = std::move(sweep);
    s.compared = compare != nullptr;
    s.labels = compare ? *compare : label_bundle(s.sweep);
    s.levels = levels_of(s.sweep.values);
    s.grid = is_full_grid(s.levels);
    const std::size_t p = s.sweep.parameters.size();

    if (!decision_path.empty()) {
        s.decision = s.sweep.parameter_index(decision_path);
        if (!s.decision)
            throw models::InputError({csv.string(), 0, 0}, fmt::format("--decision {} is not a parameter of this sweep", decision_path),
                                     fmt::format("the sweep's parameters are: {}", parameter_list(s.sweep)));
    }

    // The alternatives: the comparison's, each at the sweep's points with its value of the
    // decision parameter; or, for a sweep alone, one per value of the decision parameter.
    if (compare) {
        const auto matched = [&](std::size_t j) {
            std::vector<std::optional<std::size_t>> at;
            std::set<std::string> values;
            for (const auto& v : compare->variants) {
                const auto value = v.scenario ? value_at_path(*v.scenario, s.sweep.parameters[j]) : std::nullopt;
                if (value) values.insert(*value);
                at.push_back(value ? level_matching(s.levels.of_parameter[j], *value) : std::nullopt);
            }
            // Two alternatives at the same value are not told apart by the sweep: the later one
            // gets no range rather than the other's.
            for (std::size_t v = 0; v < at.size(); ++v)
                for (std::size_t u = 0; u < v && at[v]; ++u)
                    if (at[u] == at[v]) at[v].reset();
            return std::make_pair(at, values.size());
        };
        std::vector<std::optional<std::size_t>> at;
        if (s.decision) {
            at = matched(*s.decision).first;
        } else {
            for (std::size_t j = 0; j < p && !s.decision; ++j) {
                auto [levels, distinct] = matched(j);
                const bool all = std::all_of(levels.begin(), levels.end(), [](const auto& l) { return l.has_value(); });
                if (distinct == compare->variants.size() && distinct > 1 && all) {
                    s.decision = j;
                    at = levels;
                }
            }
        }
        if (!s.decision || std::none_of(at.begin(), at.end(), [](const auto& l) { return l.has_value(); }))
            throw models::InputError(
                {csv.string(), 0, 0},
                s.decision ? fmt::format("no alternative of the comparison has a value of {} that the sweep ran",
                                         s.sweep.parameters[*s.decision])
                           : std::string("the sweep does not vary what tells the alternatives of the comparison apart"),
                fmt::format("the sweep's parameters are {}; sweep the parameter the alternatives differ in, over their values "
                            "(e.g. units.<unit>.beds: [13, 16]), or name it with --decision PATH",
                            parameter_list(s.sweep)));
        for (std::size_t v = 0; v < compare->variants.size(); ++v) {
            SensitivityAlternative alt;
            alt.variant = v;
            alt.level = at[v];
            if (alt.level)
                for (std::size_t i = 0; i < s.sweep.points(); ++i)
                    if (s.levels.at[i][*s.decision] == *alt.level) alt.points.push_back(i);
            s.alternatives.push_back(std::move(alt));
        }
    } else {
        if (!s.decision)
            for (std::size_t j = 0; j < p && !s.decision; ++j)
                if (s.levels.of_parameter[j].size() > 1 && capacity_path(s.labels, s.sweep.parameters[j])) s.decision = j;
        if (s.decision) {
            for (std::size_t l = 0; l < s.levels.of_parameter[*s.decision].size(); ++l) {
                SensitivityAlternative alt;
                alt.level = l;
                for (std::size_t i = 0; i < s.sweep.points(); ++i)
                    if (s.levels.at[i][*s.decision] == l) alt.points.push_back(i);
                s.alternatives.push_back(std::move(alt));
            }
        } else {
            SensitivityAlternative alt;
            for (std::size_t i = 0; i < s.sweep.points(); ++i) alt.points.push_back(i);
            s.alternatives.push_back(std::move(alt));
        }
    }

    // Today's assumptions: the base scenario's value of each parameter, else the middle one.
    const models::Scenario* today = s.labels.base().scenario ? &*s.labels.base().scenario : s.labels.any_scenario();
    for (std::size_t j = 0; j < p; ++j) {
        const auto& levels = s.levels.of_parameter[j];
        std::optional<std::size_t> level;
        if (today)
            if (const auto value = value_at_path(*today, s.sweep.parameters[j])) level = level_matching(levels, *value);
        s.base.push_back(level ? *level : (levels.size() - 1) / 2);
        if (j != s.decision && levels.size() > 1) s.assumptions.push_back(j);
    }

    // Every metric: its spread and what moves it, for each alternative.
    std::set<std::string> findings;
    for (std::size_t k = 0; k < s.sweep.metrics.size(); ++k) {
        MetricSensitivity m;
        m.key = s.sweep.metrics[k];
        const auto first = m.key.find('.'), last = m.key.rfind('.');
        m.section = m.key.substr(0, first);
        m.id = m.key.substr(first + 1, last - first - 1);
        m.metric = m.key.substr(last + 1);
        if (m.section == "units")
            for (const auto& f : finding_measures(s.labels, m.id)) m.decision = m.decision || f.metric() == m.metric;
        for (const auto& alt : s.alternatives) {
            std::vector<double> y;
            for (auto i : alt.points) y.push_back(s.sweep.means[k][i]);
            m.spread.push_back(spread_of(y));
        }
        s.metrics.push_back(std::move(m));
    }
    if (std::none_of(s.metrics.begin(), s.metrics.end(), [](const auto& m) { return m.decision; }))
        for (std::size_t k = 0; k < std::min<std::size_t>(3, s.metrics.size()); ++k) s.metrics[k].decision = true;
    // What moves them: only for the decision metrics, which are told and charted (a partial
    // rank correlation's bootstrap is the costly part of a report).
    for (std::size_t k = 0; k < s.metrics.size(); ++k) {
        auto& m = s.metrics[k];
        m.influence.resize(s.alternatives.size());
        if (!m.decision) continue;
        for (std::size_t a = 0; a < s.alternatives.size(); ++a) m.influence[a] = influences(s, s.sweep.means[k], s.alternatives[a]);
    }

    // Every pair of alternatives at the same assumptions: each against the first, then each
    // against the others before it (16 against 15, not only both against 13).
    std::vector<std::pair<std::size_t, std::size_t>> pairs;
    for (std::size_t b = 0; b < s.alternatives.size(); ++b)
        for (std::size_t a = b + 1; a < s.alternatives.size(); ++a) pairs.emplace_back(a, b);
    if (s.decision)
        for (const auto& [a, b] : pairs) {
            const auto& A = s.alternatives[a];
            const auto& B = s.alternatives[b];
            if (A.points.empty() || B.points.empty()) continue;
            const auto others = [&](std::size_t point) {
                auto key = s.levels.at[point];
                key[*s.decision] = 0;
                return key;
            };
            std::map<std::vector<std::size_t>, std::size_t> partner;
            for (auto i : B.points) partner.emplace(others(i), i);
            for (std::size_t k = 0; k < s.sweep.metrics.size(); ++k) {
                if (!s.metrics[k].decision) continue;
                std::vector<double> ya, yb, diff(s.sweep.points(), nan);
                SensitivityAlternative paired_points = A;
                paired_points.points.clear();
                for (auto i : A.points) {
                    const auto it = partner.find(others(i));
                    if (it == partner.end()) continue;
                    ya.push_back(s.sweep.means[k][i]);
                    yb.push_back(s.sweep.means[k][it->second]);
                    diff[i] = ya.back() - yb.back();
                    paired_points.points.push_back(i);
                }
                PairedOutcome o{a, b, k, compare_pairs(ya, yb), std::nullopt};
                if (o.comparison.pairs == 0) continue;
                const auto moves = influences(s, diff, paired_points);
                if (!moves.empty() && clear_influence(s, moves.front())) o.driver = moves.front().parameter;
                s.paired.push_back(o);
            }
        }
    return s;
}

// --- HTML ------------------------------------------------------------------------------------

SensitivitySummary sensitivity_summary(const SensitivityAnalysis& s, Language lang) {
    std::string params;
    // Page 1 names the assumptions in words only; their paths are in the appendix's table.
    for (auto j : s.assumptions) params += (params.empty() ? "" : "; ") + parameter_phrase(s.labels, lang, s.sweep.parameters[j], false);
    SensitivitySummary out{tr(lang, "sens.heading"),
                           fill(tr(lang, s.compared ? "sens.intro.compare" : "sens.intro.sweep"),
                                {{"n", fmt::format("{}", s.sweep.points())},
                                 {"k", fmt::format("{}", s.assumptions.size())},
                                 {"params", params}}),
                           {}};
    for (const auto* decision : decision_metrics(s)) {
        const auto& m = *decision;
        const Words w = words_for(s, lang, m);
        std::vector<std::string> sentences;
        for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
            const Spread& sp = m.spread[a];
            if (sp.n == 0) continue;
            const Phrase ph = alternative_phrase(s, lang, a);
            const int d = decimals_of(sp, w);
            std::vector<std::pair<std::string_view, std::string>> blanks{
                {"lead", ph.lead},
                {"measure", w.name},
                {"Measure", upper_first(w.name)},
                {"unit", w.unit},
                {"n", fmt::format("{}", sp.n)},
                {"min", number_text(sp.min * w.scale, d, lang)},
                {"max", number_text(sp.max * w.scale, d, lang)},
                {"p5", number_text(sp.p5 * w.scale, d, lang)},
                {"p95", number_text(sp.p95 * w.scale, d, lang)}};
            std::string key = s.alternatives[a].level || s.alternatives[a].variant ? "sens.range" : "sens.range.all";
            const Figure f = s.alternatives[a].variant ? current_figure(s, *s.alternatives[a].variant, m) : figure_from_json(json());
            if (f.defined()) {
                const int fd = decimals_for(f.mean * w.scale, f.ci_low * w.scale, f.ci_high * w.scale, w.min_decimals);
                blanks.emplace_back("mean", number_text(f.mean * w.scale, fd, lang));
                blanks.emplace_back("ci", std::isfinite(f.ci_low) && f.ci_high > f.ci_low
                                              ? fill(tr(lang, "ci"), {{"low", number_text(std::max(0.0, f.ci_low) * w.scale, fd, lang)},
                                                                     {"high", number_text(f.ci_high * w.scale, fd, lang)}})
                                              : tr(lang, "ci.exact"));
                key = "sens.range.ci";
            }
            std::string sentence = fill(tr(lang, key), blanks);
            if (!m.influence[a].empty() && clear_influence(s, m.influence[a].front()))
                sentence += " " + fill(tr(lang, "sens.driver"),
                                       {{"param", parameter_phrase(s.labels, lang, s.sweep.parameters[m.influence[a].front().parameter], false)}});
            sentences.push_back(sentence);
        }
        for (const auto& o : s.paired) {
            if (&s.metrics[o.metric] != &m) continue;
            const auto& c = o.comparison;
            const Phrase pa = alternative_phrase(s, lang, o.a), pb = alternative_phrase(s, lang, o.b);
            const bool lower = c.below >= c.above;
            const std::size_t k = lower ? c.below : c.above;
            const char* less = w.direction == Direction::count ? "sens.fewer" : w.direction == Direction::duration ? "sens.shorter" : "sens.lower";
            const char* more = w.direction == Direction::count ? "sens.more" : w.direction == Direction::duration ? "sens.longer" : "sens.higher";
            const std::string dir = tr(lang, lower ? less : more);
            std::vector<std::pair<std::string_view, std::string>> blanks{
                {"lead", pa.lead}, {"tail", pb.tail}, {"measure", w.name}, {"dir", dir},
                {"n", fmt::format("{}", c.pairs)}, {"k", fmt::format("{}", k)}};
            std::string sentence;
            if (c.same == c.pairs) sentence = fill(tr(lang, "sens.paired.same"), blanks);
            else {
                sentence = fill(tr(lang, k == c.pairs ? "sens.paired.all" : "sens.paired.some"), blanks);
                if (o.driver)
                    sentence += fill(tr(lang, k == c.pairs ? "sens.paired.driver.all" : "sens.paired.driver.some"),
                                     {{"dir", dir}, {"param", parameter_phrase(s.labels, lang, s.sweep.parameters[*o.driver], false)}});
                sentence += ".";
            }
            sentences.push_back(sentence);
        }
        if (!sentences.empty()) out.metrics.push_back(std::move(sentences));
    }
    return out;
}

std::string sensitivity_summary_html(const SensitivityAnalysis& s, Language lang) {
    return sensitivity_markup(sensitivity_summary(s, lang)).html();
}

std::optional<ResultsTable::AssumptionRange> assumption_range(const SensitivityAnalysis& s, Language lang, const std::string& key,
                                                              std::size_t columns) {
    const auto* m = s.find(key);
    if (!m) return std::nullopt;
    const Words w = words_for(s, lang, *m);
    std::vector<std::string> cells(columns, "\u2013");
    std::size_t points = 0;
    for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
        const auto column = s.compared ? s.alternatives[a].variant : std::optional<std::size_t>(a);
        if (!column || *column >= columns || m->spread[a].n == 0) continue;
        cells[*column] = range_cell(m->spread[a], w, lang);
        points = std::max(points, m->spread[a].n);
    }
    if (points == 0) return std::nullopt;
    return ResultsTable::AssumptionRange{fill(tr(lang, "sens.table.row"), {{"n", fmt::format("{}", points)}}), std::move(cells)};
}

std::vector<Chart> tornado_charts(const SensitivityAnalysis& s, Language lang) {
    std::vector<Chart> charts;
    if (s.assumptions.empty()) return charts;
    std::vector<std::string> names;
    for (std::size_t a = 0; a < s.alternatives.size(); ++a)
        if (!s.alternatives[a].points.empty()) names.push_back(alternative_label(s, lang, a));
    for (const auto* decision : decision_metrics(s)) {
        const auto& m = *decision;
        const Words w = words_for(s, lang, m);
        // The assumptions in the order of their largest influence on any alternative.
        std::map<std::size_t, double> strength;
        for (const auto& infl : m.influence)
            for (const auto& i : infl) strength[i.parameter] = std::max(strength[i.parameter], std::abs(i.value));
        std::vector<std::size_t> order;
        for (const auto& [j, _] : strength) order.push_back(j);
        std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return strength[a] > strength[b]; });
        json values = json::array();
        for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
            if (s.alternatives[a].points.empty()) continue;
            for (const auto& i : m.influence[a]) {
                const auto rank = std::find(order.begin(), order.end(), i.parameter) - order.begin();
                const double scale = s.grid ? w.scale : 1.0;
                values.push_back({{"parameter", parameter_phrase(s.labels, lang, s.sweep.parameters[i.parameter], false)},
                                  {"path", s.sweep.parameters[i.parameter]},
                                  {"order", rank},
                                  {"variant", alternative_label(s, lang, a)},
                                  {"value", i.value * scale},
                                  {"low", i.low * scale},
                                  {"high", i.high * scale},
                                  {"today", std::isfinite(i.today) ? json(i.today * scale) : json(nullptr)},
                                  {"zero", 0}});
            }
        }
        if (values.empty()) continue;
        const json y = {{"field", "parameter"}, {"type", "nominal"}, {"sort", {{"field", "order"}, {"op", "min"}}},
                        {"title", nullptr}, {"axis", {{"labelLimit", 330}}}};
        const json color = {{"field", "variant"}, {"type", "nominal"}, {"sort", names},
                            {"scale", {{"domain", names}, {"scheme", "tableau10"}}}, {"title", tr(lang, "axis.alternative")}};
        json spec = {{"$schema", "https://vega.github.io/schema/vega-lite/v6.json"},
                     {"width", 340},
                     {"data", {{"values", values}}},
                     {"config", {{"font", "Helvetica, Arial, 'DejaVu Sans', sans-serif"}, {"view", {{"stroke", nullptr}}},
                                 {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleFontWeight", "normal"},
                                           {"labelOverlap", "greedy"}, {"labelSeparation", 6}}},
                                 {"legend", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"orient", "bottom"}}}}}};
        const json tooltip = json::array({{{"field", "path"}, {"title", tr(lang, "sens.axis.path")}},
                                          {{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                          {{"field", "low"}, {"format", ",.2f"}},
                                          {{"field", "high"}, {"format", ",.2f"}}});
        std::string caption;
        if (s.grid) {
            const json x = {{"field", "low"}, {"type", "quantitative"}, {"title", w.label}, {"scale", {{"zero", false}}}};
            // The bar spans the metric over the assumption's values; the tick marks today's assumptions.
            spec["layer"] = json::array(
                {{{"mark", {{"type", "bar"}, {"height", {{"band", 0.8}}}}},
                  {"encoding", {{"y", y}, {"yOffset", {{"field", "variant"}, {"sort", names}}}, {"x", x},
                                {"x2", {{"field", "high"}}}, {"color", color}, {"tooltip", tooltip}}}},
                 {{"mark", {{"type", "tick"}, {"color", "#1d232b"}, {"thickness", 2}}},
                  {"encoding", {{"y", y}, {"yOffset", {{"field", "variant"}, {"sort", names}}},
                                {"x", {{"field", "today"}, {"type", "quantitative"}}}}}}});
            caption = fill(tr(lang, "sens.caption.oat"), {{"measure", lower_first(w.label)}, {"n", fmt::format("{}", s.sweep.points())}});
        } else {
            const json x = {{"field", "value"}, {"type", "quantitative"}, {"title", tr(lang, "sens.axis.prcc")},
                            {"scale", {{"domain", json::array({-1, 1})}}}};
            spec["layer"] = json::array(
                {{{"mark", {{"type", "bar"}, {"height", {{"band", 0.8}}}}},
                  {"encoding", {{"y", y}, {"yOffset", {{"field", "variant"}, {"sort", names}}}, {"x", x}, {"x2", {{"field", "zero"}}},
                                {"color", color}, {"tooltip", tooltip}}}},
                 {{"mark", {{"type", "rule"}, {"color", "#1d232b"}}},
                  {"encoding", {{"y", y}, {"yOffset", {{"field", "variant"}, {"sort", names}}}, {"x", {{"field", "low"}, {"type", "quantitative"}}},
                                {"x2", {{"field", "high"}}}}}}});
            caption = fill(tr(lang, "sens.caption.prcc"), {{"measure", lower_first(w.label)},
                                                            {"n", fmt::format("{}", s.sweep.points())},
                                                            {"b", fmt::format("{}", bootstrap_resamples)}});
        }
        charts.push_back({fmt::format("chart-sens-{}", charts.size() + 1),
                          fill(tr(lang, "sens.chart.title"), {{"measure", lower_first(w.label)}}), caption, std::move(spec)});
    }
    return charts;
}

std::string sweep_report_heading(const SensitivityAnalysis& s, Language lang) {
    const auto* scenario = s.labels.any_scenario();
    const std::string name = scenario ? (scenario->label.empty() ? scenario->name : scenario->label.in(language_code(lang)))
                                      : s.labels.base().name;
    return fill(tr(lang, "sens.doc.heading"), {{"sweep", s.sweep.name.empty() ? s.sweep.dir.filename().string() : s.sweep.name}, {"name", name}});
}

ReportModel sweep_report_model(const SensitivityAnalysis& s, Language lang) {
    ReportModel m;
    m.language = lang;
    m.command = "sweep";
    m.title = tr(lang, "doc.title");
    m.heading = sweep_report_heading(s, lang);
    m.headings = {tr(lang, "sec.summary"), tr(lang, "sec.results"), tr(lang, "sens.table.intro"), tr(lang, "table.unit"),
                  tr(lang, "table.measure"), tr(lang, "sec.charts"), tr(lang, "charts.none")};
    for (std::size_t a = 0; a < s.alternatives.size(); ++a) {
        m.alternatives.push_back({alternative_label(s, lang, a), ""});
        m.results.alternatives.push_back(alternative_label(s, lang, a));
    }
    m.sensitivity = sensitivity_summary(s, lang);
    m.caveat = tr(lang, "sens.caveat");
    // The table: one row per metric, one column per alternative, each cell its range over the
    // alternative's points (no interval of a mean: the sweep's points are the spread).
    for (const auto& metric : s.metrics) {
        const Words w = words_for(s, lang, metric);
        ResultsTable::Row row{metric.section == "units" ? unit_name(s.labels, lang, metric.id.substr(0, metric.id.find(".by_class."))) : "",
                              w.label, {}, metric.key};
        for (const auto& sp : metric.spread) {
            ResultsTable::Cell cell;
            cell.text = range_cell(sp, w, lang);
            cell.scale = w.scale;
            row.cells.push_back(std::move(cell));
        }
        m.results.rows.push_back(std::move(row));
    }
    m.charts = tornado_charts(s, lang);
    return m;
}

Markup sweep_report_body(const SensitivityAnalysis& s, const ReportModel& model) {
    const Language lang = model.language;
    Markup cover = line(element("p", {{"class", "kicker"}}, model.title));
    cover += line(element("h1", model.heading));
    cover += line(element("p", {{"class", "meta"}},
                          fill(tr(lang, "sens.doc.meta"), {{"n", fmt::format("{}", s.sweep.points())}, {"date", utc_now_iso8601().substr(0, 10)}})));
    Markup main = summary_section(model);
    main += results_section(model);
    main += charts_section(model.charts, lang);
    // The parameters and their values, for a reviewer.
    Markup rows;
    for (std::size_t j = 0; j < s.sweep.parameters.size(); ++j) {
        std::string values;
        for (const auto& v : s.levels.of_parameter[j]) values += (values.empty() ? "" : ", ") + v;
        if (s.levels.of_parameter[j].size() > 12)
            values = fmt::format("{} \u2026 {} ({})", s.levels.of_parameter[j].front(), s.levels.of_parameter[j].back(),
                                 s.levels.of_parameter[j].size());
        Markup cells = element("td", parameter_phrase(s.labels, lang, s.sweep.parameters[j]));
        cells += element("td", {{"class", "value"}}, values);
        rows += line(element("tr", cells));
    }
    Markup head = element("th", tr(lang, "sens.axis.param"));
    head += element("th", tr(lang, "sens.values"));
    Markup parts = element("thead", element("tr", head));
    parts += element("tbody", line(Markup()) += rows);
    Markup appendix = line(element("h2", tr(lang, "sens.appendix")));
    appendix += line(element("p", tr(lang, s.grid ? "sens.method.grid" : "sens.method.sample")));
    appendix += line(element("table", parts));
    main += block("section", {{"id", "method"}, {"class", "appendix"}}, appendix);

    Markup out = block("header", {{"class", "cover"}}, cover);
    out += block("main", {}, main);
    return out;
}

}  // namespace kapsim::app::report
