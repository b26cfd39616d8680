#include "run_command.hpp"

#include <cstdio>
#include <optional>

#include <fmt/format.h>

#include "event_log_file.hpp"
#include "experiment.hpp"
#include "lost_people.hpp"
#include "manifest.hpp"
#include "process_share.hpp"
#include "progress.hpp"
#include "sweep_mpi.hpp"
#include "undecided_values.hpp"
#include "sim/replications.hpp"
#include "models/scenario_loader.hpp"
#include "models/assumed_stays.hpp"
#include "models/implied_flow.hpp"
#include "models/starting_census.hpp"
#include "models/traffic_equations.hpp"
#include "models/waiting_for_place.hpp"
#include "models/while_enrolled.hpp"
#include "output_folder.hpp"
#include "table_formats.hpp"
#include "output_writers.hpp"
#include "report/report_command.hpp"
#include "sim/quantity.hpp"
#include "terminal_table.hpp"
#include "work_estimate.hpp"
#include "studio/scenario_check_json.hpp"

namespace kapsim::app {

int run_command(const RunRequest& request) {
    const RunSettings& settings = request.settings;
    models::Scenario scenario;
    bool by_year = false;
    std::filesystem::path dir;
    std::optional<OutputFolder> folder;
    // Under mpirun every process reads the input; rank 0 alone prepares the output folder.
    prepare_on_every_process(settings.processes, [&] {
        scenario = models::load_scenario(request.file, settings.overrides);
        if (settings.replications) scenario.replications = *settings.replications;
        if (settings.seed) scenario.seed = *settings.seed;
        if (const models::Message warning = models::warmup_from_today_warning(scenario);
            !warning.empty() && settings.writes_outputs())
            std::fputs((warning.en + "\n").c_str(), stderr);
        WorkTotal work;
        const auto replications = static_cast<double>(
            request.precision ? std::max(scenario.replications, request.precision->max_replications) : scenario.replications);
        work.add(scenario, replications);
        by_year = years_wanted(request.years, {scenario});
        if (by_year) work.add_years(scenario, replications);
        work.require_within_limits(settings.threads, settings.allow_large);
        if (!request.events_file.empty()) require_event_replication(scenario, request.events_replication);

        // The output folder is checked before anything is simulated.
        dir = settings.out_dir.empty() ? default_output_dir(scenario.name) : std::filesystem::path(settings.out_dir);
        if (settings.writes_outputs()) folder.emplace(OutputFolder::prepare(dir));
    });
    const RunStamp stamp{utc_now_iso8601()};
    Progress progress("replications", settings.writes_outputs() && !settings.quiet && Progress::stderr_is_terminal());
    progress.add_work(scenario.replications);
    const RunOutcome outcome =
        request.precision
            ? run_to_precision(std::move(scenario), settings.workers(), *request.precision, &progress, by_year)
            : run_scenario(std::move(scenario), settings.workers(), &progress, by_year);
    progress.finish();
    if (!settings.writes_outputs()) return 0;  // rank 0 has every replication and writes
    write_run_outputs(folder->staging(), outcome, stamp);
    write_table_formats(folder->staging(), settings.table_formats);
    write_manifest(folder->staging(), {"run", settings.command_line, {&outcome.scenario}, stamp.created,
                                       sim::effective_threads(settings.threads),
                                       settings.processes ? settings.processes->size() : 1});
    folder->commit();
    if (!request.events_file.empty())
        write_event_log(outcome.scenario, request.events_replication, request.events_file);

    const auto style = TerminalStyle::for_stream(stdout);  // styles only what goes to stdout
    const std::string lost = lost_people_text(outcome);
    if (request.json) {
        std::fputs(json_text(summary_json(outcome, stamp)).c_str(), stdout);
        std::fputs(lost.c_str(), stderr);  // stdout carries only the JSON
    } else {
        std::fputs(summary_table(outcome, style).c_str(), stdout);
        if (!lost.empty()) std::fputs(("\n" + style.error(lost)).c_str(), stdout);
        if (request.precision)
            std::fputs(
                fmt::format("\n{}", precision_text(outcome.precision, outcome.scenario.replications, *request.precision))
                    .c_str(),
                stdout);
        std::fputs(fmt::format("\n{}\n", style.done(fmt::format("wrote {}/summary.json, summary.csv and replications.csv{}{}",
                                                                 dir.string(),
                                                                 outcome.years.empty()
                                                                     ? ""
                                                                     : " (and summary_by_year.csv, replications_by_year.csv, year by year)",
                                                                 !outcome.occupancy_by_run_month.empty()
                                                                     ? " (and occupancy_by_run_month.csv, month by month of the run)"
                                                                     : "")))
                       .c_str(),
                   stdout);
    }
    // With --json, stdout carries only the JSON; where the report went is said on stderr.
    write_report_if_asked(dir, settings.report_lang, request.json);
    return 0;
}

std::string check_text(const models::Scenario& scenario, const std::string& file,
                       const std::vector<std::string>& overrides) {
    std::string text = models::describe(scenario);
    text += models::describe_waits_for_place(scenario);
    text += models::describe_team_effects(scenario);
    text += models::describe_loads(scenario);
    text += models::describe_implied_flows(scenario);
    text += models::describe_assumed_stays(scenario);
    text += describe_work(scenario);
    text += describe_undecided(undecided_values(file, overrides));
    text += "ok: the scenario is valid\n";
    return text;
}

int check_command(const std::string& file, const std::vector<std::string>& overrides, bool json,
                  const std::string& language) {
    if (json) {
        // Problems are data here: all of them, on stdout; the exit code still says invalid.
        const auto account = scenario_check_json(file, overrides, [](std::string s) { return s; }, language);
        std::fputs((account.dump(2) + "\n").c_str(), stdout);
        return account["ok"].get<bool>() ? 0 : 2;
    }
    const models::Scenario scenario = models::load_scenario(file, overrides);
    std::fputs(check_text(scenario, file, overrides).c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
