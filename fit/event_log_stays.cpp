#include "event_log_stays.hpp"

#include <map>

#include <fmt/format.h>

#include "column_roles.hpp"
#include "date_time.hpp"
#include "models/input_error.hpp"

namespace kapsim::fit {

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
}

}  // namespace kapsim::fit
