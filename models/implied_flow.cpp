#include "implied_flow.hpp"

#include <cmath>

#include <fmt/format.h>

#include "scenario.hpp"
#include "sim/erlang.hpp"
#include "sim/quantity.hpp"
#include "traffic_equations.hpp"
#include "unit_kinds.hpp"
#include "unit_base.hpp"
#include "while_enrolled.hpp"

namespace kapsim::models {

double UnitDemand::arrivals() const {
    double total = 0;
    for (const double a : arrivals_per_day) total += a;
    return total;
}

double UnitDemand::offered_load() const {
    double total = 0;
    for (std::size_t c = 0; c < arrivals_per_day.size(); ++c) total += arrivals_per_day[c] * mean_stay_days[c];
    return total;
}

namespace {

// Admissions and occupancy from what the kind's capacity says: everybody admitted where there
// is no limit; Erlang B's share lost in a loss system (exact for Poisson arrivals, any stay);
// Erlang C where people wait (all admitted while the load is below the places, the places'
// throughput beyond); Erlang A's share leaving unserved where the waiting have patience.
ImpliedFlow generic_flow(const std::optional<CapacityView>& view, const UnitDemand& d) {
    ImpliedFlow f;
    const double lambda = d.arrivals(), load = d.offered_load();
    const double stay = lambda > 0 ? load / lambda : 0;
    double admitted = lambda;  // per day
    if (!view || view->places == sim::unlimited_capacity) {
        f.basis = "no limit";
        f.exact = true;
    } else {
        const auto c = static_cast<unsigned>(view->places);
        if (!view->queues) {
            f.turned_away_share = sim::erlang_b(c, load);
            admitted = lambda * (1 - f.turned_away_share);
            f.basis = "Erlang B";
            f.exact = true;
        } else if (view->impatient() && lambda > 0 && load > 0) {
            admitted = lambda * (1 - sim::erlang_a(c, lambda, lambda / load, 1 / view->patience_mean_days).p_abandon);
            f.basis = "Erlang A";
        } else {
            f.basis = "Erlang C";
            f.exact = true;
            if (load >= c) {
                admitted = stay > 0 ? c / stay : lambda;
                f.queue_grows = true;
                f.queue_capacity_per_year = admitted * sim::days_per_year;
                f.queue_arrivals_per_year = lambda * sim::days_per_year;
            }
        }
    }
    f.arrivals_per_year = lambda * sim::days_per_year;
    f.admitted_per_year = admitted * sim::days_per_year;
    f.mean_stay_days = stay;
    f.occupancy_mean = admitted * stay;
    if (view && view->places != sim::unlimited_capacity && view->places > 0) {
        f.occupancy_pct = 100 * f.occupancy_mean / static_cast<double>(view->places);
        f.places = view->noun;
    }
    return f;
}

std::string figure(double x) { return x >= 100 ? fmt::format("{:.0f}", x) : fmt::format("{:.3g}", x); }

}  // namespace

UnitDemand demand_at(const Scenario& s, std::size_t u, const std::vector<std::vector<double>>& arrivals) {
    UnitDemand d;
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        d.arrivals_per_day.push_back(arrivals[c][u]);
        d.mean_stay_days.push_back(arrivals[c][u] > 0 ? mean_stay(s, u, c) : 0.0);
    }
    return d;
}

ImpliedFlow implied_flow_at(const Scenario& s, std::size_t u, const UnitDemand& d) {
    const UnitKind& kind = *find_unit_kind(s.units[u].kind);
    return kind.implied_flow ? kind.implied_flow(s.units[u].parameters, d) : generic_flow(kind.capacity(s.units[u].parameters), d);
}

std::vector<ImpliedFlow> implied_flows(const Scenario& s) {
    const auto arrivals = arrivals_by_class(s);
    std::vector<ImpliedFlow> flows;
    for (std::size_t u = 0; u < s.units.size(); ++u) flows.push_back(implied_flow_at(s, u, demand_at(s, u, arrivals)));
    return flows;
}

std::string describe_implied_flows(const Scenario& s) {
    const auto flows = implied_flows(s);
    const auto classes_here = classes_by_unit(s);
    std::string out =
        "implied figures (Little's law on the offered load; hold them against the figures you know):\n";
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const ImpliedFlow& f = flows[u];
        if (persons_referred_once(s, u, classes_here[u]) > 0) {
            out += fmt::format("  {}: none from the offered load (each person is referred once; see above)\n", s.units[u].id);
            continue;
        }
        out += fmt::format("  {}: {} admitted a year of {} arriving, mean stay {:.3g} days, occupancy {}", s.units[u].id,
                           figure(f.admitted_per_year), figure(f.arrivals_per_year), f.mean_stay_days,
                           figure(f.occupancy_mean));
        if (f.occupancy_pct >= 0) out += fmt::format(" ({:.1f} % of the {})", f.occupancy_pct, f.places);
        out += fmt::format(" [{}{}]\n", f.basis, f.exact ? "" : ", a first approximation");
    }
    return out;
}

}  // namespace kapsim::models
