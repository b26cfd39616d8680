#include "run_command.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "experiment.hpp"
#include "models/scenario_loader.hpp"
#include "models/traffic_equations.hpp"
#include "output_writers.hpp"
#include "sim/quantity.hpp"
#include "terminal_table.hpp"

namespace kapsim::app {

int run_command(const RunRequest& request) {
    models::Scenario scenario = models::load_scenario(request.file, request.overrides);
    if (request.replications) scenario.replications = *request.replications;
    if (request.seed) scenario.seed = *request.seed;

    const RunStamp stamp{utc_now_iso8601()};
    const RunOutcome outcome = run_scenario(std::move(scenario), request.threads);
    const std::filesystem::path dir =
        request.out_dir.empty() ? default_output_dir(outcome.scenario.name) : std::filesystem::path(request.out_dir);
    write_run_outputs(dir, outcome, stamp);

    if (request.json) {
        std::fputs((summary_json(outcome, stamp).dump(2) + "\n").c_str(), stdout);
    } else {
        std::fputs(summary_table(outcome).c_str(), stdout);
        std::fputs(fmt::format("\nwrote {}/summary.json, summary.csv and replications.csv\n", dir.string()).c_str(),
                   stdout);
    }
    return 0;
}

int check_command(const std::string& file, const std::vector<std::string>& overrides) {
    const models::Scenario scenario = models::load_scenario(file, overrides);
    std::string text = models::describe(scenario);
    text += models::describe_loads(scenario);
    text += "ok: the scenario is valid\n";
    std::fputs(text.c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
