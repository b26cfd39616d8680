// The inpatient addiction ward (beroendeavdelning), e.g. avdelning 7 in Sundsvall: 13 beds,
// acute and planned detox (avgiftning). Acute patients are never made to wait: they are
// admitted even when every bed is taken, up to an over-occupancy limit (överbeläggning), and
// only beyond it diverted by the unit's overflow route. Planned patients wait on a list for a
// free bed (an over-occupied ward has none), and in the summer weeks when planned admissions
// are closed they wait whatever the beds.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "stay_lifecycle.hpp"
#include "sim/calendar_table.hpp"
#include "sim/quantity.hpp"
#include "unit_kinds.hpp"
#include "ward_flow.hpp"

namespace kapsim::models {
namespace {

std::vector<MetricSpec> ward_metrics(const Scenario&, std::size_t) {
    using R = MetricRole;
    using U = MetricUnit;
    return {
        {"arrivals_per_year", R::arrivals, U::per_year, "arrivals", "ankomster"},  // acute and planned
        {"acute_admitted_per_year", R::admissions, U::per_year, "acute admissions", "akuta inskrivningar"},
        {"planned_admitted_per_year", R::admissions, U::per_year, "planned admissions", "planerade inskrivningar"},
        // Acute patients sent on by the overflow route: the ward was at its limit.
        {"diverted_per_year", R::turned_away, U::per_year, "acute diverted (over limit)", "akuta som inte fick plats", true, 2},
        {"p_diverted", R::share_turned_away, U::share, "share of acute diverted", "andel akuta som inte fick plats"},
        {"reneged_per_year", R::reneged, U::per_year, "left the planned list", "lämnade väntelistan"},
        {"p_wait", R::share_waited, U::share, "share of planned who waited", "andel planerade som fick vänta", true},
        // Planned waits, over those admitted who arrived after the warm-up.
        {"mean_wait_days", R::wait, U::days, "mean planned wait", "genomsnittlig väntetid för planerade", true, 3},
        {"wait_p90_days", R::wait, U::days, "90th percentile planned wait", "väntetid för planerade, 90:e percentilen", false, 0, 0.9},
        {"list_mean", R::queue, U::persons, "mean planned list", "genomsnittlig väntelista"},
        // A growing list shows here.
        {"list_end", R::queue, U::persons, "planned list at the end", "väntelistan vid periodens slut"},
        {"mean_stay_days", R::stay, U::days, "mean stay", "genomsnittlig vårdtid"},
        {"occupancy_mean", R::occupancy, U::persons, "mean occupancy", "genomsnittligt antal inskrivna"},
        // Above 100 with over-occupancy.
        {"occupancy_pct", R::utilisation, U::percent, "occupancy (% of beds)", "beläggningsgrad", true, 4},
        {"days_above_capacity_per_year", R::time_full, U::days_per_year, "days above capacity", "överbelagda dagar", true, 1},
        {"p_full", R::time_full, U::share, "time with every bed taken", "andel av tiden med alla vårdplatser upptagna", true},
    };
}

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// Days on which planned admissions open or close, as (time, open) over [0, horizon], with the
// state at time 0 first. Weeks begin at midnight on a Monday, so checking each day is exact.
std::vector<std::pair<sim::Time, bool>> planned_openings(const std::vector<std::pair<int, int>>& closed_weeks,
                                                         const sim::CalendarTable& calendar, sim::Time horizon) {
    const auto open_on = [&](long day) {
        const int week = calendar.iso_week(static_cast<std::size_t>(day));
        return std::none_of(closed_weeks.begin(), closed_weeks.end(),
                            [&](const auto& w) { return week >= w.first && week <= w.second; });
    };
    std::vector<std::pair<sim::Time, bool>> points{{0.0, open_on(0)}};
    const auto days = static_cast<long>(std::ceil(horizon));
    for (long d = 1; d <= days; ++d)
        if (open_on(d) != points.back().second) points.emplace_back(static_cast<sim::Time>(d), open_on(d));
    return points;
}

class Ward final : public StayLifecycle {
public:
    explicit Ward(const UnitContext& c)
        : StayLifecycle(c, std::get<WardSpec>(c.spec.parameters).beds, std::get<WardSpec>(c.spec.parameters).planned_queue,
                        std::get<WardSpec>(c.spec.parameters).beds_schedule,
                        std::get<WardSpec>(c.spec.parameters).planned_patience, overrides_of<Ward>()),
          spec_(std::get<WardSpec>(c.spec.parameters)),
          planned_class_(c.scenario.classes.size(), false),
          openings_(planned_openings(spec_.planned_closed_weeks, c.calendar, c.horizon)) {
        for (const std::size_t pc : spec_.planned_classes) planned_class_[pc] = true;
        planned_open_ = openings_.front().second;
        for (std::size_t i = 1; i < openings_.size(); ++i)
            c.simulation.schedule_at(openings_[i].first, {address_, planned_admissions_change, static_cast<std::uint32_t>(i)});
    }

    void report(MetricSheet& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        const double occupancy = places_.in_use_record().mean();
        m.put("arrivals_per_year", n(arrivals_) / years);
        m.put("acute_admitted_per_year", n(admitted_ - planned_admitted_) / years);
        m.put("planned_admitted_per_year", n(planned_admitted_) / years);
        m.put("diverted_per_year", n(turned_away_) / years);
        m.put("p_diverted", ratio(n(turned_away_), n(arrivals_ - planned_arrivals_)));
        m.put("reneged_per_year", n(reneged_) / years);
        m.put("p_wait", ratio(n(waited_), n(planned_arrivals_)));
        m.put("mean_wait_days", waits_.mean());
        m.put_quantile("wait_p90_days", waits_);
        m.put("list_mean", places_.waiting_record().mean());
        m.put("list_end", n(list_at_end_));
        m.put("mean_stay_days", stay_lengths_.mean());
        m.put("occupancy_mean", occupancy);
        m.put("occupancy_pct", places_.capacity_time() > 0 ? 100.0 * occupancy * observed / places_.capacity_time() : nan);
        m.put("days_above_capacity_per_year", time_above_beds_ / years);
        m.put("p_full", places_.full_time() / observed);
    }

private:
    enum Event : std::uint32_t { planned_admissions_change = kind_event };

    bool planned(const Patient& p) const { return planned_class_[p.patient_class]; }

    // Acute patients are admitted up to the over-occupancy limit and diverted beyond it; planned
    // patients take a free bed while planned admissions are open, and otherwise join the list.
    // (A free, open bed means the list is empty: every event that frees a bed or opens
    // admissions empties it first.)
    Entry entry(sim::Time, const Visit& v) const override {
        if (!planned(v.patient)) return places_.in_use() < acute_limit() ? Entry::admit : Entry::turn_away;
        return planned_open_ && places_.has_free_place() ? Entry::admit : Entry::wait;
    }
    bool draws_patience(const Patient& p) const override { return planned(p); }
    // Over-occupancy is not a free bed: planned patients wait until the ward is back within its beds.
    bool admits_from_line() const override { return planned_open_; }
    bool reports_wait(const Visit& v) const override { return planned(v.patient); }
    void counted_arrival(const Visit& v) override { planned_arrivals_ += planned(v.patient); }
    void counted_admission(const Visit& v) override { planned_admitted_ += planned(v.patient); }

    // Called before every change of patients or beds, so the time over capacity is exact.
    void before_change(sim::Time now) override {
        if (places_.in_use() > places_.capacity()) time_above_beds_ += now - last_change_;
        last_change_ = now;
    }

    void on_kind_event(sim::Time now, std::uint32_t kind, std::uint32_t payload) override {
        if (kind != planned_admissions_change) return;
        planned_open_ = openings_[payload].second;
        admit_from_line(now);
    }

    void observation_started(sim::Time now) override {
        before_change(now);
        time_above_beds_ = 0;
        planned_arrivals_ = planned_admitted_ = 0;
    }
    void observation_finished(sim::Time now) override {
        before_change(now);
        list_at_end_ = places_.waiting();
    }

    // A ward with no beds in force is closed: there are no staff on duty for over-occupancy.
    std::size_t acute_limit() const {
        return places_.capacity() == 0 ? 0 : places_.capacity() + spec_.over_occupancy_limit;
    }

    const WardSpec& spec_;
    std::vector<bool> planned_class_;
    std::vector<std::pair<sim::Time, bool>> openings_;
    bool planned_open_ = true;
    sim::Time last_change_ = 0;
    double time_above_beds_ = 0;
    std::size_t list_at_end_ = 0;
    std::uint64_t planned_arrivals_ = 0, planned_admitted_ = 0;
};

void read_planned(const Field& f, const LoadContext& ctx, WardSpec& w) {
    f.expect_map({"classes", "queue", "patience", "closed_weeks"}, say("a ward's planned admissions"));
    const Field classes = f.required("classes");
    classes.expect_sequence(say("planned classes"));
    if (classes.size() == 0)
        classes.fail(say("'{}' is empty", classes.path()), say("name the planned classes, e.g. [planned_detox], or remove 'planned'"));
    for (std::size_t i = 0; i < classes.size(); ++i) {
        const std::size_t c = ctx.patient_class(classes.at(i));
        if (std::find(w.planned_classes.begin(), w.planned_classes.end(), c) != w.planned_classes.end())
            classes.at(i).fail(say("class '{}' is listed twice", classes.at(i).as_string()), say("list each planned class once"));
        w.planned_classes.push_back(c);
        w.planned_class_ids.push_back(classes.at(i).as_string());
    }
    const std::string queue = f.has("queue") ? f.child("queue").as_string() : "fifo";
    if (queue == "fifo") w.planned_queue = sim::QueueDiscipline::fifo;
    else if (queue == "priority") w.planned_queue = sim::QueueDiscipline::priority;
    else f.child("queue").fail(say("unknown planned queue '{}'", queue),
                               say("use fifo (first come, first served) or priority (by the classes' priority, lower first)"));
    if (f.has("patience")) w.planned_patience = read_distribution(f.child("patience"));
    if (f.has("closed_weeks")) {
        const Field weeks = f.child("closed_weeks");
        if (weeks.is_scalar()) {
            w.planned_closed_weeks.push_back(read_weeks(weeks));
        } else {
            weeks.expect_sequence(say("ISO week ranges, e.g. [26-32]"));
            for (std::size_t i = 0; i < weeks.size(); ++i) w.planned_closed_weeks.push_back(read_weeks(weeks.at(i)));
        }
    }
}

UnitParameters read_ward(const Field& f, const LoadContext& ctx, StayTable& stay) {
    WardSpec w;
    w.beds = read_capacity(f.required("beds"), ctx, false);
    if (f.has("over_occupancy")) {
        w.over_occupancy_limit = static_cast<std::size_t>(f.child("over_occupancy").as_integer(0, 1000000));
        w.over_occupancy_given = true;
    }
    // A mean alone: lognormal with sd 0.7 x the mean, within the 0.67-0.78 the shipped wards assume
    // (ASSUMPTIONS.md); the documents give means only.
    stay = read_stay_table(f.required("length_of_stay"), ctx, {DefaultStayShape::Family::lognormal, 0.7});
    if (f.has("planned")) read_planned(f.child("planned"), ctx, w);
    if (f.has("beds_schedule")) w.beds_schedule = read_capacity_schedule(f.child("beds_schedule"), ctx);
    return w;
}

std::vector<Message> ward_default_notes(const UnitParameters& p) {
    if (std::get<WardSpec>(p).over_occupancy_given) return {};
    return {say("over-occupancy not set: the default 0 is used (it decides how many acute patients are diverted; "
                "set over_occupancy)")};
}

std::string describe_ward(const UnitParameters& p) {
    const auto& spec = std::get<WardSpec>(p);
    std::string text = fmt::format("{} beds", spec.beds);
    if (!spec.over_occupancy_given)
        text += ", " + ward_default_notes(p).front().en;
    else if (spec.over_occupancy_limit > 0)
        text += fmt::format(", +{} over-occupancy", spec.over_occupancy_limit);
    if (spec.planned_classes.empty()) {
        text += ", acute only";
    } else {
        text += ", planned: ";
        for (std::size_t i = 0; i < spec.planned_class_ids.size(); ++i) text += (i ? ", " : "") + spec.planned_class_ids[i];
        text += spec.planned_queue == sim::QueueDiscipline::priority ? " (priority)" : " (FIFO)";
        if (spec.planned_patience) text += ", patience " + spec.planned_patience->describe(sim::format_duration);
        if (!spec.planned_closed_weeks.empty()) {
            text += ", closed weeks ";
            for (std::size_t i = 0; i < spec.planned_closed_weeks.size(); ++i) {
                const auto [first, last] = spec.planned_closed_weeks[i];
                text += (i ? ", " : "") + (first == last ? fmt::format("{}", first) : fmt::format("{}-{}", first, last));
            }
        }
    }
    for (const auto& change : spec.beds_schedule)
        text += change.from ? fmt::format(", {} beds from {}", change.capacity, sim::CalendarClock::format_date(*change.from))
                            : fmt::format(", {} beds in weeks {}-{}", change.capacity, change.first_week, change.last_week);
    return text;
}

}  // namespace

UnitKind ward_kind() {
    return {"ward",
            "inpatient ward: acute admitted up to an over-occupancy limit, planned patients on a list",
            "beds",
            {"beds", "over_occupancy", "length_of_stay", "planned", "beds_schedule"},
            read_ward,
            [](const UnitParameters&) { return true; },
            [](const UnitParameters& p) -> std::optional<CapacityView> {
                const auto& spec = std::get<WardSpec>(p);
                // A ward with only acute patients is a loss system on its beds plus the
                // over-occupancy allowed; with planned patients, the planned list is a queue
                // in front of the beds (Erlang C, or A with patience, as a first figure).
                if (spec.planned_classes.empty())
                    return CapacityView{spec.beds + spec.over_occupancy_limit, false, "beds with over-occupancy", "diverted"};
                return CapacityView{spec.beds, true, "beds", "planned list",
                                    spec.planned_patience ? spec.planned_patience->mean() : 0.0};
            },
            describe_ward,
            ward_metrics,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<Ward>(c); },
            [](const std::string& id) {
                return std::vector<std::string>{fmt::format("units.{}.beds=1000000", id),
                                                fmt::format("units.{}.over_occupancy=0", id)};
            },
            R"(scenario:
  name: ward-example
  description: An addiction ward with acute and planned detox
  start: 2024-01-01
  run_length: 20y
  warmup: 1y
  replications: 10
  seed: 102
classes:
  acute_detox:
    arrivals: {rate: 1/day}
    first_unit: ward
  planned_detox:
    arrivals: {rate: 0.3/day}
    first_unit: ward
units:
  ward:
    kind: ward
    beds: 10
    over_occupancy: 2
    length_of_stay: {distribution: exponential, mean: 7d}
    planned:
      classes: [planned_detox]
      patience: {distribution: exponential, mean: 30d}
      closed_weeks: [28-31]
pathways:
  ward:
    overflow:
      all: {out: 1}
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"avdelning", "vårdplats", "vårdplatser",
             "Avdelning ({ids}): akuta patienter läggs in även när alla vårdplatser är belagda, upp till gränsen för "
             "överbeläggning; därutöver skickas de vidare enligt avdelningens väg vid fullt. Planerade patienter väntar "
             "i kö och läggs in först när en vårdplats är ledig och planerade intag är öppna (inte under stängda veckor)."},
            {"ward", "bed", "beds",
             "Ward ({ids}): acute patients are admitted even when every bed is taken, up to the over-occupancy limit; "
             "beyond it they are sent on by the ward's overflow route. Planned patients wait on a list and are admitted "
             "only when a bed is free and planned admissions are open (not in closed weeks)."},
            1,
            // Only acute patients are turned away (diverted); planned patients wait on the list.
            [](const UnitParameters& p, std::size_t patient_class) {
                const auto& planned = std::get<WardSpec>(p).planned_classes;
                return std::find(planned.begin(), planned.end(), patient_class) == planned.end();
            },
            // Planned patients wait on the list.
            [](const UnitParameters& p, std::size_t patient_class) {
                const auto& spec = std::get<WardSpec>(p);
                const auto& planned = spec.planned_classes;
                const bool waits = std::find(planned.begin(), planned.end(), patient_class) != planned.end();
                return WaitingLine{waits, &spec.planned_patience};
            },
            ward_implied_flow,
            ward_default_notes};
}

}  // namespace kapsim::models
