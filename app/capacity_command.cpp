#include "capacity_command.hpp"

#include <cmath>
#include <cstdio>
#include <limits>

#include <fmt/format.h>
#include <fmt/ranges.h>
#include <nlohmann/json.hpp>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "experiment.hpp"
#include "manifest.hpp"
#include "progress.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"
#include "csv_text.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "report/report_command.hpp"
#include "sim/replications.hpp"
#include "work_estimate.hpp"
#include "terminal_style.hpp"

namespace kapsim::app {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::pair<std::size_t, std::size_t> parse_range(const std::string& text) {
    std::size_t first = 0, last = 0;
    char tail = 0;
    if (std::sscanf(text.c_str(), "%zu..%zu%c", &first, &last, &tail) != 2 || first > last || last > 100000)
        throw models::InputError({"--range " + text, 0, 0}, "the range must be FIRST..LAST, whole numbers, first <= last",
                                 "e.g. --range 12..18");
    return {first, last};
}


std::string shown(double x, double scale = 1) {
    if (!std::isfinite(x)) return "-";
    x *= scale;
    const double a = std::abs(x);
    if (a >= 1e5) return fmt::format("{:.0f}", x);
    return fmt::format("{:.{}f}", x, a >= 100 ? 1 : a >= 10 ? 2 : 3);
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
    const auto [first, last] = parse_range(request.range);
    const models::Scenario base = models::load_scenario(request.file, settings.overrides);
    std::size_t unit = base.units.size();
    for (std::size_t u = 0; u < base.units.size(); ++u)
        if (base.units[u].id == request.unit) unit = u;
    if (unit == base.units.size()) {
        std::vector<std::string> ids;
        for (const auto& u : base.units) ids.push_back(u.id);
        throw models::InputError({"--unit " + request.unit, 0, 0}, fmt::format("'{}' is not a unit of the scenario", request.unit),
                                 fmt::format("{} has the units {}", request.file, fmt::join(ids, ", ")));
    }
    const auto& kind = *models::find_unit_kind(base.units[unit].kind);
    if (kind.capacity_key.empty()) {
        std::vector<std::string> varied;  // the units whose kind has a capacity to vary
        for (const auto& u : base.units)
            if (!models::find_unit_kind(u.kind)->capacity_key.empty()) varied.push_back(u.id);
        throw models::InputError({"--unit " + request.unit, 0, 0},
                                 fmt::format("unit '{}' ({}) has no capacity to vary", request.unit, kind.name),
                                 varied.empty() ? std::string("no unit of this scenario has a capacity to vary")
                                                : fmt::format("choose one of {}", fmt::join(varied, ", ")));
    }
    const std::string key = fmt::format("units.{}.{}", request.unit, kind.capacity_key);

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
    OutputFolder folder = OutputFolder::prepare(dir);  // checked before anything is simulated
    std::vector<RunOutcome> outcomes;
    require_within_limits(points, request.precision ? request.precision->max_replications : 0, settings);
    Progress progress("replications", !settings.quiet && Progress::stderr_is_terminal());
    for (auto& p : points) progress.add_work(p.replications);
    if (request.precision)
        outcomes = run_alternatives_to_precision(points, settings.threads, *request.precision, &progress);
    else
        for (auto& p : points) outcomes.push_back(run_scenario(p, settings.threads, &progress));

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
            text += fmt::format(" {:>24}", fmt::format("{} [{}, {}]", shown(e.mean, scale), shown(e.ci_low, scale),
                                                       shown(e.ci_high, scale)));
        }
        const auto& cost = o.estimates[total_cost];
        text += fmt::format(" {:>30}\n", fmt::format("{} [{}, {}]", shown(cost.mean), shown(cost.ci_low), shown(cost.ci_high)));
    }
    write_file_atomically(folder.staging() / "capacity.csv", out);

    if (request.quick) {
        // One set of runs without a limit on the unit.
        auto overrides = settings.overrides;
        for (auto& lift : kind.without_limit(request.unit)) overrides.push_back(std::move(lift));
        auto unlimited = models::load_scenario(request.file, overrides);
        unlimited.replications = outcomes[0].scenario.replications;
        unlimited.seed = outcomes[0].scenario.seed;
        progress.add_work(unlimited.replications);
        const RunOutcome free_run = run_scenario(unlimited, settings.threads, &progress);
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
                                fmt::format("{} [{}, {}]", shown(t.mean, 100), shown(t.ci_low, 100), shown(t.ci_high, 100)),
                                fmt::format("{} [{}, {}]", shown(d.mean, 100), shown(d.ci_low, 100), shown(d.ci_high, 100)),
                                std::isfinite(k) ? fmt::format("1 in every {:.0f}", k) : "never");
        }
        write_file_atomically(folder.staging() / "capacity-quick.csv", quick);
    }
    progress.finish();
    std::vector<const models::Scenario*> used;
    for (const auto& o : outcomes) used.push_back(&o.scenario);
    write_manifest(folder.staging(), {"capacity", settings.command_line, used, started, sim::effective_threads(settings.threads)});
    folder.commit();
    const auto style = TerminalStyle::for_stream(stdout);  // styles only what goes to stdout
    text += fmt::format("\n{}\n", style.done(fmt::format("wrote {}/capacity.csv{}", dir.string(),
                                                           request.quick ? " and capacity-quick.csv" : "")));
    // With --json, stdout carries only the curve; where the report went is said on stderr.
    std::fputs(request.json ? json_text(curve).c_str() : text.c_str(), stdout);
    write_report_if_asked(dir, settings.report_lang, request.json);
    return 0;
}

}  // namespace kapsim::app
