#include "optimize_command.hpp"

#include <cmath>
#include <cstdio>
#include <map>
#include <optional>
#include <stdexcept>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "capacity_target.hpp"
#include "capacity_unit.hpp"
#include "csv_text.hpp"
#include "estimate_text.hpp"
#include "manifest.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "optimize_search.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "places_setting.hpp"
#include "process_share.hpp"
#include "progress.hpp"
#include "sim/replications.hpp"
#include "sweep_mpi.hpp"
#include "table_formats.hpp"
#include "terminal_style.hpp"
#include "work_estimate.hpp"

namespace kapsim::app {
namespace {

struct OptimizedUnit {
    std::string id;
    CapacityUnit found;
    PlacesSetting setting;
    std::size_t first = 1, last = 0;
    bool ranged = false;  // by --range, or by the scenario's own capacity
};

// "avd7=10..20" for one of the units, each at most once.
void read_ranges(const std::vector<std::string>& ranges, std::vector<OptimizedUnit>& units) {
    std::map<std::string, std::string> given;
    for (const auto& text : ranges) {
        const auto eq = text.find('=');
        if (eq == std::string::npos)
            throw models::InputError({"--range " + text, 0, 0}, fmt::format("'{}' does not say which unit it is for", text),
                                     "write UNIT=FIRST..LAST, e.g. --range avd7=10..20");
        const std::string id = text.substr(0, eq);
        const auto unit = std::find_if(units.begin(), units.end(), [&](const auto& u) { return u.id == id; });
        if (unit == units.end()) {
            std::vector<std::string> ids;
            for (const auto& u : units) ids.push_back(u.id);
            throw models::InputError({"--range " + text, 0, 0},
                                     fmt::format("'{}' is not one of the units optimized", id),
                                     fmt::format("give a range for one of {} (each with --unit)", fmt::join(ids, ", ")));
        }
        if (!given.emplace(id, text).second)
            throw models::InputError({"--range " + text, 0, 0}, fmt::format("unit '{}' has two ranges", id),
                                     fmt::format("keep one of --range {} and --range {}", given[id], text));
        std::tie(unit->first, unit->last) = parse_capacity_range(text.substr(eq + 1), "--range " + text);
        unit->ranged = true;
    }
}

// 'avd7.p_diverted<=0.05': a metric of a unit of the scenario, or a whole section.id.metric path.
std::size_t optimize_target_metric(const models::Scenario& scenario, const std::vector<models::MetricKey>& keys,
                                   const CapacityTarget& target) {
    const auto dot = target.metric.find('.');
    if (dot != std::string::npos) {
        const std::string unit = target.metric.substr(0, dot);
        for (const auto& u : scenario.units)
            if (u.id == unit) {
                CapacityTarget of_unit = target;
                of_unit.metric = target.metric.substr(dot + 1);
                return target_metric(keys, unit, of_unit);
            }
        for (const auto& key : keys)
            if (key.section + "." + key.id + "." + key.metric == target.metric) return target_metric(keys, "", target);
    }
    std::vector<std::string> ids;
    for (const auto& u : scenario.units) ids.push_back(u.id);
    throw models::InputError({"--target " + target.text, 0, 0},
                             fmt::format("'{}' names no unit's metric", target.metric),
                             fmt::format("write UNIT.METRIC<=BOUND, e.g. --target 'avd7.p_diverted<=0.05', with a unit "
                                         "of {}; or a whole path such as payers.total.cost_per_year",
                                         fmt::join(ids, ", ")));
}

std::string places_said(const std::vector<OptimizedUnit>& units, const Places& p) {
    std::vector<std::string> parts;
    for (std::size_t u = 0; u < units.size(); ++u) parts.push_back(fmt::format("{}={}", units[u].id, p[u]));
    return fmt::format("{}", fmt::join(parts, ", "));
}

nlohmann::json places_json(const std::vector<OptimizedUnit>& units, const Places& p) {
    nlohmann::json j = nlohmann::json::object();
    for (std::size_t u = 0; u < units.size(); ++u) j[units[u].id] = p[u];
    return j;
}

}  // namespace

int optimize_command(const OptimizeRequest& request) {
    const RunSettings& settings = request.settings;
    const std::string started = utc_now_iso8601();
    const models::Scenario base = models::load_scenario(request.file, settings.overrides);

    std::vector<OptimizedUnit> units;
    for (const auto& id : request.units) {
        if (std::any_of(units.begin(), units.end(), [&](const auto& u) { return u.id == id; }))
            throw models::InputError({"--unit " + id, 0, 0}, fmt::format("unit '{}' is named twice", id),
                                     "name each unit once with --unit");
        OptimizedUnit unit;
        unit.id = id;
        unit.found = find_capacity_unit(base, request.file, id);
        unit.setting = places_setting(request.file, settings.overrides, id, unit.found);
        // The default range: from 1 to well above the scenario's own capacity, as capacity --target.
        if (const auto view = unit.found.kind->capacity(base.units[unit.found.index].parameters)) {
            unit.last = std::max<std::size_t>(2 * view->places, view->places + 10);
            unit.ranged = true;
        }
        units.push_back(std::move(unit));
    }
    read_ranges(request.ranges, units);
    for (const auto& u : units)
        if (!u.ranged)
            throw models::InputError({"--unit " + u.id, 0, 0},
                                     "the unit's capacity is unlimited, so there is no range to search",
                                     fmt::format("give its range with --range {}=FIRST..LAST", u.id));
    if (request.targets.empty())
        throw models::InputError({"optimize", 0, 0}, "optimize needs at least one --target",
                                 "e.g. --target 'avd7.p_diverted<=0.05' --target 'tne.p_turned_away<=5%'");

    std::vector<CapacityTarget> targets;
    for (const auto& text : request.targets) targets.push_back(parse_capacity_target(text));
    const auto keys = models::metric_catalog(base);
    std::vector<std::size_t> metrics;
    for (const auto& t : targets) metrics.push_back(optimize_target_metric(base, keys, t));
    std::size_t cost = keys.size();
    for (std::size_t k = 0; k < keys.size(); ++k)
        if (keys[k].section == "payers" && keys[k].id == "total" && keys[k].metric == "cost_per_year") cost = k;
    if (cost == keys.size()) throw std::logic_error("the metric catalog has no payers.total.cost_per_year");

    PlacesRanges ranges;
    for (const auto& u : units) ranges.emplace_back(u.first, u.last);
    const std::size_t grid = grid_size(ranges);
    if (grid > optimize_combinations_at_most && !settings.allow_large)
        throw models::InputError({"--range", 0, 0},
                                 fmt::format("the ranges make {} combinations, beyond the limit of {}: each is "
                                             "simulated unless one with more places fails",
                                             grid == std::numeric_limits<std::size_t>::max() ? std::string("too many")
                                                                                              : std::to_string(grid),
                                             optimize_combinations_at_most),
                                 "narrow the ranges with --range UNIT=FIRST..LAST around the capacities that matter "
                                 "(kapsim capacity --target finds each unit's smallest alone); to run it anyway, add "
                                 "--allow-large");

    const std::uint64_t seed = settings.seed.value_or(base.seed);  // the same for all: common random numbers
    auto scenario_at = [&](const Places& p) {
        auto overrides = settings.overrides;
        for (std::size_t u = 0; u < units.size(); ++u) overrides.push_back(units[u].setting.override_for(p[u]));
        auto s = models::load_scenario(request.file, overrides);
        s.seed = seed;
        // The staff's FTE must give exactly the places asked for, or the search would judge others.
        for (std::size_t u = 0; u < units.size(); ++u) {
            const auto view = units[u].found.kind->capacity(s.units[units[u].found.index].parameters);
            if (view && view->places != p[u])
                throw std::logic_error(fmt::format("{} gave unit '{}' {} places instead of {}",
                                                   units[u].setting.override_for(p[u]), units[u].id, view->places, p[u]));
        }
        return s;
    };
    const TargetSearchSettings search = target_search(settings, request.confidence, base.replications, request.max_replications);
    {
        // Both corners load (a capacity the unit's kind refuses is said before anything runs),
        // and the work: every combination at the first count, and one at the cap, of the largest.
        Places bottom, top;
        for (const auto& r : ranges) {
            bottom.push_back(r.first);
            top.push_back(r.second);
        }
        scenario_at(bottom);
        WorkTotal work;
        work.add(scenario_at(top), static_cast<double>(search.max_replications) +
                                       static_cast<double>(grid - 1) * static_cast<double>(search.first_replications));
        work.require_within_limits(settings.threads, settings.allow_large);
    }

    const std::filesystem::path dir =
        settings.out_dir.empty() ? default_output_dir(fmt::format("optimize-{}", base.name))
                                 : std::filesystem::path(settings.out_dir);
    std::optional<OutputFolder> folder;  // rank 0's alone under mpirun
    prepare_on_every_process(settings.processes, [&] {
        if (settings.writes_outputs()) folder.emplace(OutputFolder::prepare(dir));
    });
    Progress progress("replications", !settings.quiet && Progress::stderr_is_terminal());
    const OptimizeAnswer answer = find_least_cost(scenario_at, ranges, targets, metrics, cost, search, &progress);
    progress.finish();
    if (!settings.writes_outputs()) return 0;  // rank 0 has every replication and writes

    // optimize.csv: one row per combination examined and target.
    std::string csv;
    for (const auto& u : units) csv += fmt::format("places.{},", csv_text(u.id));
    csv += "total_places,replications,verdict,target,metric,bound,side,mean,ci_low,ci_high,target_verdict,"
           "cost_per_year,cost_ci_low,cost_ci_high,level\n";
    nlohmann::json json = {{"kapsim_version", version},
                           {"scenario", base.name},
                           {"content_hash", base.content_hash},
                           {"seed", seed},
                           {"confidence", request.confidence},
                           {"judgement_level", answer.judgement_level},
                           {"grid", answer.grid},
                           {"examined", answer.trials.size()},
                           {"below_failing", answer.below_failing},
                           {"units", nlohmann::json::array()},
                           {"targets", nlohmann::json::array()},
                           {"trials", nlohmann::json::array()}};
    bool any_cost = false;
    std::string text = fmt::format(
        "the least-cost capacities of {} in {} that meet every target: common random numbers, seed {}\n",
        fmt::join(request.units, ", "), base.name, seed);
    for (const auto& u : units) {
        any_cost = any_cost || u.setting.cost_per_place > 0;
        const std::string noun(u.found.kind->capacity_key);
        json["units"].push_back({{"id", u.id},
                                 {"kind", u.found.kind->name},
                                 {"range", {u.first, u.last}},
                                 {"set_by", u.setting.path},
                                 {"cost_per_place_per_year", u.setting.cost_per_place},
                                 {"capacity", u.setting.said()}});
        text += fmt::format("  {} ({}): {} {}..{}; its capacity {}\n", u.id, u.found.kind->name, noun, u.first, u.last,
                            u.setting.said());
    }
    if (!any_cost)
        text += "  no unit's places cost anything in the scenario: the total cost decides only through what the "
                "places change (purchases, use), and equal costs go to fewer places in all\n";
    text += fmt::format(
        "  each judgement at {:.6g} % confidence, so that all of them together hold with at least {:.4g} % (Bonferroni "
        "over the {} combinations, {} target{}, the looks at each and the cost comparison)\n"
        "  {} combinations examined; {} taken to fail, having no more places anywhere than one that fails\n\n",
        100 * answer.judgement_level, 100 * request.confidence, answer.grid, targets.size(),
        targets.size() == 1 ? "" : "s", answer.trials.size(), answer.below_failing);
    for (std::size_t t = 0; t < targets.size(); ++t)
        json["targets"].push_back({{"target", targets[t].text},
                                   {"metric", keys[metrics[t]].section + "." + keys[metrics[t]].id + "." +
                                                  keys[metrics[t]].metric},
                                   {"side", targets[t].at_most ? "<=" : ">="},
                                   {"bound", targets[t].bound}});

    text += fmt::format("  {:<24} {:>6}", "places", "reps");
    for (const auto& t : targets) text += fmt::format(" {:>34}", t.text);
    text += fmt::format(" {:>8} {:>36}\n", "verdict", "total cost kr/yr");
    for (const auto& trial : answer.trials) {
        const auto& o = trial.outcome;
        std::size_t total = 0;
        for (const auto c : trial.places) total += c;
        nlohmann::json row = {{"places", places_json(units, trial.places)},
                              {"total_places", total},
                              {"replications", o.replications.size()},
                              {"verdict", verdict_word(trial.verdict)},
                              {"cost_per_year", estimate_json(trial.cost)},
                              {"targets", nlohmann::json::array()}};
        text += fmt::format("  {:<24} {:>6}", places_said(units, trial.places), o.replications.size());
        for (std::size_t t = 0; t < targets.size(); ++t) {
            const auto& e = trial.intervals[t];
            for (const auto c : trial.places) csv += fmt::format("{},", c);
            csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{},{},{},{}\n", total, o.replications.size(),
                               verdict_word(trial.verdict), csv_text(targets[t].text),
                               csv_text(json["targets"][t]["metric"].get<std::string>()), csv_number(targets[t].bound),
                               targets[t].at_most ? "<=" : ">=", csv_number(e.mean), csv_number(e.ci_low),
                               csv_number(e.ci_high), verdict_word(trial.verdicts[t]), csv_number(trial.cost.mean),
                               csv_number(trial.cost.ci_low), csv_number(trial.cost.ci_high),
                               csv_number(answer.judgement_level));
            row["targets"].push_back({{"estimate", estimate_json(e)}, {"verdict", verdict_word(trial.verdicts[t])}});
            text += fmt::format(" {:>34}", fmt::format("{} {}", estimate_shown(e), verdict_word(trial.verdicts[t])));
        }
        text += fmt::format(" {:>8} {:>36}\n", verdict_word(trial.verdict), estimate_shown(trial.cost));
        json["trials"].push_back(std::move(row));
    }

    std::string said;
    nlohmann::json answer_json = {{"places", nullptr}};
    if (answer.cheapest) {
        const auto& best = answer.trials[*answer.cheapest];
        said = fmt::format("{} meets every target at the least cost, {} kr a year [{}, {}]", places_said(units, best.places),
                           number_shown(best.cost.mean), number_shown(best.cost.ci_low), number_shown(best.cost.ci_high));
        answer_json["places"] = places_json(units, best.places);
        answer_json["cost_per_year"] = estimate_json(best.cost);
        if (answer.comparison) {
            const auto& c = *answer.comparison;
            const auto& runner = answer.trials[c.runner_up];
            const std::string versus =
                c.same_cost ? fmt::format("costs the same as the runner-up {} in every replication, and has fewer "
                                          "places in all or comes first",
                                          places_said(units, runner.places))
                : c.clearly_cheaper
                    ? fmt::format("is clearly cheaper than the runner-up {}: {} kr a year less [{}, {}] (paired)",
                                  places_said(units, runner.places), number_shown(c.difference.mean),
                                  number_shown(c.difference.ci_low), number_shown(c.difference.ci_high))
                    : fmt::format("is tied with the runner-up {}: the difference, {} kr a year [{}, {}] (paired), "
                                  "could be either way",
                                  places_said(units, runner.places), number_shown(c.difference.mean),
                                  number_shown(c.difference.ci_low), number_shown(c.difference.ci_high));
            said += "; it " + versus;
            answer_json["runner_up"] = {{"places", places_json(units, runner.places)},
                                        {"cost_per_year", estimate_json(runner.cost)},
                                        {"difference", estimate_json(c.difference)},
                                        {"clearly_cheaper", c.clearly_cheaper},
                                        {"same_cost", c.same_cost}};
        } else {
            said += "; no other combination examined meets every target";
        }
        said += fmt::format("; that it meets them holds with at least {:.4g} % confidence", 100 * request.confidence);
    } else if (!answer.trials.empty() && answer.trials.front().verdict == TargetVerdict::fails) {
        said = fmt::format("no combination in the ranges meets every target, with at least {:.4g} % confidence: even "
                           "{} fails one; widen --range",
                           100 * request.confidence, places_said(units, answer.trials.front().places));
    } else {
        said = fmt::format("no combination could be judged to meet every target after {} replications (raise "
                           "--max-reps or widen --range)",
                           search.max_replications);
    }
    std::vector<std::string> warnings = answer.warnings;
    for (const auto u : answer.at_lower_end)
        warnings.push_back(fmt::format("the cheapest has {} at {}, the lower end of its range: fewer may meet the "
                                       "targets too and cost less; widen --range {}=FIRST..LAST",
                                       units[u].id, units[u].first, units[u].id));
    for (const auto u : answer.at_upper_end)
        warnings.push_back(fmt::format("the cheapest has {} at {}, the upper end of its range: more may cost less still "
                                       "(if more places save other costs); widen --range {}=FIRST..LAST",
                                       units[u].id, units[u].last, units[u].id));
    if (!answer.unclear_cheaper.empty()) {
        std::vector<std::string> which;
        for (const auto i : answer.unclear_cheaper) which.push_back("(" + places_said(units, answer.trials[i].places) + ")");
        warnings.push_back(fmt::format("{} could not be judged after {} replications and cost less on average: if "
                                       "they meet the targets, they are cheaper (raise --max-reps)",
                                       fmt::join(which, ", "), search.max_replications));
    }
    answer_json["text"] = said;
    json["answer"] = std::move(answer_json);
    json["warnings"] = warnings;
    text += fmt::format("\nanswer: {}\n", said);
    for (const auto& w : warnings) text += fmt::format("warning: {}\n", w);

    write_file_atomically(folder->staging() / "optimize.csv", csv);
    write_file_atomically(folder->staging() / "optimize.json", json_text(json));
    std::vector<const models::Scenario*> used;
    for (const auto& t : answer.trials) used.push_back(&t.outcome.scenario);
    write_table_formats(folder->staging(), settings.table_formats);
    write_manifest(folder->staging(), {"optimize", settings.command_line, used, started,
                                       sim::effective_threads(settings.threads),
                                       settings.processes ? settings.processes->size() : 1});
    folder->commit();
    const auto style = TerminalStyle::for_stream(stdout);
    text += fmt::format("\n{}\n", style.done(fmt::format("wrote {}/optimize.csv and optimize.json", dir.string())));
    std::fputs(request.json ? json_text(json).c_str() : text.c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
