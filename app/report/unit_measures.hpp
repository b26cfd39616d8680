#pragma once
// What the report tells about a unit, asked of the registry of unit kinds: what the unit is
// called ("avdelning avd7"), what its places are called ("vårdplatser"), where it comes in the
// report, and the measures its key findings and charts lead with (the metrics its kind marks
// as findings). Nothing here names a kind, so a new kind reports without touching app/.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/report/results_bundle.hpp"
#include "app/report/translations.hpp"
#include "models/metric.hpp"
#include "models/unit_kinds.hpp"

namespace kapsim::app::report {

// How a difference is told: "fler/färre", "högre/lägre", "längre/kortare".
enum class Direction { count, amount, duration };

// A metric as the report tells it, derived from its MetricSpec: the unit word and scale from
// its MetricUnit. Where the report has a sentence of its own for the metric (translation keys
// "f.<metric>", "vs.<metric>", "label.<metric>", "uw.<metric>"), it is used; otherwise a
// generic sentence built from the spec's label.
struct Measure {
    models::MetricSpec spec;
    std::string sentence;   // translation key of the sentence; empty: the generic one from the label
    std::string versus;     // translation key of the ", mot ..." clause; empty: the generic one
    std::string unit_word;  // translation key of the word a difference is counted in
    Direction direction;
    double scale;
    int min_decimals;
    bool generic() const { return sentence.empty(); }
    const std::string& metric() const { return spec.id; }
};

// `refined` false: only the generic sentences, as a kind without report-specific words gets.
Measure measure_for(const models::MetricSpec& spec, bool refined = true);

// The translation key suffix of a MetricUnit: "per_year", "days", ...
std::string_view unit_key(models::MetricUnit unit);
// A metric's name for a chart: the report's own ("label.<metric>") or the spec's label with its unit.
std::string metric_label(Language lang, const Measure& m);
// A metric as a sentence names it: its name, and the unit that follows its numbers (" dagar",
// " %"); the unit is empty where the report's own name already says it ("överbelagda dagar per år").
struct MetricWords {
    std::string name;
    std::string unit;
};
MetricWords metric_words(Language lang, const Measure& m);

// The kind of a unit, from the results (summary.json, or the capacity curve's scenario);
// nullptr when this build does not know it.
const models::UnitKind* kind_of(const ResultsBundle& r, std::string_view unit);
// The metrics a unit declares, from a scenario in the results or, when none can be read again,
// from its kind's example; empty for an unknown kind.
std::vector<models::MetricSpec> unit_metrics(const ResultsBundle& r, std::string_view unit);
// The measures the report leads with for a unit: its kind's findings, in their order.
std::vector<Measure> finding_measures(const ResultsBundle& r, std::string_view unit, bool refined = true);
// The measures a unit's results are told by: its kind's findings, then its admissions and those
// who gave up waiting for it (what a decision on places changes for patients: more planned
// admissions, fewer leaving the list), each once.
std::vector<Measure> table_measures(const ResultsBundle& r, std::string_view unit);
// When the scenario cannot be read again: every kind's findings, each metric once.
std::vector<Measure> every_kind_finding_measures();
// The units, those of kinds the reader expects first first (the kind's report_order).
std::vector<std::string> units_in_report_order(const ResultsBundle& r);
// Whether a unit of this kind has places whose use is worth charting: a kind without a
// capacity to vary (a service) has none.
bool has_places(const models::UnitKind* kind);

// "avdelning avd7"; the id alone for a kind without a noun.
std::string unit_label(Language lang, const models::UnitKind* kind, std::string_view id);
// What a sentence calls a unit: its short name (`label:`) in the report's language, else its
// description, from the scenarios in the results; the kind's noun and the id ("avdelning avd7")
// only when no scenario can be read again. A reader knows the ward, not its id.
std::string unit_name(const ResultsBundle& r, Language lang, std::string_view id);
// What the report calls alternative v: its scenario's `label:`, else its name.
std::string alternative_name(const ResultsBundle& r, Language lang, std::size_t v);
std::vector<std::string> alternative_names(const ResultsBundle& r, Language lang);
// The description of alternative v in the report's language; empty when none.
std::string alternative_description(const ResultsBundle& r, Language lang, std::size_t v);
// "vårdplats" / "vårdplatser"; "plats" / "platser" for a kind without words of its own.
std::string capacity_word(Language lang, const models::UnitKind* kind, std::size_t n);
// How the kind works, for the method appendix, naming its units.
std::string kind_logic(Language lang, const models::UnitKind& kind, const std::string& ids);

}  // namespace kapsim::app::report
