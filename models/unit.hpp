#pragma once
// The small interface every kind of unit implements. A unit receives patients, handles its
// own events, and reports its metrics for the observed period; adding a kind is one file
// implementing this, plus one entry in unit_kinds.cpp.
#include <cstdint>
#include <string>
#include <vector>

#include "metric.hpp"
#include "patient.hpp"
#include "sim/occupancy_recorder.hpp"
#include "sim/simulation.hpp"

namespace kapsim::models {

class Unit : public sim::EventReceiver {
public:
    // Seats the people the scenario says are at the unit when the run starts (staying, with
    // the time left of their stays, and waiting). Called once, before the run.
    virtual void seat_people_at_start() = 0;
    // Someone comes to the unit now.
    virtual void arrive(sim::Time now, const Patient& patient) = 0;
    // Statistics are kept from `now` on (the end of the warm-up) until finish_observation.
    virtual void start_observation(sim::Time now) = 0;
    // Closes the books at `now`; stays still going on are charged up to now.
    virtual void finish_observation(sim::Time now) = 0;
    // Writes each metric its kind declares, once, for the observed period.
    virtual void report(MetricSheet& metrics) const = 0;
    // Writes the results by class that by_class_metrics() declares for this unit.
    virtual void report_by_class(MetricSheet& metrics) const = 0;
    // Writes next_step_metrics(): the waits for the next step of those whose stay here is over.
    virtual void report_next_step(MetricSheet& metrics) const = 0;

    // Waiting for the next step (waiting_for_place.hpp). Whether someone arriving now would be
    // admitted to a place straight away (not queued, turned away or bought), and whether any
    // place at all is free.
    virtual bool has_place_for(sim::Time now, const Patient& patient) const = 0;
    virtual bool has_free_place() const = 0;
    // The person of visit `visit`, ready for discharge here, has gone on (the router has sent
    // them, or will at once): their place is freed and their wait booked. `after_max`: they went
    // because the longest wait ran out.
    virtual void leave_after_wait(sim::Time now, std::uint32_t visit, bool after_max) = 0;

    // A caseload team's effect (WhileEnrolled): one of its enrolled persons did not come to
    // unit `at` now, as they would have without the team. Only a team with an effect counts.
    virtual void arrival_avoided(sim::Time /*now*/, std::size_t /*at*/) {}

    // The record of places in use over time: its shares give the occupancy distribution of
    // the observed period, and its days the occupancy through the year.
    virtual sim::OccupancyRecorder& occupancy() = 0;
};

}  // namespace kapsim::models
