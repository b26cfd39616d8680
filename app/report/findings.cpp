#include "app/report/findings.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include <fmt/format.h>

#include "models/unit_kinds.hpp"
#include "sim/calendar_clock.hpp"

namespace kapsim::app::report {
namespace {

constexpr double days_per_year = 365.25;

// --- Sentences built from templates whose blanks may hold numbers --------------------------

using Blanks = std::vector<std::pair<std::string_view, Sentence>>;

void append_text(Sentence& s, std::string_view text) {
    if (text.empty()) return;
    if (!s.empty() && !s.back().number) s.back().text += text;
    else s.push_back({std::string(text), std::nullopt});
}

void append(Sentence& s, const Sentence& more) {
    for (const auto& seg : more) {
        if (seg.number) s.push_back(seg);
        else append_text(s, seg.text);
    }
}

Sentence text(std::string t) { return {Segment{std::move(t), std::nullopt}}; }

Sentence number(const Number& n, Language lang) { return {Segment{format_number(n.shown(), n.decimals, lang), n}}; }

Sentence fill_sentence(std::string_view tmpl, const Blanks& blanks) {
    Sentence out;
    std::size_t i = 0;
    while (i < tmpl.size()) {
        const auto open = tmpl.find('{', i);
        if (open == std::string_view::npos) {
            append_text(out, tmpl.substr(i));
            break;
        }
        append_text(out, tmpl.substr(i, open - i));
        const auto close = tmpl.find('}', open);
        if (close == std::string_view::npos) throw std::invalid_argument("unclosed blank in " + std::string(tmpl));
        const auto name = tmpl.substr(open + 1, close - open - 1);
        const auto it = std::find_if(blanks.begin(), blanks.end(), [&](const auto& b) { return b.first == name; });
        if (it == blanks.end()) throw std::invalid_argument("no value for {" + std::string(name) + "} in " + std::string(tmpl));
        append(out, it->second);
        i = close + 1;
    }
    return out;
}

// --- Reading an estimate and where it came from ---------------------------------------------

struct Located {
    Figure figure;
    std::string source;  // file#pointer of the estimate's object; fields are appended
};

// The estimate of section.id.metric for variant v (an index into results.variants).
std::optional<Located> estimate(const ResultsBundle& r, std::size_t v, std::string_view section, std::string_view id,
                                std::string_view metric) {
    const nlohmann::json* node = nullptr;
    std::string source;
    if (r.command == "capacity") {
        const auto& point = r.capacity->points.at(v);
        const auto key = fmt::format("{}.{}.{}", section, id, metric);
        const auto it = point.metrics.find(key);
        if (it == point.metrics.end() || !it->second.defined()) return std::nullopt;
        return Located{it->second, fmt::format("capacity.csv#/{}/{}", point.capacity, pointer_token(key))};
    }
    if (r.command == "compare") {
        const auto& m = r.compare["metrics"];
        const std::string name = r.variants.at(v).name;
        const auto p = nlohmann::json::json_pointer(pointer({name, section, id, metric}));
        if (!m.contains(p)) return std::nullopt;
        node = &m.at(p);
        source = "compare.json#" + pointer({"metrics", name, section, id, metric});
    } else {
        const auto p = nlohmann::json::json_pointer(pointer({section, id, metric}));
        if (!r.variants.at(v).summary.contains(p)) return std::nullopt;
        node = &r.variants.at(v).summary.at(p);
        source = "summary.json#" + pointer({section, id, metric});
    }
    const Figure f = figure_from_json(*node);
    if (!f.defined()) return std::nullopt;
    return Located{f, source};
}

// The paired difference (variant minus base) from compare.json.
std::optional<Located> difference(const ResultsBundle& r, std::size_t v, std::string_view section, std::string_view id,
                                  std::string_view metric) {
    if (r.command != "compare") return std::nullopt;
    const std::string name = r.variants.at(v).name;
    const auto p = nlohmann::json::json_pointer(pointer({name, section, id, metric, "difference"}));
    if (!r.compare["metrics"].contains(p)) return std::nullopt;
    const Figure f = figure_from_json(r.compare["metrics"].at(p));
    if (!f.defined()) return std::nullopt;
    return Located{f, "compare.json#" + pointer({"metrics", name, section, id, metric, "difference"})};
}

// An interval narrower than rounding noise is no interval: the value is the same in every replication.
bool negligible_spread(const Figure& f) {
    return !(f.sd > 0) || f.ci_high - f.ci_low <= 1e-9 * std::max(1.0, std::abs(f.mean));
}

bool differs(const Figure& d) { return d.mean != 0 || !negligible_spread(d); }

// A difference whose interval lies wholly on one side of zero.
bool clearly_differs(const Figure& d) {
    return differs(d) && (negligible_spread(d) || (std::isfinite(d.ci_low) && std::isfinite(d.ci_high) && (d.ci_low > 0 || d.ci_high < 0)));
}

// --- Figures in words ---------------------------------------------------------------------

Sentence interval(Language lang, const Located& e, double scale, int decimals, bool negate = false) {
    const Figure& f = e.figure;
    if (!std::isfinite(f.ci_low) || !std::isfinite(f.ci_high)) return text(tr(lang, "ci.none"));
    if (negligible_spread(f)) return text(tr(lang, "ci.exact"));
    Number low{negate ? f.ci_high : f.ci_low, negate ? -scale : scale, decimals,
               e.source + (negate ? "/ci_high" : "/ci_low")};
    Number high{negate ? f.ci_low : f.ci_high, negate ? -scale : scale, decimals,
                e.source + (negate ? "/ci_low" : "/ci_high")};
    const bool has_sign = low.shown() < 0 || high.shown() < 0;
    return fill_sentence(tr(lang, has_sign ? "ci.signed" : "ci"), {{"low", number(low, lang)}, {"high", number(high, lang)}});
}

int decimals_of(const Figure& f, double scale, int minimum) {
    if (negligible_spread(f)) return decimals_for(f.mean * scale, 0, 0, minimum);
    return decimals_for(f.mean * scale, f.ci_low * scale, f.ci_high * scale, minimum);
}

Number mean_of(const Located& e, double scale, int decimals) { return {e.figure.mean, scale, decimals, e.source + "/mean"}; }

// "Det är 149 dagar färre (95 % KI 140–158)."
Sentence difference_sentence(Language lang, const Located& d, const Measure& m) {
    const Figure& f = d.figure;
    const int decimals = decimals_of(f, m.scale, m.min_decimals);
    const bool exact = negligible_spread(f);
    const bool unclear = !exact && std::isfinite(f.ci_low) && std::isfinite(f.ci_high) && f.ci_low <= 0 && f.ci_high >= 0;
    const Sentence unit_word = text(tr(lang, m.unit_word));
    if (unclear || !std::isfinite(f.ci_low))
        return fill_sentence(tr(lang, "diff.unclear"), {{"d", number(mean_of(d, m.scale, decimals), lang)},
                                                        {"unitword", unit_word},
                                                        {"ci", interval(lang, d, m.scale, decimals)}});
    const bool down = f.mean * m.scale < 0;
    const char* dir = m.direction == Direction::count ? "count" : m.direction == Direction::amount ? "amount" : "duration";
    const Number magnitude{f.mean, down ? -m.scale : m.scale, decimals, d.source + "/mean"};
    return fill_sentence(tr(lang, fmt::format("diff.{}.{}", dir, down ? "down" : "up")),
                         {{"d", number(magnitude, lang)},
                          {"unitword", unit_word},
                          {"ci", interval(lang, d, m.scale, decimals, down)}});
}

// --- What the alternatives are called in a sentence -----------------------------------------

struct Phrase {
    std::string lead;  // "Med 16 vårdplatser"
    std::string tail;  // "med 16 vårdplatser"
};

Phrase capacity_phrase(Language lang, const models::UnitKind* kind, std::size_t n) {
    const std::string word = capacity_word(lang, kind, n);
    const std::string count = format_number(static_cast<double>(n), 0, lang);
    return {fill(tr(lang, "lead.capacity"), {{"n", count}, {"capword", word}}),
            fill(tr(lang, "tail.capacity"), {{"n", count}, {"capword", word}})};
}

Phrase variant_phrase(Language lang, const std::string& name) {
    return {fill(tr(lang, "lead.variant"), {{"name", name}}), fill(tr(lang, "tail.variant"), {{"name", name}})};
}

// Each variant's phrase for a unit: by its capacity when every variant's is known and they
// all differ, else by the variant's name.
std::vector<Phrase> phrases_for(const ResultsBundle& r, Language lang, std::string_view unit, const models::UnitKind* kind) {
    std::vector<Phrase> out;
    if (r.command == "capacity") {
        for (const auto& p : r.capacity->points) out.push_back(capacity_phrase(lang, kind, p.capacity));
        return out;
    }
    std::vector<std::size_t> caps;
    for (const auto& v : r.variants) {
        const auto c = v.scenario ? unit_capacity(*v.scenario, unit) : std::nullopt;
        if (!c) break;
        caps.push_back(*c);
    }
    const bool by_capacity =
        caps.size() == r.variants.size() && std::set<std::size_t>(caps.begin(), caps.end()).size() == caps.size();
    for (std::size_t i = 0; i < r.variants.size(); ++i) {
        if (by_capacity) out.push_back(capacity_phrase(lang, kind, caps[i]));
        else if (r.command == "run")
            out.push_back({fill(tr(lang, "lead.scenario"), {{"name", alternative_name(r, lang, i)}}), ""});
        else
            out.push_back(variant_phrase(lang, alternative_name(r, lang, i)));
    }
    return out;
}

std::vector<std::string> payer_ids(const ResultsBundle& r) {
    std::vector<std::string> ids{"total"};
    if (r.command == "capacity") {
        for (const auto& key : r.capacity->metric_order)
            if (key.rfind("payers.", 0) == 0) {
                const auto id = key.substr(7, key.find('.', 7) - 7);
                if (id != "total") ids.push_back(id);
            }
        sort_payers(ids);
        return ids;
    }
    // Every alternative's payers: a variant may bring a cost, and a payer, the base does not have.
    for (const auto& v : r.variants) {
        const auto& payers = v.summary.value("payers", nlohmann::json::object());
        for (const auto& [id, _] : payers.items())
            if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
    }
    sort_payers(ids);
    return ids;
}

// The value sentence of one measure for variant v, with a comparison against variant `against`.
Sentence value_sentence(const ResultsBundle& r, Language lang, const Measure& m, std::string_view sentence_key,
                        const Blanks& extra, const std::vector<Phrase>& phrases, std::size_t v,
                        std::optional<std::size_t> against, std::string_view section, std::string_view id,
                        std::string_view metric) {
    const auto e = estimate(r, v, section, id, metric);
    const int decimals = decimals_of(e->figure, m.scale, m.min_decimals);
    // The report's own sentence names the unit of its value; the generic one adds it: "12 per år".
    const auto valued = [&](Sentence n) {
        if (!m.generic()) return n;
        return fill_sentence(tr(lang, fmt::format("vu.{}", unit_key(m.spec.unit))), {{"n", std::move(n)}});
    };
    const std::string& versus = tr(lang, m.generic() ? "vs.generic" : m.versus);
    Sentence vs;
    if (against) {
        if (const auto b = estimate(r, *against, section, id, metric)) {
            const int bd = decimals_of(b->figure, m.scale, m.min_decimals);
            vs = fill_sentence(versus, {{"value", valued(number(mean_of(*b, m.scale, bd), lang))}, {"tail", text(phrases[*against].tail)}});
        } else if (section == "payers") {
            // A payer only the variant has (a cost the variant brings) pays nothing in the base.
            vs = fill_sentence(versus, {{"value", valued(text(format_number(0, 0, lang)))}, {"tail", text(phrases[*against].tail)}});
        }
    }
    Blanks blanks{{"lead", text(phrases[v].lead)},
                  {"value", valued(number(mean_of(*e, m.scale, decimals), lang))},
                  {"ci", interval(lang, *e, m.scale, decimals)},
                  {"vs", vs},
                  {"label", text(lang == Language::sv ? m.spec.label_sv : m.spec.label_en)}};
    blanks.insert(blanks.end(), extra.begin(), extra.end());
    return fill_sentence(tr(lang, m.generic() ? std::string("f.generic") : std::string(sentence_key)), blanks);
}

// Costs are told by the report's own sentences, per payer and in total.
Measure cost_measure() {
    Measure m = measure_for({"cost_per_year", models::MetricRole::cost, models::MetricUnit::kronor_per_year, "cost", "kostnad"}, false);
    m.sentence = "f.cost.payer";
    m.versus = "vs.cost";
    return m;
}

std::string years_text(const ResultsBundle& r, Language lang) {
    const auto& s = r.base().summary.value("scenario", nlohmann::json::object());
    const double days = s.value("run_length_days", 0.0);
    const double years = days / days_per_year;
    return format_number(years, std::abs(years - std::round(years)) < 0.05 ? 0 : 1, lang);
}

std::size_t replications_of(const ResultsBundle& r) {
    if (r.command == "compare") return r.compare.value("replications", std::size_t{0});
    const auto& s = r.base().summary;
    if (s.contains("replications") && s["replications"].is_number()) return s["replications"].get<std::size_t>();
    if (s.contains("scenario") && s["scenario"].contains("replications") && s["scenario"]["replications"].is_number())
        return s["scenario"]["replications"].get<std::size_t>();
    return 0;
}

}  // namespace

// --- Shared words ---------------------------------------------------------------------------

std::string pointer_token(std::string_view s) {
    std::string out;
    for (char c : s) {
        if (c == '~') out += "~0";
        else if (c == '/') out += "~1";
        else out += c;
    }
    return out;
}

std::string pointer(std::initializer_list<std::string_view> parts) {
    std::string p;
    for (auto part : parts) {
        p += '/';
        p += pointer_token(part);
    }
    return p;
}

std::string fill(std::string_view tmpl, const std::vector<std::pair<std::string_view, std::string>>& blanks) {
    Blanks b;
    for (const auto& [name, value] : blanks) b.emplace_back(name, text(value));
    return plain_text(fill_sentence(tmpl, b));
}

std::string plain_text(const Sentence& sentence) {
    std::string out;
    for (const auto& s : sentence) out += s.text;
    return out;
}

std::string join_list(Language lang, const std::vector<std::string>& items) {
    std::string out;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) out += i + 1 == items.size() ? " " + tr(lang, "list.and") + " " : ", ";
        out += items[i];
    }
    return out;
}

std::string payer_name(Language lang, std::string_view payer) {
    const auto key = fmt::format("payer.{}", payer);
    if (has_translation(key)) return tr(lang, key);
    std::string name(payer);
    if (!name.empty() && name[0] >= 'a' && name[0] <= 'z') name[0] = static_cast<char>(name[0] - 'a' + 'A');
    return name;
}

void sort_payers(std::vector<std::string>& payers) {
    static const std::vector<std::string_view> first{"total", "region", "police", "state", "municipalities"};
    const auto rank = [](const std::string& p) { return std::find(first.begin(), first.end(), p) - first.begin(); };
    std::stable_sort(payers.begin(), payers.end(), [&](const std::string& a, const std::string& b) {
        return rank(a) != rank(b) ? rank(a) < rank(b) : a < b;
    });
}

std::string payer_label(Language lang, std::string_view payer) {
    const auto key = fmt::format("payer_label.{}", payer);
    return has_translation(key) ? tr(lang, key) : payer_name(lang, payer);
}

std::optional<std::size_t> unit_capacity(const models::Scenario& scenario, std::string_view unit) {
    for (const auto& u : scenario.units) {
        if (u.id != unit) continue;
        const auto* kind = models::find_unit_kind(u.kind);
        if (!kind || !kind->capacity) return std::nullopt;
        const auto view = kind->capacity(u.parameters);
        if (!view || view->places >= 1000000) return std::nullopt;
        return view->places;
    }
    return std::nullopt;
}

// --- The findings ---------------------------------------------------------------------------

namespace {

// Whether people the unit turns away in variant v (a capacity curve's points share one
// scenario's routes) have no overflow route and leave the model.
bool leaves_model(const ResultsBundle& r, std::size_t v, std::string_view unit) {
    if (r.variants.empty()) return false;
    const auto& scenario = r.variants[std::min(v, r.variants.size() - 1)].scenario;
    if (!scenario) return false;
    for (const auto& lost : models::turned_away_without_route(*scenario))
        if (scenario->units[lost.unit].id == unit) return true;
    return false;
}

// Where those the unit cannot take are sent, by the scenario's overflow routes: the units'
// names in the report's words, "or leave the model" where some share of a route goes out.
std::string sent_on_to(const ResultsBundle& r, Language lang, std::size_t v, std::string_view unit) {
    if (r.variants.empty()) return {};
    const auto& scenario = r.variants[std::min(v, r.variants.size() - 1)].scenario;
    if (!scenario) return {};
    std::vector<std::string> to;
    bool out = false;
    for (std::size_t u = 0; u < scenario->units.size(); ++u) {
        if (scenario->units[u].id != unit) continue;
        for (std::size_t c = 0; c < scenario->classes.size(); ++c)
            for (const models::Destination d : scenario->route_overflow(u, c).to) {
                if (d == models::leaves_system) {
                    out = true;
                    continue;
                }
                const std::string name = unit_name(r, lang, scenario->units[d].id);
                if (std::find(to.begin(), to.end(), name) == to.end()) to.push_back(name);
            }
    }
    if (to.empty()) return {};
    std::string text = join_list(lang, to);
    if (out) text += " " + tr(lang, "list.or_leave_model");
    return text;
}

}  // namespace

Findings key_findings(const ResultsBundle& r, Language lang, bool refined) {
    Findings out;
    const std::size_t reps = replications_of(r);
    const std::string reps_text = format_number(static_cast<double>(reps), 0, lang);
    const std::vector<std::string> names = alternative_names(r, lang);

    if (r.command == "compare") {
        out.intro.push_back(fill(tr(lang, "summary.intro.compare"),
                                 {{"names", join_list(lang, names)}, {"reps", reps_text}, {"years", years_text(r, lang)}}));
    } else if (r.command == "capacity") {
        const auto& c = *r.capacity;
        out.intro.push_back(fill(
            tr(lang, "summary.intro.capacity"),
            {{"unit", [&] {
                  auto label = unit_name(r, lang, c.unit);
                  if (!label.empty()) label[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(label[0])));
                  return label;
              }()},
             {"first", format_number(static_cast<double>(c.points.front().capacity), 0, lang)},
             {"last", format_number(static_cast<double>(c.points.back().capacity), 0, lang)},
             {"capword", capacity_word(lang, kind_of(r, c.unit), c.points.back().capacity)},
             {"reps", format_number(static_cast<double>(c.points.front().metrics.begin()->second.n), 0, lang)}}));
    } else {
        out.intro.push_back(fill(tr(lang, "summary.intro.run"),
                                 {{"name", names.front()}, {"reps", reps_text}, {"years", years_text(r, lang)}}));
    }
    out.intro.push_back(tr(lang, "summary.ci_explained"));

    const auto ids = units_in_report_order(r);
    // Which variant each sentence is about, and which it is compared with.
    std::vector<std::pair<std::size_t, std::optional<std::size_t>>> pairs;
    if (r.command == "compare")
        for (std::size_t v = 1; v < r.variants.size(); ++v) pairs.emplace_back(v, 0);
    else if (r.command == "capacity")
        pairs.emplace_back(r.variants.size() - 1, r.variants.size() > 1 ? std::optional<std::size_t>(0) : std::nullopt);
    else
        pairs.emplace_back(0, std::nullopt);

    // The unit whose capacity the alternatives differ in names the alternatives ("Med 16
    // vårdplatser") also in the sentences on costs and on units whose own capacity is the same
    // in every alternative, so that all sentences speak of the decision the same way.
    std::optional<std::vector<Phrase>> decisive;
    std::vector<std::vector<Phrase>> unit_phrases;
    std::vector<std::vector<Measure>> unit_findings;
    for (const auto& id : ids) {
        // A comparison also tells admissions and drop-outs from a list, where they clearly change.
        unit_findings.push_back(refined && r.command == "compare" ? table_measures(r, id) : finding_measures(r, id, refined));
        unit_phrases.push_back(phrases_for(r, lang, id, kind_of(r, id)));
        const auto& p = unit_phrases.back();
        if (!decisive && r.command != "run" && !p.empty() && p[0].lead != variant_phrase(lang, names[0]).lead)
            decisive = p;
    }
    for (const auto& [v, against] : pairs) {
        FindingGroup group;
        if (r.command == "compare" && r.variants.size() > 2)
            group.heading = fill(tr(lang, "summary.versus"), {{"variant", names[v]}, {"base", names[0]}});
        for (std::size_t u = 0; u < ids.size(); ++u) {
            const std::string& id = ids[u];
            const bool by_name = unit_phrases[u].empty() || unit_phrases[u][0].lead == variant_phrase(lang, names[0]).lead;
            const auto& phrases = by_name && decisive ? *decisive : unit_phrases[u];
            const std::string label = unit_name(r, lang, id);
            for (const auto& m : unit_findings[u]) {
                const auto e = estimate(r, v, "units", id, m.metric());
                if (!e) continue;
                const auto d = difference(r, v, "units", id, m.metric());
                if (r.command == "compare" && (!d || !differs(d->figure))) continue;
                if (m.spec.finding == 0 && (!d || !clearly_differs(d->figure))) continue;
                // Nothing to tell: zero in every simulation (for example no one turned away from a queue).
                if (r.command != "compare" && e->figure.mean == 0 && !(e->figure.sd > 0)) {
                    if (!against) continue;
                    const auto b = estimate(r, *against, "units", id, m.metric());
                    if (!b || (b->figure.mean == 0 && !(b->figure.sd > 0))) continue;
                }
                // Those turned away with no route onward leave the model, and the sentence says so;
                // those with one are sent on, and the sentence says where.
                std::string sentence = m.sentence;
                const std::string onward = m.spec.role == models::MetricRole::turned_away ? sent_on_to(r, lang, v, id) : "";
                if (m.spec.role == models::MetricRole::turned_away && leaves_model(r, v, id) &&
                    has_translation(sentence + ".left_model"))
                    sentence += ".left_model";
                else if (!onward.empty() && has_translation(sentence + ".onward"))
                    sentence += ".onward";
                Sentence s = value_sentence(r, lang, m, sentence, {{"unit", text(label)}, {"to", text(onward)}}, phrases,
                                            v, against, "units", id, m.metric());
                if (d) {
                    append_text(s, " ");
                    append(s, difference_sentence(lang, *d, m));
                }
                group.sentences.push_back(std::move(s));
            }
        }
        out.groups.push_back(std::move(group));
    }

    // Costs per payer, the total first.
    FindingGroup costs{tr(lang, "summary.costs"), {}};
    const Measure cost = cost_measure();
    // In a comparison, spending no alternative changes is told once, in words, and left out of
    // what follows: a decision on 3 beds is not about 65 Mkr of unchanged placements.
    if (r.command == "compare") {
        std::vector<std::string> same;
        double amount = 0;
        for (const auto& id : ids) {
            const auto b = estimate(r, 0, "units", id, "cost_per_year");
            if (!b || !(b->figure.mean > 0)) continue;
            bool changes = false;
            for (std::size_t v = 1; v < r.variants.size(); ++v) {
                const auto d = difference(r, v, "units", id, "cost_per_year");
                changes = changes || !d || differs(d->figure);
            }
            if (changes) continue;
            same.push_back(unit_name(r, lang, id));
            amount += b->figure.mean;
        }
        if (!same.empty())
            costs.sentences.push_back(fill_sentence(
                tr(lang, same.size() == 1 ? "f.cost.unchanged.one" : "f.cost.unchanged"),
                {{"units", text(join_list(lang, same))},
                 // A sum over units, written nowhere in the results as one value: plain text.
                 {"value", text(format_number(amount * 1e-6, decimals_for(amount * 1e-6, 0, 0, 1), lang))}}));
    }
    for (const auto& [v, against] : pairs) {
        std::vector<Phrase> phrases;
        if (decisive) phrases = *decisive;
        else
            for (const auto& name : names)
                phrases.push_back(r.command == "run" ? Phrase{fill(tr(lang, "lead.scenario"), {{"name", name}}), ""}
                                                     : variant_phrase(lang, name));
        for (const auto& payer : payer_ids(r)) {
            const auto e = estimate(r, v, "payers", payer, "cost_per_year");
            if (!e) continue;
            const auto d = difference(r, v, "payers", payer, "cost_per_year");
            // A payer the base does not have: the scenario costs only what the variant adds (the
            // staff added, not today's ward), so the figure is an added cost, never "against 0".
            const bool new_payer = r.command == "compare" && !d && !estimate(r, 0, "payers", payer, "cost_per_year");
            if (r.command == "compare" && !new_payer && (!d || !differs(d->figure))) continue;
            if (r.command != "compare" && payer != "total" && e->figure.mean == 0) continue;
            // Along a capacity curve, a payer whose cost does not move with the capacity says nothing.
            if (r.command == "capacity" && payer != "total" && against) {
                const auto b = estimate(r, *against, "payers", payer, "cost_per_year");
                if (b && b->figure.mean == e->figure.mean) continue;
            }
            const bool total = payer == "total";
            if (new_payer) {
                const int decimals = decimals_of(e->figure, cost.scale, cost.min_decimals);
                costs.sentences.push_back(fill_sentence(
                    tr(lang, "f.cost.added"),
                    {{"lead", text(phrases[v].lead)},
                     {"payer", text(payer_name(lang, payer))},
                     {"value", number(mean_of(*e, cost.scale, decimals), lang)},
                     {"ci", interval(lang, *e, cost.scale, decimals)},
                     {"tail", text(against ? phrases[*against].tail : "")}}));
                continue;
            }
            if (r.command == "compare" && total && d) {
                // The total changes by the difference; its level holds the unchanged spending.
                Sentence s = fill_sentence(tr(lang, "f.cost.total.change"), {{"lead", text(phrases[v].lead)}, {"tail", text(phrases[0].tail)}});
                append_text(s, " ");
                append(s, difference_sentence(lang, *d, cost));
                costs.sentences.push_back(std::move(s));
                continue;
            }
            Sentence s = value_sentence(r, lang, cost, total ? "f.cost.total" : "f.cost.payer",
                                        {{"payer", text(payer_name(lang, payer))}}, phrases, v, against, "payers", payer,
                                        "cost_per_year");
            if (d) {
                append_text(s, " ");
                append(s, difference_sentence(lang, *d, cost));
            }
            costs.sentences.push_back(std::move(s));
        }
    }
    if (!costs.sentences.empty()) out.groups.push_back(std::move(costs));

    const bool any = std::any_of(out.groups.begin(), out.groups.end(), [](const auto& g) { return !g.sentences.empty(); });
    if (!any) out.intro.push_back(tr(lang, "summary.none"));
    out.intro.push_back(tr(lang, "summary.caveat"));
    return out;
}

}  // namespace kapsim::app::report
