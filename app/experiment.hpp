#pragma once
// Runs a scenario's replications and aggregates them: the plain result every writer reads.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "models/care_system.hpp"
#include "models/scenario.hpp"
#include "sim/estimate.hpp"
#include "table_formats.hpp"

namespace kapsim::app {

// With a precision goal: the worst relative half-width reached and whether it met the goal.
struct PrecisionReached {
    double relative_half_width = 0;
    bool reached = false;
};

// One metric in one calendar year, over the replications: the estimate of its mean and the
// spread of the replications' own values (5th, 25th, 75th and 95th percentiles).
struct YearEstimate {
    sim::Estimate estimate;
    double p05, p25, p75, p95;
};

struct RunOutcome {
    models::Scenario scenario;
    std::vector<models::MetricKey> keys;
    std::vector<models::ReplicationResult> replications;
    std::vector<sim::Estimate> estimates;  // aligned with keys
    // Per unit, the mean over replications of the share of time at each occupancy level.
    std::vector<std::vector<double>> occupancy_distribution;
    // Per unit and calendar month, mean places in use over replications, with its interval.
    std::vector<std::array<sim::Estimate, 12>> occupancy_by_month;
    // Per unit, in a run from today or with results by year: mean places in use in each month
    // of the observed period (models::run_months), with its interval; empty otherwise.
    std::vector<std::vector<sim::Estimate>> occupancy_by_run_month;
    // Results by calendar year of the observed period, when asked for and the run is longer
    // than a year (models::observed_years); both empty otherwise. by_year[y][k] is metric k
    // (aligned with keys) in years[y].
    std::vector<models::ObservedYear> years;
    std::vector<std::vector<YearEstimate>> by_year;
    double wall_seconds = 0;
    PrecisionReached precision;
};

// Each replication's observations behind the pooled quantile at `metric` (empty where a
// replication has none), for its estimate and for paired differences.
std::vector<const sim::QuantileSample*> quantile_samples(const std::vector<models::ReplicationResult>& replications,
                                                        std::size_t metric);

// The estimate of metric `k` over the outcome's replications at a chosen confidence: the mean
// with Student's t, or for a pooled quantile the sectioning interval.
sim::Estimate estimate_metric(const RunOutcome& outcome, std::size_t k, double confidence);

class Progress;
class MpiGroup;

// Who simulates replications: threads of this process (0 = all cores) and, for a command
// started by mpirun with several processes, those processes (see process_share.hpp), each
// running its share of every batch. Replication r is the same whoever runs it.
struct Workers {
    Workers(int threads = 0, const MpiGroup* processes = nullptr) : threads(threads), processes(processes) {}
    int threads;
    const MpiGroup* processes;
};

// `progress`, if given, advances one step per replication; the caller adds the work to it
// (run_to_precision adds the replications it decides to add).
// `by_year`: also every metric by calendar year (RunOutcome::by_year), from a second pass of
// each replication in a run longer than a year.
RunOutcome run_scenario(models::Scenario scenario, Workers workers, Progress* progress = nullptr, bool by_year = false);

// The same outcome with replications up to `total` (replication r is the same whichever run
// makes it, so the result equals a plain run with `total` replications). Results by year are
// kept where the outcome has them.
RunOutcome run_more(RunOutcome outcome, std::size_t total, Workers workers, Progress* progress = nullptr);

// Replication control: start with the scenario's replications and add more until every
// watched metric's 95 % interval is at most `relative_half_width` of its mean, or
// `max_replications` is reached. The result equals a plain run with the final count.
struct PrecisionGoal {
    double relative_half_width = 0.05;
    std::vector<std::string> metrics;  // section.id.metric; empty = every unit's mean occupancy
    std::size_t max_replications = 1000;
};
RunOutcome run_to_precision(models::Scenario scenario, Workers workers, const PrecisionGoal& goal,
                            Progress* progress = nullptr, bool by_year = false);

// Alternatives run under common random numbers (compare, capacity): each to the goal, then
// each to the largest count any of them needed, so that replication r of every alternative
// is paired with replication r of the others. The result equals plain runs with that count.
// The precision alternatives reached together: the widest of their watched intervals.
PrecisionReached combined_precision(const std::vector<RunOutcome>& outcomes);
// "precision: the widest watched interval is 3.1 % of its mean after 40 replications; goal
// 5.0 % reached", for the terminal.
std::string precision_text(const PrecisionReached& reached, std::size_t replications, const PrecisionGoal& goal);

std::vector<RunOutcome> run_alternatives_to_precision(std::vector<models::Scenario> alternatives, Workers workers,
                                                      const PrecisionGoal& goal, Progress* progress = nullptr,
                                                      bool by_year = false);

// What every simulating command is told besides its files: overrides, replications, seed,
// threads, where to write, and the command line for manifest.json.
// Whether results by calendar year (and their second pass) are made: by default only for a
// scenario whose years can differ other than by chance (models::changes_through_time).
enum class YearResults { when_changing, always, never };
bool years_wanted(YearResults choice, const std::vector<models::Scenario>& alternatives);

struct RunSettings {
    std::vector<std::string> overrides;  // --set path=value
    std::optional<std::size_t> replications;
    std::optional<std::uint64_t> seed;
    int threads = 0;      // 0 = all cores
    std::string out_dir;  // empty = results/<name>-<timestamp>
    std::vector<std::string> command_line;
    bool quiet = false;  // no progress bar
    std::string report_lang;  // --report / --report-lang: also write the HTML report; empty = none
    bool allow_large = false;  // --allow-large: run work beyond the limits of work_estimate.hpp
    std::vector<TableFormat> table_formats;  // --format: the tables also for Excel, beside the CSV
    // Under mpirun with several processes: all of them (rank 0 writes and prints); else null.
    const MpiGroup* processes = nullptr;

    Workers workers() const { return {threads, processes}; }
    // Whether this process writes the outputs and prints: rank 0, or the only process.
    bool writes_outputs() const;
};

}  // namespace kapsim::app
