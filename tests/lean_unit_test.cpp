// Lean units (UnitBase::lean): a unit whose visits need nothing beyond its own books (no event
// log, no costs, no books by class, and after the stay everyone leaves the model with nothing
// more to it) takes a copy of the usual path compiled without the steps that would find nothing
// to do. It must give the same results, bit for bit, as the full path, which a patient-level log
// makes every unit take; and the router must answer "only leaves" exactly where leaving asks
// nothing more of it, over every regime of the run.
#include <gtest/gtest.h>

#include <bit>
#include <cstdint>
#include <string>
#include <vector>

#include "models/care_system.hpp"
#include "models/event_log.hpp"
#include "models/router.hpp"
#include "models/stay_lifecycle.hpp"
#include "models/unit_base.hpp"
#include "sim/random_streams.hpp"
#include "sim/simulation.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

// Doubles as their bits, so that NaN equals NaN and -0 differs from +0.
std::vector<std::uint64_t> bits(const std::vector<double>& values) {
    std::vector<std::uint64_t> b;
    for (const double v : values) b.push_back(std::bit_cast<std::uint64_t>(v));
    return b;
}

// Every kind that can be lean, one class each (one class at a unit keeps no books by class):
// a loss system whose overflow goes on to a service, a line with patience and a summer cut in
// places, enrolment slots with a line, and a sobering unit.
const std::string lean_units = R"(
scenario:
  name: lean
  start: 2024-01-01
  run_length: 3y
  warmup: 30d
  replications: 3
  seed: 17
classes:
  callers:
    arrivals: {rate: 700/year}
    first_unit: station
  planned:
    arrivals: {rate: 2/day}
    first_unit: clinic
  referrals:
    arrivals: {rate: 40/year}
    first_unit: laro
  intoxicated:
    arrivals: {rate: 3/day}
    first_unit: tne
units:
  station:
    kind: pool
    capacity: 2
    queue: none
    service: {distribution: exponential, mean: 8h}
  reserve:
    kind: service
    duration: {distribution: exponential, mean: 1d}
  clinic:
    kind: pool
    capacity: 3
    queue: fifo
    service: {distribution: lognormal, mean: 1.2d, sd: 1d}
    patience: {distribution: exponential, mean: 2d}
    capacity_schedule:
      - {weeks: 26-32, capacity: 2}
  laro:
    kind: slots
    capacity: 10
    enrolment: {distribution: lognormal, mean: 100d, sd: 80d}
    patience: {distribution: exponential, mean: 60d}
  tne:
    kind: sobering
    places: 2
    stay: {distribution: exponential, mean: 8h}
pathways:
  station:
    overflow: {all: {reserve: 1}}
  tne:
    overflow: {all: {reserve: 0.5, out: 0.5}}
)";

TEST(LeanUnitTest, GivesTheResultsOfTheFullPathBitForBit) {
    const auto scenario = testing::scenario_from_text(lean_units, "lean");
    for (std::size_t r = 0; r < scenario.replications; ++r) {
        SCOPED_TRACE(r);
        const auto lean = models::run_replication(scenario, r);
        models::EventLog log;  // with a log, every unit takes the full path
        models::ReplicationOptions logged;
        logged.events = &log;
        const auto full = models::run_replication(scenario, r, logged);
        ASSERT_FALSE(log.records().empty());
        EXPECT_EQ(bits(lean.metrics), bits(full.metrics));
        ASSERT_EQ(lean.occupancy_distribution.size(), full.occupancy_distribution.size());
        for (std::size_t u = 0; u < lean.occupancy_distribution.size(); ++u) {
            EXPECT_EQ(bits(lean.occupancy_distribution[u]), bits(full.occupancy_distribution[u])) << "unit " << u;
            EXPECT_EQ(bits({lean.occupancy_by_month[u].begin(), lean.occupancy_by_month[u].end()}),
                      bits({full.occupancy_by_month[u].begin(), full.occupancy_by_month[u].end()}))
                << "unit " << u;
        }
        ASSERT_EQ(lean.quantile_samples.size(), full.quantile_samples.size());
        for (std::size_t q = 0; q < lean.quantile_samples.size(); ++q) {
            const auto& [at, a] = lean.quantile_samples[q];
            const auto& b = full.quantile_samples[q].second;
            EXPECT_EQ(at, full.quantile_samples[q].first);
            EXPECT_EQ(a.zeros, b.zeros);
            ASSERT_EQ(a.bins.size(), b.bins.size());
            for (std::size_t i = 0; i < a.bins.size(); ++i) {
                EXPECT_EQ(a.bins[i].index, b.bins[i].index);
                EXPECT_EQ(a.bins[i].count, b.bins[i].count);
            }
            EXPECT_EQ(bits({a.smallest, a.largest}), bits({b.smallest, b.largest}));
        }
    }
}

// The router's answer for `unit` (by id) in `yaml`, for the classes that reach it.
bool only_leaves(const std::string& yaml, const std::string& unit) {
    const auto s = testing::scenario_from_text(yaml, "routes");
    sim::Simulation simulation;
    const sim::RandomStreams streams(s.seed, 0);
    const models::Router router(s, streams, simulation);
    std::size_t u = 0;
    while (s.units[u].id != unit) ++u;
    return router.only_leaves_after_stay(u, models::classes_by_unit(s)[u]);
}

// A clinic and a ward, each with a class of its own; `clinic_class` is written under the
// clinic's class, `extra` at the end.
std::string two_units(const std::string& pathways, const std::string& clinic_class = "", const std::string& extra = "") {
    return "scenario:\n  name: routes\n  start: 2024-01-01\n  run_length: 1y\nclasses:\n  patients:\n"
           "    arrivals: {rate: 2/day}\n    first_unit: clinic\n" +
           clinic_class +
           "  acute:\n    arrivals: {rate: 1/day}\n    first_unit: ward\n"
           "units:\n  clinic:\n    kind: pool\n    capacity: 3\n    service: {distribution: exponential, mean: 1d}\n"
           "  ward:\n    kind: pool\n    capacity: 2\n    service: {distribution: exponential, mean: 2d}\n" +
           pathways + extra;
}

TEST(LeanUnitTest, OnlyThoseWhoLeaveWithNothingMoreToItAreLean) {
    // Nobody goes on from either.
    EXPECT_TRUE(only_leaves(two_units(""), "clinic"));
    EXPECT_TRUE(only_leaves(two_units(""), "ward"));
    EXPECT_TRUE(only_leaves(two_units("pathways:\n  clinic: {after_stay: {all: {out: 1}}}\n"), "clinic"))
        << "the way out written out";
    EXPECT_TRUE(only_leaves(two_units("pathways:\n  clinic: {overflow: {all: {ward: 1}}}\n"), "clinic"))
        << "those turned away go on, but that path is never lean";

    EXPECT_FALSE(only_leaves(two_units("pathways:\n  clinic: {after_stay: {all: {ward: 1}}}\n"), "clinic"));
    EXPECT_TRUE(only_leaves(two_units("pathways:\n  clinic: {after_stay: {all: {ward: 1}}}\n"), "ward"));
    EXPECT_FALSE(only_leaves(two_units("pathways:\n  clinic: {after_stay: {all: {ward: 0.5, out: 0.5}}}\n"), "clinic"));
    // A choice draws a number even where both ways are out.
    EXPECT_FALSE(only_leaves(two_units("pathways:\n  clinic: {after_stay: {all: {out: 1}}}\n", "",
                                       "changes:\n  - from: 2024-06-01\n"
                                       "    set: {pathways.clinic.after_stay.all: {ward: 0.5, out: 0.5}}\n"),
                             "clinic"))
        << "a route that a dated change brings";
    EXPECT_FALSE(only_leaves(
        two_units("", "    readmission: {share: 0.2, after: {distribution: exponential, mean: 10d}}\n"), "clinic"));
    EXPECT_FALSE(only_leaves(two_units("pathways:\n  ward: {after_stay: {all: {clinic: 1}}, wait_for_place: {clinic: {}}}\n"),
                             "clinic"))
        << "someone may wait for a place here";
}

TEST(LeanUnitTest, APopulationsMembersAreNeverLean) {
    const std::string yaml =
        "scenario:\n  name: routes\n  start: 2024-01-01\n  run_length: 1y\nclasses:\n  frequent:\n"
        "    population: {persons: 50, visits_per_person: 12 per year, spread: {distribution: gamma, cv: 0}}\n"
        "    first_unit: clinic\n"
        "units:\n  clinic:\n    kind: pool\n    capacity: 1\n    service: {distribution: exponential, mean: 1d}\n";
    EXPECT_FALSE(only_leaves(yaml, "clinic")) << "they go back to the community, from where they come again";
}

// Which hooks a kind overrides is read off its type, so that no kind can say it keeps the usual
// ones and then override one: its hooks would be left out of a lean unit's path.
struct Lifecycle : models::StayLifecycle {
    using StayLifecycle::overrides_of;
};
struct Usual final : Lifecycle {};
struct CountsAdmissions final : Lifecycle {
    void counted_admission(const models::Visit&) override {}
};
struct FollowsDepartures final : Lifecycle {
private:  // as the kinds override them
    void gone(sim::Time, const models::Visit&) override {}
};
struct KeepsBooksBetweenChanges final : Lifecycle {
protected:
    void before_change(sim::Time) override {}
};
struct OwnEntry final : Lifecycle {
private:
    Entry entry(sim::Time, const models::Visit&) const override { return Entry::wait; }
    bool reports_wait(const models::Visit&) const override { return false; }  // not a hook lean units leave out
};

TEST(LeanUnitTest, AKindsOverridesAreReadOffItsType) {
    constexpr auto usual = Lifecycle::overrides_of<Usual>();
    EXPECT_FALSE(usual.entry);
    EXPECT_FALSE(usual.stay_hooks);
    EXPECT_TRUE(Lifecycle::overrides_of<CountsAdmissions>().stay_hooks) << "public";
    EXPECT_TRUE(Lifecycle::overrides_of<FollowsDepartures>().stay_hooks) << "private";
    EXPECT_TRUE(Lifecycle::overrides_of<KeepsBooksBetweenChanges>().stay_hooks) << "protected";
    EXPECT_FALSE(Lifecycle::overrides_of<CountsAdmissions>().entry);
    constexpr auto own_entry = Lifecycle::overrides_of<OwnEntry>();
    EXPECT_TRUE(own_entry.entry);
    EXPECT_FALSE(own_entry.stay_hooks);
}

}  // namespace
}  // namespace kapsim
