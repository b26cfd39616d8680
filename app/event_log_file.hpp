#pragma once
// `kapsim run --events FILE`: one replication's patient-level log as CSV, one row per event,
// `time,days,person,class,unit,event,municipality`, time as an ISO date-time of the scenario's calendar and
// as days since its start. `kapsim fit` reads it back, which is how the fit is tested.
#include <cstddef>
#include <filesystem>
#include <string>

#include "models/event_log.hpp"
#include "models/scenario.hpp"

namespace kapsim::app {

std::string event_log_csv(const models::Scenario& scenario, std::size_t replication, const models::EventLog& log);

// Refuses a replication the run does not have (checked before simulating).
void require_event_replication(const models::Scenario& scenario, std::size_t replication);

// Runs replication `replication` (numbered from 0, as in replications.csv) of the scenario again with the log on, and writes
// the file atomically. A replication is the same whenever it runs, so this is the log of the
// replication the summary holds, and runs without --events pay nothing for it.
void write_event_log(const models::Scenario& scenario, std::size_t replication, const std::filesystem::path& file);

}  // namespace kapsim::app
