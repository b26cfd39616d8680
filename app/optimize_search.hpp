#pragma once
// `kapsim optimize`: the combination of capacities of several units (one each) that meets
// every target at the least total cost per year, with a stated confidence.
//
// The procedure. Every combination of the units' ranges is a candidate (the grid is bounded).
// Candidates are examined from the most places down; one with no more places at any unit than
// a combination already judged to fail one target is taken to fail too without simulating it
// (more capacity never makes a target worse: the assumption of `capacity --target`), and every
// other is simulated under common random numbers (replication r of every combination has the
// same arrivals) and judged as `capacity --target` judges a capacity: each target from its
// interval, replications doubled while unclear, up to --max-reps. Every interval is made at
// the level 1 - alpha / (N x T x L + 1), for N combinations in the grid, T targets, L looks at
// most, and one more interval: the paired difference in cost between the cheapest and the
// runner-up. By Bonferroni's inequality, all of them hold together with probability at least
// 1 - alpha. The answer is the combination judged to meet every target with the least mean
// total cost (ties in the mean by fewer places in all); it is "clearly cheaper" than the
// runner-up when their paired difference's interval is above 0, and "tied" otherwise.
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "capacity_target.hpp"

namespace kapsim::app {

using Places = std::vector<std::size_t>;  // one capacity per unit, in the order of --unit

struct CombinationTrial : TargetJudgement {
    Places places;
    sim::Estimate cost;  // total cost per year, at the search's level
};

// How the cheapest compares with the runner-up: the paired difference runner-up - cheapest
// over the replications both have (common random numbers).
struct CostComparison {
    std::size_t runner_up = 0;  // index into trials
    sim::Estimate difference;
    bool clearly_cheaper = false;  // the interval is above 0
    bool same_cost = false;        // the difference is 0 in every replication
};

struct OptimizeAnswer {
    std::size_t grid = 0;        // combinations in the ranges
    std::size_t below_failing = 0;  // taken to fail without a run (below one judged to fail)
    double judgement_level = 0;
    std::vector<CombinationTrial> trials;  // in the order examined
    std::optional<std::size_t> cheapest;   // index into trials
    std::optional<CostComparison> comparison;
    std::vector<std::size_t> unclear_cheaper;  // unclear combinations whose mean cost is below the cheapest's
    // Units at whose lower end the cheapest lies: a smaller capacity there may meet and cost
    // less. At the upper end: more may cost less still (when places cut purchases, say).
    std::vector<std::size_t> at_lower_end, at_upper_end;
    std::vector<std::string> warnings;
};

// Bounds of each unit's range, in the order of `Places`.
using PlacesRanges = std::vector<std::pair<std::size_t, std::size_t>>;
std::size_t grid_size(const PlacesRanges& ranges);

// `scenario_at(p)` loads the scenario with the units' capacities p (the same seed for all).
// `metrics[t]` is target t's metric, `cost` the total cost's, in the scenario's metric catalog.
OptimizeAnswer find_least_cost(const std::function<models::Scenario(const Places&)>& scenario_at,
                               const PlacesRanges& ranges, const std::vector<CapacityTarget>& targets,
                               const std::vector<std::size_t>& metrics, std::size_t cost,
                               const TargetSearchSettings& settings, Progress* progress);

}  // namespace kapsim::app
