#pragma once
// The report model's parts as HTML for the report's page: the summary, the results table and
// the charts' places. Written with Markup, so every text from the model is escaped.
#include <vector>

#include "app/report/charts.hpp"
#include "app/report/findings.hpp"
#include "app/report/markup.hpp"
#include "app/report/report_model.hpp"
#include "app/report/sensitivity_report.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

// A sentence with each number marked by where it came from:
// <span class="num" data-source="compare.json#/..." data-value=".." data-scale=".." data-decimals="..">41</span>
Markup sentence_markup(const Sentence& sentence);
// The assumptions' uncertainty: its heading, intro and a list of sentences per decision metric.
Markup sensitivity_markup(const SensitivitySummary& summary);

// <section id="summary">: intro, findings, the assumptions' uncertainty, the caveat.
Markup summary_section(const ReportModel& model);
// <section id="results">: the table; nothing when it has no rows.
Markup results_section(const ReportModel& model);
// <section id="charts">: a figure per chart, drawn by the page's script.
Markup charts_section(const std::vector<Chart>& charts, Language lang);

}  // namespace kapsim::app::report
