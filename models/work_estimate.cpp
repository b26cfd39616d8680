#include "work_estimate.hpp"

#include <algorithm>
#include <cmath>

#include "sim/quantity.hpp"
#include "sim/work_limits.hpp"
#include "traffic_equations.hpp"
#include "unit_kinds.hpp"

namespace kapsim::models {
namespace {

// Memory a replication holds for one person at a unit (the visit record, its pending event
// and the occupancy levels), and for one person in a waiting line (also the ticket, with
// room for the vectors' growth). Measured on rate-1e6-fifo.yaml.
constexpr double bytes_per_person = 128;
constexpr double bytes_per_waiting_person = 160;
constexpr double bytes_fixed = 1 << 20;

// Expected arrivals over [0, horizon] per unit of first-year daily rate. Arrivals grow by the
// factor g a year, scaled so the first year averages the rate: the integral of the rate is
// rate * year * (g^(horizon / year) - 1) / (g - 1).
double arrival_days(double growth, double horizon) {
    if (growth == 1.0) return horizon;
    return sim::days_per_year * (std::pow(growth, horizon / sim::days_per_year) - 1.0) / (growth - 1.0);
}

// The rate at the end of the run relative to the first year's average.
double final_rate_factor(double growth, double horizon) {
    if (growth == 1.0) return 1.0;
    return std::pow(growth, horizon / sim::days_per_year) * std::log(growth) / (growth - 1.0);
}

}  // namespace

WorkEstimate estimate_work(const Scenario& s) {
    // With dated changes: the step that asks the most, as if it held for the whole run, so that
    // a reform that raises the arrivals is not stopped as a runaway.
    if (!s.changes.empty()) {
        Scenario today = s;
        today.changes.clear();
        WorkEstimate most = estimate_work(today);
        for (const auto& change : s.changes) {
            WorkEstimate w = estimate_work(*change.regime);
            if (w.events_per_replication > most.events_per_replication) std::swap(most.events_per_replication, w.events_per_replication);
            if (w.bytes_per_replication > most.bytes_per_replication) std::swap(most.bytes_per_replication, w.bytes_per_replication);
            if (!most.growing_line && w.growing_line) {
                most.growing_line = w.growing_line;
                most.longest_line = w.longest_line;
            }
        }
        return most;
    }
    WorkEstimate w;
    const double horizon = s.horizon_days();
    const Traffic traffic = solve_traffic(s);
    const auto& arrivals = traffic.arrivals;
    std::vector<double> unit_arrivals(s.units.size(), 0.0);  // over the whole run
    std::vector<double> unit_stays(s.units.size(), 0.0);     // of those not turned away, over the whole run
    std::vector<double> unit_stay_days(s.units.size(), 0.0);  // person-days of stay asked for
    std::vector<double> unit_people(s.units.size(), 0.0);     // stays under way at the end of the run
    double events = 0;
    for (std::size_t c = 0; c < s.classes.size(); ++c) {
        const double growth = s.classes[c].arrivals.yearly_growth;
        const double days = arrival_days(growth, horizon);
        const double final_factor = final_rate_factor(growth, horizon);
        events += s.classes[c].arrivals.rate_per_day * days;  // each arrival from outside is an event
        for (std::size_t u = 0; u < s.units.size(); ++u) {
            if (arrivals[c][u] == 0) continue;
            const double stay = mean_stay(s, u, c);
            unit_arrivals[u] += arrivals[c][u] * days;
            // Those a full unit turns away end no stay there (the overflow route takes them on,
            // and they are counted where it does).
            unit_stays[u] += arrivals[c][u] * days * (1 - traffic.turned_away[u][c]);
            unit_stay_days[u] += arrivals[c][u] * days * stay;
            unit_people[u] += arrivals[c][u] * final_factor * stay;
        }
    }
    double waiting_bytes = 0, people_at_once = 0;
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const auto capacity = find_unit_kind(s.units[u].kind)->capacity(s.units[u].parameters);
        // A unit that turns away those who find it full, with no line, holds at most its places.
        const bool loss = capacity && !capacity->queues &&
                          std::find(traffic.turns_away[u].begin(), traffic.turns_away[u].end(), 1) != traffic.turns_away[u].end();
        people_at_once += loss ? std::min(unit_people[u], static_cast<double>(capacity->places)) : unit_people[u];
        // Every arrival's stay ends with an event, but for those a loss system turns away (a
        // ward's diverted acute patients are still counted, as a first estimate); a patience
        // timer is one more.
        events += (loss ? unit_stays[u] : unit_arrivals[u]) * (capacity && capacity->impatient() ? 2.0 : 1.0);
        if (unit_arrivals[u] > unit_arrivals[w.busiest_unit]) w.busiest_unit = u;
        if (!capacity || !capacity->queues || capacity->impatient() || capacity->places == sim::unlimited_capacity ||
            unit_arrivals[u] == 0)
            continue;
        // Arrivals in excess of what the places can serve over the run stay in the line.
        const double mean_stay_days = unit_stay_days[u] / unit_arrivals[u];
        const double served = mean_stay_days > 0 ? static_cast<double>(capacity->places) * horizon / mean_stay_days
                                                 : unit_arrivals[u];
        const double excess = unit_arrivals[u] - served;
        if (!(excess > 0)) continue;
        waiting_bytes += excess * bytes_per_waiting_person;
        if (!(excess <= w.longest_line)) {
            w.longest_line = excess;
            w.growing_line = u;
        }
    }
    // The people at the units at the start: each stay's end is an event, and each waiting a
    // place (and a patience timer) too; their memory is that of a stay or a place in line.
    double people_at_start_bytes = 0;
    for (const auto& unit : s.units) {
        for (const auto& p : unit.at_start.staying) {
            events += static_cast<double>(p.count);
            people_at_start_bytes += static_cast<double>(p.count) * bytes_per_person;
        }
        for (const auto& p : unit.at_start.waiting) {
            events += 3.0 * static_cast<double>(p.count);
            people_at_start_bytes += static_cast<double>(p.count) * bytes_per_waiting_person;
        }
    }
    w.events_per_replication = events;
    double days_tracked = 0;  // each unit keeps its occupancy of every day; each class its day factors
    days_tracked += static_cast<double>(s.units.size()) * 8 + static_cast<double>(s.classes.size()) * 4;
    // Each unit resolves its length-of-stay rule for every class and destination.
    const double units = static_cast<double>(s.units.size());
    const double stay_rules = units * (units + 1) * static_cast<double>(s.classes.size()) * 8;
    w.bytes_per_replication =
        bytes_fixed + days_tracked * horizon + stay_rules + people_at_once * bytes_per_person + waiting_bytes +
        people_at_start_bytes;
    return w;
}

std::uint64_t event_limit_per_replication(const WorkEstimate& estimate) {
    constexpr double floor = 1e7;
    const double limit = std::max(floor, 10 * estimate.events_per_replication);
    if (!(limit < 1.8e19)) return sim::no_event_limit;
    return static_cast<std::uint64_t>(limit);
}

}  // namespace kapsim::models
