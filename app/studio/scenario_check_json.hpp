#pragma once
// What `kapsim check` says of a scenario, as data for the studio and `kapsim check --json`: all
// its errors with line and column, each unit's offered load, implied admissions, stay and
// occupancy and analytic first figure, the warnings, the values still to decide, the content
// hash, the estimated work and the text check prints. One code path for both faces: the same
// loader and validator, the same functions behind every figure of check's text.
#include <functional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace kapsim::app {

// Replaces file names in a message by the names the reader knows (identity for the CLI).
using ShownNames = std::function<std::string(std::string)>;

// Simulated events a second per thread on a small machine, for the estimated run time only
// (measured: 12 to 15 million on the avd7 comparison and bench/mmc.yaml, on one core of two).
inline constexpr double estimated_events_per_second_per_thread = 8e6;
// What a run costs besides its events: starting, loading, and writing the report with its chart
// libraries and the workbook (measured: 1.2 s for a comparison of two replications).
inline constexpr double estimated_seconds_besides_events = 1.5;

// The estimated run time of `events` simulated events on this machine, the report included.
double estimated_run_seconds(double events);

// Messages (errors, hints, warnings) come in `language` ("en" or "sv") under "message" and
// "hint", and in both under "message_en", "message_sv", "hint_en" and "hint_sv", so that a page
// can switch language without asking again.
nlohmann::json scenario_check_json(const std::string& file, const std::vector<std::string>& overrides,
                                   const ShownNames& shown = [](std::string s) { return s; },
                                   const std::string& language = "en");

// The alternatives a compare of this file runs: 1 + the entries of its `variants:` section.
std::size_t alternatives_in(const std::string& file);

}  // namespace kapsim::app
