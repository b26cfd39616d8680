#include "app/report/charts.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "app/report/findings.hpp"
#include "app/report/results_table.hpp"

namespace kapsim::app::report {
namespace {

using json = nlohmann::json;

constexpr int chart_width = 560;

json value(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

json base_spec() {
    return {{"$schema", "https://vega.github.io/schema/vega-lite/v6.json"},
            {"width", chart_width},
            {"config",
             {{"font", "Helvetica, Arial, 'DejaVu Sans', sans-serif"},
              {"view", {{"stroke", nullptr}}},
              // Labels that would touch are thinned out rather than drawn into each other ("240260").
              {"axis", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"titleFontWeight", "normal"}, {"labelOverlap", "greedy"},
                        {"labelSeparation", 6}, {"labelFlush", true}}},
              {"legend", {{"labelFontSize", 11}, {"titleFontSize", 12}, {"orient", "bottom"}, {"symbolOpacity", 1}}},
              {"title", {{"fontSize", 13}, {"anchor", "start"}, {"fontWeight", "normal"}}}}}};
}

std::string d3_format(int decimals) { return fmt::format(",.{}f", std::clamp(decimals, 0, 3)); }

// The same colour for an alternative in every chart.
json variant_color(const std::vector<std::string>& names, Language lang, bool legend) {
    json c = {{"field", "variant"},
              {"type", "nominal"},
              {"sort", names},
              {"scale", {{"domain", names}, {"scheme", "tableau10"}}},
              {"title", tr(lang, "axis.alternative")}};
    if (!legend) c["legend"] = nullptr;
    return c;
}

// The alternatives as the report names them; the charts' data carry these names.
std::vector<std::string> variant_names(const ResultsBundle& r, Language lang) { return alternative_names(r, lang); }

Figure summary_figure(const VariantResults& v, const std::string& section, const std::string& id, std::string_view metric) {
    const auto p = json::json_pointer(pointer({section, id, metric}));
    return v.summary.contains(p) ? figure_from_json(v.summary.at(p)) : figure_from_json(json());
}

// The metric that says how many places a unit has in use, whatever its kind calls it.
std::string occupancy_metric(const ResultsBundle& r, std::string_view unit) {
    for (const auto& spec : unit_metrics(r, unit))
        if (spec.role == models::MetricRole::occupancy) return spec.id;
    return "";
}

bool any_difference(const ResultsBundle& r, const std::string& section, const std::string& id, std::string_view metric) {
    if (r.command != "compare") return true;
    for (std::size_t v = 1; v < r.variants.size(); ++v) {
        const auto p = json::json_pointer(pointer({r.variants[v].name, section, id, metric, "difference"}));
        if (!r.compare["metrics"].contains(p)) continue;
        const auto d = figure_from_json(r.compare["metrics"].at(p));
        if (d.defined() && (d.mean != 0 || (std::isfinite(d.sd) && d.sd > 0))) return true;
    }
    return false;
}

// A dot with its interval for each alternative: one panel per measure.
json comparison_panel(const ResultsBundle& r, Language lang, const std::string& section, const std::string& id,
                      std::string_view metric, double scale, int min_decimals, const std::string& label) {
    json rows = json::array();
    double largest = 0;
    for (std::size_t i = 0; i < r.variants.size(); ++i) {
        const auto f = summary_figure(r.variants[i], section, id, metric);
        if (!f.defined()) continue;
        // The label as the sentences write it, with the same decimals.
        const int decimals = decimals_for(f.mean * scale, f.ci_low * scale, f.ci_high * scale, min_decimals);
        rows.push_back({{"variant", alternative_name(r, lang, i)}, {"mean", f.mean * scale}, {"ci_low", value(f.ci_low * scale)},
                        {"ci_high", value(f.ci_high * scale)}, {"label", format_number(f.mean * scale, decimals, lang)}});
        largest = std::max(largest, std::abs(f.mean * scale));
    }
    const std::string format = d3_format(decimals_for(largest, 0, 0, min_decimals));
    const json y = {{"field", "variant"}, {"type", "nominal"}, {"sort", variant_names(r, lang)}, {"title", nullptr}};
    const json x_title = nullptr;  // the panel's title names the measure
    return {{"title", label},
            {"width", chart_width - 140},
            {"height", {{"step", 30}}},
            {"data", {{"values", rows}}},
            {"layer",
             json::array(
                 {{{"mark", {{"type", "rule"}, {"strokeWidth", 2}}},
                   {"encoding",
                    {{"y", y},
                     {"x", {{"field", "ci_low"}, {"type", "quantitative"}, {"title", x_title}, {"scale", {{"zero", true}}},
                            {"axis", {{"format", format}, {"tickCount", 5}}}}},
                     {"x2", {{"field", "ci_high"}}},
                     {"color", variant_color(variant_names(r, lang), lang, false)}}}},
                  {{"mark", {{"type", "point"}, {"filled", true}, {"size", 90}, {"opacity", 1}}},
                   {"encoding",
                    {{"y", y},
                     {"x", {{"field", "mean"}, {"type", "quantitative"}}},
                     {"color", variant_color(variant_names(r, lang), lang, false)},
                     {"tooltip",
                      json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                   {{"field", "mean"}, {"format", format}, {"title", label}},
                                   {{"field", "ci_low"}, {"format", format}},
                                   {{"field", "ci_high"}, {"format", format}}})}}}},
                  {{"mark", {{"type", "text"}, {"align", "left"}, {"dx", 8}, {"dy", -11}, {"fontSize", 11}}},
                   {"encoding",
                    {{"y", y},
                     {"x", {{"field", "mean"}, {"type", "quantitative"}}},
                     {"text", {{"field", "label"}, {"type", "nominal"}}}}}}})}};
}

std::optional<std::size_t> capacity_of(const VariantResults& v, const std::string& unit) {
    return v.scenario ? unit_capacity(*v.scenario, unit) : std::nullopt;
}

// The capacity as a dashed line, per alternative.
json capacity_rules(const ResultsBundle& r, Language lang, const std::string& unit, const char* axis, double offset,
                    bool legend) {
    json rows = json::array();
    for (std::size_t i = 0; i < r.variants.size(); ++i)
        if (const auto c = capacity_of(r.variants[i], unit))
            rows.push_back({{"variant", alternative_name(r, lang, i)}, {"capacity", static_cast<double>(*c) + offset}});
    if (rows.empty()) return nullptr;
    return {{"data", {{"values", rows}}},
            {"mark", {{"type", "rule"}, {"strokeDash", json::array({6, 4})}, {"strokeWidth", 1.5}}},
            {"encoding",
             {{axis, {{"field", "capacity"}, {"type", "quantitative"}}},
              {"color", variant_color(variant_names(r, lang), lang, legend)},
              {"tooltip", json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                       {{"field", "capacity"}, {"title", tr(lang, "legend.capacity")}}})}}}};
}

json month_chart(const ResultsBundle& r, Language lang, const std::string& unit) {
    json rows = json::array();
    std::vector<std::string> months;
    for (int m = 1; m <= 12; ++m) months.push_back(tr(lang, fmt::format("month.{}", m)));
    for (std::size_t i = 0; i < r.variants.size(); ++i) {
        const auto& by_month = r.variants[i].summary["units"][unit]["occupancy_by_month"];
        for (std::size_t m = 0; m < by_month.size() && m < 12; ++m) {
            const auto f = figure_from_json(by_month[m]);
            if (!f.defined()) continue;
            rows.push_back({{"variant", alternative_name(r, lang, i)}, {"month", months[m]}, {"mean", f.mean}, {"ci_low", value(f.ci_low)},
                            {"ci_high", value(f.ci_high)}});
        }
    }
    const json x = {{"field", "month"}, {"type", "ordinal"}, {"sort", months}, {"title", tr(lang, "axis.month")},
                    {"axis", {{"labelAngle", 0}}}};
    const bool legend = r.variants.size() > 1;
    json layers = json::array(
        {{{"mark", {{"type", "area"}, {"opacity", 0.18}}},
          {"encoding",
           {{"x", x},
            {"y", {{"field", "ci_low"}, {"type", "quantitative"}, {"title", tr(lang, "axis.places_in_use")},
                   {"scale", {{"zero", true}}}}},
            {"y2", {{"field", "ci_high"}}},
            {"color", variant_color(variant_names(r, lang), lang, legend)}}}},
         {{"mark", {{"type", "line"}, {"point", true}, {"strokeWidth", 2}}},
          {"encoding",
           {{"x", x},
            {"y", {{"field", "mean"}, {"type", "quantitative"}}},
            {"color", variant_color(variant_names(r, lang), lang, legend)},
            {"tooltip", json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                     {{"field", "month"}, {"title", tr(lang, "axis.month")}},
                                     {{"field", "mean"}, {"format", ",.1f"}, {"title", tr(lang, "axis.places_in_use")}},
                                     {{"field", "ci_low"}, {"format", ",.1f"}},
                                     {{"field", "ci_high"}, {"format", ",.1f"}}})}}}}});
    const json rules = capacity_rules(r, lang, unit, "y", 0, legend);
    if (!rules.is_null()) layers.push_back(rules);
    json spec = base_spec();
    spec["height"] = 240;
    spec["data"] = {{"values", rows}};
    spec["layer"] = layers;
    return spec;
}

constexpr double min_days_of_a_charted_year = 30;

// One measure through the calendar years of a run longer than a year: the mean of each year
// as a line, the 95 % interval of that mean as a short bar, and the spread of the replications
// as a fan (the darker band holds the middle 50 %, the lighter 90 %). One colour per alternative.
json through_time_panel(const ResultsBundle& r, Language lang, const std::string& unit, const Measure& m,
                        const std::string& label) {
    json rows = json::array();
    double largest = 0;
    for (std::size_t i = 0; i < r.variants.size(); ++i) {
        const auto p = json::json_pointer(pointer({"units", unit, m.metric(), "by_year"}));
        if (!r.variants[i].summary.contains(p)) continue;
        for (const auto& y : r.variants[i].summary.at(p)) {
            const auto f = figure_from_json(y);
            // A year seen for only days (the hours a run of "6y" reaches into its seventh) says
            // nothing a year's figure could, and would stretch the axis: the files keep it.
            const double days = y.contains("days") && y["days"].is_number() ? y["days"].get<double>() : 0.0;
            if (!f.defined() || days < min_days_of_a_charted_year) continue;
            const auto scaled = [&](const char* field) {
                const json& v = y.value(field, json());
                return v.is_number() ? json(v.get<double>() * m.scale) : json(nullptr);
            };
            rows.push_back({{"variant", alternative_name(r, lang, i)}, {"year", y.at("year")}, {"days", days},
                            {"mean", f.mean * m.scale}, {"ci_low", value(f.ci_low * m.scale)},
                            {"ci_high", value(f.ci_high * m.scale)}, {"p05", scaled("p05")}, {"p25", scaled("p25")},
                            {"p75", scaled("p75")}, {"p95", scaled("p95")}});
            for (const char* field : {"p95", "ci_high"})
                if (rows.back()[field].is_number()) largest = std::max(largest, std::abs(rows.back()[field].get<double>()));
        }
    }
    const std::string format = d3_format(decimals_for(largest, 0, 0, m.min_decimals));
    // Years as the integers they are: no thousands separator ("2 022") and no half years.
    const json x = {{"field", "year"},
                    {"type", "quantitative"},
                    {"title", tr(lang, "axis.year")},
                    {"scale", {{"zero", false}, {"nice", false}}},
                    {"axis", {{"format", "d"}, {"tickMinStep", 1}, {"labelAngle", 0}}}};
    const bool legend = r.variants.size() > 1;
    const auto color = [&] { return variant_color(variant_names(r, lang), lang, legend); };
    const auto band = [&](const char* low, const char* high, double opacity) -> json {
        return {{"mark", {{"type", "area"}, {"opacity", opacity}}},
                {"encoding",
                 {{"x", x},
                  {"y", {{"field", low}, {"type", "quantitative"}, {"title", nullptr}, {"scale", {{"zero", true}}},
                         {"axis", {{"format", format}, {"tickCount", 5}}}}},
                  {"y2", {{"field", high}}},
                  {"color", color()}}}};
    };
    json layers = json::array(
        {band("p05", "p95", 0.12), band("p25", "p75", 0.25),
         {{"mark", {{"type", "rule"}, {"strokeWidth", 3}}},
          {"encoding", {{"x", x}, {"y", {{"field", "ci_low"}, {"type", "quantitative"}}}, {"y2", {{"field", "ci_high"}}},
                        {"color", color()}}}},
         {{"mark", {{"type", "line"}, {"point", true}, {"strokeWidth", 2}}},
          {"encoding",
           {{"x", x},
            {"y", {{"field", "mean"}, {"type", "quantitative"}}},
            {"color", color()},
            {"tooltip", json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                     {{"field", "year"}, {"title", tr(lang, "axis.year")}},
                                     {{"field", "days"}, {"format", ",.0f"}, {"title", tr(lang, "axis.days_observed")}},
                                     {{"field", "mean"}, {"format", format}, {"title", label}},
                                     {{"field", "ci_low"}, {"format", format}},
                                     {{"field", "ci_high"}, {"format", format}},
                                     {{"field", "p05"}, {"format", format}},
                                     {{"field", "p95"}, {"format", format}}})}}}}});
    return {{"title", label}, {"width", chart_width - 60}, {"height", 150}, {"data", {{"values", rows}}}, {"layer", layers}};
}

// The measures a unit is followed through the years by: how many it has in use, then its findings.
std::vector<Measure> through_time_measures(const ResultsBundle& r, const std::string& unit) {
    std::vector<Measure> measures;
    for (const auto& spec : unit_metrics(r, unit))
        if (spec.role == models::MetricRole::occupancy) {
            measures.push_back(measure_for(spec));
            break;
        }
    for (auto& m : finding_measures(r, unit))
        if (std::none_of(measures.begin(), measures.end(), [&](const Measure& o) { return o.metric() == m.metric(); }))
            measures.push_back(std::move(m));
    return measures;
}

// Bars of the share of time at each occupancy level, side by side per alternative, drawn as
// rectangles on a number line so the capacity line falls exactly between levels.
json distribution_chart(const ResultsBundle& r, Language lang, const std::string& unit) {
    // The levels that hold any time worth seeing (0.05 % of it), and the capacity.
    std::size_t levels = 0, first = std::numeric_limits<std::size_t>::max();
    for (const auto& v : r.variants) {
        const auto& shares = v.summary["units"][unit]["occupancy_distribution"];
        for (std::size_t k = 0; k < shares.size(); ++k)
            if (shares[k].is_number() && shares[k].get<double>() >= 0.0005) {
                levels = std::max(levels, k + 1);
                first = std::min(first, k);
            }
        if (const auto c = capacity_of(v, unit)) first = std::min(first, *c);
    }
    if (first > levels) first = 0;
    json rows = json::array();
    const double n = static_cast<double>(r.variants.size());
    for (std::size_t i = 0; i < r.variants.size(); ++i) {
        const auto& shares = r.variants[i].summary["units"][unit]["occupancy_distribution"];
        for (std::size_t k = first; k < levels && k < shares.size(); ++k) {
            if (!shares[k].is_number()) continue;
            const double left = static_cast<double>(k) - 0.45 + 0.9 * static_cast<double>(i) / n;
            rows.push_back({{"variant", alternative_name(r, lang, i)}, {"level", k}, {"x", left}, {"x2", left + 0.9 / n},
                            {"share", 100 * shares[k].get<double>()}});
        }
    }
    json layers = json::array(
        {{{"mark", {{"type", "rect"}}},
          {"encoding",
           {{"x", {{"field", "x"}, {"type", "quantitative"}, {"title", tr(lang, "axis.level")},
                   {"scale", {{"domain", json::array({static_cast<double>(first) - 0.6, static_cast<double>(levels) - 0.4})},
                              {"nice", false}, {"zero", false}}},
                   {"axis", {{"format", "d"}, {"tickMinStep", 1}}}}},
            {"x2", {{"field", "x2"}}},
            {"y", {{"field", "share"}, {"type", "quantitative"}, {"title", tr(lang, "axis.share_time")}}},
            {"color", variant_color(variant_names(r, lang), lang, r.variants.size() > 1)},
            {"tooltip", json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                     {{"field", "level"}, {"title", tr(lang, "axis.level")}},
                                     {{"field", "share"}, {"format", ",.2f"}, {"title", tr(lang, "axis.share_time")}}})}}}}});
    // More patients than places: the levels beyond the capacity, so the line sits just past it.
    const json rules = capacity_rules(r, lang, unit, "x", 0.5, r.variants.size() > 1);
    if (!rules.is_null()) layers.push_back(rules);
    json spec = base_spec();
    spec["height"] = 220;
    spec["data"] = {{"values", rows}};
    spec["layer"] = layers;
    return spec;
}

json cost_chart(const ResultsBundle& r, Language lang) {
    json rows = json::array();
    // Every payer of any alternative (a variant may bring a cost the base does not have), but
    // not one that pays nothing in all of them.
    std::vector<std::string> payers{"total"};
    for (const auto& v : r.variants) {
        const json of_variant = v.summary.value("payers", json::object());
        for (const auto& [id, _] : of_variant.items()) {
            if (std::find(payers.begin(), payers.end(), id) != payers.end()) continue;
            // Names its captured binding: clang 14 cannot capture structured bindings implicitly.
            const bool pays = std::any_of(r.variants.begin(), r.variants.end(), [&, &id = id](const VariantResults& w) {
                const auto f = summary_figure(w, "payers", id, "cost_per_year");
                return f.defined() && f.mean != 0;
            });
            if (pays) payers.push_back(id);
        }
    }
    sort_payers(payers);
    std::vector<std::string> labels;
    for (const auto& p : payers) labels.push_back(payer_label(lang, p));
    double largest = 0;
    for (std::size_t i = 0; i < r.variants.size(); ++i)
        for (std::size_t p = 0; p < payers.size(); ++p) {
            const auto f = summary_figure(r.variants[i], "payers", payers[p], "cost_per_year");
            if (!f.defined()) continue;
            rows.push_back({{"variant", alternative_name(r, lang, i)}, {"payer", labels[p]}, {"mean", f.mean * 1e-6},
                            {"ci_low", value(f.ci_low * 1e-6)}, {"ci_high", value(f.ci_high * 1e-6)}});
            largest = std::max(largest, std::abs(f.mean * 1e-6));
        }
    const json y = {{"field", "payer"}, {"type", "nominal"}, {"sort", labels}, {"title", nullptr}};
    const json offset = {{"field", "variant"}, {"type", "nominal"}, {"sort", variant_names(r, lang)}};
    json spec = base_spec();
    spec["width"] = chart_width - 120;
    spec["height"] = {{"step", std::max<std::size_t>(18, 12 * r.variants.size())}};
    spec["data"] = {{"values", rows}};
    spec["layer"] = json::array(
        {{{"mark", {{"type", "bar"}}},
          {"encoding",
           {{"y", y},
            {"yOffset", offset},
            {"x", {{"field", "mean"}, {"type", "quantitative"}, {"title", tr(lang, "axis.cost")},
                   {"axis", {{"format", largest >= 10 ? ",.0f" : ",.1f"}}}}},
            {"color", variant_color(variant_names(r, lang), lang, r.variants.size() > 1)},
            {"tooltip", json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                     {{"field", "payer"}, {"title", tr(lang, "axis.payer")}},
                                     {{"field", "mean"}, {"format", ",.2f"}, {"title", tr(lang, "axis.cost")}},
                                     {{"field", "ci_low"}, {"format", ",.2f"}},
                                     {{"field", "ci_high"}, {"format", ",.2f"}}})}}}},
         {{"mark", {{"type", "rule"}, {"color", "#222"}}},
          {"encoding",
           {{"y", y}, {"yOffset", offset}, {"x", {{"field", "ci_low"}, {"type", "quantitative"}}}, {"x2", {{"field", "ci_high"}}}}}}});
    return spec;
}

// What each alternative changes in each payer's cost against the base: the paired difference
// with its interval, or, for a payer only the alternative has, its added cost. Spending that
// no alternative changes is left out (the summary states it once); null when nothing changes.
json cost_change_chart(const ResultsBundle& r, Language lang) {
    std::vector<std::string> payers{"total"};
    for (const auto& v : r.variants) {
        const json of_variant = v.summary.value("payers", json::object());  // items() must not outlive it
        for (const auto& [id, _] : of_variant.items())
            if (std::find(payers.begin(), payers.end(), id) == payers.end()) payers.push_back(id);
    }
    sort_payers(payers);
    const auto names = variant_names(r, lang);
    json rows = json::array();
    std::vector<std::string> labels;
    for (const auto& payer : payers) {
        bool any = false;
        for (std::size_t v = 1; v < r.variants.size(); ++v) {
            Figure d = figure_from_json(json());
            const auto p = json::json_pointer(pointer({r.variants[v].name, "payers", payer, "cost_per_year", "difference"}));
            if (r.compare["metrics"].contains(p)) d = figure_from_json(r.compare["metrics"].at(p));
            else if (!summary_figure(r.variants[0], "payers", payer, "cost_per_year").defined())
                d = summary_figure(r.variants[v], "payers", payer, "cost_per_year");  // an added cost
            if (!d.defined() || (d.mean == 0 && !(std::isfinite(d.sd) && d.sd > 0))) continue;
            any = true;
            rows.push_back({{"variant", names[v]}, {"payer", payer_label(lang, payer)}, {"mean", d.mean * 1e-6},
                            {"ci_low", value(d.ci_low * 1e-6)}, {"ci_high", value(d.ci_high * 1e-6)},
                            {"label", value_with_interval(d.mean, d.ci_low, d.ci_high, 1e-6, 1, false, lang)}});
        }
        if (any) labels.push_back(payer_label(lang, payer));
    }
    if (rows.empty()) return nullptr;
    const std::vector<std::string> others(names.begin() + 1, names.end());
    const json y = {{"field", "payer"}, {"type", "nominal"}, {"sort", labels}, {"title", nullptr}};
    const json offset = {{"field", "variant"}, {"type", "nominal"}, {"sort", others}};
    json color = variant_color(names, lang, others.size() > 1);
    color["legend"] = others.size() > 1 ? json{{"values", others}} : json(nullptr);  // the base has no bar
    json spec = base_spec();
    spec["width"] = chart_width - 160;
    spec["height"] = {{"step", std::max<std::size_t>(22, 16 * others.size())}};
    spec["data"] = {{"values", rows}};
    spec["layer"] = json::array(
        {{{"mark", {{"type", "bar"}}},
          {"encoding",
           {{"y", y},
            {"yOffset", offset},
            {"x", {{"field", "mean"}, {"type", "quantitative"}, {"title", tr(lang, "axis.cost_change")},
                   {"axis", {{"format", ",.1f"}, {"tickCount", 5}, {"labelOverlap", true}}}}},
            {"color", color},
            {"tooltip", json::array({{{"field", "variant"}, {"title", tr(lang, "axis.alternative")}},
                                     {{"field", "payer"}, {"title", tr(lang, "axis.payer")}},
                                     {{"field", "label"}, {"title", tr(lang, "axis.cost_change")}}})}}}},
         {{"mark", {{"type", "rule"}, {"color", "#222"}}},
          {"encoding",
           {{"y", y}, {"yOffset", offset}, {"x", {{"field", "ci_low"}, {"type", "quantitative"}}}, {"x2", {{"field", "ci_high"}}}}}},
         {{"mark", {{"type", "rule"}, {"color", "#888"}}}, {"encoding", {{"x", {{"datum", 0}}}}}}});
    return spec;
}

// One measure along the capacity curve: the mean with its interval at each capacity.
json capacity_curve_chart(const CapacityCurve& c, Language lang, const std::string& key, double scale, int min_decimals,
                          const std::string& label, const std::string& capword) {
    json rows = json::array();
    double largest = 0;
    for (const auto& p : c.points) {
        const auto it = p.metrics.find(key);
        if (it == p.metrics.end() || !it->second.defined()) continue;
        const auto& f = it->second;
        rows.push_back({{"capacity", p.capacity}, {"mean", f.mean * scale}, {"ci_low", value(f.ci_low * scale)},
                        {"ci_high", value(f.ci_high * scale)}});
        largest = std::max(largest, std::abs(f.mean * scale));
    }
    const std::string format = d3_format(decimals_for(largest, 0, 0, min_decimals));
    const json x = {{"field", "capacity"}, {"type", "quantitative"},
                    {"title", fill(tr(lang, "axis.capacity"), {{"capword", capword}})},
                    {"scale", {{"zero", false}, {"nice", false}, {"padding", 12}}},
                    {"axis", {{"format", "d"}, {"tickMinStep", 1}}}};
    json spec = base_spec();
    spec["height"] = 200;
    spec["data"] = {{"values", rows}};
    spec["layer"] = json::array(
        {{{"mark", {{"type", "line"}, {"point", {{"filled", true}, {"size", 50}}}, {"color", "#4c78a8"}}},
          {"encoding",
           {{"x", x},
            {"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", nullptr}, {"axis", {{"format", format}}}}},
            {"tooltip", json::array({{{"field", "capacity"}, {"title", fill(tr(lang, "axis.capacity"), {{"capword", capword}})}},
                                     {{"field", "mean"}, {"format", format}, {"title", label}},
                                     {{"field", "ci_low"}, {"format", format}},
                                     {{"field", "ci_high"}, {"format", format}}})}}}},
         {{"mark", {{"type", "rule"}, {"color", "#4c78a8"}, {"strokeWidth", 1.5}}},
          {"encoding",
           {{"x", {{"field", "capacity"}, {"type", "quantitative"}}},
            {"y", {{"field", "ci_low"}, {"type", "quantitative"}}},
            {"y2", {{"field", "ci_high"}}}}}}});
    return spec;
}

json capacity_cost_chart(const CapacityCurve& c, Language lang, const std::string& capword) {
    json rows = json::array();
    std::vector<std::string> labels;
    for (const auto& key : c.metric_order) {
        if (key.rfind("payers.", 0) != 0) continue;
        const auto payer = key.substr(7, key.find('.', 7) - 7);
        // The total, and the payers whose cost moves with the capacity.
        const auto mean_at = [&](const CapacityPoint& p) {
            const auto it = p.metrics.find(key);
            return it == p.metrics.end() ? std::numeric_limits<double>::quiet_NaN() : it->second.mean;
        };
        const bool moves = std::any_of(c.points.begin(), c.points.end(),
                                       [&](const CapacityPoint& p) { return mean_at(p) != mean_at(c.points.front()); });
        if (payer != "total" && !moves) continue;
        labels.push_back(payer_label(lang, payer));
        for (const auto& p : c.points) {
            const auto it = p.metrics.find(key);
            if (it == p.metrics.end() || !it->second.defined()) continue;
            rows.push_back({{"capacity", p.capacity}, {"payer", labels.back()}, {"mean", it->second.mean * 1e-6},
                            {"ci_low", value(it->second.ci_low * 1e-6)}, {"ci_high", value(it->second.ci_high * 1e-6)}});
        }
    }
    const json x = {{"field", "capacity"}, {"type", "quantitative"},
                    {"title", fill(tr(lang, "axis.capacity"), {{"capword", capword}})},
                    {"scale", {{"zero", false}, {"nice", false}, {"padding", 12}}},
                    {"axis", {{"format", "d"}, {"tickMinStep", 1}}}};
    const json color = {{"field", "payer"}, {"type", "nominal"}, {"sort", labels}, {"title", tr(lang, "axis.payer")},
                        {"scale", {{"scheme", "dark2"}}}};
    json spec = base_spec();
    spec["height"] = 220;
    spec["data"] = {{"values", rows}};
    spec["layer"] = json::array(
        {{{"mark", {{"type", "line"}, {"point", true}}},
          {"encoding",
           {{"x", x},
            {"y", {{"field", "mean"}, {"type", "quantitative"}, {"title", tr(lang, "axis.cost")}, {"axis", {{"format", ",.1f"}}}}},
            {"color", color},
            {"tooltip", json::array({{{"field", "payer"}, {"title", tr(lang, "axis.payer")}},
                                     {{"field", "capacity"}},
                                     {{"field", "mean"}, {"format", ",.2f"}, {"title", tr(lang, "axis.cost")}}})}}}},
         {{"mark", {{"type", "rule"}}},
          {"encoding",
           {{"x", {{"field", "capacity"}, {"type", "quantitative"}}},
            {"y", {{"field", "ci_low"}, {"type", "quantitative"}}},
            {"y2", {{"field", "ci_high"}}},
            {"color", color}}}}});
    return spec;
}

// Whether a chart has anything to draw: some data row in it or in each of its panels.
bool has_data(const json& spec) {
    if (spec.contains("vconcat")) {
        if (spec["vconcat"].empty()) return false;
        for (const auto& panel : spec["vconcat"])
            if (!has_data(panel)) return false;
        return true;
    }
    if (spec.contains("data") && spec["data"].contains("values")) return !spec["data"]["values"].empty();
    if (spec.contains("layer"))
        for (const auto& layer : spec["layer"])
            if (layer.contains("data") && layer["data"].contains("values") && !layer["data"]["values"].empty()) return true;
    return false;
}

}  // namespace

json vega_format_locale(Language lang) {
    if (lang == Language::sv)
        return {{"decimal", ","}, {"thousands", "\u00a0"}, {"grouping", json::array({3})}, {"currency", json::array({"", " kr"})},
                {"minus", "\u2212"}};
    return {{"decimal", "."}, {"thousands", ","}, {"grouping", json::array({3})}, {"currency", json::array({"", " SEK"})},
            {"minus", "\u2212"}};
}

std::vector<Chart> build_charts(const ResultsBundle& r, Language lang) {
    std::vector<Chart> charts;
    const auto add = [&](std::string title, std::string caption, json spec) {
        if (!has_data(spec)) return;  // an empty frame tells the reader nothing
        charts.push_back({fmt::format("chart-{}", charts.size() + 1), std::move(title), std::move(caption), std::move(spec)});
    };

    if (r.command == "capacity") {
        const auto& c = *r.capacity;
        const auto* kind = kind_of(r, c.unit);
        const std::string capword = capacity_word(lang, kind, 2);
        const auto caption = fill(tr(lang, "chart.capacity.caption"), {{"capword", capword}});
        // The unit's findings; when the scenario could not be read again, whichever findings of
        // any kind the curve holds.
        std::vector<std::pair<std::string, Measure>> measures;
        for (auto& m : kind ? finding_measures(r, c.unit) : every_kind_finding_measures()) {
            auto key = fmt::format("units.{}.{}", c.unit, m.metric());
            if (kind || std::find(c.metric_order.begin(), c.metric_order.end(), key) != c.metric_order.end())
                measures.emplace_back(std::move(key), std::move(m));
        }
        for (const auto& [key, m] : measures) {
            const bool present = std::any_of(c.points.begin(), c.points.end(), [&, &key = key](const auto& p) {
                const auto it = p.metrics.find(key);
                return it != p.metrics.end() && it->second.defined();
            });
            if (!present) continue;
            const std::string label = metric_label(lang, m);
            add(fill(tr(lang, "chart.capacity.title"), {{"metric", label}, {"capword", capword}}), caption,
                capacity_curve_chart(c, lang, key, m.scale, m.min_decimals, label, capword));
        }
        const std::string total = tr(lang, "label.cost_total");
        add(fill(tr(lang, "chart.capacity.title"), {{"metric", total}, {"capword", capword}}), caption,
            capacity_curve_chart(c, lang, "payers.total.cost_per_year", 1e-6, 1, total, capword));
        // Per payer only where some payer besides the total changes with the capacity.
        if (auto costs = capacity_cost_chart(c, lang, capword); costs["data"]["values"].size() > c.points.size())
            add(tr(lang, "chart.cost.title"), tr(lang, "chart.cost.caption"), std::move(costs));
        return charts;
    }

    const auto units = units_in_report_order(r);
    if (r.command == "compare") {
        for (const auto& id : units) {
            json panels = json::array();
            for (const auto& m : finding_measures(r, id)) {
                if (!any_difference(r, "units", id, m.metric())) continue;
                bool defined = false;
                for (const auto& v : r.variants) defined = defined || summary_figure(v, "units", id, m.metric()).defined();
                if (!defined) continue;
                panels.push_back(
                    comparison_panel(r, lang, "units", id, m.metric(), m.scale, m.min_decimals, metric_label(lang, m)));
            }
            if (panels.empty()) continue;
            json spec = base_spec();
            spec.erase("width");
            spec["vconcat"] = panels;
            spec["spacing"] = 18;
            const std::string label = unit_name(r, lang, id);
            add(fill(tr(lang, "chart.compare.title"), {{"unit", label}}),
                tr(lang, "chart.compare.caption"), spec);
        }
    }
    // Year by year, in a run longer than a year: what a plan for growth reads first.
    for (const auto& id : units) {
        json panels = json::array();
        for (const auto& m : through_time_measures(r, id)) {
            if (!any_difference(r, "units", id, m.metric()) && r.command == "compare") continue;
            json panel = through_time_panel(r, lang, id, m, metric_label(lang, m));
            if (!panel["data"]["values"].empty()) panels.push_back(std::move(panel));
        }
        if (panels.empty()) continue;
        json spec = base_spec();
        spec.erase("width");
        spec["vconcat"] = panels;
        spec["spacing"] = 18;
        add(fill(tr(lang, "chart.years.title"), {{"unit", unit_name(r, lang, id)}}), tr(lang, "chart.years.caption"), spec);
    }
    for (const auto& id : units) {
        const auto* kind = kind_of(r, id);
        if (!has_places(kind)) continue;
        // In a comparison, a unit the decision does not touch has nothing to show.
        if (r.command == "compare" && !any_difference(r, "units", id, occupancy_metric(r, id))) continue;
        const std::string label = unit_name(r, lang, id);
        if (!r.base().summary["units"][id].value("occupancy_by_month", json::array()).empty())
            add(fill(tr(lang, "chart.month.title"), {{"unit", label}}), tr(lang, "chart.month.caption"), month_chart(r, lang, id));
        if (!r.base().summary["units"][id].value("occupancy_distribution", json::array()).empty())
            add(fill(tr(lang, "chart.dist.title"), {{"unit", label}}), tr(lang, "chart.dist.caption"),
                distribution_chart(r, lang, id));
    }
    if (r.command == "compare") {
        if (auto spec = cost_change_chart(r, lang); !spec.is_null())
            add(fill(tr(lang, "chart.cost_change.title"), {{"base", alternative_name(r, lang, 0)}}), tr(lang, "chart.cost_change.caption"),
                std::move(spec));
    } else if (!r.base().summary.value("payers", json::object()).empty()) {
        add(tr(lang, "chart.cost.title"), tr(lang, "chart.cost.caption"), cost_chart(r, lang));
    }
    return charts;
}

}  // namespace kapsim::app::report
