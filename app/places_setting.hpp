#pragma once
// What `kapsim optimize` sets to give a unit c places, and what a place costs. A capacity
// written as a number (`beds: 13`) is set as a number, and its places cost nothing in the
// scenario. A capacity that follows from staffing (`beds: {staff: nurses, per_fte: 1.2}`)
// is given c places through the staff group's FTE (c / 1.2), so that the staff's cost comes
// with the places, as in the scenario itself.
#include <string>
#include <vector>

#include "capacity_unit.hpp"

namespace kapsim::app {

struct PlacesSetting {
    std::string path;                // units.avd7.beds, or staffing.avd7.nurses.fte
    double per_fte = 0;              // places per FTE of the staff group; 0: the capacity is a number
    std::string staff_group;         // the group, when staffing sets the capacity
    double cost_per_place = 0;       // kronor a year that one more place adds (the staff's cost)

    // The --set that gives the unit `places`.
    std::string override_for(std::size_t places) const;
    // "follows from the staff group nurses (1.2 per FTE): 466667 kr a year a place", or
    // "is a number in the scenario: its places cost nothing there".
    std::string said() const;
};

// Read from the scenario document (with `extends` and the overrides applied).
PlacesSetting places_setting(const std::string& file, const std::vector<std::string>& overrides,
                             const std::string& unit, const CapacityUnit& found);

}  // namespace kapsim::app
