#pragma once
// Values a template marks as the planner's to decide ("beds: 8  # BESTÄM: vårdplatser", or
// "# DECIDE: ..." in English) that are still what the template wrote. `kapsim check` lists
// them, so that no value is taken from a template silently. A marked value counts as decided
// once it differs from the template's (the file's first line, "# kapsim init ward --lang sv",
// names the template) or once the marker is removed from its comment. Without that first line
// every marked value counts as undecided. The file's bases (`extends:`) are read too, and a
// value a variant or a --set changes counts as decided.
#include <string>
#include <vector>

namespace kapsim::app {

struct UndecidedValue {
    std::string file;
    int line = 0;
    int column = 0;
    std::vector<std::string> paths;   // the values on the marked line: "units.avdelning.beds"
    std::vector<std::string> values;  // as written in the file
    std::string note;                 // the comment from the marker on: "BESTÄM: vårdplatser"
};

// For a scenario that has loaded without error.
std::vector<UndecidedValue> undecided_values(const std::string& file, const std::vector<std::string>& overrides);

// The lines `kapsim check` prints, "" when there are none.
std::string describe_undecided(const std::vector<UndecidedValue>& undecided);

}  // namespace kapsim::app
