#include "traffic_equations.hpp"

#include "sim/calendar_clock.hpp"

#include <algorithm>
#include <cmath>
#include <utility>

#include <Eigen/Sparse>
#include <Eigen/SparseLU>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/erlang.hpp"
#include "sim/quantity.hpp"
#include "implied_flow.hpp"
#include "unit_base.hpp"
#include "unit_kinds.hpp"
#include "while_enrolled.hpp"

namespace kapsim::models {
double mean_stay(const Scenario& s, std::size_t u, std::size_t c) {
    const auto& unit = s.units[u];
    const Route& after = s.route_after(u, c);
    double mean = 0;
    for (std::size_t i = 0; i < after.to.size(); ++i)
        mean += after.probability[i] * unit.stay.rules[unit.stay.rule_for(c, after.to[i])].stay.mean();
    return mean;
}

namespace {

// Whether a full unit turns people of this class away, to go by its overflow route: a kind that
// can overflow, a limit on its places, and (a ward) a class it turns away.
bool turns_away(const Scenario& s, std::size_t u, std::size_t c) {
    const UnitKind& kind = *find_unit_kind(s.units[u].kind);
    if (!kind.can_overflow(s.units[u].parameters)) return false;
    const auto view = kind.capacity(s.units[u].parameters);
    if (!view || view->places == sim::unlimited_capacity) return false;
    return kind.turns_away ? kind.turns_away(s.units[u].parameters, c) : true;
}

// Arrivals of class c per day at each unit when the share t.turned_away[u][c] of those arriving
// at u is turned away: they go on by its overflow route, the others by the route after their
// stay. Zero at the units the class never reaches.
std::vector<double> class_arrivals(const Scenario& s, std::size_t c, const Traffic& t) {
    std::vector<double> arrivals(s.units.size(), 0.0);
    const auto routes_from = [&](std::size_t u) {
        std::vector<std::pair<const Route*, double>> routes{{&s.route_after(u, c), 1 - t.turned_away[u][c]}};
        if (t.turns_away[u][c]) routes.emplace_back(&s.route_overflow(u, c), t.turned_away[u][c]);
        return routes;
    };
    // Only the units the class reaches take part: the others see none of it, and a loop among
    // them that nobody of this class enters would make the system singular.
    std::vector<Eigen::Index> index(s.units.size(), -1);
    std::vector<std::size_t> reached{s.classes[c].first_unit};
    index[s.classes[c].first_unit] = 0;
    for (std::size_t i = 0; i < reached.size(); ++i)
        for (const auto& [route, share] : routes_from(reached[i]))
            for (const Destination d : route->to)
                if (d != leaves_system && index[d] < 0) {
                    index[d] = static_cast<Eigen::Index>(reached.size());
                    reached.push_back(d);
                }
    // lambda = gamma + P^T lambda, with P[u][v] the chance of going from u to v, after a stay or
    // turned away; readmission sends its share of those leaving after a stay back to the first
    // unit. Sparse: a unit routes to a few others, and a dense solve is cubic in the units (half
    // a minute for 3 000 of them).
    const double back = s.classes[c].readmission ? s.classes[c].readmission->share : 0.0;
    const auto n = static_cast<Eigen::Index>(reached.size());
    std::vector<Eigen::Triplet<double>> entries;
    for (Eigen::Index i = 0; i < n; ++i) {
        entries.emplace_back(i, i, 1.0);
        bool after_stay = true;  // the first route is the one after a stay, the second the overflow
        for (const auto& [route, share] : routes_from(reached[static_cast<std::size_t>(i)])) {
            for (std::size_t k = 0; k < route->to.size(); ++k) {
                const bool leaves = route->to[k] == leaves_system;
                if (leaves && !after_stay) continue;  // turned away out of care: no readmission
                entries.emplace_back(leaves ? 0 : index[route->to[k]], i,
                                     -share * route->probability[k] * (leaves ? back : 1.0));
            }
            after_stay = false;
        }
    }
    Eigen::SparseMatrix<double> a(n, n);
    a.setFromTriplets(entries.begin(), entries.end());  // duplicates are summed
    Eigen::VectorXd gamma = Eigen::VectorXd::Zero(n);
    gamma(0) = s.classes[c].arrivals.rate_per_day;
    Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
    lu.compute(a);
    if (lu.info() != Eigen::Success) return arrivals;  // nobody can leave: refused by the graph checks
    const Eigen::VectorXd lambda = lu.solve(gamma);
    for (Eigen::Index i = 0; i < n; ++i) arrivals[reached[static_cast<std::size_t>(i)]] = lambda(i);
    return arrivals;
}

}  // namespace

Traffic solve_traffic(const Scenario& s) {
    // How many a full unit turns away depends on its load, which depends on the arrivals, which
    // depend on whom other units turn away: the shares are found by solving again with the
    // shares the last solve's loads give, until they settle (a few rounds: turning people away
    // upstream lowers the load downstream).
    Traffic t;
    t.turned_away.assign(s.units.size(), std::vector<double>(s.classes.size(), 0.0));
    t.turns_away.assign(s.units.size(), std::vector<char>(s.classes.size(), 0));
    std::vector<std::size_t> turning_away;  // units that turn some class away
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        for (std::size_t c = 0; c < s.classes.size(); ++c) t.turns_away[u][c] = turns_away(s, u, c);
        if (std::find(t.turns_away[u].begin(), t.turns_away[u].end(), 1) != t.turns_away[u].end()) turning_away.push_back(u);
    }
    t.arrivals.resize(s.classes.size());
    for (int round = 0; round < 200; ++round) {
        for (std::size_t c = 0; c < s.classes.size(); ++c) t.arrivals[c] = class_arrivals(s, c, t);
        double change = 0;
        for (const std::size_t u : turning_away) {
            const double share = implied_flow_at(s, u, demand_at(s, u, t.arrivals)).turned_away_share;
            for (std::size_t c = 0; c < s.classes.size(); ++c) {
                const double next = t.turns_away[u][c] ? share : 0.0;
                change = std::max(change, std::abs(next - t.turned_away[u][c]));
                t.turned_away[u][c] = next;
            }
        }
        if (change < 1e-12) break;
    }
    return t;
}

std::vector<std::vector<double>> arrivals_by_class(const Scenario& s) { return solve_traffic(s).arrivals; }

std::vector<UnitLoad> offered_loads(const Scenario& s) {
    std::vector<UnitLoad> loads(s.units.size());
    const auto arrivals = arrivals_by_class(s);
    for (std::size_t c = 0; c < s.classes.size(); ++c)
        for (std::size_t u = 0; u < s.units.size(); ++u) {
            if (arrivals[c][u] == 0) continue;
            loads[u].arrivals_per_day += arrivals[c][u];
            loads[u].offered_load += arrivals[c][u] * mean_stay(s, u, c);
        }
    return loads;
}

namespace {

// Whether a waiting line with no patience grows without bound. That is not the same as the
// offered load exceeding the places where some people are turned away rather than made to
// wait: a ward's acute patients diverted at its limit leave the beds to the planned list, so
// the kind's own figure decides.
// The Swedish says "platser" and "kön" for every kind's noun and excess (the English names them).
Message queue_growth_text(double load, unsigned places, const CapacityView& view, const ImpliedFlow& flow) {
    if (flow.queue_grows && load >= places)
        return say("warning: offered load {:.1f} exceeds {} {}: the {} will grow without bound "
                   "({:.0f} a year join it, at most {:.0f} a year can be admitted from it)",
                   load, places, view.noun, view.excess, flow.queue_arrivals_per_year, flow.queue_capacity_per_year);
    if (flow.queue_grows)
        return say("warning: offered load {:.1f} on {} {}: the {} will grow without bound "
                   "({:.0f} a year join it, at most {:.0f} a year can be admitted from it)",
                   load, places, view.noun, view.excess, flow.queue_arrivals_per_year, flow.queue_capacity_per_year);
    if (load >= places)
        return say("note: offered load {:.1f} exceeds {} {}, but those turned away at the limit keep the "
                   "{} bounded (see the implied figures below)",
                   load, places, view.noun, view.excess);
    return {};
}

}  // namespace

std::vector<UnitLoadFigure> unit_load_figures(const Scenario& s) {
    const auto loads = offered_loads(s);
    const auto lost = turned_away_without_route(s);
    const auto flows = implied_flows(s);
    const auto classes_here = classes_by_unit(s);
    std::vector<UnitLoadFigure> figures(s.units.size());
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const auto& unit = s.units[u];
        const auto& l = loads[u];
        auto& figure = figures[u];
        const auto capacity = find_unit_kind(unit.kind)->capacity(unit.parameters);
        // Those the unit turns away with no overflow route leave the model: say so, with the
        // first figure's share where the unit is a loss system.
        Message& lost_text = figure.lost_note;
        for (const auto& leaving : lost) {
            if (leaving.unit != u) continue;
            std::vector<std::string> ids;
            for (const std::size_t c : leaving.classes) ids.push_back(s.classes[c].id);
            figure.lost_classes = ids;
            const bool loss_system = capacity && !capacity->queues && capacity->places != sim::unlimited_capacity;
            const double b = loss_system ? sim::erlang_b(static_cast<unsigned>(capacity->places), l.offered_load) : 0;
            const std::string classes = fmt::format("{}", fmt::join(ids, ", "));
            lost_text = loss_system
                            ? say("warning: {} turned away at {} have no overflow route and leave the model (Erlang B: "
                                  "{:.1f} % of arrivals, about {:.0f} a year); say where they go with "
                                  "pathways.{}.overflow (e.g. all: {{ed: 1}}), or all: {{out: 1}} if leaving care is "
                                  "meant",
                                  classes, unit.id, 100 * b, b * l.arrivals_per_day * sim::days_per_year, unit.id)
                            : say("warning: {} turned away at {} have no overflow route and leave the model; say where "
                                  "they go with pathways.{}.overflow (e.g. all: {{ed: 1}}), or all: {{out: 1}} if "
                                  "leaving care is meant",
                                  classes, unit.id, unit.id);
        }
        if (!capacity || capacity->places == sim::unlimited_capacity) continue;
        const auto c = static_cast<unsigned>(capacity->places);
        figure.places = c;
        figure.noun = capacity->noun;
        if (const std::size_t persons = persons_referred_once(s, u, classes_here[u]); persons > 0) {
            figure.notes.push_back(say("note: each person of a population is referred to {} once while on it, so at "
                                       "most {} of them (and those who join) wait or are enrolled there; the offered "
                                       "load counts each of their visits' referrals, so no queueing figure is given: a "
                                       "run gives the intake",
                                       unit.id, persons));
        } else if (capacity->queues && capacity->impatient() && l.offered_load > 0) {
            // Erlang A with the patience's mean, as if stays and patience were exponential.
            const double lambda = l.arrivals_per_day, mu = lambda / l.offered_load;
            const auto a = sim::erlang_a(c, lambda, mu, 1 / capacity->patience_mean_days);
            figure.text = fmt::format("Erlang A: {:.1f} % would wait, {:.1f} % leave the {} unserved, about {:.0f} a year",
                                      100 * a.p_wait, 100 * a.p_abandon, capacity->excess,
                                      a.p_abandon * lambda * sim::days_per_year);
            figure.model = "erlang_a";
            figure.wait_share = a.p_wait;
            figure.unserved_share = a.p_abandon;
            figure.unserved_per_year = a.p_abandon * lambda * sim::days_per_year;
            if (l.offered_load >= c)
                figure.notes.push_back(say("warning: offered load {:.1f} exceeds {} {}: the {} stays finite only "
                                           "because people leave it unserved (patience); expect many to leave",
                                           l.offered_load, c, capacity->noun, capacity->excess));
        } else if (capacity->queues) {
            figure.text = fmt::format("Erlang C: {:.1f} % would wait", 100 * sim::erlang_c(c, l.offered_load));
            figure.model = "erlang_c";
            figure.wait_share = sim::erlang_c(c, l.offered_load);
            if (Message growth = queue_growth_text(l.offered_load, c, *capacity, flows[u]); !growth.empty())
                figure.notes.push_back(std::move(growth));
        } else {
            const double b = sim::erlang_b(c, l.offered_load);
            figure.text = fmt::format("Erlang B: {:.1f} % {}, about {:.0f} a year", 100 * b, capacity->excess,
                                      b * l.arrivals_per_day * sim::days_per_year);
            figure.model = "erlang_b";
            figure.unserved_share = b;
            figure.unserved_per_year = b * l.arrivals_per_day * sim::days_per_year;
            // Erlang B at the week's mean rate: the peaks of a profile fill the places more often.
            const bool by_hour = std::any_of(classes_here[u].begin(), classes_here[u].end(),
                                             [&](std::size_t k) { return s.classes[k].arrivals.hour_of_week.has_value(); });
            if (by_hour && b > 0 && b < 1)
                figure.notes.push_back(say("note: arrivals at {} vary over the hours of the week, and Erlang B at their mean "
                                           "rate leaves the peaks out: more are turned away than this (a run gives the share)",
                                           unit.id));
        }
    }
    return figures;
}

namespace {

std::string load_lines(const Scenario& s) {
    const auto loads = offered_loads(s);
    const auto figures = unit_load_figures(s);
    std::string out;
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const auto& l = loads[u];
        const auto& figure = figures[u];
        out += fmt::format("  {}: {:.4g} arrivals/year, offered load {:.3f}", s.units[u].id,
                           l.arrivals_per_day * sim::days_per_year, l.offered_load);
        if (figure.places) {
            out += fmt::format(" on {} {}", *figure.places, figure.noun);
            if (!figure.text.empty()) out += "; " + figure.text;
        }
        for (const auto& note : figure.notes) out += "\n    " + note.en;
        if (!figure.lost_note.empty()) out += "\n    " + figure.lost_note.en;
        out += "\n";
    }
    return out;
}

}  // namespace

std::string describe_loads(const Scenario& s) {
    std::string out = "offered load (traffic equations at first-year rates; those a full unit turns away go on by its overflow route):\n" + load_lines(s);
    // Each dated change's regime, as if it held from the start (its rates are first-year rates too).
    for (const auto& change : s.changes)
        out += fmt::format("offered load from {} (the values of that change and those before it):\n{}",
                           sim::CalendarClock::format_date(change.from), load_lines(*change.regime));
    return out;
}

}  // namespace kapsim::models
