#pragma once
// The report's own stylesheet and chart script, kept as files of their own under web/report/
// and compiled in (app/embed_file.cmake), so a report is one file that needs nothing else.
#include <string>

namespace kapsim::app::report {

// web/report/report.css: the page on screen and on A4.
const std::string& report_stylesheet();
// web/report/report.js: draws each chart of the page once the chart libraries have loaded.
const std::string& report_chart_script();

}  // namespace kapsim::app::report
