// The Swedish catalogue (models/swedish_messages.cpp) and the sources stay in step: every English
// template said about a scenario has its Swedish, no Swedish is kept for a template no longer
// said, and no message about a scenario is raised in English alone. The sources are read as
// text: the templates are the literals given to say() (and the few sim/ keeps for the loader).
#include <algorithm>
#include <cctype>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "models/input_error.hpp"
#include "models/message.hpp"
#include "test_support.hpp"

namespace kapsim {
namespace {

namespace fs = std::filesystem;
using models::Message;
using models::say;

// ---- A small reader of C++ text: literals, comments, calls and their arguments. ----

bool is_name_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// Past a literal that starts at `i` ("...", R"d(...)d" or '.'), or `i` itself if none does.
std::size_t past_literal(const std::string& s, std::size_t i) {
    if (s[i] == 'R' && i + 1 < s.size() && s[i + 1] == '"' && (i == 0 || !is_name_char(s[i - 1]))) {
        const std::size_t open = s.find('(', i);
        const std::string close = ")" + s.substr(i + 2, open - i - 2) + "\"";
        const std::size_t end = s.find(close, open);
        return end == std::string::npos ? s.size() : end + close.size();
    }
    if (s[i] == '\'' && i > 0 && std::isalnum(static_cast<unsigned char>(s[i - 1]))) return i;  // 1'000
    if (s[i] != '"' && s[i] != '\'') return i;
    const char quote = s[i];
    for (std::size_t j = i + 1; j < s.size(); ++j) {
        if (s[j] == '\\') ++j;
        else if (s[j] == quote) return j + 1;
    }
    return s.size();
}

std::size_t past_comment(const std::string& s, std::size_t i) {
    if (s.compare(i, 2, "//") == 0) {
        const auto end = s.find('\n', i);
        return end == std::string::npos ? s.size() : end;
    }
    if (s.compare(i, 2, "/*") == 0) {
        const auto end = s.find("*/", i);
        return end == std::string::npos ? s.size() : end + 2;
    }
    return i;
}

// The next index not inside a literal or a comment, from `i` (which may start one).
std::size_t skip(const std::string& s, std::size_t i) {
    for (;;) {
        std::size_t j = past_literal(s, i);
        if (j == i) j = past_comment(s, i);
        if (j == i) return i;
        i = j;
    }
}

// The index of the bracket that closes the one at `open`.
std::size_t closing(const std::string& s, std::size_t open) {
    int depth = 0;
    for (std::size_t i = open; i < s.size();) {
        const std::size_t j = skip(s, i);
        if (j != i) {
            i = j;
            continue;
        }
        if (s[i] == '(' || s[i] == '[' || s[i] == '{') ++depth;
        if ((s[i] == ')' || s[i] == ']' || s[i] == '}') && --depth == 0) return i;
        ++i;
    }
    return s.size();
}

struct Span {
    std::size_t begin, end;
};

// The arguments of the call whose '(' is at `open`.
std::vector<Span> arguments(const std::string& s, std::size_t open) {
    const std::size_t close = closing(s, open);
    std::vector<Span> out;
    std::size_t start = open + 1;
    int depth = 0;
    for (std::size_t i = open + 1; i < close;) {
        const std::size_t j = skip(s, i);
        if (j != i) {
            i = j;
            continue;
        }
        if (s[i] == '(' || s[i] == '[' || s[i] == '{') ++depth;
        if (s[i] == ')' || s[i] == ']' || s[i] == '}') --depth;
        if (s[i] == ',' && depth == 0) {
            out.push_back({start, i});
            start = i + 1;
        }
        ++i;
    }
    if (s.find_first_not_of(" \t\n", start) < close) out.push_back({start, close});
    return out;
}

// The value of a literal's text ("a\"b" -> a"b); \n and \t as such, other escapes kept.
std::string literal_value(std::string_view text) {
    std::string out;
    for (std::size_t i = 1; i + 1 < text.size(); ++i) {
        if (text[i] == '\\' && i + 2 < text.size()) {
            const char c = text[++i];
            out += c == 'n' ? '\n' : c == 't' ? '\t' : c;
        } else {
            out += text[i];
        }
    }
    return out;
}

// Groups of adjacent string literals at the top level of a span (both branches of a ?:).
std::vector<std::string> literals(const std::string& s, Span span) {
    std::vector<std::string> out;
    int depth = 0;
    bool joining = false;
    for (std::size_t i = span.begin; i < span.end;) {
        if (s[i] == '"' && depth == 0) {
            const std::size_t j = past_literal(s, i);
            const std::string value = literal_value(std::string_view(s).substr(i, j - i));
            if (joining) out.back() += value;
            else out.push_back(value);
            joining = true;
            i = j;
            continue;
        }
        const std::size_t j = skip(s, i);
        if (j != i) {
            i = j;  // a comment between two literals keeps them one
            continue;
        }
        if (!std::isspace(static_cast<unsigned char>(s[i]))) joining = false;
        if (s[i] == '(' || s[i] == '[' || s[i] == '{') ++depth;
        if (s[i] == ')' || s[i] == ']' || s[i] == '}') --depth;
        ++i;
    }
    return out;
}

// Whether a span holds, at its top level, `word` (e.g. "fmt::format(" or ".what()").
bool holds_at_top(const std::string& s, Span span, std::string_view word) {
    int depth = 0;
    for (std::size_t i = span.begin; i < span.end;) {
        const std::size_t j = skip(s, i);
        if (j != i) {
            i = j;
            continue;
        }
        if (depth == 0 && s.compare(i, word.size(), word) == 0) return true;
        if (s[i] == '(' || s[i] == '[' || s[i] == '{') ++depth;
        if (s[i] == ')' || s[i] == ']' || s[i] == '}') --depth;
        ++i;
    }
    return false;
}

struct Call {
    std::size_t open;  // its '('
    std::size_t line;
};

// Every call of `name` (a word followed by '('), outside literals and comments.
std::vector<Call> calls(const std::string& s, std::string_view name) {
    std::vector<Call> out;
    std::size_t line = 1;
    for (std::size_t i = 0; i < s.size();) {
        const std::size_t j = skip(s, i);
        if (j != i) {
            line += static_cast<std::size_t>(std::count(s.begin() + static_cast<long>(i), s.begin() + static_cast<long>(j), '\n'));
            i = j;
            continue;
        }
        if (s[i] == '\n') ++line;
        if (s.compare(i, name.size(), name) == 0 && (i == 0 || !is_name_char(s[i - 1]))) {
            std::size_t k = i + name.size();
            while (k < s.size() && s[k] == ' ') ++k;
            if (k < s.size() && s[k] == '(') out.push_back({k, line});
        }
        ++i;
    }
    return out;
}

// ---- The sources. ----

std::vector<fs::path> sources_in(const std::string& folder) {
    std::vector<fs::path> out;
    for (const auto& entry : fs::directory_iterator(testing::source_path(folder))) {
        const auto ext = entry.path().extension();
        if (ext == ".cpp" || ext == ".hpp") out.push_back(entry.path());
    }
    std::sort(out.begin(), out.end());
    return out;
}

// The validator: the scenario's reading and checking, and check's face in app/.
std::vector<fs::path> validator_sources() {
    auto out = sources_in("models");
    for (const char* file : {"app/studio/scenario_check_json.cpp", "app/run_command.cpp", "app/work_estimate.cpp"})
        out.push_back(testing::source_path(file));
    return out;
}

// English template -> where it is said.
std::map<std::string, std::string> templates_in_sources() {
    std::map<std::string, std::string> out;
    const auto add = [&](const std::string& text, const fs::path& file, std::size_t line) {
        out.emplace(text, fmt::format("{}:{}", file.filename().string(), line));
    };
    for (const auto& file : validator_sources()) {
        const std::string s = testing::read_text(file);
        for (const auto& call : calls(s, "say")) {
            const auto args = arguments(s, call.open);
            if (!args.empty())
                for (const auto& text : literals(s, args[0])) add(text, file, call.line);
        }
    }
    // sim/ keeps the template of a duration's or rate's problem for the loader to translate, and
    // says a distribution's wrong parameter in a fixed sentence.
    const fs::path quantity = testing::source_path("sim/quantity.cpp");
    const std::string q = testing::read_text(quantity);
    for (const auto& call : calls(q, "QuantityError")) {
        const auto args = arguments(q, call.open);
        if (!args.empty())
            for (const auto& text : literals(q, args[0])) add(text, quantity, call.line);
    }
    const auto at = q.find("decimal_comma_template =");
    if (at != std::string::npos)
        for (const auto& text : literals(q, {at, q.find(';', at)})) add(text, quantity, 0);
    const fs::path distribution = testing::source_path("sim/distribution.cpp");
    const std::string d = testing::read_text(distribution);
    for (const auto& call : calls(d, "require")) {
        const auto args = arguments(d, call.open);
        if (args.size() == 2)
            for (const auto& text : literals(d, args[1])) add(text, distribution, call.line);
    }
    return out;
}

std::set<std::string> catalogue_keys() {
    std::set<std::string> out;
    for (const auto& entry : models::swedish_catalogue()) out.emplace(entry.en);
    return out;
}

TEST(MessageCatalogueTest, TheSourceReaderFindsTemplatesAsWritten) {
    // The reader this test relies on, on a piece of text with the forms the sources use.
    const std::string s = R"(f.fail(say("'{}' is missing" // why
                                          " here", path), cond ? say("a") : say("b {}", x));
        throw InputError(at, fmt::format("old {}", x), "plain");)";
    const auto says = calls(s, "say");
    ASSERT_EQ(says.size(), 3u);
    EXPECT_EQ(literals(s, arguments(s, says[0].open)[0]), std::vector<std::string>{"'{}' is missing here"});
    const auto thrown = calls(s, "InputError");
    ASSERT_EQ(thrown.size(), 1u);
    const auto args = arguments(s, thrown[0].open);
    ASSERT_EQ(args.size(), 3u);
    EXPECT_TRUE(holds_at_top(s, args[1], "fmt::format("));
    EXPECT_EQ(literals(s, args[2]), std::vector<std::string>{"plain"});
}

TEST(MessageCatalogueTest, EveryEnglishTemplateSaidAboutAScenarioHasItsSwedish) {
    const auto keys = catalogue_keys();
    const auto templates = templates_in_sources();
    EXPECT_GT(templates.size(), 250u) << "the reader of the sources found too few templates";
    for (const auto& [text, where] : templates)
        EXPECT_TRUE(keys.count(text)) << where << ": no Swedish in models/swedish_messages.cpp for\n  \"" << text << "\"";
}

TEST(MessageCatalogueTest, NoSwedishIsKeptForATemplateNoLongerSaid) {
    const auto templates = templates_in_sources();
    for (const auto& key : catalogue_keys())
        EXPECT_TRUE(templates.count(key)) << "models/swedish_messages.cpp keeps a translation nobody says:\n  \"" << key
                                          << "\"";
}

TEST(MessageCatalogueTest, EachEnglishTemplateIsTranslatedOnce) {
    std::set<std::string_view> seen;
    for (const auto& entry : models::swedish_catalogue())
        EXPECT_TRUE(seen.insert(entry.en).second) << "twice in the catalogue: " << entry.en;
}

// The values a template names: {} in order, or {0}, {1}.
std::size_t values_named(std::string_view t, std::size_t* highest_index = nullptr) {
    std::size_t automatic = 0, highest = 0;
    bool any_index = false;
    for (std::size_t i = 0; i < t.size(); ++i) {
        if (t[i] == '{' && i + 1 < t.size() && t[i + 1] == '{') {
            ++i;
            continue;
        }
        if (t[i] != '{') continue;
        if (std::isdigit(static_cast<unsigned char>(t[i + 1]))) {
            any_index = true;
            highest = std::max(highest, static_cast<std::size_t>(std::stoul(std::string(t.substr(i + 1)))));
        } else {
            ++automatic;
        }
    }
    if (highest_index) *highest_index = highest;
    return any_index ? std::max(automatic, highest + 1) : automatic;
}

TEST(MessageCatalogueTest, SwedishNamesOnlyTheValuesItsEnglishGivesAndNamesThemByPlace) {
    for (const auto& entry : models::swedish_catalogue()) {
        const std::size_t english = values_named(entry.en);
        std::size_t highest = 0;
        const std::size_t swedish = values_named(entry.sv, &highest);
        EXPECT_LE(swedish, english) << entry.sv;
        if (english > 0 && swedish > 0) {
            EXPECT_EQ(entry.sv.find("{}"), std::string_view::npos) << "name values by place, {0}: " << entry.sv;
        }
        // A single word may be the same in both ("destination"); a sentence is not.
        if (entry.en.find(' ') != std::string_view::npos) {
            EXPECT_NE(entry.sv, entry.en) << "not translated: " << entry.en;
        }
    }
}

TEST(MessageCatalogueTest, NoMessageAboutAScenarioIsRaisedInEnglishAlone) {
    // A message given as a plain literal, fmt::format or another error's what() has no Swedish:
    // it must be said with say() (or, for a library's text, say_template()).
    struct Raiser {
        std::string_view name;
        std::size_t first_message;  // the arguments before it are places or keys
    };
    for (const auto& file : validator_sources()) {
        const std::string s = testing::read_text(file);
        for (const Raiser raiser : {Raiser{"fail", 0}, Raiser{"InputError", 1}, Raiser{"expect_map", 1},
                                    Raiser{"expect_sequence", 0}}) {
            for (const auto& call : calls(s, raiser.name)) {
                const auto args = arguments(s, call.open);
                // yaml_limits' own fail(node, what, hint) names the place first.
                const std::size_t first = raiser.name == "fail" && args.size() == 3 ? 1 : raiser.first_message;
                for (std::size_t a = first; a < args.size(); ++a) {
                    const bool english_only = !literals(s, args[a]).empty() ||
                                              holds_at_top(s, args[a], "fmt::format(") ||
                                              holds_at_top(s, args[a], ".what()");
                    EXPECT_FALSE(english_only)
                        << file.filename().string() << ":" << call.line << ": " << raiser.name
                        << "() is given a message in English alone; say it with say() and add its Swedish to "
                           "models/swedish_messages.cpp:\n  "
                        << s.substr(args[a].begin, std::min<std::size_t>(args[a].end - args[a].begin, 160));
                }
            }
        }
    }
}

// ---- The message type itself. ----

TEST(MessageTest, SaysBothLanguagesWithTheSameValues) {
    const Message m = say("'{}' must be a number, not '{}'", "units.avdelning.beds", "tio");
    EXPECT_EQ(m.en, "'units.avdelning.beds' must be a number, not 'tio'");
    EXPECT_EQ(m.sv, "'units.avdelning.beds' måste vara ett tal, inte 'tio'");
    EXPECT_TRUE(m.translated());
    EXPECT_EQ(m.in("sv"), m.sv);
    EXPECT_EQ(m.in("en"), m.en);
}

TEST(MessageTest, SwedishMayReorderTheValuesAndWritesComputedNumbersWithADecimalComma) {
    // "{} name '{}' is not valid" -> "'{1}' är inte ett giltigt namn på en {0}", the noun itself translated.
    const Message name = say("{} name '{}' is not valid", say("unit"), "avd 7");
    EXPECT_EQ(name.en, "unit name 'avd 7' is not valid");
    EXPECT_EQ(name.sv, "'avd 7' är inte ett giltigt namn på en enhet");
    const Message shares = say("the shares in '{}' add up to {:.10g}, not 1", "x", 0.95);
    EXPECT_EQ(shares.en, "the shares in 'x' add up to 0.95, not 1");
    EXPECT_EQ(shares.sv, "andelarna i 'x' blir tillsammans 0,95, inte 1");
}

TEST(MessageTest, ATextWithoutSwedishFallsBackToEnglishAndIsKnownAsSuch) {
    const Message plain("said in English only");
    EXPECT_FALSE(plain.translated());
    EXPECT_EQ(plain.in("sv"), "said in English only");
    const Message joined = models::joined(say("a folder"), "; ", plain);
    EXPECT_FALSE(joined.translated());
}

TEST(MessageTest, AnInputErrorPrintsInEitherLanguage) {
    const models::InputError e({"f.yaml", 3, 7}, say("'{}' is missing", "units"), say("add '{}:' here", "units"));
    EXPECT_STREQ(e.what(), "f.yaml:3:7: error: 'units' is missing\n  hint: add 'units:' here");
    EXPECT_EQ(e.what_in("sv"), "f.yaml:3:7: fel: 'units' saknas\n  tips: lägg till 'units:' här");
    EXPECT_EQ(e.problem(), "'units' is missing");
}

}  // namespace
}  // namespace kapsim
