#pragma once
// What happened to each person at each unit, in the order it happened: the patient-level log
// `kapsim run --events` writes, and `kapsim fit` reads back to check that a scenario's
// parameters can be recovered from the stays it generates. Units record into it only when a
// replication is given one, so a run without it pays a pointer test per event and no more.
#include <cstdint>
#include <string_view>
#include <vector>

#include "patient.hpp"
#include "sim/event_calendar.hpp"

namespace kapsim::models {

enum class LifeEvent : std::uint8_t { arrival, admission, turned_away, reneged, discharge, present_at_start };

// The word the log uses for an event: arrival, admission, turned_away, reneged, discharge,
// present_at_start (enrolled when the run starts, with the rest of a stay under way).
std::string_view life_event_name(LifeEvent event);

struct LifeEventRecord {
    sim::Time time = 0;  // days since the scenario's start
    std::uint32_t person = 0;
    std::uint32_t patient_class = 0;
    std::uint32_t unit = 0;
    std::uint32_t municipality = 0;  // index into Scenario::municipalities, or no_municipality
    LifeEvent event = LifeEvent::arrival;
};

class EventLog {
public:
    void add(sim::Time time, const Patient& p, std::uint32_t unit, LifeEvent event) {
        records_.push_back({time, p.person, p.patient_class, unit, p.municipality, event});
    }
    const std::vector<LifeEventRecord>& records() const { return records_; }

private:
    std::vector<LifeEventRecord> records_;
};

}  // namespace kapsim::models
