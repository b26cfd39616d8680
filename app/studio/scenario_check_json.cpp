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
#include "sim/quantity.hpp"

namespace kapsim::app {
namespace {

using nlohmann::json;

json error_json(const models::InputError& e, const ShownNames& shown) {
    json j{{"file", shown(e.where().file)},
           {"line", e.where().line},
           {"column", e.where().column},
           {"message", shown(e.problem())}};
    j["hint"] = e.hint().empty() ? json(nullptr) : json(shown(e.hint()));
    return j;
}

json finite_or_null(double x) { return std::isfinite(x) ? json(x) : json(nullptr); }

// "warning: x" -> "x"; a note stays as it is said.
std::string without_prefix(const std::string& note) {
    constexpr std::string_view warning = "warning: ";
    return note.rfind(warning, 0) == 0 ? note.substr(warning.size()) : note;
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

json scenario_check_json(const std::string& file, const std::vector<std::string>& overrides, const ShownNames& shown) {
    json out{{"ok", false},       {"errors", json::array()},   {"warnings", json::array()},
             {"units", json::array()}, {"undecided", json::array()}, {"content_hash", nullptr},
             {"estimate", nullptr}, {"text", ""}};
    models::Scenario scenario;
    try {
        scenario = models::load_scenario(file, overrides);
    } catch (const models::InputErrors& several) {
        for (const auto& e : several.errors()) out["errors"].push_back(error_json(e, shown));
        out["text"] = shown(several.what());
        return out;
    } catch (const models::InputError& e) {
        out["errors"].push_back(error_json(e, shown));
        out["text"] = shown(e.what());
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
            out["warnings"].push_back({{"message", shown(without_prefix(note))}, {"unit", unit.id}});
        // The page says this one in its own words, from lost_classes.
        if (!figures[u].lost_note.empty())
            out["warnings"].push_back(
                {{"message", shown(without_prefix(figures[u].lost_note))}, {"unit", unit.id}, {"code", "lost"}});
    }
    if (const std::string warning = models::warmup_from_today_warning(scenario); !warning.empty())
        out["warnings"].push_back({{"message", shown(without_prefix(warning))}, {"unit", nullptr}});

    WorkTotal work;
    const auto alternatives = alternatives_in(file);
    work.add(scenario, static_cast<double>(scenario.replications * alternatives));
    if (work.beyond_limits(0)) {
        try {
            work.require_within_limits(0, false);
        } catch (const models::InputError& e) {
            out["warnings"].push_back({{"message", shown(e.problem() + "; " + e.hint())}, {"unit", nullptr}});
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
