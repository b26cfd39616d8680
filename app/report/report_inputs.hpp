#pragma once
// The report's appendix of inputs as data: every value of the scenario files with what is
// written beside it, the assumptions with the range worth testing, the parts of ASSUMPTIONS.md
// about these scenarios, and the documents cited. Texts as the report shows them (citations as
// the documents they name, files relative to the folder kapsim ran in), with no markup: the
// HTML report and report-<lang>.json both show this.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/report/results_bundle.hpp"
#include "app/report/scenario_sources.hpp"
#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct InputNote {
    SourceNote::Kind kind;
    std::string text;  // in the report's language, citations resolved
};

struct InputValue {
    std::string path, value;  // "units.avd7.beds", "13"
    int line = 0;
    std::vector<InputNote> notes;
};

struct InputFile {
    std::string file;     // as shown: "scenarios/vasternorrland/avd7-13.yaml"
    bool readable = false;
    std::string extends;  // the base file as written; empty if none
    std::vector<InputNote> whole_file;
    std::vector<InputValue> values;  // the values worth listing: figures, and whatever has a note
};

// An assumption: its note, and the range written beside it or, failing that, the range and
// sweep ASSUMPTIONS.md gives for its path (Markdown there, shown through the report's Markdown).
struct AssumedValue {
    std::string path, note, where;  // where: "file:line", or the file for a note on the whole file
    std::string range;              // written beside the value; empty if none
    std::string range_markdown, sweep_markdown;  // from ASSUMPTIONS.md; empty if none
};

struct CitedDocument {
    std::string id, text;             // text: organisation, title, date, where published
    std::vector<std::string> places;  // "avsnitt ”…”, s. 12"
};

struct InputsAppendix {
    std::vector<InputFile> files;
    std::size_t sources = 0, assumptions = 0, calibrated = 0, run_controls = 0;  // notes of each kind
    std::vector<AssumedValue> assumed;
    struct Document {
        std::string file;  // as shown
        bool readable = false;
        std::string markdown;  // citations resolved
    };
    std::optional<Document> assumptions_document;  // none: no ASSUMPTIONS.md found
    bool cites = false;                            // some note or the document cites a document
    std::string references_error;                  // why the reference list could not be read
    std::vector<CitedDocument> references;         // in the order of the list
};

InputsAppendix inputs_appendix(const ResultsBundle& r, Language lang);
nlohmann::json to_json(const InputsAppendix& inputs);

// A file as the report shows it: relative to the folder kapsim ran in (`cwd`), or, outside it,
// by its last two parts. A report is read on other machines; the folders of this one mean nothing there.
std::string shown_path(const std::string& cwd, const std::string& file);

}  // namespace kapsim::app::report
