#include "dated_changes.hpp"

#include <algorithm>
#include <optional>
#include <sstream>
#include <type_traits>

#include <fmt/format.h>

#include "sim/calendar_clock.hpp"
#include "sim/capacity_pool.hpp"
#include "unit_base.hpp"
#include "unit_kinds.hpp"

namespace kapsim::models {
namespace {

Message what_can_change() {
    return say("so far a change can set arrivals (classes.<class>.arrivals, e.g. classes.lob.arrivals.rate), "
               "capacities (units.<unit>.beds, .places, .capacity or .caseload, the key of the unit's kind), routes "
               "(pathways.<unit>.after_stay, .overflow or .wait_for_place), costs and who pays them (costs.<name>.per_day, "
               "costs.<name>.payer, payers); to compare other values, make them variants (kapsim compare)");
}

std::vector<std::string> split_path(const std::string& path) {
    std::vector<std::string> parts;
    std::stringstream in(path);
    for (std::string part; std::getline(in, part, '.');) parts.push_back(part);
    return parts;
}

// A unit's base capacity and the kind's own schedule of it, where the kind has one.
template <class Spec>
struct CapacityFields {
    std::conditional_t<std::is_const_v<Spec>, const std::size_t*, std::size_t*> base = nullptr;
    std::conditional_t<std::is_const_v<Spec>, const std::vector<CapacityRule>*, std::vector<CapacityRule>*> schedule =
        nullptr;
};

template <class Parameters>
CapacityFields<Parameters> capacity_fields(Parameters& parameters) {
    return std::visit(
        [](auto& spec) -> CapacityFields<Parameters> {
            using T = std::remove_const_t<std::remove_reference_t<decltype(spec)>>;
            if constexpr (std::is_same_v<T, PoolSpec> || std::is_same_v<T, SlotsSpec>)
                return {&spec.capacity, &spec.capacity_schedule};
            else if constexpr (std::is_same_v<T, SoberingSpec>)
                return {&spec.places, &spec.places_schedule};
            else if constexpr (std::is_same_v<T, WardSpec>)
                return {&spec.beds, &spec.beds_schedule};
            else if constexpr (std::is_same_v<T, CaseloadSpec>)
                return {&spec.caseload, &spec.caseload_schedule};
            else
                return {};
        },
        parameters);
}

// Why a path cannot change over time yet; none when it can.
std::optional<Message> refusal(const std::string& path, const Scenario& base) {
    const auto parts = split_path(path);
    if (parts.size() >= 3 && parts[0] == "classes" && parts[2] == "arrivals") return std::nullopt;
    if (!parts.empty() && (parts[0] == "costs" || parts[0] == "payers")) return std::nullopt;
    if (parts.size() >= 2 && parts[0] == "pathways" &&
        (parts.size() == 2 || parts[2] == "after_stay" || parts[2] == "overflow" || parts[2] == "wait_for_place"))
        return std::nullopt;
    if (parts.size() >= 3 && parts[0] == "units") {
        const auto unit = std::find_if(base.units.begin(), base.units.end(), [&](const UnitSpec& u) { return u.id == parts[1]; });
        if (unit != base.units.end()) {
            const UnitKind* kind = find_unit_kind(unit->kind);
            const bool scheduled = capacity_fields(unit->parameters).schedule != nullptr;
            if (scheduled && parts[2] == kind->capacity_key) return std::nullopt;
            if (scheduled)
                return say("'{}' cannot change over time yet: of unit '{}' ({}), only '{}' can change over time so far",
                           path, unit->id, unit->kind, kind->capacity_key);
            return say("'{}' cannot change over time yet: unit '{}' ({}) has no capacity schedule, so its values "
                       "cannot change over time yet",
                       path, unit->id, unit->kind);
        }
    }
    return say("'{}' cannot change over time yet", path);
}

}  // namespace

bool has_dated_changes(const ScenarioDocument& doc) { return doc.root().IsMap() && doc.root()["changes"]; }

std::vector<DatedChange> read_dated_changes(const ScenarioDocument& doc, const Scenario& base) {
    const Field root(doc, doc.root(), "");
    const Field list = root.child("changes");
    list.expect_sequence(say("dated changes, each {{from: YYYY-MM-DD, set: {{path: value, ...}}}}"));
    std::vector<DatedChange> changes;
    for (std::size_t i = 0; i < list.size(); ++i) {
        const Field item = list.at(i);
        item.expect_map({"from", "set"}, say("a dated change"));
        const Field from = item.required("from");
        DatedChange change;
        change.where = item.location();
        try {
            change.from = sim::CalendarClock::parse_date(from.as_string());
        } catch (const std::invalid_argument& e) {
            from.fail(date_problem(from.as_string()), say("write the date as YYYY-MM-DD, e.g. 2027-01-01"));
        }
        change.day = static_cast<double>((change.from - base.start).count());
        const auto date = [](std::chrono::sys_days d) { return sim::CalendarClock::format_date(d); };
        if (change.from <= base.start)
            from.fail(say("the change from {} is not after the run's start ({})", date(change.from), date(base.start)),
                      say("a value in force from the start belongs in the scenario itself; date a change after "
                      "scenario.start"));
        if (change.day >= base.horizon_days())
            from.fail(say("the change from {} comes after the run ends ({})", date(change.from),
                                  date(base.start + std::chrono::days{static_cast<long>(base.horizon_days())})),
                      say("remove the change, or lengthen scenario.run_length so that the run reaches it"));
        if (!changes.empty() && change.from <= changes.back().from)
            from.fail(say("the change from {} is not after the one before it ({})", date(change.from),
                                  date(changes.back().from)),
                      say("list the changes in date order, one change per date"));
        const Field set = item.required("set");
        if (!set.is_map() || set.size() == 0)
            set.fail(say("'set' must map scenario paths to their new values"),
                     say("e.g. set: {{classes.lob.arrivals.rate: 700/year, units.tne.places: 3}}"));
        for (const auto& kv : set.node()) {
            const std::string path = kv.first.as<std::string>();
            if (const auto why = refusal(path, base))
                throw InputError(doc.locate(kv.first, set.path() + "." + path), *why, what_can_change());
            change.paths.push_back(path);
        }
        changes.push_back(std::move(change));
    }
    return changes;
}

void apply_dated_changes(ScenarioDocument& doc, std::size_t through) {
    const YAML::Node list = doc.root()["changes"];
    for (std::size_t i = 0; i <= through && i < list.size(); ++i)
        for (const auto& kv : list[i]["set"]) {
            const std::string path = kv.first.as<std::string>();
            // Only paths of a known shape get here (read_dated_changes), and the loader checks the
            // names in them, so a section the file leaves out (a unit without pathways) may be made.
            doc.set_value(path, kv.second, doc.locate(kv.first, fmt::format("changes.{}.set.{}", i, path)), true);
        }
}

void fold_dated_changes(Scenario& base) {
    for (std::size_t k = 0; k < base.changes.size(); ++k) {
        const DatedChange& change = base.changes[k];
        const Scenario& now = *change.regime;
        const Scenario& before = k == 0 ? base : *base.changes[k - 1].regime;
        // The paths a change may set leave the classes and units as they are; say so if not.
        bool same = now.classes.size() == base.classes.size() && now.units.size() == base.units.size();
        for (std::size_t c = 0; same && c < base.classes.size(); ++c) same = now.classes[c].id == base.classes[c].id;
        for (std::size_t u = 0; same && u < base.units.size(); ++u)
            same = now.units[u].id == base.units[u].id && now.units[u].kind == base.units[u].kind;
        if (!same)
            throw InputError(change.where, say("the change adds, removes or renames classes or units"),
                             say("a change sets values only; the classes and units are those of the scenario itself"));
        for (std::size_t u = 0; u < base.units.size(); ++u) {
            const auto was = capacity_fields(before.units[u].parameters);
            const auto is = capacity_fields(now.units[u].parameters);
            if (!is.schedule || *was.base == *is.base) continue;
            const UnitKind& kind = *find_unit_kind(base.units[u].kind);
            if (*was.base == sim::unlimited_capacity || *is.base == sim::unlimited_capacity)
                throw InputError(change.where,
                                 say("units.{}.{} changes to or from unlimited, which a dated change cannot do yet",
                                             base.units[u].id, kind.capacity_key),
                                 say("give the unit a number of places before and after the change"));
            for (const auto& rule : *is.schedule)
                if (rule.from)
                    throw InputError(change.where,
                                     say("units.{}.{} changes here, and the unit's own schedule changes it on "
                                                 "dates too",
                                                 base.units[u].id, kind.capacity_key),
                                     say("give every dated change of '{}' in one place: here, or in the unit's "
                                                 "own schedule (recurring weeks may stay there)",
                                                 base.units[u].id));
            // The kind's own rule: from this day on, the new number (rules in order, the last in force wins).
            auto mine = capacity_fields(base.units[u].parameters);
            mine.schedule->push_back(CapacityRule{change.from, 0, 0, *is.base});
        }
    }
    // Costs may go to a payer only from a change on: every payer named anywhere has its column.
    for (const auto& change : base.changes) {
        for (const auto& payer : change.regime->payers)
            if (std::find(base.payers.begin(), base.payers.end(), payer) == base.payers.end()) base.payers.push_back(payer);
        // A placement unit splits its cost into own and purchased places from the scenario's
        // items; that split does not follow a change yet, so its costs may not change.
        for (std::size_t u = 0; u < base.units.size(); ++u) {
            if (base.units[u].kind != "placement") continue;
            const auto of_unit = [u](const std::vector<CostItem>& all) {
                std::vector<CostItem> mine;
                for (const auto& item : all)
                    if (item.unit == u) mine.push_back(item);
                return mine;
            };
            if (!same_costs(of_unit(base.costs), of_unit(change.regime->costs)))
                throw InputError(change.where,
                                 say("the costs of placement unit '{}' change here, which a dated change cannot do yet "
                                     "(its split into own and purchased places follows the scenario's costs)",
                                     base.units[u].id),
                                 say("compare the costs as variants (kapsim compare) instead"));
        }
    }
    // A unit may be reached only from a change on (a new route), but it must be reached then.
    const auto classes_here = classes_by_unit(base);
    for (std::size_t u = 0; u < base.units.size(); ++u)
        if (classes_here[u].empty())
            throw InputError(base.units[u].where, say("unit '{}' is never reached", base.units[u].id),
                             say("no class arrives there and no pathway leads there, before or after any change; add "
                             "one, or remove the unit"));
}

bool same_arrivals(const sim::ArrivalProfile& a, const sim::ArrivalProfile& b) {
    return a.rate_per_day == b.rate_per_day && a.yearly_growth == b.yearly_growth && a.hour_of_week == b.hour_of_week &&
           a.month == b.month;
}

bool same_routes(const Scenario& a, const Scenario& b) {
    const auto same = [](const std::vector<Route>& x, const std::vector<Route>& y) {
        if (x.size() != y.size()) return false;
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i].to != y[i].to || x[i].probability != y[i].probability) return false;
        return true;
    };
    const auto same_waits = [&](const std::vector<WaitForPlace>& x, const std::vector<WaitForPlace>& y) {
        if (x.empty() || y.empty()) return x.empty() && y.empty();
        for (std::size_t i = 0; i < x.size(); ++i)
            if (x[i].given != y[i].given || x[i].max_days != y[i].max_days || x[i].then.to != y[i].then.to ||
                x[i].then.probability != y[i].then.probability)
                return false;
        return true;
    };
    return same(a.after_stay, b.after_stay) && same(a.overflow, b.overflow) && same_waits(a.wait_for_place, b.wait_for_place);
}

bool same_costs(const std::vector<CostItem>& a, const std::vector<CostItem>& b) {
    if (a.size() != b.size()) return false;
    for (std::size_t i = 0; i < a.size(); ++i) {
        const CostItem &x = a[i], &y = b[i];
        if (x.name != y.name || x.unit != y.unit || x.basis != y.basis || x.amount != y.amount ||
            x.applies_to != y.applies_to || x.payers.size() != y.payers.size())
            return false;
        for (std::size_t p = 0; p < x.payers.size(); ++p)
            if (x.payers[p].payer != y.payers[p].payer || x.payers[p].share != y.payers[p].share) return false;
    }
    return true;
}

}  // namespace kapsim::models
