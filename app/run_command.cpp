#include "run_command.hpp"

#include <cstdio>

#include <fmt/format.h>

#include "experiment.hpp"
#include "models/scenario_loader.hpp"
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
    // First approximation of each unit's load: arrivals times mean stay (Little's law).
    text += "offered load (arrival rate x mean stay):\n";
    for (std::size_t u = 0; u < scenario.units.size(); ++u) {
        double rate = 0;
        for (const auto& c : scenario.classes)
            if (c.first_unit == u) rate += c.arrivals.rate_per_day;
        const auto& unit = scenario.units[u];
        const double load = rate * unit.service.mean();
        text += fmt::format("  {}: {:.3f} places", unit.id, load);
        if (unit.capacity != sim::unlimited_capacity && load >= static_cast<double>(unit.capacity) &&
            unit.queue != sim::QueueDiscipline::none)
            text += fmt::format("  warning: exceeds capacity {}; the queue will grow without bound", unit.capacity);
        text += "\n";
    }
    text += "ok: the scenario is valid\n";
    std::fputs(text.c_str(), stdout);
    return 0;
}

}  // namespace kapsim::app
