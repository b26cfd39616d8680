#include "assumed_stays.hpp"

#include <fmt/format.h>

#include "scenario.hpp"
#include "sim/quantity.hpp"
#include "traffic_equations.hpp"

namespace kapsim::models {

std::vector<AssumedStay> assumed_stays(const Scenario& s) {
    std::vector<AssumedStay> out;
    const auto arrivals = arrivals_by_class(s);
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const StayTable& table = s.units[u].stay;
        for (std::size_t i = 0; i < table.rules.size(); ++i) {
            if (!table.rules[i].assumed_shape) continue;
            // A rule draws the stays of the classes and next destinations it is the first match for.
            double drawn = 0, total = 0;
            for (std::size_t c = 0; c < s.classes.size(); ++c) {
                if (arrivals[c][u] == 0) continue;
                total += arrivals[c][u];
                const Route& after = s.route_after(u, c);
                if (after.to.empty()) {
                    if (table.rule_for(c, leaves_system) == i) drawn += arrivals[c][u];
                    continue;
                }
                for (std::size_t k = 0; k < after.to.size(); ++k)
                    if (table.rule_for(c, after.to[k]) == i) drawn += arrivals[c][u] * after.probability[k];
            }
            const std::string path = table.rules.size() == 1 ? table.path : fmt::format("{}.{}", table.path, i);
            out.push_back({u, i, path, *table.rules[i].assumed_shape, total > 0 ? drawn / total : 0,
                           drawn * sim::days_per_year});
        }
    }
    return out;
}

std::string describe_assumed_stays(const Scenario& s) {
    std::string out;
    for (const auto& a : assumed_stays(s))
        out += fmt::format("  warning: {} gives the mean alone: a {} is assumed (the default for a {}), for {:.0f} % of "
                           "the patients at {} ({:.0f} a year); give the distribution where the spread is known\n",
                           a.path, a.shape.describe(), s.units[a.unit].kind, 100 * a.share, s.units[a.unit].id, a.per_year);
    return out.empty() ? out : "assumed:\n" + out;
}

}  // namespace kapsim::models
