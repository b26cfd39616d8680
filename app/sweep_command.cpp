#include "sweep_command.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <thread>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/version.hpp"
#include "atomic_file.hpp"
#include "csv_text.hpp"
#include "table_formats.hpp"
#include "manifest.hpp"
#include "models/care_system.hpp"
#include "models/input_error.hpp"
#include "models/scenario_document.hpp"
#include "models/scenario_loader.hpp"
#include "output_folder.hpp"
#include "output_writers.hpp"
#include "progress.hpp"
#include "report/report_command.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/estimate.hpp"
#include "sim/replications.hpp"
#include "sweep_design.hpp"
#include "sweep_journal.hpp"
#include "sweep_mpi.hpp"
#include "work_estimate.hpp"

namespace kapsim::app {
namespace {

using models::InputError;
using Clock = std::chrono::steady_clock;

constexpr int exit_invalid_input = 2;
constexpr int exit_internal_error = 1;
// Points simulated in one parallel loop: bounds the memory held for unfinished points.
constexpr std::size_t points_per_batch = 1024;

// ---------------------------------------------------------------------------------------
// Preparing: every point's scenario is loaded and validated before anything runs, so a bad
// value at the last point is reported at once, not after hours.

struct PreparedSweep {
    SweepDesign design;
    std::vector<models::Scenario> scenarios;             // per point
    std::vector<std::vector<std::size_t>> metric_index;  // per point: header metric -> its catalog
    SweepHeader header;
    models::Scenario base;  // the scenario with the sweep's seed and replications
};

// A scenario error caused by a swept value is reported at that parameter in the sweep file.
[[noreturn]] void rethrow_at_sweep(const InputError& e, const SweepDesign& d, std::size_t point) {
    const std::string& origin = e.where().file;
    for (std::size_t j = 0; j < d.parameters.size(); ++j) {
        const auto& p = d.parameters[j];
        const std::string& value = d.points[point][j];
        if (origin != fmt::format("--set {}={}", p.path, value)) continue;
        const auto listed = std::find(p.values.begin(), p.values.end(), value);
        // A wrong path is the key's fault, anything else the value's.
        const bool about_path = e.problem().rfind("unknown key", 0) == 0 || e.problem().rfind("cannot set", 0) == 0 ||
                                e.problem().find("is not a section") != std::string::npos;
        const models::SourceLocation& at = about_path || listed == p.values.end()
                                               ? p.where
                                               : p.value_where[static_cast<std::size_t>(listed - p.values.begin())];
        throw InputError(at, fmt::format("{} (parameter {} = {}, point {})", e.problem(), p.path, value, point), e.hint());
    }
    if (origin.rfind("--set scenario.seed=", 0) == 0) throw InputError(d.seed_where, e.problem(), e.hint());
    if (origin.rfind("--set scenario.replications=", 0) == 0) throw InputError(d.replications_where, e.problem(), e.hint());
    std::vector<std::string> values;
    for (std::size_t j = 0; j < d.parameters.size(); ++j) values.push_back(d.parameters[j].path + " = " + d.points[point][j]);
    throw InputError(e.where(), fmt::format("{} (at sweep point {}: {})", e.problem(), point, fmt::join(values, ", ")), e.hint());
}

std::string key_name(const models::MetricKey& k) { return k.section + "." + k.id + "." + k.metric; }

bool matches(const std::string& pattern, const models::MetricKey& k) {
    const auto first = pattern.find('.');
    const auto second = pattern.find('.', first + 1);
    const auto part = [](std::string_view p, const std::string& value) { return p == "*" || p == value; };
    return part(std::string_view(pattern).substr(0, first), k.section) &&
           part(std::string_view(pattern).substr(first + 1, second - first - 1), k.id) &&
           part(std::string_view(pattern).substr(second + 1), k.metric);
}

std::vector<models::MetricKey> select_metrics(const SweepDesign& d, const std::vector<models::MetricKey>& catalog) {
    if (d.metrics.empty()) return catalog;
    std::vector<std::string> names;
    for (const auto& k : catalog) names.push_back(key_name(k));
    for (const auto& pattern : d.metrics) {
        if (std::any_of(catalog.begin(), catalog.end(), [&](const auto& k) { return matches(pattern.text, k); })) continue;
        const std::string guess = models::nearest(pattern.text, names);
        throw InputError(pattern.where, fmt::format("no metric of the scenario is called '{}'", pattern.text),
                         guess.empty() ? "run the scenario with kapsim run: summary.csv lists every metric"
                                       : fmt::format("did you mean '{}'?", guess));
    }
    std::vector<models::MetricKey> selected;
    for (const auto& k : catalog)
        if (std::any_of(d.metrics.begin(), d.metrics.end(), [&](const auto& p) { return matches(p.text, k); }))
            selected.push_back(k);
    return selected;
}

PreparedSweep prepare(SweepDesign design, std::optional<Shard> shard, int threads) {
    PreparedSweep s;
    s.base = models::load_scenario(design.scenario_file, base_overrides(design));

    const std::size_t count = design.points.size();
    s.scenarios.resize(count);
    std::vector<std::exception_ptr> failures(count);
    sim::parallel_for_replications(count, threads, [&](std::size_t p) {
        try {
            s.scenarios[p] = models::load_scenario(design.scenario_file, point_overrides(design, p));
        } catch (...) {
            failures[p] = std::current_exception();
        }
    });
    for (std::size_t p = 0; p < count; ++p) {
        if (!failures[p]) continue;
        try {
            std::rethrow_exception(failures[p]);
        } catch (const InputError& e) {
            rethrow_at_sweep(e, design, p);
        }
    }

    const auto metrics = select_metrics(design, models::metric_catalog(s.scenarios.front()));
    s.metric_index.resize(count);
    for (std::size_t p = 0; p < count; ++p) {
        const auto catalog = models::metric_catalog(s.scenarios[p]);
        std::map<std::string, std::size_t> where;
        for (std::size_t i = 0; i < catalog.size(); ++i) where.emplace(key_name(catalog[i]), i);
        for (const auto& k : metrics) {
            const auto it = where.find(key_name(k));
            if (it == where.end())
                throw InputError(design.parameters.front().where,
                                 fmt::format("point {} has no metric '{}', which point 0 has", p, key_name(k)),
                                 "the values change the model's structure; list the metrics every point has under "
                                 "'metrics:', or sweep those values separately");
            s.metric_index[p].push_back(it->second);
        }
    }

    SweepHeader& h = s.header;
    h.name = design.name;
    h.design = design.design;
    h.shard = shard;
    h.scenario = {s.base.name,
                  design.scenario_file,
                  s.base.content_hash,
                  sim::CalendarClock::format_date(s.base.start),
                  s.base.warmup_days,
                  s.base.run_length_days};
    h.replications = s.base.replications;
    h.seed = s.base.seed;
    for (const auto& p : design.parameters) h.parameters.push_back(p.path);
    h.point_values = design.points;
    for (const auto& scenario : s.scenarios) h.point_hashes.push_back(scenario.content_hash);
    h.metrics = metrics;
    s.design = std::move(design);
    return s;
}

// ---------------------------------------------------------------------------------------
// Simulating: (point, replication) pairs are one flat list of tasks. Each task writes only
// its own slot and each replication draws only from its own streams, so the numbers do not
// depend on the number of threads or processes, or on which points ran in an earlier try.

void simulate(const PreparedSweep& sweep, const std::vector<std::size_t>& points, int threads,
              const std::function<void(PointResult&&)>& finished) {
    const std::size_t reps = sweep.header.replications;
    const std::size_t width = sweep.header.metrics.size();
    for (std::size_t begin = 0; begin < points.size(); begin += points_per_batch) {
        const std::size_t n = std::min(points_per_batch, points.size() - begin);
        std::vector<PointResult> results(n);
        std::vector<std::atomic<std::size_t>> remaining(n);
        std::vector<models::PreparedScenario> prepared;  // once per point, shared by its replications
        prepared.reserve(n);
        for (std::size_t i = 0; i < n; ++i) prepared.emplace_back(sweep.scenarios[points[begin + i]]);
        for (std::size_t i = 0; i < n; ++i) {
            results[i].point = points[begin + i];
            results[i].values.assign(reps * width, std::numeric_limits<double>::quiet_NaN());
            remaining[i] = reps;
        }
        std::mutex finishing;
        // After a failure (a journal that can no longer be written) the tasks still queued do
        // nothing: the sweep stops at the first failed write, not after simulating the rest.
        std::atomic<bool> failed{false};
        sim::parallel_for_replications(n * reps, threads, [&](std::size_t task) {
            if (failed.load(std::memory_order_relaxed)) return;
            const std::size_t i = task / reps;
            const std::size_t r = task % reps;
            const std::size_t point = results[i].point;
            const auto replication = models::run_replication(prepared[i], r);
            const auto& index = sweep.metric_index[point];
            for (std::size_t m = 0; m < width; ++m) results[i].values[r * width + m] = replication.metrics[index[m]];
            if (remaining[i].fetch_sub(1, std::memory_order_acq_rel) == 1) {
                const std::lock_guard lock(finishing);
                try {
                    finished(std::move(results[i]));
                } catch (...) {
                    failed = true;
                    throw;
                }
            }
        });
    }
}

// Progress on stderr: on a terminal the bar every command draws; otherwise (a batch job's
// log, mpirun) a line every half minute, so a long sweep still shows it is alive.
class SweepProgress {
public:
    SweepProgress(std::size_t to_run, bool enabled)
        : bar_("points", enabled && Progress::stderr_is_terminal()),
          lines_(enabled && !Progress::stderr_is_terminal()),
          total_(to_run) {
        bar_.add_work(to_run);
    }

    void step() {
        bar_.step();
        ++done_;
        if (!lines_) return;
        const auto now = Clock::now();
        if (now - last_line_ < std::chrono::seconds(30) || done_ == total_) return;
        last_line_ = now;
        const double seconds = std::chrono::duration<double>(now - started_).count();
        const double rate = static_cast<double>(done_) / seconds;
        std::fputs(fmt::format("sweep: {}/{} points, {:.3g} points/s, about {:.0f} s left\n", done_, total_, rate,
                               static_cast<double>(total_ - done_) / rate)
                       .c_str(),
                   stderr);
    }

private:
    Progress bar_;
    bool lines_;
    std::size_t total_;
    std::size_t done_ = 0;
    Clock::time_point started_ = Clock::now();
    Clock::time_point last_line_ = Clock::now();
};

// ---------------------------------------------------------------------------------------
// Writing: every output file comes from the journal's contents, sorted by point.

std::string csv_field(const std::string& text) { return csv_text(text); }

std::string comment_line(const SweepHeader& h) {
    std::string line = fmt::format("# kapsim {} sweep {} identity {} scenario {} hash {} seed {} replications {} points {}",
                                   version, h.name, h.identity(), h.scenario.name, h.scenario.content_hash, h.seed,
                                   h.replications, h.point_count());
    if (h.shard) line += fmt::format(" shard {}/{}", h.shard->index, h.shard->count);
    return line + "\n";
}

// "1.5/day" is the number 1.5 with the unit "/day", "9d" 9 with "d", "16" 16 with none; a
// date, a list or a mapping is not a number.
bool number_with_unit(const std::string& value, double& number, std::string& unit) {
    const char* end = value.data() + value.size();
    const auto [stop, error] = std::from_chars(value.data(), end, number);
    if (error != std::errc() || !std::isfinite(number)) return false;
    unit.assign(stop, end);
    return std::all_of(unit.begin(), unit.end(), [](unsigned char c) { return std::isalpha(c) || c == '/' || c >= 0x80; });
}

// The parameters whose every value is a number with a unit: they also get the number and the
// unit in columns of their own, so a value can be plotted or regressed without parsing it.
std::vector<bool> numeric_parameters(const SweepHeader& h) {
    std::vector<bool> numeric(h.parameters.size(), !h.point_values.empty());
    double number = 0;
    std::string unit;
    for (const auto& values : h.point_values)
        for (std::size_t j = 0; j < values.size(); ++j)
            numeric[j] = numeric[j] && number_with_unit(values[j], number, unit);
    return numeric;
}

std::string parameter_columns(const SweepHeader& h) {
    std::string out;
    for (const auto& p : h.parameters) out += csv_field(p) + ",";
    const auto numeric = numeric_parameters(h);
    for (std::size_t j = 0; j < h.parameters.size(); ++j)
        if (numeric[j]) out += csv_field("number:" + h.parameters[j]) + "," + csv_field("unit:" + h.parameters[j]) + ",";
    return out;
}

std::string point_columns(const SweepHeader& h, const std::vector<bool>& numeric, std::size_t point) {
    std::string out = fmt::format("{},", point);
    const auto& values = h.point_values[point];
    for (const auto& v : values) out += csv_field(v) + ",";
    for (std::size_t j = 0; j < values.size(); ++j) {
        double number = 0;
        std::string unit;
        if (numeric[j] && number_with_unit(values[j], number, unit))
            out += csv_number(number) + "," + csv_field(unit) + ",";
    }
    return out;
}

std::string points_csv(const SweepJournal::Contents& c) {
    const auto& h = c.header;
    std::string out = comment_line(h) + "point," + parameter_columns(h) + "content_hash\n";
    const auto numeric = numeric_parameters(h);
    for (const auto& p : c.points) out += point_columns(h, numeric, p.point) + h.point_hashes[p.point] + "\n";
    return out;
}

std::string sweep_csv(const SweepJournal::Contents& c) {
    const auto& h = c.header;
    const std::size_t width = h.metrics.size();
    std::string out = comment_line(h) + "point," + parameter_columns(h) + "section,id,metric,mean,sd,ci_low,ci_high,n\n";
    std::vector<double> column(h.replications);
    const auto numeric = numeric_parameters(h);
    for (const auto& p : c.points) {
        const std::string prefix = point_columns(h, numeric, p.point);
        for (std::size_t m = 0; m < width; ++m) {
            for (std::size_t r = 0; r < h.replications; ++r) column[r] = p.values[r * width + m];
            const sim::Estimate e = sim::estimate_mean(column);
            const auto& k = h.metrics[m];
            out += fmt::format("{}{},{},{},{},{},{},{},{}\n", prefix, csv_field(k.section), csv_field(k.id),
                               csv_field(k.metric), csv_number(e.mean),
                               csv_number(e.sd), csv_number(e.ci_low), csv_number(e.ci_high), e.n);
        }
    }
    return out;
}

std::string replications_csv(const SweepJournal::Contents& c) {
    const auto& h = c.header;
    const std::size_t width = h.metrics.size();
    std::string out = comment_line(h) + "point," + parameter_columns(h) + "replication,section,id,metric,value\n";
    const auto numeric = numeric_parameters(h);
    for (const auto& p : c.points) {
        const std::string prefix = point_columns(h, numeric, p.point);
        for (std::size_t r = 0; r < h.replications; ++r)
            for (std::size_t m = 0; m < width; ++m) {
                const auto& k = h.metrics[m];
                out += fmt::format("{}{},{},{},{},{}\n", prefix, r, csv_field(k.section), csv_field(k.id), csv_field(k.metric),
                                   csv_number(p.values[r * width + m]));
            }
    }
    return out;
}

// The swept scenario as the manifest records it.
models::Scenario manifest_scenario(const SweepHeader& h) {
    models::Scenario s;
    s.name = h.scenario.name;
    s.file = h.scenario.file;
    s.content_hash = h.scenario.content_hash;
    s.start = sim::CalendarClock::parse_date(h.scenario.start);
    s.warmup_days = h.scenario.warmup_days;
    s.run_length_days = h.scenario.run_length_days;
    s.replications = h.replications;
    s.seed = h.seed;
    return s;
}

void write_outputs(const std::filesystem::path& dir, const SweepJournal::Contents& c, const SweepRequest& request,
                   const std::string& started, int threads, int processes) {
    write_file_atomically(dir / "points.csv", points_csv(c));
    write_file_atomically(dir / "replications.csv", replications_csv(c));
    write_file_atomically(dir / "sweep.csv", sweep_csv(c));
    write_table_formats(dir, parse_table_formats(request.formats));
    const models::Scenario scenario = manifest_scenario(c.header);
    write_manifest(dir, {"sweep", request.command_line, {&scenario}, started, threads, processes});
}

void report(const std::filesystem::path& dir, const SweepHeader& h, std::size_t points, std::size_t resumed, double seconds) {
    std::string text = fmt::format("sweep {}: {} points x {} replications", h.name, points, h.replications);
    if (h.shard) text += fmt::format(" (shard {}/{} of {} points)", h.shard->index, h.shard->count, h.point_count());
    if (resumed > 0) text += fmt::format(", {} of them from the journal", resumed);
    text += fmt::format(", {:.1f} s\nwrote {}/sweep.csv, replications.csv and points.csv\n", seconds, dir.string());
    std::fputs(text.c_str(), stdout);
}

// ---------------------------------------------------------------------------------------

std::optional<Shard> parse_shard(const std::string& text) {
    if (text.empty()) return std::nullopt;
    Shard s;
    char slash = 0;
    char rest = 0;
    const int read = std::sscanf(text.c_str(), "%zu%c%zu%c", &s.index, &slash, &s.count, &rest);
    if (read != 3 || slash != '/' || s.count < 1 || s.index < 1 || s.index > s.count || s.count > 1'000'000)
        throw InputError({"--shard " + text, 0, 0}, "a shard is written K/N with 1 <= K <= N",
                         "e.g. --shard 2/4 runs the second of four shards: the points whose index % 4 == 1");
    return s;
}

std::vector<std::size_t> indices_from_text(const std::string& text) {
    std::vector<std::size_t> out;
    const char* p = text.c_str();
    char* end = nullptr;
    for (unsigned long long v = std::strtoull(p, &end, 10); end != p; v = std::strtoull(p, &end, 10)) {
        out.push_back(static_cast<std::size_t>(v));
        p = end;
    }
    return out;
}

std::string join_numbers(const std::vector<std::size_t>& numbers, std::size_t at_most) {
    std::vector<std::size_t> shown(numbers.begin(), numbers.begin() + static_cast<long>(std::min(at_most, numbers.size())));
    return fmt::format("{}{}", fmt::join(shown, ", "), numbers.size() > at_most ? ", ..." : "");
}

int merge_command(const SweepRequest& request) {
    const models::SourceLocation here{"kapsim sweep --merge", 0, 0};
    if (!request.file.empty())
        throw InputError(here, "--merge joins finished shards and takes no sweep file",
                         "kapsim sweep --merge SHARD_DIR... --out DIR");
    if (request.resume || !request.shard.empty())
        throw InputError(here, "--merge cannot be combined with --resume or --shard",
                         "finish each shard first (kapsim sweep SWEEP --shard K/N --out ITS_DIR --resume), then merge");
    const std::string started = utc_now_iso8601();

    std::vector<SweepJournal::Contents> shards;
    for (const auto& dir : request.merge) shards.push_back(SweepJournal::read(dir));
    const std::string identity = shards.front().header.identity();
    std::map<std::size_t, PointResult> points;
    std::set<std::size_t> shard_counts;
    for (std::size_t i = 0; i < shards.size(); ++i) {
        if (shards[i].header.identity() != identity)
            throw InputError({request.merge[i], 0, 0},
                             fmt::format("this directory holds a different sweep than {}", request.merge.front()),
                             "merge the shards of one sweep file, run with the same scenario and kapsim version");
        shard_counts.insert(shards[i].header.shard ? shards[i].header.shard->count : 1);
        for (auto& p : shards[i].points) points.emplace(p.point, std::move(p));
    }

    SweepJournal::Contents merged{shards.front().header, {}};
    merged.header.shard.reset();
    std::vector<std::size_t> missing;
    for (std::size_t p = 0; p < merged.header.point_count(); ++p) {
        const auto it = points.find(p);
        if (it == points.end()) {
            missing.push_back(p);
        } else {
            merged.points.push_back(std::move(it->second));
        }
    }
    if (!missing.empty()) {
        std::string hint = "finish every shard (rerun it with --resume) and give every shard's directory";
        if (shard_counts.size() == 1 && *shard_counts.begin() > 1) {
            std::set<std::size_t> lacking;
            for (std::size_t p : missing) lacking.insert(p % *shard_counts.begin() + 1);
            hint = fmt::format("shard {} of {} is missing or not finished: {}", fmt::join(lacking, ", "),
                               *shard_counts.begin(), hint);
        }
        throw InputError(here, fmt::format("{} of {} points are missing: {}", missing.size(), merged.header.point_count(),
                                           join_numbers(missing, 10)),
                         hint);
    }

    const std::filesystem::path dir =
        request.out_dir.empty() ? default_output_dir(merged.header.name) : std::filesystem::path(request.out_dir);
    // The merged directory is the same as that of a sweep run in one go, journal included,
    // and appears whole.
    OutputFolder folder = OutputFolder::prepare(dir);
    write_journal(folder.staging(), merged.header, merged.points);
    write_outputs(folder.staging(), merged, request, started, 0, 1);
    folder.commit();
    std::fputs(fmt::format("merged {} directories: {} points x {} replications\nwrote {}/sweep.csv, replications.csv and "
                           "points.csv\n",
                           shards.size(), merged.header.point_count(), merged.header.replications, dir.string())
                   .c_str(),
               stdout);
    write_report_if_asked(dir, request.report_lang, false, "");
    return 0;
}

// Rank 0 (the only process without MPI) prepares the output directory and its journal, and
// tells the other ranks which points are finished and how many each takes per round.
struct Plan {
    std::vector<std::size_t> pending;  // this shard's points not yet in the journal
    std::size_t resumed = 0;
    std::size_t points_per_rank_round = 1;
};

std::string plan_text(const Plan& plan) {
    return fmt::format("{} {} {}", plan.resumed, plan.points_per_rank_round, fmt::join(plan.pending, " "));
}

Plan plan_from_text(const std::string& text) {
    const auto numbers = indices_from_text(text);
    return {std::vector<std::size_t>(numbers.begin() + 2, numbers.end()), numbers.at(0), numbers.at(1)};
}

// The other ranks end with `exit_code` too; rank 0 reports why.
void tell_others_failed(const MpiGroup* mpi, int exit_code) {
    if (!mpi) return;
    std::string status = fmt::format("failed {}", exit_code);
    mpi->broadcast(status);
}

}  // namespace

CLI::App* add_sweep_subcommand(CLI::App& cli, SweepRequest& request) {
    auto* cmd = cli.add_subcommand("sweep", "Run a scenario over a grid or Latin hypercube of parameter values and write "
                                            "sweep.csv, replications.csv and points.csv");
    cmd->add_option("FILE", request.file, "Sweep YAML file (scenario, parameters and their values)");
    cmd->add_option("--out", request.out_dir, "Output directory (default results/<sweep>-<timestamp>)");
    cmd->add_option("--threads", request.threads, "Threads per process (0 = all cores)")
        ->check(CLI::Range(0, 1024))
        ->default_val(0);
    cmd->add_flag("--resume", request.resume,
                  "Continue the sweep whose journal is in --out: finished points are not run again");
    cmd->add_option("--shard", request.shard, "Run shard K of N only: the points whose index % N == K-1, e.g. 2/4");
    cmd->add_option("--merge", request.merge, "Join these finished shard directories into --out (no FILE)")
        ->expected(1, -1);
    cmd->add_flag("--quiet", request.quiet, "No progress lines on stderr");
    cmd->add_option("--format", request.formats,
                    "Also write every table as csv-sv (semicolon, decimal comma) or xlsx (one workbook); repeatable")
        ->allow_extra_args(false);
    cmd->add_flag("--allow-large", request.allow_large,
                  "Run even when the points or the estimated work are beyond the limits (100 000 points, 2e9 "
                  "events, 4 GB of memory)");
    add_report_options(*cmd, request.report_lang);
    return cmd;
}

int sweep_command(const SweepRequest& request) {
    if (!request.merge.empty()) return merge_command(request);
    if (request.file.empty())
        throw InputError({"kapsim sweep", 0, 0}, "no sweep file given",
                         "kapsim sweep SWEEP.yaml [--out DIR], or kapsim sweep --merge SHARD_DIR... --out DIR");
    const auto started_clock = Clock::now();
    const std::string started = utc_now_iso8601();
    const std::optional<Shard> shard = parse_shard(request.shard);
    parse_table_formats(request.formats);  // a wrong --format is said before anything is simulated
    if (shard && !request.report_lang.empty())
        throw InputError({"--shard " + request.shard, 0, 0}, "a shard holds only some of the points, so it has no report",
                         "merge the shards first (kapsim sweep --merge SHARD_DIR... --out DIR --report)");

    std::unique_ptr<MpiGroup> mpi;
    if (launched_by_mpi()) {
        if (!built_with_mpi())
            throw InputError({"kapsim sweep", 0, 0}, "started by mpirun, but this kapsim was built without MPI",
                             "rebuild with -DKAPSIM_MPI=ON, or run kapsim sweep without mpirun");
        mpi = std::make_unique<MpiGroup>();
    }
    const bool root = !mpi || mpi->is_root();
    const int ranks = mpi ? mpi->size() : 1;
    const int thread_request = threads_per_process(request.threads, mpi.get());
    const int threads = sim::effective_threads(thread_request);

    // Every rank reads and checks the sweep: the same input gives the same error everywhere,
    // and rank 0 alone reports it.
    std::optional<PreparedSweep> prepared;
    try {
        SweepDesign design = read_sweep(request.file);
        require_few_points(design.points.size(),
                           design.parameters.empty() ? models::SourceLocation{design.file, 0, 0}
                                                     : design.parameters.front().where,
                           request.allow_large);
        prepared.emplace(prepare(std::move(design), shard, thread_request));
        // The work of the points this process's shard owns, all ranks together.
        WorkTotal work;
        for (std::size_t p = 0; p < prepared->scenarios.size(); ++p)
            if (prepared->header.owns(p))
                work.add(prepared->scenarios[p], static_cast<double>(prepared->header.replications));
        work.require_within_limits(thread_request, request.allow_large);
    } catch (const InputError&) {
        if (root) throw;
        return exit_invalid_input;
    }
    const PreparedSweep& sweep = *prepared;
    const SweepHeader& header = sweep.header;
    const std::filesystem::path dir =
        request.out_dir.empty() ? default_output_dir(sweep.design.name) : std::filesystem::path(request.out_dir);

    std::optional<SweepJournal> journal;
    Plan plan;
    if (root) {
        try {
            // The folder is checked before anything is simulated; what a killed sweep left
            // half-written (temporary files) is removed.
            check_output_folder(dir, false);
            remove_stale_temporaries(dir);
            journal.emplace(request.resume ? SweepJournal::resume(dir, header) : SweepJournal::start(dir, header));
        } catch (const InputError&) {
            tell_others_failed(mpi.get(), exit_invalid_input);
            throw;
        } catch (const std::exception&) {
            tell_others_failed(mpi.get(), exit_internal_error);
            throw;
        }
        std::set<std::size_t> finished;
        for (const auto& p : journal->finished()) finished.insert(p.point);
        for (std::size_t p = 0; p < header.point_count(); ++p) {
            if (!header.owns(p)) continue;
            if (finished.count(p)) {
                ++plan.resumed;
            } else {
                plan.pending.push_back(p);
            }
        }
        // Enough replications per round for every thread, so rounds rarely wait on one task.
        plan.points_per_rank_round = std::max<std::size_t>(1, (8 * static_cast<std::size_t>(threads) + header.replications - 1) / header.replications);
    }
    if (mpi) {
        std::string status = root ? "ok " + plan_text(plan) : std::string();
        mpi->broadcast(status);
        if (status.rfind("failed", 0) == 0) return std::stoi(status.substr(7));
        if (!root) plan = plan_from_text(status.substr(3));
    }

    std::size_t owned = 0;
    for (std::size_t p = 0; p < header.point_count(); ++p) owned += header.owns(p) ? 1 : 0;
    SweepProgress progress(plan.pending.size(), root && !request.quiet);

    if (!mpi) {
        simulate(sweep, plan.pending, thread_request, [&](PointResult&& result) {
            journal->append(result);
            progress.step();
        });
    } else {
        // Rounds: each rank takes every `ranks`-th of the round's points, then rank 0 gathers
        // and journals them, so a killed MPI sweep also resumes where it stopped.
        try {
            const std::size_t round = plan.points_per_rank_round * static_cast<std::size_t>(ranks);
            for (std::size_t begin = 0; begin < plan.pending.size(); begin += round) {
                std::vector<std::size_t> mine;
                for (std::size_t i = begin; i < std::min(begin + round, plan.pending.size()); ++i)
                    if ((i - begin) % static_cast<std::size_t>(ranks) == static_cast<std::size_t>(mpi->rank()))
                        mine.push_back(plan.pending[i]);
                std::string outbox;
                simulate(sweep, mine, thread_request, [&](PointResult&& result) {
                    if (root) {
                        journal->append(result);
                        progress.step();
                    } else {
                        outbox += point_line(result) + "\n";
                    }
                });
                const auto inboxes = mpi->gather(outbox);
                for (std::size_t rank = 1; rank < inboxes.size(); ++rank) {
                    const std::string& text = inboxes[rank];
                    for (std::size_t b = 0, e = text.find('\n'); e != std::string::npos; b = e + 1, e = text.find('\n', b)) {
                        auto result = parse_point_line(std::string_view(text).substr(b, e - b),
                                                       header.replications * header.metrics.size());
                        if (!result) throw std::runtime_error(fmt::format("rank {} sent a damaged result", rank));
                        journal->append(*result);
                        progress.step();
                    }
                }
            }
        } catch (const std::exception& e) {
            std::fputs(fmt::format("kapsim: internal error on MPI rank {}: {}\n", mpi->rank(), e.what()).c_str(), stderr);
            mpi->abort(exit_internal_error);
        }
    }
    if (!root) return 0;

    journal->close();
    const SweepJournal::Contents contents = SweepJournal::read(dir);
    if (contents.points.size() != owned)
        throw std::runtime_error(fmt::format("the journal holds {} of {} points", contents.points.size(), owned));
    write_outputs(dir, contents, request, started, threads, ranks);
    report(dir, header, owned, plan.resumed, std::chrono::duration<double>(Clock::now() - started_clock).count());
    write_report_if_asked(dir, request.report_lang, false, "");
    return 0;
}

}  // namespace kapsim::app
