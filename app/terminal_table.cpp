#include "terminal_table.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string_view>

#include <fmt/format.h>

#include "sim/quantity.hpp"

namespace kapsim::app {
namespace {

struct Label {
    std::string_view text;
    std::string_view unit;
    double scale;  // shown value = value * scale
};

// How each metric reads on a terminal; README.md documents the same list.
const std::map<std::string_view, Label>& labels() {
    static const std::map<std::string_view, Label> table{
        {"arrivals_per_year", {"arrivals", "/year", 1}},
        {"admitted_per_year", {"admitted", "/year", 1}},
        {"turned_away_per_year", {"turned away", "/year", 1}},
        {"reneged_per_year", {"left the queue", "/year", 1}},
        {"p_turned_away", {"share turned away", "%", 100}},
        {"p_wait", {"share who waited", "%", 100}},
        {"mean_wait_days", {"mean wait", "days", 1}},
        {"wait_p90_days", {"90th percentile wait", "days", 1}},
        {"mean_stay_days", {"mean stay", "days", 1}},
        {"occupancy_mean", {"mean occupancy", "places", 1}},
        {"occupancy_pct", {"occupancy", "% of capacity", 1}},
        {"p_full", {"time with all places in use", "%", 100}},
        {"queue_mean", {"mean queue length", "people", 1}},
        {"cost_per_year", {"cost", "kr/year", 1}},
        {"mean_stay_hours", {"mean stay", "hours", 1}},
        {"visits_per_year", {"visits", "/year", 1}},
        {"hours_per_year", {"time spent", "hours/year", 1}},
        {"mean_visit_hours", {"mean visit", "hours", 1}},
        {"present_mean", {"mean present", "people", 1}},
        {"acute_admitted_per_year", {"acute admissions", "/year", 1}},
        {"planned_admitted_per_year", {"planned admissions", "/year", 1}},
        {"diverted_per_year", {"acute diverted (over limit)", "/year", 1}},
        {"p_diverted", {"share of acute diverted", "%", 100}},
        {"list_mean", {"mean planned list", "people", 1}},
        {"list_end", {"planned list at the end", "people", 1}},
        {"days_above_capacity_per_year", {"days above capacity", "days/year", 1}},
        {"referrals_per_year", {"referrals", "/year", 1}},
        {"starts_per_year", {"starts", "/year", 1}},
        {"enrolled_mean", {"mean enrolled", "people", 1}},
        {"enrolled_end", {"enrolled at the end", "people", 1}},
        {"waiting_mean", {"mean waiting", "people", 1}},
        {"waiting_end", {"waiting at the end", "people", 1}},
        {"placements_per_year", {"placements", "/year", 1}},
        {"own_placements_per_year", {"placements in own places", "/year", 1}},
        {"purchased_placements_per_year", {"purchased placements", "/year", 1}},
        {"placement_days_per_year", {"placement days", "days/year", 1}},
        {"own_days_per_year", {"days in own places", "days/year", 1}},
        {"purchased_days_per_year", {"purchased days", "days/year", 1}},
        {"concurrent_mean", {"mean placements at once", "people", 1}},
        {"concurrent_purchased_mean", {"mean purchased at once", "people", 1}},
        {"own_use_pct", {"use of own places", "%", 1}},
        {"mean_duration_days", {"mean placement", "days", 1}},
        {"cost_own_per_year", {"cost of own places", "kr/year", 1}},
        {"cost_purchased_per_year", {"cost of purchased places", "kr/year", 1}},
    };
    return table;
}

// Kronor with thin groups of three, as Swedish reports print them: 5 500 000.
std::string kronor(double x) {
    if (!std::isfinite(x)) return "-";
    const std::string digits = fmt::format("{:.0f}", std::abs(x));
    std::string grouped = x < 0 ? "-" : "";
    for (std::size_t i = 0; i < digits.size(); ++i) {
        if (i > 0 && (digits.size() - i) % 3 == 0) grouped += ' ';
        grouped += digits[i];
    }
    return grouped;
}

// A label for metrics named after a destination: turned_away_to_ed_per_year.
Label label_for(const std::string& metric, std::string& storage) {
    const auto found = labels().find(metric);
    if (found != labels().end()) return found->second;
    const std::string prefix = "turned_away_to_", suffix = "_per_year";
    if (metric.rfind(prefix, 0) == 0 && metric.size() > prefix.size() + suffix.size()) {
        storage = "turned away to " + metric.substr(prefix.size(), metric.size() - prefix.size() - suffix.size());
        return {storage, "/year", 1};
    }
    if (metric.rfind("enrolled_on_", 0) == 0) {
        storage = "enrolled on " + metric.substr(12);
        return {storage, "people", 1};
    }
    storage = metric;
    return {storage, "", 1};
}

std::string shown(double x) {
    if (!std::isfinite(x)) return "-";
    const double a = std::abs(x);
    if (a != 0 && a < 0.01) return fmt::format("{:.2e}", x);
    return fmt::format("{:.{}f}", x, a >= 100 ? 1 : a >= 10 ? 2 : 3);
}

const std::string& unit_kind(const RunOutcome& o, const std::string& id) {
    for (const auto& u : o.scenario.units)
        if (u.id == id) return u.kind;
    static const std::string none;
    return none;
}

}  // namespace

std::string summary_table(const RunOutcome& o, const TerminalStyle& style) {
    const auto& s = o.scenario;
    std::string out = fmt::format("{}: {} replications of {} after {} warm-up, seed {}, {:.1f} s\n", s.name,
                                  s.replications, sim::format_duration(s.run_length_days),
                                  sim::format_duration(s.warmup_days), s.seed, o.wall_seconds);
    std::string current;
    for (std::size_t k = 0; k < o.keys.size(); ++k) {
        const auto& key = o.keys[k];
        if (key.section == "payers") {
            if (current != "payers") {
                current = "payers";
                out += fmt::format("\n{}\n{}\n", style.heading("cost per payer"),
                                   style.muted(fmt::format("  {:<30} {:>12}   {:<25} {}", "payer", "mean", "95 % CI", "unit")));
            }
            const auto& e = o.estimates[k];
            out += fmt::format("  {:<30} {:>12}   {:<25} {}\n", key.id, kronor(e.mean),
                               std::isfinite(e.ci_low) ? fmt::format("[{}, {}]", kronor(e.ci_low), kronor(e.ci_high)) : "-",
                               "kr/year");
            continue;
        }
        if (key.id != current) {
            current = key.id;
            out += fmt::format("\n{} ({})\n{}\n", style.heading(key.id), unit_kind(o, key.id),
                               style.muted(fmt::format("  {:<30} {:>12}   {:<25} {}", "metric", "mean", "95 % CI", "unit")));
        }
        std::string storage;
        const Label label = label_for(key.metric, storage);
        const auto& e = o.estimates[k];
        const auto show = [&](double x) { return label.unit == "kr/year" ? kronor(x) : shown(x * label.scale); };
        const std::string interval = std::isfinite(e.ci_low) ? fmt::format("[{}, {}]", show(e.ci_low), show(e.ci_high)) : "-";
        out += fmt::format("  {:<30} {:>12}   {:<25} {}\n", label.text, show(e.mean), interval, label.unit);
    }
    return out;
}

}  // namespace kapsim::app
