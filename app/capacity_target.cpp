#include "capacity_target.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "models/input_error.hpp"
#include "progress.hpp"

namespace kapsim::app {
namespace {

std::string trimmed(std::string_view text) {
    const auto first = text.find_first_not_of(" \t");
    if (first == std::string_view::npos) return {};
    const auto last = text.find_last_not_of(" \t");
    return std::string(text.substr(first, last - first + 1));
}

[[noreturn]] void bad_target(const std::string& text, const std::string& what) {
    throw models::InputError({"--target " + text, 0, 0}, what,
                             "write METRIC<=BOUND or METRIC>=BOUND, e.g. --target 'p_diverted<=0.05' or "
                             "--target 'mean_wait_days<=7'; a share may be written as 5%");
}

TargetVerdict judge(const CapacityTarget& target, const sim::Estimate& e) {
    if (e.n < 2 || !std::isfinite(e.ci_low) || !std::isfinite(e.ci_high)) return TargetVerdict::unclear;
    if (target.at_most) {
        if (e.ci_high <= target.bound) return TargetVerdict::meets;
        if (e.ci_low > target.bound) return TargetVerdict::fails;
    } else {
        if (e.ci_low >= target.bound) return TargetVerdict::meets;
        if (e.ci_high < target.bound) return TargetVerdict::fails;
    }
    return TargetVerdict::unclear;
}

}  // namespace

std::string verdict_word(TargetVerdict v) {
    return v == TargetVerdict::meets ? "meets" : v == TargetVerdict::fails ? "fails" : "unclear";
}

std::size_t target_metric(const std::vector<models::MetricKey>& keys, const std::string& unit,
                          const CapacityTarget& target) {
    std::vector<std::string> of_unit;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        const auto& key = keys[k];
        if (key.section + "." + key.id + "." + key.metric == target.metric) return k;
        if (key.section == "units" && key.id == unit) {
            if (key.metric == target.metric) return k;
            of_unit.push_back(key.metric);
        }
    }
    throw models::InputError({"--target " + target.text, 0, 0},
                             fmt::format("'{}' is not a metric of unit '{}'", target.metric, unit),
                             fmt::format("its metrics are {}; or write a whole path such as payers.total.cost_per_year",
                                         fmt::join(of_unit, ", ")));
}

TargetSearchSettings target_search(const RunSettings& settings, double confidence, std::size_t scenario_replications,
                                   std::size_t max_replications) {
    TargetSearchSettings search;
    search.confidence = confidence;
    search.first_replications = settings.replications.value_or(std::max<std::size_t>(scenario_replications, 2));
    search.max_replications = std::max(max_replications, search.first_replications);
    search.workers = settings.workers();
    return search;
}

std::size_t looks_at_most(std::size_t first, std::size_t cap) {
    std::size_t looks = 1;
    for (std::size_t n = first; n < cap; n = std::min(cap, 2 * n)) ++looks;
    return looks;
}

double judgement_level(double confidence, double judgements) { return 1 - (1 - confidence) / judgements; }

TargetJudgement judge_against_targets(models::Scenario scenario, const std::vector<CapacityTarget>& targets,
                                      const std::vector<std::size_t>& metrics, double level,
                                      const TargetSearchSettings& settings, Progress* progress) {
    const std::size_t start = std::min(settings.first_replications, settings.max_replications);
    scenario.replications = start;
    if (progress) progress->add_work(start);
    TargetJudgement judged;
    judged.outcome = run_scenario(std::move(scenario), settings.workers, progress);
    for (;;) {
        judged.intervals.clear();
        judged.verdicts.clear();
        bool any_fails = false, all_meet = true;
        for (std::size_t t = 0; t < targets.size(); ++t) {
            judged.intervals.push_back(estimate_metric(judged.outcome, metrics[t], level));
            judged.verdicts.push_back(judge(targets[t], judged.intervals.back()));
            any_fails = any_fails || judged.verdicts.back() == TargetVerdict::fails;
            all_meet = all_meet && judged.verdicts.back() == TargetVerdict::meets;
        }
        judged.verdict = any_fails ? TargetVerdict::fails : all_meet ? TargetVerdict::meets : TargetVerdict::unclear;
        const std::size_t have = judged.outcome.replications.size();
        if (judged.verdict != TargetVerdict::unclear || have >= settings.max_replications) break;
        judged.outcome = run_more(std::move(judged.outcome), std::min(settings.max_replications, 2 * have),
                                  settings.workers, progress);
    }
    return judged;
}

CapacityTarget parse_capacity_target(const std::string& text) {
    CapacityTarget target;
    target.text = text;
    auto at = text.find("<=");
    if (at == std::string::npos) {
        at = text.find(">=");
        target.at_most = false;
    }
    if (at == std::string::npos) bad_target(text, fmt::format("'{}' has no <= or >=", text));
    target.metric = trimmed(std::string_view(text).substr(0, at));
    if (target.metric.empty()) bad_target(text, fmt::format("'{}' names no metric before the comparison", text));
    std::string bound = trimmed(std::string_view(text).substr(at + 2));
    double scale = 1;
    if (!bound.empty() && bound.back() == '%') {
        bound = trimmed(std::string_view(bound).substr(0, bound.size() - 1));
        scale = 0.01;
    }
    if (bound.find(',') != std::string::npos)
        bad_target(text, fmt::format("'{}' has a decimal comma; write the bound with a point, e.g. 0.05", bound));
    const char* end = bound.data() + bound.size();
    const auto [stop, error] = std::from_chars(bound.data(), end, target.bound);
    if (bound.empty() || error != std::errc() || stop != end || !std::isfinite(target.bound))
        bad_target(text, fmt::format("the bound '{}' is not a number", bound));
    target.bound *= scale;
    return target;
}

TargetAnswer find_smallest_capacity(const std::function<models::Scenario(std::size_t)>& scenario_at,
                                    std::size_t first, std::size_t last, const std::vector<CapacityTarget>& targets,
                                    const std::vector<std::size_t>& metrics, const TargetSearchSettings& settings,
                                    Progress* progress) {
    TargetAnswer answer;
    const std::size_t start = std::min(settings.first_replications, settings.max_replications);
    answer.judgement_level =
        judgement_level(settings.confidence, static_cast<double>(last - first + 1) * static_cast<double>(targets.size()) *
                                                 static_cast<double>(looks_at_most(start, settings.max_replications)));

    std::map<std::size_t, TargetVerdict> known;
    auto judged = [&](std::size_t capacity) {
        if (const auto it = known.find(capacity); it != known.end()) return it->second;
        CapacityTrial trial;
        static_cast<TargetJudgement&>(trial) =
            judge_against_targets(scenario_at(capacity), targets, metrics, answer.judgement_level, settings, progress);
        trial.capacity = capacity;
        known[capacity] = trial.verdict;
        answer.trials.push_back(std::move(trial));
        return answer.trials.back().verdict;
    };

    // Bisection between a capacity that fails (or none below the range) and one that meets.
    long long failing = static_cast<long long>(first) - 1;
    long long meeting = static_cast<long long>(last);
    const TargetVerdict at_last = judged(last);
    if (at_last != TargetVerdict::meets) {
        if (at_last == TargetVerdict::fails) answer.largest_failing = last;
        answer.clear = at_last == TargetVerdict::fails;
        return answer;
    }
    while (meeting - failing > 1) {
        const long long middle = failing + (meeting - failing) / 2;
        const TargetVerdict v = judged(static_cast<std::size_t>(middle));
        if (v == TargetVerdict::meets) {
            meeting = middle;
        } else if (v == TargetVerdict::fails) {
            failing = middle;
        } else {
            // Not clear at the cap: look at the neighbours until each side is clear.
            for (long long c = middle - 1; c > failing; --c) {
                const TargetVerdict below = judged(static_cast<std::size_t>(c));
                if (below == TargetVerdict::fails) {
                    failing = c;
                    break;
                }
                if (below == TargetVerdict::meets) meeting = c;
            }
            for (long long c = middle + 1; c < meeting; ++c) {
                const TargetVerdict above = judged(static_cast<std::size_t>(c));
                if (above == TargetVerdict::meets) {
                    meeting = c;
                    break;
                }
                if (above == TargetVerdict::fails) failing = c;
            }
            break;
        }
    }
    answer.smallest_meeting = static_cast<std::size_t>(meeting);
    if (failing >= static_cast<long long>(first)) answer.largest_failing = static_cast<std::size_t>(failing);
    answer.clear = meeting - failing == 1;
    if (!answer.largest_failing)
        answer.warnings.push_back(fmt::format(
            "every capacity examined down to {}, the lower end of the range, meets the targets: a smaller one may too",
            first));
    for (const auto& low : answer.trials)
        for (const auto& high : answer.trials)
            if (low.capacity < high.capacity && low.verdict == TargetVerdict::meets &&
                high.verdict == TargetVerdict::fails)
                answer.warnings.push_back(fmt::format(
                    "{} meets the targets but {} fails one: the targets do not improve steadily with capacity here, so "
                    "the bisection's answer may not be the smallest",
                    low.capacity, high.capacity));
    return answer;
}

}  // namespace kapsim::app
