#pragma once
// `kapsim capacity --target`: the smallest capacity of one unit that meets every target
// (e.g. p_diverted<=0.05 and mean_wait_days<=7), with a stated confidence.
//
// The procedure. Each capacity examined is simulated under common random numbers (replication
// r of every capacity has the same arrivals) and judged target by target from the interval of
// the target's metric: "meets" when the whole interval is on the target's side of the bound,
// "fails" when the whole interval is on the other side, otherwise "not yet clear". A capacity
// that is not yet clear gets its replications doubled, from the first count up to --max-reps;
// a clear one gets no more. Every interval is made at the level 1 - alpha / (C x T x L), for
// C capacities in the searched range, T targets and L looks at most per capacity, so that by
// Bonferroni's inequality the chance that any judgement the search could make is wrong is at
// most alpha. The search bisects the range, assuming that more capacity never makes a target
// metric worse (it says so when two judgements contradict this). The answer is the smallest
// capacity judged to meet every target when the one below is judged to fail one; where
// capacities between them stay unclear at --max-reps, the answer is the span between, and
// it says so. The intervals assume the replication means are close to normal (Student's t).
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "experiment.hpp"

namespace kapsim::app {

class Progress;

// "p_diverted<=0.05": a metric of the unit (or a full section.id.metric path), a side and a bound.
struct CapacityTarget {
    std::string metric;
    bool at_most = true;  // <= (else >=)
    double bound = 0;
    std::string text;  // as the user wrote it
};
CapacityTarget parse_capacity_target(const std::string& text);

enum class TargetVerdict { meets, fails, unclear };
std::string verdict_word(TargetVerdict verdict);  // "meets", "fails", "unclear"

// The metric a target names, as an index into the catalog `keys`: a metric of `unit`, or a
// whole section.id.metric path (a payer's cost). Throws InputError naming the unit's metrics.
std::size_t target_metric(const std::vector<models::MetricKey>& keys, const std::string& unit,
                          const CapacityTarget& target);

// One alternative as judged: its outcome and, per target, the interval and verdict.
struct TargetJudgement {
    RunOutcome outcome;
    std::vector<sim::Estimate> intervals;  // at the search's per-judgement level
    std::vector<TargetVerdict> verdicts;
    TargetVerdict verdict = TargetVerdict::unclear;  // over every target
};

// One capacity as judged.
struct CapacityTrial : TargetJudgement {
    std::size_t capacity = 0;
};

struct TargetSearchSettings {
    double confidence = 0.95;          // for every judgement of the search at once
    std::size_t first_replications = 10;
    std::size_t max_replications = 1000;
    Workers workers;  // threads, and mpirun's processes
};

// The search a command's settings ask for: --reps (else the scenario's, at least 2) to start,
// doubled up to --max-reps, with the command's threads and mpirun's processes.
TargetSearchSettings target_search(const RunSettings& settings, double confidence, std::size_t scenario_replications,
                                   std::size_t max_replications);

// The number of looks an alternative can get: first, 2 x first, 4 x first, ... up to the cap.
std::size_t looks_at_most(std::size_t first, std::size_t cap);

// The confidence of each interval so that `judgements` of them hold together with at least
// `confidence` (Bonferroni): 1 - (1 - confidence) / judgements.
double judgement_level(double confidence, double judgements);

// Simulates `scenario` with the first count of replications and judges every target at
// `level`, doubling the replications while the judgement over every target is not yet clear,
// up to the cap. Replication r is the same in every alternative.
TargetJudgement judge_against_targets(models::Scenario scenario, const std::vector<CapacityTarget>& targets,
                                      const std::vector<std::size_t>& metrics, double level,
                                      const TargetSearchSettings& settings, Progress* progress);

struct TargetAnswer {
    // The smallest capacity known to meet every target, and the largest known to fail one
    // (none when the range's ends decided it). smallest == largest_failing + 1 is a clear answer.
    std::optional<std::size_t> smallest_meeting;
    std::optional<std::size_t> largest_failing;
    bool clear = false;
    double judgement_level = 0;  // the confidence of each interval
    std::vector<CapacityTrial> trials;  // in the order examined
    std::vector<std::string> warnings;
};

// `scenario_at(c)` loads the scenario with the unit's capacity set to c (same seed for all).
// `metrics[t]` is the index of target t's metric in the scenario's metric catalog.
TargetAnswer find_smallest_capacity(const std::function<models::Scenario(std::size_t)>& scenario_at,
                                    std::size_t first, std::size_t last, const std::vector<CapacityTarget>& targets,
                                    const std::vector<std::size_t>& metrics, const TargetSearchSettings& settings,
                                    Progress* progress);

}  // namespace kapsim::app
