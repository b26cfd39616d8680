// A caseload team's effect on the enrolled person's own care (units.<team>.while_enrolled): a
// member of a population referred to the team lives at home, their needs going on; while their
// case is open, each arrival of theirs at a unit happens with the unit's rate ratio, and each
// stay there is scaled by its factor.
//
// With an unlimited caseload and episodes that take no time, a person alternates between a
// time without a case (exponential at their rate m, ended by a visit that refers them) and a
// case of mean length L, in which their visits come at r m. By the renewal-reward theorem their
// visits a year are (1 + r m L) / (1/m + L), the share of time enrolled is L / (1/m + L), and the
// arrivals the team avoids are that share of (1 - r) m a year.
#include <gtest/gtest.h>

#include <string>

#include "models/input_error.hpp"
#include "models/traffic_equations.hpp"
#include "models/while_enrolled.hpp"
#include "replication_values.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::run_all;
using testing::values;

// `persons` frequent attenders at an emergency department whose visits refer them to a team.
// `first` is the department's line (a visit of a minute: the time in care is negligible), `team`
// the team's mapping, `more` other units.
std::string referred_to_team(const std::string& team, const std::string& run = "30y", const std::string& more = "",
                             const std::string& pathways = "  ed: {after_stay: {all: {team: 1}}}\n") {
    return "scenario: {name: team, start: 2024-01-01, run_length: " + run +
           ", warmup: 5y, replications: 20, seed: 5}\n"
           "classes:\n"
           "  frequent:\n"
           "    population: {persons: 200, visits_per_person: 6 per year, spread: {distribution: gamma, cv: 0}}\n"
           "    first_unit: ed\n"
           "units:\n"
           "  ed: {kind: service, duration: {distribution: fixed, value: 1min}}\n"
           "  team:\n"
           "    kind: caseload\n" +
           team + more + "pathways:\n" + pathways;
}

TEST(WhileEnrolledTest, OpenCasesMakeTheEnrolledPersonsVisitsRarerAsTheRenewalRewardTheoremGives) {
    const double m = 6, L = 1, r = 0.5, persons = 200;  // a year, years, the rate ratio
    const auto s = testing::scenario_from_text(referred_to_team(
        "    caseload: unlimited\n"
        "    case_length: {distribution: exponential, mean: 1y}\n"
        "    while_enrolled: {arrivals: {ed: 50 %}}\n"));
    const auto reps = run_all(s);
    const double enrolled = L / (1 / m + L);
    testing::expect_covers(values(s, reps, "classes", "frequent", "visits_per_person_mean"), (1 + r * m * L) / (1 / m + L),
                           "visits a year per person");
    testing::expect_covers(values(s, reps, "units", "team", "caseload_mean"), persons * enrolled, "open cases");
    testing::expect_covers(values(s, reps, "units", "team", "avoided.ed.arrivals_per_year"),
                           persons * enrolled * (1 - r) * m, "visits avoided a year");
    // Without the effect, the visits are the persons' own rate (a check that the test can fail).
    EXPECT_GT(sim::estimate_mean(values(s, reps, "classes", "frequent", "visits_per_person_mean")).ci_high, 3.0);
    EXPECT_LT(sim::estimate_mean(values(s, reps, "classes", "frequent", "visits_per_person_mean")).ci_high, 0.9 * m);
}

TEST(WhileEnrolledTest, PeopleOnTheIntakeListLiveAtHomeAtTheirOwnRateAndAreListedOnce) {
    // One case, lasting far beyond the run: the first person referred is enrolled for good, and
    // everyone else waits on the intake list, at home, coming to the department as before.
    const double m = 6, persons = 200;
    const auto s = testing::scenario_from_text(referred_to_team(
        "    caseload: 1\n"
        "    case_length: {distribution: fixed, value: 100y}\n"
        "    while_enrolled: {arrivals: {ed: 0.5}}\n",
        "10y"));
    const auto reps = run_all(s);
    testing::expect_covers(values(s, reps, "classes", "frequent", "visits_per_person_mean"), m - 0.5 * m / persons,
                           "visits a year per person");
    for (const double listed : values(s, reps, "units", "team", "intake_end")) EXPECT_EQ(listed, persons - 1);
}

TEST(WhileEnrolledTest, AStayFactorScalesTheStaysOfTheEnrolledOnly) {
    // Every person's first visit (in the warm-up) refers them to a team they stay with for good;
    // from then on their ward stays have half the mean.
    const auto s = testing::scenario_from_text(
        "scenario: {name: team, start: 2024-01-01, run_length: 10y, warmup: 3y, replications: 20, seed: 7}\n"
        "classes:\n"
        "  frequent:\n"
        "    population: {persons: 100, visits_per_person: 4 per year, spread: {distribution: gamma, cv: 0}}\n"
        "    first_unit: ward\n"
        "units:\n"
        "  ward: {kind: pool, capacity: unlimited, service: {distribution: exponential, mean: 10d}}\n"
        "  team:\n"
        "    kind: caseload\n"
        "    caseload: unlimited\n"
        "    case_length: {distribution: fixed, value: 100y}\n"
        "    while_enrolled: {stay: {ward: 0.5}}\n"
        "pathways:\n"
        "  ward: {after_stay: {all: {team: 1}}}\n");
    const auto reps = run_all(s);
    testing::expect_covers(values(s, reps, "units", "ward", "mean_stay_days"), 5.0, "mean stay of the enrolled");
}

TEST(WhileEnrolledTest, PeopleOfAClassOfArrivalsAreNotAffected) {
    // The effect is on persons the model follows from visit to visit; a class of arrivals has none.
    const auto s = testing::scenario_from_text(
        "scenario: {name: team, start: 2024-01-01, run_length: 5y, warmup: 1y, replications: 5, seed: 7}\n"
        "classes:\n"
        "  walk_in: {arrivals: {rate: 2/day}, first_unit: ed}\n"
        "units:\n"
        "  ed: {kind: service, duration: {distribution: fixed, value: 1h}}\n"
        "  team: {kind: caseload, caseload: unlimited, case_length: 1y, while_enrolled: {arrivals: {ed: 0.5}}}\n"
        "pathways:\n"
        "  ed: {after_stay: {all: {team: 0.5, out: 0.5}}}\n");
    const auto reps = run_all(s);
    for (const double avoided : values(s, reps, "units", "team", "avoided.ed.arrivals_per_year")) EXPECT_EQ(avoided, 0);
    testing::expect_covers(values(s, reps, "units", "ed", "visits_per_year"), 2 * 365.25, "arrivals, as without the team");
    // check says so, rather than letting the planner believe the effect works.
    const auto warnings = models::team_effect_warnings(s);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].message.en.find("acts on nobody"), std::string::npos) << warnings[0].message.en;
    EXPECT_NE(warnings[0].message.sv.find("gäller ingen"), std::string::npos) << warnings[0].message.sv;
    EXPECT_NE(models::describe_team_effects(s).find("warning: no class of known persons"), std::string::npos);
}

TEST(WhileEnrolledTest, CheckSaysEachPersonIsReferredOnceInsteadOfAQueueThatGrowsWithoutBound) {
    const auto s = testing::scenario_from_text(referred_to_team(
        "    caseload: 10\n    case_length: 1y\n    while_enrolled: {arrivals: {ed: 0.5}}\n"));
    EXPECT_TRUE(models::team_effect_warnings(s).empty());
    const auto loads = models::describe_loads(s);
    EXPECT_EQ(loads.find("grow without bound"), std::string::npos) << loads;
    EXPECT_NE(loads.find("each person of a population is referred to team once while on it, so at most 200 of them"), std::string::npos)
        << loads;
}

void expect_refused(const std::string& team, std::size_t line, const std::string& words) {
    try {
        testing::scenario_from_text(referred_to_team(team));
        FAIL() << "accepted:\n" << team;
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, line) << e.what();
        EXPECT_GT(e.where().column, 0u) << e.what();
        EXPECT_NE(e.problem().find(words), std::string::npos) << e.what();
        EXPECT_FALSE(e.hint().empty()) << e.what();
    }
}

TEST(WhileEnrolledInputTest, MistakesAreNamedAtTheirPlace) {
    const std::string team = "    caseload: 10\n    case_length: 1y\n";
    expect_refused(team + "    while_enrolled: {arrivals: {ed: 150 %}}\n", 12, "ed");
    expect_refused(team + "    while_enrolled: {arrivals: {ad: 0.5}}\n", 12, "'ad' is not a unit");
    expect_refused(team + "    while_enrolled: {arrivals: {team: 0.5}}\n", 12, "'team' is not another unit");
    expect_refused(team + "    while_enrolled: {stay: {ed: 0}}\n", 12, "outside the sensible range");
    expect_refused(team + "    while_enrolled: {visits: {ed: 0.5}}\n", 12, "unknown key 'visits'");
    expect_refused(team + "    while_enrolled: {arrivals: 0.5}\n", 12, "must be a mapping of units to values");
}

}  // namespace
}  // namespace kapsim
