#include "app/report/scenario_sources.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>

#include <fmt/format.h>

namespace kapsim::app::report {
namespace {

namespace fs = std::filesystem;

std::string trim(std::string_view s) {
    const auto a = s.find_first_not_of(" \t\r\n");
    if (a == std::string_view::npos) return "";
    const auto b = s.find_last_not_of(" \t\r\n");
    return std::string(s.substr(a, b - a + 1));
}

std::optional<std::string> read_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

// Where the comment starts: a '#' outside quotes, at the start or after white space.
std::size_t comment_start(const std::string& line) {
    bool single = false, dbl = false;
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (c == '\'' && !dbl) single = !single;
        else if (c == '"' && !single) dbl = !dbl;
        else if (c == '#' && !single && !dbl && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) return i;
    }
    return std::string::npos;
}

// The comment tags are matched by hand, one pass over the text: std::regex recurses once per
// character it repeats over and overflows the stack on a long line (a value list of 6 000
// numbers, a 30 000-character description).
bool is_word_char(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }
bool is_space(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }

bool equals_ignoring_ascii_case(std::string_view text, std::size_t at, std::string_view word) {
    if (at + word.size() > text.size()) return false;
    for (std::size_t i = 0; i < word.size(); ++i)
        if (std::tolower(static_cast<unsigned char>(text[at + i])) != std::tolower(static_cast<unsigned char>(word[i])))
            return false;
    return true;
}

// The length of the first of `words` that stands as a whole word at `at`, or 0.
std::size_t word_at(std::string_view text, std::size_t at, std::initializer_list<std::string_view> words) {
    if (at > 0 && is_word_char(text[at - 1])) return 0;
    for (const auto word : words)
        if (equals_ignoring_ascii_case(text, at, word) &&
            (at + word.size() == text.size() || !is_word_char(text[at + word.size()])))
            return word.size();
    return 0;
}

// Past the white space, one optional ':', '-' or '–', and the white space after it.
std::size_t past_separator(std::string_view text, std::size_t at) {
    while (at < text.size() && is_space(text[at])) ++at;
    if (at < text.size() && (text[at] == ':' || text[at] == '-')) ++at;
    else if (text.substr(at, 3) == "\u2013") at += 3;
    while (at < text.size() && is_space(text[at])) ++at;
    return at;
}

// "(range 4d-9d)", "between 120 and 240 days; ...": what follows the first word that
// announces a range, up to ';', ',', ')' or ']'.
std::string extract_range(const std::string& text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto n = word_at(text, at, {"ranges", "range", "intervall", "interval", "spann", "sweep", "between", "mellan"});
        if (n == 0) continue;
        std::size_t from = at + n;
        while (from < text.size() && (is_space(text[from]) || text[from] == ':' || text[from] == '=')) ++from;
        const auto to = text.find_first_of(";,)]", from);
        if (to == from || from == text.size()) continue;
        std::string r = trim(std::string_view(text).substr(from, to == std::string::npos ? std::string::npos : to - from));
        while (!r.empty() && (r.back() == '.' || r.back() == ',')) r.pop_back();
        return r;
    }
    return "";
}

// "seed 004_x.txt:2540" anywhere: the word seed, white space, then a word with ':' and a digit.
bool cites_a_seed_line(std::string_view text) {
    for (std::size_t at = 0; at < text.size(); ++at) {
        const auto n = word_at(text, at, {"seed"});
        if (n == 0) continue;
        std::size_t from = at + n;
        if (from >= text.size() || !is_space(text[from])) continue;
        while (from < text.size() && is_space(text[from])) ++from;
        std::size_t end = from;
        while (end < text.size() && !is_space(text[end])) ++end;
        for (std::size_t i = from + 1; i + 1 < end; ++i)
            if (text[i] == ':' && std::isdigit(static_cast<unsigned char>(text[i + 1]))) return true;
    }
    return false;
}

// What follows " | sv: " in a comment is its last note in Swedish.
constexpr std::string_view swedish_marker = "| sv:";

// Adds text to a note, the part after the Swedish marker to its Swedish text.
void extend(SourceNote& note, const std::string& more) {
    const auto at = more.find(swedish_marker);
    const std::string before = trim(std::string_view(more).substr(0, at));
    std::string& continued = note.text_sv.empty() ? note.text : note.text_sv;  // the language the note is in so far
    if (!before.empty()) continued.append(" ").append(before);
    if (at != std::string::npos) note.text_sv.append(" ").append(trim(std::string_view(more).substr(at + swedish_marker.size())));
    note.text = trim(note.text);
    note.text_sv = trim(note.text_sv);
    if (note.kind == SourceNote::Kind::assumption) note.range = extract_range(note.text);
}

// The notes in one comment: a citation of a listed document, an assumption, a calibrated value,
// a run control, or a citation followed by an assumption.
std::vector<SourceNote> classify(const std::string& whole) {
    const auto marker = whole.find(swedish_marker);
    const std::string comment = trim(std::string_view(whole).substr(0, marker));
    const std::string swedish = marker == std::string::npos ? "" : trim(std::string_view(whole).substr(marker + swedish_marker.size()));
    std::vector<SourceNote> notes;
    std::string before = comment, assumed;
    bool has_assumption = false;
    for (std::size_t at = 0; at < comment.size(); ++at) {
        const auto n = word_at(comment, at, {"ASSUMPTION", "ASSUMED", "ANTAGANDE"});
        if (n == 0) continue;
        has_assumption = true;
        before = trim(std::string_view(comment).substr(0, at));
        while (!before.empty() && (before.back() == ';' || before.back() == ',' || before.back() == '.')) before.pop_back();
        assumed = trim(std::string_view(comment).substr(past_separator(comment, at + n)));
        break;
    }
    if (!before.empty()) {
        const std::string_view b = before;
        if (const auto n = word_at(b, 0, {"CALIBRATED", "KALIBRERAD"}))
            notes.push_back({SourceNote::Kind::calibrated, trim(b.substr(past_separator(b, n))), "", ""});
        else if (const auto m = word_at(b, 0, {"run control", "k\u00f6rinst\u00e4llning"}))
            notes.push_back({SourceNote::Kind::run_control, trim(b.substr(past_separator(b, m))), "", ""});
        else if (word_at(b, 0, {"seed", "source", "k\u00e4lla", "FITTED"}) || cites_a_seed_line(b) || b.find("[k\u00e4lla:") != std::string_view::npos)
            notes.push_back({SourceNote::Kind::source, trim(before), "", ""});
    }
    if (has_assumption) notes.push_back({SourceNote::Kind::assumption, assumed, extract_range(assumed), ""});
    if (!notes.empty() && !swedish.empty()) notes.back().text_sv = swedish;
    return notes;
}

struct Frame {
    std::size_t indent;
    std::string key;     // "beds", "[2]" for a list item, or the item's name
    bool dotless;        // "[2]" follows its parent without a dot
    bool entry = false;  // a list item (a sibling item at the same indent replaces it)
    int next_index = 0;
};

std::string path_of(const std::vector<Frame>& stack) {
    std::string p;
    for (const auto& f : stack) {
        if (!f.dotless && !p.empty()) p += ".";
        p += f.key;
    }
    return p;
}

// "key: value" at the start of `rest`: the key and the value's text. A key is quoted, or
// runs to the first ':' (with no '#' before it); the ':' ends the line or is followed by space.
std::optional<std::pair<std::string, std::string>> key_value(const std::string& rest) {
    if (rest.empty()) return std::nullopt;
    std::string key;
    std::size_t at = 0;
    if (rest[0] == '"' || rest[0] == '\'') {
        const auto close = rest.find(rest[0], 1);
        if (close == std::string::npos) return std::nullopt;
        key = rest.substr(1, close - 1);
        at = close + 1;
        while (at < rest.size() && is_space(rest[at])) ++at;
    } else {
        if (is_space(rest[0]) || std::string_view("\"'#{}[],:").find(rest[0]) != std::string_view::npos)
            return std::nullopt;
        at = rest.find_first_of(":#");
        if (at == std::string::npos || rest[at] == '#') return std::nullopt;
        key = rest.substr(0, at);
        while (!key.empty() && is_space(key.back())) key.pop_back();
    }
    if (at >= rest.size() || rest[at] != ':') return std::nullopt;
    ++at;
    if (at == rest.size()) return std::make_pair(key, std::string());
    if (!is_space(rest[at]) || rest.find_first_of("\n\r", at) != std::string::npos) return std::nullopt;
    return std::make_pair(key, trim(std::string_view(rest).substr(at)));
}

// "{name: hvb_day, ...}": the name of a list item written in flow style, or empty.
std::string flow_name(std::string_view item) {
    if (item.empty() || item[0] != '{') return "";
    std::size_t at = 1;
    while (at < item.size() && is_space(item[at])) ++at;
    if (item.substr(at, 4) != "name") return "";
    at += 4;
    while (at < item.size() && is_space(item[at])) ++at;
    if (at >= item.size() || item[at] != ':') return "";
    ++at;
    while (at < item.size() && is_space(item[at])) ++at;
    const auto end = item.find_first_of(",}", at);
    return std::string(item.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
}

std::vector<std::string> normalized_words(std::string s) {
    // Fold the Swedish letters so "Västernorrland" matches "vasternorrland".
    for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
             {"å", "a"}, {"ä", "a"}, {"ö", "o"}, {"Å", "a"}, {"Ä", "a"}, {"Ö", "o"}, {"é", "e"}}) {
        for (std::size_t at = s.find(from); at != std::string::npos; at = s.find(from, at)) s.replace(at, from.size(), to);
    }
    std::string out;
    for (char c : s) out += std::isalnum(static_cast<unsigned char>(c)) ? static_cast<char>(std::tolower(static_cast<unsigned char>(c))) : ' ';
    std::vector<std::string> words;
    std::istringstream in(out);
    for (std::string w; in >> w;) words.push_back(w);
    return words;
}

std::string normalized(const std::string& s) {
    std::string out;
    for (const auto& w : normalized_words(s)) out += (out.empty() ? "" : " ") + w;
    return out;
}

bool ends_with_words(const std::string& text, const std::string& tail) {
    return !tail.empty() && text.size() >= tail.size() && text.compare(text.size() - tail.size(), tail.size(), tail) == 0 &&
           (text.size() == tail.size() || text[text.size() - tail.size() - 1] == ' ');
}

// A section heading that names a scenario file: "vasternorrland/avd7-13.yaml".
bool names_a_yaml_file(const std::string& heading) { return heading.find(".yaml") != std::string::npos; }

bool heading_names_file(const std::string& heading, const std::string& file) {
    return ends_with_words(normalized(file), normalized(heading));
}

std::string unquoted(std::string cell) {
    cell = trim(cell);
    if (cell.size() >= 2 && cell.front() == '`' && cell.back() == '`') cell = cell.substr(1, cell.size() - 2);
    return cell;
}

std::vector<std::string> cells_of(std::string line) {
    line = trim(line);
    if (!line.empty() && line.front() == '|') line.erase(0, 1);
    if (!line.empty() && line.back() == '|') line.pop_back();
    std::vector<std::string> cells;
    std::string cell;
    for (char c : line) {
        if (c == '|') {
            cells.push_back(trim(cell));
            cell.clear();
        } else {
            cell += c;
        }
    }
    cells.push_back(trim(cell));
    return cells;
}

// The rows of the tables in a section that have a path column and a range column.
void read_tables(const std::string& heading, const std::string& text, std::vector<AssumptionEntry>& out) {
    std::istringstream in(text);
    int path_col = -1, range_col = -1, sweep_col = -1;
    bool in_table = false;
    for (std::string line; std::getline(in, line);) {
        const std::string t = trim(line);
        if (t.empty() || t.front() != '|') {
            in_table = false;
            continue;
        }
        const auto cells = cells_of(t);
        if (!in_table) {  // the header row
            in_table = true;
            path_col = range_col = sweep_col = -1;
            for (std::size_t i = 0; i < cells.size(); ++i) {
                const auto name = normalized(cells[i]);
                if (name == "path" || name == "parameter" || name == "sokvag") path_col = static_cast<int>(i);
                else if (name.find("range") != std::string::npos || name.find("intervall") != std::string::npos) range_col = static_cast<int>(i);
                else if (name.find("sweep") != std::string::npos || name.find("provas") != std::string::npos) sweep_col = static_cast<int>(i);
            }
            continue;
        }
        if (t.find("---") != std::string::npos && t.find_first_not_of("|-: ") == std::string::npos) continue;
        if (path_col < 0 || range_col < 0 || static_cast<std::size_t>(std::max(path_col, range_col)) >= cells.size()) continue;
        const std::string range = cells[static_cast<std::size_t>(range_col)];
        const std::string sweep = sweep_col >= 0 && static_cast<std::size_t>(sweep_col) < cells.size()
                                      ? cells[static_cast<std::size_t>(sweep_col)] : "";
        // "`a.b`, `c.d`": one entry per path named.
        std::istringstream paths(cells[static_cast<std::size_t>(path_col)]);
        for (std::string p; std::getline(paths, p, ',');)
            if (!unquoted(p).empty()) out.push_back({heading, unquoted(p), range == "-" ? "" : range, sweep});
    }
}

}  // namespace

const AssumptionEntry* AssumptionsDocument::find(const std::string& scenario_file, const std::string& path) const {
    const AssumptionEntry* any = nullptr;
    for (const auto& e : entries) {
        if (e.path != path) continue;
        if (heading_names_file(e.section, scenario_file)) return &e;
        if (!any) any = &e;
    }
    return any;
}

AssumptionsDocument read_assumptions_markdown(const std::string& file, const std::string& markdown,
                                              const std::vector<std::string>& scenario_files) {
    AssumptionsDocument doc{file, true, "", {}};
    std::vector<std::pair<std::string, std::string>> sections{{"", ""}};  // heading, text
    std::istringstream in(markdown);
    bool fenced = false;
    for (std::string line; std::getline(in, line);) {
        if (line.rfind("```", 0) == 0) fenced = !fenced;
        if (!fenced && line.rfind("## ", 0) == 0) sections.push_back({trim(line.substr(3)), ""});
        sections.back().second += line + "\n";
    }
    for (const auto& [heading, text] : sections) {
        const bool ours = std::any_of(scenario_files.begin(), scenario_files.end(),
                                      [&heading = heading](const std::string& f) { return heading_names_file(heading, f); });
        if (names_a_yaml_file(heading) && !ours) continue;  // about another scenario
        doc.markdown += text;
        if (ours) read_tables(heading, text, doc.entries);
    }
    return doc;
}


std::size_t ScenarioSources::count(SourceNote::Kind kind) const {
    std::size_t n = 0;
    for (const auto& f : files) {
        for (const auto& note : f.file_notes) n += note.kind == kind;
        for (const auto& row : f.rows)
            for (const auto& note : row.notes) n += note.kind == kind;
    }
    return n;
}

ScenarioFileSources parse_scenario_comments(const std::string& file, const std::string& text) {
    ScenarioFileSources out;
    out.file = file;
    out.readable = true;
    std::vector<Frame> stack;
    int top_index = 0;
    std::vector<SourceNote> pending;  // comments on their own lines, waiting for the value they describe
    bool previous_was_comment = false;
    bool header = true;  // comments before the first value are about the whole file
    std::istringstream in(text);
    int line_number = 0;
    for (std::string line; std::getline(in, line);) {
        ++line_number;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        const auto hash = comment_start(line);
        const std::string content = hash == std::string::npos ? line : line.substr(0, hash);
        const std::string comment = hash == std::string::npos ? "" : trim(std::string_view(line).substr(hash + 1));
        if (trim(content).empty()) {
            if (hash == std::string::npos) {  // a blank line: comments above it are about the whole file
                out.file_notes.insert(out.file_notes.end(), pending.begin(), pending.end());
                pending.clear();
                previous_was_comment = false;
                continue;
            }
            auto notes = classify(comment);
            if (!notes.empty()) {
                auto& to = header ? out.file_notes : pending;
                to.insert(to.end(), notes.begin(), notes.end());
            } else if (auto& to = header ? out.file_notes : pending; previous_was_comment && !to.empty() && !comment.empty()) {
                // A tagged comment continued on the next line.
                extend(to.back(), comment);
            }
            previous_was_comment = true;
            continue;
        }
        previous_was_comment = false;
        header = false;
        if (line.find('\t') == 0 || content.find_first_not_of(' ') == std::string::npos) continue;
        const std::size_t leading = content.find_first_not_of(' ');
        const std::string rest = trim(content);
        std::string value;
        bool is_row = false;
        if (rest == "-" || rest.rfind("- ", 0) == 0) {
            while (!stack.empty() && (stack.back().indent > leading || (stack.back().indent == leading && stack.back().entry)))
                stack.pop_back();
            const int index = stack.empty() ? top_index++ : stack.back().next_index++;
            const std::string item = rest.size() > 1 ? trim(rest.substr(2)) : "";
            const auto kv = item.empty() || item[0] == '{' || item[0] == '[' ? std::nullopt : key_value(item);
            // An item with a name is called by it, as ASSUMPTIONS.md does: costs.hvb_day.
            std::string name;
            if (kv && kv->first == "name") name = kv->second;
            else name = flow_name(item);
            name = trim(name);
            if (name.size() >= 2 && (name.front() == '"' || name.front() == '\'')) name = name.substr(1, name.size() - 2);
            stack.push_back({leading, name.empty() ? fmt::format("[{}]", index) : name, name.empty(), true});
            if (kv) {
                const std::size_t key_indent = leading + 2 + (rest.substr(2).find_first_not_of(' '));
                stack.push_back({key_indent, kv->first, false});
                value = kv->second;
            } else {
                value = item;
            }
            is_row = true;
        } else if (const auto kv = key_value(rest)) {
            while (!stack.empty() && stack.back().indent >= leading) stack.pop_back();
            stack.push_back({leading, kv->first, false});
            value = kv->second;
            is_row = true;
            if (stack.size() == 1 && kv->first == "extends") {
                out.extends = value;
                if (out.extends.size() >= 2 && (out.extends.front() == '"' || out.extends.front() == '\''))
                    out.extends = out.extends.substr(1, out.extends.size() - 2);
            }
        }
        if (!is_row) continue;  // the continuation of a value written over several lines
        auto notes = pending;
        pending.clear();
        if (!comment.empty()) {
            const auto trailing = classify(comment);
            notes.insert(notes.end(), trailing.begin(), trailing.end());
        }
        // What is said just above `extends:` is about the whole file.
        if (stack.size() == 1 && stack.back().key == "extends") {
            out.file_notes.insert(out.file_notes.end(), notes.begin(), notes.end());
            notes.clear();
        }
        // A key that only opens a block is listed only when something is said about it.
        if (value.empty() && notes.empty()) continue;
        out.rows.push_back({path_of(stack), value, line_number, std::move(notes)});
    }
    out.file_notes.insert(out.file_notes.end(), pending.begin(), pending.end());
    return out;
}

ScenarioSources read_scenario_sources(const std::vector<std::string>& scenario_files) {
    ScenarioSources out;
    std::set<std::string> seen;
    std::vector<std::string> queue(scenario_files.begin(), scenario_files.end());
    std::vector<std::string> read;
    for (std::size_t i = 0; i < queue.size() && i < 64; ++i) {
        const std::string file = queue[i];
        std::error_code ec;
        const auto canonical = fs::weakly_canonical(file, ec);
        if (!seen.insert(ec ? file : canonical.string()).second) continue;
        read.push_back(ec ? file : canonical.string());
        const auto text = read_file(file);
        if (!text) {
            out.files.push_back({file, "", false, {}, {}});
            continue;
        }
        auto parsed = parse_scenario_comments(file, *text);
        if (!parsed.extends.empty()) queue.push_back((fs::path(file).parent_path() / parsed.extends).lexically_normal().string());
        out.files.push_back(std::move(parsed));
    }

    // ASSUMPTIONS.md beside the scenarios, or up to two folders above them.
    for (const auto& f : scenario_files) {
        fs::path dir = fs::path(f).parent_path();
        for (int up = 0; up < 3 && !out.assumptions; ++up) {
            const fs::path candidate = (dir.empty() ? fs::path(".") : dir) / "ASSUMPTIONS.md";
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec)) {
                const auto read_document = [&](const fs::path& path) {
                    const auto text = read_file(path);
                    return text ? read_assumptions_markdown(path.lexically_normal().string(), *text, read)
                                : AssumptionsDocument{path.lexically_normal().string(), false, "", {}};
                };
                out.assumptions = read_document(candidate);
                const fs::path swedish = candidate.parent_path() / "ASSUMPTIONS.sv.md";
                if (fs::is_regular_file(swedish, ec)) out.assumptions_sv = read_document(swedish);
            }
            dir = dir.empty() ? fs::path("..") : dir / "..";
        }
        if (out.assumptions) break;
    }
    return out;
}

}  // namespace kapsim::app::report
