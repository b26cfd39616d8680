#pragma once
// The registry of unit kinds. Each kind lives in its own file and contributes one entry:
// its name, the keys its YAML may hold, how to read them, whether it can turn people away
// (and so may have an overflow route), its metrics, and how to build it for a replication.
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "implied_flow.hpp"
#include "metric.hpp"
#include "scenario.hpp"
#include "scenario_reading.hpp"
#include "unit.hpp"
#include "unit_context.hpp"

namespace kapsim::models {

// A unit's capacity as queueing theory sees it, for the first approximation that `check` and
// `capacity --quick` give before any simulation. Each kind says which model fits it.
struct CapacityView {
    std::size_t places;
    bool queues;                  // people wait (Erlang C, or A with patience) rather than being turned away (B)
    std::string_view noun;        // "beds", "places", "slots"
    // What the excess becomes: the queue that grows ("planned list") when people wait, or
    // what happens to those who find it full ("turned away", "purchased") when they do not.
    std::string_view excess;
    // Those who wait leave after a sampled patience of this mean (0: they never leave), so an
    // overloaded line stays finite: Erlang A rather than C.
    double patience_mean_days = 0;
    bool impatient() const { return patience_mean_days > 0; }
};

// Who waits at a unit: whether a class queues there, and the patience after which they leave.
struct WaitingLine {
    bool waits = false;
    const std::optional<sim::Distribution>* patience = nullptr;  // the unit's own, if waits
};

// How the report names a unit of a kind and counts its places, in one language. The report
// asks the kind for these words, so a new kind brings its own and app/ names no kind.
struct KindWords {
    std::string_view noun;    // "avdelning": a unit reads "avdelning avd7"; empty: by its id alone
    std::string_view place;   // one place: "vårdplats"
    std::string_view places;  // several: "vårdplatser"
    // How the kind works, for the report's method appendix; {ids} names the units. Empty:
    // the report says the kind's summary.
    std::string_view logic;
};

struct UnitKind {
    std::string_view name;
    std::string_view summary;            // one line, for `kapsim check` and errors
    std::string_view capacity_key;       // the key a capacity curve varies; empty if none
    std::vector<std::string_view> keys;  // besides kind, label and description
    // Reads the kind's parameters and its length-of-stay table from the unit's mapping.
    UnitParameters (*read)(const Field& unit, const LoadContext& ctx, StayTable& stay);
    bool (*can_overflow)(const UnitParameters& parameters);
    std::optional<CapacityView> (*capacity)(const UnitParameters& parameters);
    // The parameters in a line, for `kapsim check`: "capacity 16, FIFO queue".
    std::string (*describe)(const UnitParameters& parameters);
    // The metrics a unit of this kind writes in every replication, with their identity; they
    // may depend on the unit's parameters and routes (e.g. one count per overflow destination).
    std::vector<MetricSpec> (*metrics)(const Scenario& scenario, std::size_t unit);
    std::unique_ptr<Unit> (*build)(const UnitContext& context);
    // The --set overrides that lift the unit's limit, for `capacity --quick`: its capacity
    // made unlimited, and whatever else would still turn people away.
    std::vector<std::string> (*without_limit)(const std::string& unit_id);
    // A small whole scenario with one unit of this kind (named like the kind), for the contract
    // test every kind passes and as a starting point for people writing their first file.
    std::string_view example;
    // The report's words for the kind, and where its units come in the report: units the reader
    // expects first (wards) have a lower number, services without places last.
    KindWords sv;
    KindWords en;
    int report_order = 100;
    // Whether people of this class can be turned away (and so go by the overflow route); none
    // given: every class of a unit that can_overflow. A ward turns away acute patients only.
    bool (*turns_away)(const UnitParameters& parameters, std::size_t patient_class) = nullptr;
    // Whether people of this class wait in line for a place (and so may be on the list when a
    // run starts from today), and the patience of those who wait; none given: nobody waits.
    WaitingLine (*waiting_line)(const UnitParameters& parameters, std::size_t patient_class) = nullptr;
    // The kind's own first figure of admissions and occupancy, where the one that follows from
    // `capacity` alone does not fit (a ward's acute and planned patients share its beds in
    // different ways); none given: Erlang B, C or A from `capacity`.
    ImpliedFlow (*implied_flow)(const UnitParameters& parameters, const UnitDemand& demand) = nullptr;
    // What check notes of values the file leaves to their defaults, where a planner should decide
    // them (a ward's over-occupancy); the studio shows them at the unit. None given: nothing.
    std::vector<Message> (*default_notes)(const UnitParameters& parameters) = nullptr;
};

// People a unit can turn away who have no overflow route to go by: they leave the model, and
// every command says so, with the share, rather than losing them silently.
struct TurnedAwayWithoutRoute {
    std::size_t unit;
    std::vector<std::size_t> classes;  // that reach the unit and can be turned away there
};
std::vector<TurnedAwayWithoutRoute> turned_away_without_route(const Scenario& scenario);

const std::vector<UnitKind>& unit_kinds();
// nullptr when there is no such kind.
const UnitKind* find_unit_kind(std::string_view name);

// Each kind's entry, defined in its own file.
UnitKind pool_kind();
UnitKind sobering_kind();
UnitKind ward_kind();
UnitKind slots_kind();
UnitKind placement_kind();
UnitKind service_kind();
UnitKind caseload_kind();

}  // namespace kapsim::models
