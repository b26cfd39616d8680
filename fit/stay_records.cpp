#include "stay_records.hpp"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "date_time.hpp"
#include "models/identifier.hpp"
#include "models/input_error.hpp"

namespace kapsim::fit {
namespace {

// Lower case, also for Å, Ä and Ö; spaces and '-' as '_'.
std::string normalised(std::string_view text) {
    std::string out;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c == 0xC3 && i + 1 < text.size()) {
            const auto next = static_cast<unsigned char>(text[i + 1]);
            out += '\xC3';
            out += static_cast<char>(next >= 0x80 && next <= 0x9E ? next + 0x20 : next);  // À..Þ -> à..þ
            ++i;
        } else if (c == ' ' || c == '-' || c == '\t') {
            out += '_';
        } else {
            out += static_cast<char>(std::tolower(c));
        }
    }
    while (!out.empty() && out.back() == '_') out.pop_back();
    while (!out.empty() && out.front() == '_') out.erase(out.begin());
    return out;
}

struct Role {
    const char* what;                    // for messages
    std::vector<std::string> usual;      // names tried when no option gives one
};

const Role arrival_role{"arrival", {"arrival", "arrival_time", "ankomst", "ankomsttid", "ankomstdatum", "remiss",
                                    "remissdatum", "anmälan", "anmälningsdatum", "sökdatum"}};
const Role admission_role{"admission", {"admission", "admission_time", "admitted", "inskrivning", "inskrivningsdatum",
                                        "inskrivningstid", "inskriven", "intagning", "intagningsdatum", "startdatum",
                                        "start"}};
const Role discharge_role{"discharge", {"discharge", "discharge_time", "discharged", "utskrivning",
                                        "utskrivningsdatum", "utskrivningstid", "utskriven", "avslut", "avslutsdatum",
                                        "slutdatum", "slut"}};
const Role class_role{"class", {"class", "patient_class", "klass", "patientgrupp", "grupp", "kategori"}};
const Role unit_role{"unit", {"unit", "enhet", "avdelning", "vårdenhet", "verksamhet"}};
const Role municipality_role{"municipality", {"municipality", "kommun", "hemkommun", "folkbokföringskommun"}};
const Role time_role{"time", {"time", "tid", "tidpunkt"}};
const Role person_role{"person", {"person", "person_id", "patient", "patient_id", "id", "löpnummer"}};
const Role event_role{"event", {"event", "händelse"}};

// The column (0-based) for a role: the option's name, or the first usual name present.
std::optional<std::size_t> find_column(const DataTable& t, const Role& role, const std::string& given) {
    std::vector<std::string> header;
    for (const auto& h : t.header) header.push_back(normalised(h));
    if (!given.empty()) {
        const auto it = std::find(header.begin(), header.end(), normalised(given));
        if (it == header.end()) {
            std::string present;
            for (const auto& h : t.header) present += (present.empty() ? "" : ", ") + ("'" + h + "'");
            throw models::InputError({t.file, t.header_line, 0},
                                     fmt::format("no column named '{}' for the {} time", given, role.what),
                                     "the columns are " + present);
        }
        return static_cast<std::size_t>(it - header.begin());
    }
    for (const auto& name : role.usual) {
        const auto it = std::find(header.begin(), header.end(), name);
        if (it != header.end()) return static_cast<std::size_t>(it - header.begin());
    }
    return std::nullopt;
}

std::string_view cell(const DataRow& row, std::optional<std::size_t> column) {
    if (!column || *column >= row.cells.size()) return {};
    std::string_view v = row.cells[*column];
    while (!v.empty() && (v.front() == ' ' || v.front() == '\t')) v.remove_prefix(1);
    while (!v.empty() && (v.back() == ' ' || v.back() == '\t')) v.remove_suffix(1);
    return v;
}

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
                                     "export the column with its values, or name another with --" +
                                         std::string(role->what)});
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
        if (problems.empty()) {
            s.arrival = arrived ? arrived->days : admitted->days;
            s.has_time = arrived ? arrived->has_time : admitted->has_time;
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

// Joins kapsim's events (arrival, admission, turned_away, reneged, discharge,
// present_at_start) of each person at each unit into stays.
void read_event_log(const DataTable& t, StayData& data) {
    const auto time = find_column(t, time_role, "");
    const auto person = find_column(t, person_role, "");
    const auto event = find_column(t, event_role, "");
    const auto patient_class = find_column(t, class_role, "");
    const auto unit = find_column(t, unit_role, "");
    const auto municipality = find_column(t, municipality_role, "");
    if (!time)
        throw models::InputError({t.file, t.header_line, 0}, "the event log has no 'time' column",
                                 "a log written by `kapsim run --events` has time,days,person,class,unit,event");
    data.columns_used = municipality ? "an event log: time, person, class, unit, event, municipality"
                                     : "an event log: time, person, class, unit, event";
    std::map<std::pair<std::string, std::string>, std::size_t> open;  // (person, unit) -> stay
    std::vector<bool> bad;  // by stay: an event of it had a problem
    for (const auto& row : t.rows) {
        const auto text = cell(row, time);
        const auto m = read_moment(text);
        const std::string what(cell(row, event));
        const std::pair key{std::string(cell(row, person)), std::string(cell(row, unit))};
        const auto problem = [&](int column, std::string message, std::string hint) {
            data.problems.push_back({row.line, column, std::move(message), std::move(hint)});
            ++data.rows_left_out;
        };
        if (!m) {
            problem(static_cast<int>(*time + 1), fmt::format("'{}' in column '{}' is not a date", text, t.header[*time]),
                    "write times as 2024-03-05T14:30:00");
            continue;
        }
        const auto it = open.find(key);
        if (what == "arrival" || what == "present_at_start") {
            StayRecord s;
            s.line = row.line;
            s.patient_class = std::string(cell(row, patient_class));
            s.unit = key.second;
            s.municipality = std::string(cell(row, municipality));
            s.arrival = m->days;
            s.has_time = m->has_time;
            if (what == "present_at_start") s.admission = m->days;
            open[key] = data.stays.size();
            data.stays.push_back(std::move(s));
            bad.push_back(false);
        } else if (what == "admission" || what == "discharge" || what == "turned_away" || what == "reneged") {
            if (it == open.end()) {
                problem(static_cast<int>(*event + 1),
                        fmt::format("{} of person {} at '{}' without an arrival before it", what, key.first, key.second),
                        "each person's events at a unit begin with their arrival");
                continue;
            }
            StayRecord& s = data.stays[it->second];
            if (what == "admission") {
                s.admission = m->days;
            } else if (what == "discharge") {
                s.discharge = m->days;
                open.erase(it);
            } else {
                s.left_unadmitted = true;
                s.discharge = m->days;
                open.erase(it);
            }
        } else {
            problem(static_cast<int>(*event + 1), fmt::format("unknown event '{}'", what),
                    "events are arrival, admission, turned_away, reneged, discharge and present_at_start");
        }
    }
    (void)bad;
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
