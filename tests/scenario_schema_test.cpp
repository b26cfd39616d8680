// scenarios/schema/scenario.schema.json against the validator, so that neither can drift: every
// mapping the schema closes names exactly the keys the validator accepts there (the validator
// lists them when it meets a key far from all of them), every kind and distribution the one
// knows the other knows, every shipped scenario and template passes the schema, and documents
// the validator refuses for a wrong key, type or shape the schema refuses too.
#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <fmt/format.h>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <yaml-cpp/yaml.h>

#include "app/scenario_schema.hpp"
#include "app/sweep_design.hpp"
#include "models/input_error.hpp"
#include "models/scenario_loader.hpp"
#include "models/unit_kinds.hpp"
#include "sim/quantity.hpp"
#include "test_support.hpp"
#include "yaml_schema_check.hpp"

namespace {

using kapsim::testing::check_against_schema;
using kapsim::testing::dotted;
using kapsim::testing::source_path;
using nlohmann::json;
namespace fs = std::filesystem;

// Far from every key by edit distance, so the validator lists the keys allowed rather than
// suggesting the nearest.
const std::string stray_key = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
const std::string listed = "the keys allowed here are: ";

std::string string_of(const json& j) { return j.get<std::string>(); }

const json& schema() {
    static const json s = json::parse(kapsim::app::scenario_schema_json());
    return s;
}

std::vector<std::string> split(const std::string& text, const std::string& by) {
    std::vector<std::string> out;
    std::size_t from = 0;
    for (std::size_t at; (at = text.find(by, from)) != std::string::npos; from = at + by.size())
        out.push_back(text.substr(from, at - from));
    out.push_back(text.substr(from));
    return out;
}

// The errors of loading `yaml`, none if it loads.
std::vector<kapsim::models::InputError> load_errors(const std::string& yaml) {
    try {
        kapsim::testing::scenario_from_text(yaml, "schema");
    } catch (const kapsim::models::InputErrors& several) {
        return several.errors();
    } catch (const kapsim::models::InputError& one) {
        return {one};
    }
    return {};
}

// The keys the validator accepts at `steps` of `document`: it is given a stray key there and
// says which keys are allowed. Nothing when it says something else.
std::optional<std::set<std::string>> keys_the_validator_accepts(const YAML::Node& document,
                                                                const std::vector<std::string>& steps,
                                                                std::string& said) {
    YAML::Node copy = YAML::Clone(document);
    YAML::Node at = copy;
    for (const auto& step : steps) {
        YAML::Node next = at.IsSequence() ? at[std::stoul(step)] : at[step];
        at.reset(next);
    }
    at[stray_key] = 1;
    YAML::Emitter out;
    out << copy;
    for (const auto& e : load_errors(out.c_str())) {
        said += std::string(e.what()) + "\n";
        if (e.problem().find("unknown key '" + stray_key + "'") == std::string::npos) continue;
        if (e.hint().rfind(listed, 0) != 0) return std::nullopt;
        const auto names = split(e.hint().substr(listed.size()), ", ");
        return std::set<std::string>(names.begin(), names.end());
    }
    return std::nullopt;
}

YAML::Node every_key_document() { return YAML::LoadFile(source_path("tests/schema/every-key.yaml")); }

std::string problems_text(const kapsim::testing::SchemaCheck& c) {
    std::string out;
    for (const auto& p : c.problems) out += "  " + p.path + ": " + p.what + "\n";
    return out;
}

bool is_sweep(const YAML::Node& document) { return document["design"] || document["parameters"]; }

// The scenario files shipped, or with `sweeps` the sweep files, which have a format of their own.
std::vector<fs::path> shipped_scenarios(bool sweeps = false) {
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(source_path("scenarios"))) {
        if (!e.is_regular_file() || e.path().extension() != ".yaml" || e.path().filename() == "references.yaml") continue;
        const YAML::Node doc = YAML::LoadFile(e.path().string());
        if (is_sweep(doc) != sweeps) continue;
        files.push_back(e.path());
    }
    std::sort(files.begin(), files.end());
    return files;
}

TEST(ScenarioSchemaTest, IsTheFileUnderScenariosCompiledIn) {
    EXPECT_EQ(kapsim::app::scenario_schema_json(), kapsim::testing::read_text(source_path("scenarios/schema/scenario.schema.json")));
    EXPECT_EQ(schema().value("$schema", ""), "https://json-schema.org/draft/2020-12/schema");
}

TEST(ScenarioSchemaTest, KapsimSchemaPrintsIt) {
    const auto r = kapsim::testing::run_kapsim("schema");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, kapsim::app::scenario_schema_json());
}

TEST(ScenarioSchemaTest, TheDocumentUsingEveryKeyIsValidForBoth) {
    EXPECT_TRUE(load_errors(kapsim::testing::read_text(source_path("tests/schema/every-key.yaml"))).empty());
    const auto c = check_against_schema(every_key_document(), schema());
    EXPECT_TRUE(c.valid()) << problems_text(c);
}

// Every mapping of the schema with a closed set of keys is reached by the document of every
// key, so the comparison below covers the whole schema. A stay or rule given by its mean alone
// in a mapping ({mean: 9d}) is the exception: the validator reads any other key there as a
// distribution without its name, so it names no list of keys to compare with.
TEST(ScenarioSchemaTest, TheDocumentOfEveryKeyReachesEveryClosedMappingOfTheSchema) {
    const auto c = check_against_schema(every_key_document(), schema());
    std::set<std::string> reached;
    for (const auto& site : c.closed) reached.insert(site.schema_pointer);
    const std::set<std::string> mean_alone{"#/$defs/mean_alone", "#/$defs/stay_rule/anyOf/1"};
    for (const auto& pointer : kapsim::testing::closed_objects_of(schema())) {
        if (mean_alone.count(pointer)) continue;
        EXPECT_TRUE(reached.count(pointer)) << pointer << " is not used by tests/schema/every-key.yaml";
    }
}

// (a) and (b): at every mapping the schema closes, the validator accepts exactly the keys the
// schema names. `extends` is read by the document loader before the validator sees the file.
TEST(ScenarioSchemaTest, EachMappingNamesExactlyTheKeysTheValidatorAccepts) {
    const YAML::Node document = every_key_document();
    const auto c = check_against_schema(document, schema());
    ASSERT_GT(c.closed.size(), 30u);
    for (const auto& site : c.closed) {
        std::string said;
        const auto accepted = keys_the_validator_accepts(document, site.steps, said);
        ASSERT_TRUE(accepted) << "at '" << dotted(site.steps) << "' the validator did not list the keys it accepts:\n"
                              << said;
        std::set<std::string> in_schema = site.keys;
        if (site.steps.empty()) in_schema.erase("extends");
        EXPECT_EQ(in_schema, *accepted) << "at '" << dotted(site.steps) << "' (" << site.schema_pointer << ")";
    }
}

// What the schema requires, the validator requires: without it the document is refused by
// both. And where the validator says a key is missing, the schema says so too.
TEST(ScenarioSchemaTest, KeysTheSchemaRequiresAreTheOnesTheValidatorRequires) {
    const YAML::Node document = every_key_document();
    const auto c = check_against_schema(document, schema());
    std::size_t required = 0;
    for (const auto& site : c.closed) {
        YAML::Node here = document;
        for (const auto& step : site.steps) {
            YAML::Node next = here.IsSequence() ? here[std::stoul(step)] : here[step];
            here.reset(next);
        }
        for (const auto& kv : here) {
            const std::string key = kv.first.as<std::string>();
            YAML::Node copy = YAML::Clone(document);
            YAML::Node at = copy;
            for (const auto& step : site.steps) {
                YAML::Node next = at.IsSequence() ? at[std::stoul(step)] : at[step];
                at.reset(next);
            }
            at.remove(key);
            auto steps = site.steps;
            steps.push_back(key);
            const auto schema_check = check_against_schema(copy, schema());
            const std::string key_missing = fmt::format("'{}' is missing", key);
            const std::string path_missing = fmt::format("'{}' is missing", dotted(steps));
            const bool schema_says_missing = std::any_of(schema_check.problems.begin(), schema_check.problems.end(), [&](const auto& p) {
                return p.path == dotted(site.steps) && p.what == key_missing;
            });
            YAML::Emitter out;
            out << copy;
            const auto errors = load_errors(out.c_str());
            const bool validator_says_missing = std::any_of(errors.begin(), errors.end(), [&](const auto& e) {
                return e.problem() == path_missing;
            });
            if (schema_says_missing) {
                ++required;
                EXPECT_FALSE(errors.empty()) << dotted(steps) << ": the schema requires it, the validator does not";
            }
            if (validator_says_missing) {
                EXPECT_TRUE(schema_says_missing) << dotted(steps) << ": the validator requires it, the schema does not:\n"
                                                 << problems_text(schema_check);
            }
        }
    }
    EXPECT_GT(required, 20u);
}

TEST(ScenarioSchemaTest, KindsAreTheValidatorsUnitKinds) {
    std::set<std::string> kinds;
    for (const auto& k : kapsim::models::unit_kinds()) kinds.emplace(k.name);
    const auto& listed_kinds = schema()["$defs"]["unit"]["properties"]["kind"]["enum"];
    EXPECT_EQ(std::set<std::string>(listed_kinds.begin(), listed_kinds.end()), kinds);
}

// The validator names its distributions when it meets a name far from all of them.
TEST(ScenarioSchemaTest, DistributionsAreTheValidatorsDistributions) {
    YAML::Node document = every_key_document();
    document["units"]["ed"]["duration"]["distribution"] = stray_key;
    YAML::Emitter out;
    out << document;
    const auto errors = load_errors(out.c_str());
    ASSERT_FALSE(errors.empty());
    const std::string prefix = "use one of ";
    ASSERT_EQ(errors[0].hint().rfind(prefix, 0), 0u) << errors[0].what();
    const auto names = split(errors[0].hint().substr(prefix.size()), ", ");
    const auto& listed_names = schema()["$defs"]["distribution"]["properties"]["distribution"]["enum"];
    EXPECT_EQ(std::set<std::string>(listed_names.begin(), listed_names.end()), std::set<std::string>(names.begin(), names.end()));
}

// Each value a fixed set of the schema allows is one the validator takes, and one outside
// the set is refused by both.
TEST(ScenarioSchemaTest, QueueDisciplinesAreTheValidatorsAndNoOthers) {
    struct Choice {
        std::vector<std::string> steps;
        std::string pointer_kind;  // the kind whose key it is
        std::string key;
    };
    const std::vector<Choice> choices{{{"units", "q", "queue"}, "pool", "queue"},
                                      {{"units", "team", "intake"}, "caseload", "intake"},
                                      {{"units", "avd", "planned", "queue"}, "ward", "planned"}};
    const auto kind_branch = [](const std::string& kind) {
        for (const auto& branch : schema()["$defs"]["unit"]["allOf"])
            if (branch["if"].contains("properties") && branch["if"]["properties"]["kind"]["const"] == kind)
                return branch["then"]["properties"];
        return json();
    };
    for (const auto& c : choices) {
        json property = kind_branch(c.pointer_kind)[c.key];
        if (c.key == "planned") property = property["properties"]["queue"];
        ASSERT_TRUE(property.contains("enum")) << c.key;
        std::vector<std::string> values(property["enum"].begin(), property["enum"].end());
        values.push_back("lifo");
        for (const auto& value : values) {
            YAML::Node document = every_key_document();
            YAML::Node at = document;
            for (const auto& step : c.steps) {
                YAML::Node next = at[step];
                at.reset(next);
            }
            at = value;
            // Patience needs a queue to wait in, which the validator checks and the schema does not.
            if (value == "none") document["units"]["q"].remove("patience");
            YAML::Emitter out;
            out << document;
            const bool schema_takes = check_against_schema(document, schema()).valid();
            const bool validator_takes = load_errors(out.c_str()).empty();
            EXPECT_EQ(schema_takes, value != "lifo") << dotted(c.steps) << " = " << value;
            EXPECT_EQ(validator_takes, value != "lifo") << dotted(c.steps) << " = " << value;
        }
    }
}

// Whether the schema's definition `name` takes `text` written as a YAML value.
bool schema_takes(const std::string& name, const std::string& text) {
    json single = schema();
    single.erase("properties");
    single.erase("if");
    single.erase("then");
    single.erase("else");
    single.erase("additionalProperties");
    single.erase("type");
    single["$ref"] = "#/$defs/" + name;
    return check_against_schema(YAML::Load(text), single).valid();
}

bool validator_takes_duration(const std::string& text) {
    try {
        kapsim::sim::parse_duration_days(text);
        return true;
    } catch (const kapsim::sim::QuantityError&) {
        return false;
    }
}

bool validator_takes_rate(const std::string& text) {
    try {
        kapsim::sim::parse_rate_per_day(text);
        return true;
    } catch (const kapsim::sim::QuantityError&) {
        return false;
    }
}

// The units of time the schema lists (for a unit picker) and spells in its patterns are the
// validator's, and a value the one refuses the other refuses.
TEST(ScenarioSchemaTest, UnitsOfTimeAreTheValidatorsAndNoOthers) {
    const auto& listed_units = schema()["$defs"]["duration"]["x-units"];
    const auto names = kapsim::sim::duration_unit_names();
    EXPECT_EQ(std::set<std::string>(listed_units.begin(), listed_units.end()), std::set<std::string>(names.begin(), names.end()));
    for (const auto& unit : names) {
        for (const std::string& text : {fmt::format("3{}", unit), fmt::format("2.5 {}", unit)}) {
            EXPECT_TRUE(validator_takes_duration(text)) << text;
            EXPECT_TRUE(schema_takes("duration", text)) << text;
        }
        for (const std::string& text : {fmt::format("700/{}", unit), fmt::format("3 per {}", unit), fmt::format("5/2{}", unit)}) {
            EXPECT_TRUE(validator_takes_rate(text)) << text;
            EXPECT_TRUE(schema_takes("rate", text)) << text;
        }
    }
    for (const std::string text : {"3", "3 sec", "3 dygn", "nine days", "6,5d", "d3", "3 d d"}) {
        EXPECT_FALSE(validator_takes_duration(text)) << text;
        EXPECT_FALSE(schema_takes("duration", text)) << text;
    }
    for (const std::string text : {"700", "700 year", "700 per", "700/sec", "per year", "700per year", "7,5/day"}) {
        EXPECT_FALSE(validator_takes_rate(text)) << text;
        EXPECT_FALSE(schema_takes("rate", text)) << text;
    }
}

TEST(ScenarioSchemaTest, SharesAreANumberFromZeroToOneOrAPercentage) {
    for (const std::string text : {"0", "0.6", "1", "60 %", "60%", "12.5 %"}) EXPECT_TRUE(schema_takes("share", text)) << text;
    for (const std::string text : {"1.5", "-0.1", "60", "sixty", "60 percent"}) EXPECT_FALSE(schema_takes("share", text)) << text;
}

TEST(ScenarioSchemaTest, EveryShippedScenarioAndTemplatePassesTheSchema) {
    const auto files = shipped_scenarios();
    ASSERT_GE(files.size(), 25u);
    std::size_t templates = 0;
    for (const auto& f : files) {
        if (f.string().find("/templates/") != std::string::npos) ++templates;
        const auto c = check_against_schema(YAML::LoadFile(f.string()), schema());
        EXPECT_TRUE(c.valid()) << f << ":\n" << problems_text(c);
    }
    EXPECT_EQ(templates, 10u);
}

// A schema that allowed everything would pass every test above but this one: wrong documents,
// each refused by the validator, are refused by the schema too, at the place of the mistake.
TEST(ScenarioSchemaTest, RefusesWrongDocumentsAtTheirMistake) {
    struct Wrong {
        std::string what;
        std::vector<std::string> steps;  // where the change goes
        std::string yaml;                // the value put there
        std::string at;                  // where the schema finds the problem
    };
    const std::vector<Wrong> wrongs{
        {"a misspelt key of a ward", {"units", "avd", "bedz"}, "12", "units.avd.bedz"},
        {"a key of another kind", {"units", "avd", "stay"}, "3d", "units.avd.stay"},
        {"beds that are not a number", {"units", "tne", "places"}, "many", "units.tne.places"},
        {"an unknown kind", {"units", "ed", "kind"}, "clinic", "units.ed.kind"},
        {"a month profile of eleven weights", {"classes", "acute", "arrivals", "month"}, "[1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]",
         "classes.acute.arrivals.month"},
        {"a distribution with a parameter of another", {"units", "ed", "duration", "sd"}, "1h", "units.ed.duration.sd"},
        {"an unknown section", {"wards"}, "{}", "wards"},
    };
    for (const auto& w : wrongs) {
        YAML::Node document = every_key_document();
        YAML::Node at = document;
        for (std::size_t i = 0; i + 1 < w.steps.size(); ++i) {
            YAML::Node next = at[w.steps[i]];
            at.reset(next);
        }
        at[w.steps.back()] = YAML::Load(w.yaml);
        YAML::Emitter out;
        out << document;
        EXPECT_FALSE(load_errors(out.c_str()).empty()) << w.what << ": the validator takes it";
        const auto c = check_against_schema(YAML::Load(out.c_str()), schema());
        EXPECT_FALSE(c.valid()) << w.what << ": the schema takes it";
        const bool at_mistake = std::any_of(c.problems.begin(), c.problems.end(),
                                            [&](const auto& p) { return p.path == w.at; });
        EXPECT_TRUE(at_mistake) << w.what << ", expected at " << w.at << ":\n" << problems_text(c);
    }
}

TEST(ScenarioSchemaTest, AScenarioWithoutUnitsIsRefusedUnlessItExtendsABase) {
    YAML::Node document = every_key_document();
    document.remove("units");
    EXPECT_FALSE(check_against_schema(document, schema()).valid());
    document["extends"] = "base.yaml";
    EXPECT_TRUE(check_against_schema(document, schema()).valid()) << problems_text(check_against_schema(document, schema()));
}

// Every property has its titles and help texts in both languages, for the studio's forms.
TEST(ScenarioSchemaTest, EveryPropertyHasTitlesAndHelpInSwedishAndEnglish) {
    const std::set<std::string> quantities{"duration", "rate", "share", "count", "money", "date", "text"};
    std::vector<std::string> missing;
    const auto visit = [&](const auto& self, const json& s, const std::string& pointer) -> void {
        if (s.is_array())
            for (std::size_t i = 0; i < s.size(); ++i) self(self, s[i], pointer + "/" + std::to_string(i));
        // What a scenario without a base must give repeats the properties with only their `required`.
        if (!s.is_object() || pointer == "#/$defs/complete") return;
        if (s.contains("x-quantity") && !quantities.count(string_of(s["x-quantity"])))
            missing.push_back(pointer + ": x-quantity " + s["x-quantity"].dump());
        if (s.contains("properties"))
            for (const auto& [key, p] : s["properties"].items()) {
                if (p.empty() || (p.size() == 1 && p.contains("required"))) continue;  // named again in a branch
                const json& described = p.contains("$ref") && !p.contains("description")
                                            ? schema()["$defs"][string_of(p["$ref"]).substr(8)]
                                            : p;
                for (const char* k : {"description", "x-title-sv", "x-description-sv"})
                    if (!described.contains(k)) missing.push_back(pointer + "/properties/" + key + ": " + k);
            }
        for (const auto& [key, value] : s.items())
            if (key != "enum" && key != "const" && key != "if") self(self, value, pointer + "/" + key);  // `if` only selects
    };
    visit(visit, schema(), "#");
    EXPECT_TRUE(missing.empty()) << [&] {
        std::string out;
        for (const auto& m : missing) out += m + "\n";
        return out;
    }();
}

// The sweep files' schema against the sweep reader, in the same way.

const json& sweep_schema() {
    static const json s = json::parse(kapsim::app::sweep_schema_json());
    return s;
}

// A sweep of the Erlang C scenario with every key of a sweep file, ranges with each key.
YAML::Node every_sweep_key_document() {
    YAML::Node sweep = YAML::Load(R"(
name: every-key
description: Every key of a sweep file
replications: 2
seed: 1
design: latin_hypercube
points: 4
design_seed: 3
parameters:
  units.ward.capacity: {from: 15, to: 18, steps: 4}
  classes.patients.arrivals.rate: {from: 1.2, to: 1.6, step: 0.2, unit: /day}
  scenario.run_length: 1y
  together:
    units.ward.service.mean: [8d, 9d]
    scenario.warmup: [10d, 20d]
metrics: [units.ward.p_wait]
)");
    sweep["scenario"] = source_path("scenarios/validation/erlang-c.yaml");
    return sweep;
}

// The errors of reading `sweep` as a sweep file, none if it reads.
std::vector<kapsim::models::InputError> sweep_errors(const YAML::Node& sweep) {
    const auto dir = kapsim::testing::fresh_temp_dir("sweep-schema");
    YAML::Emitter out;
    out << sweep;
    std::ofstream(dir / "sweep.yaml") << out.c_str();
    std::vector<kapsim::models::InputError> errors;
    try {
        kapsim::app::read_sweep((dir / "sweep.yaml").string());
    } catch (const kapsim::models::InputErrors& several) {
        errors = several.errors();
    } catch (const kapsim::models::InputError& one) {
        errors = {one};
    }
    fs::remove_all(dir);
    return errors;
}

TEST(SweepSchemaTest, IsTheFileUnderScenariosCompiledInAndPrinted) {
    EXPECT_EQ(kapsim::app::sweep_schema_json(), kapsim::testing::read_text(source_path("scenarios/schema/sweep.schema.json")));
    const auto r = kapsim::testing::run_kapsim("schema --sweep");
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, kapsim::app::sweep_schema_json());
}

TEST(SweepSchemaTest, EachMappingNamesExactlyTheKeysTheSweepReaderAccepts) {
    const YAML::Node sweep = every_sweep_key_document();
    EXPECT_TRUE(sweep_errors(sweep).empty());
    const auto c = check_against_schema(sweep, sweep_schema());
    ASSERT_TRUE(c.valid()) << problems_text(c);
    std::set<std::string> reached;
    for (const auto& site : c.closed) {
        reached.insert(site.schema_pointer);
        YAML::Node copy = YAML::Clone(sweep);
        YAML::Node at = copy;
        for (const auto& step : site.steps) {
            YAML::Node next = at[step];
            at.reset(next);
        }
        at[stray_key] = 1;
        std::optional<std::set<std::string>> accepted;
        std::string said;
        for (const auto& e : sweep_errors(copy)) {
            said += std::string(e.what()) + "\n";
            if (e.problem().find("unknown key '" + stray_key + "'") != std::string::npos && e.hint().rfind(listed, 0) == 0) {
                const auto names = split(e.hint().substr(listed.size()), ", ");
                accepted.emplace(names.begin(), names.end());
            }
        }
        ASSERT_TRUE(accepted) << "at '" << dotted(site.steps) << "' the sweep reader did not list its keys:\n" << said;
        EXPECT_EQ(site.keys, *accepted) << "at '" << dotted(site.steps) << "'";
    }
    EXPECT_EQ(reached, kapsim::testing::closed_objects_of(sweep_schema()));
}

TEST(SweepSchemaTest, EveryShippedSweepPassesItAndNoScenarioDoes) {
    const auto sweeps = shipped_scenarios(true);
    ASSERT_GE(sweeps.size(), 10u);
    for (const auto& f : sweeps) {
        const auto c = check_against_schema(YAML::LoadFile(f.string()), sweep_schema());
        EXPECT_TRUE(c.valid()) << f << ":\n" << problems_text(c);
    }
    // Each schema refuses the other format: an editor pointed at the wrong one says so.
    EXPECT_FALSE(check_against_schema(YAML::LoadFile(source_path("scenarios/validation/erlang-c.yaml")), sweep_schema()).valid());
    EXPECT_FALSE(check_against_schema(YAML::LoadFile(sweeps.front().string()), schema()).valid());
}

TEST(SweepSchemaTest, RefusesWhatTheSweepReaderRefuses) {
    const std::vector<std::pair<std::string, std::string>> wrongs{
        {"design", "random"}, {"replications", "1"}, {"paramters", "{}"}, {"metrics", "[]"}};
    for (const auto& [key, value] : wrongs) {
        YAML::Node sweep = every_sweep_key_document();
        sweep[key] = YAML::Load(value);
        EXPECT_FALSE(sweep_errors(sweep).empty()) << key << ": " << value;
        EXPECT_FALSE(check_against_schema(sweep, sweep_schema()).valid()) << key << ": " << value;
    }
    YAML::Node ranged = every_sweep_key_document();
    ranged["parameters"]["units.ward.capacity"]["stpes"] = 4;
    EXPECT_FALSE(sweep_errors(ranged).empty());
    EXPECT_FALSE(check_against_schema(ranged, sweep_schema()).valid());
}

}  // namespace
