#pragma once
// The documents the scenarios cite, from the one reference list beside them
// (scenarios/references.yaml), and the citations in their comments:
//   beds: 13   # [källa: vn-utredning-2021 §beroendeplatser]
// A report shows a citation as the document it names (organisation, title, date, and the
// section or page), never as a file of the machine the scenarios were written on.
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/report/translations.hpp"

namespace kapsim::app::report {

struct ReferencePlace {
    std::string key;      // "beroendeplatser"
    std::string section;  // the document's own heading
    std::string page;     // where the document shows page numbers; empty otherwise
};

struct Reference {
    std::string id;
    std::string organisation, title, date, published_in;
    std::vector<ReferencePlace> places;
    const ReferencePlace* place(std::string_view key) const;
};

struct ReferenceList {
    std::string file;
    std::vector<Reference> references;
    std::string error;  // why the list could not be read; empty when it was
    const Reference* find(std::string_view id) const;
};

// "[källa: ID §PLACE]" (the place optional) where it stands in a text.
struct Citation {
    std::size_t begin = 0, end = 0;  // the bracketed text
    std::string id, place;
};
std::vector<Citation> find_citations(std::string_view text);

// Reads a reference list; never throws: what cannot be read is said in `error`.
ReferenceList read_reference_list(const std::filesystem::path& file);
// references.yaml beside the scenario files or up to two folders above them.
std::optional<ReferenceList> find_reference_list(const std::vector<std::string>& scenario_files);

// "Social ReKo Västernorrland: Missbruks- och beroendeutredningen, 2021-11-17, avsnitt
// ”Beroendeplatser”", or the citation as written and that it is not in the list.
std::string citation_text(const ReferenceList* list, const Citation& c, Language lang);
// The document alone, for a list of sources: organisation, title, date, where published.
std::string reference_text(const Reference& r, Language lang);
// The text with each citation replaced by citation_text in parentheses.
std::string resolve_citations(std::string_view text, const ReferenceList* list, Language lang);

}  // namespace kapsim::app::report
