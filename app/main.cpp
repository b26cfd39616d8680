// kapsim: the command line. Parses arguments with CLI11 and maps outcomes to exit codes:
// 0 success, 2 invalid input (with file, line, column and a hint), 1 internal error.
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <exception>
#include <memory>
#include <string>
#include <optional>
#include <utility>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "app/version.hpp"
#include "calibrate_command.hpp"
#include "capacity_command.hpp"
#include "optimize_command.hpp"
#include "compare_command.hpp"
#include "init_command.hpp"
#include "fit_command.hpp"
#include "models/input_error.hpp"
#include "process_share.hpp"
#include "report/report_command.hpp"
#include "run_command.hpp"
#include "scenario_schema.hpp"
#include "studio/studio_command.hpp"
#include "sweep_command.hpp"
#include "sweep_mpi.hpp"
#include "terminal_style.hpp"
#include "warmup_command.hpp"

namespace {

constexpr int exit_invalid_input = 2;
constexpr int exit_internal_error = 1;

// A seed is plain digits, 0 to 2^64-1: the number parser alone would turn "-1" into 2^64-1.
CLI::Validator plain_seed() {
    return CLI::Validator(
        [](std::string& text) -> std::string {
            std::uint64_t seed = 0;
            const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), seed);
            if (text.empty() || end != text.data() + text.size() || error != std::errc())
                return "a seed is a whole number from 0 to 18446744073709551615, written as plain digits, not '" +
                       text + "'";
            return {};
        },
        "UINT64");
}

// The options every simulating command shares, read into one RunSettings.
class SettingsOptions {
public:
    void add_to(CLI::App* command) {
        replications_ = command->add_option("--reps", replications_value_, "Replications (overrides the scenario)")
                            ->check(CLI::Range(2, 100000));
        seed_ = command->add_option("--seed", seed_value_, "Random seed (overrides the scenario)")
                    ->check(plain_seed());
        command->add_option("--threads", settings_.threads,
                            "Threads for replications (0 = all cores; under mpirun: per process, 0 = its share of them)")
            ->check(CLI::Range(0, 1024))
            ->default_val(0);
        command->add_option("--out", settings_.out_dir, "Output directory (default results/<name>-<timestamp>)");
        command->add_option("--set", settings_.overrides, "Override a scenario value, e.g. --set units.avd7.beds=16")
            ->allow_extra_args(false)
            ->take_all();
        command->add_flag("--quiet", settings_.quiet, "No progress bar");
        command->add_option("--format", formats_,
                            "Also write every table as csv-sv (semicolon, decimal comma) or xlsx (one workbook); "
                            "repeatable")
            ->allow_extra_args(false);
        command->add_flag("--allow-large", settings_.allow_large,
                          "Run even when the estimated work is beyond the limits (2e9 events, 4 GB of memory)");
    }

    // --report and --report-lang, for the commands whose results a report can show.
    void add_report_to(CLI::App* command) { kapsim::app::add_report_options(*command, settings_.report_lang); }

    kapsim::app::RunSettings settings(const std::vector<std::string>& command_line) const {
        auto s = settings_;
        if (*replications_) s.replications = replications_value_;
        if (*seed_) s.seed = seed_value_;
        s.command_line = command_line;
        s.table_formats = kapsim::app::parse_table_formats(formats_);
        return s;
    }

private:
    kapsim::app::RunSettings settings_;
    std::vector<std::string> formats_;
    std::size_t replications_value_ = 0;
    std::uint64_t seed_value_ = 0;
    CLI::Option* replications_ = nullptr;
    CLI::Option* seed_ = nullptr;
};

// --precision, --metric and --max-reps: replications until the watched intervals are narrow.
class PrecisionOptions {
public:
    void add_to(CLI::App* command) {
        precision_ = command->add_option("--precision", goal_.relative_half_width,
                                         "Add replications until each watched 95 % interval is within this share of "
                                         "its mean (for compare and capacity, in every alternative)")
                         ->check(CLI::Range(1e-6, 1.0));
        command->add_option("--metric", goal_.metrics,
                            "A metric watched by --precision, e.g. units.avd7.occupancy_mean (default: every unit's "
                            "mean occupancy)");
        command->add_option("--max-reps", goal_.max_replications,
                            "Cap on replications with --precision (capacity --target: per capacity)")
            ->check(CLI::Range(2, 100000))
            ->default_val(1000);
    }

    std::size_t max_replications() const { return goal_.max_replications; }

    std::optional<kapsim::app::PrecisionGoal> goal() const {
        return *precision_ ? std::optional(goal_) : std::nullopt;
    }

private:
    kapsim::app::PrecisionGoal goal_;
    CLI::Option* precision_ = nullptr;
};

// "FILE:LINE:COL: error: what\n  hint: how" with "error:" and "hint:" in colour on a terminal.
std::string styled_error(std::string text, const kapsim::app::TerminalStyle& style) {
    // Every problem of a file is listed, each with its own error and hint.
    for (const auto& [word, styled] : {std::pair{std::string(": error:"), ": " + style.error("error:")},
                                       std::pair{std::string("\n  hint:"), "\n  " + style.hint("hint:")},
                                       std::pair{std::string(": fel:"), ": " + style.error("fel:")},
                                       std::pair{std::string("\n  tips:"), "\n  " + style.hint("tips:")}})
        for (auto at = text.find(word); at != std::string::npos; at = text.find(word, at + styled.size()))
            text.replace(at, word.size(), styled);
    return text;
}

// --by-year and --whole-period on run and compare: results by calendar year take a second pass
// of each replication, so by default only a scenario that changes through time gets them.
void add_year_options(CLI::App* command, kapsim::app::YearResults& years) {
    using kapsim::app::YearResults;
    auto* by_year = command->add_flag_callback("--by-year", [&years] { years = YearResults::always; },
                                               "Results by calendar year even for a scenario that does not change "
                                               "through time (a second pass: about twice the time)");
    auto* whole = command->add_flag_callback("--whole-period", [&years] { years = YearResults::never; },
                                             "Only whole-period results, even for a scenario that changes through time");
    by_year->excludes(whole);
}

// Runs a command and maps its outcome to the exit code, saying what went wrong when `speaks`
// (rank 0 under mpirun, where every process meets the same failure).
template <class Command>
// `language`: that of the messages about the user's input ("en", or "sv" for check --lang sv).
int exit_code_of(const Command& command, bool speaks, const std::string& language) {
    using namespace kapsim;
    try {
        return command();
    } catch (const app::ProcessFailure& e) {
        if (speaks) {
            const auto style = app::TerminalStyle::for_stream(stderr);
            if (e.exit_code() == exit_invalid_input)
                std::fputs(fmt::format("{}\n", styled_error(e.what(), style)).c_str(), stderr);
            else
                std::fputs(fmt::format("kapsim: {} {}\n", style.error("internal error:"), e.what()).c_str(), stderr);
        }
        return e.exit_code();
    } catch (const models::InputError& e) {
        if (speaks)
            std::fputs(
                fmt::format("{}\n", styled_error(e.what_in(language), app::TerminalStyle::for_stream(stderr))).c_str(),
                stderr);
        return exit_invalid_input;
    } catch (const std::exception& e) {
        if (speaks) {
            const auto style = app::TerminalStyle::for_stream(stderr);
            std::fputs(fmt::format("kapsim: {} {}\n", style.error("internal error:"), e.what()).c_str(), stderr);
        }
        return exit_internal_error;
    }
}

}  // namespace

int main(int argc, char** argv) {
    using namespace kapsim;
    const std::vector<std::string> command_line(argv, argv + argc);
    CLI::App cli{"kapsim: discrete-event capacity simulator for addiction care (beds, sobering units, LARO, HVB)"};
    cli.set_version_flag("--version", std::string("kapsim ") + app::version);
    cli.require_subcommand(1);

    SettingsOptions run_options, compare_options, capacity_options;
    app::RunRequest run;
    auto* run_cmd = cli.add_subcommand("run", "Simulate a scenario's replications and write summary.json, summary.csv "
                                              "and replications.csv (under mpirun -np N: replications spread over "
                                              "the processes, the same files)");
    run_cmd->add_option("FILE", run.file, "Scenario YAML file")->required();
    run_options.add_to(run_cmd);
    run_options.add_report_to(run_cmd);
    run_cmd->add_flag("--json", run.json, "Print the summary as JSON on stdout instead of a table");
    add_year_options(run_cmd, run.years);
    PrecisionOptions run_precision;
    run_precision.add_to(run_cmd);
    run_cmd->add_option("--events", run.events_file,
                        "Write one replication's patient-level events (time, person, class, unit, event) as CSV");
    run_cmd->add_option("--events-replication", run.events_replication,
                        "The replication --events writes, numbered from 0 as in replications.csv")
        ->default_val(0);

    std::string check_file;
    std::vector<std::string> check_overrides;
    bool check_json = false;
    auto* check_cmd = cli.add_subcommand("check", "Validate a scenario and print the model without running it");
    check_cmd->add_option("FILE", check_file, "Scenario YAML file")->required();
    check_cmd->add_option("--set", check_overrides, "Override a scenario value, e.g. --set units.x.capacity=3")
        ->allow_extra_args(false)
        ->take_all();
    check_cmd->add_flag("--json", check_json,
                        "Print the check as JSON (errors with line and column, each unit's figures), as the studio "
                        "shows it");
    std::string check_lang = "en";
    check_cmd->add_option("--lang", check_lang, "The language of the errors, hints and warnings: sv or en")
        ->check(CLI::IsMember({"sv", "en"}))
        ->default_val("en");

    app::InitRequest init;
    auto* init_cmd = cli.add_subcommand(
        "init", "Write a commented starting scenario from a template (ward, sobering, laro, hvb, pathway)");
    init_cmd->add_option("TEMPLATE", init.template_name, "The template; kapsim init --list shows them");
    init_cmd->add_option("--out", init.out, "The scenario file to write (default TEMPLATE.yaml)");
    init_cmd->add_option("--lang", init.lang, "The language of the template's names and comments")
        ->check(CLI::IsMember({"sv", "en"}))
        ->default_val("sv");
    init_cmd->add_flag("--force", init.force, "Replace the file if it exists");
    init_cmd->add_flag("--list", init.list, "List the templates");

    bool sweep_schema = false;
    auto* schema_cmd = cli.add_subcommand(
        "schema", "Print the scenario format as a JSON Schema, for editors' completion and checking of YAML");
    schema_cmd->add_flag("--sweep", sweep_schema, "Print the sweep files' format instead");

    app::CompareRequest compare;
    auto* compare_cmd = cli.add_subcommand(
        "compare", "Run a base scenario and its variants under common random numbers; report each metric's paired "
                   "difference from the base with its 95 % interval (under mpirun -np N: replications spread over "
                   "the processes, the same files)");
    compare_cmd->add_option("FILES", compare.files, "Base scenario, then variants; or one file with 'variants:'")
        ->required();
    compare_options.add_to(compare_cmd);
    compare_options.add_report_to(compare_cmd);
    compare_cmd->add_flag("--json", compare.json, "Print compare.json on stdout instead of the table");
    add_year_options(compare_cmd, compare.years);
    compare_cmd->add_option("--sensitivity", compare.sensitivity,
                            "The --out directory of a kapsim sweep that tests this comparison: write the report with "
                            "its range over the assumptions (implies --report)");
    PrecisionOptions compare_precision;
    compare_precision.add_to(compare_cmd);

    app::CapacityRequest capacity;
    auto* capacity_cmd = cli.add_subcommand(
        "capacity", "The capacity curve of one unit: each capacity in a range under common random numbers (under "
                    "mpirun -np N: replications spread over the processes, the same files)");
    capacity_cmd->add_option("FILE", capacity.file, "Scenario YAML file")->required();
    capacity_cmd->add_option("--unit", capacity.unit, "The unit whose capacity varies")->required();
    capacity_cmd->add_option("--range", capacity.range,
                             "Capacities to simulate, e.g. 12..18 (with --target: the range searched)");
    capacity_cmd->add_option("--target", capacity.targets,
                             "Find the smallest capacity meeting this target, e.g. 'p_diverted<=0.05' (repeatable)")
        ->allow_extra_args(false);
    capacity_cmd->add_option("--confidence", capacity.confidence,
                             "With --target: the confidence that every judgement of the search holds together")
        ->check(CLI::Range(0.5, 0.9999))
        ->default_val(0.95);
    capacity_cmd->add_flag("--quick", capacity.quick,
                           "Also estimate from runs without a limit (time at each occupancy level)");
    capacity_options.add_to(capacity_cmd);
    capacity_options.add_report_to(capacity_cmd);
    capacity_cmd->add_flag("--json", capacity.json, "Print the capacity curve as JSON on stdout instead of the table");
    PrecisionOptions capacity_precision;
    capacity_precision.add_to(capacity_cmd);

    app::OptimizeRequest optimize;
    SettingsOptions optimize_options;
    auto* optimize_cmd = cli.add_subcommand(
        "optimize", "The capacities of several units at once that meet every target at the least total cost per year, "
                    "under common random numbers (under mpirun -np N: replications spread over the processes, the "
                    "same files)");
    optimize_cmd->add_option("FILE", optimize.file, "Scenario YAML file")->required();
    optimize_cmd->add_option("--unit", optimize.units, "A unit whose capacity varies (repeatable)")
        ->required()
        ->allow_extra_args(false);
    optimize_cmd->add_option("--range", optimize.ranges,
                             "The capacities searched for a unit, e.g. avd7=10..20 (repeatable; default 1 to twice "
                             "the scenario's capacity)")
        ->allow_extra_args(false);
    optimize_cmd->add_option("--target", optimize.targets,
                             "A target every combination must meet, e.g. 'avd7.p_diverted<=0.05' (repeatable)")
        ->required()
        ->allow_extra_args(false);
    optimize_cmd->add_option("--confidence", optimize.confidence,
                             "The confidence that every judgement of the search holds together")
        ->check(CLI::Range(0.5, 0.9999))
        ->default_val(0.95);
    optimize_cmd->add_option("--max-reps", optimize.max_replications, "Cap on replications per combination")
        ->check(CLI::Range(2, 100000))
        ->default_val(1000);
    optimize_options.add_to(optimize_cmd);
    optimize_cmd->add_flag("--json", optimize.json, "Print the answer as JSON on stdout instead of the table");

    app::WarmupRequest warmup;
    SettingsOptions warmup_options;
    auto* warmup_cmd = cli.add_subcommand(
        "warmup", "Print the data for choosing a warm-up (Welch's method): mean occupancy by day over replications "
                  "that start empty, and its moving average");
    warmup_cmd->add_option("FILE", warmup.file, "Scenario YAML file")->required();
    warmup_cmd->add_option("--window", warmup.window_days, "Days either side in the moving average")
        ->check(CLI::Range(1, 3650))
        ->default_val(30);
    warmup_options.add_to(warmup_cmd);

    app::CalibrateRequest calibrate;
    SettingsOptions calibrate_options;
    auto* calibrate_cmd = cli.add_subcommand(
        "calibrate", "Find the values of parameters that make simulated metrics match observed ones");
    calibrate_cmd->add_option("FILE", calibrate.file, "Scenario YAML file")->required();
    calibrate_cmd->add_option("--target", calibrate.targets,
                              "METRIC=VALUE, e.g. units.avd7.occupancy_pct[3-5]=114 (months 3-5: spring); repeatable")
        ->required()
        ->allow_extra_args(false)
        ->take_all();
    calibrate_cmd->add_option("--vary,--param", calibrate.vary,
                              "The scenario path to vary, e.g. classes.acute.arrivals.rate; one per target")
        ->required()
        ->allow_extra_args(false)
        ->take_all();
    calibrate_cmd->add_option("--bracket", calibrate.bracket,
                              "LOW..HIGH to search in (one parameter; default: half to twice the value)");
    calibrate_cmd->add_option("--tolerance", calibrate.tolerance, "Stop when the bracket is this narrow, relative")
        ->check(CLI::Range(1e-9, 0.5))
        ->default_val(0.001);
    calibrate_options.add_to(calibrate_cmd);

    app::SweepRequest sweep;
    auto* sweep_cmd = app::add_sweep_subcommand(cli, sweep);

    app::ReportRequest report;
    auto* report_cmd = app::add_report_subcommand(cli, report);

    app::StudioRequest studio;
    auto* studio_cmd = app::add_studio_subcommand(cli, studio);

    app::FitRequest fit;
    auto* fit_cmd = cli.add_subcommand(
        "fit", "Fit arrivals and stays to an export of stays (CSV or XLSX) or a kapsim event log, and write them as "
               "a scenario");
    fit_cmd->add_option("DATA", fit.file, "The export: one row per stay, or `kapsim run --events` output")->required();
    fit_cmd->add_option("--arrival", fit.columns.arrival, "The column of arrival times (default: found by name)");
    fit_cmd->add_option("--admission", fit.columns.admission, "The column of admission times");
    fit_cmd->add_option("--discharge", fit.columns.discharge, "The column of discharge times");
    fit_cmd->add_option("--class", fit.columns.patient_class, "The column of patient classes");
    fit_cmd->add_option("--unit", fit.columns.unit, "The column of units");
    fit_cmd->add_option("--municipality", fit.columns.municipality, "The column of home municipalities");
    fit_cmd->add_option("--from", fit.from, "The first day the export covers (default: the first arrival's day)");
    fit_cmd->add_option("--export-date", fit.export_date,
                        "When the export was taken: stays still going then are censored (default: the last time in it)");
    fit_cmd->add_flag("--from-today", fit.from_today,
                      "Start the scenario on the export date, each unit holding the people there that day");
    fit_cmd->add_option("--start", fit.start, "The day each rate's year begins, the scenario's start (default: --from)");
    fit_cmd->add_option("--bootstrap", fit.bootstrap, "Parametric bootstrap samples for each goodness-of-fit p-value")
        ->check(CLI::Range(0, 100000))
        ->default_val(200);
    fit_cmd->add_option("--seed", fit.seed, "Seed of the bootstrap")->check(plain_seed())->default_val(1);
    fit_cmd->add_flag("--skip-bad-rows", fit.skip_bad_rows, "Leave rows with problems out (listed as warnings)");
    fit_cmd->add_option("--out", fit.out, "Write the scenario to this file (default: stdout)");

    // Under mpirun every process parses the same command line; only rank 0 says what is wrong.
    const bool speaks = app::mpi_rank_from_environment() == 0;
    try {
        cli.parse(argc, argv);
    } catch (const CLI::Success& e) {
        if (!speaks) return 0;
        return cli.exit(e);
    } catch (const CLI::ParseError& e) {
        if (speaks) cli.exit(e);
        return exit_invalid_input;
    }

    // run, compare and capacity started by mpirun with several processes spread their
    // replications over them (process_share.hpp); every process ends with rank 0's exit code.
    std::unique_ptr<app::MpiGroup> processes;
    const auto dispatch = [&]() -> int {
        // A sweep spreads its points over mpirun's processes, run, compare and capacity their
        // replications; the other simulating commands run as one process (with every core
        // through threads), and several copies of them would each simulate everything and
        // write the same folder.
        const std::pair<const CLI::App*, const char*> one_process[]{
            {calibrate_cmd, "calibrate"}, {warmup_cmd, "warmup"}};
        for (const auto& [command, name] : one_process)
            if (*command && app::mpi_processes_from_environment() > 1)
                throw models::InputError(
                    {"mpirun", 0, 0},
                    fmt::format("kapsim {} runs as one process, and mpirun started {}: each would simulate everything "
                                "and write the same folder",
                                name, app::mpi_processes_from_environment()),
                    fmt::format("run `kapsim {} ...` without mpirun: it uses every core of the machine through threads "
                                "(--threads); to spread work over machines, use `mpirun -np N kapsim run`, `compare` "
                                "or `capacity`, or describe it as a sweep and run `mpirun -np N kapsim sweep FILE`",
                                name));
        const auto share_over_processes = [&](app::RunSettings& settings, const char* name) {
            if (!app::launched_by_mpi() || app::mpi_processes_from_environment() < 2) return;
            if (!app::built_with_mpi())
                throw models::InputError({"mpirun", 0, 0},
                                         fmt::format("kapsim {} was started by mpirun with {} processes, but this "
                                                     "kapsim was built without MPI",
                                                     name, app::mpi_processes_from_environment()),
                                         "rebuild with -DKAPSIM_MPI=ON, or run it without mpirun");
            processes = std::make_unique<app::MpiGroup>();
            settings.processes = processes.get();
            settings.threads = app::threads_per_process(settings.threads, processes.get());
            if (!processes->is_root()) settings.quiet = true;
        };
        if (*run_cmd) {
            run.settings = run_options.settings(command_line);
            run.precision = run_precision.goal();
            share_over_processes(run.settings, "run");
            return app::run_command(run);
        }
        if (*compare_cmd) {
            compare.settings = compare_options.settings(command_line);
            compare.precision = compare_precision.goal();
            share_over_processes(compare.settings, "compare");
            return app::compare_command(compare);
        }
        if (*capacity_cmd) {
            capacity.settings = capacity_options.settings(command_line);
            capacity.precision = capacity_precision.goal();
            capacity.max_replications = capacity_precision.max_replications();
            share_over_processes(capacity.settings, "capacity");
            return app::capacity_command(capacity);
        }
        if (*optimize_cmd) {
            optimize.settings = optimize_options.settings(command_line);
            share_over_processes(optimize.settings, "optimize");
            return app::optimize_command(optimize);
        }
        if (*sweep_cmd) {
            sweep.command_line = command_line;
            return app::sweep_command(sweep);
        }
        if (*calibrate_cmd) {
            calibrate.settings = calibrate_options.settings(command_line);
            return app::calibrate_command(calibrate);
        }
        if (*report_cmd) return app::report_command(report);
        if (*init_cmd) return app::init_command(init);
        if (*schema_cmd) {
            std::fputs((sweep_schema ? app::sweep_schema_json() : app::scenario_schema_json()).c_str(), stdout);
            return 0;
        }
        if (*fit_cmd) return app::fit_command(fit);
        if (*studio_cmd) return app::studio_command(studio);
        if (*warmup_cmd) {
            warmup.settings = warmup_options.settings(command_line);
            return app::warmup_command(warmup);
        }
        return app::check_command(check_file, check_overrides, check_json, check_lang);
    };
    const int exit_code = exit_code_of(dispatch, speaks, *check_cmd ? check_lang : "en");
    // Rank 0 wrote and printed; the others end as it did.
    if (!processes) return exit_code;
    std::string agreed = std::to_string(exit_code);
    processes->broadcast(agreed);
    return std::stoi(agreed);
}
