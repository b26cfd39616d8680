#pragma once
// One replication of a scenario: builds the units, router, ledger and arrival sources from
// the Scenario, runs the warm-up and the observed period, and returns plain numbers.
#include <array>
#include <cstdint>
#include <cstddef>
#include <string>
#include <vector>

#include "event_log.hpp"
#include "metric.hpp"
#include "sim/pooled_quantile.hpp"
#include "prepared_scenario.hpp"
#include "scenario.hpp"

namespace kapsim::models {

// The metrics every replication reports, in order: units.<id>.<metric> for each unit, then
// payers.<payer>.cost_per_year for each payer and for the total.
struct MetricKey {
    std::string section;  // "units" or "payers"
    std::string id;
    std::string metric;   // spec.id
    MetricSpec spec;      // what it measures, its unit and labels, as its unit kind declares it
};
std::vector<MetricKey> metric_catalog(const Scenario& scenario);

// One calendar year's metrics of a replication (see observed_years.hpp), as in ReplicationResult.
struct YearResult {
    std::vector<double> metrics;  // aligned with metric_catalog()
    std::vector<std::pair<std::size_t, sim::QuantileSample>> quantile_samples;
};

struct ReplicationResult {
    std::vector<double> metrics;                              // aligned with metric_catalog()
    // The observations behind each pooled quantile (MetricSpec::pooled_quantile), by the
    // metric's index in metrics.
    std::vector<std::pair<std::size_t, sim::QuantileSample>> quantile_samples;
    std::vector<std::vector<double>> occupancy_distribution;  // per unit: share of time at each level
    // Per unit: mean places in use in each calendar month (January first) over the observed
    // period's whole days; NaN for a month the period does not reach.
    std::vector<std::array<double, 12>> occupancy_by_month;
    // Per unit, in a run from today (Scenario::starts_from_today), and in the pass by year of
    // a run longer than a year: mean places in use in each month of run_months(), from the
    // start of the observed period on.
    std::vector<std::vector<double>> occupancy_by_run_month;
    std::vector<std::vector<double>> daily_occupancy;  // per unit, every day of the run, if asked for
    std::vector<double> arrival_times;                 // every arrival from outside, if asked for
    // Every metric by calendar year of the observed period (PreparedScenario::years), when
    // asked for and the run is longer than a year; empty otherwise.
    std::vector<YearResult> by_year;
};

struct ReplicationOptions {
    bool record_arrivals = false;  // for tests of common random numbers
    bool record_daily = false;     // for choosing the warm-up
    // Events after which the replication is stopped; 0: from the scenario's work estimate.
    std::uint64_t event_limit = 0;
    EventLog* events = nullptr;  // the patient-level log (`run --events`), when given
    // Also every metric by calendar year: a second pass of the replication (no cost in a run
    // of a year or less, which has no years to report).
    bool by_year = false;
};

// Replication `replication` of a scenario prepared once for all its replications.
ReplicationResult run_replication(const PreparedScenario& prepared, std::size_t replication, ReplicationOptions options = {});
// The same, preparing the scenario for this one replication (for tests and single runs).
ReplicationResult run_replication(const Scenario& scenario, std::size_t replication, ReplicationOptions options = {});

}  // namespace kapsim::models
