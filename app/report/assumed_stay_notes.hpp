#pragma once
// A stay the scenario gives by its mean alone took its unit kind's default shape: the report
// shows that as an assumption beside the value, like one the file marks itself.
#include <vector>

#include "models/scenario.hpp"
#include "app/report/scenario_sources.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

void add_assumed_stay_notes(ScenarioSources& sources, const std::vector<const models::Scenario*>& scenarios, Language lang);

}  // namespace kapsim::app::report
