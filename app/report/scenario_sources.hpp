#pragma once
// Where the scenario's figures come from, read from the scenario files' own comments:
//   beds: 13  # [källa: vn-utredning-2021 §beroendeplatser]
//   # ASSUMPTION: lognormal with sd 6 days; the documents give only the mean (range 4d-9d) | sv: lognormal med sd 6 dagar
// (what follows " | sv: " is the note in Swedish)
//   length_of_stay: {distribution: lognormal, mean: 9d, sd: 6d}
// A comment on its own line belongs to the next value; one after a value to that value; a
// block of comments followed by a blank line to the whole file. Plus the ASSUMPTIONS.md found
// beside the scenarios, if there is one. Whatever the files hold, this never throws: what
// cannot be read is reported as such.
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct SourceNote {
    // "# [källa: ID §PLACE] ...", "# FITTED: FILE, N stays, ..." (estimated by `kapsim fit`, shown
    // as a source), "# ASSUMPTION: ...", "# CALIBRATED: ..." (tuned to reproduce an
    // observed figure), "# run control: ..." (a modelling choice such as the warm-up).
    enum class Kind { source, assumption, calibrated, run_control } kind;
    std::string text;   // the comment, without '#' and the tag
    std::string range;  // for an assumption: "4d-9d" from "(range 4d-9d)"; empty if none given
    std::string text_sv;  // the note in Swedish, after " | sv: "; empty if none given
    // The note in the report's language: the Swedish text where given, else the one written.
    const std::string& in(Language lang) const { return lang == Language::sv && !text_sv.empty() ? text_sv : text; }
};

// One value of a scenario file: its path ("units.ward.beds", "costs[2]", or "costs.beds" for a
// list item with a name, as ASSUMPTIONS.md writes it), the text of the
// value as written, its line, and the notes attached to it.
struct InputRow {
    std::string path;
    std::string value;
    int line = 0;
    std::vector<SourceNote> notes;
};

struct ScenarioFileSources {
    std::string file;
    std::string extends;  // the base file named by `extends:`, as written; empty if none
    bool readable = false;
    std::vector<InputRow> rows;        // every value, in file order
    std::vector<SourceNote> file_notes;  // notes on the whole file
};

// A row of a table in ASSUMPTIONS.md: the assumed value at `path` of a scenario file, with
// the range worth testing and the sweep that tests it.
struct AssumptionEntry {
    std::string section;  // the heading it is under: "vasternorrland/avd7-13.yaml"
    std::string path;
    std::string range;
    std::string sweep;
};

// The markdown of an ASSUMPTIONS.md without the sections about other scenario files (a
// section whose heading names a .yaml file that is not one of these is left out).
struct AssumptionsDocument {
    std::string file;
    bool readable = false;
    std::string markdown;
    std::vector<AssumptionEntry> entries;  // from the tables of the sections kept
    // The entry for `path` in the section of `scenario_file`, or in any section kept.
    const AssumptionEntry* find(const std::string& scenario_file, const std::string& path) const;
};

struct ScenarioSources {
    std::vector<ScenarioFileSources> files;  // each file once, bases after the files that extend them
    std::optional<AssumptionsDocument> assumptions;
    // ASSUMPTIONS.sv.md beside ASSUMPTIONS.md: the same in Swedish, for the Swedish report.
    std::optional<AssumptionsDocument> assumptions_sv;
    // The document in the report's language: the Swedish one where there is one, else the one written.
    const std::optional<AssumptionsDocument>& assumptions_in(Language lang) const {
        return lang == Language::sv && assumptions_sv ? assumptions_sv : assumptions;
    }
    std::size_t count(SourceNote::Kind kind) const;
};

// Reads the files, following `extends:` to their bases, and the ASSUMPTIONS.md beside them
// or up to two folders above (with the ASSUMPTIONS.sv.md beside it, if there is one).
ScenarioSources read_scenario_sources(const std::vector<std::string>& scenario_files);

// The parts of ASSUMPTIONS.md about `scenario_files` (exposed for tests).
AssumptionsDocument read_assumptions_markdown(const std::string& file, const std::string& markdown,
                                              const std::vector<std::string>& scenario_files);

// Parses one file's text (exposed for tests).
ScenarioFileSources parse_scenario_comments(const std::string& file, const std::string& text);

}  // namespace kapsim::app::report
