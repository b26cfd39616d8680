#include "lost_people.hpp"

#include <cmath>
#include <optional>

#include <fmt/format.h>

#include "models/unit_kinds.hpp"

namespace kapsim::app {
namespace {

// The mean of units.<unit>.<metric>, or of the first metric of the unit with `role`.
std::optional<double> mean_of(const RunOutcome& o, const std::string& unit, const std::string& metric,
                              models::MetricRole role) {
    for (std::size_t k = 0; k < o.keys.size(); ++k) {
        const auto& key = o.keys[k];
        if (key.section != "units" || key.id != unit) continue;
        if (metric.empty() ? key.spec.role == role : key.metric == metric) return o.estimates[k].mean;
    }
    return std::nullopt;
}

}  // namespace

std::string lost_people_text(const RunOutcome& o) {
    std::string out;
    const auto& s = o.scenario;
    for (const auto& lost : models::turned_away_without_route(s)) {
        const std::string& unit = s.units[lost.unit].id;
        for (const std::size_t c : lost.classes) {
            // By class where the unit reports by class; with one class the unit's own figures are that class's.
            const std::string prefix = "by_class." + s.classes[c].id + ".";
            auto turned = mean_of(o, unit, prefix + "turned_away_per_year", {});
            auto arrivals = mean_of(o, unit, prefix + "arrivals_per_year", {});
            if (!turned) {
                turned = mean_of(o, unit, "", models::MetricRole::turned_away);
                arrivals = mean_of(o, unit, "", models::MetricRole::arrivals);
            }
            if (!turned || !(*turned > 0)) continue;
            const double share = arrivals && *arrivals > 0 ? *turned / *arrivals : std::nan("");
            out += fmt::format(
                "warning: {:.1f} % of {} at {} ({:.1f} a year) were turned away with no overflow route and left the "
                "model; say where they go with pathways.{}.overflow, or {{out: 1}} if leaving care is meant\n",
                100 * share, s.classes[c].id, unit, *turned, unit);
        }
    }
    return out;
}

}  // namespace kapsim::app
