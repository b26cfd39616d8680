#include "unit_kinds.hpp"

#include "sim/capacity_pool.hpp"
#include "unit_base.hpp"

namespace kapsim::models {

const std::vector<UnitKind>& unit_kinds() {
    static const std::vector<UnitKind> kinds{
        pool_kind(),
        sobering_kind(),
        service_kind(),
        ward_kind(),
        slots_kind(),
        placement_kind(),
        caseload_kind(),
    };
    return kinds;
}

const UnitKind* find_unit_kind(std::string_view name) {
    for (const auto& k : unit_kinds())
        if (k.name == name) return &k;
    return nullptr;
}

std::vector<TurnedAwayWithoutRoute> turned_away_without_route(const Scenario& s) {
    std::vector<TurnedAwayWithoutRoute> out;
    const auto classes_here = classes_by_unit(s);
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const UnitKind& kind = *find_unit_kind(s.units[u].kind);
        if (!kind.can_overflow(s.units[u].parameters)) continue;
        // No limit on places in the unit's base capacity: nobody is turned away (a schedule that
        // sets a limit later is not looked at for this first warning).
        if (const auto view = kind.capacity(s.units[u].parameters); !view || view->places == sim::unlimited_capacity)
            continue;
        TurnedAwayWithoutRoute lost{u, {}};
        for (const std::size_t c : classes_here[u]) {
            const bool turned_away = kind.turns_away ? kind.turns_away(s.units[u].parameters, c) : true;
            if (turned_away && s.route_overflow(u, c).to.empty()) lost.classes.push_back(c);
        }
        if (!lost.classes.empty()) out.push_back(std::move(lost));
    }
    return out;
}

}  // namespace kapsim::models
