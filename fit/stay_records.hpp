#pragma once
// From an export's table to stays: which column holds what (by name, Swedish or English, or as
// the options say), each cell read as a date or a name, and every problem noted where it
// stands. Two shapes are read: one row per stay (arrival or admission, discharge, class, unit,
// municipality), and kapsim's own patient-level log (`run --events`: time, person, class,
// unit, event), whose events are joined into stays.
#include <optional>
#include <string>
#include <vector>

#include "data_table.hpp"

namespace kapsim::fit {

// Column names given on the command line; empty: found by the usual names.
struct ColumnNames {
    std::string arrival, admission, discharge, patient_class, unit, municipality;
};

// A problem in the data, at a row (its line) and a column (1-based; 0 for the whole row).
struct DataProblem {
    int line = 0;
    int column = 0;
    std::string message;
    std::string hint;
};

struct StayRecord {
    int line = 0;  // where it stands in the file (for a log: the arrival's line)
    std::string patient_class, unit, municipality;
    double arrival = 0;                // days since 1970-01-01
    std::optional<double> admission;   // empty: never admitted (waiting, turned away, left)
    std::optional<double> discharge;   // empty: still there when the data end
    bool left_unadmitted = false;      // turned away or left the line
    bool has_time = false;             // the arrival was written with a time of day
};

struct StayData {
    std::vector<StayRecord> stays;
    std::vector<DataProblem> problems;
    std::size_t rows = 0;           // data rows in the file
    std::size_t rows_left_out = 0;  // rows with a problem (their stays are not in `stays`)
    bool event_log = false;
    std::string columns_used;       // "arrival 'ankomst' (column 1), ..." for the printout
    std::optional<double> period_from, period_to;  // from a kapsim log's first comment line
};

StayData read_stays(const DataTable& table, const ColumnNames& names);

// "Akut avgiftning" -> "akut_avgiftning": a class or unit name as a scenario identifier.
std::string as_identifier(const std::string& name);

}  // namespace kapsim::fit
