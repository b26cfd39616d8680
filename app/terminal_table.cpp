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
    };
    return table;
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

std::string summary_table(const RunOutcome& o) {
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
                out += fmt::format("\ncost per payer\n  {:<30} {:>12}   {:<25} {}\n", "payer", "mean", "95 % CI", "unit");
            }
            const auto& e = o.estimates[k];
            out += fmt::format("  {:<30} {:>12}   {:<25} {}\n", key.id, shown(e.mean),
                               std::isfinite(e.ci_low) ? fmt::format("[{}, {}]", shown(e.ci_low), shown(e.ci_high)) : "-",
                               "kr/year");
            continue;
        }
        if (key.id != current) {
            current = key.id;
            out += fmt::format("\n{} ({})\n  {:<30} {:>12}   {:<25} {}\n", key.id, unit_kind(o, key.id), "metric", "mean",
                               "95 % CI", "unit");
        }
        const auto found = labels().find(key.metric);
        const Label label = found != labels().end() ? found->second : Label{key.metric, "", 1};
        const auto& e = o.estimates[k];
        const std::string interval = std::isfinite(e.ci_low)
                                         ? fmt::format("[{}, {}]", shown(e.ci_low * label.scale), shown(e.ci_high * label.scale))
                                         : "-";
        out += fmt::format("  {:<30} {:>12}   {:<25} {}\n", label.text, shown(e.mean * label.scale), interval, label.unit);
    }
    return out;
}

}  // namespace kapsim::app
