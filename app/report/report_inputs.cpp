#include "app/report/report_inputs.hpp"

#include <algorithm>
#include <regex>
#include <set>

#include <fmt/format.h>

#include "app/report/assumed_stay_notes.hpp"
#include "app/report/findings.hpp"
#include "app/report/references.hpp"

namespace kapsim::app::report {
namespace {

namespace fs = std::filesystem;
using json = nlohmann::json;

std::string string_of(const json& j, const char* key) {
    return j.is_object() && j.contains(key) && j[key].is_string() ? j[key].get<std::string>() : "";
}

// The scenario files as they were run: the reloaded scenario's file, else the recorded one.
std::vector<std::string> scenario_files(const ResultsBundle& r) {
    std::vector<std::string> files;
    for (const auto& v : r.variants) {
        const std::string f = v.scenario ? v.scenario->file : resolved_file(r, v.file);
        if (!f.empty() && std::find(files.begin(), files.end(), f) == files.end()) files.push_back(f);
    }
    return files;
}

bool shown_as_input(const InputRow& row) {
    if (row.path == "extends") return false;
    // Names, kinds and routes without shares are structure, not figures: listed only when
    // something is said about them.
    static const std::regex figure(R"((^|[^A-Za-z_])[0-9])");
    const auto ends_with = [&](std::string_view tail) {
        return row.path.size() >= tail.size() && row.path.compare(row.path.size() - tail.size(), tail.size(), tail) == 0;
    };
    // Texts for people (a description or short name, in one language or several) are not inputs.
    const bool text_for_people = row.path.find(".description") != std::string::npos || row.path.find(".label") != std::string::npos;
    if (row.notes.empty() && (!std::regex_search(row.value, figure) || text_for_people || ends_with(".name"))) return false;
    // The scenario's name and run settings are in the method appendix; list them here only
    // when something is said about where they come from.
    if (row.path.rfind("scenario.", 0) == 0 || row.path == "scenario") return !row.notes.empty();
    return true;
}

// The documents cited in the files shown and the assumptions document, in the order of the list.
void add_references(InputsAppendix& out, const ScenarioSources& sources, const ReferenceList* refs, Language lang) {
    std::set<std::string> cited;
    const auto collect = [&](const std::string& text) {
        for (const auto& c : find_citations(text)) cited.insert(c.id);
    };
    for (const auto& f : sources.files) {
        for (const auto& n : f.file_notes) collect(n.text);
        for (const auto& row : f.rows)
            for (const auto& n : row.notes) collect(n.text);
    }
    if (const auto& doc = sources.assumptions_in(lang)) collect(doc->markdown);
    out.cites = !cited.empty();
    if (cited.empty()) return;
    if (!refs || !refs->error.empty()) {
        out.references_error = refs ? refs->error : std::string("references.yaml");
        return;
    }
    for (const auto& ref : refs->references) {
        if (!cited.contains(ref.id)) continue;
        CitedDocument doc{ref.id, reference_text(ref, lang), {}};
        for (const auto& p : ref.places) {
            std::string place = fill(tr(lang, "ref.section"), {{"section", p.section}});
            if (!p.page.empty()) place += ", " + fill(tr(lang, "ref.page"), {{"page", p.page}});
            doc.places.push_back(std::move(place));
        }
        out.references.push_back(std::move(doc));
    }
}

const char* kind_name(SourceNote::Kind kind) {
    switch (kind) {
        case SourceNote::Kind::source: return "source";
        case SourceNote::Kind::assumption: return "assumption";
        case SourceNote::Kind::calibrated: return "calibrated";
        case SourceNote::Kind::run_control: break;
    }
    return "run_control";
}

json notes_json(const std::vector<InputNote>& notes) {
    json out = json::array();
    for (const auto& n : notes) out.push_back({{"kind", kind_name(n.kind)}, {"text", n.text}});
    return out;
}

}  // namespace

std::string shown_path(const std::string& cwd, const std::string& file) {
    if (!cwd.empty() && file.rfind(cwd + "/", 0) == 0) return file.substr(cwd.size() + 1);
    if (file.empty() || file.front() != '/') return file;
    const fs::path p(file);
    const fs::path parent = p.parent_path().filename();
    return "…/" + (parent.empty() ? p.filename().string() : (parent / p.filename()).string());
}

InputsAppendix inputs_appendix(const ResultsBundle& r, Language lang) {
    ScenarioSources sources = read_scenario_sources(scenario_files(r));
    {
        std::vector<const models::Scenario*> loaded;
        for (const auto& v : r.variants) loaded.push_back(v.scenario ? &*v.scenario : nullptr);
        add_assumed_stay_notes(sources, loaded, lang);
    }
    const auto reference_list = find_reference_list(scenario_files(r));
    const ReferenceList* refs = reference_list ? &*reference_list : nullptr;
    const std::string cwd = string_of(r.manifest, "working_directory");
    const auto& document = sources.assumptions_in(lang);

    InputsAppendix out;
    out.sources = sources.count(SourceNote::Kind::source);
    out.assumptions = sources.count(SourceNote::Kind::assumption);
    out.calibrated = sources.count(SourceNote::Kind::calibrated);
    out.run_controls = sources.count(SourceNote::Kind::run_control);
    const auto notes = [&](const std::vector<SourceNote>& written) {
        std::vector<InputNote> shown;
        for (const auto& n : written) shown.push_back({n.kind, resolve_citations(n.in(lang), refs, lang)});
        return shown;
    };
    const auto assume = [&](const SourceNote& n, const std::string& path, const std::string& where, const std::string& file) {
        AssumedValue a{path, resolve_citations(n.in(lang), refs, lang), where, n.range, "", ""};
        if (const AssumptionEntry* entry = document ? document->find(file, path) : nullptr) {
            a.range_markdown = entry->range;
            a.sweep_markdown = entry->sweep;
        }
        out.assumed.push_back(std::move(a));
    };
    for (const auto& f : sources.files) {
        InputFile file{shown_path(cwd, f.file), f.readable, f.extends, {}, {}};
        if (f.readable) {
            file.whole_file = notes(f.file_notes);
            for (const auto& n : f.file_notes)
                if (n.kind == SourceNote::Kind::assumption) assume(n, tr(lang, "inputs.whole_file"), file.file, f.file);
            for (const auto& row : f.rows) {
                if (!shown_as_input(row)) continue;
                file.values.push_back({row.path, row.value, row.line, notes(row.notes)});
                for (const auto& n : row.notes)
                    if (n.kind == SourceNote::Kind::assumption) assume(n, row.path, fmt::format("{}:{}", file.file, row.line), f.file);
            }
        }
        out.files.push_back(std::move(file));
    }
    if (document)
        out.assumptions_document =
            InputsAppendix::Document{shown_path(cwd, document->file), document->readable, resolve_citations(document->markdown, refs, lang)};
    add_references(out, sources, refs, lang);
    return out;
}

json to_json(const InputsAppendix& inputs) {
    json files = json::array();
    for (const auto& f : inputs.files) {
        json values = json::array();
        for (const auto& v : f.values)
            values.push_back({{"path", v.path}, {"value", v.value}, {"line", v.line}, {"notes", notes_json(v.notes)}});
        files.push_back({{"file", f.file}, {"readable", f.readable}, {"extends", f.extends}, {"whole_file", notes_json(f.whole_file)},
                         {"values", std::move(values)}});
    }
    json assumed = json::array();
    for (const auto& a : inputs.assumed)
        assumed.push_back({{"path", a.path}, {"note", a.note}, {"where", a.where}, {"range", a.range},
                           {"range_markdown", a.range_markdown}, {"sweep_markdown", a.sweep_markdown}});
    json references = json::array();
    for (const auto& d : inputs.references) references.push_back({{"id", d.id}, {"text", d.text}, {"places", d.places}});
    json j{{"files", std::move(files)},
           {"notes", {{"source", inputs.sources}, {"assumption", inputs.assumptions}, {"calibrated", inputs.calibrated},
                      {"run_control", inputs.run_controls}}},
           {"assumed", std::move(assumed)},
           {"assumptions_document", nullptr},
           {"references", std::move(references)}};
    if (const auto& d = inputs.assumptions_document)
        j["assumptions_document"] = {{"file", d->file}, {"readable", d->readable}, {"markdown", d->markdown}};
    if (!inputs.references_error.empty()) j["references_error"] = inputs.references_error;
    return j;
}

}  // namespace kapsim::app::report
