#include "places_setting.hpp"

#include <fmt/format.h>

#include "models/scenario_document.hpp"

namespace kapsim::app {

std::string PlacesSetting::override_for(std::size_t places) const {
    // The loader rounds FTE x places per FTE down after adding 1e-9, so c / per_fte gives c.
    if (per_fte > 0) return fmt::format("{}={}", path, static_cast<double>(places) / per_fte);
    return fmt::format("{}={}", path, places);
}

std::string PlacesSetting::said() const {
    if (per_fte <= 0) return "is a number in the scenario: its places cost nothing there";
    if (cost_per_place <= 0) return fmt::format("follows from the staff group {}, which costs nothing", staff_group);
    return fmt::format("follows from the staff group {} ({:g} per FTE): {:.0f} kr a year a place", staff_group,
                       per_fte, cost_per_place);
}

PlacesSetting places_setting(const std::string& file, const std::vector<std::string>& overrides,
                             const std::string& unit, const CapacityUnit& found) {
    PlacesSetting setting;
    setting.path = found.key;
    const auto doc = models::ScenarioDocument::load(file, overrides);
    const std::string capacity_key(found.kind->capacity_key);
    const YAML::Node capacity = doc.root()["units"][unit][capacity_key];
    if (!capacity || !capacity.IsMap() || !capacity["staff"] || !capacity["per_fte"]) return setting;
    // The scenario has been loaded already, so these values are known to be valid.
    const double per_fte = capacity["per_fte"].as<double>();
    if (per_fte <= 0) return setting;  // no places whatever the staff: leave the capacity a number
    setting.per_fte = per_fte;
    setting.staff_group = capacity["staff"].as<std::string>();
    setting.path = fmt::format("staffing.{}.{}.fte", unit, setting.staff_group);
    const YAML::Node group = doc.root()["staffing"][unit][setting.staff_group];
    if (group && group["cost_per_fte"]) setting.cost_per_place = group["cost_per_fte"].as<double>() / setting.per_fte;
    return setting;
}

}  // namespace kapsim::app
