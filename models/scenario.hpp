#pragma once
// The validated, immutable description of what to simulate. Built once from YAML by
// load_scenario(); every replication builds its own model from it.
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "sim/arrival_process.hpp"
#include "sim/capacity_pool.hpp"
#include "sim/distribution.hpp"

namespace kapsim::models {

// A group of patients or clients with its own arrival process and first stop.
struct PatientClass {
    std::string id;
    sim::ArrivalProfile arrivals;
    std::size_t first_unit = 0;  // index into Scenario::units
    int priority = 0;            // lower goes first in a priority queue
};

// A change of capacity: from a date on, or in the same ISO weeks every year.
struct CapacityRule {
    std::optional<std::chrono::sys_days> from;  // one-off change, in force from this day
    int first_week = 0, last_week = 0;          // recurring, when `from` is empty
    std::size_t capacity = 0;
};

// The generic unit: `capacity` identical places, a waiting line or none, a service time.
struct PoolSpec {
    std::string id;
    std::size_t capacity = 0;  // sim::unlimited_capacity for no limit
    sim::QueueDiscipline queue = sim::QueueDiscipline::none;
    sim::Distribution service = sim::Distribution::fixed(0);
    std::optional<sim::Distribution> patience;  // reneging: leaves the line after this long
    std::vector<CapacityRule> capacity_schedule;
};

struct Scenario {
    std::string name;
    std::string description;
    std::string file;
    std::string content_hash;
    std::string canonical_yaml;
    std::chrono::sys_days start{};
    double run_length_days = 0;  // observed period, after the warm-up
    double warmup_days = 0;
    std::size_t replications = 0;
    std::uint64_t seed = 0;
    std::vector<PatientClass> classes;
    std::vector<PoolSpec> units;

    double horizon_days() const { return warmup_days + run_length_days; }
};

}  // namespace kapsim::models
