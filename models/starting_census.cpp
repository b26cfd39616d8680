#include "starting_census.hpp"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "sim/calendar_clock.hpp"
#include "sim/quantity.hpp"
#include "unit_base.hpp"
#include "unit_kinds.hpp"

namespace kapsim::models {
namespace {

constexpr long long max_people = 1'000'000;  // at one unit, as for a capacity
constexpr double max_elapsed_days = 100 * sim::days_per_year;

struct Reading {
    const Scenario& s;
    const LoadContext& ctx;
    std::size_t unit;
    std::vector<std::size_t> classes;  // that come to the unit
};

// The class named `name` at `f`, which must be one that comes to the unit.
std::size_t read_class(const Reading& r, const std::string& name, const Field& f) {
    const std::size_t c = r.ctx.patient_class(name, f);
    if (std::find(r.classes.begin(), r.classes.end(), c) == r.classes.end()) {
        std::vector<std::string> ids;
        for (const std::size_t k : r.classes) ids.push_back(r.s.classes[k].id);
        f.fail(say("class '{}' never comes to unit '{}', so none of it can be there at the start",
                           r.s.classes[c].id, r.s.units[r.unit].id),
               ids.empty() ? say("no class comes to this unit") : say("the classes that come here: {}", fmt::join(ids, ", ")));
    }
    return c;
}

// The one class that comes to the unit, for entries that name none.
std::size_t only_class(const Reading& r, const Field& at, const Message& what) {
    if (r.classes.size() != 1) {
        std::vector<std::string> ids;
        for (const std::size_t k : r.classes) ids.push_back(r.s.classes[k].id);
        at.fail(say("{} at unit '{}' must name its class: {} classes come there", what, r.s.units[r.unit].id,
                            r.classes.size()),
                say("e.g. {{class: {}, count: 3}}, or counts by class {{{}: 3}}", ids.empty() ? "name" : ids[0],
                            ids.empty() ? "name" : ids[0]));
    }
    return r.classes[0];
}

// A list of people: a number (one class at the unit), counts by class ({acute: 8, planned: 3}),
// or entries {class, <elapsed_key>, count}.
std::vector<PeopleAtStart> read_people(const Reading& r, const Field& f, const char* elapsed_key, const Message& what) {
    std::vector<PeopleAtStart> people;
    if (f.is_scalar()) {
        people.push_back({only_class(r, f, what), std::nullopt, static_cast<std::size_t>(f.as_integer(0, max_people))});
    } else if (f.is_map()) {
        for (const auto& id : f.keys())
            people.push_back({read_class(r, id, f.child(id)), std::nullopt,
                              static_cast<std::size_t>(f.child(id).as_integer(0, max_people))});
    } else {
        f.expect_sequence(say("{}: entries {{class, {}, count}}", what, elapsed_key));
        for (std::size_t i = 0; i < f.size(); ++i) {
            const Field e = f.at(i);
            e.expect_map({"class", elapsed_key, "count"}, say("an entry of {}", what));
            PeopleAtStart p;
            p.patient_class = e.has("class") ? read_class(r, e.child("class").as_string(), e.child("class"))
                                              : only_class(r, e, what);
            if (e.has(elapsed_key)) p.elapsed_days = e.child(elapsed_key).as_duration_days(0, max_elapsed_days);
            if (e.has("count")) p.count = static_cast<std::size_t>(e.child("count").as_integer(0, max_people));
            people.push_back(p);
        }
    }
    return people;
}

// Nobody can have stayed `elapsed` if no stay they could have (by any destination their class
// goes on to) lasts that long: the time left would be undefined.
void check_stays_last(const Reading& r, const Field& at, const PeopleAtStart& p) {
    if (!p.elapsed_days) return;
    const UnitSpec& unit = r.s.units[r.unit];
    const Route& route = r.s.route_after(r.unit, p.patient_class);
    for (std::size_t i = 0; i < route.to.size(); ++i) {
        if (route.probability[i] <= 0) continue;
        const auto& stay = unit.stay.rules[unit.stay.rule_for(p.patient_class, route.to[i])].stay;
        if (!(stay.survival(*p.elapsed_days) > 0))
            at.fail(say("no stay of class '{}' at unit '{}' lasts longer than {}: the stay is {}",
                                r.s.classes[p.patient_class].id, unit.id, sim::format_duration(*p.elapsed_days),
                                stay.describe(sim::format_duration)),
                    say("check the time already spent, or the unit's stay distribution"));
    }
}

void check_total(const Field& at, const StartingCensus& census, const std::string& unit) {
    unsigned long long total = 0;
    for (const auto* list : {&census.staying, &census.waiting})
        for (const auto& p : *list) total += p.count;
    if (total > static_cast<unsigned long long>(max_people))
        at.fail(say("{} people at unit '{}' at the start is beyond the limit of {}", total, unit, max_people),
                say("check the counts"));
}

void read_today(const Reading& r, const Field& today, const Scenario& s, StartingCensus& census) {
    const UnitSpec& unit = s.units[r.unit];
    if (!today.is_map())
        today.fail(say("'{}' must give the people at the unit on the start date", today.path()),
                   say("e.g. today: {{census: [{{class: acute, elapsed: 3d}}], waiting: [{{class: planned, waited: 12d}}]}}"));
    today.expect_map({"date", "census", "waiting"}, say("a unit's people at the start (today)"));
    if (today.has("date")) {
        std::chrono::sys_days day{};
        try {
            day = sim::CalendarClock::parse_date(today.child("date").as_string());
        } catch (const std::invalid_argument& e) {
            today.child("date").fail(date_problem(today.child("date").as_string()), say("write the date as YYYY-MM-DD, e.g. 2026-11-30"));
        }
        if (day != s.start)
            today.child("date").fail(say("the census at '{}' is of {}, but the scenario starts {}", unit.id,
                                                 sim::CalendarClock::format_date(day), sim::CalendarClock::format_date(s.start)),
                                     say("a run from today starts on the census date: set scenario.start: {}",
                                                 sim::CalendarClock::format_date(day)));
    }
    census.from_today = true;
    if (today.has("census")) {
        const Field f = today.child("census");
        const auto staying = read_people(r, f, "elapsed", say("the census"));
        if (f.is_sequence())
            for (std::size_t i = 0; i < f.size(); ++i) check_stays_last(r, f.at(i).child("elapsed"), staying[i]);
        census.staying.insert(census.staying.end(), staying.begin(), staying.end());
    }
    if (today.has("waiting")) {
        const Field f = today.child("waiting");
        const UnitKind& kind = *find_unit_kind(unit.kind);
        census.waiting = read_people(r, f, "waited", say("the waiting list"));
        for (std::size_t i = 0; i < census.waiting.size(); ++i) {
            const PeopleAtStart& p = census.waiting[i];
            const Field at = f.is_sequence() ? f.at(i) : f;
            const WaitingLine line = kind.waiting_line ? kind.waiting_line(unit.parameters, p.patient_class) : WaitingLine{};
            if (!line.waits)
                at.fail(say("class '{}' never waits at unit '{}' ({}), so none of it can be on a waiting list there",
                                    s.classes[p.patient_class].id, unit.id, unit.kind),
                        say("list those staying under 'census', or remove them"));
            if (p.elapsed_days && line.patience && *line.patience && !((*line.patience)->survival(*p.elapsed_days) > 0))
                at.child("waited").fail(
                    say("nobody waits longer than {} at unit '{}': the patience is {}", sim::format_duration(*p.elapsed_days),
                                unit.id, (*line.patience)->describe(sim::format_duration)),
                    say("check the time already waited, or the unit's patience"));
        }
        // The list in the order people joined it: the longest wait first (an unknown one last).
        std::stable_sort(census.waiting.begin(), census.waiting.end(), [](const PeopleAtStart& a, const PeopleAtStart& b) {
            return a.elapsed_days.value_or(0) > b.elapsed_days.value_or(0);
        });
    }
    check_total(today, census, unit.id);
}

}  // namespace

std::string describe_starting_census(const Scenario& s) {
    std::string out;
    for (const auto& unit : s.units) {
        if (unit.at_start.empty()) continue;
        const auto count = [](const std::vector<PeopleAtStart>& people, bool known) {
            std::size_t n = 0;
            for (const auto& p : people)
                if (!known || p.elapsed_days) n += p.count;
            return n;
        };
        const std::size_t staying = count(unit.at_start.staying, false), waiting = count(unit.at_start.waiting, false);
        out += fmt::format("  at the start, {}: {} staying ({} with the time spent known; the others' time left drawn as "
                           "in a unit long running)",
                           unit.id, staying, count(unit.at_start.staying, true));
        const auto capacity = find_unit_kind(unit.kind)->capacity(unit.parameters);
        if (capacity && capacity->places != sim::unlimited_capacity && staying > capacity->places)
            out += fmt::format(", more than its {} {}: nobody is evicted, and the unit admits by its own rules from there",
                               capacity->places, capacity->noun);
        if (waiting > 0)
            out += fmt::format(", {} waiting ({} with the time waited known; the others' wait counted from the start)",
                               waiting, count(unit.at_start.waiting, true));
        out += "\n";
    }
    return out;
}

Message warmup_from_today_warning(const Scenario& s) {
    if (!s.starts_from_today() || s.warmup_days <= 0) return {};
    return say("warning: a warm-up of {} is set, but the run starts from today's census on {}: the results "
                       "cover only the time from {} after it; set warmup: 0 (the default) to report from the start date",
                       sim::format_duration(s.warmup_days), sim::CalendarClock::format_date(s.start),
                       sim::format_duration(s.warmup_days));
}

std::size_t class_of_initially_enrolled(const Scenario& s, std::size_t unit) {
    for (std::size_t c = 0; c < s.classes.size(); ++c)
        if (s.classes[c].first_unit == unit) return c;
    for (std::size_t c = 0; c < s.classes.size(); ++c)
        for (std::size_t from = 0; from < s.units.size(); ++from) {
            const Route& r = s.route_after(from, c);
            for (std::size_t i = 0; i < r.to.size(); ++i)
                if (r.to[i] == unit && r.probability[i] > 0) return c;
        }
    return 0;
}

void read_starting_census(const Field& root, const LoadContext& ctx, Scenario& s) {
    const Field units = root.child("units");
    const auto classes_here = classes_by_unit(s);
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const Field unit = units.child(s.units[u].id);
        const Reading r{s, ctx, u, classes_here[u]};
        const auto* slots = std::get_if<SlotsSpec>(&s.units[u].parameters);
        StartingCensus census;
        // Shorthand for that many more in the census, their time spent unknown.
        if (slots && slots->initially_enrolled > 0)
            census.staying.push_back({class_of_initially_enrolled(s, u), std::nullopt, slots->initially_enrolled});
        if (unit.has("today")) read_today(r, unit.child("today"), s, census);
        s.units[u].at_start = std::move(census);
    }
}

}  // namespace kapsim::models
