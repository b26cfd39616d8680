#pragma once
// The ward's own first figure of admissions and occupancy, for `kapsim check`: acute and
// planned patients share the beds in different ways, so neither Erlang B nor C alone fits.
#include "implied_flow.hpp"
#include "scenario.hpp"

namespace kapsim::models {

ImpliedFlow ward_implied_flow(const UnitParameters& parameters, const UnitDemand& demand);

// The most planned patients a ward can admit a day when its list never empties: while planned
// admissions are open every bed that frees within the beds goes to the list, acute patients
// take the over-occupancy above them; closed weeks admit none.
double ward_planned_capacity_per_day(const WardSpec& spec, double acute_per_day, double acute_stay_days,
                                     double planned_stay_days);

}  // namespace kapsim::models
