#include "scenario_loader.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "dated_changes.hpp"
#include "identifier.hpp"
#include "pathway_graph.hpp"
#include "scenario_document.hpp"
#include "scenario_reading.hpp"
#include "sim/calendar_clock.hpp"
#include "starting_census.hpp"
#include "sim/quantity.hpp"
#include "unit_kinds.hpp"
#include "waiting_for_place.hpp"

namespace kapsim::models {
namespace {

// Payers with a fixed meaning; any other name is a payer of its own (a municipality, the state).
constexpr std::string_view home_municipality = "municipality";
constexpr std::string_view all_municipalities = "municipalities";

void check_name(const Field& at, const std::string& name, const Message& what) {
    if (!is_identifier(name)) at.fail(say("{} name '{}' is not valid", what, name), identifier_rule());
    if (name == "out" || name == "all")
        at.fail(say("'{}' is reserved and cannot name a {}", name, what), say("choose another name"));
}

void read_info(const Field& root, Scenario& s) {
    if (!root.has("scenario")) root.fail(say("'scenario' is missing"), say("add a 'scenario:' section with name, start, run_length"));
    const Field info = root.child("scenario");
    info.expect_map({"name", "label", "description", "region", "start", "run_length", "warmup", "replications", "seed"},
                    say("the scenario section"));
    s.name = info.required("name").as_identifier();
    if (info.has("label")) s.label = info.child("label").as_text();
    if (info.has("description")) s.description = info.child("description").as_text();
    if (info.has("region")) s.region = info.child("region").as_string();
    try {
        s.start = sim::CalendarClock::parse_date(info.required("start").as_string());
    } catch (const std::invalid_argument& e) {
        info.child("start").fail(date_problem(info.child("start").as_string()), say("write the date as YYYY-MM-DD, e.g. 2024-01-01"));
    }
    s.run_length_days = info.required("run_length").as_duration_days(1, 1000 * sim::days_per_year);
    s.warmup_days = info.has("warmup") ? info.child("warmup").as_duration_days(0, 100 * sim::days_per_year) : 0;
    s.replications =
        info.has("replications") ? static_cast<std::size_t>(info.child("replications").as_integer(2, 100000)) : 20;
    s.seed = info.has("seed") ? info.child("seed").as_seed() : 1;
}

// Shares that must add up to one: {ostersund: 0.75, other: 0.25}.
std::vector<std::pair<std::string, double>> read_shares(const Field& f, const Message& what) {
    if (!f.is_map() || f.size() == 0)
        f.fail(say("'{}' must map each {} to its share", f.path(), what), say("e.g. {{ostersund: 0.75, other: 0.25}}"));
    std::vector<std::pair<std::string, double>> shares;
    double total = 0;
    for (const auto& key : f.keys()) {
        const double share = f.child(key).as_share();
        shares.emplace_back(key, share);
        total += share;
    }
    if (std::abs(total - 1.0) > 1e-9)
        f.fail(say("the shares in '{}' add up to {:.10g}, not 1", f.path(), total),
               say("make the shares add up to exactly 1, e.g. by adjusting the last one"));
    return shares;
}

void read_class(const Field& c, const std::string& id, Scenario& s, const LoadContext& ctx, PatientClass& pc) {
    check_name(c, id, say("class"));
    c.expect_map({"arrivals", "population", "first_unit", "priority", "label", "description", "municipality", "readmission"},
                 say("a patient class"));
    if (c.has("arrivals") && c.has("population"))
        c.child("population").fail(say("class '{}' has both arrivals and a population", id),
                                   say("a class either arrives (arrivals: {{rate: 700/year}}) or is a population of known "
                                       "persons who come back (population: {{persons: 146, ...}}); split it into two classes"));
    if (!c.has("arrivals") && !c.has("population"))
        c.fail(say("class '{}' has no arrivals", id),
               say("add e.g. 'arrivals: {{rate: 700/year}}', or 'population:' for known persons who come back"));
    if (c.has("label")) pc.label = c.child("label").as_text();
    if (c.has("description")) pc.description = c.child("description").as_text();
    if (c.has("population")) {
        pc.population = read_population(c.child("population"));
        // Their total rate stands for arrivals wherever a load is worked out (check, the work estimate).
        // With persons joining, the most the population can hold in the run: those at the start
        // and those who join, for as long as they stay on average (no leaving: the whole run).
        const auto& spec = *pc.population;
        const double horizon = s.warmup_days + s.run_length_days;
        const double staying = spec.leaves_after ? std::min(spec.leaves_after->mean(), horizon) : horizon;
        pc.arrivals.rate_per_day =
            spec.visits_per_person_per_day * (static_cast<double>(spec.persons) + spec.joining_per_day * staying);
    } else {
        pc.arrivals = read_arrivals(c.child("arrivals"));
    }
    const Field first = c.required("first_unit");
    const Destination target = ctx.destination(first);
    if (target == leaves_system) first.fail(say("a class must arrive at a unit, not 'out'"), say("name one of the units"));
    pc.first_unit = target;
    if (c.has("priority")) pc.priority = static_cast<int>(c.child("priority").as_integer(-1000, 1000));
    if (c.has("readmission")) pc.readmission = read_readmission(c.child("readmission"));
    if (c.has("municipality")) {
        for (const auto& [name, share] : read_shares(c.child("municipality"), say("municipality"))) {
            check_name(c.child("municipality"), name, say("municipality"));
            auto it = std::find(s.municipalities.begin(), s.municipalities.end(), name);
            if (it == s.municipalities.end()) {
                s.municipalities.push_back(name);
                it = s.municipalities.end() - 1;
            }
            const auto m = static_cast<std::size_t>(it - s.municipalities.begin());
            if (pc.municipality_share.size() <= m) pc.municipality_share.resize(m + 1, 0.0);
            pc.municipality_share[m] = share;
        }
    }
}

// Each class is read on its own, so the problems of several are reported together. A class
// with a problem is still known by its name, so that units naming it add no echo of it.
void read_classes(const Field& root, Scenario& s, LoadContext& ctx, InputErrorCollector& errors) {
    const Field classes = root.required("classes");
    if (!classes.is_map() || classes.size() == 0)
        classes.fail(say("'classes' must map each patient class to its arrivals"),
                     say("e.g. classes: {{patients: {{arrivals: {{rate: 1.65/day}}, first_unit: ward}}}}"));
    for (const auto& id : classes.keys()) {
        PatientClass pc;
        pc.id = id;
        errors.attempt([&] { read_class(classes.child(id), id, s, ctx, pc); });
        ctx.class_index[id] = s.classes.size();
        s.classes.push_back(std::move(pc));
    }
    for (auto& pc : s.classes)
        if (!pc.municipality_share.empty()) pc.municipality_share.resize(s.municipalities.size(), 0.0);
}

std::vector<PayerShare> read_payers(const Field& f) {
    if (f.is_scalar()) return {{f.as_identifier(), 1.0}};
    std::vector<PayerShare> payers;
    for (const auto& [name, share] : read_shares(f, say("payer"))) {
        if (!is_identifier(name))
            f.child(name).fail(say("payer name '{}' is not valid", name), identifier_rule());
        payers.push_back({name, share});
    }
    return payers;
}

void read_staffing(const Field& root, LoadContext& ctx, Scenario& s) {
    if (!root.has("staffing")) return;
    const Field staffing = root.child("staffing");
    if (!staffing.is_map()) staffing.fail(say("'staffing' must map units to their staff groups"), say("e.g. staffing: {{avd7: {{nurses: {{fte: 12, cost_per_fte: 560000}}}}}}"));
    for (const auto& unit : staffing.keys()) {
        const Field groups = staffing.child(unit);
        if (ctx.destination(unit, groups) == leaves_system) groups.fail(say("'out' has no staff"), say("name a unit"));
        if (!groups.is_map()) groups.fail(say("staff groups must be a mapping"), say("e.g. nurses: {{fte: 12, cost_per_fte: 560000}}"));
        for (const auto& group : groups.keys()) {
            const Field g = groups.child(group);
            check_name(g, group, say("staff group"));
            g.expect_map({"fte", "cost_per_fte", "payer"}, say("a staff group"));
            StaffGroup sg{unit, group, g.required("fte").as_number(0, 10000), 0};
            if (g.has("cost_per_fte")) sg.cost_per_fte = g.child("cost_per_fte").as_number(0, 1e9);
            ctx.staffing.push_back(sg);
            s.staffing.push_back(sg);
            if (sg.cost_per_fte > 0) {
                CostItem item;
                item.name = "staff:" + group;
                item.unit = ctx.unit_index.at(unit);
                item.basis = CostItem::Basis::per_year;
                item.amount = sg.fte * sg.cost_per_fte;
                item.payers = g.has("payer") ? read_payers(g.child("payer")) : std::vector<PayerShare>{{"region", 1.0}};
                s.costs.push_back(item);
            }
        }
    }
}

// The keys are known before any unit is read, so a stay rule may name a unit defined later.
void collect_unit_names(const Field& root, LoadContext& ctx) {
    const Field units = root.required("units");
    if (!units.is_map() || units.size() == 0)
        units.fail(say("'units' must map each unit's id to its description"), say("e.g. units: {{ward: {{kind: pool, capacity: 13, ...}}}}"));
    for (const auto& id : units.keys()) {
        check_name(units.child(id), id, say("unit"));
        const std::size_t index = ctx.unit_index.size();
        ctx.unit_index[id] = index;
    }
}

void read_unit(const Field& u, const std::string& id, const LoadContext& base_ctx, Scenario& s) {
    std::vector<std::string> kind_names;
    for (const auto& k : unit_kinds()) kind_names.emplace_back(k.name);
    if (!u.is_map()) u.fail(say("unit '{}' must be a mapping with a 'kind'", id), say("e.g. kind: ward"));
    const std::string kind_name = u.required("kind").as_string();
    const UnitKind* kind = find_unit_kind(kind_name);
    if (!kind) {
        const std::string guess = nearest(kind_name, kind_names);
        u.child("kind").fail(say("unknown unit kind '{}'", kind_name),
                             guess.empty() ? say("the kinds are: {}", fmt::join(kind_names, ", "))
                                           : say("did you mean '{}'?", guess));
    }
    // `today`: the people at the unit on the start date, for every kind (starting_census.hpp).
    std::vector<std::string_view> keys{"kind", "label", "description", "today"};
    keys.insert(keys.end(), kind->keys.begin(), kind->keys.end());
    u.expect_map(keys, say("a unit of kind '{}'", kind_name));
    LoadContext ctx = base_ctx;
    ctx.unit_id = id;
    UnitSpec spec;
    spec.id = id;
    spec.kind = kind_name;
    spec.where = u.location();
    if (u.has("label")) spec.label = u.child("label").as_text();
    if (u.has("description")) spec.description = u.child("description").as_text();
    spec.parameters = kind->read(u, ctx, spec.stay);
    s.units.push_back(std::move(spec));
}

// Each unit is read on its own, so the problems of several are reported together; a unit with
// a problem is left out, and what refers to units is read only when every unit could be.
void read_units(const Field& root, const LoadContext& base_ctx, Scenario& s, InputErrorCollector& errors) {
    const Field units = root.child("units");
    for (const auto& id : units.keys()) errors.attempt([&] { read_unit(units.child(id), id, base_ctx, s); });
}

Route read_route(const Field& f, const LoadContext& ctx) {
    Route r;
    r.where = f.location();
    for (const auto& [name, p] : read_shares(f, say("destination"))) {
        r.to.push_back(ctx.destination(name, f.child(name)));
        r.probability.push_back(p);
    }
    return r;
}

void read_wait_for_place(const Field& f, std::size_t unit, const LoadContext& ctx, Scenario& s);

void read_unit_pathways(const Field& p, const std::string& unit_id, const LoadContext& ctx, Scenario& s) {
    const std::size_t classes = s.classes.size();
    const Destination unit = ctx.destination(unit_id, p);
    if (unit == leaves_system) p.fail(say("'out' has no pathways of its own"), say("name a unit"));
    p.expect_map({"after_stay", "overflow", "wait_for_place"}, say("a unit's pathways"));
    const UnitKind* kind = find_unit_kind(s.units[unit].kind);
    for (const char* section : {"after_stay", "overflow"}) {
        if (!p.has(section)) continue;
        const Field routes = p.child(section);
        const bool overflow = std::string_view(section) == "overflow";
        if (overflow && !kind->can_overflow(s.units[unit].parameters))
            routes.fail(say("unit '{}' ({}) never turns anyone away, so it cannot have an overflow route",
                                    unit_id, s.units[unit].kind),
                        say("remove this overflow route, or make the unit one that can be full (e.g. queue: none)"));
        if (!routes.is_map()) routes.fail(say("routes must map classes (or 'all') to destinations"), say("e.g. all: {{out: 0.8, ed: 0.2}}"));
        auto& table = overflow ? s.overflow : s.after_stay;
        // 'all' first, then class-specific routes override it.
        if (routes.has("all")) {
            const Route r = read_route(routes.child("all"), ctx);
            for (std::size_t c = 0; c < classes; ++c) table[unit * classes + c] = r;
        }
        for (const auto& class_id : routes.keys()) {
            if (class_id == "all") continue;
            const std::size_t c = ctx.patient_class(class_id, routes.child(class_id));
            table[unit * classes + c] = read_route(routes.child(class_id), ctx);
        }
    }
    if (p.has("wait_for_place")) read_wait_for_place(p.child("wait_for_place"), unit, ctx, s);
}

// `wait_for_place: {hvb: {max: 30d, then: {out: 100 %}}}`: by the next unit, whether those going
// there keep their place until it has one, for how long at most, and where they go then.
void read_wait_for_place(const Field& f, std::size_t unit, const LoadContext& ctx, Scenario& s) {
    const std::string& unit_id = s.units[unit].id;
    if (!f.is_map() || f.size() == 0)
        f.fail(say("'wait_for_place' must map each next unit to how long people wait for a place there"),
               say("e.g. wait_for_place: {{hvb: {{max: 30d, then: {{out: 100 %}}}}}}, or {{hvb: {{}}}} to wait as long as it takes"));
    if (s.units[unit].kind == "placement")
        f.fail(say("unit '{}' (placement) cannot keep a place for the next step", unit_id),
               say("a placement has no limit on places, so keeping one blocks nobody; wait for the next step at the unit "
                   "before it instead"));
    const std::size_t n = s.units.size();
    if (s.wait_for_place.empty()) s.wait_for_place.assign(n * n, WaitForPlace{});
    for (const auto& next_id : f.keys()) {
        const Field w = f.child(next_id);
        const Destination next = ctx.destination(next_id, w);
        if (next == leaves_system)
            w.fail(say("nobody waits for a place outside the care system ('out')"), say("name the unit whose place they wait for"));
        if (next == unit)
            w.fail(say("unit '{}' cannot keep a place while waiting for a place at itself", unit_id),
                   say("name the next unit, one of the after_stay destinations"));
        bool goes_there = false;
        for (std::size_t c = 0; c < s.classes.size(); ++c)
            for (const Destination d : s.route_after(unit, c).to) goes_there = goes_there || d == next;
        if (!goes_there)
            w.fail(say("nobody goes from '{}' to '{}' after a stay, so nobody waits for a place there", unit_id, next_id),
                   say("add '{}' to pathways.{}.after_stay, or remove this wait", next_id, unit_id));
        if (s.units[next].kind == "service")
            w.fail(say("unit '{}' (service) has no limit on places, so nobody waits for one", next_id),
                   say("remove this wait"));
        if (!w.is_map())
            w.fail(say("the wait for '{}' must be a mapping", next_id),
                   say("e.g. {{max: 30d, then: {{out: 100 %}}}}, or {{}} to wait as long as it takes"));
        w.expect_map({"max", "then"}, say("a wait for the next step"));
        WaitForPlace wait;
        wait.given = true;
        wait.where = w.location();
        if (w.has("max")) wait.max_days = w.child("max").as_duration_days(1.0 / (24 * 60), 100 * sim::days_per_year);
        if (w.has("then")) {
            if (!wait.max_days)
                w.child("then").fail(say("'then' says where people go after the longest wait, but no 'max' is given"),
                                     say("add e.g. max: 30d, or remove 'then' to wait as long as it takes"));
            wait.then = read_route(w.child("then"), ctx);
            for (const Destination d : wait.then.to)
                if (d == unit)
                    w.child("then").fail(say("after the longest wait, people leave '{}'; they cannot go back to it", unit_id),
                                         say("name another unit, or 'out'"));
        }
        s.wait_for_place[unit * n + next] = std::move(wait);
    }
}

// Each unit's pathways are read on their own, so the problems of several are reported together.
void read_pathways(const Field& root, const LoadContext& ctx, Scenario& s, InputErrorCollector& errors) {
    const std::size_t classes = s.classes.size();
    s.after_stay.assign(s.units.size() * classes, Route{{leaves_system}, {1.0}, {}});
    s.overflow.assign(s.units.size() * classes, Route{});
    if (!root.has("pathways")) return;
    const Field pathways = root.child("pathways");
    if (!pathways.is_map()) pathways.fail(say("'pathways' must map units to their routes"), say("e.g. pathways: {{tne: {{after_stay: {{all: {{out: 1}}}}}}}}"));
    for (const auto& unit_id : pathways.keys()) errors.attempt([&] { read_unit_pathways(pathways.child(unit_id), unit_id, ctx, s); });
}

// Whether a dated change sets the waits for the next step at the unit (its wait_for_place, or
// its pathways whole): the changes are read after the costs, so their paths are looked at here.
bool a_change_sets_waits(const Field& root, const std::string& unit) {
    if (!root.has("changes") || !root.child("changes").is_sequence()) return false;
    const Field changes = root.child("changes");
    const std::string whole = "pathways." + unit, waits = whole + ".wait_for_place";
    for (std::size_t i = 0; i < changes.size(); ++i) {
        const Field change = changes.at(i);
        if (!change.is_map() || !change.has("set") || !change.child("set").is_map()) continue;
        for (const auto& path : change.child("set").keys())
            if (path == whole || path == waits || path.rfind(waits + ".", 0) == 0) return true;
    }
    return false;
}

void read_cost(const Field& root, const Field& c, std::size_t i, const LoadContext& ctx, Scenario& s) {
    c.expect_map({"name", "unit", "per_year", "per_admission", "per_day", "per_hour", "payer", "applies_to"},
                 say("a cost item"));
    CostItem item;
    const Destination unit = ctx.destination(c.required("unit"));
    if (unit == leaves_system) c.child("unit").fail(say("costs belong to a unit, not 'out'"), say("name a unit"));
    item.unit = unit;
    item.name = c.has("name") ? c.child("name").as_string() : fmt::format("cost {}", i + 1);
    int bases = 0;
    for (const auto& [key, basis] : std::vector<std::pair<const char*, CostItem::Basis>>{
             {"per_year", CostItem::Basis::per_year},
             {"per_admission", CostItem::Basis::per_admission},
             {"per_day", CostItem::Basis::per_day},
             {"per_hour", CostItem::Basis::per_day}}) {
        if (!c.has(key)) continue;
        ++bases;
        item.basis = basis;
        item.amount = c.child(key).as_number(0, 1e12) * (std::string_view(key) == "per_hour" ? 24.0 : 1.0);
    }
    if (bases != 1)
        c.fail(say("a cost item needs exactly one of per_year, per_admission, per_day or per_hour (kronor)"),
               say("e.g. {{unit: ed, per_admission: 2500, payer: region}}"));
    item.payers = read_payers(c.required("payer"));
    if (c.has("applies_to") && c.child("applies_to").as_string() == ready_for_discharge) {
        if (!s.waits_for_any_place(unit) && !a_change_sets_waits(root, s.units[unit].id))
            c.child("applies_to").fail(say("nobody waits for the next step at '{}', so no day there is one ready for discharge",
                                           s.units[unit].id),
                                       say("add pathways.{}.wait_for_place, or remove applies_to", s.units[unit].id));
        if (item.basis != CostItem::Basis::per_day)
            c.child("applies_to").fail(say("a cost for those ready for discharge is charged per day (or per hour) of the wait"),
                                       say("write per_day: <kronor>, e.g. {{unit: avd7, per_day: 7000, payer: municipality, "
                                           "applies_to: ready_for_discharge}}"));
        item.applies_to = std::string(ready_for_discharge);
    } else if (c.has("applies_to")) {
        if (s.units[unit].kind != "placement")
            c.child("applies_to").fail(say("'applies_to' is for placement units, or ready_for_discharge where people wait "
                                           "for the next step"),
                                       say("remove it"));
        item.applies_to = c.child("applies_to").as_string();
        const auto& spec = std::get<PlacementSpec>(s.units[unit].parameters);
        std::vector<std::string> places{"own", "purchased"};
        for (const auto& p : spec.providers) places.push_back(p.id);
        if (std::find(places.begin(), places.end(), *item.applies_to) == places.end())
            c.child("applies_to").fail(say("'{}' is not a kind of place at '{}'", *item.applies_to, s.units[unit].id),
                                       say("use one of: {}", fmt::join(places, ", ")));
    }
    s.costs.push_back(std::move(item));
}

// Each cost item is read on its own, so the problems of several are reported together.
void read_costs(const Field& root, const LoadContext& ctx, Scenario& s, InputErrorCollector& errors) {
    if (!root.has("costs")) return;
    const Field costs = root.child("costs");
    costs.expect_sequence(say("cost items"));
    for (std::size_t i = 0; i < costs.size(); ++i) errors.attempt([&] { read_cost(root, costs.at(i), i, ctx, s); });
}

// Every payer named anywhere, in a stable order: declared or first named, then the
// municipalities, then "municipalities" for costs that cannot be attributed to one.
void collect_payers(const Field& root, Scenario& s) {
    std::vector<std::string> declared;
    if (root.has("payers")) {
        const Field p = root.child("payers");
        p.expect_sequence(say("payer names"));
        for (std::size_t i = 0; i < p.size(); ++i) declared.push_back(p.at(i).as_identifier());
    }
    bool municipal = false;
    auto add = [&](const std::string& name) {
        if (std::find(s.payers.begin(), s.payers.end(), name) == s.payers.end()) s.payers.push_back(name);
    };
    for (const auto& d : declared) add(d);
    for (std::size_t i = 0; i < s.costs.size(); ++i)
        for (const auto& share : s.costs[i].payers) {
            if (share.payer == home_municipality || share.payer == all_municipalities) {
                municipal = true;
                continue;
            }
            const bool known = std::find(s.municipalities.begin(), s.municipalities.end(), share.payer) != s.municipalities.end();
            if (!declared.empty() && !known &&
                std::find(declared.begin(), declared.end(), share.payer) == declared.end()) {
                const std::string guess = nearest(share.payer, declared);
                root.child("payers").fail(say("cost '{}' is paid by '{}', which is not among the payers",
                                                      s.costs[i].name, share.payer),
                                          guess.empty() ? say("add it to 'payers'") : say("did you mean '{}'?", guess));
            }
            add(share.payer);
        }
    if (municipal) {
        for (const auto& m : s.municipalities) add(m);
        add(std::string(all_municipalities));
    }
}

}  // namespace

namespace {

Scenario read_scenario(const ScenarioDocument& doc, const std::string& file) {
    const Field root(doc, doc.root(), "");
    // Independent parts are read one by one and their problems reported together; a part that
    // needs another (routes need every unit) is read only once that one could be.
    InputErrorCollector errors;
    // `variants` belongs to `kapsim compare`; a plain run ignores it.
    errors.attempt([&] {
        root.expect_map({"scenario", "classes", "units", "pathways", "costs", "payers", "staffing", "variants", "changes"},
                        say("the scenario file"));
    });

    Scenario s;
    s.file = file;
    s.content_hash = doc.content_hash();
    s.canonical_yaml = doc.canonical_text();
    errors.attempt([&] { read_info(root, s); });

    LoadContext ctx;
    errors.attempt([&] { collect_unit_names(root, ctx); });
    errors.throw_if_any();  // without the units' names, the rest would only echo this
    errors.attempt([&] { read_classes(root, s, ctx, errors); });
    if (s.classes.empty()) errors.throw_if_any();  // units naming classes would only echo it
    errors.attempt([&] { read_staffing(root, ctx, s); });
    errors.attempt([&] { read_units(root, ctx, s, errors); });
    errors.throw_if_any();  // routes and costs need every unit read
    errors.attempt([&] { read_pathways(root, ctx, s, errors); });
    errors.attempt([&] { read_starting_census(root, ctx, s); });
    errors.attempt([&] { read_costs(root, ctx, s, errors); });
    errors.throw_if_any();
    collect_payers(root, s);
    check_pathway_graph(s, doc, !has_dated_changes(doc));
    return s;
}

}  // namespace

Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
    const ScenarioDocument doc = ScenarioDocument::load(file, overrides);
    Scenario s = read_scenario(doc, file);
    if (!has_dated_changes(doc)) return s;
    s.changes = read_dated_changes(doc, s);
    // Each regime is the file again with the changes so far as overrides, read as any scenario is.
    for (std::size_t k = 0; k < s.changes.size(); ++k) {
        ScenarioDocument regime = ScenarioDocument::load(file, overrides);
        apply_dated_changes(regime, k);
        s.changes[k].regime = std::make_shared<const Scenario>(read_scenario(regime, file));
    }
    fold_dated_changes(s);
    return s;
}

std::string describe(const Scenario& s) {
    std::string out = fmt::format("scenario {} ({})\n", s.name, s.file);
    if (!s.description.empty()) out += fmt::format("  {}\n", s.description.plain);
    if (!s.region.empty()) out += fmt::format("  region: {}\n", s.region);
    out += fmt::format("  start {}, warm-up {}, run length {}, {} replications, seed {}\n  content hash {}\n",
                       sim::CalendarClock::format_date(s.start), sim::format_duration(s.warmup_days),
                       sim::format_duration(s.run_length_days), s.replications, s.seed, s.content_hash);
    out += describe_starting_census(s);
    if (const Message warning = warmup_from_today_warning(s); !warning.empty()) out += "  " + warning.en + "\n";
    out += "classes:\n";
    for (const auto& c : s.classes) {
        out += fmt::format("  {}: {:.4g}/year", c.id, c.arrivals.rate_per_day * sim::days_per_year);
        if (c.arrivals.hour_of_week) out += ", hour-of-week profile";
        if (c.arrivals.month) out += ", month profile";
        if (c.arrivals.yearly_growth != 1.0) out += fmt::format(", growth x{:.4g}/year", c.arrivals.yearly_growth);
        if (c.population)
            out += fmt::format(" from {} persons who come back, {:.4g} visits a year each while outside care, gamma spread cv {:.3g}",
                               c.population->persons, c.population->visits_per_person_per_day * sim::days_per_year,
                               c.population->cv);
        out += fmt::format(" -> {}\n", s.units[c.first_unit].id);
    }
    out += "units:\n";
    for (std::size_t u = 0; u < s.units.size(); ++u) {
        const auto& unit = s.units[u];
        out += fmt::format("  {}: {}, {}", unit.id, unit.kind, find_unit_kind(unit.kind)->describe(unit.parameters));
        if (!unit.description.empty()) out += fmt::format(" ({})", unit.description.plain);
        out += "\n";
        for (const auto& rule : unit.stay.rules) {
            out += "      stay";
            if (rule.patient_class) out += fmt::format(" of {}", s.classes[*rule.patient_class].id);
            if (rule.destination) out += fmt::format(" going to {}", s.destination_name(*rule.destination));
            out += fmt::format(": {}\n", rule.stay.describe(sim::format_duration));
        }
        for (std::size_t c = 0; c < s.classes.size(); ++c) {
            const auto print = [&](const Route& r, const char* what) {
                if (r.to.empty() || (r.to.size() == 1 && r.to[0] == leaves_system && std::string_view(what) == "then"))
                    return;
                std::string parts;
                for (std::size_t i = 0; i < r.to.size(); ++i)
                    parts += fmt::format("{}{} {:.3g}", i ? ", " : "", s.destination_name(r.to[i]), r.probability[i]);
                out += fmt::format("      {} {}: {}\n", s.classes[c].id, what, parts);
            };
            print(s.route_after(u, c), "then");
            print(s.route_overflow(u, c), "when full");
        }
    }
    if (!s.changes.empty()) {
        // What each change sets, as it differs from the values before it.
        out += "changes over time:\n";
        const auto route_text = [&](const Scenario& in, const Route& r) {
            std::string parts;
            for (std::size_t i = 0; i < r.to.size(); ++i)
                parts += fmt::format("{}{} {:.3g}", i ? ", " : "", in.destination_name(r.to[i]), r.probability[i]);
            return parts.empty() ? std::string("none") : parts;
        };
        for (std::size_t k = 0; k < s.changes.size(); ++k) {
            const auto& change = s.changes[k];
            const Scenario& before = k == 0 ? s : *s.changes[k - 1].regime;
            const Scenario& now = *change.regime;
            out += fmt::format("  from {} (day {:.0f} of the run{}):", sim::CalendarClock::format_date(change.from), change.day,
                               change.day < s.warmup_days ? ", in the warm-up, so no result sees the step before it" : "");
            for (std::size_t i = 0; i < change.paths.size(); ++i) out += fmt::format("{} {}", i ? "," : "", change.paths[i]);
            out += "\n";
            for (std::size_t c = 0; c < now.classes.size(); ++c) {
                const auto& a = now.classes[c].arrivals;
                if (same_arrivals(before.classes[c].arrivals, a)) continue;
                out += fmt::format("      {}: {:.4g}/year{}\n", now.classes[c].id, a.rate_per_day * sim::days_per_year,
                                   a.yearly_growth != 1.0 ? fmt::format(", growth x{:.4g}/year", a.yearly_growth) : "");
            }
            for (std::size_t u = 0; u < now.units.size(); ++u) {
                const UnitKind& kind = *find_unit_kind(now.units[u].kind);
                const std::string text = kind.describe(now.units[u].parameters);
                if (text != kind.describe(before.units[u].parameters)) out += fmt::format("      {}: {}\n", now.units[u].id, text);
                for (std::size_t c = 0; c < now.classes.size(); ++c) {
                    for (const bool overflow : {false, true}) {
                        const Route& r = overflow ? now.route_overflow(u, c) : now.route_after(u, c);
                        const Route& was = overflow ? before.route_overflow(u, c) : before.route_after(u, c);
                        if (r.to == was.to && r.probability == was.probability) continue;
                        out += fmt::format("      {} {} {}: {}\n", now.units[u].id, now.classes[c].id,
                                           overflow ? "when full" : "then", route_text(now, r));
                    }
                }
            }
        }
    }
    if (!s.costs.empty()) {
        out += "costs:\n";
        for (const auto& c : s.costs) {
            const char* basis = c.basis == CostItem::Basis::per_year        ? "per year"
                                : c.basis == CostItem::Basis::per_admission ? "per admission"
                                                                            : "per day";
            std::string payers;
            for (const auto& p : c.payers) payers += fmt::format("{}{} {:.0f} %", payers.empty() ? "" : ", ", p.payer, 100 * p.share);
            out += fmt::format("  {} at {}: {:.0f} kr {}{}, paid by {}\n", c.name, s.units[c.unit].id, c.amount, basis,
                               !c.applies_to                        ? std::string()
                               : *c.applies_to == ready_for_discharge ? std::string(" (days ready for discharge)")
                                                                      : fmt::format(" ({} places)", *c.applies_to),
                               payers);
        }
    }
    return out;
}

}  // namespace kapsim::models
