#include "terminal_table.hpp"

#include <algorithm>
#include <cmath>
#include <string_view>

#include <fmt/format.h>

#include "sim/quantity.hpp"

namespace kapsim::app {
namespace {

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
        if (key.section + "." + key.id != current) {  // a class and a unit may share a name
            current = key.section + "." + key.id;
            const std::string what = key.section == "classes" ? "class of known persons" : unit_kind(o, key.id);
            out += fmt::format("\n{} ({})\n{}\n", style.heading(key.id), what,
                               style.muted(fmt::format("  {:<30} {:>12}   {:<25} {}", "metric", "mean", "95 % CI", "unit")));
        }
        // Each metric reads as its unit kind declares it.
        const auto& spec = key.spec;
        const auto& e = o.estimates[k];
        const auto show = [&](double x) {
            return spec.unit == models::MetricUnit::kronor_per_year ? kronor(x) : shown(x * models::display_scale(spec.unit));
        };
        const std::string interval = std::isfinite(e.ci_low) ? fmt::format("[{}, {}]", show(e.ci_low), show(e.ci_high)) : "-";
        out += fmt::format("  {:<30} {:>12}   {:<25} {}\n", spec.label_en, show(e.mean), interval, models::unit_symbol(spec.unit));
    }
    return out;
}

}  // namespace kapsim::app
