#include "optimize_search.hpp"

#include <algorithm>
#include <limits>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/estimate.hpp"

namespace kapsim::app {
namespace {

std::size_t total(const Places& p) { return std::accumulate(p.begin(), p.end(), std::size_t{0}); }

// Every unit has at most the places of `upper`.
bool at_most(const Places& p, const Places& upper) {
    for (std::size_t u = 0; u < p.size(); ++u)
        if (p[u] > upper[u]) return false;
    return true;
}

// Every combination of the ranges, the most places first (ties in the order of the units),
// so that one judged to fail settles every combination below it before they come up.
std::vector<Places> combinations_from_the_top(const PlacesRanges& ranges) {
    std::vector<Places> all;
    Places p;
    for (const auto& r : ranges) p.push_back(r.first);
    for (;;) {
        all.push_back(p);
        std::size_t u = 0;
        for (; u < p.size() && p[u] == ranges[u].second; ++u) p[u] = ranges[u].first;
        if (u == p.size()) break;
        ++p[u];
    }
    std::sort(all.begin(), all.end(), [](const Places& a, const Places& b) {
        const auto ta = total(a), tb = total(b);
        return ta != tb ? ta > tb : a > b;
    });
    return all;
}

// Paired over the replications both have: replication r is the same arrivals in each.
sim::Estimate paired_difference(const RunOutcome& from, const RunOutcome& to, std::size_t metric, double level) {
    const std::size_t n = std::min(from.replications.size(), to.replications.size());
    std::vector<double> difference;
    for (std::size_t r = 0; r < n; ++r)
        difference.push_back(to.replications[r].metrics[metric] - from.replications[r].metrics[metric]);
    return sim::estimate_mean(difference, level);
}

std::string places_text(const Places& p) { return fmt::format("({})", fmt::join(p, ", ")); }

}  // namespace

std::size_t grid_size(const PlacesRanges& ranges) {
    std::size_t n = 1;
    for (const auto& r : ranges) {
        const std::size_t width = r.second - r.first + 1;
        // Saturates instead of overflowing: any grid this large is refused anyway.
        n = n > std::numeric_limits<std::size_t>::max() / width ? std::numeric_limits<std::size_t>::max() : n * width;
    }
    return n;
}

OptimizeAnswer find_least_cost(const std::function<models::Scenario(const Places&)>& scenario_at,
                               const PlacesRanges& ranges, const std::vector<CapacityTarget>& targets,
                               const std::vector<std::size_t>& metrics, std::size_t cost,
                               const TargetSearchSettings& settings, Progress* progress) {
    OptimizeAnswer answer;
    answer.grid = grid_size(ranges);
    const std::size_t start = std::min(settings.first_replications, settings.max_replications);
    answer.judgement_level = judgement_level(
        settings.confidence, static_cast<double>(answer.grid) * static_cast<double>(targets.size()) *
                                     static_cast<double>(looks_at_most(start, settings.max_replications)) +
                                 1);

    std::vector<Places> failing;  // judged to fail a target
    for (const Places& p : combinations_from_the_top(ranges)) {
        if (std::any_of(failing.begin(), failing.end(), [&](const Places& f) { return at_most(p, f); })) {
            ++answer.below_failing;
            continue;
        }
        CombinationTrial trial;
        static_cast<TargetJudgement&>(trial) =
            judge_against_targets(scenario_at(p), targets, metrics, answer.judgement_level, settings, progress);
        trial.places = p;
        trial.cost = estimate_metric(trial.outcome, cost, answer.judgement_level);
        if (trial.verdict == TargetVerdict::fails) failing.push_back(p);
        answer.trials.push_back(std::move(trial));
    }

    // The meeting combinations by mean cost, then by fewer places in all.
    std::vector<std::size_t> meeting;
    for (std::size_t i = 0; i < answer.trials.size(); ++i)
        if (answer.trials[i].verdict == TargetVerdict::meets) meeting.push_back(i);
    const auto cheaper = [&](std::size_t a, std::size_t b) {
        const auto& x = answer.trials[a];
        const auto& y = answer.trials[b];
        if (x.cost.mean != y.cost.mean) return x.cost.mean < y.cost.mean;
        if (total(x.places) != total(y.places)) return total(x.places) < total(y.places);
        return x.places < y.places;
    };
    std::sort(meeting.begin(), meeting.end(), cheaper);
    if (!meeting.empty()) {
        answer.cheapest = meeting[0];
        const auto& best = answer.trials[meeting[0]];
        if (meeting.size() > 1) {
            CostComparison c;
            c.runner_up = meeting[1];
            c.difference = paired_difference(best.outcome, answer.trials[meeting[1]].outcome, cost, answer.judgement_level);
            c.same_cost = c.difference.mean == 0 && c.difference.sd == 0;
            c.clearly_cheaper = !c.same_cost && c.difference.ci_low > 0;
            answer.comparison = c;
        }
        for (std::size_t i = 0; i < answer.trials.size(); ++i)
            if (answer.trials[i].verdict == TargetVerdict::unclear && answer.trials[i].cost.mean < best.cost.mean)
                answer.unclear_cheaper.push_back(i);
        for (std::size_t u = 0; u < ranges.size(); ++u)
            if (best.places[u] == ranges[u].first && ranges[u].first > 0)
                answer.at_lower_end.push_back(u);
            else if (best.places[u] == ranges[u].second && ranges[u].first < ranges[u].second)
                answer.at_upper_end.push_back(u);
    }
    for (const auto& low : answer.trials)
        for (const auto& high : answer.trials)
            if (low.verdict == TargetVerdict::meets && high.verdict == TargetVerdict::fails && low.places != high.places &&
                at_most(low.places, high.places))
                answer.warnings.push_back(fmt::format(
                    "{} meets the targets but {}, with as many places or more at every unit, fails one: the targets "
                    "do not improve steadily with capacity here, so combinations taken to fail may not",
                    places_text(low.places), places_text(high.places)));
    return answer;
}

}  // namespace kapsim::app
