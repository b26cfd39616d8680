#include "pool_unit.hpp"

#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sim/capacity_pool.hpp"
#include "sim/quantity.hpp"
#include "sim/tally.hpp"
#include "visits.hpp"

namespace kapsim::models {
namespace {

std::vector<MetricSpec> pool_metrics(const Scenario&, std::size_t) {
    using R = MetricRole;
    using U = MetricUnit;
    return {
        {"arrivals_per_year", R::arrivals, U::per_year, "arrivals", "ankomster"},
        {"admitted_per_year", R::admissions, U::per_year, "admitted", "intagna"},
        {"turned_away_per_year", R::turned_away, U::per_year, "turned away", "fick inte plats", true, 1},
        {"reneged_per_year", R::reneged, U::per_year, "left the queue", "lämnade kön"},
        {"p_turned_away", R::share_turned_away, U::share, "share turned away", "andel som inte fick plats"},
        {"p_wait", R::share_waited, U::share, "share who waited", "andel som fick vänta", true, 2},
        {"mean_wait_days", R::wait, U::days, "mean wait", "genomsnittlig väntetid", true, 3},
        {"wait_p90_days", R::wait, U::days, "90th percentile wait", "väntetid, 90:e percentilen"},
        {"mean_stay_days", R::stay, U::days, "mean stay", "genomsnittlig vistelsetid"},
        {"occupancy_mean", R::occupancy, U::persons, "mean occupancy", "genomsnittlig beläggning"},
        {"occupancy_pct", R::utilisation, U::percent, "occupancy (% of capacity)", "beläggningsgrad", true, 4},
        {"p_full", R::time_full, U::share, "time with all places in use", "andel av tiden med alla platser upptagna", true},
        {"queue_mean", R::queue, U::persons, "mean queue length", "genomsnittlig kö"},
    };
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double ratio(double a, double b) { return b > 0 ? a / b : nan; }

class PoolUnit final : public Unit {
public:
    explicit PoolUnit(const UnitContext& c)
        : ctx_(c),
          spec_(std::get<PoolSpec>(c.spec.parameters)),
          address_(c.simulation.add_receiver(*this)),
          stays_(c.spec.stay, c.scenario.classes.size(), c.scenario.units.size(), c.streams, c.spec.id),
          patience_(spec_.patience),
          patience_stream_(c.streams.stream("patience/" + c.spec.id)),
          pool_(spec_.capacity, spec_.queue),
          capacity_changes_(capacity_change_points(spec_.capacity, spec_.capacity_schedule, c.clock, c.horizon)) {
        for (std::size_t i = 0; i < capacity_changes_.size(); ++i) {
            if (capacity_changes_[i].first <= 0)
                pool_.set_capacity(0, capacity_changes_[i].second);
            else
                c.simulation.schedule_at(capacity_changes_[i].first,
                                         {address_, capacity_change, static_cast<std::uint32_t>(i)});
        }
    }

    void arrive(sim::Time now, const Patient& patient) override {
        // Every arrival draws its destination, stay and patience, used or not, so the i-th
        // arrival gets the same numbers whatever the capacity: common random numbers.
        Visit v;
        v.patient = patient;
        v.arrived = now;
        v.next = ctx_.router.draw_after_stay(ctx_.index, patient);
        v.stay = stays_.draw(patient.patient_class, v.next);
        const sim::Time patience = patience_ ? patience_->sample(patience_stream_) : 0.0;
        v.observed = window_.open;
        if (window_.open) ++arrivals_;

        if (pool_.has_free_place()) {
            admit(now, visits_.open(v));
            return;
        }
        if (pool_.discipline() == sim::QueueDiscipline::none) {
            if (window_.open) ++turned_away_;
            ctx_.router.send(now, ctx_.router.draw_overflow(ctx_.index, patient), patient);
            return;
        }
        const std::uint32_t id = visits_.open(v);
        if (window_.open) ++queued_;
        pool_.enqueue(now, id, ctx_.scenario.classes[patient.patient_class].priority);
        if (patience_)
            visits_[id].patience = ctx_.simulation.schedule_cancellable_in(patience, {address_, patience_ran_out, id});
    }

    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) override {
        switch (kind) {
            case stay_over: {
                const Visit v = visits_[payload];
                ctx_.ledger.stay(ctx_.index, v.patient, v.admitted, now);
                visits_.close(payload);
                pool_.release(now);
                admit_waiting(now);
                ctx_.router.send(now, v.next, v.patient);
                break;
            }
            case patience_ran_out:
                pool_.withdraw(now, payload);
                if (window_.open) ++reneged_;
                visits_.close(payload);
                break;
            case capacity_change:
                pool_.set_capacity(now, capacity_changes_[payload].second);
                admit_waiting(now);
                break;
        }
    }

    void start_observation(sim::Time now) override {
        window_.start(now);
        pool_.start_observation(now);
    }

    void finish_observation(sim::Time now) override {
        window_.finish(now);
        pool_.close_observation(now);
        visits_.for_each_staying([&](const Visit& v) { ctx_.ledger.stay(ctx_.index, v.patient, v.admitted, now); });
    }

    void report(MetricSheet& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        const bool limited = !pool_.unlimited() || !spec_.capacity_schedule.empty();
        m.put("arrivals_per_year", n(arrivals_) / years);
        m.put("admitted_per_year", n(admitted_) / years);
        m.put("turned_away_per_year", n(turned_away_) / years);
        m.put("reneged_per_year", n(reneged_) / years);
        m.put("p_turned_away", ratio(n(turned_away_), n(arrivals_)));
        m.put("p_wait", ratio(n(queued_), n(arrivals_ - turned_away_)));
        m.put("mean_wait_days", waits_.mean());
        m.put("wait_p90_days", waits_.quantile(0.9));
        m.put("mean_stay_days", stay_lengths_.mean());
        const double occupancy = pool_.in_use_record().mean();
        m.put("occupancy_mean", occupancy);
        m.put("occupancy_pct", limited && pool_.capacity_time() > 0 ? 100.0 * occupancy * observed / pool_.capacity_time() : nan);
        m.put("p_full", limited ? pool_.full_time() / observed : 0.0);
        m.put("queue_mean", pool_.waiting_record().mean());
    }

    sim::OccupancyRecorder& occupancy() override { return pool_.in_use_record(); }

private:
    enum Event : std::uint32_t { stay_over, patience_ran_out, capacity_change };

    void admit(sim::Time now, std::uint32_t id) {
        Visit& v = visits_[id];
        ctx_.simulation.cancel(v.patience);
        v.admitted = now;
        v.staying = true;
        pool_.occupy(now);
        ctx_.ledger.admission(now, ctx_.index, v.patient);
        if (window_.open) {
            ++admitted_;
            stay_lengths_.add(v.stay);
        }
        if (v.observed) waits_.add(now - v.arrived);
        ctx_.simulation.schedule_in(v.stay, {address_, stay_over, id});
    }

    void admit_waiting(sim::Time now) {
        std::uint32_t next = 0;
        while (pool_.has_free_place() && pool_.dequeue(now, next)) admit(now, next);
    }

    UnitContext ctx_;
    const PoolSpec& spec_;
    std::uint32_t address_;
    StaySampler stays_;
    std::optional<sim::Distribution> patience_;
    sim::RandomStream patience_stream_;
    sim::CapacityPool pool_;
    std::vector<std::pair<sim::Time, std::size_t>> capacity_changes_;
    Visits visits_;

    ObservationWindow window_;
    std::uint64_t arrivals_ = 0, admitted_ = 0, turned_away_ = 0, reneged_ = 0, queued_ = 0;
    sim::Tally waits_;
    sim::Tally stay_lengths_{sim::Tally::Keep::moments_only};
};

UnitParameters read_pool(const Field& f, const LoadContext& ctx, StayTable& stay) {
    PoolSpec u;
    u.capacity = read_capacity(f.required("capacity"), ctx, true);
    const std::string queue = f.has("queue") ? f.child("queue").as_string() : "none";
    if (queue == "none") u.queue = sim::QueueDiscipline::none;
    else if (queue == "fifo") u.queue = sim::QueueDiscipline::fifo;
    else if (queue == "priority") u.queue = sim::QueueDiscipline::priority;
    else f.child("queue").fail(fmt::format("unknown queue '{}'", queue), "use none (blocked arrivals are lost), fifo or priority");
    stay = read_stay_table(f.required("service"), ctx);
    if (f.has("patience")) {
        if (u.queue == sim::QueueDiscipline::none)
            f.child("patience").fail("patience needs a queue to wait in", "set queue: fifo or priority, or remove patience");
        u.patience = read_distribution(f.child("patience"));
    }
    if (f.has("capacity_schedule")) u.capacity_schedule = read_capacity_schedule(f.child("capacity_schedule"), ctx);
    return u;
}

}  // namespace

std::vector<std::pair<sim::Time, std::size_t>> capacity_change_points(std::size_t base,
                                                                      const std::vector<CapacityRule>& rules,
                                                                      const sim::CalendarClock& clock,
                                                                      sim::Time horizon) {
    std::vector<std::pair<sim::Time, std::size_t>> points;
    if (rules.empty()) return points;
    std::size_t previous = base;
    const auto days = static_cast<long>(std::ceil(horizon));
    for (long d = 0; d <= days; ++d) {
        const auto day = clock.start() + std::chrono::days{d};
        // One-off changes in file order set the base; a recurring week rule overrides it.
        std::size_t capacity = base;
        for (const auto& r : rules)
            if (r.from && *r.from <= day) capacity = r.capacity;
        const int week = clock.at(static_cast<sim::Time>(d)).iso_week;
        for (const auto& r : rules)
            if (!r.from && week >= r.first_week && week <= r.last_week) capacity = r.capacity;
        if (capacity != previous) points.emplace_back(static_cast<sim::Time>(d), capacity);
        previous = capacity;
    }
    return points;
}

UnitKind pool_kind() {
    return {"pool",
            "identical places with no queue (blocked arrivals are lost) or a FIFO or priority queue",
            "capacity",
            {"capacity", "queue", "service", "patience", "capacity_schedule"},
            read_pool,
            [](const UnitParameters& p) { return std::get<PoolSpec>(p).queue == sim::QueueDiscipline::none; },
            [](const UnitParameters& p) -> std::optional<CapacityView> {
                const auto& spec = std::get<PoolSpec>(p);
                const bool queues = spec.queue != sim::QueueDiscipline::none;
                return CapacityView{spec.capacity, queues, "places", queues ? "queue" : "turned away",
                                    spec.patience ? spec.patience->mean() : 0.0};
            },
            [](const UnitParameters& p) {
                const auto& spec = std::get<PoolSpec>(p);
                std::string text = spec.capacity == sim::unlimited_capacity ? "capacity unlimited"
                                                                            : fmt::format("capacity {}", spec.capacity);
                text += spec.queue == sim::QueueDiscipline::none   ? ", no queue (blocked arrivals are lost)"
                        : spec.queue == sim::QueueDiscipline::fifo ? ", FIFO queue"
                                                                   : ", priority queue";
                if (spec.patience) text += ", patience " + spec.patience->describe(sim::format_duration);
                if (!spec.capacity_schedule.empty()) text += fmt::format(", {} capacity changes", spec.capacity_schedule.size());
                return text;
            },
            pool_metrics,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<PoolUnit>(c); },
            [](const std::string& id) { return std::vector<std::string>{fmt::format("units.{}.capacity=unlimited", id)}; },
            R"(scenario:
  name: pool-example
  description: Three places with a FIFO queue whose callers give up after a while
  start: 2024-01-01
  run_length: 20y
  warmup: 1y
  replications: 10
  seed: 101
classes:
  callers:
    arrivals: {rate: 2/day}
    first_unit: pool
units:
  pool:
    kind: pool
    capacity: 3
    queue: fifo
    service: {distribution: exponential, mean: 1d}
    patience: {distribution: exponential, mean: 2d}
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"enhet", "plats", "platser",
             "Enhet ({ids}): likvärdiga platser, med eller utan kö; utan kö avvisas den som inte får plats."},
            {"unit", "place", "places",
             "Unit ({ids}): identical places, with or without a queue; without one, whoever finds no place is turned "
             "away."},
            5};
}

}  // namespace kapsim::models
