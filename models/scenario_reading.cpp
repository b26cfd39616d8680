#include "scenario_reading.hpp"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

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

}  // namespace

Readmission read_readmission(const Field& f) {
    f.expect_map({"share", "after"}, say("a class's readmission"));
    const Field share = f.required("share");
    Readmission r{share.as_share(), read_distribution(f.required("after"))};
    if (r.share >= 1)
        share.fail(say("a readmission share of 1 brings everyone back for ever"),
                   say("give the share of those leaving after a stay who come back, below 1, e.g. share: 0.2"));
    return r;
}

PopulationSpec read_population(const Field& f) {
    f.expect_map({"persons", "visits_per_person", "visits", "spread", "joining", "leaves_after"}, say("a class's population"));
    PopulationSpec p;
    const Field persons = f.required("persons");
    p.persons = static_cast<std::size_t>(persons.as_integer(0, 1'000'000));
    if (f.has("joining")) p.joining_per_day = f.child("joining").as_rate_per_day(1e4);
    if (p.persons == 0 && p.joining_per_day <= 0)
        persons.fail(say("a population of 0 persons with nobody joining never needs care"),
                     say("give the persons known at the start, or new persons joining, e.g. joining: 20 per year"));
    if (f.has("leaves_after")) p.leaves_after = read_distribution(f.child("leaves_after"));
    if (p.persons == 0 && f.has("visits"))
        f.child("visits").fail(say("with 0 persons at the start, the class's visits say nothing about each person's"),
                               say("give visits_per_person instead, e.g. visits_per_person: 22.8 per year"));
    if (f.has("visits_per_person") && f.has("visits"))
        f.child("visits").fail(say("give either visits_per_person or visits (the whole class's), not both"),
                               say("e.g. visits_per_person: 22.8 per year, or visits: 3331 per year for all the persons together"));
    if (f.has("visits_per_person")) {
        p.visits_per_person_per_day = f.child("visits_per_person").as_rate_per_day(max_rate_per_day);
    } else if (f.has("visits")) {
        p.visits_per_person_per_day = f.child("visits").as_rate_per_day(max_rate_per_day) / static_cast<double>(p.persons);
    } else {
        f.fail(say("'{}' says how many persons but not how often they need care", f.path()),
               say("add 'visits_per_person: 22.8 per year' (each person's mean), or 'visits: 3331 per year' (all together)"));
    }
    const Field spread = f.required("spread");
    if (!spread.is_map())
        spread.fail(say("'{}' must describe how the persons' rates differ", spread.path()),
                    say("e.g. {{distribution: gamma, cv: 1.2}}; cv: 0 for persons who all need care equally often"));
    spread.expect_map({"distribution", "cv", "shape"}, say("the spread of the persons' rates"));
    const Field family = spread.required("distribution");
    if (family.as_string() != "gamma")
        family.fail(say("the persons' rates are spread by a gamma distribution, not '{}'", family.as_string()),
                    say("write distribution: gamma, with its cv (or shape)"));
    if (spread.has("cv") && spread.has("shape"))
        spread.child("shape").fail(say("give either cv or shape, not both"), say("cv = 1 / sqrt(shape): shape 0.69 is cv 1.2"));
    if (spread.has("cv")) {
        p.cv = spread.child("cv").as_number(0, 10);
    } else if (spread.has("shape")) {
        p.cv = 1.0 / std::sqrt(spread.child("shape").as_number(0.01, 1e6));
    } else {
        spread.fail(say("'{}' gives no size of the spread", spread.path()),
                    say("add cv (the persons' rates' sd over their mean, e.g. cv: 1.2; 0 for all alike) or the gamma's shape"));
    }
    return p;
}

sim::Distribution read_distribution(const Field& f, std::vector<std::string_view> extra_keys) {
    const auto keys = [&](std::initializer_list<std::string_view> own) {
        std::vector<std::string_view> all(own);
        all.insert(all.end(), extra_keys.begin(), extra_keys.end());
        return all;
    };
    if (!f.is_map())
        f.fail(say("'{}' must describe a distribution", f.path()),
               say("e.g. {{distribution: exponential, mean: 9d}} or {{distribution: lognormal, mean: 9d, sd: 4d}}"));
    if (!f.has("distribution"))
        f.fail(say("'{}.distribution' is missing", f.path()),
               f.has("mean") ? say("add 'distribution:', e.g. lognormal with mean and sd; a stay may also be given by its "
                               "mean alone ({{mean: 9d}}), in its unit kind's default shape")
                             : say("add 'distribution:' here"));
    const std::string name = f.required("distribution").as_string();
    auto duration = [&](const char* key) { return f.required(key).as_duration_days(0, max_duration_days); };
    try {
        if (name == "exponential") {
            f.expect_map(keys({"distribution", "mean"}), say("an exponential distribution"));
            return sim::Distribution::exponential(duration("mean"));
        }
        if (name == "lognormal" || name == "gamma") {
            f.expect_map(keys({"distribution", "mean", "sd"}), say("a {} distribution", name));
            const double mean = duration("mean"), sd = duration("sd");
            return name == "gamma" ? sim::Distribution::gamma(mean, sd) : sim::Distribution::lognormal(mean, sd);
        }
        if (name == "weibull") {
            f.expect_map(keys({"distribution", "shape", "scale"}), say("a Weibull distribution"));
            const auto weibull = sim::Distribution::weibull(f.required("shape").as_number(0.01, 100), duration("scale"));
            if (!(weibull.mean() <= max_duration_days))
                f.fail(say("this Weibull distribution's mean, scale x Gamma(1 + 1/shape), is {:.3g} days, "
                                   "beyond the 100-year limit on durations",
                                   weibull.mean()),
                       say("a shape below 1 gives a long tail and a shape near 0.01 an astronomical mean; check the "
                       "shape and the scale"));
            return weibull;
        }
        if (name == "uniform") {
            f.expect_map(keys({"distribution", "min", "max"}), say("a uniform distribution"));
            return sim::Distribution::uniform(duration("min"), duration("max"));
        }
        if (name == "triangular") {
            f.expect_map(keys({"distribution", "min", "mode", "max"}), say("a triangular distribution"));
            return sim::Distribution::triangular(duration("min"), duration("mode"), duration("max"));
        }
        if (name == "fixed") {
            f.expect_map(keys({"distribution", "value"}), say("a fixed duration"));
            return sim::Distribution::fixed(duration("value"));
        }
        if (name == "empirical") {
            f.expect_map(keys({"distribution", "values", "weights"}), say("an empirical distribution"));
            const Field values = f.required("values");
            values.expect_sequence(say("durations"));
            std::vector<double> v;
            for (std::size_t i = 0; i < values.size(); ++i) v.push_back(values.at(i).as_duration_days(0, max_duration_days));
            std::vector<double> w;
            if (f.has("weights")) w = f.child("weights").as_numbers(0, 1e12);
            return sim::Distribution::empirical(std::move(v), std::move(w));
        }
    } catch (const std::invalid_argument& e) {
        // sim says which parameter is wrong in a fixed sentence, which is its own template.
        f.fail(say_template(e.what(), {}), say("see 'Distributions' in README.md for each distribution's parameters"));
    }
    const std::string guess = nearest(name, distribution_names);
    f.child("distribution")
        .fail(say("unknown distribution '{}'", name),
              guess.empty() ? say("use one of exponential, lognormal, gamma, weibull, uniform, triangular, fixed, empirical")
                            : say("did you mean '{}'?", guess));
}

namespace {

template <std::size_t N>
std::array<double, N> read_profile(const Field& f, const Message& what) {
    const auto values = f.as_numbers(0, 1e6);
    if (values.size() != N) f.fail(say("'{}' needs {} values ({}), not {}", f.path(), N, what, values.size()),
               say("profiles are relative weights; 1 everywhere means no variation"));
    std::array<double, N> out{};
    std::copy(values.begin(), values.end(), out.begin());
    if (std::all_of(out.begin(), out.end(), [](double x) { return x == 0; }))
        f.fail(say("'{}' is zero everywhere, so nobody would ever arrive", f.path()),
               say("give relative weights, e.g. 1 for an ordinary period and 2 for a busy one"));
    return out;
}

}  // namespace

sim::ArrivalProfile read_arrivals(const Field& f) {
    f.expect_map({"rate", "hour_of_week", "hour_of_day", "day_of_week", "month", "growth"}, say("arrivals"));
    sim::ArrivalProfile p;
    p.rate_per_day = f.required("rate").as_rate_per_day(max_rate_per_day);
    if (f.has("hour_of_week")) {
        if (f.has("hour_of_day") || f.has("day_of_week"))
            f.child("hour_of_week").fail(say("give either hour_of_week or hour_of_day/day_of_week, not both"),
                                             say("hour_of_day and day_of_week multiply into an hour-of-week profile"));
        p.hour_of_week = read_profile<168>(f.child("hour_of_week"), say("one per hour of the week, Monday 00-01 first"));
    } else if (f.has("hour_of_day") || f.has("day_of_week")) {
        std::array<double, 24> hours;
        std::array<double, 7> days;
        hours.fill(1.0);
        days.fill(1.0);
        if (f.has("hour_of_day")) hours = read_profile<24>(f.child("hour_of_day"), say("one per hour, 00-01 first"));
        if (f.has("day_of_week")) days = read_profile<7>(f.child("day_of_week"), say("one per weekday, Monday first"));
        std::array<double, 168> week{};
        for (int d = 0; d < 7; ++d)
            for (int h = 0; h < 24; ++h) week[d * 24 + h] = days[d] * hours[h];
        p.hour_of_week = week;
    }
    if (f.has("month")) p.month = read_profile<12>(f.child("month"), say("one per month, January first"));
    if (f.has("growth")) p.yearly_growth = f.child("growth").as_number(0.01, 100);
    return p;
}

std::pair<int, int> read_weeks(const Field& f) {
    const std::string s = f.as_string();
    int first = 0, last = 0;
    char dash = 0;
    const int got = std::sscanf(s.c_str(), "%d %c %d", &first, &dash, &last);
    if (got == 1) last = first;
    else if (got != 3 || dash != '-') f.fail(say("'{}' is not a range of weeks", s), say("write e.g. 26-32"));
    if (first < 1 || last > 53 || first > last) f.fail(say("weeks '{}' must lie within 1..53, first to last", s), say("write e.g. 26-32 for ISO weeks 26 to 32"));
    return {first, last};
}

std::vector<CapacityRule> read_capacity_schedule(const Field& f, const LoadContext& ctx) {
    f.expect_sequence(say("capacity changes"));
    std::vector<CapacityRule> rules;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const Field rule = f.at(i);
        rule.expect_map({"from", "weeks", "capacity"}, say("a capacity change"));
        CapacityRule r;
        r.capacity = read_capacity(rule.required("capacity"), ctx, false);
        if (rule.has("from") == rule.has("weeks"))
            rule.fail(say("a capacity change needs either 'from: YYYY-MM-DD' or 'weeks: 26-32'"),
                      say("'from' changes capacity from that day on; 'weeks' changes it in those ISO weeks every year"));
        if (rule.has("from")) {
            try {
                r.from = sim::CalendarClock::parse_date(rule.child("from").as_string());
            } catch (const std::invalid_argument& e) {
                rule.child("from").fail(date_problem(rule.child("from").as_string()), say("write the date as YYYY-MM-DD"));
            }
        } else {
            std::tie(r.first_week, r.last_week) = read_weeks(rule.child("weeks"));
        }
        rules.push_back(r);
    }
    return rules;
}


std::size_t read_capacity(const Field& f, const LoadContext& ctx, bool allow_unlimited) {
    if (f.is_map()) {
        f.expect_map({"staff", "per_fte"}, say("a capacity that follows from staffing"));
        const std::string group = f.required("staff").as_string();
        const double per_fte = f.required("per_fte").as_number(0, 1e4);
        for (const auto& s : ctx.staffing)
            if (s.unit == ctx.unit_id && s.group == group) return static_cast<std::size_t>(std::floor(s.fte * per_fte + 1e-9));
        std::vector<std::string> groups;
        for (const auto& s : ctx.staffing)
            if (s.unit == ctx.unit_id) groups.push_back(s.group);
        const std::string guess = nearest(group, groups);
        f.child("staff").fail(say("unit '{}' has no staff group '{}'", ctx.unit_id, group),
                              guess.empty() ? say("add it under staffing.{}", ctx.unit_id)
                                            : say("did you mean '{}'?", guess));
    }
    if (allow_unlimited && f.is_scalar() && f.as_string() == "unlimited") return sim::unlimited_capacity;
    return static_cast<std::size_t>(f.as_integer(0, static_cast<long long>(max_capacity)));
}

std::vector<std::string> LoadContext::class_names() const {
    std::vector<std::string> names;
    for (const auto& [n, _] : class_index) names.push_back(n);
    return names;
}

std::vector<std::string> LoadContext::unit_names() const {
    std::vector<std::string> names{"out"};
    for (const auto& [n, _] : unit_index) names.push_back(n);
    return names;
}

Destination LoadContext::destination(const Field& f) const { return destination(f.as_string(), f); }

Destination LoadContext::destination(const std::string& name, const Field& at) const {
    if (name == "out") return leaves_system;
    const auto it = unit_index.find(name);
    if (it != unit_index.end()) return static_cast<Destination>(it->second);
    const std::string guess = nearest(name, unit_names());
    at.fail(say("'{}' is not a unit", name),
            guess.empty() ? say("name a unit defined under 'units', or 'out' for leaving the system")
                          : say("did you mean '{}'?", guess));
}

std::size_t LoadContext::patient_class(const Field& f) const { return patient_class(f.as_string(), f); }

std::size_t LoadContext::patient_class(const std::string& name, const Field& at) const {
    const auto it = class_index.find(name);
    if (it != class_index.end()) return it->second;
    const std::string guess = nearest(name, class_names());
    at.fail(say("'{}' is not a patient class", name),
            guess.empty() ? say("name a class defined under 'classes'") : say("did you mean '{}'?", guess));
}

namespace {

// A stay given by its mean alone, "6d" or {mean: 6d} (with a rule's class and to), in the
// kind's default shape; nothing if `f` gives more than that.
std::optional<StayRule> stay_from_mean(const Field& f, const DefaultStayShape& shape, const std::vector<std::string>& rule_keys) {
    const Field* mean_field = nullptr;
    if (f.is_scalar()) {
        mean_field = &f;
    } else if (f.is_map() && !f.has("distribution") && f.has("mean")) {
        for (const auto& key : f.keys())
            if (key != "mean" && std::find(rule_keys.begin(), rule_keys.end(), key) == rule_keys.end()) return std::nullopt;
    } else {
        return std::nullopt;
    }
    const Field mean_child = mean_field ? *mean_field : f.child("mean");
    if (mean_child.is_scalar() && mean_child.node().Scalar().find_first_of("0123456789") == std::string::npos)
        return std::nullopt;  // not a duration ("exponential"): let the distribution reader say what is wrong
    const double mean = mean_child.as_duration_days(0, max_duration_days);
    StayRule r{std::nullopt, std::nullopt, sim::Distribution::fixed(0), std::nullopt};
    if (mean == 0) return r;  // no time: there is no shape to assume
    r.stay = shape.family == DefaultStayShape::Family::lognormal ? sim::Distribution::lognormal(mean, shape.cv * mean)
                                                                 : sim::Distribution::exponential(mean);
    r.assumed_shape = shape;
    return r;
}

}  // namespace

StayTable read_stay_table(const Field& f, const LoadContext& ctx, const DefaultStayShape& shape) {
    StayTable table;
    table.path = f.path();
    if (auto alone = stay_from_mean(f, shape, {})) {
        table.rules.push_back(std::move(*alone));
        return table;
    }
    if (f.is_map()) {
        table.rules.push_back({std::nullopt, std::nullopt, read_distribution(f), std::nullopt});
        return table;
    }
    if (!f.is_sequence() || f.size() == 0)
        f.fail(say("'{}' must be a distribution, a mean alone or a list of rules", f.path()),
               say("e.g. {{distribution: lognormal, mean: 9d, sd: 6d}}, 9d (the unit kind's default shape is assumed), or "
               "[{{class: planned_detox, distribution: ...}}, {{distribution: ...}}]"));
    bool has_catch_all = false;
    for (std::size_t i = 0; i < f.size(); ++i) {
        const Field rule = f.at(i);
        StayRule r{std::nullopt, std::nullopt, sim::Distribution::fixed(0), std::nullopt};
        if (auto alone = stay_from_mean(rule, shape, {"class", "to"})) r = std::move(*alone);
        else if (!rule.is_map()) rule.fail(say("each rule must be a mapping or a mean alone"), say("e.g. {{class: acute_detox, distribution: exponential, mean: 9d}}, or 9d for everyone else"));
        else r.stay = read_distribution(rule, {"class", "to"});
        if (rule.has("class")) r.patient_class = ctx.patient_class(rule.child("class"));
        if (rule.has("to")) r.destination = ctx.destination(rule.child("to"));
        has_catch_all = has_catch_all || (!r.patient_class && !r.destination);
        table.rules.push_back(std::move(r));
    }
    if (!has_catch_all)
        f.fail(say("'{}' has no rule for everyone else", f.path()),
               say("end the list with a rule without 'class' or 'to', e.g. {{distribution: exponential, mean: 9d}}"));
    return table;
}

}  // namespace kapsim::models
