#pragma once
// A small check of a YAML document against a JSON Schema, for the tests that tie
// scenarios/schema/scenario.schema.json to the validator. Debian 12 packages no C++ JSON Schema
// validator, so this one covers only the keywords that schema uses: $ref (to #/$defs/...),
// type, enum, const, properties, additionalProperties, propertyNames, required, minProperties,
// items, minItems, maxItems, minimum, maximum, pattern, allOf, anyOf, oneOf, not and
// if/then/else. Any other keyword is refused, so the schema cannot quietly outgrow the check.
// Scalars are typed as a YAML 1.2 editor types them: plain 16 is an integer, 6.5 a number,
// true a boolean, ~ null, anything else (and anything quoted) a string.
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

namespace kapsim::testing {

struct SchemaProblem {
    std::string path;  // "units.avd7.beds"; "" for the document
    std::string what;
};

// A mapping of the document where the schema names every key allowed (additionalProperties:
// false): where it is, in steps from the root (an item of a list by its place from 0), and
// the keys the schema names there.
struct ClosedMapping {
    std::vector<std::string> steps;
    std::string schema_pointer;  // "#/$defs/unit/allOf/3/then"
    std::set<std::string> keys;
};

struct SchemaCheck {
    std::vector<SchemaProblem> problems;
    std::vector<ClosedMapping> closed;  // of the branches the document matched
    bool valid() const { return problems.empty(); }
};

SchemaCheck check_against_schema(const YAML::Node& document, const nlohmann::json& schema);

// Every object of the schema with additionalProperties: false, by its pointer.
std::set<std::string> closed_objects_of(const nlohmann::json& schema);

// "units.avd7.beds" from steps.
std::string dotted(const std::vector<std::string>& steps);

}  // namespace kapsim::testing
