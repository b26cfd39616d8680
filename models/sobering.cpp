// The sobering unit (tillnyktringsenhet, TNE): a few places where intoxicated people, often
// brought by the police under LOB, stay some hours. There is no queue: when every place is
// taken, or the unit is closed (0 places, as in Jämtland after 2017-10-31), the person goes
// by the overflow route to police custody, the emergency department, a ward or home.
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "pool_unit.hpp"
#include "sim/capacity_pool.hpp"
#include "sim/quantity.hpp"
#include "sim/tally.hpp"
#include "unit_kinds.hpp"
#include "visits.hpp"

namespace kapsim::models {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Every destination any class can be sent to when the unit cannot take them, in route order.
std::vector<Destination> overflow_destinations(const Scenario& s, std::size_t unit) {
    std::vector<Destination> out;
    for (std::size_t c = 0; c < s.classes.size(); ++c)
        for (const Destination d : s.route_overflow(unit, c).to)
            if (std::find(out.begin(), out.end(), d) == out.end()) out.push_back(d);
    if (out.empty()) out.push_back(leaves_system);  // no route: they are simply lost to care
    return out;
}

std::vector<std::string> sobering_metric_names(const Scenario& s, std::size_t unit) {
    std::vector<std::string> names{"arrivals_per_year", "admitted_per_year", "turned_away_per_year", "p_turned_away"};
    for (const Destination d : overflow_destinations(s, unit))
        names.push_back(fmt::format("turned_away_to_{}_per_year", s.destination_name(d)));
    for (const char* n : {"mean_stay_hours", "occupancy_mean", "occupancy_pct", "p_full"}) names.emplace_back(n);
    return names;
}

class SoberingUnit final : public Unit {
public:
    explicit SoberingUnit(const UnitContext& c)
        : ctx_(c),
          spec_(std::get<SoberingSpec>(c.spec.parameters)),
          address_(c.simulation.add_receiver(*this)),
          stays_(c.spec.stay, c.scenario.classes.size(), c.scenario.units.size(), c.streams, c.spec.id),
          places_(spec_.places, sim::QueueDiscipline::none),
          place_changes_(capacity_change_points(spec_.places, spec_.places_schedule, c.clock, c.horizon)),
          destinations_(overflow_destinations(c.scenario, c.index)),
          turned_away_to_(destinations_.size(), 0) {
        for (std::size_t i = 0; i < place_changes_.size(); ++i) {
            if (place_changes_[i].first <= 0)
                places_.set_capacity(0, place_changes_[i].second);
            else
                c.simulation.schedule_at(place_changes_[i].first, {address_, places_change, static_cast<std::uint32_t>(i)});
        }
    }

    void arrive(sim::Time now, const Patient& patient) override {
        Visit v;
        v.patient = patient;
        v.arrived = now;
        v.next = ctx_.router.draw_after_stay(ctx_.index, patient);
        v.stay = stays_.draw(patient.patient_class, v.next);
        if (window_.open) ++arrivals_;
        if (places_.has_free_place()) {
            const std::uint32_t id = visits_.open(v);
            visits_[id].admitted = now;
            visits_[id].staying = true;
            places_.occupy(now);
            ctx_.ledger.admission(now, ctx_.index, patient);
            if (window_.open) {
                ++admitted_;
                stay_lengths_.add(v.stay);
            }
            ctx_.simulation.schedule_in(v.stay, {address_, stay_over, id});
            return;
        }
        const Destination to = ctx_.router.draw_overflow(ctx_.index, patient);
        if (window_.open) {
            ++turned_away_;
            ++turned_away_to_[static_cast<std::size_t>(std::find(destinations_.begin(), destinations_.end(), to) -
                                                       destinations_.begin())];
        }
        ctx_.router.send(now, to, patient);
    }

    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) override {
        if (kind == places_change) {
            places_.set_capacity(now, place_changes_[payload].second);  // a closure lets those inside finish
            return;
        }
        const Visit v = visits_[payload];
        ctx_.ledger.stay(ctx_.index, v.patient, v.admitted, now);
        visits_.close(payload);
        places_.release(now);
        ctx_.router.send(now, v.next, v.patient);
    }

    void start_observation(sim::Time now) override {
        window_.start(now);
        places_.start_observation(now);
    }

    void finish_observation(sim::Time now) override {
        window_.finish(now);
        places_.close_observation(now);
        visits_.for_each_staying([&](const Visit& v) { ctx_.ledger.stay(ctx_.index, v.patient, v.admitted, now); });
    }

    void report(std::vector<double>& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        m.push_back(n(arrivals_) / years);
        m.push_back(n(admitted_) / years);
        m.push_back(n(turned_away_) / years);
        m.push_back(arrivals_ ? n(turned_away_) / n(arrivals_) : nan);
        for (const auto count : turned_away_to_) m.push_back(n(count) / years);
        m.push_back(stay_lengths_.mean() * 24);
        const double occupancy = places_.in_use_record().mean();
        m.push_back(occupancy);
        m.push_back(places_.capacity_time() > 0 ? 100.0 * occupancy * observed / places_.capacity_time() : nan);
        m.push_back(places_.full_time() / observed);
    }

    sim::OccupancyRecorder& occupancy() override { return places_.in_use_record(); }

private:
    enum Event : std::uint32_t { stay_over, places_change };

    UnitContext ctx_;
    const SoberingSpec& spec_;
    std::uint32_t address_;
    StaySampler stays_;
    sim::CapacityPool places_;
    std::vector<std::pair<sim::Time, std::size_t>> place_changes_;
    std::vector<Destination> destinations_;
    Visits visits_;

    ObservationWindow window_;
    std::uint64_t arrivals_ = 0, admitted_ = 0, turned_away_ = 0;
    std::vector<std::uint64_t> turned_away_to_;
    sim::Tally stay_lengths_{sim::Tally::Keep::moments_only};
};

UnitParameters read_sobering(const Field& f, const LoadContext& ctx, StayTable& stay) {
    SoberingSpec spec;
    spec.places = read_capacity(f.required("places"), ctx, false);
    stay = read_stay_table(f.required("stay"), ctx);
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
            sobering_metric_names,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<SoberingUnit>(c); }};
}

}  // namespace kapsim::models
