#include "experiment.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>

#include <fmt/format.h>

#include "models/input_error.hpp"
#include "models/observed_years.hpp"
#include "process_share.hpp"
#include "progress.hpp"
#include "sweep_mpi.hpp"

#include "sim/replications.hpp"

namespace kapsim::app {

std::vector<const sim::QuantileSample*> quantile_samples(const std::vector<models::ReplicationResult>& replications,
                                                        std::size_t metric) {
    static const sim::QuantileSample none;
    std::vector<const sim::QuantileSample*> samples;
    for (const auto& rep : replications) {
        const sim::QuantileSample* found = &none;
        for (const auto& [k, sample] : rep.quantile_samples)
            if (k == metric) found = &sample;
        samples.push_back(found);
    }
    return samples;
}

namespace {

// Replications first..first+count-1; replication r is the same whichever batch runs it.
std::vector<models::ReplicationResult> replicate(const models::Scenario& scenario, std::size_t first, std::size_t count,
                                                 Workers workers, Progress* progress, bool by_year) {
    const models::PreparedScenario prepared(scenario);
    models::ReplicationOptions options;
    options.by_year = by_year;
    const std::function<models::ReplicationResult(std::size_t)> one = [&](std::size_t i) {
        auto result = models::run_replication(prepared, first + i, options);
        if (progress) progress->step();
        return result;
    };
    if (!workers.processes) return sim::run_replications<models::ReplicationResult>(count, workers.threads, one);
    const auto mine = static_cast<std::size_t>(workers.processes->rank());
    const auto ranks = static_cast<std::size_t>(workers.processes->size());
    auto results = replicate_over_processes(*workers.processes, count, workers.threads, one);
    if (progress)  // the other processes' replications, now here
        for (std::size_t i = 0; i < count; ++i)
            if (i % ranks != mine) progress->step();
    return results;
}

// Each metric in each calendar year over the replications: the mean (for a pooled quantile,
// the quantile of the year's observations pooled) and the spread of the replications' values.
void aggregate_by_year(RunOutcome& out) {
    if (out.replications.empty() || out.replications.front().by_year.empty()) return;
    out.years = models::observed_years(out.scenario);
    for (std::size_t y = 0; y < out.years.size(); ++y) {
        std::vector<YearEstimate> year;
        for (std::size_t k = 0; k < out.keys.size(); ++k) {
            std::vector<double> column;
            for (const auto& rep : out.replications) column.push_back(rep.by_year[y].metrics[k]);
            YearEstimate e{};
            if (const double q = out.keys[k].spec.pooled_quantile; q > 0) {
                std::vector<const sim::QuantileSample*> samples;
                static const sim::QuantileSample none;
                for (const auto& rep : out.replications) {
                    const sim::QuantileSample* found = &none;
                    for (const auto& [i, sample] : rep.by_year[y].quantile_samples)
                        if (i == k) found = &sample;
                    samples.push_back(found);
                }
                e.estimate = sim::pooled_quantile(samples, q, 0.95);
            } else {
                e.estimate = sim::estimate_mean(column);
            }
            e.p05 = sim::spread_quantile(column, 0.05);
            e.p25 = sim::spread_quantile(column, 0.25);
            e.p75 = sim::spread_quantile(column, 0.75);
            e.p95 = sim::spread_quantile(column, 0.95);
            year.push_back(e);
        }
        out.by_year.push_back(std::move(year));
    }
}

RunOutcome aggregate(models::Scenario scenario, std::vector<models::ReplicationResult> replications) {
    RunOutcome out;
    out.keys = models::metric_catalog(scenario);
    out.replications = std::move(replications);
    scenario.replications = out.replications.size();

    for (std::size_t k = 0; k < out.keys.size(); ++k) out.estimates.push_back(estimate_metric(out, k, 0.95));

    // Summed in replication order, so the result does not depend on the thread count.
    for (std::size_t u = 0; u < scenario.units.size(); ++u) {
        std::vector<double> mean;
        for (const auto& rep : out.replications) {
            const auto& share = rep.occupancy_distribution[u];
            if (share.size() > mean.size()) mean.resize(share.size(), 0.0);
            for (std::size_t n = 0; n < share.size(); ++n) mean[n] += share[n];
        }
        for (double& m : mean) m /= static_cast<double>(out.replications.size());
        out.occupancy_distribution.push_back(std::move(mean));
        std::array<sim::Estimate, 12> months;
        for (int m = 0; m < 12; ++m) {
            std::vector<double> v;
            for (const auto& rep : out.replications) v.push_back(rep.occupancy_by_month[u][m]);
            months[m] = sim::estimate_mean(v);
        }
        out.occupancy_by_month.push_back(months);
        if (!out.replications.empty() && u < out.replications.front().occupancy_by_run_month.size()) {
            std::vector<sim::Estimate> by_run_month;
            for (std::size_t m = 0; m < out.replications.front().occupancy_by_run_month[u].size(); ++m) {
                std::vector<double> v;
                for (const auto& rep : out.replications) v.push_back(rep.occupancy_by_run_month[u][m]);
                by_run_month.push_back(sim::estimate_mean(v));
            }
            out.occupancy_by_run_month.push_back(std::move(by_run_month));
        }
    }
    out.scenario = std::move(scenario);
    aggregate_by_year(out);
    return out;
}

double seconds_since(std::chrono::steady_clock::time_point t) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - t).count();
}

// The metrics a precision goal watches, as indices into the scenario's metric catalog.
std::vector<std::size_t> watched_metrics(const models::Scenario& scenario, const PrecisionGoal& goal) {
    const auto keys = models::metric_catalog(scenario);
    std::vector<std::size_t> watched;
    for (const auto& name : goal.metrics) {
        const auto it = std::find_if(keys.begin(), keys.end(), [&](const models::MetricKey& k) {
            return k.section + "." + k.id + "." + k.metric == name;
        });
        if (it == keys.end())
            throw models::InputError({"--metric " + name, 0, 0},
                                     fmt::format("'{}' is not a metric of {}", name, scenario.name),
                                     "write section.id.metric, e.g. units.avd7.occupancy_mean");
        watched.push_back(static_cast<std::size_t>(it - keys.begin()));
    }
    if (watched.empty())  // by default every unit's occupancy, whatever its kind calls it
        for (std::size_t k = 0; k < keys.size(); ++k)
            if (keys[k].section == "units" && keys[k].spec.role == models::MetricRole::occupancy) watched.push_back(k);
    return watched;
}

// The worst relative half-width among the watched metrics; those with a mean of 0 cannot be
// made relatively precise and are left out.
PrecisionReached precision_of(const RunOutcome& out, const std::vector<std::size_t>& watched,
                              const PrecisionGoal& goal) {
    double worst = 0;
    for (const std::size_t k : watched) {
        const auto& e = out.estimates[k];
        if (std::isfinite(e.mean) && e.mean != 0) worst = std::max(worst, e.half_width() / std::abs(e.mean));
    }
    return {worst, worst <= goal.relative_half_width};
}

}  // namespace

sim::Estimate estimate_metric(const RunOutcome& outcome, std::size_t k, double confidence) {
    if (outcome.keys[k].spec.pooled_quantile > 0)
        return sim::pooled_quantile(quantile_samples(outcome.replications, k), outcome.keys[k].spec.pooled_quantile,
                                    confidence);
    std::vector<double> column(outcome.replications.size());
    for (std::size_t r = 0; r < outcome.replications.size(); ++r) column[r] = outcome.replications[r].metrics[k];
    return sim::estimate_mean(column, confidence);
}

RunOutcome run_more(RunOutcome outcome, std::size_t total, Workers workers, Progress* progress) {
    const std::size_t have = outcome.replications.size();
    if (total <= have) return outcome;
    const auto started = std::chrono::steady_clock::now();
    if (progress) progress->add_work(total - have);
    auto reps = std::move(outcome.replications);
    auto more = replicate(outcome.scenario, have, total - have, workers, progress, !outcome.years.empty());
    reps.insert(reps.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    RunOutcome out = aggregate(std::move(outcome.scenario), std::move(reps));
    out.wall_seconds = outcome.wall_seconds + seconds_since(started);
    return out;
}

RunOutcome run_scenario(models::Scenario scenario, Workers workers, Progress* progress, bool by_year) {
    const auto started = std::chrono::steady_clock::now();
    auto reps = replicate(scenario, 0, scenario.replications, workers, progress, by_year);
    RunOutcome out = aggregate(std::move(scenario), std::move(reps));
    out.wall_seconds = seconds_since(started);
    return out;
}

RunOutcome run_to_precision(models::Scenario scenario, Workers workers, const PrecisionGoal& goal, Progress* progress,
                            bool by_year) {
    const auto started = std::chrono::steady_clock::now();
    const auto watched = watched_metrics(scenario, goal);
    auto reps = replicate(scenario, 0, scenario.replications, workers, progress, by_year);
    for (;;) {
        RunOutcome out = aggregate(scenario, reps);
        out.precision = precision_of(out, watched, goal);
        if (out.precision.reached || reps.size() >= goal.max_replications) {
            out.wall_seconds = seconds_since(started);
            return out;
        }
        // Half-widths shrink as 1/sqrt(n): aim for the count that should reach the goal.
        const double factor = std::pow(out.precision.relative_half_width / goal.relative_half_width, 2);
        const auto wanted = static_cast<std::size_t>(std::ceil(static_cast<double>(reps.size()) * factor * 1.1));
        const std::size_t next = std::min(goal.max_replications, std::max(wanted, reps.size() + 2));
        if (progress) progress->add_work(next - reps.size());
        auto more = replicate(scenario, reps.size(), next - reps.size(), workers, progress, by_year);
        reps.insert(reps.end(), std::make_move_iterator(more.begin()), std::make_move_iterator(more.end()));
    }
}

std::vector<RunOutcome> run_alternatives_to_precision(std::vector<models::Scenario> alternatives, Workers workers,
                                                      const PrecisionGoal& goal, Progress* progress, bool by_year) {
    std::vector<RunOutcome> outcomes;
    std::size_t most = 0;
    for (auto& s : alternatives) {
        outcomes.push_back(run_to_precision(s, workers, goal, progress, by_year));
        most = std::max(most, outcomes.back().replications.size());
    }
    for (auto& out : outcomes) {
        if (out.replications.size() == most) continue;
        const auto watched = watched_metrics(out.scenario, goal);
        out = run_more(std::move(out), most, workers, progress);
        out.precision = precision_of(out, watched, goal);
    }
    return outcomes;
}

PrecisionReached combined_precision(const std::vector<RunOutcome>& outcomes) {
    PrecisionReached all{0, true};
    for (const auto& o : outcomes) {
        all.relative_half_width = std::max(all.relative_half_width, o.precision.relative_half_width);
        all.reached = all.reached && o.precision.reached;
    }
    return all;
}

std::string precision_text(const PrecisionReached& reached, std::size_t replications, const PrecisionGoal& goal) {
    return fmt::format("precision: the widest watched interval is {:.1f} % of its mean after {} replications; goal {:.1f} % {}\n",
                       100 * reached.relative_half_width, replications, 100 * goal.relative_half_width,
                       reached.reached ? "reached" : "NOT reached (cap on replications)");
}

bool RunSettings::writes_outputs() const { return !processes || processes->is_root(); }

bool years_wanted(YearResults choice, const std::vector<models::Scenario>& alternatives) {
    if (choice != YearResults::when_changing) return choice == YearResults::always;
    return std::any_of(alternatives.begin(), alternatives.end(), models::changes_through_time);
}

}  // namespace kapsim::app
