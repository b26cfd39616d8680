#pragma once
// Limits on a scenario's YAML, checked on the parsed tree before anything else walks, copies or
// prints it. yaml-cpp shares the node behind an alias, so a 400-byte file of nested aliases
// ("billion laughs") parses instantly but expands to 10^9 values when walked; duplicate keys are
// silently dropped by it; keys that are lists or mappings cannot be names.
#include <cstddef>
#include <string>

#include <yaml-cpp/yaml.h>

#include "input_error.hpp"

namespace kapsim::models {

// A real scenario has a few thousand values and nests six or seven levels deep.
inline constexpr std::size_t max_scenario_file_bytes = 16 * 1024 * 1024;
inline constexpr std::size_t max_expanded_values = 200'000;  // every use of an alias counted
inline constexpr int max_nesting_depth = 64;
inline constexpr std::size_t max_extends_depth = 32;

// Throws InputError at the offending node for: more than max_expanded_values nodes with each
// alias expanded, nesting deeper than max_nesting_depth (this also stops an alias inside its own
// anchor), a key that is not a plain value, and a key given twice in one mapping (naming both
// lines). `where` names the source; its line stays 0 when the marks mean nothing (a --set value).
void check_yaml_tree(const YAML::Node& root, const SourceLocation& where, bool with_marks = true);

}  // namespace kapsim::models
