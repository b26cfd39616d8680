#pragma once
// The generic unit: `capacity` identical places, either no waiting line (blocked arrivals are
// lost, as in Erlang's loss system) or a FIFO or priority line with optional reneging. Enough
// to express the textbook queues that validate the engine.
#include <span>
#include <string_view>

#include "scenario.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/capacity_pool.hpp"
#include "sim/random_streams.hpp"
#include "sim/tally.hpp"
#include "unit.hpp"

namespace kapsim::models {

class PoolUnit final : public Unit {
public:
    PoolUnit(const PoolSpec& spec, const std::vector<PatientClass>& classes, sim::Simulation& simulation,
             const sim::RandomStreams& streams, const sim::CalendarClock& clock, sim::Time horizon);

    // The metrics report() appends, in order.
    static std::span<const std::string_view> metric_names();

    void arrive(sim::Time now, std::uint32_t patient_class) override;
    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) override;
    void start_observation(sim::Time now) override;
    void finish_observation(sim::Time now) override;
    void report(std::vector<double>& metrics) const override;
    std::vector<double> occupancy_distribution() const override;

private:
    enum Event : std::uint32_t { service_done, patience_ran_out, capacity_change };

    struct Visit {
        sim::Time arrived;
        sim::Time service;  // drawn on arrival, so every capacity sees the same stays
        sim::EventHandle patience;
        bool observed;  // arrived after the warm-up
    };

    std::uint32_t new_visit(const Visit& v);
    void begin_service(sim::Time now, std::uint32_t visit);
    void start_waiting(sim::Time now);

    const PoolSpec& spec_;
    const std::vector<PatientClass>& classes_;
    sim::Simulation& simulation_;
    std::uint32_t address_;
    sim::Distribution service_;
    std::optional<sim::Distribution> patience_;
    sim::RandomStream service_stream_;
    sim::RandomStream patience_stream_;
    sim::CapacityPool pool_;
    std::vector<std::pair<sim::Time, std::size_t>> capacity_changes_;

    std::vector<Visit> visits_;
    std::vector<std::uint32_t> free_visits_;

    bool observing_ = false;
    sim::Time observed_from_ = 0, observed_to_ = 0;
    std::uint64_t arrivals_ = 0, admitted_ = 0, turned_away_ = 0, reneged_ = 0, queued_ = 0;
    sim::Tally waits_;
    sim::Tally stays_{sim::Tally::Keep::moments_only};
};

// Capacity in force each day, as (time, capacity) change points over [0, horizon].
std::vector<std::pair<sim::Time, std::size_t>> capacity_change_points(std::size_t base,
                                                                      const std::vector<CapacityRule>& rules,
                                                                      const sim::CalendarClock& clock, sim::Time horizon);

}  // namespace kapsim::models
