#include "scenario_loader.hpp"

#include <algorithm>
#include <map>

#include <fmt/format.h>

#include "scenario_document.hpp"
#include "sim/calendar_clock.hpp"
#include "sim/quantity.hpp"

namespace kapsim::models {
namespace {

// Limits that catch slips (a capacity of 10^12, a stay of 9y meant as 9d) without getting in
// the way of any real care system.
constexpr double max_capacity = 1e6;
constexpr double max_rate_per_day = 1e6;
constexpr double max_duration_days = 100 * sim::days_per_year;

const std::vector<std::string> distribution_names{"exponential", "lognormal", "gamma", "weibull",
                                                  "uniform", "triangular", "fixed", "empirical"};

sim::Distribution read_distribution(const Field& f) {
    if (!f.is_map())
        f.fail(fmt::format("'{}' must describe a distribution", f.path()),
               "e.g. {distribution: exponential, mean: 9d} or {distribution: lognormal, mean: 9d, sd: 4d}");
    const std::string name = f.required("distribution").as_string();
    auto duration = [&](const char* key) { return f.required(key).as_duration_days(0, max_duration_days); };
    try {
        if (name == "exponential") {
            f.expect_map({"distribution", "mean"}, "an exponential distribution");
            return sim::Distribution::exponential(duration("mean"));
        }
        if (name == "lognormal" || name == "gamma") {
            f.expect_map({"distribution", "mean", "sd"}, fmt::format("a {} distribution", name));
            const double mean = duration("mean"), sd = duration("sd");
            return name == "gamma" ? sim::Distribution::gamma(mean, sd) : sim::Distribution::lognormal(mean, sd);
        }
        if (name == "weibull") {
            f.expect_map({"distribution", "shape", "scale"}, "a Weibull distribution");
            return sim::Distribution::weibull(f.required("shape").as_number(0.01, 100), duration("scale"));
        }
        if (name == "uniform") {
            f.expect_map({"distribution", "min", "max"}, "a uniform distribution");
            return sim::Distribution::uniform(duration("min"), duration("max"));
        }
        if (name == "triangular") {
            f.expect_map({"distribution", "min", "mode", "max"}, "a triangular distribution");
            return sim::Distribution::triangular(duration("min"), duration("mode"), duration("max"));
        }
        if (name == "fixed") {
            f.expect_map({"distribution", "value"}, "a fixed duration");
            return sim::Distribution::fixed(duration("value"));
        }
        if (name == "empirical") {
            f.expect_map({"distribution", "values", "weights"}, "an empirical distribution");
            const Field values = f.required("values");
            values.expect_sequence("durations");
            std::vector<double> v;
            for (std::size_t i = 0; i < values.size(); ++i) v.push_back(values.at(i).as_duration_days(0, max_duration_days));
            std::vector<double> w;
            if (f.has("weights")) w = f.child("weights").as_numbers(0, 1e12);
            return sim::Distribution::empirical(std::move(v), std::move(w));
        }
    } catch (const std::invalid_argument& e) {
        f.fail(e.what(), "see 'Distributions' in README.md for each distribution's parameters");
    }
    const std::string guess = nearest(name, distribution_names);
    f.child("distribution")
        .fail(fmt::format("unknown distribution '{}'", name),
              guess.empty() ? "use one of exponential, lognormal, gamma, weibull, uniform, triangular, fixed, empirical"
                            : fmt::format("did you mean '{}'?", guess));
}

template <std::size_t N>
std::array<double, N> read_profile(const Field& f, const char* what) {
    const auto values = f.as_numbers(0, 1e6);
    if (values.size() != N) f.fail(fmt::format("'{}' needs {} values ({}), not {}", f.path(), N, what, values.size()),
               "profiles are relative weights; 1 everywhere means no variation");
    std::array<double, N> out{};
    std::copy(values.begin(), values.end(), out.begin());
    if (std::all_of(out.begin(), out.end(), [](double x) { return x == 0; }))
        f.fail(fmt::format("'{}' is zero everywhere, so nobody would ever arrive", f.path()),
               "give relative weights, e.g. 1 for an ordinary period and 2 for a busy one");
    return out;
}

sim::ArrivalProfile read_arrivals(const Field& f) {
    f.expect_map({"rate", "hour_of_week", "hour_of_day", "day_of_week", "month", "growth"}, "arrivals");
    sim::ArrivalProfile p;
    p.rate_per_day = f.required("rate").as_rate_per_day(max_rate_per_day);
    if (f.has("hour_of_week")) {
        if (f.has("hour_of_day") || f.has("day_of_week"))
            f.child("hour_of_week").fail("give either hour_of_week or hour_of_day/day_of_week, not both",
                                             "hour_of_day and day_of_week multiply into an hour-of-week profile");
        p.hour_of_week = read_profile<168>(f.child("hour_of_week"), "one per hour of the week, Monday 00-01 first");
    } else if (f.has("hour_of_day") || f.has("day_of_week")) {
        std::array<double, 24> hours;
        std::array<double, 7> days;
        hours.fill(1.0);
        days.fill(1.0);
        if (f.has("hour_of_day")) hours = read_profile<24>(f.child("hour_of_day"), "one per hour, 00-01 first");
        if (f.has("day_of_week")) days = read_profile<7>(f.child("day_of_week"), "one per weekday, Monday first");
        std::array<double, 168> week{};
        for (int d = 0; d < 7; ++d)
            for (int h = 0; h < 24; ++h) week[d * 24 + h] = days[d] * hours[h];
        p.hour_of_week = week;
    }
    if (f.has("month")) p.month = read_profile<12>(f.child("month"), "one per month, January first");
    if (f.has("growth")) p.yearly_growth = f.child("growth").as_number(0.01, 100);
    return p;
}

std::size_t read_capacity(const Field& f) {
    if (f.is_scalar() && f.as_string() == "unlimited") return sim::unlimited_capacity;
    return static_cast<std::size_t>(f.as_integer(0, static_cast<long long>(max_capacity)));
}

std::pair<int, int> read_weeks(const Field& f) {
    const std::string s = f.as_string();
    int first = 0, last = 0;
    char dash = 0;
    const int got = std::sscanf(s.c_str(), "%d %c %d", &first, &dash, &last);
    if (got == 1) last = first;
    else if (got != 3 || dash != '-') f.fail(fmt::format("'{}' is not a range of weeks", s), "write e.g. 26-32");
    if (first < 1 || last > 53 || first > last) f.fail(fmt::format("weeks '{}' must lie within 1..53, first to last", s), "write e.g. 26-32 for ISO weeks 26 to 32");
    return {first, last};
}

std::vector<CapacityRule> read_capacity_schedule(const Field& f) {
    f.expect_sequence("capacity changes");
    std::vector<CapacityRule> rules;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const Field rule = f.at(i);
        rule.expect_map({"from", "weeks", "capacity"}, "a capacity change");
        CapacityRule r;
        r.capacity = read_capacity(rule.required("capacity"));
        if (rule.has("from") == rule.has("weeks"))
            rule.fail("a capacity change needs either 'from: YYYY-MM-DD' or 'weeks: 26-32'",
                      "'from' changes capacity from that day on; 'weeks' changes it in those ISO weeks every year");
        if (rule.has("from")) {
            try {
                r.from = sim::CalendarClock::parse_date(rule.child("from").as_string());
            } catch (const std::invalid_argument& e) {
                rule.child("from").fail(e.what(), "write the date as YYYY-MM-DD");
            }
        } else {
            std::tie(r.first_week, r.last_week) = read_weeks(rule.child("weeks"));
        }
        rules.push_back(r);
    }
    return rules;
}

void check_name(const Field& at, const std::string& name, const char* what) {
    const bool ok = !name.empty() && std::all_of(name.begin(), name.end(), [](unsigned char ch) {
        return std::isalnum(ch) || ch == '_' || ch == '-';
    });
    if (!ok) at.fail(fmt::format("{} name '{}' is not valid", what, name), "use letters, digits, '_' and '-' only");
}

PoolSpec read_pool(const Field& f, const std::string& id) {
    f.expect_map({"kind", "capacity", "queue", "service", "patience", "capacity_schedule", "description"},
                 "a unit of kind 'pool'");
    PoolSpec u;
    u.id = id;
    u.capacity = read_capacity(f.required("capacity"));
    const std::string queue = f.has("queue") ? f.child("queue").as_string() : "none";
    if (queue == "none") u.queue = sim::QueueDiscipline::none;
    else if (queue == "fifo") u.queue = sim::QueueDiscipline::fifo;
    else if (queue == "priority") u.queue = sim::QueueDiscipline::priority;
    else f.child("queue").fail(fmt::format("unknown queue '{}'", queue), "use none (blocked arrivals are lost), fifo or priority");
    u.service = read_distribution(f.required("service"));
    if (f.has("patience")) {
        if (u.queue == sim::QueueDiscipline::none)
            f.child("patience").fail("patience needs a queue to wait in", "set queue: fifo or priority, or remove patience");
        u.patience = read_distribution(f.child("patience"));
    }
    if (f.has("capacity_schedule")) u.capacity_schedule = read_capacity_schedule(f.child("capacity_schedule"));
    return u;
}

}  // namespace

Scenario load_scenario(const std::string& file, const std::vector<std::string>& overrides) {
    const ScenarioDocument doc = ScenarioDocument::load(file, overrides);
    const Field root(doc, doc.root(), "");
    root.expect_map({"scenario", "classes", "units"}, "the scenario file");

    Scenario s;
    s.file = file;
    s.content_hash = doc.content_hash();
    s.canonical_yaml = doc.canonical_text();

    const Field info(doc, doc.root()["scenario"], "scenario");
    if (!root.has("scenario")) root.fail("'scenario' is missing", "add a 'scenario:' section with name, start, run_length");
    info.expect_map({"name", "description", "region", "start", "run_length", "warmup", "replications", "seed"},
                    "the scenario section");
    s.name = info.required("name").as_identifier();
    if (info.has("description")) s.description = info.child("description").as_string();
    try {
        s.start = sim::CalendarClock::parse_date(info.required("start").as_string());
    } catch (const std::invalid_argument& e) {
        info.child("start").fail(e.what(), "write the date as YYYY-MM-DD, e.g. 2024-01-01");
    }
    s.run_length_days = info.required("run_length").as_duration_days(1, 1000 * sim::days_per_year);
    s.warmup_days = info.has("warmup") ? info.child("warmup").as_duration_days(0, 100 * sim::days_per_year) : 0;
    s.replications = info.has("replications") ? static_cast<std::size_t>(info.child("replications").as_integer(2, 100000)) : 20;
    s.seed = info.has("seed") ? static_cast<std::uint64_t>(info.child("seed").as_integer(0, 1LL << 62)) : 1;

    const Field units = root.required("units");
    if (!units.is_map() || units.size() == 0) units.fail("'units' must map each unit's id to its description",
                                                                 "e.g. units: {ward: {kind: pool, capacity: 13, ...}}");
    std::map<std::string, std::size_t> unit_index;
    for (const auto& id : units.keys()) {
        const Field u = units.child(id);
        if (!u.is_map()) u.fail(fmt::format("unit '{}' must be a mapping with a 'kind'", id), "e.g. kind: pool");
        const std::string kind = u.required("kind").as_string();
        if (kind != "pool")
            u.child("kind").fail(fmt::format("unknown unit kind '{}'", kind),
                                 nearest(kind, {"pool"}).empty() ? "the unit kind available is: pool"
                                                                 : "did you mean 'pool'?");
        unit_index[id] = s.units.size();
        check_name(u, id, "unit");
        s.units.push_back(read_pool(u, id));
    }

    const Field classes = root.required("classes");
    if (!classes.is_map() || classes.size() == 0) classes.fail("'classes' must map each patient class to its arrivals",
                     "e.g. classes: {patients: {arrivals: {rate: 1.65/day}, first_unit: ward}}");
    for (const auto& id : classes.keys()) {
        const Field c = classes.child(id);
        c.expect_map({"arrivals", "first_unit", "priority", "description"}, "a patient class");
        check_name(c, id, "class");
        PatientClass pc;
        pc.id = id;
        if (!c.has("arrivals"))
            c.fail(fmt::format("class '{}' has no arrivals", id), "add e.g. 'arrivals: {rate: 700/year}'");
        pc.arrivals = read_arrivals(c.child("arrivals"));
        const Field first = c.required("first_unit");
        const std::string target = first.as_string();
        const auto found = unit_index.find(target);
        if (found == unit_index.end()) {
            std::vector<std::string> names;
            for (const auto& [n, _] : unit_index) names.push_back(n);
            const std::string guess = nearest(target, names);
            first.fail(fmt::format("class '{}' arrives at unit '{}', which is not defined", id, target),
                       guess.empty() ? "define the unit under 'units'" : fmt::format("did you mean '{}'?", guess));
        }
        pc.first_unit = found->second;
        if (c.has("priority")) pc.priority = static_cast<int>(c.child("priority").as_integer(-1000, 1000));
        s.classes.push_back(std::move(pc));
    }
    return s;
}

std::string describe(const Scenario& s) {
    std::string out = fmt::format("scenario {} ({})\n", s.name, s.file);
    if (!s.description.empty()) out += fmt::format("  {}\n", s.description);
    out += fmt::format("  start {}, warm-up {}, run length {}, {} replications, seed {}\n  content hash {}\n",
                       sim::CalendarClock::format_date(s.start), sim::format_duration(s.warmup_days),
                       sim::format_duration(s.run_length_days), s.replications, s.seed, s.content_hash);
    out += "classes:\n";
    for (const auto& c : s.classes) {
        out += fmt::format("  {}: {:.4g}/year", c.id, c.arrivals.rate_per_day * sim::days_per_year);
        if (c.arrivals.hour_of_week) out += ", hour-of-week profile";
        if (c.arrivals.month) out += ", month profile";
        if (c.arrivals.yearly_growth != 1.0) out += fmt::format(", growth x{:.4g}/year", c.arrivals.yearly_growth);
        out += fmt::format(" -> {}\n", s.units[c.first_unit].id);
    }
    out += "units:\n";
    for (const auto& u : s.units) {
        const char* queue = u.queue == sim::QueueDiscipline::none ? "no queue (blocked arrivals are lost)"
                            : u.queue == sim::QueueDiscipline::fifo ? "FIFO queue"
                                                                    : "priority queue";
        out += fmt::format("  {}: pool, capacity {}, {}, service {}", u.id,
                           u.capacity == sim::unlimited_capacity ? std::string("unlimited") : std::to_string(u.capacity),
                           queue, u.service.describe(sim::format_duration));
        if (u.patience) out += fmt::format(", patience {}", u.patience->describe(sim::format_duration));
        if (!u.capacity_schedule.empty()) out += fmt::format(", {} capacity changes", u.capacity_schedule.size());
        out += "\n";
    }
    return out;
}

}  // namespace kapsim::models
