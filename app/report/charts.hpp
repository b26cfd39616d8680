#pragma once
// The report's charts as Vega-Lite specifications, data included: the variants compared with
// their confidence intervals, occupancy month by month, the distribution of occupancy, the
// capacity curve, and costs per payer. The browser draws them with vega-embed; kapsim only
// says what to draw.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct Chart {
    std::string id;  // the HTML element it is drawn in: "chart-1", ...
    std::string title;
    std::string caption;
    nlohmann::json spec;  // a complete Vega-Lite specification
};

std::vector<Chart> build_charts(const ResultsBundle& results, Language lang);

// The number format locale vega-embed is given, so axes write numbers as the text does.
nlohmann::json vega_format_locale(Language lang);

}  // namespace kapsim::app::report
