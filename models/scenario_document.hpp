#pragma once
// A scenario file as YAML, with command-line overrides (`--set units.avd7.beds=16`) applied,
// and a Field view that reads typed values from it. Every read knows where its value came
// from, so any error names the file, line and column, or the --set that supplied it.
#include <cstdint>
#include <initializer_list>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include <yaml-cpp/yaml.h>

#include "input_error.hpp"
#include "text.hpp"

namespace kapsim::models {

class ScenarioDocument {
public:
    // Throws InputError for a missing file, a YAML syntax error or a malformed --set. A file
    // with `extends: base.yaml` is laid over its base (mappings merge, other values replace).
    static ScenarioDocument load(const std::string& file, const std::vector<std::string>& overrides = {});

    const YAML::Node& root() const { return root_; }
    const std::string& file() const { return file_; }
    // The effective scenario as YAML text: what actually runs, overrides included.
    std::string canonical_text() const;
    // Hash of canonical_text(), printed as 16 hex digits in every output.
    std::string content_hash() const;

    SourceLocation locate(const YAML::Node& node, const std::string& path) const;

    // Sets the value at a dotted path, as --set does; errors in the path, and any later error in
    // the value, are reported at `where` (a change's place in the file, or the --set itself).
    // `create_sections`: a missing mapping on the way is made (a dated change's route for a unit
    // whose pathways the file leaves out); --set refuses it, to catch a mistyped path.
    void set_value(const std::string& path, const YAML::Node& value, const SourceLocation& where,
                   bool create_sections = false);

private:
    // `extends: base.yaml` loads the base first and lays this file over it.
    // `named_at` is where `file` was named (the `extends:` of the file laid over it), for errors.
    YAML::Node load_with_base(const std::string& file, std::vector<std::string>& chain, const SourceLocation& named_at);
    void overlay(YAML::Node base, const YAML::Node& variant, const std::string& path, const std::string& file);
    void record_origin(const YAML::Node& node, const std::string& path, const std::string& file);

    std::string file_;
    YAML::Node root_;
    std::map<std::string, SourceLocation> overridden_;  // path -> the --set, or the change in the file, that set it
    std::map<std::string, std::string> origin_;      // path -> file it came from (with extends)
};

// A value at a path in the document.
class Field {
public:
    Field(const ScenarioDocument& doc, YAML::Node node, std::string path) : doc_(&doc), node_(std::move(node)), path_(std::move(path)) {}

    const std::string& path() const { return path_; }
    const YAML::Node& node() const { return node_; }
    bool is_map() const { return node_.IsMap(); }
    bool is_sequence() const { return node_.IsSequence(); }
    bool is_scalar() const { return node_.IsScalar(); }

    bool has(const std::string& key) const { return node_.IsMap() && node_[key]; }
    // The child at `key`; an error naming the key if it is missing.
    Field required(const std::string& key) const;
    Field child(const std::string& key) const {
        return Field(*doc_, node_[key], path_.empty() ? key : path_ + "." + key);
    }
    std::vector<std::string> keys() const;  // in file order
    std::size_t size() const { return node_.size(); }
    Field at(std::size_t i) const;

    // Requires a mapping whose keys are all among `allowed`; suggests the nearest for typos.
    void expect_map(const std::vector<std::string_view>& allowed, const Message& what) const;
    void expect_sequence(const Message& what) const;

    std::string as_string() const;
    // One string, or one per language: {sv: ..., en: ...}.
    Text as_text() const;
    std::string as_identifier() const;  // see identifier.hpp
    double as_number(double min, double max) const;
    long long as_integer(long long min, long long max) const;
    std::uint64_t as_seed() const;  // exactly, 0 to 2^64-1
    double as_duration_days(double min_days, double max_days) const;
    double as_rate_per_day(double max_per_day) const;
    // A share or probability: 0.6, or as a percentage "60 %" or "60%".
    double as_share() const;
    std::vector<double> as_numbers(double min, double max) const;

    SourceLocation location() const { return doc_->locate(node_, path_); }
    // `what` and `hint` made by say() (message.hpp), so that both are in English and Swedish.
    [[noreturn]] void fail(const Message& what, const Message& hint) const;

private:
    // Fails with a precise message for "6,5": a Swedish decimal comma is not a decimal.
    void refuse_decimal_comma(const std::string& text) const;

    const ScenarioDocument* doc_;
    YAML::Node node_;
    std::string path_;
};

// Why `text` is not a date, as sim::CalendarClock::parse_date says it, in both languages.
Message date_problem(std::string_view text);

// The candidate nearest to `word` by edit distance, or "" if none is close.
std::string nearest(std::string_view word, const std::vector<std::string>& candidates);

}  // namespace kapsim::models
