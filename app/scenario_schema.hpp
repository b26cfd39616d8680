#pragma once
// The scenario format as a JSON Schema (draft 2020-12): scenarios/schema/scenario.schema.json,
// compiled in (app/embed_file.cmake), and the sweep files' format beside it. Editors check
// and complete YAML with them, and the studio's forms take their titles, help texts and units
// from the scenario schema. They describe what the readers (models/scenario_loader.*,
// app/sweep_design.*) accept; tests/scenario_schema_test.cpp ties each to its reader.
#include <string>

namespace kapsim::app {

// The schema's JSON text, as in scenarios/schema/scenario.schema.json.
const std::string& scenario_schema_json();

// The sweep files' schema, as in scenarios/schema/sweep.schema.json.
const std::string& sweep_schema_json();

}  // namespace kapsim::app
