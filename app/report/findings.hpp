#pragma once
// The report's key findings as plain-language sentences generated from the results: "Med 16
// vårdplatser beräknas avdelning avd7 vara överbelagd 41 dagar per år (95 % KI 35–47), mot
// 190 dagar med 13 vårdplatser." Every number in a sentence carries where it came from (the
// file and the JSON pointer of the value), so the HTML can mark it and a test can check it
// against the results.
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"
#include "app/report/unit_measures.hpp"

namespace kapsim::app::report {

// A figure in a sentence: shown as raw * scale with `decimals` decimals.
struct Number {
    double raw;           // exactly as in the results file
    double scale = 1;     // 100 for shares shown in %, 1e-6 for Mkr, negative for a difference told as "fewer"
    int decimals = 0;
    std::string source;   // "compare.json#/metrics/avd7-16/units/avd7/days_above_capacity_per_year/mean"
    double shown() const { return raw * scale; }
};

struct Segment {
    std::string text;  // plain text, not yet escaped; the number's formatted text when `number` is set
    std::optional<Number> number;
};
using Sentence = std::vector<Segment>;

struct FindingGroup {
    std::string heading;  // empty: no heading
    std::vector<Sentence> sentences;
};

struct Findings {
    std::vector<std::string> intro;  // paragraphs before the sentences
    std::vector<FindingGroup> groups;
};

// `refined` false tells every unit's findings by the generic sentences built from its metrics'
// labels, as for a kind the report has no words of its own for.
Findings key_findings(const ResultsBundle& results, Language lang, bool refined = true);
std::string plain_text(const Sentence& sentence);

// Words the findings and the charts share.
std::string payer_name(Language lang, std::string_view payer);   // in a sentence: "regionen"
std::string payer_label(Language lang, std::string_view payer);  // as a label: "Regionen"
// The order payers are told in: the total, the region, the police, the state, then the rest.
void sort_payers(std::vector<std::string>& payers);
// Fills a template's {blanks} with text; throws std::invalid_argument for a blank not given.
std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& blanks);
// "a, b och c"
std::string join_list(Language lang, const std::vector<std::string>& items);
// The places a unit has in the scenario; nullopt when unlimited or unknown.
std::optional<std::size_t> unit_capacity(const models::Scenario& scenario, std::string_view unit);
// A JSON pointer token: '~' and '/' escaped.
std::string pointer_token(std::string_view s);
// "/a/b/c" from its parts, each escaped.
std::string pointer(std::initializer_list<std::string_view> parts);

}  // namespace kapsim::app::report
