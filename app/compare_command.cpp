#include "compare_command.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "table_formats.hpp"
#include "manifest.hpp"
#include "process_share.hpp"
#include "progress.hpp"
#include "models/scenario_document.hpp"
#include "models/scenario_loader.hpp"
#include "csv_text.hpp"
#include "lost_people.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "report/report_command.hpp"
#include "report/sensitivity.hpp"
#include "sim/replications.hpp"
#include "sweep_mpi.hpp"
#include "terminal_style.hpp"
#include "work_estimate.hpp"

namespace kapsim::app {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

double variance(const std::vector<double>& v) {
    const auto e = sim::estimate_mean(v);
    return e.n > 1 ? e.sd * e.sd : nan;
}

std::vector<double> column(const RunOutcome& o, std::size_t k) {
    std::vector<double> v;
    for (const auto& r : o.replications) v.push_back(r.metrics[k]);
    return v;
}

std::vector<double> year_column(const RunOutcome& o, std::size_t y, std::size_t k) {
    std::vector<double> v;
    for (const auto& r : o.replications) v.push_back(r.by_year[y].metrics[k]);
    return v;
}

// The year of `in` that is year `y` of `from` (the same calendar year, as many days), if any.
std::optional<std::size_t> same_year(const RunOutcome& from, std::size_t y, const RunOutcome& in) {
    for (std::size_t v = 0; v < in.years.size(); ++v)
        if (in.years[v].year == from.years[y].year && in.years[v].days() == from.years[y].days()) return v;
    return std::nullopt;
}

std::string key_text(const models::MetricKey& k) { return k.section + "." + k.id + "." + k.metric; }

std::string shown(double x) {
    if (!std::isfinite(x)) return "-";
    const double a = std::abs(x);
    if (a >= 1e5) return fmt::format("{:.4g}", x);
    if (a != 0 && a < 0.01) return fmt::format("{:.2e}", x);
    return fmt::format("{:.{}f}", x, a >= 100 ? 1 : a >= 10 ? 2 : 3);
}

std::string reduction_text(double r) {
    if (std::isinf(r)) return "exact";
    if (!std::isfinite(r)) return "-";
    return fmt::format("x{:.1f}", r);
}

// Var(base) + Var(variant) over Var(difference): how many times more replications independent
// runs would need. A difference that varies only by rounding (a cost added to every
// replication) is exact, not a reduction of 10^29.
double variance_reduction(double independent, double paired) {
    if (!std::isfinite(independent) || !std::isfinite(paired)) return nan;
    if (paired > 1e-18 * independent) return independent / paired;
    return independent > 0 ? std::numeric_limits<double>::infinity() : nan;
}

// A pooled quantile's paired difference, by sections of paired replications; the variance
// reduction from the sections' spread against the two estimates' own.
PairedDifference paired_quantile_difference(const RunOutcome& base, std::size_t bk, const RunOutcome& variant,
                                            std::size_t k, double p) {
    const auto difference = sim::pooled_quantile_difference(quantile_samples(base.replications, bk),
                                                            quantile_samples(variant.replications, k), p);
    return {difference, variance_reduction(std::pow(base.estimates[bk].sd, 2) + std::pow(variant.estimates[k].sd, 2),
                                           std::pow(difference.sd, 2))};
}

}  // namespace

PairedDifference paired_difference(const std::vector<double>& base, const std::vector<double>& variant) {
    std::vector<double> d(base.size());
    for (std::size_t r = 0; r < base.size(); ++r) d[r] = variant[r] - base[r];
    const auto difference = sim::estimate_mean(d);
    return {difference, variance_reduction(variance(base) + variance(variant),
                                           difference.n > 1 ? difference.sd * difference.sd : nan)};
}

std::vector<std::pair<std::string, std::vector<std::string>>> read_variants(const std::string& file) {
    const auto doc = models::ScenarioDocument::load(file);
    const models::Field root(doc, doc.root(), "");
    if (!root.has("variants"))
        root.fail("compare needs at least two scenarios: a base and a variant",
                  "give more files (kapsim compare base.yaml variant.yaml), or a 'variants:' section in this one");
    const models::Field variants = root.child("variants");
    if (!variants.is_map() || variants.size() == 0)
        variants.fail("'variants' must map each variant's name to its changes",
                      "e.g. variants: {avd7-16: {units.avd7.beds: 16}}");
    std::vector<std::pair<std::string, std::vector<std::string>>> out;
    for (const auto& name : variants.keys()) {
        const models::Field changes = variants.child(name);
        if (!changes.is_map()) changes.fail("a variant must map scenario paths to new values", "e.g. {units.avd7.beds: 16}");
        std::vector<std::string> overrides;
        for (const auto& path : changes.keys()) {
            YAML::Emitter value;
            value << YAML::Flow << changes.child(path).node();
            overrides.push_back(path + "=" + value.c_str());
        }
        out.emplace_back(name, overrides);
    }
    return out;
}

int compare_command(const CompareRequest& request) {
    RunSettings settings = request.settings;
    const std::string started = utc_now_iso8601();
    // Every variant: (name, file, overrides).
    struct Variant {
        std::string file;
        std::vector<std::string> overrides;
        std::string name;
    };
    std::vector<models::Scenario> scenarios;
    std::size_t reps = 0;
    std::uint64_t seed = 0;
    bool by_year = false;
    std::filesystem::path dir;
    std::optional<OutputFolder> folder;
    // Under mpirun every process reads the input; rank 0 alone prepares the output folder.
    prepare_on_every_process(settings.processes, [&] {
        // --sensitivity writes the report with the sweep; its directory is read before anything runs.
        if (!request.sensitivity.empty()) {
            (void)report::load_sweep(request.sensitivity);
            if (settings.report_lang.empty()) settings.report_lang = "sv";
        }
        std::vector<Variant> variants;
        if (request.files.size() == 1) {
            variants.push_back({request.files[0], settings.overrides, ""});
            for (auto& [name, changes] : read_variants(request.files[0])) {
                auto overrides = settings.overrides;
                overrides.insert(overrides.end(), changes.begin(), changes.end());
                overrides.push_back("scenario.name=" + name);
                variants.push_back({request.files[0], overrides, name});
            }
        } else {
            for (const auto& f : request.files) variants.push_back({f, settings.overrides, ""});
        }

        // Load everything first, so bad input is reported before any simulation runs.
        for (const auto& v : variants) scenarios.push_back(models::load_scenario(v.file, v.overrides));
        // Common random numbers: every variant runs the base's seed and replications.
        reps = settings.replications.value_or(scenarios[0].replications);
        seed = settings.seed.value_or(scenarios[0].seed);
        std::map<std::string, int> seen;
        for (auto& s : scenarios) {
            s.replications = reps;
            s.seed = seed;
            if (seen[s.name]++ > 0) s.name += fmt::format("-{}", seen[s.name]);
        }
        WorkTotal work;
        by_year = years_wanted(request.years, scenarios);
        for (const auto& s : scenarios) {
            const auto replications =
                static_cast<double>(request.precision ? std::max(reps, request.precision->max_replications) : reps);
            work.add(s, replications);
            if (by_year) work.add_years(s, replications);
        }
        work.require_within_limits(settings.threads, settings.allow_large);

        // The output folder, and a folder name for every variant, are checked before anything is simulated.
        dir = settings.out_dir.empty() ? default_output_dir("compare-" + scenarios[0].name)
                                       : std::filesystem::path(settings.out_dir);
        for (const auto& s : scenarios) check_folder_name(s.name, s.file);
        if (settings.writes_outputs()) folder.emplace(OutputFolder::prepare(dir));
    });

    std::vector<RunOutcome> outcomes;
    {
        Progress progress("replications", settings.writes_outputs() && !settings.quiet && Progress::stderr_is_terminal());
        progress.add_work(reps * scenarios.size());
        if (request.precision)
            outcomes =
                run_alternatives_to_precision(scenarios, settings.workers(), *request.precision, &progress, by_year);
        else
            for (auto& s : scenarios) outcomes.push_back(run_scenario(s, settings.workers(), &progress, by_year));
    }
    if (!settings.writes_outputs()) return 0;  // rank 0 has every replication and writes

    const RunStamp stamp{started};
    for (const auto& o : outcomes) write_run_outputs(folder->staging() / "variants" / o.scenario.name, o, stamp);

    const RunOutcome& base = outcomes[0];
    std::string table_csv = "variant,section,id,metric,mean,sd,ci_low,ci_high,n,diff_mean,diff_sd,diff_ci_low,"
                            "diff_ci_high,variance_reduction\n";
    // By calendar year, where the run has years: each year's level and, for the alternatives,
    // the paired difference from the base in the same year (the same replications, cut at New Year).
    std::string years_csv = "variant,section,id,metric,year,days,mean,sd,ci_low,ci_high,n,diff_mean,diff_sd,diff_ci_low,"
                            "diff_ci_high\n";
    bool any_years = false;
    nlohmann::json j;
    j["kapsim_version"] = version;
    j["schema_version"] = schema_version;
    j["created"] = started;
    j["seed"] = seed;
    j["replications"] = outcomes[0].scenario.replications;
    j["base"] = base.scenario.name;
    j["variants"] = nlohmann::json::array();
    const auto style = TerminalStyle::for_stream(stdout);  // styles only what goes to stdout
    std::string text = fmt::format("compare: {} variants, {} replications each, seed {}, common random numbers\n",
                                   outcomes.size(), outcomes[0].scenario.replications, seed);
    if (request.precision)
        text += precision_text(combined_precision(outcomes), outcomes[0].scenario.replications, *request.precision);
    std::vector<double> reductions;
    for (const auto& o : outcomes) {
        j["variants"].push_back({{"name", o.scenario.name}, {"file", o.scenario.file}, {"content_hash", o.scenario.content_hash}});
        const bool is_base = &o == &base;
        if (!is_base)
            text += fmt::format("\n{}\n{}\n", style.heading(o.scenario.name + " against " + base.scenario.name),
                                style.muted(fmt::format("  {:<44} {:>12} {:>12}   {:<28} {}", "metric",
                                                        base.scenario.name.substr(0, 12), o.scenario.name.substr(0, 12),
                                                        "difference (95 % CI)", "pairing")));
        for (std::size_t k = 0; k < o.keys.size(); ++k) {
            const auto& key = o.keys[k];
            const auto& e = o.estimates[k];
            auto& node = j["metrics"][o.scenario.name][key.section][key.id][key.metric];
            node = estimate_json(e);
            std::string diff_cells = ",,,,";
            const auto in_base = std::find_if(base.keys.begin(), base.keys.end(), [&](const models::MetricKey& b) {
                return b.section == key.section && b.id == key.id && b.metric == key.metric;
            });
            if (!is_base) {
                if (in_base != base.keys.end()) {
                    const auto bk = static_cast<std::size_t>(in_base - base.keys.begin());
                    const double p = key.spec.pooled_quantile;
                    const auto pd = p > 0 ? paired_quantile_difference(base, bk, o, k, p)
                                          : paired_difference(column(base, bk), column(o, k));
                    node["difference"] = estimate_json(pd.difference);
                    node["variance_reduction"] = std::isinf(pd.variance_reduction) ? nlohmann::json("exact")
                                                                                   : json_number(pd.variance_reduction);
                    diff_cells = fmt::format("{},{},{},{},{}", csv_number(pd.difference.mean), csv_number(pd.difference.sd),
                                             csv_number(pd.difference.ci_low), csv_number(pd.difference.ci_high),
                                             std::isinf(pd.variance_reduction) ? "inf" : csv_number(pd.variance_reduction));
                    if (std::isfinite(pd.variance_reduction)) reductions.push_back(pd.variance_reduction);
                    // The table shows what changed; metrics equal in every replication are left out.
                    if (std::isfinite(pd.difference.mean) && (pd.difference.mean != 0 || pd.difference.sd > 0))
                        text += fmt::format("  {:<44} {:>12} {:>12}   {:<28} {}\n", key_text(key),
                                            shown(base.estimates[bk].mean), shown(e.mean),
                                            fmt::format("{} [{}, {}]", shown(pd.difference.mean),
                                                        shown(pd.difference.ci_low), shown(pd.difference.ci_high)),
                                            reduction_text(pd.variance_reduction));
                }
            }
            for (std::size_t y = 0; y < o.years.size(); ++y) {
                any_years = true;
                const auto& level = o.by_year[y][k].estimate;
                nlohmann::json year{{"year", o.years[y].year}, {"days", o.years[y].days()}};
                year.update(estimate_json(level));
                std::string diff = ",,,";
                // A pooled quantile by year has no paired difference here: its pairs are sections
                // of the whole period's replications.
                if (!is_base && in_base != base.keys.end() && key.spec.pooled_quantile == 0) {
                    const auto bk = static_cast<std::size_t>(in_base - base.keys.begin());
                    if (const auto by = same_year(o, y, base)) {
                        const auto d = paired_difference(year_column(base, *by, bk), year_column(o, y, k)).difference;
                        year["difference"] = estimate_json(d);
                        diff = fmt::format("{},{},{},{}", csv_number(d.mean), csv_number(d.sd), csv_number(d.ci_low),
                                           csv_number(d.ci_high));
                    }
                }
                node["by_year"].push_back(std::move(year));
                years_csv += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_text(o.scenario.name),
                                         csv_text(key.section), csv_text(key.id), csv_text(key.metric), o.years[y].year,
                                         csv_number(o.years[y].days()), csv_number(level.mean), csv_number(level.sd),
                                         csv_number(level.ci_low), csv_number(level.ci_high), level.n, diff);
            }
            table_csv += fmt::format("{},{},{},{},{},{},{},{},{},{}\n", csv_text(o.scenario.name), csv_text(key.section),
                                     csv_text(key.id), csv_text(key.metric),
                                     csv_number(e.mean), csv_number(e.sd), csv_number(e.ci_low), csv_number(e.ci_high), e.n, diff_cells);
        }
    }
    if (!reductions.empty()) {
        std::sort(reductions.begin(), reductions.end());
        const double median = reductions[reductions.size() / 2];
        j["variance_reduction_median"] = median;
        text += fmt::format(
            "\nPairing: the paired differences vary {:.1f} times less (median over metrics) than differences of "
            "independent runs would;\nindependent runs would need about that many times more replications for the "
            "same intervals.\n",
            median);
    }
    write_file_atomically(folder->staging() / "compare.csv", table_csv);
    if (any_years) write_file_atomically(folder->staging() / "compare_by_year.csv", years_csv);
    write_file_atomically(folder->staging() / "compare.json", json_text(j));
    std::vector<const models::Scenario*> used;
    for (const auto& o : outcomes) used.push_back(&o.scenario);
    write_table_formats(folder->staging(), settings.table_formats);
    write_manifest(folder->staging(), {"compare", settings.command_line, used, started, sim::effective_threads(settings.threads),
                                       settings.processes ? settings.processes->size() : 1});
    folder->commit();
    // Who left the model unseen, in each alternative: on the terminal with the table, on stderr with --json.
    std::string lost;
    for (const auto& o : outcomes) {
        const std::string here = lost_people_text(o);
        if (!here.empty()) lost += fmt::format("{}:\n{}", o.scenario.name, here);
    }
    if (!lost.empty() && !request.json) text += "\n" + style.error(lost);
    text += fmt::format(
        "\n{}\n",
        style.done(fmt::format("wrote {}/compare.csv, compare.json, and each variant's outputs under variants/", dir.string())));
    // With --json, stdout carries only compare.json; where the report went is said on stderr.
    std::fputs(request.json ? json_text(j).c_str() : text.c_str(), stdout);
    if (request.json) std::fputs(lost.c_str(), stderr);
    write_report_if_asked(dir, settings.report_lang, request.json, request.sensitivity);
    return 0;
}

}  // namespace kapsim::app
