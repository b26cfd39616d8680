#include "care_system.hpp"

#include <memory>

#include "pool_unit.hpp"
#include "sim/arrival_process.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/random_streams.hpp"
#include "sim/simulation.hpp"

namespace kapsim::models {
namespace {

// Generates one class's arrivals and hands each to the class's first unit.
class ArrivalSource final : public sim::EventReceiver {
public:
    ArrivalSource(const PatientClass& patient_class, std::uint32_t class_index, Unit& first_unit,
                  sim::Simulation& simulation, const sim::RandomStreams& streams, const sim::CalendarClock& clock,
                  sim::Time horizon, std::vector<double>* trace)
        : process_(patient_class.arrivals, clock, horizon),
          stream_(streams.stream("arrivals/" + patient_class.id)),
          class_index_(class_index),
          first_unit_(first_unit),
          simulation_(simulation),
          address_(simulation.add_receiver(*this)),
          trace_(trace) {
        schedule_next(0.0);
    }

    void on_event(sim::Time now, std::uint32_t, std::uint32_t) override {
        if (trace_) trace_->push_back(now);
        schedule_next(now);
        first_unit_.arrive(now, class_index_);
    }

private:
    void schedule_next(sim::Time now) {
        const sim::Time next = process_.next_after(now, stream_);
        if (std::isfinite(next)) simulation_.schedule_at(next, {address_, 0, 0});
    }

    sim::ArrivalProcess process_;
    sim::RandomStream stream_;
    std::uint32_t class_index_;
    Unit& first_unit_;
    sim::Simulation& simulation_;
    std::uint32_t address_;
    std::vector<double>* trace_;
};

// Marks the end of the warm-up: every unit starts its statistics afresh.
class WarmupEnd final : public sim::EventReceiver {
public:
    explicit WarmupEnd(std::vector<std::unique_ptr<Unit>>& units) : units_(units) {}
    void on_event(sim::Time now, std::uint32_t, std::uint32_t) override {
        for (auto& u : units_) u->start_observation(now);
    }

private:
    std::vector<std::unique_ptr<Unit>>& units_;
};

}  // namespace

std::vector<MetricKey> metric_catalog(const Scenario& scenario) {
    std::vector<MetricKey> keys;
    for (const auto& u : scenario.units)
        for (const auto name : PoolUnit::metric_names()) keys.push_back({u.id, std::string(name)});
    return keys;
}

ReplicationResult run_replication(const Scenario& scenario, std::size_t replication, ReplicationOptions options) {
    const sim::RandomStreams streams(scenario.seed, replication);
    const sim::CalendarClock clock(scenario.start);
    const sim::Time horizon = scenario.horizon_days();
    sim::Simulation simulation;
    ReplicationResult result;

    std::vector<std::unique_ptr<Unit>> units;
    for (const auto& spec : scenario.units)
        units.push_back(std::make_unique<PoolUnit>(spec, scenario.classes, simulation, streams, clock, horizon));

    std::vector<std::unique_ptr<ArrivalSource>> sources;
    for (std::size_t c = 0; c < scenario.classes.size(); ++c) {
        const auto& pc = scenario.classes[c];
        sources.push_back(std::make_unique<ArrivalSource>(pc, static_cast<std::uint32_t>(c), *units[pc.first_unit],
                                                          simulation, streams, clock, horizon,
                                                          options.record_arrivals ? &result.arrival_times : nullptr));
    }

    WarmupEnd warmup_end(units);
    if (scenario.warmup_days > 0) {
        simulation.schedule_at(scenario.warmup_days, {simulation.add_receiver(warmup_end), 0, 0});
    } else {
        for (auto& u : units) u->start_observation(0.0);
    }
    simulation.run_until(horizon);

    for (auto& u : units) {
        u->finish_observation(horizon);
        u->report(result.metrics);
        result.occupancy_distribution.push_back(u->occupancy_distribution());
    }
    return result;
}

}  // namespace kapsim::models
