// HVB (hem för vård eller boende): residential placements, which the municipalities mostly buy
// from external providers at about 3 000 kr a day. A joint county HVB would give them places
// of their own. Own places are used first; when all are taken, a placement is bought from a
// provider type drawn by its share. Purchased places have no limit, so nobody waits or is
// turned away, and the own places behave as Erlang's loss system whose overflow is bought.
#include <algorithm>
#include <array>
#include <cctype>
#include <cmath>
#include <limits>

#include <boost/random/discrete_distribution.hpp>
#include <fmt/format.h>

#include "identifier.hpp"
#include "sim/occupancy_recorder.hpp"
#include "sim/quantity.hpp"
#include "sim/tally.hpp"
#include "unit_kinds.hpp"
#include "unit_base.hpp"

namespace kapsim::models {
namespace {

std::vector<MetricSpec> placement_metrics(const Scenario&, std::size_t) {
    using R = MetricRole;
    using U = MetricUnit;
    return {
        {"placements_per_year", R::admissions, U::per_year, "placements", "placeringar"},
        {"own_placements_per_year", R::breakdown, U::per_year, "placements in own places", "placeringar i egna platser"},
        {"purchased_placements_per_year", R::turned_away, U::per_year, "purchased placements", "köpta placeringar", true, 1},
        {"placement_days_per_year", R::volume, U::days_per_year, "placement days", "vårddygn"},
        {"own_days_per_year", R::breakdown, U::days_per_year, "days in own places", "vårddygn i egna platser"},
        {"purchased_days_per_year", R::breakdown, U::days_per_year, "purchased days", "köpta vårddygn"},
        {"concurrent_mean", R::occupancy, U::persons, "mean placements at once", "genomsnittligt antal placerade samtidigt"},
        {"concurrent_purchased_mean", R::breakdown, U::persons, "mean purchased at once", "genomsnittligt antal i köpta platser"},
        {"own_use_pct", R::utilisation, U::percent, "use of own places", "beläggning i egna platser", true},
        {"mean_duration_days", R::stay, U::days, "mean placement", "genomsnittlig placeringstid"},
        {"cost_own_per_year", R::cost, U::kronor_per_year, "cost of own places", "kostnad för egna platser"},
        {"cost_purchased_per_year", R::cost, U::kronor_per_year, "cost of purchased places", "kostnad för köpta platser"},
    };
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();
constexpr std::string_view own_place = "own";
// The provider type when the scenario names none.
constexpr std::string_view any_provider = "purchased";

// Places are numbered: 0 is an own place, 1 + i a place bought from provider type i.
constexpr std::uint32_t own = 0;

class PlacementMarket final : public UnitBase {
public:
    explicit PlacementMarket(const UnitContext& c)
        : UnitBase(c),
          spec_(std::get<PlacementSpec>(c.spec.parameters)),
          provider_stream_(c.streams.stream("provider/" + c.spec.id)),
          in_place_(1 + spec_.providers.size(), 0),
          place_record_(1 + spec_.providers.size()),
          placements_(1 + spec_.providers.size(), 0) {
        std::vector<double> shares;
        for (const auto& p : spec_.providers) shares.push_back(p.share);
        provider_ = boost::random::discrete_distribution<std::size_t, double>(shares.begin(), shares.end());
    }

    void arrive(sim::Time now, const Patient& patient) override {
        // Every placement draws its destination, duration and provider type, used or not, so
        // the i-th placement gets the same numbers whatever the number of own places: common
        // random numbers.
        Visit v = new_visit(now, patient);
        v.admitted = now;
        record(now, patient, LifeEvent::arrival);
        record(now, patient, LifeEvent::admission);
        const std::size_t provider = provider_(provider_stream_);
        v.staying = true;
        // A free own place is always taken; otherwise one is bought. The person then stays
        // where they were placed: nobody is moved home when an own place frees, since moving
        // someone mid-treatment is not done for the sake of the budget.
        v.place = in_place_[own] < spec_.own_places ? own : static_cast<std::uint32_t>(1 + provider);
        change_placements(now, v.place, +1);
        ctx_.ledger.admission(now, ctx_.index, patient, place_name(v.place));
        if (window_.open) {
            ++placements_[v.place];
            durations_observed_.add(v.stay);
            if (keeps_books_by_class()) {
                ClassBooks& books = books_of(v);
                ++books.arrivals;
                ++books.admitted;
                books.stays.add(v.stay);
                books.waits.add(0);  // nobody waits for a placement
            }
        }
        ctx_.simulation.schedule_in(v.stay, {address_, placement_over, visits_.open(v)});
    }

    // Someone placed before the run: in an own place while one is free (they were placed
    // there first), else with a provider type drawn by its share.
    void start_staying(const Visit& person, sim::RandomStream& stream) override {
        Visit v = person;
        v.staying = true;
        const std::size_t provider = provider_(stream);
        v.place = in_place_[own] < spec_.own_places ? own : static_cast<std::uint32_t>(1 + provider);
        change_placements(0, v.place, +1);
        ctx_.simulation.schedule_at(v.stay, {address_, placement_over, visits_.open(v)});
    }

    void on_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) override {
        if (kind == placement_over) stay_ended(now, payload);
    }
    void stay_ended(sim::Time now, std::uint32_t id) override {
        end_stay(now, id, [&](const Visit& v) {
            change_placements(now, v.place, -1);
            // Those waiting elsewhere for an own place, ready for discharge, take it.
            if (v.place == own) ctx_.router.place_freed(now, ctx_.index);
        });
    }
    // A place of its own: what those waiting for a place here wait for (a bought one is always there).
    bool has_place_for(sim::Time, const Patient&) const override { return has_free_place(); }
    bool has_free_place() const override { return in_place_[own] < spec_.own_places; }

    void start_observation(sim::Time now) override {
        UnitBase::start_observation(now);
        placements_.assign(placements_.size(), 0);
        durations_observed_.clear();
        for (std::size_t p = 0; p < in_place_.size(); ++p) place_record_[p].reset(now, in_place_[p]);
        all_record_.reset(now, placed_);
    }

    void finish_observation(sim::Time now) override {
        for (auto& r : place_record_) r.close(now);
        all_record_.close(now);
        UnitBase::finish_observation(now);
    }

    void report(MetricSheet& m) const override {
        const double years = window_.years();
        double purchased = 0, purchased_concurrent = 0;
        for (std::size_t p = 1; p < in_place_.size(); ++p) {
            purchased += static_cast<double>(placements_[p]);
            purchased_concurrent += place_record_[p].mean();
        }
        const double own_placements = static_cast<double>(placements_[own]);
        const double own_concurrent = place_record_[own].mean();
        // The time integral of placements over the observed period is the placement days in it,
        // the same days the ledger charges.
        m.put("placements_per_year", (own_placements + purchased) / years);
        m.put("own_placements_per_year", own_placements / years);
        m.put("purchased_placements_per_year", purchased / years);
        m.put("placement_days_per_year", all_record_.mean() * sim::days_per_year);
        m.put("own_days_per_year", own_concurrent * sim::days_per_year);
        m.put("purchased_days_per_year", purchased_concurrent * sim::days_per_year);
        m.put("concurrent_mean", all_record_.mean());
        m.put("concurrent_purchased_mean", purchased_concurrent);
        m.put("own_use_pct", spec_.own_places > 0 ? 100.0 * own_concurrent / static_cast<double>(spec_.own_places) : nan);
        m.put("mean_duration_days", durations_observed_.mean());
        const auto [cost_own, cost_purchased] = cost_per_year_own_and_purchased();
        m.put("cost_own_per_year", cost_own);
        m.put("cost_purchased_per_year", cost_purchased);
    }

    // Placements at once, own and purchased together: how many places the county's people use.
    sim::OccupancyRecorder& occupancy() override { return all_record_; }

private:
    enum Event : std::uint32_t { placement_over };

    std::string_view place_of(const Visit& v) const override { return place_name(v.place); }

    std::string_view place_name(std::uint32_t place) const {
        return place == own ? own_place : std::string_view(spec_.providers[place - 1].id);
    }

    void change_placements(sim::Time now, std::uint32_t place, int by) {
        in_place_[place] = static_cast<std::size_t>(static_cast<long long>(in_place_[place]) + by);
        placed_ = static_cast<std::size_t>(static_cast<long long>(placed_) + by);
        place_record_[place].change(now, in_place_[place]);
        all_record_.change(now, placed_);
    }

    // The unit's cost split between own and purchased places, from the same items and the same
    // observed days and placements the ledger charges, so that the two add up to the unit's
    // cost_per_year. Per-day and per-placement items follow the place they were charged for.
    // Per-year items are fixed costs: those for own places, and those for no place in
    // particular (the staff and rent of the unit), count as own; those that name purchased
    // places or a provider type (a framework agreement, say) count as purchased.
    std::pair<double, double> cost_per_year_own_and_purchased() const {
        const double years = window_.years();
        double own_cost = 0, purchased_cost = 0;
        for (const auto& item : ctx_.scenario.costs) {
            if (item.unit != ctx_.index) continue;
            if (item.basis == CostItem::Basis::per_year) {
                (item.applies_to && *item.applies_to != own_place ? purchased_cost : own_cost) += item.amount;
                continue;
            }
            for (std::uint32_t p = 0; p < in_place_.size(); ++p) {
                if (!CostLedger::applies(item, place_name(p))) continue;
                const double per_year = item.basis == CostItem::Basis::per_day
                                            ? item.amount * place_record_[p].mean() * sim::days_per_year
                                            : item.amount * static_cast<double>(placements_[p]) / years;
                (p == own ? own_cost : purchased_cost) += per_year;
            }
        }
        return {own_cost, purchased_cost};
    }

    const PlacementSpec& spec_;
    sim::RandomStream provider_stream_;
    boost::random::discrete_distribution<std::size_t, double> provider_;
    std::vector<std::size_t> in_place_;  // placements now, by place
    std::size_t placed_ = 0;             // all placements now

    std::vector<sim::OccupancyRecorder> place_record_;  // by place
    sim::OccupancyRecorder all_record_;
    std::vector<std::uint64_t> placements_;  // started in the observed period, by place
    sim::Tally durations_observed_{sim::Tally::Keep::moments_only};
};

std::vector<ProviderType> read_providers(const Field& f) {
    if (!f.is_map() || f.size() == 0)
        f.fail(say("'providers' must map each provider type to its share of purchased placements"),
               say("e.g. providers: {{private_hvb: 0.8, sis: 0.2}}"));
    std::vector<ProviderType> providers;
    double total = 0;
    for (const auto& id : f.keys()) {
        const Field share = f.child(id);
        if (!is_identifier(id))
            share.fail(say("provider type '{}' is not a valid name", id), identifier_rule());
        if (id == own_place || id == any_provider)
            share.fail(say("'{}' cannot name a provider type", id),
                       say("'own' means the unit's own places and 'purchased' all provider types together (in costs' "
                       "applies_to); choose another name, e.g. private_hvb"));
        providers.push_back({id, share.as_share()});
        total += providers.back().share;
    }
    if (std::abs(total - 1.0) > 1e-9)
        f.fail(say("the shares in '{}' add up to {:.10g}, not 1", f.path(), total),
               say("make the shares add up to exactly 1, e.g. by adjusting the last one"));
    return providers;
}

UnitParameters read_placement(const Field& f, const LoadContext& ctx, StayTable& stay) {
    PlacementSpec u;
    if (f.has("own_places")) u.own_places = read_capacity(f.child("own_places"), ctx, false);
    // A mean alone: lognormal with sd 0.7 x the mean, within the 0.67-0.75 the shipped HVB assume.
    stay = read_stay_table(f.required("duration"), ctx, {DefaultStayShape::Family::lognormal, 0.7});
    u.providers = f.has("providers") ? read_providers(f.child("providers"))
                                     : std::vector<ProviderType>{{std::string(any_provider), 1.0}};
    return u;
}

std::string describe_placement(const UnitParameters& p) {
    const auto& spec = std::get<PlacementSpec>(p);
    std::string text = spec.own_places == 0 ? "no own places, every placement purchased"
                                            : fmt::format("{} own places used first, then purchased", spec.own_places);
    text += " without limit";
    if (spec.providers.size() > 1 || spec.providers.front().id != any_provider) {
        text += " from";
        for (std::size_t i = 0; i < spec.providers.size(); ++i)
            text += fmt::format("{} {} {:.3g} %", i ? "," : "", spec.providers[i].id, 100 * spec.providers[i].share);
    }
    return text;
}

}  // namespace

UnitKind placement_kind() {
    return {"placement",
            "placements (HVB): own places first, then bought from providers without limit; nobody waits",
            "own_places",
            {"own_places", "duration", "providers"},
            read_placement,
            [](const UnitParameters&) { return false; },
            // The own places are a loss system: Erlang B of the own places is the share of
            // placements that must be bought (for any duration distribution).
            [](const UnitParameters& p) -> std::optional<CapacityView> {
                const auto& spec = std::get<PlacementSpec>(p);
                if (spec.own_places == 0) return std::nullopt;
                return CapacityView{spec.own_places, false, "own places", "purchased"};
            },
            describe_placement,
            placement_metrics,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<PlacementMarket>(c); },
            [](const std::string& id) { return std::vector<std::string>{fmt::format("units.{}.own_places=1000000", id)}; },
            R"(scenario:
  name: placement-example
  description: HVB placements, own places first, then bought from two provider types
  start: 2024-01-01
  run_length: 20y
  warmup: 1y
  replications: 10
  seed: 105
classes:
  clients:
    arrivals: {rate: 15/year}
    first_unit: placement
units:
  placement:
    kind: placement
    own_places: 4
    duration: {distribution: exponential, mean: 120d}
    providers: {private_hvb: 0.8, sis: 0.2}
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"placeringsenhet", "egen plats", "egna platser",
             "Placeringar ({ids}): egna platser används först; när de är fulla köps placeringen av en extern utförare, "
             "utan gräns."},
            {"placement unit", "own place", "own places",
             "Placements ({ids}): own places are used first; when they are full the placement is purchased from an "
             "external provider, without limit."},
            4};
}

}  // namespace kapsim::models
