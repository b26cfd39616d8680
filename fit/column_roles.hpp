#pragma once
// Which column of an export holds what: each role (arrival, admission, discharge, class, unit,
// municipality, and a log's time, person and event) with the names it usually goes by in
// Swedish and English exports, matched without regard to case, spaces or '-'.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data_table.hpp"

namespace kapsim::fit {

struct Role {
    const char* what;                // for messages
    const char* option;              // the option that names its column
    std::vector<std::string> usual;  // names tried when no option gives one
};

extern const Role arrival_role, admission_role, discharge_role, class_role, unit_role, municipality_role, time_role,
    person_role, event_role;

// Lower case, also for Å, Ä and Ö; spaces and '-' as '_'.
std::string normalised(std::string_view text);

// The column (0-based) for a role: the one `given` names (an InputError if there is none), or
// the first of the usual names present.
std::optional<std::size_t> find_column(const DataTable& t, const Role& role, const std::string& given);

// A cell's text without the spaces around it; empty where the row is short.
std::string_view cell(const DataRow& row, std::optional<std::size_t> column);

}  // namespace kapsim::fit
