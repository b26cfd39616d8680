#pragma once
// The table of results a committee's officials copy into a tjänsteskrivelse: one row per
// measure (each unit's key measures, then the cost per payer), one column per alternative,
// each cell the mean with its 95 % interval, rounded as the sentences round it.
#include <string>
#include <vector>

#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct ResultsTable {
    std::vector<std::string> alternatives;
    struct Row {
        std::string unit;     // what the unit is called; empty for costs
        std::string measure;  // "Överbelagda dagar per år"
        std::vector<std::string> cells;  // "41 (35–47)", or "–" where the alternative has no value
        std::string key = {};  // "units.avd7.days_above_capacity_per_year": what a sweep's ranges are filed under
    };
    std::vector<Row> rows;
};

// Empty (no rows) for a capacity curve, which its own charts show.
ResultsTable results_table(const ResultsBundle& r, Language lang);

// "41 (35–47)": the mean inside its interval at one rounding; a count's interval never below 0.
std::string value_with_interval(double mean, double low, double high, double scale, int min_decimals, bool never_negative,
                                 Language lang);

}  // namespace kapsim::app::report
