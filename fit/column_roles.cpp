#include "column_roles.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "models/input_error.hpp"

namespace kapsim::fit {

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

const Role arrival_role{"arrival", "--arrival", {"arrival", "arrival_time", "ankomst", "ankomsttid", "ankomstdatum", "remiss",
                                    "remissdatum", "anmälan", "anmälningsdatum", "sökdatum"}};
const Role admission_role{"admission", "--admission", {"admission", "admission_time", "admitted", "inskrivning", "inskrivningsdatum",
                                        "inskrivningstid", "inskriven", "intagning", "intagningsdatum", "startdatum",
                                        "start"}};
const Role discharge_role{"discharge", "--discharge", {"discharge", "discharge_time", "discharged", "utskrivning",
                                        "utskrivningsdatum", "utskrivningstid", "utskriven", "avslut", "avslutsdatum",
                                        "slutdatum", "slut"}};
const Role class_role{"class", "--class", {"class", "patient_class", "klass", "patientgrupp", "grupp", "kategori"}};
const Role unit_role{"unit", "--unit", {"unit", "enhet", "avdelning", "vårdenhet", "verksamhet"}};
const Role municipality_role{"municipality", "--municipality", {"municipality", "kommun", "hemkommun", "folkbokföringskommun"}};
const Role time_role{"time", "--time", {"time", "tid", "tidpunkt"}};
const Role person_role{"person", "--person", {"person", "person_id", "patient", "patient_id", "id", "löpnummer"}};
const Role event_role{"event", "--event", {"event", "händelse"}};

std::optional<std::size_t> find_column(const DataTable& t, const Role& role, const std::string& given) {
    std::vector<std::string> header;
    for (const auto& h : t.header) header.push_back(normalised(h));
    if (!given.empty()) {
        const auto it = std::find(header.begin(), header.end(), normalised(given));
        if (it == header.end()) {
            std::string present;
            for (const auto& h : t.header) present += (present.empty() ? "" : ", ") + ("'" + h + "'");
            throw models::InputError({t.file, t.header_line, 0},
                                     fmt::format("no column named '{}' for the {} ({})", given, role.what, role.option),
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


}  // namespace kapsim::fit
