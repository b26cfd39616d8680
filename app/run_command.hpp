#pragma once
// `kapsim run` and `kapsim check`: what each command does once its arguments are parsed.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "experiment.hpp"

namespace kapsim::app {

struct RunRequest {
    std::string file;
    RunSettings settings;
    bool json = false;  // summary as JSON on stdout instead of the table
    YearResults years = YearResults::when_changing;  // --by-year / --whole-period
    std::optional<PrecisionGoal> precision;
    std::string events_file;             // --events: one replication's patient-level log
    std::size_t events_replication = 0;  // which one, numbered as in replications.csv
};

// Both throw models::InputError for bad input; main() maps that to exit code 2.
int run_command(const RunRequest& request);
// With `json`, prints the account of scenario_check_json (errors included) instead of the text.
// `language` ("en" or "sv") is that of the messages about the scenario: errors, hints, warnings.
int check_command(const std::string& file, const std::vector<std::string>& overrides, bool json = false,
                  const std::string& language = "en");
// The text `kapsim check` prints for a scenario that loaded.
std::string check_text(const models::Scenario& scenario, const std::string& file,
                       const std::vector<std::string>& overrides);

}  // namespace kapsim::app
