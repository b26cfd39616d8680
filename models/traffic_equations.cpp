#include "traffic_equations.hpp"

#include "sim/calendar_clock.hpp"

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

std::vector<std::vector<double>> arrivals_by_class(const Scenario& s) {
    std::vector<std::vector<double>> arrivals(s.classes.size(), std::vector<double>(s.units.size(), 0.0));
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        // Only the units the class reaches take part: the others see none of it, and a loop
        // among them that nobody of this class enters would make the system singular.
        std::vector<Eigen::Index> index(s.units.size(), -1);
        std::vector<std::size_t> reached{s.classes[c].first_unit};
        index[s.classes[c].first_unit] = 0;
        for (std::size_t i = 0; i < reached.size(); ++i)
            for (const Destination d : s.route_after(reached[i], c).to)
                if (d != leaves_system && index[d] < 0) {
                    index[d] = static_cast<Eigen::Index>(reached.size());
                    reached.push_back(d);
                }
        // lambda = gamma + P^T lambda, with P[u][v] the chance of going from u to v after a stay;
        // readmission sends its share of those leaving after a stay back to the first unit.
        // Sparse: a unit routes to a few others, and a dense solve is cubic in the units (half
        // a minute for 3 000 of them).
        const double back = s.classes[c].readmission ? s.classes[c].readmission->share : 0.0;
        const auto n = static_cast<Eigen::Index>(reached.size());
        std::vector<Eigen::Triplet<double>> entries;
        for (Eigen::Index i = 0; i < n; ++i) {
            entries.emplace_back(i, i, 1.0);
            const Route& r = s.route_after(reached[static_cast<std::size_t>(i)], c);
            for (std::size_t k = 0; k < r.to.size(); ++k)
                entries.emplace_back(r.to[k] != leaves_system ? index[r.to[k]] : 0, i,
                                     -r.probability[k] * (r.to[k] != leaves_system ? 1.0 : back));
        }
        Eigen::SparseMatrix<double> a(n, n);
        a.setFromTriplets(entries.begin(), entries.end());  // duplicates are summed
        Eigen::VectorXd gamma = Eigen::VectorXd::Zero(n);
        gamma(0) = s.classes[c].arrivals.rate_per_day;
        Eigen::SparseLU<Eigen::SparseMatrix<double>> lu;
        lu.compute(a);
        if (lu.info() != Eigen::Success) continue;  // nobody can leave: refused by the graph checks
        const Eigen::VectorXd lambda = lu.solve(gamma);
        for (Eigen::Index i = 0; i < n; ++i) arrivals[c][reached[static_cast<std::size_t>(i)]] = lambda(i);
    }
    return arrivals;
}

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
    std::string out = "offered load (traffic equations; first-year rates, overflow left out):\n" + load_lines(s);
    // Each dated change's regime, as if it held from the start (its rates are first-year rates too).
    for (const auto& change : s.changes)
        out += fmt::format("offered load from {} (the values of that change and those before it):\n{}",
                           sim::CalendarClock::format_date(change.from), load_lines(*change.regime));
    return out;
}

}  // namespace kapsim::models
