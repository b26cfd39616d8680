#include "fitted_scenario.hpp"

#include <cmath>
#include <map>

#include <fmt/format.h>

namespace kapsim::fit {
namespace {

// A number with four significant digits, never in exponent notation.
std::string plain(double x) {
    if (std::abs(x) >= 1000) return fmt::format("{:.0f}", x);
    if (std::abs(x) >= 1) return fmt::format("{:.4g}", x);
    std::string s = fmt::format("{:.4f}", x);
    if (std::abs(x) < 0.01) s = fmt::format("{:.6f}", x);
    while (s.size() > 1 && s.back() == '0') s.pop_back();
    if (s.back() == '.') s.pop_back();
    return s;
}

// A duration in days as the scenario writes it: hours below a day.
std::string duration(double days, bool in_hours) {
    return in_hours ? plain(days * 24) + "h" : plain(days) + "d";
}

std::string rate_text(double per_day) {
    return per_day < 0.1 ? plain(per_day * 365.25) + "/year" : plain(per_day) + "/day";
}

std::string weights(const std::vector<double>& w) {
    std::string s = "[";
    for (std::size_t i = 0; i < w.size(); ++i) s += (i ? ", " : "") + fmt::format("{:.3f}", w[i]);
    return s + "]";
}

std::string intervals(const ProfileFit& p) {
    std::string s;
    for (std::size_t i = 0; i < p.weight.size(); ++i) s += fmt::format("{}{:.2f}-{:.2f}", i ? ", " : "", p.low[i], p.high[i]);
    return s;
}

std::string p_text(double p) { return p < 0.0001 ? "< 0.0001" : fmt::format("= {:.4f}", p); }

}  // namespace

const FamilyFit* chosen_family(const GroupFit& group) {
    for (const auto& f : group.families)
        if (f.converged && !(f.p_value < 0.05)) return &f;
    return nullptr;
}

std::string fitted_scenario_yaml(const ExportFit& fit, const std::string& name, bool from_today) {
    const double today = std::ceil(fit.to);  // the day the run starts from, with from_today
    const std::string period = fmt::format("{}..{}", date_text(fit.from, fit.hours), date_text(fit.to, fit.hours));
    const auto provenance = [&](std::size_t n, const char* what, const std::string& method) {
        return fmt::format("# FITTED: {}, {} {}, {}, {}", fit.file, n, what, period, method);
    };
    std::string y;
    y += fmt::format("# Fitted by kapsim fit from {}: {} stays, {}.\n", fit.file, fit.stays, period);
    y += "# Paste the classes and the stay rules into a scenario; every value says where it came from.\n\n";
    y += "scenario:\n";
    y += fmt::format("  name: {}\n", name);
    if (from_today)
        y += fmt::format("  start: {}  # FITTED: {}, the export date: the run starts from the census below\n",
                         date_text(today, false), fit.file);
    else
        y += fmt::format("  start: {}  # FITTED: {}, the day each rate's year begins\n", date_text(fit.start, false), fit.file);
    y += "  run_length: 1y  # run control: change to the period to simulate\n\n";

    y += "classes:\n";
    for (const auto& g : fit.groups) {
        const ArrivalFit& a = g.arrivals;
        const std::size_t n = a.arrivals;
        y += fmt::format("  {}:\n", g.class_id);
        if (!g.patient_class.empty() || !g.unit.empty())
            y += fmt::format("    # class '{}' at unit '{}' in the export\n", g.patient_class, g.unit);
        y += "    arrivals:\n";
        y += fmt::format("      # 95 % interval {} to {}, the mean over the year from {}\n", rate_text(a.rate_low),
                         rate_text(a.rate_high), date_text(fit.start, false));
        if (from_today && a.trend_fitted) {
            // The rate of the year from the export date: the fitted one carried forward by its growth.
            const double carried = a.rate * std::pow(a.growth, (today - fit.start) / 365.25);
            y += fmt::format("      rate: {}  {}\n", rate_text(carried),
                             provenance(n, "arrivals", fmt::format("Poisson regression, {} a year from {} carried to {} by "
                                                                   "the growth",
                                                                   rate_text(a.rate), date_text(fit.start, false),
                                                                   date_text(today, false))));
        } else {
            y += fmt::format("      rate: {}  {}\n", rate_text(a.rate), provenance(n, "arrivals", "Poisson regression"));
        }
        if (a.trend_fitted) {
            y += fmt::format("      # growth per year {:.4f}, 95 % interval {:.4f} to {:.4f}; against none p {}: {}\n",
                             a.growth, a.growth_low, a.growth_high, p_text(a.growth_p_value),
                             a.growth_supported ? "the data support a trend" : "the data do not support a trend");
            y += fmt::format("      {}growth: {:.4f}  {}\n", a.growth_supported ? "" : "# ", a.growth,
                             provenance(n, "arrivals", "Poisson regression, trend"));
        } else {
            y += fmt::format("      # no trend: {}\n", a.trend_why_not);
        }
        const auto profile = [&](const ProfileFit& p, const char* key, const char* levels) {
            if (!p.fitted) {
                y += fmt::format("      # no {} profile: {}\n", key, p.why_not);
                return;
            }
            const bool flat = !(p.p_value < 0.05);
            y += fmt::format("      # {} ({}), 95 % intervals: {}\n", key, levels, intervals(p));
            y += fmt::format("      # against a flat profile: likelihood ratio {:.1f} on {} df, p {}: {}\n", p.chi_square,
                             p.degrees_of_freedom, p_text(p.p_value), flat ? "no evidence of a profile" : "a profile");
            y += fmt::format("      {}{}: {}  {}\n", flat ? "# " : "", key, weights(p.weight),
                             provenance(n, "arrivals", "Poisson regression"));
        };
        profile(a.month, "month", "January first");
        profile(a.day_of_week, "day_of_week", "Monday first");
        profile(a.hour_of_day, "hour_of_day", "00-01 first");
        y += fmt::format("    first_unit: {}\n", g.unit_id);
        if (!g.municipalities.empty()) {
            std::size_t total = 0;
            for (const auto& [m, count] : g.municipalities) total += count;
            // In ten-thousandths, the last taking what the rounding left, so they add up to exactly 1.
            std::string shares;
            long left = 10000;
            std::size_t i = 0;
            for (const auto& [m, count] : g.municipalities) {
                const long part = ++i == g.municipalities.size()
                                      ? left
                                      : std::lround(10000.0 * static_cast<double>(count) / static_cast<double>(total));
                left -= part;
                shares += fmt::format("{}{}: {}", shares.empty() ? "" : ", ", as_identifier(m),
                                      plain(static_cast<double>(part) / 10000.0));
            }
            y += fmt::format("    municipality: {{{}}}  {}\n", shares,
                             provenance(total, "arrivals", "shares of those with a municipality"));
        }
    }

    // Units: the stays of each class as rules, the last one for everyone else.
    std::map<std::string, std::vector<const GroupFit*>> by_unit;
    std::vector<std::string> unit_order;
    for (const auto& g : fit.groups) {
        if (!by_unit.count(g.unit_id)) unit_order.push_back(g.unit_id);
        by_unit[g.unit_id].push_back(&g);
    }
    y += "\nunits:\n";
    for (const auto& unit : unit_order) {
        std::size_t staying = 0, waiting = 0;
        for (const auto* g : by_unit[unit]) staying += g->staying_at_end, waiting += g->waiting_at_end;
        y += fmt::format("  {}:\n", unit);
        y += fmt::format("    # on the export date, {}: {} staying, {} waiting  {}\n", date_text(fit.to, fit.hours),
                         staying, waiting, fmt::format("# FITTED: {}, census at {}", fit.file, date_text(fit.to, fit.hours)));
        if (from_today && staying > 0) {
            y += fmt::format("    today:  # FITTED: {}, census at {}: each person's time spent so far\n", fit.file,
                             date_text(fit.to, fit.hours));
            y += "      census:\n";
            for (const auto* g : by_unit[unit])
                for (std::size_t i = 0; i < g->stays.size(); ++i)
                    if (g->stays.censored[i])
                        y += fmt::format("        - {{class: {}, elapsed: {:.4f}d}}\n", g->class_id,
                                         g->stays.time[i] + (today - fit.to));
        }
        if (from_today && waiting > 0)
            y += fmt::format("    # {} waiting on the export date, for {}: a unit without limit has no list; with the "
                             "real unit's kind, add them as today.waiting\n",
                             waiting, [&] {
                                 std::string waits;
                                 for (const auto* g : by_unit[unit])
                                     for (const double w : g->waited_at_end)
                                         waits += fmt::format("{}{:.1f}d", waits.empty() ? "" : ", ", w + (today - fit.to));
                                 return waits;
                             }());
        y += "    kind: pool  # ASSUMPTION: a unit without limit; set the kind and capacity of the real unit\n";
        y += "    capacity: unlimited\n";
        y += "    service:\n";
        const auto& groups = by_unit[unit];
        for (std::size_t i = 0; i < groups.size(); ++i) {
            const GroupFit& g = *groups[i];
            const bool last = i + 1 == groups.size();
            const std::string who = last ? "" : fmt::format("class: {}, ", g.class_id);
            const std::size_t n = g.stays.size();
            if (g.families.empty()) {
                y += fmt::format("      # class {}: no stay has ended; the stay cannot be fitted\n", g.class_id);
                y += fmt::format("      - {{{}distribution: fixed, value: 1d}}  # ASSUMPTION: no stay of {} ended\n", who,
                                 g.class_id);
                continue;
            }
            const double censored = static_cast<double>(n - g.stays.ended());
            y += fmt::format("      # class {}: {} stays, {} still going at the export date (censored){}\n", g.class_id, n,
                             static_cast<std::size_t>(censored),
                             g.zero_length_stays ? fmt::format(", {} of zero length counted as {}", g.zero_length_stays,
                                                               fit.hours ? "one minute" : "half a day")
                                                 : "");
            for (const auto& f : g.families) {
                std::string params;
                for (const auto& p : f.parameters)
                    params += fmt::format("{}{} {} [{}, {}]", params.empty() ? "" : ", ", p.name,
                                          p.is_duration ? duration(p.value, false) : plain(p.value),
                                          p.is_duration ? duration(p.low, false) : plain(p.low),
                                          p.is_duration ? duration(p.high, false) : plain(p.high));
                y += fmt::format("      #   {:<11} AIC {:.1f}, KS {:.4f}{}: {}{}\n", family_name(f.family), f.aic, f.ks,
                                 std::isnan(f.p_value) ? "" : fmt::format(", p {}", p_text(f.p_value)), params,
                                 f.converged ? "" : " (did not converge)");
            }
            const FamilyFit* chosen = chosen_family(g);
            const bool in_hours = g.stays.ended() > 0 && [&] {
                double sum = 0;
                for (const double t : g.stays.time) sum += t;
                return sum / static_cast<double>(n) < 1;
            }();
            if (g.same_length) {
                y += fmt::format("      - {{{}distribution: fixed, value: {}}}  {}\n", who, duration(*g.same_length, in_hours),
                                 provenance(n, "stays", "every stay of the same length"));
                continue;
            }
            if (!chosen) {
                std::string values;
                for (const double v : g.empirical) values += (values.empty() ? "" : ", ") + duration(v, in_hours);
                y += fmt::format("      - {{{}distribution: empirical, values: [{}]}}  {}\n", who, values,
                                 provenance(n, "stays", "Kaplan-Meier quantiles; every family rejected at 5 %"));
                continue;
            }
            std::string params;
            for (const auto& p : chosen->parameters)
                params += fmt::format(", {}: {}", p.name, p.is_duration ? duration(p.value, in_hours) : plain(p.value));
            y += fmt::format("      - {{{}distribution: {}{}}}  {}\n", who, family_name(chosen->family), params,
                             provenance(n, "stays", "maximum likelihood with censoring, lowest AIC"));
        }
    }
    return y;
}

std::string fit_summary_text(const ExportFit& fit) {
    std::string s;
    for (const auto& g : fit.groups) {
        const ArrivalFit& a = g.arrivals;
        s += fmt::format("class {} at {}: {} arrivals, rate {} [{}, {}]", g.class_id, g.unit_id, a.arrivals,
                         rate_text(a.rate), rate_text(a.rate_low), rate_text(a.rate_high));
        if (a.trend_fitted)
            s += fmt::format(", growth {:.3f} [{:.3f}, {:.3f}] a year ({})", a.growth, a.growth_low, a.growth_high,
                             a.growth_supported ? "supported" : "not supported");
        s += "\n";
        if (g.arrivals_before)
            s += fmt::format("  {} arrived before the period: their stays are fitted, their arrivals not counted in the rate\n",
                             g.arrivals_before);
        for (const auto& [p, key] : {std::pair{&a.month, "month"}, {&a.day_of_week, "day of week"},
                                     {&a.hour_of_day, "hour of day"}})
            if (p->fitted)
                s += fmt::format("  {} profile against flat: p {}\n", key, p_text(p->p_value));
        s += fmt::format("  stays: {} ({} still going)\n", g.stays.size(), g.stays.size() - g.stays.ended());
        for (const auto& f : g.families) {
            std::string params;
            for (const auto& p : f.parameters)
                params += fmt::format("{}{} {} [{}, {}]", params.empty() ? "" : ", ", p.name, plain(p.value), plain(p.low),
                                      plain(p.high));
            s += fmt::format("    {:<11} AIC {:10.1f}  KS {:.4f}{}  {}\n", family_name(f.family), f.aic, f.ks,
                             std::isnan(f.p_value) ? "" : fmt::format("  p {}", p_text(f.p_value)), params);
        }
        const FamilyFit* chosen = chosen_family(g);
        if (g.same_length)
            s += fmt::format("    chosen: fixed (every stay {} days)\n", plain(*g.same_length));
        else if (!g.families.empty())
            s += fmt::format("    chosen: {}\n", chosen ? family_name(chosen->family) : "empirical (every family rejected)");
        s += fmt::format("  on the export date: {} staying, {} waiting\n", g.staying_at_end, g.waiting_at_end);
    }
    return s;
}

}  // namespace kapsim::fit
