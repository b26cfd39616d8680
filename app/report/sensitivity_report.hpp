#pragma once
// What the report says about the uncertainty of the assumptions, from a sweep: for each
// alternative the range of each decision metric over the assumption points, which assumption
// moves it most (a tornado chart), and how often one alternative beats another at the same
// assumptions. The alternatives of a comparison are matched to the sweep's points by the
// parameter that tells them apart (`units.avd7.beds` 13 vs 16), found from the scenarios or
// given as --decision.
#include <cstddef>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "app/report/charts.hpp"
#include "app/report/markup.hpp"
#include "app/report/results_bundle.hpp"
#include "app/report/results_table.hpp"
#include "app/report/sensitivity.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

// How much one assumption moves a metric: its one-at-a-time swing on a grid (value = the
// width, low/high the metric at its extremes), or its partial rank correlation on a sample
// (value = the coefficient, low/high its bootstrap 95 % interval).
struct Influence {
    std::size_t parameter = 0;
    double value = 0, low = 0, high = 0;
    double today = std::numeric_limits<double>::quiet_NaN();  // one at a time: the metric at today's assumptions
};

struct SensitivityAlternative {
    std::optional<std::size_t> variant;  // the comparison's alternative it stands for
    std::optional<std::size_t> level;    // the decision parameter's level; none: every point
    std::vector<std::size_t> points;     // the sweep points it covers
};

struct MetricSensitivity {
    std::string key;  // "units.avd7.days_above_capacity_per_year"
    std::string section, id, metric;
    bool decision = false;                          // told on page 1 and charted
    std::vector<Spread> spread;                     // [alternative]
    std::vector<std::vector<Influence>> influence;  // [alternative], strongest first; empty unless `decision`
};

// Alternative a against alternative b at the same assumptions, on one metric.
struct PairedOutcome {
    std::size_t a = 0, b = 0, metric = 0;
    Comparison comparison;
    std::optional<std::size_t> driver;  // the parameter that moves the difference most
};

struct SensitivityAnalysis {
    SweepResults sweep;
    ResultsBundle labels;  // the comparison, or for a sweep alone its scenario: for names and words
    bool compared = false;  // labels is a comparison the sweep tests
    Levels levels;
    bool grid = false;  // a full grid: one at a time; else partial rank correlation
    std::optional<std::size_t> decision;  // the parameter telling the alternatives apart
    std::vector<std::size_t> assumptions;  // the other parameters that take more than one value
    std::vector<std::size_t> base;         // [parameter] the level of today's assumptions
    std::vector<SensitivityAlternative> alternatives;
    std::vector<MetricSensitivity> metrics;
    std::vector<PairedOutcome> paired;
    const MetricSensitivity* find(const std::string& key) const;
};

// `compare` is the comparison the sweep tests (nullptr: the sweep alone). `decision` is the
// --decision path or empty to find it. Throws models::InputError (exit 2) when the sweep does
// not vary what tells the alternatives apart, or --decision is not one of its parameters.
SensitivityAnalysis analyse_sensitivity(SweepResults sweep, const ResultsBundle* compare, const std::string& decision);

// A parameter path as a reader reads it: "vårdtidens spridning för avdelning 7
// (units.avd7.length_of_stay.sd)"; `with_path` false leaves the path out.
std::string parameter_phrase(const ResultsBundle& labels, Language lang, const std::string& path, bool with_path = true);

// --- What the report shows -------------------------------------------------------------------

// Page 1: the range over the assumptions next to the replication interval, and the paired
// outcomes, in plain text (the report escapes it when it writes it).
struct SensitivitySummary {
    std::string heading;  // "Osäkerheten i antagandena"
    std::string intro;    // how many points, over which assumptions
    std::vector<std::vector<std::string>> metrics;  // per decision metric, its sentences
};
SensitivitySummary sensitivity_summary(const SensitivityAnalysis& s, Language lang);
// The same as the report writes it (escaped HTML).
std::string sensitivity_summary_html(const SensitivityAnalysis& s, Language lang);
// The row for the results table under the row of `key` (one cell per alternative of the
// comparison); none when the sweep has nothing on it.
std::optional<ResultsTable::AssumptionRange> assumption_range(const SensitivityAnalysis& s, Language lang, const std::string& key,
                                                              std::size_t columns);
// A tornado chart per decision metric; ids "chart-sens-1", ...
std::vector<Chart> tornado_charts(const SensitivityAnalysis& s, Language lang);
// The report of a sweep alone, as a model: its summary is the assumptions' uncertainty, its
// table each metric's range over the points, its charts the tornado charts.
struct ReportModel;
ReportModel sweep_report_model(const SensitivityAnalysis& s, Language lang);
// That report's page: cover, summary, table, charts and the swept parameters.
Markup sweep_report_body(const SensitivityAnalysis& s, const ReportModel& model);
std::string sweep_report_heading(const SensitivityAnalysis& s, Language lang);

}  // namespace kapsim::app::report
