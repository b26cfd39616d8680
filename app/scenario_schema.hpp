#pragma once
// The scenario format as a JSON Schema (draft 2020-12): scenarios/schema/scenario.schema.json,
// compiled in (app/embed_schema.cmake). Editors check and complete YAML with it, and the
// studio's forms take their titles, help texts and units from it. It describes what the
// validator (models/scenario_loader.*) accepts; tests/scenario_schema_test.cpp ties the two.
#include <string>

namespace kapsim::app {

// The schema's JSON text, as in scenarios/schema/scenario.schema.json.
const std::string& scenario_schema_json();

}  // namespace kapsim::app
