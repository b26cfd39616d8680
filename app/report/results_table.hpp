#pragma once
// The table of results a committee's officials copy into a tjänsteskrivelse: one row per
// measure (each unit's key measures, then the cost per payer), one column per alternative,
// each cell the mean with its 95 % interval, rounded as the sentences round it.
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct ResultsTable {
    std::vector<std::string> alternatives;
    // One alternative's value of a measure: the numbers as in the results, and as shown.
    struct Cell {
        std::string text;  // "41 (35–47)", or "–" where the alternative has no value
        double mean = std::numeric_limits<double>::quiet_NaN();  // as in the results file; NaN: none
        double low = std::numeric_limits<double>::quiet_NaN();   // the 95 % interval; NaN: none
        double high = std::numeric_limits<double>::quiet_NaN();
        double scale = 1;    // shown as value * scale (100 for %, 1e-6 for Mkr)
        std::string source;  // "variants/avd7-16/summary.json#/units/avd7/days_above_capacity_per_year"; empty: none
    };
    // The range of a measure over a sweep's assumption points, under its row.
    struct AssumptionRange {
        std::string label;               // "Spann över 243 antaganden"
        std::vector<std::string> cells;  // one per alternative, "–" where the sweep has none
    };
    struct Row {
        std::string unit;     // what the unit is called; empty for costs
        std::string measure;  // "Överbelagda dagar per år"
        std::vector<Cell> cells;
        std::string key = {};  // "units.avd7.days_above_capacity_per_year": what a sweep's ranges are filed under
        std::optional<AssumptionRange> over_assumptions = {};
    };
    std::vector<Row> rows;
};

// Empty (no rows) for a capacity curve, which its own charts show.
ResultsTable results_table(const ResultsBundle& r, Language lang);

// "41 (35–47)": the mean inside its interval at one rounding; a count's interval never below 0.
std::string value_with_interval(double mean, double low, double high, double scale, int min_decimals, bool never_negative,
                                 Language lang);

}  // namespace kapsim::app::report
