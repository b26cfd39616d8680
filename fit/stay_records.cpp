#include "stay_records.hpp"

#include <set>

#include <fmt/format.h>

#include "column_roles.hpp"
#include "date_time.hpp"
#include "event_log_stays.hpp"
#include "models/identifier.hpp"
#include "models/input_error.hpp"

namespace kapsim::fit {
namespace {

// Reads the stays of a table with one row per stay.
void read_stay_rows(const DataTable& t, const ColumnNames& names, StayData& data) {
    const auto arrival = find_column(t, arrival_role, names.arrival);
    const auto admission = find_column(t, admission_role, names.admission);
    const auto discharge = find_column(t, discharge_role, names.discharge);
    const auto patient_class = find_column(t, class_role, names.patient_class);
    const auto unit = find_column(t, unit_role, names.unit);
    const auto municipality = find_column(t, municipality_role, names.municipality);
    if (!arrival && !admission)
        throw models::InputError(
            {t.file, t.header_line, 0}, "no column for the arrival or admission time",
            "name one with --admission COLUMN or --arrival COLUMN (usual names: inskrivning, ankomst, admission, "
            "arrival)");
    std::vector<std::pair<const Role*, std::optional<std::size_t>>> mapped{
        {&arrival_role, arrival},     {&admission_role, admission}, {&discharge_role, discharge},
        {&class_role, patient_class}, {&unit_role, unit},           {&municipality_role, municipality}};
    std::set<std::size_t> empty_columns;
    for (const auto& [role, column] : mapped) {
        if (!column) continue;
        data.columns_used += fmt::format("{}{} '{}' (column {})", data.columns_used.empty() ? "" : ", ", role->what,
                                         t.header[*column], *column + 1);
        bool any = false;
        for (const auto& r : t.rows) any = any || !cell(r, column).empty();
        if (!any && !t.rows.empty()) {
            empty_columns.insert(*column);
            data.problems.push_back({t.header_line, static_cast<int>(*column + 1),
                                     fmt::format("column '{}' ({}) is empty in every row", t.header[*column], role->what),
                                     std::string("export the column with its values, or name another with ") +
                                         role->option});
        }
    }
    for (const auto& row : t.rows) {
        std::vector<DataProblem> problems;
        const auto moment = [&](std::optional<std::size_t> column, const char* what) -> std::optional<Moment> {
            const auto text = cell(row, column);
            if (text.empty() || empty_columns.count(*column)) return std::nullopt;
            const auto m = read_moment(text, t.date1904);
            if (!m)
                problems.push_back({row.line, static_cast<int>(*column + 1),
                                    fmt::format("'{}' in column '{}' ({}) is not a date", text, t.header[*column], what),
                                    "write dates as 2024-03-05 or 2024-03-05 14:30 (or as Excel date cells)"});
            return m;
        };
        if (row.cells.size() > t.header.size())
            problems.push_back({row.line, static_cast<int>(t.header.size() + 1),
                                fmt::format("the row has {} fields and the header {}", row.cells.size(), t.header.size()),
                                "a separator inside a field needs the field in double quotes"});
        const auto arrived = arrival ? moment(arrival, "arrival") : std::nullopt;
        const auto admitted = admission ? moment(admission, "admission") : std::nullopt;
        const auto discharged = discharge ? moment(discharge, "discharge") : std::nullopt;
        StayRecord s;
        s.line = row.line;
        s.patient_class = std::string(cell(row, patient_class));
        s.unit = std::string(cell(row, unit));
        s.municipality = std::string(cell(row, municipality));
        const bool arrival_given = arrival && !cell(row, arrival).empty();
        const bool admission_given = admission && !cell(row, admission).empty();
        if (!arrival_given && !admission_given && problems.empty())
            problems.push_back({row.line, static_cast<int>((admission ? *admission : *arrival) + 1),
                                fmt::format("no {} time", admission ? "admission" : "arrival"),
                                "every stay needs the time it began"});
        const std::optional<Moment> began_at = arrived ? arrived : admitted;
        if (problems.empty() && began_at) {
            s.arrival = began_at->days;
            s.has_time = began_at->has_time;
            if (admission)
                s.admission = admitted ? std::optional(admitted->days) : std::nullopt;
            else
                s.admission = s.arrival;  // no admission column: a stay begins on arrival
            s.discharge = discharged ? std::optional(discharged->days) : std::nullopt;
            if (!s.admission && s.discharge) {
                s.left_unadmitted = true;  // arrived and left without a place
            }
            if (s.admission && *s.admission < s.arrival)
                problems.push_back({row.line, static_cast<int>(*admission + 1),
                                    fmt::format("admission {} is before arrival {}", cell(row, admission),
                                                cell(row, arrival)),
                                    "check the two dates; a stay is admitted on or after its arrival"});
            const double began = s.admission ? *s.admission : s.arrival;
            if (s.discharge && *s.discharge < began)
                problems.push_back({row.line, static_cast<int>(*discharge + 1),
                                    fmt::format("discharge {} is before {} {}", cell(row, discharge),
                                                s.admission ? "admission" : "arrival",
                                                s.admission ? cell(row, admission) : cell(row, arrival)),
                                    "check the two dates; a stay ends after it begins"});
        }
        if (problems.empty()) {
            data.stays.push_back(std::move(s));
        } else {
            ++data.rows_left_out;
            data.problems.insert(data.problems.end(), problems.begin(), problems.end());
        }
    }
}

}  // namespace


std::string as_identifier(const std::string& name) {
    std::string out = normalised(name);
    std::string kept;
    for (std::size_t i = 0; i < out.size(); ++i) {
        const auto c = static_cast<unsigned char>(out[i]);
        if (c >= 0x80) {
            kept += out[i];
        } else if (std::isalnum(c) || c == '_' || c == '-') {
            kept += out[i];
        } else if (!kept.empty() && kept.back() != '_') {
            kept += '_';
        }
    }
    while (!kept.empty() && kept.back() == '_') kept.pop_back();
    if (kept.empty() || !models::is_identifier(kept)) return fmt::format("x{}", std::hash<std::string>{}(name) % 100000);
    return kept;
}

StayData read_stays(const DataTable& table, const ColumnNames& names) {
    StayData data;
    data.rows = table.rows.size();
    const bool log = find_column(table, event_role, "") && find_column(table, person_role, "") &&
                     find_column(table, time_role, "");
    data.event_log = log;
    // kapsim's log says the period it covers: "... period 2021-01-01T00:00:00..2026-01-01T00:00:00".
    for (const auto& c : table.comments)
        if (const auto at = c.find(" period "); at != std::string::npos) {
            const std::string range = c.substr(at + 8);
            const auto dots = range.find("..");
            if (dots == std::string::npos) continue;
            const auto from = read_moment(range.substr(0, dots));
            const auto to = read_moment(range.substr(dots + 2, range.find_first_of(" \r", dots + 2) - dots - 2));
            if (from && to) {
                data.period_from = from->days;
                data.period_to = to->days;
            }
        }
    if (log)
        read_event_log(table, data);
    else
        read_stay_rows(table, names, data);
    return data;
}

}  // namespace kapsim::fit
