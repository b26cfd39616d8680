#include "scenario_check_json.hpp"

#include <algorithm>
#include <cmath>
#include <thread>

#include <fmt/format.h>

#include "app/run_command.hpp"
#include "app/undecided_values.hpp"
#include "app/work_estimate.hpp"
#include "models/implied_flow.hpp"
#include "models/input_error.hpp"
#include "models/scenario_document.hpp"
#include "models/scenario_loader.hpp"
#include "models/starting_census.hpp"
#include "models/traffic_equations.hpp"
#include "models/unit_kinds.hpp"
#include "models/waiting_for_place.hpp"
#include "models/while_enrolled.hpp"
#include "sim/quantity.hpp"

namespace kapsim::app {
namespace {

using nlohmann::json;

// A message under `key` in the language asked for, and under key_en and key_sv in both.
void put_message(json& j, const std::string& key, const models::Message& m, const ShownNames& shown,
                 const std::string& language) {
    if (m.empty()) {
        for (const char* suffix : {"", "_en", "_sv"}) j[key + suffix] = nullptr;
        return;
    }
    j[key] = shown(m.in(language));
    j[key + "_en"] = shown(m.in("en"));
    j[key + "_sv"] = shown(m.in("sv"));
}

json error_json(const models::InputError& e, const ShownNames& shown, const std::string& language) {
    json j{{"file", shown(e.where().file)}, {"line", e.where().line}, {"column", e.where().column}};
    put_message(j, "message", e.problem_message(), shown, language);
    put_message(j, "hint", e.hint_message(), shown, language);
    return j;
}

json warning_json(const models::Message& m, const ShownNames& shown, const std::string& language, json unit) {
    json j{{"unit", std::move(unit)}};
    put_message(j, "message", m, shown, language);
    return j;
}

json finite_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// "warning: x" -> "x" (and "varning: x" -> "x"); a note stays as it is said.
models::Message without_prefix(models::Message note) {
    for (auto [text, prefix] : {std::pair{&note.en, std::string_view("warning: ")}, {&note.sv, "varning: "}})
        if (text->rfind(prefix, 0) == 0) text->erase(0, prefix.size());
    return note;
}

}  // namespace

std::size_t alternatives_in(const std::string& file) {
    try {
        const auto doc = models::ScenarioDocument::load(file);
        const YAML::Node variants = doc.root()["variants"];
        return 1 + (variants && variants.IsMap() ? variants.size() : 0);
    } catch (const std::exception&) {
        return 1;
    }
}

json scenario_check_json(const std::string& file, const std::vector<std::string>& overrides, const ShownNames& shown,
                         const std::string& language) {
    json out{{"ok", false},       {"errors", json::array()},   {"warnings", json::array()},
             {"units", json::array()}, {"undecided", json::array()}, {"content_hash", nullptr},
             {"estimate", nullptr}, {"text", ""}};
    models::Scenario scenario;
    try {
        scenario = models::load_scenario(file, overrides);
    } catch (const models::InputErrors& several) {
        for (const auto& e : several.errors()) out["errors"].push_back(error_json(e, shown, language));
        out["text"] = shown(several.what_in(language));
        return out;
    } catch (const models::InputError& e) {
        out["errors"].push_back(error_json(e, shown, language));
        out["text"] = shown(e.what_in(language));
        return out;
    } catch (const std::exception& e) {
        // Not the user's mistake, but still an answer about this text, not a failed request.
        const std::string what = shown(fmt::format("internal error: {}", e.what()));
        out["errors"].push_back({{"file", shown(file)}, {"line", 0}, {"column", 0}, {"message", what}, {"hint", nullptr}});
        out["text"] = what;
        return out;
    }
    out["ok"] = true;
    out["content_hash"] = scenario.content_hash;
    out["text"] = shown(check_text(scenario, file, overrides));

    const auto loads = models::offered_loads(scenario);
    const auto flows = models::implied_flows(scenario);
    const auto figures = models::unit_load_figures(scenario);
    for (std::size_t u = 0; u < scenario.units.size(); ++u) {
        const auto& unit = scenario.units[u];
        const auto& flow = flows[u];
        json j{{"id", unit.id},
               {"kind", unit.kind},
               {"label", unit.label.plain.empty() ? json(nullptr) : json(unit.label.plain)},
               {"offered_load", finite_or_null(loads[u].offered_load)},
               {"arrivals_per_year", finite_or_null(loads[u].arrivals_per_day * sim::days_per_year)},
               {"capacity", figures[u].places ? json(*figures[u].places) : json(nullptr)},
               {"implied",
                {{"arrivals_per_year", finite_or_null(flow.arrivals_per_year)},
                 {"admitted_per_year", finite_or_null(flow.admitted_per_year)},
                 {"mean_stay_days", finite_or_null(flow.mean_stay_days)},
                 {"occupancy_mean", finite_or_null(flow.occupancy_mean)},
                 {"occupancy", flow.occupancy_pct >= 0 ? finite_or_null(flow.occupancy_pct / 100) : json(nullptr)},
                 {"basis", flow.basis},
                 {"exact", flow.exact}}},
               {"first_figure", figures[u].text.empty() ? json(nullptr) : json(figures[u].text)}};
        if (!unit.label.by_language.empty()) j["labels"] = unit.label.by_language;
        if (!figures[u].model.empty()) {
            json values{{"model", figures[u].model}};
            if (figures[u].wait_share >= 0) values["wait_share"] = finite_or_null(figures[u].wait_share);
            if (figures[u].unserved_share >= 0) {
                values["unserved_share"] = finite_or_null(figures[u].unserved_share);
                values["unserved_per_year"] = finite_or_null(figures[u].unserved_per_year);
            }
            j["first_figure_values"] = std::move(values);
        }
        if (!figures[u].lost_classes.empty()) j["lost_classes"] = figures[u].lost_classes;
        out["units"].push_back(std::move(j));
        for (const auto& note : figures[u].notes)
            out["warnings"].push_back(warning_json(without_prefix(note), shown, language, unit.id));
        // The page says this one in its own words, from lost_classes.
        if (const auto* kind = models::find_unit_kind(unit.kind); kind && kind->default_notes)
            for (const auto& note : kind->default_notes(unit.parameters)) {
                auto warning = warning_json(note, shown, language, unit.id);
                warning["code"] = "default";
                out["warnings"].push_back(std::move(warning));
            }
        if (!figures[u].lost_note.empty()) {
            auto warning = warning_json(without_prefix(figures[u].lost_note), shown, language, unit.id);
            warning["code"] = "lost";
            out["warnings"].push_back(std::move(warning));
        }
    }
    for (const auto& circle : models::circular_wait_warnings(scenario)) {
        auto warning = warning_json(without_prefix(circle), shown, language, nullptr);
        warning["code"] = "circular_wait";
        out["warnings"].push_back(std::move(warning));
    }
    for (const auto& team : models::team_effect_warnings(scenario)) {
        auto warning = warning_json(without_prefix(team.message), shown, language, scenario.units[team.unit].id);
        warning["code"] = "effect_on_nobody";
        out["warnings"].push_back(std::move(warning));
    }
    if (const models::Message warning = models::warmup_from_today_warning(scenario); !warning.empty())
        out["warnings"].push_back(warning_json(without_prefix(warning), shown, language, nullptr));

    WorkTotal work;
    const auto alternatives = alternatives_in(file);
    work.add(scenario, static_cast<double>(scenario.replications * alternatives));
    if (work.beyond_limits(0)) {
        try {
            work.require_within_limits(0, false);
        } catch (const models::InputError& e) {
            out["warnings"].push_back(
                warning_json(models::joined(e.problem_message(), "; ", e.hint_message()), shown, language, nullptr));
        }
    }
    out["estimate"] = {{"events", work.events()},
                       {"alternatives", alternatives},
                       {"replications", scenario.replications},
                       {"seconds", estimated_run_seconds(work.events())}};

    for (const auto& value : undecided_values(file, overrides))
        for (const auto& path : value.paths)
            out["undecided"].push_back({{"file", shown(value.file)},
                                        {"line", value.line},
                                        {"column", value.column},
                                        {"path", path},
                                        {"message", value.note}});
    return out;
}

double estimated_run_seconds(double events) {
    const double threads = std::max(1u, std::thread::hardware_concurrency());
    return estimated_seconds_besides_events + events / (estimated_events_per_second_per_thread * threads);
}

}  // namespace kapsim::app
