#pragma once
// Everything a unit is built with for one replication: its spec, the engine, its streams,
// the router that moves people on, and the ledger that books its costs.
#include "cost_ledger.hpp"
#include "event_log.hpp"
#include "router.hpp"
#include "scenario.hpp"
#include "sim/calendar_table.hpp"
#include "sim/random_streams.hpp"
#include "sim/simulation.hpp"

namespace kapsim::models {

struct UnitContext {
    const Scenario& scenario;
    std::size_t index;  // of this unit in scenario.units
    const std::vector<std::size_t>& classes_here;  // the classes that can come here, in class order
    const UnitSpec& spec;
    sim::Simulation& simulation;
    const sim::RandomStreams& streams;
    const sim::CalendarTable& calendar;  // shared by the replications of the scenario
    Router& router;
    CostLedger& ledger;
    sim::Time horizon;
    EventLog* events = nullptr;  // only when a patient-level log is asked for
};

}  // namespace kapsim::models
