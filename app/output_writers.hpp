#pragma once
// The files a run leaves behind. Every one records the kapsim version, the scenario's name
// and content hash and the seed, so a result can always be traced to what produced it.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

#include "experiment.hpp"

namespace kapsim::app {

// A double as JSON: null where it is not defined (NaN, infinite).
nlohmann::json json_number(double x);
// JSON text, indented, ending in a newline. Text that is not valid UTF-8 (a Latin-1 file
// name) is written with U+FFFD in its place instead of failing after a whole simulation.
std::string json_text(const nlohmann::json& j);
// The shortest text that reads back to the same double; empty where it is not defined.
std::string csv_number(double x);
// {mean, sd, ci_low, ci_high, n}, as in summary.json.
nlohmann::json estimate_json(const sim::Estimate& e);

struct RunStamp {
    std::string created;  // ISO 8601 UTC; the only field that differs between equal runs
};

nlohmann::json summary_json(const RunOutcome& outcome, const RunStamp& stamp);
std::string summary_csv(const RunOutcome& outcome);
std::string replications_csv(const RunOutcome& outcome);
// Results by calendar year (RunOutcome::years), written only where there are any (a run longer
// than a year), beside the whole-period files, whose rows and columns they leave as they were:
// `section,id,metric,year,days,mean,sd,ci_low,ci_high,n,p05,p25,p75,p95` (p05..p95: the spread
// of the replications' values) and `replication,section,id,metric,year,days,value`. In
// summary.json each metric gains `by_year`, the same fields as objects.
nlohmann::json by_year_json(const RunOutcome& outcome, std::size_t metric);
std::string summary_by_year_csv(const RunOutcome& outcome);
std::string replications_by_year_csv(const RunOutcome& outcome);
// In a run from today, and with the results by year of a run longer than a year:
// `unit,month,days,mean,sd,ci_low,ci_high,n`, the mean places in use in each calendar month of
// the observed period, from its start.
std::string occupancy_by_run_month_csv(const RunOutcome& outcome);

// Writes summary.json, summary.csv and replications.csv into `dir` (created if needed), and
// the files by year and by month of the run where there are any.
void write_run_outputs(const std::filesystem::path& dir, const RunOutcome& outcome, const RunStamp& stamp);

// "results/<scenario>-<YYYYmmdd-HHMMSS>"
std::filesystem::path default_output_dir(const std::string& scenario_name);
std::string utc_now_iso8601();

}  // namespace kapsim::app
