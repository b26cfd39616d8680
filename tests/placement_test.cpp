// HVB placements: own places are used first and the rest are bought, from provider types by
// their shares; the cost splits into own and purchased and adds up; and the own places behave
// as Erlang's loss system, whose overflow is what must be bought.
#include <gtest/gtest.h>

#include <cmath>
#include <numeric>

#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "sim/estimate.hpp"
#include "sim/quantity.hpp"
#include "sim/replications.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

using testing::expect_covers;

struct Runs {
    models::Scenario scenario;
    std::vector<models::ReplicationResult> reps;

    std::vector<double> values(const std::string& id, const std::string& metric) const {
        const auto keys = models::metric_catalog(scenario);
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].id == id && keys[k].metric == metric) {
                std::vector<double> v;
                for (const auto& r : reps) v.push_back(r.metrics[k]);
                return v;
            }
        ADD_FAILURE() << "no metric " << id << "." << metric;
        return std::vector<double>(reps.size(), std::nan(""));
    }
    std::vector<double> values(const std::string& metric) const { return values("hvb", metric); }
    // 99 % intervals: most tests check several values at once, and each 95 % interval
    // would miss the truth once in twenty by design.
    sim::Estimate estimate(const std::string& metric) const { return sim::estimate_mean(values(metric), 0.99); }
};

models::Scenario load(const std::string& yaml, std::vector<std::string> overrides = {}) {
    const auto dir = testing::fresh_temp_dir("placement");
    const auto file = dir / "scenario.yaml";
    std::ofstream(file) << yaml;
    auto s = models::load_scenario(file.string(), overrides);
    std::filesystem::remove_all(dir);
    return s;
}

Runs run(const std::string& yaml, std::vector<std::string> overrides = {}) {
    Runs r{load(yaml, std::move(overrides)), {}};
    r.reps = sim::run_replications<models::ReplicationResult>(
        r.scenario.replications, 0, [&](std::size_t i) { return models::run_replication(r.scenario, i); });
    return r;
}

// Jämtland's HVB placements: about 80 a year (121 individuals in 1.5 years), 133 days on
// average (seed 002 l.1566-1597). `unit` is the rest of the unit's mapping.
std::string hvb(const std::string& run, const std::string& unit, const std::string& extra = "") {
    return "scenario:\n"
           "  name: hvb\n"
           "  start: 2024-01-01\n" +
           run +
           "classes:\n"
           "  placed:\n"
           "    arrivals: {rate: 80/year}\n"
           "    first_unit: hvb\n"
           "units:\n"
           "  hvb:\n"
           "    kind: placement\n" +
           unit + extra;
}

const std::string typical_duration = "    duration: {distribution: lognormal, mean: 133d, sd: 90d}\n";
const std::string two_provider_types = "    providers: {private_hvb: 0.8, sis: 0.2}\n";

TEST(PlacementTest, OwnPlacesUsedBeforePurchased) {
    const std::string run_spec = "  run_length: 10y\n  warmup: 2y\n  replications: 5\n";
    // The load is 80 x 133 / 365.25 = 29 places: 200 own places are never all in use.
    const auto plenty = run(hvb(run_spec, "    own_places: 200\n" + typical_duration + two_provider_types));
    const auto placements = plenty.values("placements_per_year");
    for (std::size_t i = 0; i < plenty.reps.size(); ++i) {
        EXPECT_EQ(plenty.values("purchased_placements_per_year")[i], 0.0);
        EXPECT_EQ(plenty.values("own_placements_per_year")[i], placements[i]);
        EXPECT_EQ(plenty.values("concurrent_purchased_mean")[i], 0.0);
    }
    expect_covers(plenty.estimate("concurrent_mean"), 80 * 133 / sim::days_per_year, "placements at once");

    // Without own places every placement is bought.
    const auto none = run(hvb(run_spec, typical_duration + two_provider_types));
    for (std::size_t i = 0; i < none.reps.size(); ++i) {
        EXPECT_EQ(none.values("own_placements_per_year")[i], 0.0);
        EXPECT_EQ(none.values("purchased_placements_per_year")[i], none.values("placements_per_year")[i]);
        EXPECT_TRUE(std::isnan(none.values("own_use_pct")[i]));
    }

    // One own place and placements longer than the run: the first person placed takes the own
    // place and keeps it, and everyone after is bought a place.
    const auto one = run(hvb("  run_length: 5y\n  replications: 5\n",
                             "    own_places: 1\n"
                             "    duration: {distribution: fixed, value: 10y}\n" + two_provider_types));
    const auto own = one.values("own_placements_per_year"), bought = one.values("purchased_placements_per_year"),
               all = one.values("placements_per_year");
    for (std::size_t i = 0; i < one.reps.size(); ++i) {
        EXPECT_NEAR(own[i] * 5, 1.0, 1e-9);
        EXPECT_NEAR((all[i] - bought[i]) * 5, 1.0, 1e-9);
        EXPECT_GT(one.values("own_use_pct")[i], 95.0);
    }
}

TEST(PlacementTest, ProvidersByShare) {
    // One krona per placement, paid by a payer per provider type, counts the placements each
    // provider type gets: SiS should get a fifth of those bought.
    const std::string costs = "costs:\n"
                              "  - {unit: hvb, per_admission: 1, applies_to: private_hvb, payer: private_count}\n"
                              "  - {unit: hvb, per_admission: 1, applies_to: sis, payer: sis_count}\n";
    const std::string unit = typical_duration + two_provider_types;
    for (const std::string own_places : {"0", "25"}) {
        const auto r = run(hvb("  run_length: 50y\n  warmup: 2y\n  replications: 20\n", "    own_places: " + own_places + "\n" + unit, costs));
        const auto sis = r.values("sis_count", "cost_per_year"), private_hvb = r.values("private_count", "cost_per_year"),
                   bought = r.values("purchased_placements_per_year");
        std::vector<double> sis_share;
        for (std::size_t i = 0; i < r.reps.size(); ++i) {
            EXPECT_NEAR(sis[i] + private_hvb[i], bought[i], 1e-9 * bought[i]) << "every purchase has one provider type";
            sis_share.push_back(sis[i] / bought[i]);
        }
        const auto e = sim::estimate_mean(sis_share, 0.99);
        expect_covers(e, 0.2, "SiS share of purchased placements with " + own_places + " own places");
        EXPECT_LT(e.half_width(), 0.03) << "sharp enough to tell 0.2 from 0.25";
    }

    // Shares must add up to one.
    EXPECT_THROW(load(hvb("  run_length: 1y\n", typical_duration + "    providers: {private_hvb: 0.8, sis: 0.3}\n")),
                 models::InputError);
}

TEST(PlacementTest, CostOwnVsPurchasedAddUp) {
    // A joint county HVB with 15 places: fixed costs for its staff and building, a daily cost
    // per own place, purchased places at 3 237 kr a day, and a fee for each SiS placement
    // that the state and the home municipality share.
    const std::string yaml = hvb("  run_length: 20y\n  warmup: 2y\n  replications: 5\n",
                                 "    own_places: 15\n" + typical_duration +
                                     "    providers: {private_hvb: 0.8, sis: 0.2}\n",
                                 "costs:\n"
                                 "  - {name: joint HVB staff and building, unit: hvb, per_year: 12000000, applies_to: own, payer: municipalities}\n"
                                 "  - {name: coordination, unit: hvb, per_year: 500000, payer: region}\n"
                                 "  - {name: own place, unit: hvb, per_day: 500, applies_to: own, payer: municipality}\n"
                                 "  - {name: bought place, unit: hvb, per_day: 3237, applies_to: purchased, payer: municipality}\n"
                                 "  - {name: SiS fee, unit: hvb, per_admission: 20000, applies_to: sis, payer: {state: 0.5, municipality: 0.5}}\n");
    const auto with_municipalities =
        std::string(yaml).replace(yaml.find("    first_unit: hvb\n"), 0, "    municipality: {ostersund: 0.75, other: 0.25}\n");
    const auto r = run(with_municipalities);
    const auto cost = r.values("cost_per_year"), own = r.values("cost_own_per_year"),
               purchased = r.values("cost_purchased_per_year"), own_days = r.values("own_days_per_year"),
               purchased_days = r.values("purchased_days_per_year"), state = r.values("state", "cost_per_year"),
               total = r.values("total", "cost_per_year");
    double payers_checked = 0;
    for (std::size_t i = 0; i < r.reps.size(); ++i) {
        EXPECT_NEAR(own[i] + purchased[i], cost[i], 1e-9 * cost[i]) << "own and purchased make the unit's cost";
        EXPECT_NEAR(own[i], 12e6 + 0.5e6 + 500 * own_days[i], 1e-9 * own[i]) << "fixed costs count as own";
        const double sis_placements = state[i] / (0.5 * 20000);
        EXPECT_NEAR(purchased[i], 3237 * purchased_days[i] + 20000 * sis_placements, 1e-9 * purchased[i]);
        EXPECT_GT(purchased_days[i], 0.0);
        double by_payer = 0;
        for (const auto& p : r.scenario.payers) {
            by_payer += r.values(p, "cost_per_year")[i];
            ++payers_checked;
        }
        EXPECT_NEAR(by_payer, total[i], 1e-9 * total[i]) << "the payers' costs add up to the total";
        EXPECT_NEAR(total[i], cost[i], 1e-9 * total[i]);
    }
    EXPECT_GE(payers_checked, 5.0 * 4);  // region, state, ostersund, other, municipalities
}

// Erlang B by its own formula: (a^c / c!) over sum_{k<=c} a^k / k!.
double erlang_b_by_sums(int c, double a) {
    double term = 1, sum = 1;
    for (int k = 1; k <= c; ++k) {
        term *= a / k;
        sum += term;
    }
    return term / sum;
}

TEST(PlacementValidation, PurchasedShareMatchesErlangB) {
    // 25 own places for a load of 29 places: the share of placements that find every own place
    // taken, and so are bought, is Erlang B(25, 29.1) whatever the distribution of durations.
    const auto r = run(hvb("  run_length: 400y\n  warmup: 5y\n  replications: 40\n  seed: 5\n",
                           "    own_places: 25\n" + typical_duration + two_provider_types));
    const double load = 80 * 133 / sim::days_per_year;
    const double purchased_share = erlang_b_by_sums(25, load);
    const auto bought = r.values("purchased_placements_per_year"), all = r.values("placements_per_year");
    std::vector<double> share;
    for (std::size_t i = 0; i < bought.size(); ++i) share.push_back(bought[i] / all[i]);
    const auto e = sim::estimate_mean(share, 0.99);
    expect_covers(e, purchased_share, "share purchased");
    // The own places carry a (1 - B) places on average.
    expect_covers(r.estimate("own_use_pct"), 100 * load * (1 - purchased_share) / 25, "own places in use");
    expect_covers(r.estimate("concurrent_mean"), load, "all placements at once");
    // Sharp enough to tell 25 own places from 24 or 26.
    EXPECT_LT(e.half_width(), (erlang_b_by_sums(24, load) - purchased_share) / 2);
    EXPECT_LT(e.half_width(), (purchased_share - erlang_b_by_sums(26, load)) / 2);
}

}  // namespace
}  // namespace kapsim
