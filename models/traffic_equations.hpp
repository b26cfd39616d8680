#pragma once
// The traffic equations of the pathway network, solved with Eigen: how many arrive at each
// unit per day, from outside, from other units after a stay, and turned away by a full unit
// (in the share its first figure gives: Erlang B for a loss system), and the offered load
// (arrivals times mean stay) that follows.
#include <optional>
#include <string>
#include <vector>

#include "models/message.hpp"
#include "scenario.hpp"

namespace kapsim::models {

struct UnitLoad {
    double arrivals_per_day = 0;  // lambda, all classes, first year
    double offered_load = 0;      // places needed on average if nobody were turned away
};

std::vector<UnitLoad> offered_loads(const Scenario& scenario);

// The solution of the traffic equations at the first year's rates: arrivals per day of each
// class at each unit, [class][unit]; and at each unit, [unit][class], whether a full unit turns
// the class away (to go by its overflow route) and the share it turns away, from the unit's
// first figure for the load the arrivals make.
struct Traffic {
    std::vector<std::vector<double>> arrivals;
    std::vector<std::vector<char>> turns_away;
    std::vector<std::vector<double>> turned_away;
};
Traffic solve_traffic(const Scenario& scenario);
// solve_traffic's arrivals.
std::vector<std::vector<double>> arrivals_by_class(const Scenario& scenario);
// Mean stay of class c at unit u, over the destinations it may be sent on to.
double mean_stay(const Scenario& scenario, std::size_t unit, std::size_t patient_class);

// The analytic first figure of one unit for its capacity, and what check warns of there.
struct UnitLoadFigure {
    std::optional<unsigned> places;  // none where the unit has no limit
    std::string noun;                // what the places are: "beds"
    std::string text;                // "Erlang B: 2.1 % turned away, about 10 a year"; "" when none
    std::vector<Message> notes;  // "warning: ..." or "note: ...", in the order check prints them
    Message lost_note;           // the warning that people leave the model, printed after the notes
    // The same figure as numbers, for a reader in another language (the studio's page):
    // model "erlang_a", "erlang_b" or "erlang_c" ("" when none); shares of the arrivals.
    std::string model;
    double wait_share = -1;      // would wait (Erlang A, C)
    double unserved_share = -1;  // leave unserved (A) or are turned away (B)
    double unserved_per_year = -1;
    // Classes turned away here with no overflow route, who leave the model (lost_note says so).
    std::vector<std::string> lost_classes;
};
std::vector<UnitLoadFigure> unit_load_figures(const Scenario& scenario);

// For `kapsim check`: each unit's load with the Erlang B or C figure for its capacity, and
// warnings where the load exceeds the capacity.
std::string describe_loads(const Scenario& scenario);

}  // namespace kapsim::models
