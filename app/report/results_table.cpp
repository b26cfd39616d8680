#include "app/report/results_table.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "app/report/findings.hpp"
#include "app/report/unit_measures.hpp"

namespace kapsim::app::report {
namespace {

Figure figure_at(const VariantResults& v, std::string_view section, std::string_view id, std::string_view metric) {
    const auto p = nlohmann::json::json_pointer(pointer({section, id, metric}));
    return v.summary.contains(p) ? figure_from_json(v.summary.at(p)) : figure_from_json(nlohmann::json());
}

// The file a variant's summary was read from, relative to the results folder.
std::string summary_file(const ResultsBundle& r, const VariantResults& v) {
    return r.command == "compare" ? fmt::format("variants/{}/summary.json", v.name) : "summary.json";
}

}  // namespace

std::string value_with_interval(double mean, double low, double high, double scale, int min_decimals, bool never_negative,
                                Language lang) {
    if (!std::isfinite(mean)) return "\u2013";
    double m = mean * scale, lo = low * scale, hi = high * scale;
    if (never_negative) lo = std::max(lo, 0.0);
    const bool interval = std::isfinite(lo) && std::isfinite(hi) && hi > lo;
    const int d = interval ? decimals_for(m, lo, hi, min_decimals) : decimals_for(m, 0, 0, min_decimals);
    std::string out = format_number(m, d, lang);
    if (interval) out += fmt::format(" ({}\u2013{})", format_number(lo, d, lang), format_number(hi, d, lang));
    return out;
}

ResultsTable results_table(const ResultsBundle& r, Language lang) {
    ResultsTable t;
    if (r.command == "capacity") return t;
    t.alternatives = alternative_names(r, lang);
    const auto row_of = [&](std::string unit, std::string measure, std::string_view section, std::string_view id,
                            std::string_view metric, double scale, int min_decimals, bool never_negative) {
        ResultsTable::Row row{std::move(unit), std::move(measure), {}, fmt::format("{}.{}.{}", section, id, metric)};
        bool any = false;
        for (const auto& v : r.variants) {
            const Figure f = figure_at(v, section, id, metric);
            any = any || f.defined();
            ResultsTable::Cell cell{"\u2013"};
            if (f.defined()) {
                cell = {value_with_interval(f.mean, f.ci_low, f.ci_high, scale, min_decimals, never_negative, lang), f.mean,
                        f.ci_low, f.ci_high, scale, summary_file(r, v) + "#" + pointer({section, id, metric})};
            }
            row.cells.push_back(std::move(cell));
        }
        if (any) t.rows.push_back(std::move(row));
    };
    for (const auto& id : units_in_report_order(r)) {
        const std::string name = unit_name(r, lang, id);
        for (const auto& m : table_measures(r, id))
            row_of(name, metric_label(lang, m), "units", id, m.metric(), m.scale, m.min_decimals, true);
    }
    std::vector<std::string> payers{"total"};
    for (const auto& v : r.variants) {
        const nlohmann::json of_variant = v.summary.value("payers", nlohmann::json::object());  // items() must not outlive it
        for (const auto& [payer, _] : of_variant.items())
            if (std::find(payers.begin(), payers.end(), payer) == payers.end()) payers.push_back(payer);
    }
    sort_payers(payers);
    for (const auto& payer : payers) {
        // A payer with no cost in any alternative says nothing; one the base lacks bears an
        // added cost (the scenarios count only what an alternative adds), never a cost "from 0".
        bool pays = false;
        for (const auto& v : r.variants) {
            const Figure f = figure_at(v, "payers", payer, "cost_per_year");
            pays = pays || (f.defined() && f.mean != 0);
        }
        if (!pays) continue;
        const bool added = r.command == "compare" && !figure_at(r.base(), "payers", payer, "cost_per_year").defined();
        row_of("", fill(tr(lang, added ? "table.cost_added" : "table.cost"), {{"payer", payer_label(lang, payer)}}), "payers", payer,
               "cost_per_year", 1e-6, 1, true);
    }
    return t;
}

}  // namespace kapsim::app::report
