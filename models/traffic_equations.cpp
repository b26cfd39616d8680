#include "traffic_equations.hpp"

#include <Eigen/Dense>
#include <fmt/format.h>

#include "sim/erlang.hpp"
#include "sim/quantity.hpp"
#include "unit_kinds.hpp"

namespace kapsim::models {
namespace {

// Mean stay of class c at unit u, over the destinations it may be sent on to.
double mean_stay(const Scenario& s, std::size_t u, std::size_t c) {
    const auto& unit = s.units[u];
    const Route& after = s.route_after(u, c);
    double mean = 0;
    for (std::size_t i = 0; i < after.to.size(); ++i)
        mean += after.probability[i] * unit.stay.rules[unit.stay.rule_for(c, after.to[i])].stay.mean();
    return mean;
}

}  // namespace

std::vector<UnitLoad> offered_loads(const Scenario& s) {
    const auto n = static_cast<Eigen::Index>(s.units.size());
    std::vector<UnitLoad> loads(s.units.size());
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        // lambda = gamma + P^T lambda, with P[u][v] the chance of going from u to v after a stay.
        Eigen::MatrixXd p = Eigen::MatrixXd::Zero(n, n);
        for (Eigen::Index u = 0; u < n; ++u) {
            const Route& r = s.route_after(static_cast<std::size_t>(u), c);
            for (std::size_t i = 0; i < r.to.size(); ++i)
                if (r.to[i] != leaves_system) p(u, r.to[i]) += r.probability[i];
        }
        Eigen::VectorXd gamma = Eigen::VectorXd::Zero(n);
        gamma(static_cast<Eigen::Index>(s.classes[c].first_unit)) = s.classes[c].arrivals.rate_per_day;
        const Eigen::MatrixXd a = Eigen::MatrixXd::Identity(n, n) - p.transpose();
        const Eigen::VectorXd lambda = a.colPivHouseholderQr().solve(gamma);
        for (Eigen::Index u = 0; u < n; ++u) {
            const auto uu = static_cast<std::size_t>(u);
            loads[uu].arrivals_per_day += lambda(u);
            loads[uu].offered_load += lambda(u) * mean_stay(s, uu, c);
        }
    }
    return loads;
}

std::string describe_loads(const Scenario& s) {
    const auto loads = offered_loads(s);
    std::string out = "offered load (traffic equations; first-year rates, overflow left out):\n";
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const auto& unit = s.units[u];
        const auto& l = loads[u];
        out += fmt::format("  {}: {:.4g} arrivals/year, offered load {:.3f}", unit.id,
                           l.arrivals_per_day * sim::days_per_year, l.offered_load);
        const auto capacity = find_unit_kind(unit.kind)->capacity(unit.parameters);
        if (!capacity || capacity->places == sim::unlimited_capacity) {
            out += "\n";
            continue;
        }
        const auto c = static_cast<unsigned>(capacity->places);
        out += fmt::format(" on {} {}", c, capacity->noun);
        if (capacity->queues) {
            out += fmt::format("; Erlang C: {:.1f} % would wait", 100 * sim::erlang_c(c, l.offered_load));
            if (l.offered_load >= c && capacity->impatient)
                out += fmt::format("\n    warning: offered load {:.1f} exceeds {} {}: the {} stays finite only because "
                                   "people leave it unserved (patience); expect many to leave",
                                   l.offered_load, c, capacity->noun, capacity->excess);
            else if (l.offered_load >= c)
                out += fmt::format("\n    warning: offered load {:.1f} exceeds {} {}: the {} will grow without bound",
                                   l.offered_load, c, capacity->noun, capacity->excess);
        } else {
            const double b = sim::erlang_b(c, l.offered_load);
            out += fmt::format("; Erlang B: {:.1f} % {}, about {:.0f} a year", 100 * b, capacity->excess,
                               b * l.arrivals_per_day * sim::days_per_year);
        }
        out += "\n";
    }
    return out;
}

}  // namespace kapsim::models
