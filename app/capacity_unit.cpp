#include "capacity_unit.hpp"

#include <cstdio>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/input_error.hpp"

namespace kapsim::app {

CapacityUnit find_capacity_unit(const models::Scenario& scenario, const std::string& file, const std::string& unit) {
    std::size_t found = scenario.units.size();
    for (std::size_t u = 0; u < scenario.units.size(); ++u)
        if (scenario.units[u].id == unit) found = u;
    if (found == scenario.units.size()) {
        std::vector<std::string> ids;
        for (const auto& u : scenario.units) ids.push_back(u.id);
        throw models::InputError({"--unit " + unit, 0, 0}, fmt::format("'{}' is not a unit of the scenario", unit),
                                 fmt::format("{} has the units {}", file, fmt::join(ids, ", ")));
    }
    const auto& kind = *models::find_unit_kind(scenario.units[found].kind);
    if (kind.capacity_key.empty()) {
        std::vector<std::string> varied;  // the units whose kind has a capacity to vary
        for (const auto& u : scenario.units)
            if (!models::find_unit_kind(u.kind)->capacity_key.empty()) varied.push_back(u.id);
        throw models::InputError({"--unit " + unit, 0, 0},
                                 fmt::format("unit '{}' ({}) has no capacity to vary", unit, kind.name),
                                 varied.empty() ? std::string("no unit of this scenario has a capacity to vary")
                                                : fmt::format("choose one of {}", fmt::join(varied, ", ")));
    }
    return {found, &kind, fmt::format("units.{}.{}", unit, kind.capacity_key)};
}

std::pair<std::size_t, std::size_t> parse_capacity_range(const std::string& text, const std::string& option) {
    std::size_t first = 0, last = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%zu..%zu%c", &first, &last, &tail) != 2 || first > last || last > 100000)
        throw models::InputError({option, 0, 0}, "the range must be FIRST..LAST, whole numbers, first <= last",
                                 "e.g. --range 12..18");
    return {first, last};
}

}  // namespace kapsim::app
