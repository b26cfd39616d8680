// The sobering unit (tillnyktringsenhet, TNE): a few places where intoxicated people, often
// brought by the police under LOB, stay some hours. There is no queue: when every place is
// taken, or the unit is closed (0 places, as in Jämtland after 2017-10-31), the person goes
// by the overflow route to police custody, the emergency department, a ward or home.
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "sim/quantity.hpp"
#include "unit_kinds.hpp"
#include "stay_lifecycle.hpp"

namespace kapsim::models {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Every destination any class can be sent to when the unit cannot take them, in route order.
std::vector<Destination> overflow_destinations(const Scenario& s, std::size_t unit) {
    std::vector<Destination> out;
    for (std::size_t c = 0; c < s.classes.size(); ++c)
        for (const Route* route : s.overflows_over_time(unit, c))
            for (const Destination d : route->to)
                if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    if (out.empty()) out.push_back(leaves_system);  // no route: they are simply lost to care
    return out;
}

std::string turned_away_to(const Scenario& s, Destination d) {
    return fmt::format("turned_away_to_{}_per_year", s.destination_name(d));
}

std::vector<MetricSpec> sobering_metrics(const Scenario& s, std::size_t unit) {
    using R = MetricRole;
    using U = MetricUnit;
    std::vector<MetricSpec> specs{
        {"arrivals_per_year", R::arrivals, U::per_year, "arrivals", "ankomster"},
        {"admitted_per_year", R::admissions, U::per_year, "admitted", "intagna"},
        {"turned_away_per_year", R::turned_away, U::per_year, "turned away", "fick inte plats", true, 1},
        {"p_turned_away", R::share_turned_away, U::share, "share turned away", "andel som inte fick plats"},
    };
    for (const Destination d : overflow_destinations(s, unit)) {
        const std::string to = s.destination_name(d);
        specs.push_back({turned_away_to(s, d), R::breakdown, U::per_year, "turned away to " + to, "fick inte plats, till " + to});
    }
    specs.push_back({"mean_stay_hours", R::stay, U::hours, "mean stay", "genomsnittlig vistelsetid"});
    specs.push_back({"occupancy_mean", R::occupancy, U::persons, "mean occupancy", "genomsnittlig beläggning"});
    specs.push_back({"occupancy_pct", R::utilisation, U::percent, "occupancy (% of places)", "beläggningsgrad", true, 2});
    specs.push_back({"p_full", R::time_full, U::share, "time with all places in use", "andel av tiden med alla platser upptagna", true});
    return specs;
}

class SoberingUnit final : public StayLifecycle {
public:
    explicit SoberingUnit(const UnitContext& c)
        : StayLifecycle(c, std::get<SoberingSpec>(c.spec.parameters).places, sim::QueueDiscipline::none,
                        std::get<SoberingSpec>(c.spec.parameters).places_schedule, std::nullopt, overrides_of<SoberingUnit>()),
          destinations_(overflow_destinations(c.scenario, c.index)),
          turned_away_to_(destinations_.size(), 0) {}

    void report(MetricSheet& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        m.put("arrivals_per_year", n(arrivals_) / years);
        m.put("admitted_per_year", n(admitted_) / years);
        m.put("turned_away_per_year", n(turned_away_) / years);
        m.put("p_turned_away", arrivals_ ? n(turned_away_) / n(arrivals_) : nan);
        for (std::size_t i = 0; i < destinations_.size(); ++i)
            m.put(turned_away_to(ctx_.scenario, destinations_[i]), n(turned_away_to_[i]) / years);
        m.put("mean_stay_hours", stay_lengths_.mean() * 24);
        const double occupancy = places_.in_use_record().mean();
        m.put("occupancy_mean", occupancy);
        m.put("occupancy_pct", places_.capacity_time() > 0 ? 100.0 * occupancy * observed / places_.capacity_time() : nan);
        m.put("p_full", places_.full_time() / observed);
    }

private:
    bool reports_wait(const Visit&) const override { return false; }
    void observation_started(sim::Time) override { turned_away_to_.assign(turned_away_to_.size(), 0); }
    void counted_turned_away(const Visit&, Destination to) override {
        ++turned_away_to_[static_cast<std::size_t>(std::find(destinations_.begin(), destinations_.end(), to) -
                                                   destinations_.begin())];
    }

    std::vector<Destination> destinations_;
    std::vector<std::uint64_t> turned_away_to_;
};

UnitParameters read_sobering(const Field& f, const LoadContext& ctx, StayTable& stay) {
    SoberingSpec spec;
    spec.places = read_capacity(f.required("places"), ctx, false);
    // A mean alone: lognormal with sd 0.6 x the mean, as the shipped TNE assumes (5h of 8h).
    stay = read_stay_table(f.required("stay"), ctx, {DefaultStayShape::Family::lognormal, 0.6});
    if (f.has("places_schedule")) spec.places_schedule = read_capacity_schedule(f.child("places_schedule"), ctx);
    return spec;
}

}  // namespace

UnitKind sobering_kind() {
    return {"sobering",
            "sobering unit (TNE): places, stays in hours, no queue; when full or closed, people go by the overflow route",
            "places",
            {"places", "stay", "places_schedule"},
            read_sobering,
            [](const UnitParameters&) { return true; },
            [](const UnitParameters& p) -> std::optional<CapacityView> {
                return CapacityView{std::get<SoberingSpec>(p).places, false, "places", "turned away"};
            },
            [](const UnitParameters& p) {
                const auto& spec = std::get<SoberingSpec>(p);
                std::string text = fmt::format("{} places, no queue", spec.places);
                if (!spec.places_schedule.empty()) text += fmt::format(", {} changes of places", spec.places_schedule.size());
                return text;
            },
            sobering_metrics,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<SoberingUnit>(c); },
            [](const std::string& id) { return std::vector<std::string>{fmt::format("units.{}.places=1000000", id)}; },
            R"(scenario:
  name: sobering-example
  description: A sobering unit whose overflow goes to police custody
  start: 2024-01-01
  run_length: 20y
  warmup: 30d
  replications: 10
  seed: 103
classes:
  lob:
    arrivals: {rate: 2/day}
    first_unit: sobering
units:
  sobering:
    kind: sobering
    places: 2
    stay: {distribution: exponential, mean: 8h}
  custody:
    kind: service
    duration: {distribution: exponential, mean: 10h}
pathways:
  sobering:
    overflow:
      all: {custody: 1}
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"tillnyktringsenhet", "plats", "platser",
             "Tillnyktringsenhet ({ids}): få platser, vistelser på timmar och ingen kö; den som inte får plats, eller "
             "kommer när enheten är stängd, går vidare enligt enhetens väg vid fullt."},
            {"sobering unit", "place", "places",
             "Sobering unit ({ids}): few places, stays of hours and no queue; whoever finds no place, or comes while the "
             "unit is closed, goes on by the unit's overflow route."},
            2};
}

}  // namespace kapsim::models
