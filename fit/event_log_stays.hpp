#pragma once
// kapsim's own patient-level log (`kapsim run --events`: time, person, class, unit, event,
// municipality), joined into stays: each person's arrival at a unit opens a stay that their
// admission, discharge, turning away or reneging there fills in.
#include "data_table.hpp"
#include "stay_records.hpp"

namespace kapsim::fit {

void read_event_log(const DataTable& t, StayData& data);

}  // namespace kapsim::fit
