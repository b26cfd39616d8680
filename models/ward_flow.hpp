#pragma once
// The ward's own first figure of admissions and occupancy, for `kapsim check`: acute and
// planned patients share the beds in different ways, so neither Erlang B nor C alone fits.
#include "implied_flow.hpp"
#include "scenario.hpp"

namespace kapsim::models {

ImpliedFlow ward_implied_flow(const UnitParameters& parameters, const UnitDemand& demand);

// A ward whose planned list never empties: while planned admissions are open every bed that
// frees within the beds goes to the list, and acute patients take the over-occupancy above them
// and are diverted beyond it; closed weeks admit no planned patient.
struct SaturatedWard {
    double planned_per_day = 0;  // the most planned patients it can admit a day
    double acute_lost = 0;       // the share of acute patients diverted meanwhile
};
SaturatedWard ward_with_full_list(const WardSpec& spec, double acute_per_day, double acute_stay_days,
                                  double planned_stay_days);

}  // namespace kapsim::models
