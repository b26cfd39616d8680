#pragma once
// `kapsim fit DATA`: reads an export of stays (or kapsim's event log), reports every problem in
// it by row and column, fits arrivals and stays, and writes them as a scenario.
#include <cstdint>
#include <string>

#include "fit/stay_records.hpp"

namespace kapsim::app {

struct FitRequest {
    std::string file;
    fit::ColumnNames columns;
    std::string from, export_date, start;  // dates as text; empty: from the data
    std::size_t bootstrap = 200;
    std::uint64_t seed = 1;
    bool skip_bad_rows = false;
    bool from_today = false;  // start the scenario on the export date, from its census
    std::string out;  // the scenario file; empty: stdout
};

// Throws models::InputError for bad input or bad data; main() maps that to exit code 2.
int fit_command(const FitRequest& request);

}  // namespace kapsim::app
