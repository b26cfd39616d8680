// People who come back: a population of known persons, each needing care at a rate of their own,
// gamma distributed over the persons. With episodes that take no time, a person's visits over a
// period T are Poisson given their rate, so the class's counts are negative binomial (a gamma
// mixture of Poissons) with mean m T and variance m T + (cv m T)^2; the share of visits made by
// the persons with the most follows from that distribution.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <cmath>
#include <string>
#include <vector>

#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/negative_binomial.hpp>
#include <boost/math/quadrature/gauss_kronrod.hpp>

#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/population.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "replication_values.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

// A population coming to an emergency department; `visit` is the department's duration line,
// `extra` anything more under the class.
std::string attenders(const std::string& population, const std::string& run = "1y", const std::string& visit = "",
                      int replications = 30, const std::string& extra = "") {
    return "scenario:\n  name: attenders\n  start: 2019-01-01\n  run_length: " + run + "\n  replications: " +
           std::to_string(replications) + "\n  seed: 11\nclasses:\n  frequent:\n    population: " + population +
           "\n    first_unit: ed\n" + extra + "units:\n  ed:\n    kind: service\n" + visit;
}

using testing::run_all;
using testing::values;

// P(N = n) for N Poisson given a rate gamma distributed with mean `mean` and coefficient of
// variation `cv`: the mixture integrated numerically (not the negative binomial's closed form,
// so that the test checks the mixture the model is meant to be).
double mixture_pmf(int n, double mean, double cv) {
    const double shape = 1 / (cv * cv), scale = mean * cv * cv;
    const boost::math::gamma_distribution<double> rates(shape, scale);
    const double upper = boost::math::quantile(boost::math::complement(rates, 1e-15));
    // With t = x^shape the gamma density's x^(shape - 1), steep at 0 for a shape below 1, becomes
    // constant: f(x) dx = e^(-x/scale) / (shape Gamma(shape) scale^shape) dt.
    const double constant = 1 / (shape * std::tgamma(shape) * std::pow(scale, shape));
    const auto integrand = [&](double t) {
        const double x = std::pow(t, 1 / shape);
        return x <= 0 ? (n == 0 ? constant : 0.0) : constant * std::exp(-x / scale) * testing::poisson_pmf(n, x);
    };
    return boost::math::quadrature::gauss_kronrod<double, 61>::integrate(integrand, 0.0, std::pow(upper, shape), 15, 1e-11);
}

// The share of visits made by the `top` share of an infinite population with these counts:
// everyone above the count at the cut, and as much of those at the cut as fills it.
double theoretical_top_share(double mean, double cv, double top) {
    std::vector<double> p;
    double total = 0;
    for (int n = 0; total < 1 - 1e-12 && n < 100000; ++n) {
        p.push_back(mixture_pmf(n, mean, cv));
        total += p.back();
    }
    double above = 0, visits = 0;  // persons, and their visits, above the cut
    for (int n = static_cast<int>(p.size()) - 1; n >= 0; --n) {
        if (above + p[n] >= top) return (visits + (top - above) * n) / mean;
        above += p[n];
        visits += n * p[n];
    }
    return 1;
}

TEST(PopulationTest, VisitCountsPerPersonHaveTheMeanAndVarianceOfTheNegativeBinomial) {
    const double m = 6, cv = 1.2;  // visits a year; the persons' spread
    const auto s = testing::scenario_from_text(
        attenders("{persons: 2000, visits_per_person: 6 per year, spread: {distribution: gamma, cv: 1.2}}"));
    const auto reps = run_all(s);
    const double years = s.run_length_days / sim::days_per_year;
    const double mean = m, variance = m / years + cv * cv * m * m;  // of a person's visits a year
    testing::expect_covers(values(s, reps, "classes", "frequent", "visits_per_person_mean"), mean, "mean visits a person");
    std::vector<double> sample_variance;
    for (double sd : values(s, reps, "classes", "frequent", "visits_per_person_sd")) sample_variance.push_back(sd * sd);
    testing::expect_covers(sample_variance, variance, "variance of a person's visits (sd squared)");
    // Poisson alone (cv 0) would give variance 6: the spread is what the variance shows.
    EXPECT_GT(sim::estimate_mean(sample_variance).ci_low, 8 * m);
}

TEST(PopulationTest, PersonsAllAlikeHavePoissonCounts) {
    const auto s = testing::scenario_from_text(
        attenders("{persons: 1000, visits_per_person: 4 per year, spread: {distribution: gamma, cv: 0}}"));
    const auto reps = run_all(s);
    std::vector<double> sample_variance;
    for (double sd : values(s, reps, "classes", "frequent", "visits_per_person_sd")) sample_variance.push_back(sd * sd);
    testing::expect_covers(sample_variance, 4.0, "variance of Poisson counts");
}

TEST(PopulationTest, HeavyUsersShareMatchesTheGammaMixture) {
    const auto s = testing::scenario_from_text(
        attenders("{persons: 20000, visits_per_person: 6 per year, spread: {distribution: gamma, shape: 0.6944444444444444}}"));
    const auto reps = run_all(s);
    // The mixture integrated is the negative binomial of shape 1/cv^2 (a check of the integration).
    const boost::math::negative_binomial_distribution<double> counts(1 / 1.44, (1 / 1.44) / (1 / 1.44 + 6.0));
    for (int n : {0, 1, 6, 30, 100}) EXPECT_NEAR(mixture_pmf(n, 6.0, 1.2), boost::math::pdf(counts, n), 1e-9) << n;
    const double truth = theoretical_top_share(6.0, 1.2, 0.1);
    EXPECT_GT(truth, 0.35);  // the heavy users make far more than their tenth
    EXPECT_LT(truth, 0.6);
    testing::expect_covers(values(s, reps, "classes", "frequent", "top_10pct_share"), truth, "share of the top 10 %");
}

TEST(PopulationTest, ShareOfTheTopCountsAFractionOfAPersonAtTheCut) {
    // Ten persons: the top 10 % is the one with most.
    EXPECT_DOUBLE_EQ(models::share_of_visits_by_top({5, 1, 1, 1, 1, 1, 0, 0, 0, 0}, 0.1), 0.5);
    // Fifteen: one and a half persons, the second at half weight.
    std::vector<std::uint32_t> fifteen(15, 0);
    fifteen[3] = 6;
    fifteen[7] = 4;
    fifteen[9] = 2;
    EXPECT_DOUBLE_EQ(models::share_of_visits_by_top(fifteen, 0.1), (6 + 0.5 * 4) / 12.0);
    EXPECT_TRUE(std::isnan(models::share_of_visits_by_top({0, 0, 0}, 0.1)));
}

TEST(PopulationTest, PersonsAndTheirTotalVisitsReproduceTheTotal) {
    // Västernorrland 2019: 146 persons made 3 331 emergency visits.
    const auto s = testing::scenario_from_text(
        attenders("{persons: 146, visits: 3331 per year, spread: {distribution: gamma, cv: 1.2}}", "5y"));
    const auto reps = run_all(s);
    testing::expect_covers(values(s, reps, "classes", "frequent", "visits_per_year"), 3331, "the class's visits a year");
    testing::expect_covers(values(s, reps, "units", "ed", "visits_per_year"), 3331, "the department's visits a year");
    for (double n : values(s, reps, "classes", "frequent", "persons")) EXPECT_EQ(n, 146);
}

TEST(PopulationTest, ANeedComesOnlyAfterTheEpisodeEnds) {
    // Persons alike, each episode 15 days: a renewal process of a community time at rate r and
    // an episode of D, so 1 / (1/r + D) visits a person a day, not r.
    const double r = 12 / sim::days_per_year, d = 15;
    std::string yaml = attenders("{persons: 300, visits_per_person: 12 per year, spread: {distribution: gamma, cv: 0}}",
                                 "10y", "    duration: {distribution: fixed, value: 15d}\n", 20);
    yaml.insert(yaml.find("  replications"), "  warmup: 1y\n");
    const auto s = testing::scenario_from_text(yaml);
    const auto reps = run_all(s);
    const double per_year = sim::days_per_year / (1 / r + d);
    testing::expect_covers(values(s, reps, "classes", "frequent", "visits_per_person_mean"), per_year, "renewal rate");
    testing::expect_covers(values(s, reps, "units", "ed", "present_mean"), 300 * d / (1 / r + d), "persons in care");
}

TEST(PopulationTest, PeopleWhoGiveUpWaitingComeBackByTheirOwnRate) {
    // A pool with one place and impatient people: those who leave the queue are not lost.
    const std::string yaml =
        "scenario:\n  name: impatient\n  start: 2019-01-01\n  run_length: 4y\n  warmup: 1y\n  replications: 10\n  seed: 3\n"
        "classes:\n  frequent:\n    population: {persons: 50, visits_per_person: 12 per year, spread: {distribution: gamma, cv: 0}}\n"
        "    first_unit: clinic\n"
        "units:\n  clinic:\n    kind: pool\n    capacity: 1\n    queue: fifo\n"
        "    service: {distribution: exponential, mean: 1d}\n    patience: {distribution: exponential, mean: 1d}\n";
    const auto s = testing::scenario_from_text(yaml);
    const auto reps = run_all(s);
    const auto reneged = values(s, reps, "units", "clinic", "reneged_per_year");
    EXPECT_GT(sim::estimate_mean(reneged).mean, 10);
    // Over three years every person keeps coming: 50 persons at nearly 12 a year less their time inside.
    EXPECT_GT(sim::estimate_mean(values(s, reps, "classes", "frequent", "visits_per_year")).mean, 500);
}

TEST(PopulationTest, ReadmissionsOfAPopulationAreVisitsOfTheSamePersons) {
    const auto s = testing::scenario_from_text(
        attenders("{persons: 400, visits_per_person: 4 per year, spread: {distribution: gamma, cv: 0.5}}", "3y", "", 20,
                  "    readmission: {share: 0.5, after: {distribution: exponential, mean: 10d}}\n"));
    const auto reps = run_all(s);
    const auto by_class = values(s, reps, "classes", "frequent", "visits_per_year");
    const auto at_unit = values(s, reps, "units", "ed", "visits_per_year");
    for (std::size_t r = 0; r < reps.size(); ++r) EXPECT_DOUBLE_EQ(by_class[r], at_unit[r]) << "replication " << r;
    // Half of the episodes are followed by a return: more visits than the 1600 of the persons' own rates.
    EXPECT_GT(sim::estimate_mean(by_class).ci_low, 1600 * 1.5);
}

TEST(PopulationTest, EachPersonKeepsTheirHomeMunicipalityWhoPaysPerVisit) {
    const std::string extra = "    municipality: {north: 0.25, south: 0.75}\n";
    auto yaml = attenders("{persons: 4000, visits_per_person: 2 per year, spread: {distribution: gamma, cv: 1}}", "1y", "", 10,
                          extra);
    yaml += "costs:\n  - {name: visit, unit: ed, per_admission: 1000, payer: {municipality: 1}}\n";
    const auto s = testing::scenario_from_text(yaml);
    const auto reps = run_all(s);
    const auto north = values(s, reps, "payers", "north", "cost_per_year");
    const auto south = values(s, reps, "payers", "south", "cost_per_year");
    const auto visits = values(s, reps, "classes", "frequent", "visits_per_year");
    std::vector<double> share;
    for (std::size_t r = 0; r < reps.size(); ++r) {
        EXPECT_DOUBLE_EQ(north[r] + south[r], 1000 * visits[r]) << "every visit is paid by a municipality";
        share.push_back(north[r] / (north[r] + south[r]));
    }
    testing::expect_covers(share, 0.25, "north's share of the visits");
}

TEST(PopulationTest, PersonsJoiningAndLeavingSettleAtJoiningTimesTimeInThePopulation) {
    // Nobody at the start, 40 joining a year, each staying 2 years on average: 80 persons in the
    // long run (an infinite-server queue), each making 6 visits a year while they belong.
    std::string yaml = attenders("{persons: 0, visits_per_person: 6 per year, spread: {distribution: gamma, cv: 1}, joining: 40 per year, "
                                 "leaves_after: {distribution: exponential, mean: 2y}}",
                                 "10y", "", 30);
    yaml.insert(yaml.find("  replications"), "  warmup: 10y\n");
    const auto settled = testing::scenario_from_text(yaml);
    const auto reps = run_all(settled);
    testing::expect_covers(values(settled, reps, "classes", "frequent", "visits_per_year"), 80 * 6.0, "visits a year");
    // Those who belonged in the 10 years: the 80 there at its start and the 400 who joined.
    testing::expect_covers(values(settled, reps, "classes", "frequent", "persons"), 80 + 400.0, "persons in the period");
}

TEST(PopulationTest, APersonWhoHasLeftThePopulationNeedsNoMoreCare) {
    // 200 persons, each leaving after half a year: over two years a quarter of their visits.
    const auto s = testing::scenario_from_text(attenders(
        "{persons: 200, visits_per_person: 10 per year, spread: {distribution: gamma, cv: 0.5}, "
        "leaves_after: {distribution: fixed, value: 0.5y}}",
        "2y"));
    const auto reps = run_all(s);
    testing::expect_covers(values(s, reps, "classes", "frequent", "visits_per_year"), 200 * 10 * 0.25, "visits a year");
    for (double n : values(s, reps, "classes", "frequent", "persons")) EXPECT_EQ(n, 200);
}

TEST(PopulationTest, SameSeedGivesTheSameRun) {
    const auto s = testing::scenario_from_text(
        attenders("{persons: 146, visits: 3331 per year, spread: {distribution: gamma, cv: 1.2}}"));
    EXPECT_EQ(models::run_replication(s, 3).metrics, models::run_replication(s, 3).metrics);
    EXPECT_NE(models::run_replication(s, 3).metrics, models::run_replication(s, 4).metrics);
}

TEST(PopulationTest, SameResultsWithOneAndTwoThreads) {
    const auto dir = testing::fresh_temp_dir("population-threads");
    const auto file = dir / "attenders.yaml";
    std::ofstream(file) << attenders("{persons: 146, visits: 3331 per year, spread: {distribution: gamma, cv: 1.2}}", "2y", "",
                                     6);
    const auto one = testing::run_kapsim("run " + file.string() + " --threads 1 --out " + (dir / "t1").string());
    const auto two = testing::run_kapsim("run " + file.string() + " --threads 2 --out " + (dir / "t2").string());
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_EQ(two.exit_code, 0) << two.err;
    for (const char* f : {"summary.csv", "replications.csv"})
        EXPECT_EQ(testing::read_text(dir / "t1" / f), testing::read_text(dir / "t2" / f)) << f;
    EXPECT_NE(testing::read_text(dir / "t1" / "summary.csv").find("classes,frequent,top_10pct_share"), std::string::npos);
    std::filesystem::remove_all(dir);
}

// Bad input: each mistake at its line and column, with a hint.
void expect_refused(const std::string& yaml, std::size_t line, const std::string& words, const std::string& hint_words) {
    try {
        testing::scenario_from_text(yaml);
        FAIL() << "accepted:\n" << yaml;
    } catch (const models::InputError& e) {
        EXPECT_EQ(e.where().line, line) << e.what();
        EXPECT_GT(e.where().column, 0u) << e.what();
        EXPECT_NE(e.problem().find(words), std::string::npos) << e.what();
        EXPECT_NE(e.hint().find(hint_words), std::string::npos) << e.hint();
    }
}

TEST(PopulationInputTest, ArrivalsAndAPopulationTogetherAreRefused) {
    expect_refused(attenders("{persons: 146, visits: 3331 per year, spread: {distribution: gamma, cv: 1.2}}", "1y", "", 2,
                             "    arrivals: {rate: 1/day}\n"),
                   9, "both arrivals and a population", "two classes");
}

TEST(PopulationInputTest, AClassWithNeitherNamesBoth) {
    expect_refused("scenario:\n  name: x\n  start: 2019-01-01\n  run_length: 1y\nclasses:\n  frequent:\n    first_unit: ed\n"
                   "units:\n  ed:\n    kind: service\n",
                   7, "has no arrivals", "population:");
}

TEST(PopulationInputTest, PersonsWithoutARateAreRefused) {
    expect_refused(attenders("{persons: 146, spread: {distribution: gamma, cv: 1.2}}"), 9, "not how often", "visits_per_person");
}

TEST(PopulationInputTest, BothRatesAreRefused) {
    expect_refused(attenders("{persons: 146, visits_per_person: 22.8 per year, visits: 3331 per year, spread: {distribution: gamma, cv: 1}}"),
                   9, "not both", "visits_per_person");
}

TEST(PopulationInputTest, ARateWithoutAUnitIsRefused) {
    expect_refused(attenders("{persons: 146, visits_per_person: 22.8, spread: {distribution: gamma, cv: 1}}"), 9, "", "per år");
}

TEST(PopulationInputTest, ASpreadOtherThanGammaIsRefused) {
    expect_refused(attenders("{persons: 10, visits_per_person: 2 per year, spread: {distribution: lognormal, cv: 1}}"), 9,
                   "gamma", "distribution: gamma");
}

TEST(PopulationInputTest, CvAndShapeTogetherAreRefused) {
    expect_refused(attenders("{persons: 10, visits_per_person: 2 per year, spread: {distribution: gamma, cv: 1, shape: 1}}"), 9,
                   "not both", "sqrt");
}

TEST(PopulationInputTest, ASpreadWithoutItsSizeIsRefused) {
    expect_refused(attenders("{persons: 10, visits_per_person: 2 per year, spread: {distribution: gamma}}"), 9, "no size",
                   "cv");
}

TEST(PopulationInputTest, NoPersonsAndNobodyJoiningIsRefused) {
    expect_refused(attenders("{persons: 0, visits_per_person: 2 per year, spread: {distribution: gamma, cv: 1}}"), 9,
                   "never needs care", "joining");
}

TEST(PopulationInputTest, TheClassVisitsWithNoPersonsAtTheStartAreRefused) {
    expect_refused(attenders("{persons: 0, visits: 200 per year, joining: 5 per year, spread: {distribution: gamma, cv: 1}}"), 9,
                   "say nothing", "visits_per_person");
}

TEST(PopulationInputTest, AMistypedKeyIsNamedWithTheNearest) {
    expect_refused(attenders("{persons: 10, visits_per_persons: 2 per year, spread: {distribution: gamma, cv: 1}}"), 9,
                   "visits_per_persons", "visits_per_person");
}

}  // namespace
}  // namespace kapsim
