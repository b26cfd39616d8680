#pragma once
// What the report says, as data: its heading, the alternatives, the summary (findings in
// sentences whose numbers carry their sources), the results table (numbers and the text
// shown), the charts, when a sweep tests the comparison what the assumptions do, and the
// appendix of inputs (the scenario files' values and what is said of them). Built
// from the results by one function; the HTML report (report_model_html) and the studio
// (report-<lang>.json, drawn by web/studio) both show this one model, so they say the same.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/report/charts.hpp"
#include "app/report/findings.hpp"
#include "app/report/report_inputs.hpp"
#include "app/report/results_bundle.hpp"
#include "app/report/results_table.hpp"
#include "app/report/sensitivity_report.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct ReportAlternative {
    std::string name;         // as the report names it: "16 vårdplatser"
    std::string description;  // empty: none
};

// The words around the model's parts, in the report's language, so every view titles them alike.
struct ReportHeadings {
    std::string summary, results, results_intro, unit, measure, charts, no_charts;
};

struct ReportModel {
    Language language = Language::sv;
    std::string command;  // run, compare, capacity, or sweep for a sweep alone (sweep_report_model)
    std::string title;    // "Kapacitetsanalys"
    std::string heading;  // "16 vårdplatser jämfört med 13 vårdplatser"
    ReportHeadings headings;
    std::vector<ReportAlternative> alternatives;
    std::vector<std::string> intro;        // paragraphs before the findings
    std::vector<FindingGroup> findings;
    std::optional<SensitivitySummary> sensitivity;  // the assumptions' uncertainty, beside chance's
    std::string caveat;                    // what the intervals cover; closes the summary
    ResultsTable results;                  // no rows for a capacity curve
    std::vector<Chart> charts;
    // The appendix of inputs: the scenario files' values and what is said of them. None for a sweep alone.
    std::optional<InputsAppendix> inputs;
};

// `sensitivity`: the sweep that tests the comparison; nullptr for none.
ReportModel report_model(const ResultsBundle& results, Language lang, const SensitivityAnalysis* sensitivity = nullptr);

// The model as report-<lang>.json: every number as in the results, with its source and the
// text shown; no markup anywhere (a reader escapes the text as it shows it).
nlohmann::json to_json(const ReportModel& model);

}  // namespace kapsim::app::report
