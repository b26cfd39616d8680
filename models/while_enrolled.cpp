#include "while_enrolled.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "message.hpp"
#include "unit_base.hpp"

namespace kapsim::models {

WhileEnrolled read_while_enrolled(const Field& f, const LoadContext& ctx) {
    f.expect_map({"arrivals", "stay"}, say("the effect of an open case on the enrolled person's care"));
    const std::size_t units = ctx.unit_index.size();
    WhileEnrolled effect{std::vector<double>(units, 1.0), std::vector<double>(units, 1.0), {}};
    const auto read_each = [&](const char* key, std::vector<double>& values, auto read_value) {
        if (!f.has(key)) return;
        const Field each = f.child(key);
        if (!each.is_map())
            each.fail(say("'{}' must be a mapping of units to values", each.path()),
                      say("write a value for each unit, e.g. {}: {{avd7: 0.8}}", key));
        for (const auto& id : each.keys()) {
            const Field value = each.child(id);
            const Destination unit = ctx.destination(id, value);
            if (unit == leaves_system || id == ctx.unit_id)
                value.fail(say("'{}' is not another unit", id),
                           say("name a unit the enrolled person may come to, other than the team itself"));
            values[unit] = read_value(value);
        }
    };
    read_each("arrivals", effect.arrival_ratio, [](const Field& v) { return v.as_share(); });
    if (f.has("arrivals"))
        for (const auto& id : f.child("arrivals").keys()) effect.arrivals_named.push_back(ctx.unit_index.at(id));
    std::sort(effect.arrivals_named.begin(), effect.arrivals_named.end());
    read_each("stay", effect.stay_factor, [](const Field& v) { return v.as_number(0.01, 10); });
    return effect;
}

std::size_t persons_referred_once(const Scenario& s, std::size_t unit, const std::vector<std::size_t>& classes_here) {
    const auto* team = std::get_if<CaseloadSpec>(&s.units[unit].parameters);
    if (!team || !team->while_enrolled || classes_here.empty()) return 0;
    std::size_t persons = 0;
    for (const std::size_t c : classes_here)
        if (s.classes[c].population) persons += s.classes[c].population->persons;
    return persons;
}

namespace {

Message no_population_warning(const Scenario& s, std::size_t team) {
    return say("warning: no class of known persons (population:) reaches {}, so its effect acts on nobody: a class of "
               "arrivals is not followed from one visit to the next",
               s.units[team].id);
}

bool reached_by_a_population(const Scenario& s, const std::vector<std::size_t>& classes_here) {
    for (const std::size_t c : classes_here)
        if (s.classes[c].population) return true;
    return false;
}

}  // namespace

std::vector<TeamWarning> team_effect_warnings(const Scenario& s) {
    std::vector<TeamWarning> warnings;
    const auto classes_here = classes_by_unit(s);
    for (std::size_t t = 0; t < s.units.size(); ++t) {
        const auto* team = std::get_if<CaseloadSpec>(&s.units[t].parameters);
        if (team && team->while_enrolled && !reached_by_a_population(s, classes_here[t]))
            warnings.push_back({t, no_population_warning(s, t)});
    }
    return warnings;
}

std::string describe_team_effects(const Scenario& s) {
    std::string out;
    const auto classes_here = classes_by_unit(s);
    for (std::size_t t = 0; t < s.units.size(); ++t) {
        const auto* team = std::get_if<CaseloadSpec>(&s.units[t].parameters);
        if (!team || !team->while_enrolled) continue;
        const WhileEnrolled& effect = *team->while_enrolled;
        std::string what;
        for (std::size_t u = 0; u < s.units.size(); ++u) {
            if (effect.arrival_ratio[u] < 1)
                what += fmt::format("{}arrivals at {} at {:.3g} % of their rate", what.empty() ? "" : "; ", s.units[u].id,
                                    100 * effect.arrival_ratio[u]);
            if (effect.stay_factor[u] != 1)
                what += fmt::format("{}stays at {} times {:.3g}", what.empty() ? "" : "; ", s.units[u].id, effect.stay_factor[u]);
        }
        std::string persons;
        for (const std::size_t c : classes_here[t])
            if (s.classes[c].population) persons += (persons.empty() ? "" : ", ") + s.classes[c].id;
        if (out.empty()) out = "effects of open cases on the enrolled persons' own care:\n";
        out += fmt::format("  {}: {}\n", s.units[t].id, what.empty() ? "none (every ratio and factor is 1)" : what);
        out += persons.empty()
                   ? "  " + no_population_warning(s, t).en + "\n"
                   : fmt::format("  for the persons of {}, who live at home while referred and enrolled; the figures below "
                                 "leave the effect out: a run gives it\n",
                                 persons);
    }
    return out;
}

}  // namespace kapsim::models
