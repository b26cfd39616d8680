#include "app/report/references.hpp"

#include <yaml-cpp/yaml.h>

#include <fmt/format.h>

#include "app/report/findings.hpp"

namespace kapsim::app::report {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view opening = "[k\u00e4lla:";

std::string scalar(const YAML::Node& node, const char* key) {
    const auto v = node[key];
    return v && v.IsScalar() ? v.Scalar() : "";
}

bool is_token_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

const ReferencePlace* Reference::place(std::string_view key) const {
    for (const auto& p : places)
        if (p.key == key) return &p;
    return nullptr;
}

const Reference* ReferenceList::find(std::string_view id) const {
    for (const auto& r : references)
        if (r.id == id) return &r;
    return nullptr;
}

std::vector<Citation> find_citations(std::string_view text) {
    std::vector<Citation> out;
    for (std::size_t at = text.find(opening); at != std::string_view::npos; at = text.find(opening, at + 1)) {
        std::size_t i = at + opening.size();
        while (i < text.size() && text[i] == ' ') ++i;
        Citation c;
        c.begin = at;
        while (i < text.size() && is_token_char(text[i])) c.id += text[i++];
        while (i < text.size() && text[i] == ' ') ++i;
        if (text.substr(i, 2) == "\u00a7") {
            i += 2;
            while (i < text.size() && text[i] == ' ') ++i;
            while (i < text.size() && is_token_char(text[i])) c.place += text[i++];
        }
        while (i < text.size() && text[i] == ' ') ++i;
        if (i >= text.size() || text[i] != ']' || c.id.empty()) continue;  // not a citation as the list defines it
        c.end = i + 1;
        out.push_back(std::move(c));
    }
    return out;
}

ReferenceList read_reference_list(const fs::path& file) {
    ReferenceList list;
    list.file = file.lexically_normal().string();
    try {
        const YAML::Node root = YAML::LoadFile(file.string());
        const YAML::Node refs = root["references"];
        if (!refs || !refs.IsSequence()) {
            list.error = "no 'references:' list";
            return list;
        }
        for (const auto& node : refs) {
            if (!node.IsMap()) continue;
            Reference r{scalar(node, "id"), scalar(node, "organisation"), scalar(node, "title"), scalar(node, "date"),
                        scalar(node, "published_in"), {}};
            if (const auto places = node["places"]; places && places.IsMap())
                for (const auto& kv : places) {
                    ReferencePlace p{kv.first.as<std::string>(), "", ""};
                    if (kv.second.IsMap()) {
                        p.section = scalar(kv.second, "section");
                        p.page = scalar(kv.second, "page");
                    }
                    r.places.push_back(std::move(p));
                }
            list.references.push_back(std::move(r));
        }
    } catch (const std::exception& e) {
        list.error = e.what();
    }
    return list;
}

std::optional<ReferenceList> find_reference_list(const std::vector<std::string>& scenario_files) {
    for (const auto& f : scenario_files) {
        fs::path dir = fs::path(f).parent_path();
        for (int up = 0; up < 3; ++up) {
            const fs::path candidate = (dir.empty() ? fs::path(".") : dir) / "references.yaml";
            std::error_code ec;
            if (fs::is_regular_file(candidate, ec)) return read_reference_list(candidate);
            dir = dir.empty() ? fs::path("..") : dir / "..";
        }
    }
    return std::nullopt;
}

std::string reference_text(const Reference& r, Language lang) {
    std::string out = r.organisation.empty() ? r.title : fmt::format("{}: {}", r.organisation, r.title);
    if (!r.date.empty()) out += ", " + r.date;
    if (!r.published_in.empty()) out += fill(tr(lang, "ref.published_in"), {{"where", r.published_in}});
    return out;
}

std::string citation_text(const ReferenceList* list, const Citation& c, Language lang) {
    const Reference* r = list ? list->find(c.id) : nullptr;
    const std::string written = c.place.empty() ? fmt::format("{} {}]", opening, c.id) : fmt::format("{} {} \u00a7{}]", opening, c.id, c.place);
    if (!r) return fill(tr(lang, "ref.unknown"), {{"citation", written}});
    std::string out = r->organisation.empty() ? r->title : fmt::format("{}: {}", r->organisation, r->title);
    if (!r->date.empty()) out += ", " + r->date;
    if (c.place.empty()) return out;
    const ReferencePlace* p = r->place(c.place);
    if (!p) return out + ", " + fill(tr(lang, "ref.unknown_place"), {{"place", c.place}});
    if (!p->section.empty()) out += ", " + fill(tr(lang, "ref.section"), {{"section", p->section}});
    if (!p->page.empty()) out += ", " + fill(tr(lang, "ref.page"), {{"page", p->page}});
    return out;
}

std::string resolve_citations(std::string_view text, const ReferenceList* list, Language lang) {
    std::string out;
    std::size_t from = 0;
    for (const auto& c : find_citations(text)) {
        out += text.substr(from, c.begin - from);
        out += '(';
        out += citation_text(list, c, lang);
        out += ')';
        from = c.end;
    }
    out += text.substr(from);
    return out;
}

}  // namespace kapsim::app::report
