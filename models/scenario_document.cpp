#include "scenario_document.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <filesystem>
#include <optional>
#include <fstream>
#include <sstream>
#include <system_error>
#include <utility>

#include <yaml-cpp/eventhandler.h>
#include <fmt/ranges.h>
#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include "identifier.hpp"
#include "sim/quantity.hpp"
#include "sim/random_streams.hpp"
#include "utf8_text.hpp"
#include "yaml_limits.hpp"
#include "yaml_syntax_message.hpp"

namespace kapsim::models {
namespace {

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::stringstream in(path);
    for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
    return parts;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = up;
        }
    }
    return row[b.size()];
}

// The item of a list named `key` (its `name:`), or at place `key` counted from 0; an
// undefined node when there is none, or when two items share the name.
YAML::Node list_item(const YAML::Node& list, const std::string& key) {
    YAML::Node found(YAML::NodeType::Undefined);
    int matches = 0;
    for (const auto& item : list)
        if (item.IsMap() && item["name"] && item["name"].IsScalar() && item["name"].Scalar() == key) {
            found.reset(item);
            ++matches;
        }
    if (matches == 1) return found;
    if (matches > 1) return YAML::Node(YAML::NodeType::Undefined);
    if (!key.empty() && key.find_first_not_of("0123456789") == std::string::npos && key.size() < 10) {
        const auto place = std::stoul(key);
        if (place < list.size()) return list[place];
    }
    return YAML::Node(YAML::NodeType::Undefined);
}

}  // namespace

std::string nearest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const std::size_t d = edit_distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

namespace {

// The text of a scenario file: a regular file (not a device, pipe or folder) of at most
// max_scenario_file_bytes. `named_at` is where the file was named: the `extends:` that names a
// base, or the file itself.
std::string read_scenario_text(const std::string& file, const SourceLocation& named_at) {
    namespace fs = std::filesystem;
    std::error_code ec;
    const auto status = fs::status(file, ec);
    if (!fs::exists(status))
        throw InputError(named_at, say("no such scenario file"),
                         say("check the path; the shipped scenarios are under scenarios/, e.g. "
                             "scenarios/validation/erlang-c.yaml"));
    if (!fs::is_regular_file(status))
        throw InputError(named_at,
                         say("'{}' is not a regular file but {}", file,
                             fs::is_directory(status) ? say("a folder") : say("a device, pipe or socket")),
                         say("name a scenario .yaml file"));
    const auto too_big = [&] {
        return InputError(named_at, say("'{}' is larger than {} MiB", file, max_scenario_file_bytes >> 20),
                          say("a scenario file is a few kilobytes; check that this is the right file"));
    };
    if (fs::file_size(file, ec) > max_scenario_file_bytes && !ec) throw too_big();
    std::ifstream in(file, std::ios::binary);
    if (!in) throw InputError(named_at, say("cannot read the scenario file"), say("check the file's permissions"));
    // Read in pieces and stop one byte past the limit, in case the file grows while it is read.
    std::string text;
    char piece[64 * 1024];
    while (text.size() <= max_scenario_file_bytes && in.read(piece, sizeof piece).gcount() > 0)
        text.append(piece, static_cast<std::size_t>(in.gcount()));
    if (text.size() > max_scenario_file_bytes) throw too_big();
    return text;
}

// Refuses text that is not UTF-8 at the line and column (in characters) of the first bad byte.
void check_utf8(const std::string& text, const std::string& file) {
    const auto bad = first_invalid_utf8(text);
    if (!bad) return;
    int line = 1;
    std::size_t line_start = 0;
    for (std::size_t i = 0; i < *bad; ++i)
        if (text[i] == '\n') ++line, line_start = i + 1;
    int column = 1;
    for (std::size_t at = line_start; at < *bad; ++column) next_code_point(text, at);
    throw InputError({file, line, column},
                     say("the text is not valid UTF-8 (byte 0x{:02X})", static_cast<unsigned char>(text[*bad])),
                     say("save the file as UTF-8; results are UTF-8 JSON and CSV, so letters like å, ä and ö must be "
                         "UTF-8 too"));
}

// Where a second YAML document starts, if the text holds one. At most two documents are read:
// yaml-cpp's LoadAll can loop without end on some malformed text (a 32-byte input found by
// fuzzing), which a bounded count of documents cannot.
std::optional<YAML::Mark> second_document_at(const std::string& text) {
    struct DocumentStarts final : YAML::EventHandler {
        std::vector<YAML::Mark> starts;
        void OnDocumentStart(const YAML::Mark& mark) override { starts.push_back(mark); }
        void OnDocumentEnd() override {}
        void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
        void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
        void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
        void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
        void OnSequenceEnd() override {}
        void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {}
        void OnMapEnd() override {}
    } handler;
    std::istringstream in(text);
    YAML::Parser parser(in);
    for (int document = 0; document < 2 && parser.HandleNextDocument(handler); ++document) {}
    if (handler.starts.size() < 2) return std::nullopt;
    return handler.starts[1];
}

YAML::Node parse_file(const std::string& file, const SourceLocation& named_at) {
    const std::string text = read_scenario_text(file, named_at);
    check_utf8(text, file);
    YAML::Node root;
    std::optional<YAML::Mark> second_document;
    try {
        root = YAML::Load(text);
        second_document = second_document_at(text);
    } catch (const YAML::DeepRecursion& e) {
        // The parser's own guard against exhausting the stack, at a depth far beyond our limit.
        throw InputError({file, e.mark.line + 1, e.mark.column + 1},
                         say("the document nests more than {} levels deep", max_nesting_depth),
                         say("a scenario nests a few levels; check that every '[' and '{{' is closed"));
    } catch (const YAML::ParserException& e) {
        throw InputError({file, e.mark.line + 1, e.mark.column + 1}, say("YAML syntax error: {}", yaml_syntax_problem(e.msg)),
                         say("check indentation and that every ':' in a value is quoted"));
    }
    if (second_document) {
        const YAML::Mark mark = *second_document;
        throw InputError({file, std::max(mark.line + 1, 0), std::max(mark.column + 1, 0)},
                         say("the file holds more than one YAML document ('---' starts another)"),
                         say("a scenario is one document: remove the '---' line and what follows, or move it to a file "
                             "of its own"));
    }
    check_yaml_tree(root, {file, 0, 0});
    if (!root.IsMap())
        throw InputError({file, 1, 1}, say("a scenario must be a YAML mapping with 'scenario', 'classes' and 'units'"),
                         say("see scenarios/validation/erlang-c.yaml for a small complete example"));
    return root;
}

// Names of files go into results (JSON and CSV, both UTF-8).
void check_file_name(const std::string& file, const SourceLocation& named_at) {
    if (!is_valid_utf8(file))
        throw InputError(named_at, say("the file name is not valid UTF-8"),
                         say("rename the file (or its folder) with a UTF-8 name; results record the name, and they are "
                             "UTF-8 JSON and CSV"));
}

std::string join_path(const std::string& path, const std::string& key) { return path.empty() ? key : path + "." + key; }

// "units.x.beds: '6,5' has a decimal comma ...", said as sim says it for a quantity.
Message decimal_comma_message(const std::string& path, std::string_view written) {
    const std::string text(written);
    const auto first = text.find_first_not_of(" \t"), last = text.find_last_not_of(" \t");
    const std::string trimmed = first == std::string::npos ? "" : text.substr(first, last - first + 1);
    return say("{}: '{}' has a decimal comma, which kapsim does not read as a decimal (Swedish style); write '{}'",
               path, trimmed, sim::with_decimal_points(trimmed));
}

// A duration's or rate's problem, in both languages from the template sim keeps.
Message quantity_problem(const sim::QuantityError& e) { return say_template(e.english_template, e.values); }

Message decimal_comma_hint() {
    return say("YAML reads only a decimal point: write 6.5, not 6,5 (a comma separates values)");
}

}  // namespace

void ScenarioDocument::record_origin(const YAML::Node& node, const std::string& path, const std::string& file) {
    origin_[path] = file;
    if (node.IsMap())
        for (const auto& kv : node) record_origin(kv.second, join_path(path, kv.first.as<std::string>()), file);
    else if (node.IsSequence())
        for (std::size_t i = 0; i < node.size(); ++i) record_origin(node[i], join_path(path, std::to_string(i)), file);
}

// Mappings merge key by key; anything else in the variant replaces what the base had.
void ScenarioDocument::overlay(YAML::Node base, const YAML::Node& variant, const std::string& path,
                               const std::string& file) {
    for (const auto& kv : variant) {
        const std::string key = kv.first.as<std::string>();
        const std::string at = join_path(path, key);
        if (base[key] && base[key].IsMap() && kv.second.IsMap()) {
            overlay(base[key], kv.second, at, file);
        } else {
            base[key] = kv.second;
            record_origin(kv.second, at, file);
        }
    }
}

YAML::Node ScenarioDocument::load_with_base(const std::string& file, std::vector<std::string>& chain,
                                            const SourceLocation& named_at) {
    check_file_name(file, named_at);
    if (chain.size() >= max_extends_depth)
        throw InputError(named_at,
                         say("the chain of 'extends' is more than {} files long: {} -> {}", max_extends_depth,
                             fmt::format("{}", fmt::join(chain, " -> ")), file),
                         say("let a variant extend its base directly instead of through a long chain of files"));
    std::error_code unreadable;  // e.g. a name too long for the file system: parse_file says so
    std::string canonical = std::filesystem::weakly_canonical(file, unreadable).string();
    if (unreadable) canonical = file;
    if (std::find(chain.begin(), chain.end(), canonical) != chain.end())
        throw InputError(named_at.line > 0 ? named_at : SourceLocation{file, 0, 0},
                         say("the scenario extends itself through a chain of 'extends'"),
                         say("remove the 'extends' that closes the loop"));
    chain.push_back(canonical);
    YAML::Node root = parse_file(file, named_at);
    if (!root["extends"]) {
        record_origin(root, "", file);
        return root;
    }
    const YAML::Node extends = root["extends"];
    const SourceLocation extends_at{file, extends.Mark().line + 1, extends.Mark().column + 1};
    if (!extends.IsScalar())
        throw InputError(extends_at, say("'extends' must name one file"),
                         say("e.g. extends: avd7-13.yaml (relative to this file)"));
    const std::filesystem::path base_file = std::filesystem::path(file).parent_path() / extends.Scalar();
    std::error_code base_unreadable;  // a name too long for the file system names no file
    if (!std::filesystem::exists(base_file, base_unreadable))
        throw InputError(extends_at, say("the base scenario '{}' does not exist", base_file.string()),
                         say("the path is relative to this file's folder"));
    YAML::Node base = load_with_base(base_file.string(), chain, extends_at);
    root.remove("extends");
    overlay(base, root, "", file);
    return base;
}

ScenarioDocument ScenarioDocument::load(const std::string& file, const std::vector<std::string>& overrides) {
    ScenarioDocument doc;
    doc.file_ = file;
    std::vector<std::string> chain;
    doc.root_ = doc.load_with_base(file, chain, {file, 0, 0});

    for (const auto& assignment : overrides) {
        if (!is_valid_utf8(assignment))
            throw InputError({"--set", 0, 0}, say("the override is not valid UTF-8"),
                             say("results are UTF-8; write the value in UTF-8"));
        const SourceLocation where{fmt::format("--set {}", assignment), 0, 0};
        const auto eq = assignment.find('=');
        if (eq == std::string::npos || eq == 0)
            throw InputError(where, say("an override must look like path=value"), say("e.g. --set units.avd7.beds=16"));
        YAML::Node value;
        try {
            value.reset(YAML::Load(assignment.substr(eq + 1)));
        } catch (const YAML::ParserException& e) {
            throw InputError(where, say("the value is not valid YAML: {}", yaml_syntax_problem(e.msg)));
        }
        check_yaml_tree(value, where, false);
        doc.set_value(assignment.substr(0, eq), value, where);
    }
    // Each file is within the limits; together (a base, its variants and overrides) they must be too.
    check_yaml_tree(doc.root_, {file, 0, 0}, false);
    return doc;
}

namespace {
// "a.b.c" from parts [from, to).
std::string join_path(const std::vector<std::string>& parts, std::size_t from, std::size_t to) {
    std::string out;
    for (std::size_t k = from; k < to; ++k) out += (k == from ? "" : ".") + parts[k];
    return out;
}
// changes.<item>.set: the mapping of a dated change's paths.
bool walked_is_change_set(const std::string& walked) {
    return walked.rfind("changes.", 0) == 0 && walked.size() > 12 && walked.ends_with(".set") &&
           walked.find('.', 8) == walked.size() - 4;
}
}  // namespace

void ScenarioDocument::set_value(const std::string& path, const YAML::Node& value, const SourceLocation& where,
                                 bool create_sections) {
    auto parts = split_path(path);
    YAML::Node cur = root_;
    std::string walked;
    for (std::size_t i = 0; i + 1 < parts.size(); ++i) {
        // A dated change's `set:` has whole paths as its keys (classes.x.arrivals.rate): the
        // longest of them the rest of the path begins with is one part, and where none does,
        // a new one is the whole rest.
        if (cur.IsMap() && !cur[parts[i]] && walked_is_change_set(walked)) {
            std::size_t end = parts.size();
            for (; end > i + 1; --end)
                if (cur[join_path(parts, i, end)]) break;
            if (end == i + 1) end = parts.size();
            parts[i] = join_path(parts, i, end);
            parts.erase(parts.begin() + static_cast<std::ptrdiff_t>(i) + 1, parts.begin() + static_cast<std::ptrdiff_t>(end));
            if (i + 1 == parts.size()) break;
        }
        walked += (walked.empty() ? "" : ".") + parts[i];
        YAML::Node next = cur.IsSequence() ? list_item(cur, parts[i]) : YAML::Node(YAML::NodeType::Undefined);
        if (cur.IsMap() && cur[parts[i]]) next.reset(cur[parts[i]]);
        if (create_sections && cur.IsMap() && !cur[parts[i]]) {
            cur[parts[i]] = YAML::Node(YAML::NodeType::Map);
            next.reset(cur[parts[i]]);
            overridden_[walked] = where;  // an error about the made section is one of the change's
        }
        if (!next.IsDefined() || !(next.IsMap() || next.IsSequence()))
            throw InputError(where, say("'{}' is not a section of the scenario", walked),
                             say("the path must follow the scenario's keys, e.g. units.<unit id>.capacity; an item "
                                 "of a list by its name or its place from 0, e.g. costs.ed_visit.per_admission"));
        cur.reset(next);
    }
    if (parts.empty() || !cur.IsMap())
        throw InputError(where, say("cannot set '{}'", path), say("the last part must be a key in a mapping"));
    cur[parts.back()] = value;
    overridden_[path] = where;
}

std::string ScenarioDocument::canonical_text() const {
    YAML::Emitter out;
    out << root_;
    return out.c_str();
}

std::string ScenarioDocument::content_hash() const {
    return fmt::format("{:016x}", sim::fnv1a64(canonical_text()));
}

SourceLocation ScenarioDocument::locate(const YAML::Node& node, const std::string& path) const {
    for (const auto& [overridden, origin] : overridden_)
        if (path == overridden || path.rfind(overridden + ".", 0) == 0) {
            // A --set has no line; a value from the file (a dated change) is found where it is written.
            if (origin.line <= 0 || node.Mark().line < 0) return origin;
            return {origin.file, node.Mark().line + 1, node.Mark().column + 1};
        }
    // The file the value came from: the longest recorded prefix of its path.
    std::string file = file_;
    for (std::string p = path;; p = p.substr(0, p.rfind('.'))) {
        const auto it = origin_.find(p);
        if (it != origin_.end()) {
            file = it->second;
            break;
        }
        if (p.find('.') == std::string::npos) break;
    }
    const YAML::Mark mark = node.Mark();
    if (mark.line < 0) return {file, 0, 0};
    return {file, mark.line + 1, mark.column + 1};
}

Field Field::required(const std::string& key) const {
    if (!has(key)) {
        const auto name = path_.empty() ? key : path_ + "." + key;
        fail(say("'{}' is missing", name), say("add '{}:' here", key));
    }
    return child(key);
}

std::vector<std::string> Field::keys() const {
    std::vector<std::string> out;
    if (node_.IsMap())
        for (const auto& kv : node_) out.push_back(kv.first.as<std::string>());
    return out;
}

Field Field::at(std::size_t i) const { return Field(*doc_, node_[i], fmt::format("{}.{}", path_, i)); }

void Field::expect_map(const std::vector<std::string_view>& allowed, const Message& what) const {
    if (!node_.IsMap())
        fail(say("'{}' must be a mapping ({})", path_, what), say("write it as 'key: value' lines indented under it"));
    std::vector<std::string> names(allowed.begin(), allowed.end());
    // The previous key and its value. (YAML::Node's assignment writes into the node it refers
    // to, so the value is held by reset, never assigned.)
    std::string previous_key;
    YAML::Node previous_value(YAML::NodeType::Undefined);
    for (const auto& kv : node_) {
        const auto key = kv.first.as<std::string>();
        const std::string before_key = std::exchange(previous_key, key);
        YAML::Node before_value(YAML::NodeType::Undefined);
        before_value.reset(previous_value);
        previous_value.reset(kv.second);
        if (std::find(names.begin(), names.end(), key) != names.end()) continue;
        // In a flow mapping "{mean: 6,5d}" the comma ends the value: YAML reads mean: 6 and a
        // key "5d" without a value. Name the decimal comma rather than the strange key.
        if (!before_key.empty() && !key.empty() && std::isdigit(static_cast<unsigned char>(key.front())) &&
            kv.second.IsNull() && before_value.IsScalar() && !before_value.Scalar().empty() &&
            std::isdigit(static_cast<unsigned char>(before_value.Scalar().back()))) {
            const std::string written = before_value.Scalar() + "," + key;
            const std::string where = path_.empty() ? before_key : path_ + "." + before_key;
            throw InputError(doc_->locate(before_value, where),
                             decimal_comma_message(where, written), decimal_comma_hint());
        }
        const std::string guess = nearest(key, names);
        const Message hint = guess.empty() ? say("the keys allowed here are: {}", fmt::format("{}", fmt::join(names, ", ")))
                                           : say("did you mean '{}'?", guess);
        const std::string where = path_.empty() ? key : path_ + "." + key;
        throw InputError(doc_->locate(kv.first, where), say("unknown key '{}' in {}", key, what), hint);
    }
}

void Field::expect_sequence(const Message& what) const {
    if (!node_.IsSequence()) fail(say("'{}' must be a list ({})", path_, what), say("write it as [a, b, c]"));
}

Message date_problem(std::string_view text) {
    bool form = text.size() == 10 && text[4] == '-' && text[7] == '-';
    for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) form = form && std::isdigit(static_cast<unsigned char>(text[i]));
    return form ? say("'{}' is not a real calendar date", text)
                : say("'{}' is not a date; write it as YYYY-MM-DD, e.g. 2024-01-01", text);
}

void Field::fail(const Message& what, const Message& hint) const {
    throw InputError(doc_->locate(node_, path_), what, hint);
}

void Field::refuse_decimal_comma(const std::string& text) const {
    if (sim::decimal_comma_at(text))
        fail(decimal_comma_message(path_, text), decimal_comma_hint());
}

std::string Field::as_string() const {
    if (!node_.IsScalar())
        fail(node_.IsMap()        ? say("'{}' must be a single value, not a mapping", path_)
             : node_.IsSequence() ? say("'{}' must be a single value, not a list", path_)
                                  : say("'{}' must be a single value, not a missing value", path_),
             say("write one value after the colon"));
    return node_.Scalar();
}

Text Field::as_text() const {
    Text text;
    if (!node_.IsMap()) {
        text.plain = as_string();
        return text;
    }
    std::vector<std::string_view> languages(std::begin(text_languages), std::end(text_languages));
    expect_map(languages, say("a text per language, e.g. {{sv: Avdelning 7, en: Ward 7}}"));
    for (const auto& language : keys()) text.by_language[language] = child(language).as_string();
    const auto english = text.by_language.find("en");
    text.plain = english != text.by_language.end() ? english->second : text.by_language.begin()->second;
    return text;
}

std::string Field::as_identifier() const {
    const std::string s = as_string();
    if (!is_identifier(s)) fail(say("'{}' is not a valid name", s), identifier_rule());
    return s;
}

double Field::as_number(double min, double max) const {
    const std::string s = as_string();
    refuse_decimal_comma(s);
    double value = 0;
    try {
        std::size_t used = 0;
        value = std::stod(s, &used);
        if (used != s.size()) throw std::invalid_argument(s);
    } catch (const std::exception&) {
        fail(say("'{}' must be a number, not '{}'", path_, s), say("write a plain number, e.g. 2 or 0.5"));
    }
    if (!std::isfinite(value) || value < min || value > max)
        fail(say("'{}' is {}, outside the sensible range {}..{}", path_, s, min, max), say("check the value and its unit"));
    return value;
}

long long Field::as_integer(long long min, long long max) const {
    // Digits are read exactly; only forms like 1e3 or 16.0 go through a double, which is exact
    // up to 2^53.
    const std::string s = as_string();
    refuse_decimal_comma(s);
    long long exact = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), exact);
    if (end == s.data() + s.size() && error != std::errc::invalid_argument) {
        if (error == std::errc::result_out_of_range || exact < min || exact > max)
            fail(say("'{}' is {}, outside the sensible range {}..{}", path_, s, min, max), say("check the value and its unit"));
        return exact;
    }
    constexpr double exact_limit = 9007199254740992.0;  // 2^53
    const double value = as_number(std::max(static_cast<double>(min), -exact_limit),
                                   std::min(static_cast<double>(max), exact_limit));
    if (value != std::floor(value))
        fail(say("'{}' must be a whole number, not {}", path_, s), say("write it without decimals"));
    return static_cast<long long>(value);
}

std::uint64_t Field::as_seed() const {
    const std::string s = as_string();
    std::uint64_t seed = 0;
    const auto [end, error] = std::from_chars(s.data(), s.data() + s.size(), seed);
    if (s.empty() || end != s.data() + s.size() || error != std::errc())
        fail(say("'{}' must be a whole number from 0 to 18446744073709551615, not '{}'", path_, s),
             say("write the seed as plain digits, e.g. 1 or 20240101; it is read exactly"));
    return seed;
}

double Field::as_duration_days(double min_days, double max_days) const {
    const std::string s = as_string();
    refuse_decimal_comma(s);
    double days = 0;
    try {
        days = sim::parse_duration_days(s);
    } catch (const sim::QuantityError& e) {
        fail(quantity_problem(e), say("durations carry a unit: 8h, 9d, 2w, 4mo, 1y, or in Swedish 8 timmar, 9 dagar, "
                                      "2 veckor, 4 månader, 1 år"));
    }
    if (days < min_days || days > max_days)
        fail(say("'{}' is {}, outside the sensible range {}..{}", path_, s, sim::format_duration(min_days),
                 sim::format_duration(max_days)),
             say("check the number and its unit"));
    return days;
}

double Field::as_rate_per_day(double max_per_day) const {
    const std::string s = as_string();
    refuse_decimal_comma(s);
    double rate = 0;
    try {
        rate = sim::parse_rate_per_day(s);
    } catch (const sim::QuantityError& e) {
        fail(quantity_problem(e),
             say("rates carry a unit: 700/year, 1.65/day, 3/week, or in Swedish 700 per år, 3 per vecka"));
    }
    if (rate < 0 || rate > max_per_day)
        fail(say("'{}' is {}, outside the sensible range 0..{}/day", path_, s, max_per_day),
             say("check the number and its unit"));
    return rate;
}

double Field::as_share() const {
    const std::string s = as_string();
    refuse_decimal_comma(s);
    // "60 %" and "60%" are 0.6; a plain number is the share itself.
    std::string_view text = s;
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    if (text.empty() || text.back() != '%') {
        const double share = as_number(-1e300, 1e300);
        if (share < 0 || share > 1)
            fail(say("'{}' is {}, outside the shares 0..1", path_, s),
                 say("write a share from 0 to 1, e.g. 0.6, or a percentage, e.g. 60 %"));
        return share;
    }
    text.remove_suffix(1);
    while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
    double percent = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), percent);
    if (text.empty() || end != text.data() + text.size() || error != std::errc())
        fail(say("'{}' must be a share, not '{}'", path_, s), say("write a percentage, e.g. 60 %, or a share, e.g. 0.6"));
    if (!std::isfinite(percent) || percent < 0 || percent > 100)
        fail(say("'{}' is {}, outside 0 %..100 %", path_, s),
             say("write a percentage from 0 % to 100 %, e.g. 60 %, or a share from 0 to 1, e.g. 0.6"));
    return percent / 100;
}

std::vector<double> Field::as_numbers(double min, double max) const {
    expect_sequence(say("numbers"));
    std::vector<double> out;
    for (std::size_t i = 0; i < size(); ++i) out.push_back(at(i).as_number(min, max));
    return out;
}

}  // namespace kapsim::models
