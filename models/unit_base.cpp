#include "unit_base.hpp"

#include <limits>

#include <boost/random/discrete_distribution.hpp>
#include <fmt/format.h>

#include "sim/quantity.hpp"
#include "waiting_for_place.hpp"

namespace kapsim::models {

std::vector<std::vector<std::size_t>> classes_by_unit(const Scenario& s) {
    std::vector<std::vector<std::size_t>> classes(s.units.size());
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        // Every unit a person of this class can reach, by the routes after a stay and overflow.
        std::vector<bool> reached(s.units.size(), false);
        std::vector<std::size_t> next{s.classes[c].first_unit};
        reached[s.classes[c].first_unit] = true;
        while (!next.empty()) {
            const std::size_t u = next.back();
            next.pop_back();
            for (const Route* r : s.routes_over_time(u, c))
                for (std::size_t i = 0; i < r->to.size(); ++i) {
                    const Destination d = r->to[i];
                    if (d == leaves_system || r->probability[i] <= 0 || reached[d]) continue;
                    reached[d] = true;
                    next.push_back(d);
                }
        }
        for (std::size_t u = 0; u < s.units.size(); ++u)
            if (reached[u]) classes[u].push_back(c);
    }
    return classes;
}

std::vector<MetricSpec> by_class_metrics(const Scenario& s, const std::vector<std::size_t>& classes_here) {
    using R = MetricRole;
    using U = MetricUnit;
    std::vector<MetricSpec> specs;
    if (classes_here.size() < 2) return specs;
    for (const std::size_t c : classes_here) {
        const std::string& id = s.classes[c].id;
        const auto spec = [&](const char* metric, R role, U u, const char* en, const char* sv) {
            specs.push_back({fmt::format("by_class.{}.{}", id, metric), role, u, fmt::format("{}: {}", id, en),
                             fmt::format("{}: {}", id, sv)});
        };
        spec("arrivals_per_year", R::arrivals, U::per_year, "arrivals", "ankomster");
        spec("admitted_per_year", R::admissions, U::per_year, "admitted", "intagna");
        spec("turned_away_per_year", R::turned_away, U::per_year, "turned away", "fick inte plats");
        spec("reneged_per_year", R::reneged, U::per_year, "left the queue", "lämnade kön");
        spec("mean_wait_days", R::wait, U::days, "mean wait", "genomsnittlig väntetid");
        spec("wait_p90_days", R::wait, U::days, "90th percentile wait", "väntetid, 90:e percentilen");
        specs.back().pooled_quantile = 0.9;
        spec("mean_stay_days", R::stay, U::days, "mean stay", "genomsnittlig vårdtid");
    }
    // By-class figures are parts of the unit's own: not what a capacity table or finding reads.
    for (auto& spec : specs)
        if (spec.role != R::wait && spec.role != R::stay) spec.role = R::breakdown;
    return specs;
}

void UnitBase::seat_people_at_start() {
    const StartingCensus& census = ctx_.spec.at_start;
    if (census.empty()) return;
    // A stream of its own, so the people at the start shift no arrival's numbers. Its name is
    // that of slots' initially_enrolled, the first use of it, whose results stay the same.
    sim::RandomStream stream = ctx_.streams.stream("initially_enrolled/" + ctx_.spec.id);
    std::uint32_t seated = 0;
    const auto person = [&](std::size_t c) {
        const PatientClass& pc = ctx_.scenario.classes[c];
        Visit v;
        v.patient.patient_class = static_cast<std::uint32_t>(c);
        // Numbered down from the top, by unit (at most 2^20 people each), so that in the event
        // log they never share a number with an arrival or with those at another unit.
        v.patient.person = std::numeric_limits<std::uint32_t>::max() - (static_cast<std::uint32_t>(ctx_.index) << 20) - seated++;
        if (!pc.municipality_share.empty())
            v.patient.municipality = boost::random::discrete_distribution<std::uint32_t, double>(
                pc.municipality_share.begin(), pc.municipality_share.end())(stream);
        const Route& route = ctx_.scenario.route_after(ctx_.index, c);
        v.next = route.to[boost::random::discrete_distribution<std::size_t, double>(route.probability.begin(),
                                                                                   route.probability.end())(stream)];
        return v;
    };
    const auto stay_of = [&](const Visit& v) -> const sim::Distribution& {
        return ctx_.spec.stay.rules[ctx_.spec.stay.rule_for(v.patient.patient_class, v.next)].stay;
    };
    for (const PeopleAtStart& people : census.staying)
        for (std::size_t i = 0; i < people.count; ++i) {
            Visit v = person(people.patient_class);
            // Continued, not restarted: the time left given the time spent; unknown, that of a
            // unit long running (the equilibrium residual).
            v.stay = people.elapsed_days ? stay_of(v).sample_remaining(*people.elapsed_days, stream)
                                         : stay_of(v).sample_time_left(stream);
            start_staying(v, stream);
        }
    for (const PeopleAtStart& people : census.waiting)
        for (std::size_t i = 0; i < people.count; ++i) {
            Visit v = person(people.patient_class);
            v.stay = stay_of(v).sample_remaining(0, stream);  // a whole stay, when they get a place
            v.arrived = -people.elapsed_days.value_or(0);     // so their wait counts what went before
            start_waiting(v, people.elapsed_days, stream);
        }
}

void UnitBase::report_by_class(MetricSheet& m) const {
    const auto& classes = ctx_.classes_here;
    if (classes.size() < 2) return;
    const double years = window_.years();
    for (const std::size_t c : classes) {
        const ClassBooks& b = by_class_[c];
        const std::string prefix = "by_class." + ctx_.scenario.classes[c].id + ".";
        m.put(prefix + "arrivals_per_year", static_cast<double>(b.arrivals) / years);
        m.put(prefix + "admitted_per_year", static_cast<double>(b.admitted) / years);
        m.put(prefix + "turned_away_per_year", static_cast<double>(b.turned_away) / years);
        m.put(prefix + "reneged_per_year", static_cast<double>(b.reneged) / years);
        m.put(prefix + "mean_wait_days", b.waits.mean());
        m.put_quantile(prefix + "wait_p90_days", b.waits);
        m.put(prefix + "mean_stay_days", b.stays.mean());
    }
}

}  // namespace kapsim::models

namespace kapsim::models {

void UnitBase::leave_after_wait(sim::Time now, std::uint32_t visit, bool after_max) {
    const Visit& v = visits_[visit];
    places_held_.change(now, places_held_.level() - 1);
    if (window_.open) {
        next_step_waits_.add(now - v.ready_at);
        if (after_max) ++went_on_after_max_;
    }
    stay_ended(now, visit);
}

void UnitBase::report_next_step(MetricSheet& m) const {
    if (next_step_metrics(ctx_.scenario, ctx_.index).empty()) return;
    const double held = places_held_.observed() > 0 ? places_held_.mean() : 0.0;
    m.put("waited_for_next_step_per_year", static_cast<double>(waited_for_next_step_) / window_.years());
    m.put("mean_wait_for_next_step_days", next_step_waits_.mean());
    m.put("places_held_mean", held);
    m.put("wait_for_next_step_days_per_year", held * sim::days_per_year);
    m.put("went_on_after_max_per_year", static_cast<double>(went_on_after_max_) / window_.years());
}

}  // namespace kapsim::models
