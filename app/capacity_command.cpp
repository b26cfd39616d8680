#include "capacity_command.hpp"

#include <cmath>
#include <cstdio>
#include <limits>
#include <optional>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "table_formats.hpp"
#include "capacity_target.hpp"
#include "capacity_unit.hpp"
#include "experiment.hpp"
#include "manifest.hpp"
#include "progress.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"
#include "csv_text.hpp"
#include "estimate_text.hpp"
#include "output_folder.hpp"
#include "process_share.hpp"
#include "sweep_mpi.hpp"
#include "output_writers.hpp"
#include "report/report_command.hpp"
#include "sim/replications.hpp"
#include "work_estimate.hpp"
#include "terminal_style.hpp"

namespace kapsim::app {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The smallest capacity meeting every target: searched, written and said.
int capacity_target_command(const CapacityRequest& request, const models::Scenario& base, std::size_t unit,
                            const models::UnitKind& kind, const std::string& key, const std::string& started) {
    const RunSettings& settings = request.settings;
    if (request.precision || request.quick)
        throw models::InputError({"--target", 0, 0},
                                 fmt::format("--target cannot be combined with {}", request.quick ? "--quick" : "--precision"),
                                 "the search adds replications where a judgement is not yet clear, up to --max-reps");
    std::vector<CapacityTarget> targets;
    for (const auto& text : request.targets) targets.push_back(parse_capacity_target(text));
    const auto keys = models::metric_catalog(base);
    std::vector<std::size_t> metrics;
    for (const auto& t : targets) metrics.push_back(target_metric(keys, request.unit, t));

    // The range searched: as given, or from 1 to well above the scenario's own capacity.
    const auto view = kind.capacity(base.units[unit].parameters);
    std::size_t first = 1, last = 0;
    if (!request.range.empty()) {
        std::tie(first, last) = parse_capacity_range(request.range, "--range " + request.range);
    } else if (view) {
        last = std::max<std::size_t>(2 * view->places, view->places + 10);
    } else {
        throw models::InputError({"--unit " + request.unit, 0, 0}, "the unit's capacity is unlimited, so there is no range to search",
                                 "give the range with --range FIRST..LAST");
    }
    require_few_points(last - first + 1, {"--range " + request.range, 0, 0}, settings.allow_large);
    std::vector<models::Scenario> ends;
    for (const std::size_t c : {first, last}) {
        auto overrides = settings.overrides;
        overrides.push_back(fmt::format("{}={}", key, c));
        ends.push_back(models::load_scenario(request.file, overrides));
    }
    require_within_limits(ends, request.max_replications, settings);

    const std::filesystem::path dir = settings.out_dir.empty()
                                          ? default_output_dir(fmt::format("capacity-{}-{}", base.name, request.unit))
                                          : std::filesystem::path(settings.out_dir);
    std::optional<OutputFolder> folder;  // rank 0's alone under mpirun
    prepare_on_every_process(settings.processes, [&] {
        if (settings.writes_outputs()) folder.emplace(OutputFolder::prepare(dir));
    });
    const std::uint64_t seed = settings.seed.value_or(base.seed);  // the same for all: common random numbers
    auto scenario_at = [&](std::size_t c) {
        auto overrides = settings.overrides;
        overrides.push_back(fmt::format("{}={}", key, c));
        auto s = models::load_scenario(request.file, overrides);
        s.seed = seed;
        return s;
    };
    const TargetSearchSettings search = target_search(settings, request.confidence, base.replications, request.max_replications);
    Progress progress("replications", !settings.quiet && Progress::stderr_is_terminal());
    TargetAnswer answer = find_smallest_capacity(scenario_at, first, last, targets, metrics, search, &progress);
    progress.finish();
    if (!settings.writes_outputs()) return 0;  // rank 0 has every replication and writes

    // The capacities examined, in order of capacity, as the curve's files hold them.
    std::vector<const CapacityTrial*> trials;
    for (const auto& t : answer.trials) trials.push_back(&t);
    std::sort(trials.begin(), trials.end(), [](auto* a, auto* b) { return a->capacity < b->capacity; });

    std::string curve_csv = "capacity,section,id,metric,mean,sd,ci_low,ci_high,n\n";
    std::string target_csv = "capacity,target,metric,bound,side,mean,ci_low,ci_high,level,replications,verdict\n";
    nlohmann::json json = {{"kapsim_version", version},
                           {"scenario", base.name},
                           {"content_hash", base.content_hash},
                           {"unit", request.unit},
                           {"seed", seed},
                           {"confidence", request.confidence},
                           {"judgement_level", answer.judgement_level},
                           {"range", {first, last}},
                           {"targets", nlohmann::json::array()},
                           {"trials", nlohmann::json::array()}};
    for (const auto& t : targets)
        json["targets"].push_back({{"metric", t.metric}, {"side", t.at_most ? "<=" : ">="}, {"bound", t.bound}});
    const std::string noun = view ? std::string(view->noun) : std::string(kind.capacity_key);
    std::string text = fmt::format(
        "the smallest number of {} at {} ({}) in {} that meets every target: common random numbers, seed {}\n"
        "  each judgement at {:.4g} % confidence, so that all of them together hold with at least {:.4g} % (Bonferroni "
        "over the {} capacities of {}..{}, {} target{} and the looks at each)\n\n  {:>8} {:>6}",
        noun, request.unit, kind.name, base.name, seed, 100 * answer.judgement_level, 100 * request.confidence,
        last - first + 1, first, last, targets.size(), targets.size() == 1 ? "" : "s", noun, "reps");
    for (const auto& t : targets) text += fmt::format(" {:>34}", t.text);
    text += fmt::format(" {:>8}\n", "verdict");
    for (const CapacityTrial* trial : trials) {
        const auto& o = trial->outcome;
        for (std::size_t k = 0; k < o.keys.size(); ++k) {
            if (o.keys[k].section == "units" && o.keys[k].id != request.unit) continue;
            const auto& e = o.estimates[k];
            curve_csv += fmt::format("{},{},{},{},{},{},{},{},{}\n", trial->capacity, csv_text(o.keys[k].section),
                                     csv_text(o.keys[k].id), csv_text(o.keys[k].metric), csv_number(e.mean),
                                     csv_number(e.sd), csv_number(e.ci_low), csv_number(e.ci_high), e.n);
        }
        nlohmann::json row = {{"capacity", trial->capacity},
                              {"replications", o.replications.size()},
                              {"verdict", verdict_word(trial->verdict)},
                              {"targets", nlohmann::json::array()}};
        text += fmt::format("  {:>8} {:>6}", trial->capacity, o.replications.size());
        for (std::size_t t = 0; t < targets.size(); ++t) {
            const auto& e = trial->intervals[t];
            target_csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{}\n", trial->capacity, csv_text(targets[t].text),
                                      csv_text(o.keys[metrics[t]].section + "." + o.keys[metrics[t]].id + "." +
                                               o.keys[metrics[t]].metric),
                                      csv_number(targets[t].bound), targets[t].at_most ? "<=" : ">=", csv_number(e.mean),
                                      csv_number(e.ci_low), csv_number(e.ci_high), csv_number(answer.judgement_level),
                                      o.replications.size(), verdict_word(trial->verdicts[t]));
            row["targets"].push_back({{"estimate", estimate_json(e)}, {"verdict", verdict_word(trial->verdicts[t])}});
            text += fmt::format(" {:>34}", fmt::format("{} {}", estimate_shown(e),
                                                       verdict_word(trial->verdicts[t])));
        }
        text += fmt::format(" {:>8}\n", verdict_word(trial->verdict));
        json["trials"].push_back(std::move(row));
    }

    std::string said;
    if (answer.smallest_meeting && answer.clear)
        said = answer.largest_failing
                   ? fmt::format("{} {} is the smallest that meets every target ({} fails one), with at least {:.4g} % "
                                 "confidence",
                                 *answer.smallest_meeting, noun, *answer.largest_failing, 100 * request.confidence)
                   : fmt::format("{} {}, the lower end of the range, meets every target", *answer.smallest_meeting, noun);
    else if (answer.smallest_meeting)
        said = fmt::format("the smallest {} meeting every target is between {} and {}: {} replications could not tell "
                           "the capacities between apart from the targets (raise --max-reps)",
                           noun, answer.largest_failing ? *answer.largest_failing + 1 : first, *answer.smallest_meeting,
                           search.max_replications);
    else if (answer.largest_failing)
        said = fmt::format("no {} up to {} meets every target, with at least {:.4g} % confidence: widen --range", noun,
                           last, 100 * request.confidence);
    else
        said = fmt::format("{} {}, the upper end of the range, could not be judged after {} replications (raise "
                           "--max-reps or widen --range)",
                           last, noun, search.max_replications);
    json["answer"] = {{"smallest_meeting", answer.smallest_meeting ? nlohmann::json(*answer.smallest_meeting) : nullptr},
                      {"largest_failing", answer.largest_failing ? nlohmann::json(*answer.largest_failing) : nullptr},
                      {"clear", answer.clear},
                      {"text", said}};
    json["warnings"] = answer.warnings;
    text += fmt::format("\nanswer: {}\n", said);
    for (const auto& w : answer.warnings) text += fmt::format("warning: {}\n", w);

    write_file_atomically(folder->staging() / "capacity.csv", curve_csv);
    write_file_atomically(folder->staging() / "capacity-target.csv", target_csv);
    write_file_atomically(folder->staging() / "capacity-target.json", json_text(json));
    std::vector<const models::Scenario*> used;
    for (const CapacityTrial* t : trials) used.push_back(&t->outcome.scenario);
    write_table_formats(folder->staging(), settings.table_formats);
    write_manifest(folder->staging(), {"capacity", settings.command_line, used, started,
                                       sim::effective_threads(settings.threads),
                                       settings.processes ? settings.processes->size() : 1});
    folder->commit();
    const auto style = TerminalStyle::for_stream(stdout);
    text += fmt::format("\n{}\n", style.done(fmt::format("wrote {}/capacity-target.csv, capacity-target.json and "
                                                           "capacity.csv", dir.string())));
    std::fputs(request.json ? json_text(json).c_str() : text.c_str(), stdout);
    write_report_if_asked(dir, settings.report_lang, request.json);
    return 0;
}

}  // namespace

QuickEstimate quick_estimate(const std::vector<double>& shares, std::size_t places) {
    double at_most = 0, at_least = 0;
    for (std::size_t k = 0; k < shares.size(); ++k) {
        if (k <= places) at_most += shares[k];
        if (k >= places) at_least += shares[k];
    }
    const double exactly = places < shares.size() ? shares[places] : 0.0;
    return {at_least, at_most > 0 ? exactly / at_most : nan};
}

int capacity_command(const CapacityRequest& request) {
    const RunSettings& settings = request.settings;
    const std::string started = utc_now_iso8601();
    const models::Scenario base = models::load_scenario(request.file, settings.overrides);
    const CapacityUnit found = find_capacity_unit(base, request.file, request.unit);
    const std::size_t unit = found.index;
    const auto& kind = *found.kind;
    const std::string& key = found.key;
    if (!request.targets.empty()) return capacity_target_command(request, base, unit, kind, key, started);
    if (request.range.empty())
        throw models::InputError({"capacity", 0, 0}, "capacity needs --range (the curve) or --target (the smallest capacity)",
                                 "e.g. --range 12..18, or --target 'p_diverted<=0.05'");
    const auto [first, last] = parse_capacity_range(request.range, "--range " + request.range);

    require_few_points(last - first + 1, {"--range " + request.range, 0, 0}, settings.allow_large);
    std::vector<models::Scenario> points;
    for (std::size_t c = first; c <= last; ++c) {
        auto overrides = settings.overrides;
        overrides.push_back(fmt::format("{}={}", key, c));
        points.push_back(models::load_scenario(request.file, overrides));
        points.back().replications = settings.replications.value_or(base.replications);
        points.back().seed = settings.seed.value_or(base.seed);  // the same for all: common random numbers
    }
    const std::filesystem::path dir = settings.out_dir.empty()
                                          ? default_output_dir(fmt::format("capacity-{}-{}", base.name, request.unit))
                                          : std::filesystem::path(settings.out_dir);
    std::optional<OutputFolder> folder;  // checked before anything is simulated; rank 0's alone under mpirun
    prepare_on_every_process(settings.processes, [&] {
        if (settings.writes_outputs()) folder.emplace(OutputFolder::prepare(dir));
    });
    std::vector<RunOutcome> outcomes;
    require_within_limits(points, request.precision ? request.precision->max_replications : 0, settings);
    Progress progress("replications", !settings.quiet && Progress::stderr_is_terminal());
    for (auto& p : points) progress.add_work(p.replications);
    if (request.precision)
        outcomes = run_alternatives_to_precision(points, settings.workers(), *request.precision, &progress);
    else
        for (auto& p : points) outcomes.push_back(run_scenario(p, settings.workers(), &progress));

    std::string out = "capacity,section,id,metric,mean,sd,ci_low,ci_high,n\n";
    nlohmann::json curve = {{"kapsim_version", version},
                            {"scenario", base.name},
                            {"content_hash", base.content_hash},
                            {"unit", request.unit},
                            {"seed", outcomes[0].scenario.seed},
                            {"replications", outcomes[0].scenario.replications},
                            {"points", nlohmann::json::array()}};
    std::string text = fmt::format("capacity curve of {} ({}) in {}: {} replications per point, seed {}, common random "
                                   "numbers\n",
                                   request.unit, kind.name, base.name, outcomes[0].scenario.replications,
                                   outcomes[0].scenario.seed);
    if (request.precision)
        text += precision_text(combined_precision(outcomes), outcomes[0].scenario.replications, *request.precision);
    text += fmt::format("\n  {:>8}", kind.capacity_key);
    // The curve is read by the metrics the unit's kind marks as headlines.
    std::vector<std::size_t> columns;
    for (std::size_t k = 0; k < outcomes[0].keys.size(); ++k) {
        const auto& key = outcomes[0].keys[k];
        if (key.section != "units" || key.id != request.unit || !key.spec.headline) continue;
        columns.push_back(k);
        text += fmt::format(" {:>24}", fmt::format("{} {}", key.spec.label_en, models::unit_symbol(key.spec.unit)));
    }
    const std::size_t total_cost = outcomes[0].keys.size() - 1;  // payers.total.cost_per_year comes last
    text += fmt::format(" {:>30}\n", "total cost kr/yr");
    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const auto& o = outcomes[i];
        const std::size_t c = first + i;
        nlohmann::json point = {{"capacity", c}};
        for (std::size_t k = 0; k < o.keys.size(); ++k) {
            if (o.keys[k].section == "units" && o.keys[k].id != request.unit) continue;
            const auto& e = o.estimates[k];
            out += fmt::format("{},{},{},{},{},{},{},{},{}\n", c, csv_text(o.keys[k].section), csv_text(o.keys[k].id),
                               csv_text(o.keys[k].metric),
                               csv_number(e.mean), csv_number(e.sd), csv_number(e.ci_low), csv_number(e.ci_high), e.n);
            point[o.keys[k].section][o.keys[k].id][o.keys[k].metric] = estimate_json(e);
        }
        curve["points"].push_back(std::move(point));
        text += fmt::format("  {:>8}", c);
        for (const std::size_t k : columns) {
            const auto& e = o.estimates[k];
            const double scale = models::display_scale(o.keys[k].spec.unit);
            text += fmt::format(" {:>24}", estimate_shown(e, scale));
        }
        const auto& cost = o.estimates[total_cost];
        text += fmt::format(" {:>30}\n", estimate_shown(cost));
    }
    if (folder) write_file_atomically(folder->staging() / "capacity.csv", out);

    if (request.quick) {
        // One set of runs without a limit on the unit.
        auto overrides = settings.overrides;
        for (auto& lift : kind.without_limit(request.unit)) overrides.push_back(std::move(lift));
        auto unlimited = models::load_scenario(request.file, overrides);
        unlimited.replications = outcomes[0].scenario.replications;
        unlimited.seed = outcomes[0].scenario.seed;
        progress.add_work(unlimited.replications);
        const RunOutcome free_run = run_scenario(unlimited, settings.workers(), &progress);
        std::string quick = "capacity,p_all_taken,p_all_taken_ci_low,p_all_taken_ci_high,p_delayed,p_delayed_ci_low,"
                            "p_delayed_ci_high,one_in_k_delayed\n";
        text += fmt::format("\nquick estimate from {} runs without a limit (time at each occupancy level; Erlang's loss "
                            "relation p_n / (p_0 + ... + p_n)):\n  {:>8} {:>28} {:>28} {:>22}\n",
                            free_run.scenario.replications, kind.capacity_key, "P(all taken) %", "P(arrival delayed) %",
                            "delayed");
        for (std::size_t c = first; c <= last; ++c) {
            std::vector<double> taken, delayed;
            for (const auto& rep : free_run.replications) {
                const auto q = quick_estimate(rep.occupancy_distribution[unit], c);
                taken.push_back(q.p_all_taken);
                delayed.push_back(q.p_delayed);
            }
            const auto t = sim::estimate_mean(taken), d = sim::estimate_mean(delayed);
            const double k = d.mean > 0 ? 1 / d.mean : nan;
            quick += fmt::format("{},{},{},{},{},{},{},{}\n", c, csv_number(t.mean), csv_number(t.ci_low), csv_number(t.ci_high), csv_number(d.mean),
                                 csv_number(d.ci_low), csv_number(d.ci_high), csv_number(k));
            curve["quick_estimate"].push_back({{"capacity", c},
                                               {"p_all_taken", estimate_json(t)},
                                               {"p_delayed", estimate_json(d)},
                                               {"one_in_k_delayed", json_number(k)}});
            text += fmt::format("  {:>8} {:>28} {:>28} {:>22}\n", c,
                                estimate_shown(t, 100),
                                estimate_shown(d, 100),
                                std::isfinite(k) ? fmt::format("1 in every {:.0f}", k) : "never");
        }
        if (folder) write_file_atomically(folder->staging() / "capacity-quick.csv", quick);
    }
    progress.finish();
    if (!settings.writes_outputs()) return 0;  // rank 0 has every replication and writes
    std::vector<const models::Scenario*> used;
    for (const auto& o : outcomes) used.push_back(&o.scenario);
    write_table_formats(folder->staging(), settings.table_formats);
    write_manifest(folder->staging(), {"capacity", settings.command_line, used, started,
                                       sim::effective_threads(settings.threads),
                                       settings.processes ? settings.processes->size() : 1});
    folder->commit();
    const auto style = TerminalStyle::for_stream(stdout);  // styles only what goes to stdout
    text += fmt::format("\n{}\n", style.done(fmt::format("wrote {}/capacity.csv{}", dir.string(),
                                                           request.quick ? " and capacity-quick.csv" : "")));
    // With --json, stdout carries only the curve; where the report went is said on stderr.
    std::fputs(request.json ? json_text(curve).c_str() : text.c_str(), stdout);
    write_report_if_asked(dir, settings.report_lang, request.json);
    return 0;
}

}  // namespace kapsim::app
