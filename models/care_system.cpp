#include "care_system.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <numeric>

#include <boost/random/discrete_distribution.hpp>

#include "cost_ledger.hpp"
#include "population.hpp"
#include "replication_limits.hpp"
#include "router.hpp"
#include "sim/arrival_process.hpp"
#include "sim/calendar_table.hpp"
#include "sim/random_streams.hpp"
#include "sim/simulation.hpp"
#include "unit_base.hpp"
#include "unit_kinds.hpp"
#include "waiting_for_place.hpp"

namespace kapsim::models {
namespace {

// Generates one class's arrivals, gives each person their attributes, and hands them to the
// class's first unit.
class ArrivalSource final : public sim::EventReceiver {
public:
    ArrivalSource(const Scenario& scenario, const PatientClass& patient_class, std::uint32_t class_index, Unit& first_unit,
                  sim::Simulation& simulation, const sim::RandomStreams& streams, const PhasedArrivals& process,
                  std::vector<double>* trace, std::uint32_t& next_person)
        : scenario_(scenario),
          process_(process),
          stream_(streams.stream("arrivals/" + patient_class.id)),
          attribute_stream_(streams, "attributes/" + patient_class.id),
          has_municipality_(!patient_class.municipality_share.empty()),
          class_index_(class_index),
          first_unit_(first_unit),
          simulation_(simulation),
          address_(simulation.add_receiver(*this)),
          chain_(simulation.add_chain()),
          trace_(trace),
          next_person_(next_person) {
        if (has_municipality_)
            municipality_ = boost::random::discrete_distribution<std::uint32_t, double>(
                patient_class.municipality_share.begin(), patient_class.municipality_share.end());
        schedule_next(0.0);
    }

    void on_event(sim::Time now, std::uint32_t, std::uint32_t) override {
        if (trace_) trace_->push_back(now);
        // The person is written before the next arrival is drawn, so that their fields are
        // out of the store buffer when the unit reads them whole (the two use their own streams).
        Patient p;
        p.patient_class = class_index_;
        p.person = next_person_++;
        if (has_municipality_) p.municipality = municipality_(attribute_stream_.get());
        schedule_next(now);
        try {
            first_unit_.arrive(now, p);
        } catch (const sim::WaitingLineFull& full) {
            throw_overloaded(scenario_, scenario_.classes[class_index_].first_unit, full);
        }
    }

private:
    void schedule_next(sim::Time now) {
        const sim::Time next = process_.next_after(now, stream_);
        if (std::isfinite(next)) simulation_.schedule_on_chain(chain_, next, {address_, 0, 0});
    }

    const Scenario& scenario_;
    const PhasedArrivals& process_;  // shared by the replications
    sim::RandomStream stream_;
    sim::LazyStream attribute_stream_;  // drawn from only when the class names municipalities
    bool has_municipality_;
    boost::random::discrete_distribution<std::uint32_t, double> municipality_;
    std::uint32_t class_index_;
    Unit& first_unit_;
    sim::Simulation& simulation_;
    std::uint32_t address_;
    std::uint32_t chain_;  // arrivals come one at a time
    std::vector<double>* trace_;
    std::uint32_t& next_person_;  // shared by the classes' sources
};

// Marks the end of the warm-up: every unit and population starts its statistics afresh.
class WarmupEnd final : public sim::EventReceiver {
public:
    WarmupEnd(std::vector<std::unique_ptr<Unit>>& units, std::vector<std::unique_ptr<Population>>& populations)
        : units_(units), populations_(populations) {}
    void on_event(sim::Time now, std::uint32_t, std::uint32_t) override {
        for (auto& u : units_) u->start_observation(now);
        for (auto& p : populations_) p->start_observation(now);
    }

private:
    std::vector<std::unique_ptr<Unit>>& units_;
    std::vector<std::unique_ptr<Population>>& populations_;
};

// Mean occupancy per calendar month over the whole days of the observed period.
std::array<double, 12> by_month(const sim::OccupancyRecorder& occupancy, const PreparedScenario& prepared) {
    const std::array<double, 12> area = occupancy.month_area();
    std::array<double, 12> mean;
    for (std::size_t m = 0; m < 12; ++m) {
        const double days = prepared.observed_days_by_month[m];
        mean[m] = days > 0 ? area[m] / days : std::numeric_limits<double>::quiet_NaN();
    }
    return mean;
}

MetricSpec cost_per_year() {
    return {"cost_per_year", MetricRole::cost, MetricUnit::kronor_per_year, "cost", "kostnad"};
}

}  // namespace

std::vector<MetricKey> metric_catalog(const Scenario& scenario) {
    std::vector<MetricKey> keys;
    const auto classes_here = classes_by_unit(scenario);
    for (std::size_t u = 0; u < scenario.units.size(); ++u) {
        const auto& id = scenario.units[u].id;
        for (auto& spec : find_unit_kind(scenario.units[u].kind)->metrics(scenario, u))
            keys.push_back({"units", id, spec.id, spec});
        keys.push_back({"units", id, "cost_per_year", cost_per_year()});
        for (auto& spec : by_class_metrics(scenario, classes_here[u])) keys.push_back({"units", id, spec.id, spec});
        for (auto& spec : next_step_metrics(scenario, u)) keys.push_back({"units", id, spec.id, spec});
    }
    // A class of known persons: its visits and how they are spread over the persons.
    for (const auto& c : scenario.classes)
        if (c.population)
            for (auto& spec : Population::metrics()) keys.push_back({"classes", c.id, spec.id, spec});
    for (const auto& p : scenario.payers) keys.push_back({"payers", p, "cost_per_year", cost_per_year()});
    keys.push_back({"payers", "total", "cost_per_year", cost_per_year()});
    return keys;
}

ReplicationResult run_replication(const Scenario& scenario, std::size_t replication, ReplicationOptions options) {
    return run_replication(PreparedScenario(scenario), replication, options);
}

namespace {

// One replication's care system, built the same way for the run and for its pass by calendar
// year, so that both follow the same path event for event: units, router, ledger and arrival
// sources, with the end of the warm-up scheduled last.
struct CareSystem {
    CareSystem(const PreparedScenario& prepared, std::size_t replication, const ReplicationOptions& options,
               std::vector<double>* arrival_trace, bool track_every_day)
        : scenario(prepared.scenario),
          classes_by_unit(prepared.classes_by_unit),
          streams(scenario.seed, replication),
          router(scenario, streams, simulation),
          ledger(scenario, scenario.warmup_days, prepared.horizon),
          warmup_end(units, populations) {
        const sim::Time horizon = prepared.horizon;
        for (std::size_t u = 0; u < scenario.units.size(); ++u) {
            const UnitContext context{scenario,         u,      classes_by_unit[u], scenario.units[u],
                                      simulation,       streams, prepared.calendar,         router,
                                      ledger,           horizon, options.events};
            units.push_back(find_unit_kind(scenario.units[u].kind)->build(context));
        }
        std::vector<Unit*> unit_pointers;
        for (auto& u : units) {
            unit_pointers.push_back(u.get());
            // Every day is kept only where a per-day output asks for it: the warm-up's series, or
            // occupancy by month of a run from today (months from the start date, not the calendar's).
            u->occupancy().track_days(prepared.calendar, prepared.observed_days.first, prepared.observed_days.second,
                                      horizon, track_every_day);
        }
        router.connect(unit_pointers);
        for (auto& u : units) u->seat_people_at_start();

        std::vector<Population*> population_of(scenario.classes.size(), nullptr);
        for (std::size_t c = 0; c < scenario.classes.size(); ++c) {
            const auto& pc = scenario.classes[c];
            if (pc.population) {  // known persons who come back, instead of arrivals
                populations.push_back(std::make_unique<Population>(scenario, static_cast<std::uint32_t>(c), router,
                                                                   simulation, streams, next_person));
                population_of[c] = populations.back().get();
                continue;
            }
            sources.push_back(std::make_unique<ArrivalSource>(scenario, pc, static_cast<std::uint32_t>(c),
                                                              *units[pc.first_unit], simulation, streams,
                                                              prepared.arrivals[c], arrival_trace, next_person));
        }
        router.connect_populations(std::move(population_of));

        if (scenario.warmup_days > 0) {
            simulation.schedule_at(scenario.warmup_days, {simulation.add_receiver(warmup_end), 0, 0});
        } else {
            for (auto& u : units) u->start_observation(0.0);
            for (auto& p : populations) p->start_observation(0.0);
        }
        simulation.set_event_limit(options.event_limit ? options.event_limit : event_limit_per_replication(prepared.estimate));
    }

    void run_until(sim::Time horizon, std::size_t replication, const WorkEstimate& estimate) {
        try {
            simulation.run_until(horizon);
        } catch (const sim::EventLimitReached& reached) {
            throw_runaway(scenario, replication, estimate, reached);
        }
    }

    // Closes the observed period at `now` and appends every metric, in the order of
    // metric_catalog(), with the observations behind the pooled quantiles.
    void report(sim::Time now, std::vector<double>& metrics,
                std::vector<std::pair<std::size_t, sim::QuantileSample>>& samples) {
        for (auto& u : units) u->finish_observation(now);
        ledger.close();
        const auto unit_costs = ledger.per_year_by_unit();
        for (std::size_t u = 0; u < units.size(); ++u) {
            // Appends a sheet's values, and its pooled-quantile observations at their places.
            const auto append = [&](MetricSheet& sheet) {
                const std::size_t first = metrics.size();
                const auto values = sheet.values();
                metrics.insert(metrics.end(), values.begin(), values.end());
                for (auto& [i, sample] : sheet.take_samples()) samples.emplace_back(first + i, std::move(sample));
            };
            const auto specs = find_unit_kind(scenario.units[u].kind)->metrics(scenario, u);
            MetricSheet sheet(specs);
            units[u]->report(sheet);
            append(sheet);
            metrics.push_back(unit_costs[u]);
            const auto class_specs = by_class_metrics(scenario, classes_by_unit[u]);
            MetricSheet by_class(class_specs);
            units[u]->report_by_class(by_class);
            append(by_class);
            const auto next_step_specs = next_step_metrics(scenario, u);
            MetricSheet next_step(next_step_specs);
            units[u]->report_next_step(next_step);
            append(next_step);
        }
        const auto population_specs = Population::metrics();
        for (const auto& p : populations) {
            MetricSheet sheet(population_specs);
            p->report(now, sheet);
            const auto values = sheet.values();
            metrics.insert(metrics.end(), values.begin(), values.end());
        }
        const auto payer_costs = ledger.per_year_by_payer();
        metrics.insert(metrics.end(), payer_costs.begin(), payer_costs.end());
        metrics.push_back(std::accumulate(unit_costs.begin(), unit_costs.end(), 0.0));
    }

    const Scenario& scenario;
    const std::vector<std::vector<std::size_t>>& classes_by_unit;
    const sim::RandomStreams streams;
    sim::Simulation simulation;
    Router router;
    CostLedger ledger;
    std::vector<std::unique_ptr<Unit>> units;
    std::uint32_t next_person = 0;
    std::vector<std::unique_ptr<ArrivalSource>> sources;
    std::vector<std::unique_ptr<Population>> populations;  // in class order, as metric_catalog() lists them
    WarmupEnd warmup_end;
};

// At each 1 January of the observed period: every unit's books for the year just over are
// written and restarted, as at the end of the warm-up. Nothing here draws a random number or
// moves anyone, so the path is that of the run itself.
class NewYear final : public sim::EventReceiver {
public:
    NewYear(CareSystem& system, const std::vector<ObservedYear>& years, std::vector<YearResult>& results)
        : system_(system), years_(years), results_(results) {}
    void on_event(sim::Time now, std::uint32_t, std::uint32_t year) override {
        close_year(now, year);
        system_.ledger.restart(now, years_[year + 1].to);
        for (auto& u : system_.units) u->start_observation(now);
        for (auto& p : system_.populations) p->start_observation(now);
    }
    void close_year(sim::Time now, std::size_t year) {
        YearResult& r = results_[year];
        system_.report(now, r.metrics, r.quantile_samples);
    }

private:
    CareSystem& system_;
    const std::vector<ObservedYear>& years_;
    std::vector<YearResult>& results_;
};

// The pass by calendar year: the same replication again, its books closed and restarted on
// each 1 January. A second pass rather than a second set of books in every unit, so that the
// run's own results stay exactly as they were and cost nothing more per event. Where the run
// did not keep every day (it does from today), this pass does, for occupancy month by month.
void run_by_year(const PreparedScenario& prepared, std::size_t replication, ReplicationOptions options,
                 ReplicationResult& result) {
    const auto& years = prepared.years;
    result.by_year.assign(years.size(), {});
    options.events = nullptr;
    const bool months_here = prepared.run_months.empty();
    CareSystem system(prepared, replication, options, nullptr, months_here);
    system.ledger.restart(years.front().from, years.front().to);
    NewYear new_year(system, years, result.by_year);
    const std::uint32_t address = system.simulation.add_receiver(new_year);
    for (std::size_t y = 0; y + 1 < years.size(); ++y)
        system.simulation.schedule_at(years[y].to, {address, 0, static_cast<std::uint32_t>(y)});
    system.run_until(prepared.horizon, replication, prepared.estimate);
    new_year.close_year(prepared.horizon, years.size() - 1);
    if (months_here) {
        const auto months = run_months(prepared.scenario);
        for (auto& u : system.units) result.occupancy_by_run_month.push_back(occupancy_by_run_month(u->occupancy().day_area(), months));
    }
}

}  // namespace

ReplicationResult run_replication(const PreparedScenario& prepared, std::size_t replication, ReplicationOptions options) {
    const sim::Time horizon = prepared.horizon;
    ReplicationResult result;
    {  // the run itself, gone before the pass by year builds its own
        CareSystem system(prepared, replication, options, options.record_arrivals ? &result.arrival_times : nullptr,
                          options.record_daily || !prepared.run_months.empty());
        system.run_until(horizon, replication, prepared.estimate);
        system.report(horizon, result.metrics, result.quantile_samples);
        const auto& months = prepared.run_months;
        for (std::size_t u = 0; u < system.units.size(); ++u) {
            Unit& unit = *system.units[u];
            result.occupancy_distribution.push_back(unit.occupancy().shares());
            result.occupancy_by_month.push_back(by_month(unit.occupancy(), prepared));
            if (!months.empty())
                result.occupancy_by_run_month.push_back(occupancy_by_run_month(unit.occupancy().day_area(), months));
            if (options.record_daily) result.daily_occupancy.push_back(unit.occupancy().day_area());
        }
    }
    if (options.by_year && !prepared.years.empty()) run_by_year(prepared, replication, options, result);
    return result;
}

}  // namespace kapsim::models
