#pragma once
// The validated, immutable description of what to simulate. Built once from YAML by
// load_scenario(); every replication builds its own model from it.
#include <chrono>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "input_error.hpp"
#include "text.hpp"
#include "sim/arrival_process.hpp"
#include "sim/capacity_pool.hpp"
#include "sim/distribution.hpp"

namespace kapsim::models {

// Where someone goes next: a unit's index, or out of the system.
using Destination = std::uint32_t;
inline constexpr Destination leaves_system = std::numeric_limits<Destination>::max();

// A draw among destinations.
struct Route {
    std::vector<Destination> to;
    std::vector<double> probability;  // sums to 1
    SourceLocation where;             // for errors found after loading (graph checks)
};

// Waiting for the next step (utskrivningsklar, ready for discharge): a person whose stay at a
// unit is over and whose next unit has no place for them keeps their place until it has one,
// at most `max_days` if given; then they go by `then`, or (when `then` is empty) on to the next
// unit as anyone arriving there does (its queue, its overflow route, a bought placement).
struct WaitForPlace {
    bool given = false;
    std::optional<double> max_days;
    Route then;  // empty `to`: on to the next unit all the same
    SourceLocation where;
};

// A group of patients or clients with its own arrival process and first stop.
// People of a class who leave the model after a stay and come back: this share of them, after
// a delay drawn from `delay`, arrive again at the class's first unit as the same person (class
// and home municipality). Each return may be followed by another, so a person returns on
// average share / (1 - share) times.
struct Readmission {
    double share = 0;  // below 1
    sim::Distribution delay;
};

// A class of known persons who come back (`population:`), in place of arrivals: each person
// has a rate of needing care of their own, `visits_per_person` times a frailty drawn from a
// gamma distribution of mean 1 and coefficient of variation `cv` (0: all alike), and their next
// need comes that long after their last episode ended (see models/population.hpp).
struct PopulationSpec {
    std::size_t persons = 0;               // known at the start
    double visits_per_person_per_day = 0;  // the mean rate of needing care, while in the community
    double cv = 0;                         // of the persons' rates
    double joining_per_day = 0;            // new persons joining, a Poisson stream; 0: none
    // How long a person belongs to the population (from the start, or from joining); none: for good.
    std::optional<sim::Distribution> leaves_after;
};

struct PatientClass {
    std::string id;
    Text label;        // a short name for sentences: "akut avgiftning"
    Text description;
    sim::ArrivalProfile arrivals;
    std::size_t first_unit = 0;  // index into Scenario::units
    int priority = 0;            // lower goes first in a priority queue
    // Home municipality: shares over Scenario::municipalities (empty: none recorded).
    std::vector<double> municipality_share;
    std::optional<Readmission> readmission;
    // Known persons who come back, instead of arrivals from outside. `arrivals.rate_per_day` is
    // then their total rate (persons times visits per person), for the loads `check` shows.
    std::optional<PopulationSpec> population;
};

// A change of capacity: from a date on, or in the same ISO weeks every year.
struct CapacityRule {
    std::optional<std::chrono::sys_days> from;  // one-off change, in force from this day
    int first_week = 0, last_week = 0;          // recurring, when `from` is empty
    std::size_t capacity = 0;
};

// Length of stay that may depend on the class and on the destination drawn at admission.
// Rules are tried in order; the first whose class and destination match applies.
// The shape a stay takes when the file gives its mean alone (`stay: 6d` or `{mean: 6d}`): the
// documents give means only, so each kind of unit says what spread is assumed, and check and
// the report say it was (README: "A stay given by its mean alone").
struct DefaultStayShape {
    enum class Family { exponential, lognormal } family;
    double cv = 1;  // a lognormal's sd over its mean
    std::string describe() const;  // "lognormal with sd 0.7 x the mean"
};

struct StayRule {
    std::optional<std::size_t> patient_class;
    std::optional<Destination> destination;
    sim::Distribution stay;
    // Set when the file gave the mean alone and the unit kind's default shape was assumed.
    std::optional<DefaultStayShape> assumed_shape;
};
struct StayTable {
    std::string path;  // where the file gives it: "units.avd7.length_of_stay"
    std::vector<StayRule> rules;
    // The rule for (class, destination); every table has a catch-all, checked on loading.
    std::size_t rule_for(std::size_t patient_class, Destination destination) const;
};

// Kind-specific parameters; each is read and simulated by its own file in models/.
struct PoolSpec {
    std::size_t capacity = 0;  // sim::unlimited_capacity for no limit
    sim::QueueDiscipline queue = sim::QueueDiscipline::none;
    std::optional<sim::Distribution> patience;  // reneging: leaves the line after this long
    std::vector<CapacityRule> capacity_schedule;
};

struct SoberingSpec {
    std::size_t places = 0;
    std::vector<CapacityRule> places_schedule;  // e.g. closed (0) from 2017-11-01
};

struct WardSpec {
    std::size_t beds = 0;
    std::size_t over_occupancy_limit = 0;         // acute admissions allowed beyond the beds
    bool over_occupancy_given = false;            // false: the default 0, which check points out
    std::vector<std::size_t> planned_classes;     // the rest are acute
    std::vector<std::string> planned_class_ids;   // the same by name, for `kapsim check`
    sim::QueueDiscipline planned_queue = sim::QueueDiscipline::fifo;
    std::optional<sim::Distribution> planned_patience;
    std::vector<std::pair<int, int>> planned_closed_weeks;  // ISO weeks with no planned admissions
    std::vector<CapacityRule> beds_schedule;
};

struct SlotsSpec {
    std::size_t capacity = 0;  // enrolment slots
    std::string capacity_basis;  // "2 FTE nurses at 40 slots each" when staffing sets it, for `kapsim check`
    std::optional<sim::Distribution> patience;  // leaving or dying while waiting
    std::vector<CapacityRule> capacity_schedule;
    std::size_t initially_enrolled = 0;  // enrolled at time 0, with the time left of a stay under way
    std::vector<std::chrono::sys_days> snapshots;  // dates on which to count the enrolled
};

struct ProviderType {
    std::string id;
    double share = 1;  // of purchased placements
};
struct PlacementSpec {
    std::size_t own_places = 0;  // used first; then purchased places, without limit
    std::vector<ProviderType> providers;
};

struct ServiceSpec {};

// What a team's open case does to the enrolled person's own use of care, for a person of a
// population class (who lives at home meanwhile, their needs going on): each arrival at a unit
// happens with the probability its rate ratio gives (so their rate of arriving there is that
// share of their rate without the team), and each stay there is scaled by its stay factor.
struct WhileEnrolled {
    std::vector<double> arrival_ratio;  // per unit; 1: unchanged
    std::vector<double> stay_factor;    // per unit; 1: unchanged
    // The units `arrivals` names, in unit order (a ratio of 1 too): each has its count of
    // arrivals avoided, so that a sweep over the ratio has the same metrics at every point.
    std::vector<std::size_t> arrivals_named;
};

struct CaseloadSpec {
    std::size_t caseload = 0;    // open cases at most; sim::unlimited_capacity for no limit
    std::string staff_group;     // the group the limit follows from, if it does: cases per FTE
    double staff_fte = 0;        // of that group
    sim::QueueDiscipline intake = sim::QueueDiscipline::fifo;
    std::optional<sim::Distribution> patience;  // leaving the intake list unserved
    std::vector<CapacityRule> caseload_schedule;
    std::optional<WhileEnrolled> while_enrolled;
};

using UnitParameters =
    std::variant<PoolSpec, SoberingSpec, WardSpec, SlotsSpec, PlacementSpec, ServiceSpec, CaseloadSpec>;

// People at a unit when the run starts, all of one class: `count` of them, who have stayed
// (or waited) `elapsed` days so far. Unknown `elapsed`: a stay's time left is the equilibrium
// residual (as if the unit had long been running); a wait counts from the start.
struct PeopleAtStart {
    std::size_t patient_class = 0;
    std::optional<double> elapsed_days;
    std::size_t count = 1;
};
// The state of a unit on the start date (`today:` in the scenario, or a slots unit's
// `initially_enrolled`): who is staying and who is waiting.
struct StartingCensus {
    std::vector<PeopleAtStart> staying;
    std::vector<PeopleAtStart> waiting;  // longest wait first
    bool from_today = false;             // given by `today:`, so the run starts from today
    bool empty() const { return staying.empty() && waiting.empty(); }
};

struct UnitSpec {
    std::string id;
    std::string kind;
    Text label;  // a short name for sentences: "avdelning 7"
    Text description;
    StayTable stay;
    UnitParameters parameters;
    SourceLocation where;
    StartingCensus at_start;
};

// Who pays: the region, the police, the state, or a municipality (named, or the patient's own).
struct PayerShare {
    std::string payer;  // a payer name, "municipality" (the patient's home) or "municipalities" (by use)
    double share = 1;
};

// A cost of a unit: per year (fixed), per admission, or per day of stay.
struct CostItem {
    std::string name;
    std::size_t unit = 0;
    enum class Basis { per_year, per_admission, per_day } basis = Basis::per_year;
    double amount = 0;  // kronor per year, per admission or per day
    std::vector<PayerShare> payers;
    std::optional<std::string> applies_to;  // placement: "own", "purchased" or a provider type
};

struct StaffGroup {
    std::string unit;
    std::string group;  // nurses, treatment_assistants, physicians_locum, ...
    double fte = 0;
    double cost_per_fte = 0;  // kronor per year
};

struct Scenario;

// A dated change (`changes:` in the file): from this day on, the values of `regime`, which is
// the scenario loaded with this change and every earlier one applied as overrides. The engine
// takes the arrivals and routes from it; capacities become rules of the kind's own schedule.
struct DatedChange {
    std::chrono::sys_days from{};
    double day = 0;                  // days from the start of the run
    std::vector<std::string> paths;  // what it sets, in file order
    SourceLocation where;
    std::shared_ptr<const Scenario> regime;
};

struct Scenario {
    std::string name;
    Text label;  // what a report calls the alternative: "13 vårdplatser"
    Text description;
    std::string region;
    std::string file;
    std::string content_hash;
    std::string canonical_yaml;
    std::chrono::sys_days start{};
    double run_length_days = 0;  // observed period, after the warm-up
    double warmup_days = 0;
    std::size_t replications = 0;
    std::uint64_t seed = 0;

    std::vector<std::string> municipalities;
    std::vector<std::string> payers;  // every payer named anywhere, "total" excluded
    std::vector<PatientClass> classes;
    std::vector<UnitSpec> units;
    std::vector<Route> after_stay;  // [unit * classes + class]
    std::vector<Route> overflow;    // [unit * classes + class]; empty `to` = no overflow route
    std::vector<WaitForPlace> wait_for_place;  // [unit * units + next unit]; empty when none is given
    std::vector<CostItem> costs;    // staffing costs included, as per-year items
    std::vector<StaffGroup> staffing;
    std::vector<DatedChange> changes;  // in date order; empty for a scenario whose values never change

    double horizon_days() const { return warmup_days + run_length_days; }
    // Whether some unit starts with the people `today:` says are there: a run from today.
    bool starts_from_today() const {
        for (const auto& u : units)
            if (u.at_start.from_today) return true;
        return false;
    }
    const Route& route_after(std::size_t unit, std::size_t patient_class) const {
        return after_stay[unit * classes.size() + patient_class];
    }
    const Route& route_overflow(std::size_t unit, std::size_t patient_class) const {
        return overflow[unit * classes.size() + patient_class];
    }
    // Every route of a unit and class over the run: today's, and those the dated changes bring
    // (what the metrics a unit declares must cover).
    std::vector<const Route*> routes_over_time(std::size_t unit, std::size_t patient_class) const;
    std::vector<const Route*> overflows_over_time(std::size_t unit, std::size_t patient_class) const;
    // Whether people leaving `unit` for `next` keep their place until `next` has one; nullptr if not.
    const WaitForPlace* waits_for_place(std::size_t unit, Destination next) const {
        if (wait_for_place.empty() || next == leaves_system) return nullptr;
        const WaitForPlace& w = wait_for_place[unit * units.size() + next];
        return w.given ? &w : nullptr;
    }
    bool waits_for_any_place(std::size_t unit) const {
        for (std::size_t d = 0; d < units.size(); ++d)
            if (waits_for_place(unit, static_cast<Destination>(d))) return true;
        return false;
    }
    std::string destination_name(Destination d) const { return d == leaves_system ? "out" : units[d].id; }
};

inline std::vector<const Route*> Scenario::routes_over_time(std::size_t unit, std::size_t patient_class) const {
    std::vector<const Route*> routes{&route_after(unit, patient_class), &route_overflow(unit, patient_class)};
    for (const auto& change : changes) {
        routes.push_back(&change.regime->route_after(unit, patient_class));
        routes.push_back(&change.regime->route_overflow(unit, patient_class));
    }
    // Where people go after the longest wait for the next step.
    if (!wait_for_place.empty())
        for (std::size_t next = 0; next < units.size(); ++next) {
            const WaitForPlace& w = wait_for_place[unit * units.size() + next];
            if (w.given && !w.then.to.empty()) routes.push_back(&w.then);
        }
    return routes;
}

inline std::vector<const Route*> Scenario::overflows_over_time(std::size_t unit, std::size_t patient_class) const {
    std::vector<const Route*> routes{&route_overflow(unit, patient_class)};
    for (const auto& change : changes) routes.push_back(&change.regime->route_overflow(unit, patient_class));
    return routes;
}

}  // namespace kapsim::models
