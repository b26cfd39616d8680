#include "app/report/translations.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <unordered_map>

#include <fmt/format.h>

#include "models/input_error.hpp"

namespace kapsim::app::report {
namespace {

struct Entry {
    std::string_view key;
    std::string_view sv;
    std::string_view en;
};

// The report's words. Plain text only: the HTML writer escapes all of it.
constexpr Entry table[] = {
    // The document.
    {"doc.title", "Kapacitetsrapport", "Capacity report"},
    {"doc.heading.run", "Scenario {name}", "Scenario {name}"},
    {"doc.heading.compare", "Jämförelse: {names}", "Comparison: {names}"},
    {"doc.heading.capacity", "Kapacitetskurva: {unit} ({name})", "Capacity curve: {unit} ({name})"},
    {"doc.created", "Rapporten skapad {date} med kapsim {version}. Resultaten beräknade {results_date}.",
     "Report created {date} with kapsim {version}. Results computed {results_date}."},
    {"doc.results_dir", "Resultatkatalog: {dir}", "Results directory: {dir}"},
    {"doc.contents", "Innehåll", "Contents"},
    {"doc.noscript", "Diagrammen kräver att JavaScript är påslaget i webbläsaren.",
     "The charts need JavaScript to be enabled in the browser."},
    {"doc.chart_failed", "Diagrammet kunde inte ritas.", "The chart could not be drawn."},
    {"doc.page", "Sida", "Page"},

    // Sections.
    {"sec.summary", "1. Sammanfattning", "1. Summary"},
    {"sec.results", "2. Resultattabell", "2. Table of results"},
    {"sec.charts", "3. Diagram", "3. Charts"},
    {"sec.inputs", "Bilaga A. Indata, källor och antaganden", "Appendix A. Inputs, sources and assumptions"},
    {"sec.method", "Bilaga B. Metod", "Appendix B. Method"},
    {"sec.scenario_text", "Bilaga C. Scenariot som kördes", "Appendix C. The scenario as run"},
    {"doc.appendix_note", "Bilagorna nedan är tekniskt underlag: indata med källor, metod och scenariofilerna.",
     "The appendices below are technical material: inputs with sources, method and the scenario files."},

    // The summary.
    {"summary.intro.run",
     "Scenariot {name} har simulerats {reps} gånger, vardera över {years} år efter en uppvärmningsperiod. "
     "Siffrorna är medelvärden över simuleringarna.",
     "Scenario {name} was simulated {reps} times, each over {years} years after a warm-up period. "
     "The figures are means over the simulations."},
    {"summary.intro.compare",
     "Alternativen {names} har simulerats {reps} gånger vardera, över {years} år, med samma slumpmässiga förlopp: "
     "samma patienter kommer vid samma tidpunkter och behöver lika lång vård i alla alternativ. Skillnaderna "
     "mellan alternativen beror därför på besluten, inte på slumpen.",
     "The alternatives {names} were each simulated {reps} times, over {years} years, with the same course of "
     "chance: the same patients arrive at the same times and need the same length of care in every alternative. "
     "The differences between the alternatives are therefore due to the decisions, not to chance."},
    {"summary.intro.capacity",
     "{unit} har simulerats med {first} till {last} {capword}, {reps} gånger för varje antal, med samma "
     "slumpmässiga förlopp.",
     "{unit} was simulated with {first} to {last} {capword}, {reps} times for each number, with the same "
     "course of chance."},
    {"summary.ci_explained",
     "Inom parentes står ett 95-procentigt konfidensintervall (KI): det spann som med 95 % säkerhet innehåller "
     "modellens sanna medelvärde. Ju smalare spann, desto säkrare siffra.",
     "In brackets is a 95% confidence interval (CI): the range that contains the model's true mean with 95% "
     "certainty. The narrower the range, the more certain the figure."},
    {"summary.caveat",
     "Intervallen visar slumpens inverkan i modellen. Osäkerheten i indata och antaganden (bilaga A) ingår "
     "inte; den prövas genom att köra om med andra värden.",
     "The intervals show the effect of chance within the model. Uncertainty in the inputs and assumptions "
     "(appendix A) is not included; it is tested by running again with other values."},
    {"summary.none", "Alternativen skiljer sig inte åt i de mått som rapporten sammanfattar.",
     "The alternatives do not differ in the measures this report summarises."},
    {"summary.versus", "{variant} jämfört med {base}", "{variant} compared with {base}"},
    {"summary.costs", "Kostnader", "Costs"},
    {"summary.results", "Resultat", "Results"},

    // Figures in sentences.
    {"ci", "(95 % KI {low}–{high})", "(95% CI {low}–{high})"},
    {"ci.signed", "(95 % KI {low} till {high})", "(95% CI {low} to {high})"},
    {"ci.exact", "(lika i alla simuleringar)", "(the same in every simulation)"},
    {"ci.none", "(intervall saknas)", "(no interval)"},
    {"lead.capacity", "Med {n} {capword}", "With {n} {capword}"},
    {"tail.capacity", "med {n} {capword}", "with {n} {capword}"},
    {"lead.variant", "I alternativet {name}", "In alternative {name}"},
    {"tail.variant", "i alternativet {name}", "in alternative {name}"},
    {"lead.scenario", "I scenariot {name}", "In scenario {name}"},

    // What a unit's capacity is counted in when its kind gives no word of its own.
    {"cap.generic.one", "plats", "place"},
    {"cap.generic.many", "platser", "places"},

    // One sentence per measure: {lead} names the alternative, {vs} compares with the base.
    {"f.days_above_capacity_per_year", "{lead} beräknas {unit} vara överbelagd {value} dagar per år {ci}{vs}.",
     "{lead}, {unit} is expected to be over capacity on {value} days a year {ci}{vs}."},
    {"vs.days_above_capacity_per_year", ", mot {value} dagar {tail}", ", against {value} days {tail}"},
    {"f.diverted_per_year",
     "{lead} beräknas {value} akuta patienter per år {ci} inte få plats på {unit} och skickas vidare{vs}.",
     "{lead}, {value} acute patients a year {ci} are expected to find {unit} full and be sent elsewhere{vs}."},
    // Where the scenario gives the diverted no route onward, the words follow the model.
    {"f.diverted_per_year.left_model",
     "{lead} beräknas {value} akuta patienter per år {ci} inte få plats på {unit}{vs}. De lämnar modellen, "
     "eftersom scenariot inte anger vart de tar vägen.",
     "{lead}, {value} acute patients a year {ci} are expected to find {unit} full{vs}. They leave the model, since "
     "the scenario does not say where they go."},
    // Where the scenario sends them on, the sentence names where.
    {"f.diverted_per_year.onward",
     "{lead} beräknas {value} akuta patienter per år {ci} inte få plats på {unit} och skickas vidare till {to}{vs}.",
     "{lead}, {value} acute patients a year {ci} are expected to find {unit} full and be sent on to {to}{vs}."},
    {"vs.diverted_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.mean_wait_days.planned",
     "{lead} beräknas väntetiden för planerad vård på {unit} bli i genomsnitt {value} dagar {ci}{vs}.",
     "{lead}, the mean wait for planned care at {unit} is expected to be {value} days {ci}{vs}."},
    {"f.mean_wait_days", "{lead} beräknas väntetiden till {unit} bli i genomsnitt {value} dagar {ci}{vs}.",
     "{lead}, the mean wait for {unit} is expected to be {value} days {ci}{vs}."},
    {"vs.mean_wait_days", ", mot {value} dagar {tail}", ", against {value} days {tail}"},
    {"f.occupancy_pct", "{lead} beräknas beläggningen på {unit} bli i genomsnitt {value} % {ci}{vs}.",
     "{lead}, the mean occupancy of {unit} is expected to be {value}% {ci}{vs}."},
    {"vs.occupancy_pct", ", mot {value} % {tail}", ", against {value}% {tail}"},
    {"f.turned_away_per_year", "{lead} beräknas {value} personer per år {ci} inte få plats på {unit}{vs}.",
     "{lead}, {value} people a year {ci} are expected to find no place at {unit}{vs}."},
    {"f.turned_away_per_year.left_model",
     "{lead} beräknas {value} personer per år {ci} inte få plats på {unit}{vs}. De lämnar modellen, eftersom "
     "scenariot inte anger vart de tar vägen.",
     "{lead}, {value} people a year {ci} are expected to find no place at {unit}{vs}. They leave the model, since "
     "the scenario does not say where they go."},
    {"f.turned_away_per_year.onward",
     "{lead} beräknas {value} personer per år {ci} inte få plats på {unit} och skickas vidare till {to}{vs}.",
     "{lead}, {value} people a year {ci} are expected to find no place at {unit} and be sent on to {to}{vs}."},
    {"vs.turned_away_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.p_wait", "{lead} beräknas {value} % av dem som kommer till {unit} behöva vänta {ci}{vs}.",
     "{lead}, {value}% of those who come to {unit} are expected to have to wait {ci}{vs}."},
    {"vs.p_wait", ", mot {value} % {tail}", ", against {value}% {tail}"},
    {"f.waiting_mean", "{lead} beräknas i genomsnitt {value} personer stå i kö till {unit} {ci}{vs}.",
     "{lead}, on average {value} people are expected to be waiting for {unit} {ci}{vs}."},
    {"vs.waiting_mean", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.purchased_placements_per_year",
     "{lead} beräknas {value} placeringar per år {ci} behöva köpas av externa utförare{vs}.",
     "{lead}, {value} placements a year {ci} are expected to be purchased from external providers{vs}."},
    {"vs.purchased_placements_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.visits_per_year", "{lead} beräknas {unit} få {value} besök per år {ci}{vs}.",
     "{lead}, {unit} is expected to receive {value} visits a year {ci}{vs}."},
    {"vs.visits_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.planned_admitted_per_year", "{lead} beräknas {unit} skriva in {value} planerade patienter per år {ci}{vs}.",
     "{lead}, {unit} is expected to admit {value} planned patients a year {ci}{vs}."},
    {"vs.planned_admitted_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.acute_admitted_per_year", "{lead} beräknas {unit} skriva in {value} akuta patienter per år {ci}{vs}.",
     "{lead}, {unit} is expected to admit {value} acute patients a year {ci}{vs}."},
    {"vs.acute_admitted_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.reneged_per_year",
     "{lead} beräknas {value} personer per år {ci} ge upp väntan på {unit} och lämna väntelistan{vs}.",
     "{lead}, {value} people a year {ci} are expected to give up waiting for {unit} and leave the list{vs}."},
    {"vs.reneged_per_year", ", mot {value} {tail}", ", against {value} {tail}"},
    {"f.cost.total", "{lead} beräknas den totala kostnaden bli {value} Mkr per år {ci}{vs}.",
     "{lead}, the total cost is expected to be {value} MSEK a year {ci}{vs}."},
    {"f.cost.payer", "{lead} beräknas kostnaden för {payer} bli {value} Mkr per år {ci}{vs}.",
     "{lead}, the cost to {payer} is expected to be {value} MSEK a year {ci}{vs}."},
    {"f.cost.added",
     "{lead} får {payer} en merkostnad på {value} Mkr per år {ci} utöver kostnaden {tail}. Scenarierna räknar bara "
     "med det som tillkommer, inte med dagens driftkostnad.",
     "{lead}, {payer} bear an added cost of {value} MSEK a year {ci} beyond the cost {tail}. The scenarios count only "
     "what is added, not today's running cost."},
    {"f.cost.unchanged.one",
     "Kostnaden för {units}, {value} Mkr per år, är densamma i alla alternativ och ingår inte i skillnaderna nedan.",
     "The cost of {units}, {value} MSEK a year, is the same in every alternative and is not part of the "
     "differences below."},
    {"f.cost.unchanged",
     "Kostnaderna för {units}, sammanlagt {value} Mkr per år, är desamma i alla alternativ och ingår inte i "
     "skillnaderna nedan.",
     "The costs of {units}, {value} MSEK a year in all, are the same in every alternative and are not part of "
     "the differences below."},
    {"f.cost.total.change", "{lead} ändras den sammanlagda kostnaden för alla betalare jämfört med läget {tail}.",
     "{lead}, the total cost to all payers changes from the situation {tail}."},
    {"vs.cost", ", mot {value} Mkr {tail}", ", against {value} MSEK {tail}"},

    // The paired difference, variant minus base, in words.
    {"diff.count.down", "Det är {d} {unitword} färre {ci}.", "That is {d} fewer {unitword} {ci}."},
    {"diff.count.up", "Det är {d} {unitword} fler {ci}.", "That is {d} more {unitword} {ci}."},
    {"diff.amount.down", "Det är {d} {unitword} lägre {ci}.", "That is {d} {unitword} lower {ci}."},
    {"diff.amount.up", "Det är {d} {unitword} högre {ci}.", "That is {d} {unitword} higher {ci}."},
    {"diff.duration.down", "Det är {d} {unitword} kortare {ci}.", "That is {d} {unitword} shorter {ci}."},
    {"diff.duration.up", "Det är {d} {unitword} längre {ci}.", "That is {d} {unitword} longer {ci}."},
    {"diff.unclear", "Skillnaden, {d} {unitword} {ci}, är inte statistiskt säkerställd.",
     "The difference, {d} {unitword} {ci}, is not statistically clear."},
    // The word a difference is counted in, by the metric's unit, and for metrics that count
    // something more particular than people.
    {"uw.unit.per_year", "personer", "people"},
    {"uw.unit.share", "procentenheter", "percentage points"},
    {"uw.unit.percent", "procentenheter", "percentage points"},
    {"uw.unit.days", "dagar", "days"},
    {"uw.unit.hours", "timmar", "hours"},
    {"uw.unit.persons", "personer", "people"},
    {"uw.unit.days_per_year", "dagar", "days"},
    {"uw.unit.hours_per_year", "timmar", "hours"},
    {"uw.unit.kronor_per_year", "Mkr", "MSEK"},
    {"uw.diverted_per_year", "patienter", "patients"},
    {"uw.purchased_placements_per_year", "placeringar", "placements"},
    {"uw.visits_per_year", "besök", "visits"},
    {"uw.planned_admitted_per_year", "patienter", "patients"},
    {"uw.acute_admitted_per_year", "patienter", "patients"},

    // A metric the report has no sentence of its own for is told by its label and unit.
    {"f.generic", "{lead}: {unit}, {label}: {value} {ci}{vs}.", "{lead}: {unit}, {label}: {value} {ci}{vs}."},
    {"vs.generic", ", mot {value} {tail}", ", against {value} {tail}"},
    {"vu.per_year", "{n} per år", "{n} a year"},
    {"vu.share", "{n} %", "{n}%"},
    {"vu.percent", "{n} %", "{n}%"},
    {"vu.days", "{n} dagar", "{n} days"},
    {"vu.hours", "{n} timmar", "{n} hours"},
    {"vu.persons", "{n} personer", "{n} people"},
    {"vu.days_per_year", "{n} dagar per år", "{n} days a year"},
    {"vu.hours_per_year", "{n} timmar per år", "{n} hours a year"},
    {"vu.kronor_per_year", "{n} Mkr per år", "{n} MSEK a year"},
    {"label.generic", "{label}, {unit}", "{label}, {unit}"},
    {"lu.per_year", "per år", "a year"},
    {"lu.share", "%", "%"},
    {"lu.percent", "%", "%"},
    {"lu.days", "dagar", "days"},
    {"lu.hours", "timmar", "hours"},
    {"lu.persons", "personer", "people"},
    {"lu.days_per_year", "dagar per år", "days a year"},
    {"lu.hours_per_year", "timmar per år", "hours a year"},
    {"lu.kronor_per_year", "Mkr per år", "MSEK a year"},

    // Names of measures, for charts and tables.
    {"label.days_above_capacity_per_year", "Överbelagda dagar per år", "Days over capacity a year"},
    {"label.diverted_per_year", "Akuta patienter som inte får plats, per år", "Acute patients who find no bed, a year"},
    {"label.mean_wait_days", "Genomsnittlig väntetid, dagar", "Mean wait, days"},
    {"label.occupancy_pct", "Beläggning, %", "Occupancy, %"},
    {"label.turned_away_per_year", "Får inte plats, personer per år", "Turned away, people a year"},
    {"label.p_wait", "Andel som får vänta, %", "Share who wait, %"},
    {"label.waiting_mean", "I kö, genomsnitt", "Waiting, on average"},
    {"label.purchased_placements_per_year", "Köpta placeringar per år", "Purchased placements a year"},
    {"label.visits_per_year", "Besök per år", "Visits a year"},
    {"label.planned_admitted_per_year", "Planerade inskrivningar per år", "Planned admissions a year"},
    {"label.acute_admitted_per_year", "Akuta inskrivningar per år", "Acute admissions a year"},
    {"label.reneged_per_year", "Lämnade väntelistan, personer per år", "Left the waiting list, people a year"},
    {"table.cost", "Kostnad, {payer}, Mkr per år", "Cost, {payer}, MSEK a year"},
    {"table.cost_added", "Merkostnad, {payer}, Mkr per år", "Added cost, {payer}, MSEK a year"},
    {"table.unit", "Enhet", "Unit"},
    {"table.measure", "Mått", "Measure"},
    {"table.intro",
     "Medelvärde med 95-procentigt konfidensintervall inom parentes, för varje alternativ; måttets enhet står "
     "i dess namn. Tabellen kan kopieras direkt till en tjänsteskrivelse.",
     "Mean with its 95% confidence interval in brackets, for each alternative; a measure's unit is in its name. "
     "The table can be copied straight into a memo."},
    {"label.cost_total", "Total kostnad, Mkr per år", "Total cost, MSEK a year"},

    // Payers: in a sentence, and as a label.
    {"payer.region", "regionen", "the region"},
    {"payer.police", "polisen", "the police"},
    {"payer.state", "staten", "the state"},
    {"payer.municipalities", "kommunerna", "the municipalities"},
    {"payer.municipality", "kommunen", "the municipality"},
    {"payer.other", "{name}", "{name}"},
    // Municipalities of the two counties, as scenarios name them (ASCII) and as they are written.
    {"payer.ange", "Ånge", "Ånge"},
    {"payer.harnosand", "Härnösand", "Härnösand"},
    {"payer.kramfors", "Kramfors", "Kramfors"},
    {"payer.ornskoldsvik", "Örnsköldsvik", "Örnsköldsvik"},
    {"payer.solleftea", "Sollefteå", "Sollefteå"},
    {"payer.sundsvall", "Sundsvall", "Sundsvall"},
    {"payer.timra", "Timrå", "Timrå"},
    {"payer.are", "Åre", "Åre"},
    {"payer.berg", "Berg", "Berg"},
    {"payer.bracke", "Bräcke", "Bräcke"},
    {"payer.harjedalen", "Härjedalen", "Härjedalen"},
    {"payer.krokom", "Krokom", "Krokom"},
    {"payer.ostersund", "Östersund", "Östersund"},
    {"payer.ragunda", "Ragunda", "Ragunda"},
    {"payer.stromsund", "Strömsund", "Strömsund"},
    {"payer_label.region", "Regionen", "Region"},
    {"payer_label.police", "Polisen", "Police"},
    {"payer_label.state", "Staten", "State"},
    {"payer_label.municipalities", "Kommunerna", "Municipalities"},
    {"payer_label.municipality", "Kommunen", "Municipality"},
    {"payer_label.total", "Totalt", "Total"},

    // Charts.
    {"chart.compare.title", "Alternativen jämförda: {unit}", "The alternatives compared: {unit}"},
    {"chart.compare.caption",
     "Punkten är medelvärdet och strecket dess 95-procentiga konfidensintervall. Alla alternativ är simulerade "
     "med samma slumpmässiga förlopp.",
     "The dot is the mean and the line its 95% confidence interval. All alternatives were simulated with the "
     "same course of chance."},
    {"chart.years.title", "År för år: {unit}", "Year by year: {unit}"},
    {"chart.years.caption",
     "Linjen är medelvärdet för varje kalenderår och det korta lodräta strecket dess 95-procentiga "
     "konfidensintervall. Det mörkare bandet rymmer hälften av de simulerade förloppen (25:e till 75:e "
     "percentilen), det ljusare nio av tio (5:e till 95:e). Ett år som bara delvis ingår i perioden visar "
     "de dagar som ingår, med antal per år omräknade till helt år; ett år med färre än 30 dagar i perioden "
     "visas inte.",
     "The line is the mean of each calendar year and the short vertical bar its 95% confidence interval. The "
     "darker band holds half of the simulated courses (25th to 75th percentile), the lighter nine in ten (5th to "
     "95th). A year only partly in the period shows the days that are; counts per year are then scaled to a "
     "whole year; a year with fewer than 30 days in the period is not shown."},
    {"chart.month.title", "Beläggning månad för månad: {unit}", "Occupancy month by month: {unit}"},
    {"chart.month.caption",
     "Genomsnittligt antal belagda platser per kalendermånad med 95-procentigt konfidensintervall (skuggat). "
     "Streckad linje: antalet platser. Här syns årstiderna och till exempel ett sommaruppehåll.",
     "Mean number of places in use per calendar month with its 95% confidence interval (shaded). Dashed line: "
     "the number of places. The seasons, and for example a summer closure, show here."},
    {"chart.dist.title", "Hur många platser används? {unit}", "How many places are in use? {unit}"},
    {"chart.dist.caption",
     "Andel av tiden med 0, 1, 2, … belagda platser. Streckad linje: antalet platser; staplar till höger om "
     "den är tid med fler patienter än platser.",
     "Share of time with 0, 1, 2, … places in use. Dashed line: the number of places; bars to its right are "
     "time with more patients than places."},
    {"chart.capacity.title", "{metric} vid olika antal {capword}", "{metric} by number of {capword}"},
    {"chart.capacity.caption",
     "Medelvärde med 95-procentigt konfidensintervall för varje antal {capword}; alla punkter är simulerade "
     "med samma slumpmässiga förlopp.",
     "Mean with its 95% confidence interval for each number of {capword}; every point was simulated with the "
     "same course of chance."},
    {"chart.cost.title", "Kostnad per betalare och år", "Cost per payer and year"},
    {"chart.cost.caption", "Medelvärde med 95-procentigt konfidensintervall, miljoner kronor per år.",
     "Mean with its 95% confidence interval, million kronor a year."},
    {"chart.cost_change.title", "Vad alternativen ändrar i kostnaden, jämfört med {base}",
     "What the alternatives change in the cost, compared with {base}"},
    {"chart.cost_change.caption",
     "Skillnad i miljoner kronor per år mot basalternativet, per betalare, med 95-procentigt konfidensintervall; "
     "för en betalare som bara finns i alternativet är det merkostnaden. Kostnader som är desamma i alla "
     "alternativ visas inte.",
     "Difference in million kronor a year from the base alternative, per payer, with its 95% confidence "
     "interval; for a payer only the alternative has, the added cost. Costs that are the same in every "
     "alternative are not shown."},
    {"axis.cost_change", "Skillnad, Mkr per år", "Difference, MSEK a year"},
    {"axis.alternative", "Alternativ", "Alternative"},
    {"axis.month", "Månad", "Month"},
    {"axis.year", "År", "Year"},
    {"axis.days_observed", "Dagar i perioden", "Days in the period"},
    {"axis.places_in_use", "Belagda platser", "Places in use"},
    {"axis.level", "Antal belagda platser", "Number of places in use"},
    {"axis.share_time", "Andel av tiden, %", "Share of time, %"},
    {"axis.payer", "Betalare", "Payer"},
    {"axis.capacity", "Antal {capword}", "Number of {capword}"},
    {"axis.cost", "Mkr per år", "MSEK a year"},
    {"legend.capacity", "Antal platser", "Places"},
    {"month.1", "jan", "Jan"},
    {"month.2", "feb", "Feb"},
    {"month.3", "mar", "Mar"},
    {"month.4", "apr", "Apr"},
    {"month.5", "maj", "May"},
    {"month.6", "jun", "Jun"},
    {"month.7", "jul", "Jul"},
    {"month.8", "aug", "Aug"},
    {"month.9", "sep", "Sep"},
    {"month.10", "okt", "Oct"},
    {"month.11", "nov", "Nov"},
    {"month.12", "dec", "Dec"},
    {"month.long.1", "januari", "January"},
    {"month.long.2", "februari", "February"},
    {"month.long.3", "mars", "March"},
    {"month.long.4", "april", "April"},
    {"month.long.5", "maj", "May"},
    {"month.long.6", "juni", "June"},
    {"month.long.7", "juli", "July"},
    {"month.long.8", "augusti", "August"},
    {"month.long.9", "september", "September"},
    {"month.long.10", "oktober", "October"},
    {"month.long.11", "november", "November"},
    {"month.long.12", "december", "December"},
    {"date.long", "{day} {month} {year}", "{day} {month} {year}"},
    {"charts.none", "Resultaten innehåller inga mått att rita.", "The results hold no measures to chart."},

    // Inputs, sources and assumptions.
    {"inputs.intro",
     "Varje värde i scenariofilerna, med den källa eller det antagande som står vid värdet: en källa är ett "
     "dokument i källförteckningen nedan med avsnitt eller sida, ett antagande är ett värde som dokumenten inte "
     "ger, och ett kalibrerat värde är anpassat så att modellen återger en uppmätt siffra. Värden utan siffror, "
     "som namn och typer, visas bara när något sägs om dem.",
     "Every value in the scenario files, with the source or assumption written beside it: a source is a "
     "document of the list of sources below with its section or page, an assumption is a value the documents "
     "do not give, and a calibrated value is tuned so that the model reproduces an observed figure. Values "
     "without figures, such as names and kinds, are shown only when something is said about them."},
    {"inputs.references", "Källförteckning", "Sources"},
    {"inputs.references_intro", "De dokument som scenariofilerna hänvisar till.",
     "The documents the scenario files cite."},
    {"inputs.references_unreadable", "Källförteckningen kunde inte läsas: {error}", "The list of sources could not be read: {error}"},
    {"ref.published_in", " (i {where})", " (in {where})"},
    {"ref.section", "avsnitt ”{section}”", "section “{section}”"},
    {"ref.page", "s. {page}", "p. {page}"},
    {"ref.unknown", "{citation}, som saknas i källförteckningen", "{citation}, which is not in the list of sources"},
    {"ref.unknown_place", "stället {place}, som saknas i källförteckningen", "the place {place}, which is not in the list of sources"},
    {"inputs.file", "Fil: {file}", "File: {file}"},
    {"inputs.extends", "Bygger på {file}; visar bara det som ändras.", "Extends {file}; shows only what it changes."},
    {"inputs.col.parameter", "Parameter", "Parameter"},
    {"inputs.col.value", "Värde", "Value"},
    {"inputs.col.source", "Källa eller antagande", "Source or assumption"},
    {"inputs.col.line", "Rad", "Line"},
    {"inputs.col.assumption", "Antagande", "Assumption"},
    {"inputs.col.range", "Intervall att pröva", "Range to test"},
    {"inputs.no_source", "ingen källa angiven", "no source recorded"},
    {"inputs.none_recorded", "Inga källor eller antaganden är angivna i scenariofilerna (no sources recorded).",
     "No sources or assumptions are recorded in the scenario files (no sources recorded)."},
    {"inputs.unreadable", "Scenariofilen {file} kunde inte läsas, så dess källor kan inte visas.",
     "The scenario file {file} could not be read, so its sources cannot be shown."},
    {"inputs.assumptions", "Antaganden och deras intervall", "Assumptions and their ranges"},
    {"inputs.assumptions_intro",
     "Värden som inte kommer ur källdokumenten utan är antagna, med det spann som är rimligt att pröva där ett "
     "sådant är angivet.",
     "Values that do not come from the source documents but are assumed, with the range worth testing where one "
     "is given."},
    {"inputs.no_assumptions", "Inga antaganden är markerade i scenariofilerna.",
     "No assumptions are marked in the scenario files."},
    {"inputs.no_range", "inget angivet", "not given"},
    {"inputs.tag.source", "Källa", "Source"},
    {"inputs.tag.assumption", "Antagande", "Assumption"},
    {"inputs.tag.calibrated", "Kalibrerad", "Calibrated"},
    {"inputs.tag.run_control", "Körinställning", "Run control"},
    {"inputs.col.sweep", "Prövas i", "Tested in"},
    {"inputs.whole_file", "(hela filen)", "(whole file)"},
    {"inputs.default_stay.lognormal",
     "Bara medelvärdet är angivet: en log-normalfördelning med standardavvikelse {cv} × medelvärdet antas "
     "(standard för enhetstypen {kind}), för {share} % av patienterna vid enheten",
     "Only the mean is given: a lognormal distribution with sd {cv} × the mean is assumed (the default for a "
     "{kind}), for {share} % of the patients at the unit"},
    {"inputs.default_stay.exponential",
     "Bara medelvärdet är angivet: en exponentialfördelning antas (standard för enhetstypen {kind}), för {share} % "
     "av patienterna vid enheten",
     "Only the mean is given: an exponential distribution is assumed (the default for a {kind}), for {share} % of "
     "the patients at the unit"},
    {"inputs.assumptions_md", "Ur {file}", "From {file}"},
    {"inputs.no_assumptions_md", "Ingen ASSUMPTIONS.md finns bredvid scenariofilerna.",
     "There is no ASSUMPTIONS.md beside the scenario files."},
    {"inputs.assumptions_md_unreadable", "{file} kunde inte läsas.", "{file} could not be read."},
    {"inputs.no_files", "Resultaten anger ingen scenariofil.", "The results name no scenario file."},

    // The method appendix, after the STRESS-DES checklist.
    {"method.intro",
     "Bilagan följer STRESS-DES, riktlinjerna för att rapportera simuleringsstudier med diskret "
     "händelsesimulering (Monks m.fl. 2019), så att en granskare kan bedöma resultaten och återskapa dem exakt.",
     "This appendix follows STRESS-DES, the guidelines for reporting discrete-event simulation studies "
     "(Monks et al. 2019), so that a reviewer can judge the results and reproduce them exactly."},
    {"method.col.item", "Punkt", "Item"},
    {"method.col.report", "Redovisning", "Report"},
    {"stress.1.1", "1.1 Syfte", "1.1 Purpose"},
    {"stress.1.1.text",
     "Att pröva kapacitetsbeslut inom beroendevården innan de fattas: hur många platser som behövs och vad "
     "alternativen betyder för patienter och för varje betalare.",
     "To test capacity decisions in addiction care before they are made: how many places are needed and what "
     "the alternatives mean for patients and for each payer."},
    {"stress.1.2", "1.2 Utdata", "1.2 Model outputs"},
    {"stress.1.2.text",
     "Per enhet: ankomster, intag, avvisade eller vidareskickade, väntetider, beläggning, dagar över antalet "
     "platser och beläggningens fördelning; per betalare: kostnad per år. Varje mått är ett medelvärde över "
     "replikeringarna med 95-procentigt konfidensintervall.",
     "Per unit: arrivals, admissions, turned away or sent on, waits, occupancy, days above capacity and the "
     "distribution of occupancy; per payer: cost per year. Every measure is a mean over the replications with "
     "a 95% confidence interval."},
    {"stress.1.3", "1.3 Experimentets syfte", "1.3 Experimentation aims"},
    {"stress.1.3.run", "Ett scenario, {name}, beskrivet med sina mått.", "One scenario, {name}, described by its measures."},
    {"stress.1.3.compare",
     "Jämförelse av {names} med basalternativet {base}: parvisa skillnader, replikering för replikering, under "
     "gemensamma slumptal.",
     "Comparison of {names} with the base alternative {base}: paired differences, replication by replication, "
     "under common random numbers."},
    {"stress.1.3.capacity", "Kapacitetskurva för {unit}: {first} till {last} {capword} under gemensamma slumptal.",
     "Capacity curve of {unit}: {first} to {last} {capword} under common random numbers."},
    {"stress.2.1", "2.1 Översikt", "2.1 Model overview"},
    {"stress.2.1.text",
     "Patientgrupper anländer som Poissonprocesser (med profiler över dygn, vecka och månad samt tillväxt där "
     "de anges) till sin första enhet och går sedan vidare enligt vägarna efter vistelsen, eller enligt vägen "
     "vid fullt när enheten inte kan ta emot dem. Hela modellen, med enheter, vägar och kostnader, står i "
     "modellbeskrivningen nedan.",
     "Patient classes arrive as Poisson processes (with profiles over the day, week and month, and growth, where "
     "given) at their first unit, and move on by the routes after a stay, or by the overflow route when the unit "
     "cannot take them. The whole model, with units, routes and costs, is in the model listing below."},
    {"stress.2.2", "2.2 Modellens logik", "2.2 Base model logic"},
    {"stress.2.3", "2.3 Scenariernas logik", "2.3 Scenario logic"},
    {"stress.2.3.none", "Ett scenario; inga alternativ.", "One scenario; no alternatives."},
    {"stress.2.3.changes", "{variant} ändrar mot {base}:", "{variant} changes from {base}:"},
    {"stress.2.3.capacity", "Varje punkt sätter {path} till ett värde mellan {first} och {last}; inget annat ändras.",
     "Each point sets {path} to a value from {first} to {last}; nothing else changes."},
    {"stress.2.3.same", "inga skillnader i indata", "no difference in the inputs"},
    {"stress.2.3.unknown", "skillnaderna kan inte visas (scenariot kunde inte läsas in igen)",
     "the differences cannot be shown (the scenario could not be read again)"},
    {"stress.2.4", "2.4 Algoritmer", "2.4 Algorithms"},
    {"stress.2.4.text",
     "Diskret händelsesimulering: en händelsekalender (en d-är heap) där samtidiga händelser körs i fast ordning. "
     "Vårdtider och varaktigheter dras ur de fördelningar som anges i modellbeskrivningen; beläggningen mäts "
     "tidsviktat, med tiden vid varje beläggningsnivå.",
     "Discrete-event simulation: an event calendar (a d-ary heap) in which simultaneous events run in a fixed "
     "order. Stays and durations are drawn from the distributions in the model listing; occupancy is measured "
     "time-weighted, with the time spent at each level."},
    {"stress.2.5", "2.5 Komponenter", "2.5 Components"},
    {"stress.2.5.text",
     "Entiteter: patienter i grupperna {classes}. Resurser och köer: enheterna {units}. In i systemet: varje "
     "grupps första enhet; ut ur systemet: vägen 'out'.",
     "Entities: patients in the classes {classes}. Resources and queues: the units {units}. Entry: each class's "
     "first unit; exit: the route 'out'."},
    {"stress.3.1", "3.1 Datakällor", "3.1 Data sources"},
    {"stress.3.1.text",
     "Källhänvisningar står vid värdena i scenariofilerna (bilaga A): {sources} värden med källa, "
     "{calibrated} kalibrerade värden och {assumptions} antaganden.",
     "Sources are written beside the values in the scenario files (appendix A): {sources} values with a source, "
     "{calibrated} calibrated values and {assumptions} assumptions."},
    {"stress.3.2", "3.2 Förbearbetning", "3.2 Pre-processing"},
    {"stress.3.2.text",
     "kapsim bearbetar inga rådata; värdena står direkt i scenariofilerna. Där dokumenten bara ger ett "
     "medelvärde är fördelningens form ett antagande.",
     "kapsim processes no raw data; the values are written directly in the scenario files. Where the documents "
     "give only a mean, the shape of the distribution is an assumption."},
    {"stress.3.3", "3.3 Indataparametrar", "3.3 Input parameters"},
    {"stress.3.3.text", "Se bilaga A och modellbeskrivningen nedan.", "See appendix A and the model listing below."},
    {"stress.3.4", "3.4 Antaganden", "3.4 Assumptions"},
    {"stress.3.4.text", "Se bilaga A: antaganden med de intervall som är rimliga att pröva.",
     "See appendix A: assumptions with the ranges worth testing."},
    {"stress.4.1", "4.1 Start och uppvärmning", "4.1 Initialisation"},
    {"stress.4.1.text",
     "Varje replikering börjar med tomma enheter (utom redan inskrivna i LARO, där det anges) och en "
     "uppvärmningsperiod på {warmup} dagar som inte räknas in i resultaten.",
     "Every replication starts with empty units (except those already enrolled in LARO, where given) and a "
     "warm-up of {warmup} days that is left out of the results."},
    {"stress.4.2", "4.2 Körlängd", "4.2 Run length"},
    {"stress.4.2.text", "{days} dagar ({years} år) efter uppvärmningen; simuleringens tid 0 är {start}.",
     "{days} days ({years} years) after the warm-up; simulation time 0 is {start}."},
    {"stress.4.3", "4.3 Skattning", "4.3 Estimation approach"},
    {"stress.4.3.text",
     "{reps} oberoende replikeringar per alternativ. Medelvärde och 95-procentigt konfidensintervall enligt "
     "Students t.",
     "{reps} independent replications per alternative. Mean and 95% confidence interval from Student's t."},
    {"stress.4.3.paired",
     "Skillnader mot basalternativet skattas parvis, replikering för replikering, med samma slumptal; medianen "
     "av variansreduktionen över måtten är {vr} (så många gånger fler replikeringar skulle oberoende körningar "
     "behöva för lika smala intervall).",
     "Differences from the base are estimated paired, replication by replication, with the same random "
     "numbers; the median variance reduction over the measures is {vr} (how many times more replications "
     "independent runs would need for equally narrow intervals)."},
    {"stress.5.1", "5.1 Programvara", "5.1 Software"},
    {"stress.5.1.text", "kapsim {version}, en egen händelsestyrd simuleringsmotor i C++20.",
     "kapsim {version}, a discrete-event simulation engine of its own in C++20."},
    {"stress.5.2", "5.2 Slumptal", "5.2 Random sampling"},
    {"stress.5.2.text",
     "En slumpström per syfte (ankomster per grupp, vårdtid per enhet, tålamod i kö, vägval), fröad enbart ur "
     "scenariots frö {seed} och replikeringens nummer. Vårdtiden dras när patienten kommer, så en ändrad "
     "kapacitet ändrar inget annat slumptal i modellen.",
     "One random stream per purpose (arrivals per class, stay per unit, patience in a queue, routing), seeded "
     "only from the scenario's seed {seed} and the replication number. The stay is drawn when the patient "
     "arrives, so a changed capacity changes no other random number in the model."},
    {"stress.5.3", "5.3 Körning", "5.3 Model execution"},
    {"stress.5.3.text",
     "Kommandot {command}, med {threads} trådar; resultaten blir bitvis lika oavsett antalet trådar. Start "
     "{started}, slut {ended}.",
     "The command {command}, with {threads} threads; the results are bitwise the same whatever the number of "
     "threads. Started {started}, ended {ended}."},
    {"stress.5.4", "5.4 Systemets specifikation", "5.4 System specification"},
    {"stress.5.4.text", "Resultatkatalog {dir}. Resultaten beror inte på datorn, bara på version, scenario och frö.",
     "Results directory {dir}. The results do not depend on the computer, only on version, scenario and seed."},
    {"stress.6", "6 Tillgång till koden", "6 Code access"},
    {"stress.6.text",
     "Källkoden för kapsim {version}. Samma version, samma scenario (innehållshash i tabellen nedan) och samma "
     "frö ger bitvis samma resultat.",
     "The source code of kapsim {version}. The same version, the same scenario (content hash in the table "
     "below) and the same seed give bitwise the same results."},
    {"method.scenarios", "Scenarier som kördes", "Scenarios run"},
    {"method.col.name", "Namn", "Name"},
    {"method.col.file", "Fil", "File"},
    {"method.col.hash", "Innehållshash", "Content hash"},
    {"method.col.seed", "Frö", "Seed"},
    {"method.col.reps", "Replikeringar", "Replications"},
    {"method.col.start", "Start", "Start"},
    {"method.col.warmup", "Uppvärmning, dagar", "Warm-up, days"},
    {"method.col.length", "Körlängd, dagar", "Run length, days"},
    {"method.listing", "Modellbeskrivning: {name} som kapsim läste det (som kapsim check skriver den, på engelska)",
     "Model listing: {name} as kapsim read it (as kapsim check prints it)"},
    {"method.no_listing",
     "Scenariofilen kunde inte läsas in igen exakt som den kördes (filen saknas, eller den har ändrats sedan "
     "körningen så att innehållshashen skiljer sig). Modellbeskrivningen och ändringarna mellan alternativen "
     "utelämnas; tabellen ovan anger vad som kördes.",
     "The scenario file could not be read again exactly as it was run (the file is missing, or it has changed "
     "since the run so that the content hash differs). The model listing and the changes between alternatives "
     "are left out; the table above says what was run."},
    {"method.reproduce", "Återskapa resultaten", "Reproduce the results"},
    {"method.reproduce_where", "Kör kommandot i kapsims källmapp (filerna anges relativt den).",
     "Run the command in kapsim's source folder (the files are given relative to it)."},
    {"scenario_text.intro",
     "Scenariot {name} precis som det kördes, med alla ändringar från kommandoraden: det är denna text som "
     "innehållshashen {hash} gäller.",
     "Scenario {name} exactly as it was run, with every change from the command line: this is the text the "
     "content hash {hash} is computed from."},

    // How a kind of unit works, for the method appendix, when the kind does not say it in the
    // report's language (each kind gives its own text; see models/unit_kinds.hpp).
    {"logic.generic", "{ids} ({kind}): {summary}.", "{ids} ({kind}): {summary}."},

    {"list.and", "och", "and"},
    {"list.or_leave_model", "eller lämnar modellen", "or leave the model"},

    // The uncertainty of the assumptions, from a sweep (app/report/sensitivity_report.*).
    {"sens.heading", "Osäkerheten i antagandena", "The uncertainty of the assumptions"},
    {"sens.intro.compare",
     "Siffrorna ovan gäller dagens antaganden, och deras intervall (95 % KI) visar bara slumpens osäkerhet. Känslighetsanalysen "
     "kör samma modell vid {n} kombinationer av {k} antaganden som underlagen inte ger exakt: {params}. Så mycket kan "
     "resultatet flytta sig med antagandena:",
     "The figures above hold for today's assumptions, and their intervals (95% CI) show only the uncertainty of chance. The "
     "sensitivity analysis runs the same model at {n} combinations of {k} assumptions the documents do not give exactly: "
     "{params}. This is how far the results move with the assumptions:"},
    {"sens.intro.sweep",
     "Känslighetsanalysen kör modellen vid {n} kombinationer av {k} antaganden: {params}. Så mycket flyttar sig resultatet "
     "med antagandena:",
     "The sensitivity analysis runs the model at {n} combinations of {k} assumptions: {params}. This is how far the results "
     "move with the assumptions:"},
    {"sens.range.ci", "{lead}: {measure} {mean}{unit} {ci} med dagens antaganden; {min}–{max}{unit} över de {n} prövade antagandena (90 % av dem {p5}–{p95}{unit}).",
     "{lead}: {measure} {mean}{unit} {ci} with today's assumptions; {min}–{max}{unit} over the {n} assumptions tried (90% of them {p5}–{p95}{unit})."},
    {"sens.range", "{lead}: {measure} {min}–{max}{unit} över de {n} prövade antagandena (90 % av dem {p5}–{p95}{unit}).",
     "{lead}: {measure} {min}–{max}{unit} over the {n} assumptions tried (90% of them {p5}–{p95}{unit})."},
    {"sens.range.all", "{Measure}: {min}–{max}{unit} över de {n} prövade antagandena (90 % av dem {p5}–{p95}{unit}).",
     "{Measure}: {min}–{max}{unit} over the {n} assumptions tried (90% of them {p5}–{p95}{unit})."},
    {"sens.driver", "Mest avgörande är {param}.", "What matters most is {param}."},
    {"sens.lead.all", "Över alla prövade antaganden", "Over all assumptions tried"},
    {"sens.all_points", "Alla punkter", "All points"},
    {"sens.lead.value", "Med {param} {value}", "With {param} {value}"},
    {"sens.tail.value", "med {param} {value}", "with {param} {value}"},
    {"sens.lower", "lägre", "lower"},
    {"sens.higher", "högre", "higher"},
    {"sens.fewer", "färre", "fewer"},
    {"sens.more", "fler", "more"},
    {"sens.shorter", "kortare", "shorter"},
    {"sens.longer", "längre", "longer"},
    {"sens.paired.all", "{lead} blir {measure} {dir} än {tail} i alla {n} prövade antaganden",
     "{lead}, {measure}: {dir} than {tail} in all {n} assumptions tried"},
    {"sens.paired.some", "{lead} blir {measure} {dir} än {tail} i {k} av {n} prövade antaganden",
     "{lead}, {measure}: {dir} than {tail} in {k} of {n} assumptions tried"},
    {"sens.paired.same", "{lead} blir {measure} densamma som {tail} i alla {n} prövade antaganden.",
     "{lead}, {measure} is the same as {tail} in all {n} assumptions tried."},
    {"sens.paired.driver.all", "; hur mycket {dir} beror mest på {param}", "; how much {dir} depends most on {param}"},
    {"sens.paired.driver.some", "; skillnaden beror mest på {param}", "; the difference depends most on {param}"},
    {"sens.table.row", "över {n} prövade antaganden: lägsta–högsta (5–95 %)", "over {n} assumptions tried: lowest–highest (5–95%)"},
    {"sens.cell", "{min}–{max} ({p5}–{p95})", "{min}–{max} ({p5}–{p95})"},
    {"sens.table.intro",
     "Varje cell: det lägsta och högsta medelvärdet över de prövade antagandena, och inom parentes det intervall där 90 % "
     "av dem ligger (5:e till 95:e percentilen).",
     "Each cell: the lowest and highest mean over the assumptions tried, and in brackets the range holding 90% of them "
     "(5th to 95th percentile)."},
    {"sens.chart.title", "Vilket antagande påverkar {measure} mest", "Which assumption moves {measure} most"},
    {"sens.caption.oat",
     "Ett antagande i taget (rutnät med {n} punkter): stapeln spänner över {measure} när antagandet går över sina prövade "
     "värden och de andra ligger på dagens värde (eller mittvärdet); strecket visar dagens antaganden. Längst stapel överst.",
     "One assumption at a time (a grid of {n} points): the bar spans {measure} as the assumption moves over its values tried "
     "with the others at today's value (or the middle one); the tick marks today's assumptions. Longest bar at the top."},
    {"sens.caption.prcc",
     "Partiell rangkorrelation (PRCC) mellan antagandet och {measure} över ett latinskt hyperkubsurval om {n} punkter, "
     "med 95 % bootstrapintervall ({b} omdragningar med fast frö). Nära 0: antagandet påverkar inte resultatet; nära 1 "
     "eller −1: det styr det helt.",
     "Partial rank correlation (PRCC) of the assumption with {measure} over a Latin hypercube sample of {n} points, with "
     "95% bootstrap intervals ({b} resamples with a fixed seed). Near 0: the assumption does not move the result; near 1 "
     "or −1: it decides it."},
    {"sens.axis.prcc", "Partiell rangkorrelation", "Partial rank correlation"},
    {"sens.axis.path", "Parameter", "Parameter"},
    {"sens.axis.param", "Antagande", "Assumption"},
    {"sens.values", "Prövade värden", "Values tried"},
    {"sens.doc.heading", "Känslighetsanalys {sweep} av {name}", "Sensitivity analysis {sweep} of {name}"},
    {"sens.doc.meta", "{n} punkter. Rapporten skapad {date}.", "{n} points. Report created {date}."},
    {"sens.caveat",
     "Varje punkt är ett medelvärde över simuleringar med samma slumptal i alla punkter; spridningen mellan punkterna "
     "visar antagandenas osäkerhet, inte slumpens.",
     "Each point is a mean over simulations with the same random numbers at every point; the spread between points shows "
     "the uncertainty of the assumptions, not of chance."},
    {"sens.caveat.compare",
     "Intervallen (95 % KI) visar slumpens inverkan i modellen med dagens antaganden; spännvidden över de prövade "
     "antagandena visar hur mycket resultatet beror på de antaganden känslighetsanalysen prövar. Andra antaganden "
     "(bilaga A) ingår i ingen av dem.",
     "The intervals (95% CI) show the effect of chance in the model with today's assumptions; the range over the "
     "assumptions tried shows how much the results depend on the assumptions the sensitivity analysis tries. Other "
     "assumptions (appendix A) are in neither."},
    {"sens.appendix", "Bilaga: de prövade antagandena", "Appendix: the assumptions tried"},
    {"sens.method.grid", "Ett fullständigt rutnät: varje kombination av värdena nedan.",
     "A full grid: every combination of the values below."},
    {"sens.method.sample", "Ett urval av punkter (latinsk hyperkub) över värdena nedan.",
     "A sample of points (Latin hypercube) over the values below."},

    // Parameter paths as a reader reads them: "{what} för {owner} ({path})".
    {"param.of", "{what} för {owner}", "{what} of {owner}"},
    {"param.shown", "{phrase} ({path})", "{phrase} ({path})"},
    {"param.beds", "antalet vårdplatser", "the number of beds"},
    {"param.capacity", "antalet platser", "the number of places"},
    {"param.over_occupancy", "gränsen för överbeläggning", "the over-occupancy limit"},
    {"param.length_of_stay.mean", "medelvårdtiden", "the mean length of stay"},
    {"param.length_of_stay.sd", "vårdtidens spridning", "the spread of the length of stay"},
    {"param.length_of_stay", "vårdtiden", "the length of stay"},
    {"param.duration.mean", "medeltiden", "the mean duration"},
    {"param.duration.sd", "tidens spridning", "the spread of the duration"},
    {"param.arrivals.rate", "antalet remisser per dag", "the referrals a day"},
    {"param.arrivals.growth", "den årliga tillväxten", "the yearly growth"},
    {"param.planned.patience.mean", "planerade patienters tålamod på väntelistan", "the patience of planned patients on the list"},
    {"param.planned.closed_weeks", "de stängda sommarveckorna", "the closed summer weeks"},
    {"param.run_length", "körtiden", "the run length"},
};

const std::unordered_map<std::string_view, const Entry*>& index() {
    static const auto map = [] {
        std::unordered_map<std::string_view, const Entry*> m;
        for (const auto& e : table) m.emplace(e.key, &e);
        return m;
    }();
    return map;
}

std::string group_thousands(std::string digits, std::string_view separator) {
    std::string out;
    const std::size_t n = digits.size();
    for (std::size_t i = 0; i < n; ++i) {
        if (i > 0 && (n - i) % 3 == 0) out += separator;
        out += digits[i];
    }
    return out;
}

}  // namespace

Language parse_language(std::string_view code) {
    if (code == "sv") return Language::sv;
    if (code == "en") return Language::en;
    throw models::InputError({"--lang " + std::string(code), 0, 0}, "the report's language must be 'sv' or 'en'",
                             "--lang sv (Swedish, the default) or --lang en");
}

std::string_view language_code(Language lang) { return lang == Language::sv ? "sv" : "en"; }

const std::string& tr(Language lang, std::string_view key) {
    // Strings are built once per entry and language, so references stay valid.
    static const auto texts = [] {
        std::unordered_map<std::string_view, std::array<std::string, 2>> m;
        for (const auto& e : table) m.emplace(e.key, std::array<std::string, 2>{std::string(e.sv), std::string(e.en)});
        return m;
    }();
    const auto it = texts.find(key);
    if (it == texts.end()) throw std::out_of_range("kapsim report: no translation for '" + std::string(key) + "'");
    return it->second[lang == Language::sv ? 0 : 1];
}

bool has_translation(std::string_view key) { return index().contains(key); }

std::vector<std::string_view> translation_keys() {
    std::vector<std::string_view> keys;
    for (const auto& e : table) keys.push_back(e.key);
    return keys;
}

std::string upper_first(std::string text) {
    if (!text.empty() && text[0] >= 'a' && text[0] <= 'z') text[0] = static_cast<char>(text[0] - 'a' + 'A');
    else if (text.compare(0, 2, "\u00e5") == 0) text.replace(0, 2, "\u00c5");
    else if (text.compare(0, 2, "\u00e4") == 0) text.replace(0, 2, "\u00c4");
    else if (text.compare(0, 2, "\u00f6") == 0) text.replace(0, 2, "\u00d6");
    return text;
}

std::string lower_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z') text[0] = static_cast<char>(text[0] - 'A' + 'a');
    else if (text.compare(0, 2, "\u00c5") == 0) text.replace(0, 2, "\u00e5");
    else if (text.compare(0, 2, "\u00c4") == 0) text.replace(0, 2, "\u00e4");
    else if (text.compare(0, 2, "\u00d6") == 0) text.replace(0, 2, "\u00f6");
    return text;
}

std::string format_number(double value, int decimals, Language lang) {
    if (!std::isfinite(value)) return "–";
    decimals = std::clamp(decimals, 0, 6);
    std::string text = fmt::format("{:.{}f}", std::abs(value), decimals);
    // "-0" and "-0.0" are shown without a sign.
    const bool negative = value < 0 && text.find_first_not_of("0.") != std::string::npos;
    const auto point = text.find('.');
    std::string whole = point == std::string::npos ? text : text.substr(0, point);
    std::string fraction = point == std::string::npos ? "" : text.substr(point + 1);
    const bool sv = lang == Language::sv;
    // Swedish groups thousands with a non-breaking space; four-digit numbers stay whole.
    std::string out = whole.size() > 4 || !sv ? group_thousands(whole, sv ? "\u00a0" : ",") : whole;
    if (!fraction.empty()) out += (sv ? "," : ".") + fraction;
    return negative ? "\u2212" + out : out;
}

int decimals_for(double value, double ci_low, double ci_high, int minimum) {
    const double a = std::abs(value);
    int d = a >= 10 ? 0 : a >= 1 ? 1 : a == 0 ? 0 : 2;
    d = std::max(d, minimum);
    // An interval printed as "41–41" says nothing: show enough decimals to tell its ends apart.
    if (std::isfinite(ci_low) && std::isfinite(ci_high) && ci_high > ci_low) {
        int wider = d;
        while (wider < 3 && fmt::format("{:.{}f}", ci_low, wider) == fmt::format("{:.{}f}", ci_high, wider)) ++wider;
        // Ends that agree even to three decimals are rounding noise, not worth the digits.
        if (fmt::format("{:.{}f}", ci_low, wider) != fmt::format("{:.{}f}", ci_high, wider)) d = wider;
    }
    return d;
}

}  // namespace kapsim::app::report
