#include "app/report/assumed_stay_notes.hpp"

#include <algorithm>
#include <cmath>
#include <string>

#include "models/assumed_stays.hpp"

namespace kapsim::app::report {
namespace {

std::string filled(std::string text, std::string_view blank, const std::string& value) {
    const std::string mark = "{" + std::string(blank) + "}";
    for (auto at = text.find(mark); at != std::string::npos; at = text.find(mark, at + value.size()))
        text.replace(at, mark.size(), value);
    return text;
}

// The stay's path as ScenarioSources writes rows: the table itself, or one of its values or items.
bool belongs_to(const std::string& row, const std::string& table) {
    return row == table || row.rfind(table + ".", 0) == 0 || row.rfind(table + "[", 0) == 0;
}

}  // namespace

void add_assumed_stay_notes(ScenarioSources& sources, const std::vector<const models::Scenario*>& scenarios, Language lang) {
    for (const models::Scenario* s : scenarios) {
        if (!s) continue;
        for (const auto& a : models::assumed_stays(*s)) {
            const std::string& table = s->units[a.unit].stay.path;
            std::string text = tr(lang, a.shape.family == models::DefaultStayShape::Family::lognormal
                                            ? "inputs.default_stay.lognormal"
                                            : "inputs.default_stay.exponential");
            text = filled(text, "cv", format_number(a.shape.cv, 1, lang));
            text = filled(text, "kind", s->units[a.unit].kind);
            text = filled(text, "share", format_number(std::round(100 * a.share), 0, lang));
            const SourceNote note{SourceNote::Kind::assumption, text, "", text};  // already in the language
            // The file that gives it: the first (a variant comes before its base) with the value.
            bool placed = false;
            for (auto& f : sources.files) {
                for (auto& row : f.rows)
                    if (belongs_to(row.path, table)) {
                        const bool already = std::any_of(row.notes.begin(), row.notes.end(),
                                                         [&](const SourceNote& n) { return n.text == text; });
                        if (!already) row.notes.push_back(note);
                        placed = true;
                        break;
                    }
                if (placed) break;
            }
        }
    }
}

}  // namespace kapsim::app::report
