#pragma once
// What a scenario implies before anything is simulated, in the figures planners know: admissions
// a year, mean stay and occupancy of every unit. The arrivals come from the traffic equations;
// who of them is admitted from each kind's first figure (Erlang B, C or A, or the kind's own
// approximation); occupancy from Little's law (admissions times mean stay). `kapsim check`
// prints them so they can be held against the figures a region already has.
#include <string>
#include <vector>

namespace kapsim::models {

struct Scenario;

// The flow through one unit, per year, at the first year's rates.
struct ImpliedFlow {
    double arrivals_per_year = 0;
    double admitted_per_year = 0;
    double mean_stay_days = 0;      // of those admitted
    double occupancy_mean = 0;      // places in use on average (Little's law)
    double occupancy_pct = -1;      // of the places; negative where the unit has no limit
    std::string places = "places";  // what occupancy_pct is of: "beds", "own places"
    std::string basis;              // the figure it rests on: "Erlang B", "no limit", ...
    bool exact = false;             // exact for Poisson arrivals (Erlang B, no limit), not a first approximation
    bool queue_grows = false;       // a waiting line with no patience that grows without bound
    double queue_arrivals_per_year = 0;  // when it grows: how many join it a year
    double queue_capacity_per_year = 0;  // and the most the unit can admit from it a year
    // Of the arrivals of the classes the unit turns away when full, the share turned away: they
    // go on by the overflow route, which the traffic equations follow with this share.
    double turned_away_share = 0;
};

// The arrivals at one unit by class (per day) and each class's mean stay there (days), as the
// traffic equations give them: what a kind's own approximation starts from.
struct UnitDemand {
    std::vector<double> arrivals_per_day;  // by class; 0 for a class that never comes
    std::vector<double> mean_stay_days;    // by class
    double arrivals() const;
    double offered_load() const;  // sum of arrivals times mean stay
};

std::vector<ImpliedFlow> implied_flows(const Scenario& scenario);
// The demand at one unit, from the traffic equations' arrivals by class ([class][unit]).
UnitDemand demand_at(const Scenario& scenario, std::size_t unit, const std::vector<std::vector<double>>& arrivals);
// One unit's first figure for a demand: the kind's own, or Erlang B, C or A from its capacity.
ImpliedFlow implied_flow_at(const Scenario& scenario, std::size_t unit, const UnitDemand& demand);

// For `kapsim check`: one line per unit.
std::string describe_implied_flows(const Scenario& scenario);

}  // namespace kapsim::models
