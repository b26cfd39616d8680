// The generic unit: `capacity` identical places, either no waiting line (blocked arrivals are
// lost, as in Erlang's loss system, or go on by the overflow route) or a FIFO or priority
// line with optional reneging. Enough to express the textbook queues that validate the engine.
#include <limits>

#include <fmt/format.h>

#include "sim/quantity.hpp"
#include "stay_lifecycle.hpp"
#include "unit_kinds.hpp"

namespace kapsim::models {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

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
        {"wait_p90_days", R::wait, U::days, "90th percentile wait", "väntetid, 90:e percentilen", false, 0, 0.9},
        {"mean_stay_days", R::stay, U::days, "mean stay", "genomsnittlig vistelsetid"},
        {"occupancy_mean", R::occupancy, U::persons, "mean occupancy", "genomsnittlig beläggning"},
        {"occupancy_pct", R::utilisation, U::percent, "occupancy (% of capacity)", "beläggningsgrad", true, 4},
        {"p_full", R::time_full, U::share, "time with all places in use", "andel av tiden med alla platser upptagna", true},
        {"queue_mean", R::queue, U::persons, "mean queue length", "genomsnittlig kö"},
    };
}

class PoolUnit final : public StayLifecycle {
public:
    explicit PoolUnit(const UnitContext& c)
        : StayLifecycle(c, std::get<PoolSpec>(c.spec.parameters).capacity, std::get<PoolSpec>(c.spec.parameters).queue,
                        std::get<PoolSpec>(c.spec.parameters).capacity_schedule, std::get<PoolSpec>(c.spec.parameters).patience,
                        overrides_of<PoolUnit>()),
          spec_(std::get<PoolSpec>(c.spec.parameters)) {}

    void report(MetricSheet& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        const bool limited = !places_.unlimited() || !spec_.capacity_schedule.empty();
        m.put("arrivals_per_year", n(arrivals_) / years);
        m.put("admitted_per_year", n(admitted_) / years);
        m.put("turned_away_per_year", n(turned_away_) / years);
        m.put("reneged_per_year", n(reneged_) / years);
        m.put("p_turned_away", ratio(n(turned_away_), n(arrivals_)));
        m.put("p_wait", ratio(n(waited_), n(arrivals_ - turned_away_)));
        m.put("mean_wait_days", waits_.mean());
        m.put_quantile("wait_p90_days", waits_);
        m.put("mean_stay_days", stay_lengths_.mean());
        const double occupancy = places_.in_use_record().mean();
        m.put("occupancy_mean", occupancy);
        m.put("occupancy_pct", limited && places_.capacity_time() > 0 ? 100.0 * occupancy * observed / places_.capacity_time() : nan);
        m.put("p_full", limited ? places_.full_time() / observed : 0.0);
        m.put("queue_mean", places_.waiting_record().mean());
    }

private:
    const PoolSpec& spec_;
};

UnitParameters read_pool(const Field& f, const LoadContext& ctx, StayTable& stay) {
    PoolSpec u;
    u.capacity = read_capacity(f.required("capacity"), ctx, true);
    const std::string queue = f.has("queue") ? f.child("queue").as_string() : "none";
    if (queue == "none") u.queue = sim::QueueDiscipline::none;
    else if (queue == "fifo") u.queue = sim::QueueDiscipline::fifo;
    else if (queue == "priority") u.queue = sim::QueueDiscipline::priority;
    else f.child("queue").fail(say("unknown queue '{}'", queue), say("use none (blocked arrivals are lost), fifo or priority"));
    // A mean alone: exponential, the textbook queues' stay.
    stay = read_stay_table(f.required("service"), ctx, {DefaultStayShape::Family::exponential});
    if (f.has("patience")) {
        if (u.queue == sim::QueueDiscipline::none)
            f.child("patience").fail(say("patience needs a queue to wait in"), say("set queue: fifo or priority, or remove patience"));
        u.patience = read_distribution(f.child("patience"));
    }
    if (f.has("capacity_schedule")) u.capacity_schedule = read_capacity_schedule(f.child("capacity_schedule"), ctx);
    return u;
}

}  // namespace

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
            5,
            nullptr,
            [](const UnitParameters& p, std::size_t) {
                const auto& spec = std::get<PoolSpec>(p);
                return WaitingLine{spec.queue != sim::QueueDiscipline::none, &spec.patience};
            }};
}

}  // namespace kapsim::models
