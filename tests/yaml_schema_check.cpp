#include "yaml_schema_check.hpp"

#include <cmath>
#include <regex>
#include <stdexcept>

#include <fmt/format.h>

namespace kapsim::testing {
namespace {

using nlohmann::json;

const std::set<std::string> known_keywords{
    "$schema", "$id", "$ref", "$defs", "title", "description", "type", "enum", "const", "properties",
    "additionalProperties", "propertyNames", "required", "minProperties", "items", "minItems", "maxItems",
    "minimum", "maximum", "pattern", "allOf", "anyOf", "oneOf", "not", "if", "then", "else"};

enum class Scalar { null, boolean, integer, number, string };

Scalar scalar_type(const YAML::Node& node) {
    if (node.IsNull()) return Scalar::null;
    const std::string& s = node.Scalar();
    if (node.Tag() == "!") return Scalar::string;  // quoted
    static const std::regex null_form("~|null|Null|NULL|");
    static const std::regex bool_form("true|True|TRUE|false|False|FALSE");
    static const std::regex int_form("[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+");
    static const std::regex float_form(R"([-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?|[-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))");
    if (std::regex_match(s, null_form)) return Scalar::null;
    if (std::regex_match(s, bool_form)) return Scalar::boolean;
    if (std::regex_match(s, int_form)) return Scalar::integer;
    if (std::regex_match(s, float_form)) return Scalar::number;
    return Scalar::string;
}

bool has_type(const YAML::Node& node, const std::string& type) {
    if (type == "object") return node.IsMap();
    if (type == "array") return node.IsSequence();
    if (!(node.IsScalar() || node.IsNull())) return false;
    const Scalar s = scalar_type(node);
    if (type == "null") return s == Scalar::null;
    if (type == "boolean") return s == Scalar::boolean;
    if (type == "integer") return s == Scalar::integer;
    if (type == "number") return s == Scalar::integer || s == Scalar::number;
    if (type == "string") return s == Scalar::string;
    throw std::invalid_argument("unknown type " + type);
}

double number_of(const YAML::Node& node) { return std::stod(node.Scalar()); }

bool equals(const YAML::Node& node, const json& value) {
    if (value.is_string()) return (node.IsScalar() && scalar_type(node) == Scalar::string) && node.Scalar() == value.get<std::string>();
    if (value.is_number())
        return node.IsScalar() && (scalar_type(node) == Scalar::integer || scalar_type(node) == Scalar::number) &&
               number_of(node) == value.get<double>();
    if (value.is_boolean()) return node.IsScalar() && scalar_type(node) == Scalar::boolean &&
                                   (node.Scalar()[0] == 't' || node.Scalar()[0] == 'T') == value.get<bool>();
    if (value.is_null()) return node.IsNull() || (node.IsScalar() && scalar_type(node) == Scalar::null);
    throw std::invalid_argument("enum and const compare scalars only");
}

std::string describe(const YAML::Node& node) {
    if (node.IsMap()) return "a mapping";
    if (node.IsSequence()) return "a list";
    if (node.IsNull()) return "nothing";
    return fmt::format("'{}'", node.Scalar());
}

class Checker {
public:
    explicit Checker(const json& root) : root_(root) {}

    // Whether `node` is valid against `schema`; the problems and closed mappings found go to `out`.
    bool check(const YAML::Node& node, const json& schema, const std::string& pointer, std::vector<std::string>& steps,
               SchemaCheck& out) const {
        if (schema.is_boolean()) {
            if (!schema.get<bool>()) out.problems.push_back({dotted(steps), "nothing is allowed here"});
            return schema.get<bool>();
        }
        const std::size_t before = out.problems.size();
        for (const auto& [keyword, _] : schema.items())
            if (!known_keywords.count(keyword) && keyword.rfind("x-", 0) != 0)
                throw std::invalid_argument(fmt::format("the check does not know '{}' (at {})", keyword, pointer));
        const auto fail = [&](const std::string& what) { out.problems.push_back({dotted(steps), what}); };

        if (schema.contains("$ref")) {
            const std::string target = schema["$ref"].get<std::string>();
            if (target.rfind("#/$defs/", 0) != 0) throw std::invalid_argument("only #/$defs/ references: " + target);
            check(node, root_["$defs"][target.substr(8)], target, steps, out);
        }
        if (schema.contains("type")) {
            const json& t = schema["type"];
            bool any = false;
            for (const auto& one : t.is_array() ? t : json::array({t})) any = any || has_type(node, one.get<std::string>());
            if (!any) fail(fmt::format("{} is not of type {}", describe(node), t.dump()));
        }
        if (schema.contains("enum")) {
            bool any = false;
            for (const auto& v : schema["enum"]) any = any || equals(node, v);
            if (!any) fail(fmt::format("{} is not one of {}", describe(node), schema["enum"].dump()));
        }
        if (schema.contains("const") && !equals(node, schema["const"]))
            fail(fmt::format("{} is not {}", describe(node), schema["const"].dump()));
        if (node.IsScalar() && (scalar_type(node) == Scalar::integer || scalar_type(node) == Scalar::number)) {
            if (schema.contains("minimum") && number_of(node) < schema["minimum"].get<double>())
                fail(fmt::format("{} is below {}", node.Scalar(), schema["minimum"].dump()));
            if (schema.contains("maximum") && number_of(node) > schema["maximum"].get<double>())
                fail(fmt::format("{} is above {}", node.Scalar(), schema["maximum"].dump()));
        }
        if (schema.contains("pattern") && node.IsScalar() && scalar_type(node) == Scalar::string &&
            !std::regex_search(node.Scalar(), std::regex(schema["pattern"].get<std::string>(), std::regex::ECMAScript)))
            fail(fmt::format("'{}' does not match {}", node.Scalar(), schema["pattern"].get<std::string>()));
        if (node.IsMap()) check_mapping(node, schema, pointer, steps, out);
        if (node.IsSequence()) {
            if (schema.contains("minItems") && node.size() < schema["minItems"].get<std::size_t>())
                fail(fmt::format("{} items, fewer than {}", node.size(), schema["minItems"].dump()));
            if (schema.contains("maxItems") && node.size() > schema["maxItems"].get<std::size_t>())
                fail(fmt::format("{} items, more than {}", node.size(), schema["maxItems"].dump()));
            if (schema.contains("items"))
                for (std::size_t i = 0; i < node.size(); ++i) {
                    steps.push_back(std::to_string(i));
                    check(node[i], schema["items"], pointer + "/items", steps, out);
                    steps.pop_back();
                }
        }
        if (schema.contains("allOf"))
            for (std::size_t i = 0; i < schema["allOf"].size(); ++i)
                check(node, schema["allOf"][i], fmt::format("{}/allOf/{}", pointer, i), steps, out);
        for (const char* which : {"anyOf", "oneOf"}) {
            if (!schema.contains(which)) continue;
            std::vector<SchemaCheck> matched, failed;
            for (std::size_t i = 0; i < schema[which].size(); ++i) {
                SchemaCheck branch;
                const bool fits = check(node, schema[which][i], fmt::format("{}/{}/{}", pointer, which, i), steps, branch);
                (fits ? matched : failed).push_back(std::move(branch));
            }
            // None fits: what each form says, since which one the writer meant is a guess.
            if (matched.empty()) {
                fail(fmt::format("{} matches none of the {} forms allowed here:", describe(node), failed.size()));
                for (const auto& branch : failed) out.problems.insert(out.problems.end(), branch.problems.begin(), branch.problems.end());
            } else if (std::string_view(which) == "oneOf" && matched.size() > 1) {
                fail(fmt::format("{} matches {} of the forms of a oneOf", describe(node), matched.size()));
            } else {
                out.closed.insert(out.closed.end(), matched[0].closed.begin(), matched[0].closed.end());
            }
        }
        if (schema.contains("not")) {
            SchemaCheck scratch;
            if (check(node, schema["not"], pointer + "/not", steps, scratch)) fail("it has a form that is not allowed here");
        }
        if (schema.contains("if")) {
            SchemaCheck scratch;
            const bool condition = check(node, schema["if"], pointer + "/if", steps, scratch);
            const char* branch = condition ? "then" : "else";
            if (schema.contains(branch)) check(node, schema[branch], pointer + "/" + branch, steps, out);
        }
        return out.problems.size() == before;
    }

private:
    void check_mapping(const YAML::Node& node, const json& schema, const std::string& pointer,
                       std::vector<std::string>& steps, SchemaCheck& out) const {
        const json properties = schema.value("properties", json::object());
        for (const auto& key : schema.value("required", json::array()))
            if (!node[key.get<std::string>()])
                out.problems.push_back({dotted(steps), fmt::format("'{}' is missing", key.get<std::string>())});
        if (schema.contains("minProperties") && node.size() < schema["minProperties"].get<std::size_t>())
            out.problems.push_back({dotted(steps), fmt::format("fewer than {} keys", schema["minProperties"].dump())});
        const bool closed = schema.contains("additionalProperties") && schema["additionalProperties"] == false;
        if (closed) {
            ClosedMapping site{steps, pointer, {}};
            for (const auto& [key, _] : properties.items()) site.keys.insert(key);
            out.closed.push_back(std::move(site));
        }
        for (const auto& kv : node) {
            const std::string key = kv.first.as<std::string>();
            steps.push_back(key);
            if (schema.contains("propertyNames")) check(kv.first, schema["propertyNames"], pointer + "/propertyNames", steps, out);
            if (properties.contains(key))
                check(kv.second, properties[key], pointer + "/properties/" + key, steps, out);
            else if (closed)
                out.problems.push_back({dotted(steps), fmt::format("unknown key '{}'", key)});
            else if (schema.contains("additionalProperties"))
                check(kv.second, schema["additionalProperties"], pointer + "/additionalProperties", steps, out);
            steps.pop_back();
        }
    }

    const json& root_;
};

void collect_closed(const json& schema, const std::string& pointer, std::set<std::string>& out) {
    if (schema.is_object()) {
        if (schema.contains("additionalProperties") && schema["additionalProperties"] == false) out.insert(pointer);
        for (const auto& [key, value] : schema.items())
            if (key != "enum" && key != "const") collect_closed(value, pointer + "/" + key, out);
    } else if (schema.is_array()) {
        for (std::size_t i = 0; i < schema.size(); ++i) collect_closed(schema[i], fmt::format("{}/{}", pointer, i), out);
    }
}

}  // namespace

std::string dotted(const std::vector<std::string>& steps) {
    std::string out;
    for (const auto& s : steps) out += (out.empty() ? "" : ".") + s;
    return out;
}

SchemaCheck check_against_schema(const YAML::Node& document, const nlohmann::json& schema) {
    SchemaCheck out;
    std::vector<std::string> steps;
    Checker(schema).check(document, schema, "#", steps, out);
    return out;
}

std::set<std::string> closed_objects_of(const nlohmann::json& schema) {
    std::set<std::string> out;
    collect_closed(schema, "#", out);
    return out;
}

}  // namespace kapsim::testing
