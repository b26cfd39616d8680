// LARO (läkemedelsassisterad rehabilitering vid opioidberoende): enrolment that lasts months
// to years in a limited number of slots, as many as the nurses can follow. A referral that
// finds every slot taken joins a FIFO waiting list, which some leave (or die on) before a
// slot frees. Yearly growth in referrals comes from the class's arrivals, not from here.
#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "sim/calendar_clock.hpp"
#include "sim/quantity.hpp"
#include "unit_kinds.hpp"
#include "stay_lifecycle.hpp"

namespace kapsim::models {
namespace {


constexpr double nan = std::numeric_limits<double>::quiet_NaN();

std::string snapshot_metric(std::chrono::sys_days day) { return "enrolled_on_" + sim::CalendarClock::format_date(day); }

std::vector<MetricSpec> slots_metrics(const Scenario& s, std::size_t unit) {
    using R = MetricRole;
    using U = MetricUnit;
    std::vector<MetricSpec> specs{
        {"referrals_per_year", R::arrivals, U::per_year, "referrals", "remisser"},
        {"starts_per_year", R::admissions, U::per_year, "starts", "påbörjade behandlingar"},
        {"reneged_per_year", R::reneged, U::per_year, "left the waiting list", "lämnade väntelistan"},
        {"p_wait", R::share_waited, U::share, "share who waited", "andel som fick vänta", true, 1},
        {"mean_wait_days", R::wait, U::days, "mean wait", "genomsnittlig väntetid", true, 2},
        {"wait_p90_days", R::wait, U::days, "90th percentile wait", "väntetid, 90:e percentilen", false, 0, 0.9},
        {"mean_enrolment_days", R::stay, U::days, "mean enrolment", "genomsnittlig behandlingstid"},
        {"enrolled_mean", R::occupancy, U::persons, "mean enrolled", "genomsnittligt antal inskrivna"},
        {"enrolled_end", R::count, U::persons, "enrolled at the end", "inskrivna vid periodens slut"},
        {"waiting_mean", R::queue, U::persons, "mean waiting", "genomsnittligt antal som väntar", false, 3},
        {"waiting_end", R::queue, U::persons, "waiting at the end", "väntande vid periodens slut"},
        {"occupancy_pct", R::utilisation, U::percent, "occupancy (% of slots)", "beläggningsgrad", true, 4},
    };
    for (const auto day : std::get<SlotsSpec>(s.units[unit].parameters).snapshots) {
        const std::string date = sim::CalendarClock::format_date(day);
        specs.push_back({snapshot_metric(day), R::count, U::persons, "enrolled on " + date, "inskrivna " + date});
    }
    return specs;
}

class EnrolmentSlots final : public StayLifecycle {
public:
    explicit EnrolmentSlots(const UnitContext& c)
        : StayLifecycle(c, std::get<SlotsSpec>(c.spec.parameters).capacity, sim::QueueDiscipline::fifo,
                        std::get<SlotsSpec>(c.spec.parameters).capacity_schedule,
                        std::get<SlotsSpec>(c.spec.parameters).patience, overrides_of<EnrolmentSlots>()),
          spec_(std::get<SlotsSpec>(c.spec.parameters)),
          enrolled_on_(spec_.snapshots.size(), nan) {
        // Scheduled after the capacity changes, so a count at 00:00 sees that day's change.
        for (std::size_t i = 0; i < spec_.snapshots.size(); ++i) {
            const sim::Time t = c.calendar.clock().time_of(spec_.snapshots[i]);
            if (t >= 0 && t <= c.horizon) c.simulation.schedule_at(t, {address_, snapshot, static_cast<std::uint32_t>(i)});
        }
    }

    void report(MetricSheet& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        const bool limited = !places_.unlimited() || !spec_.capacity_schedule.empty();
        const double enrolled = places_.in_use_record().mean();
        m.put("referrals_per_year", n(arrivals_) / years);
        m.put("starts_per_year", n(admitted_) / years);
        m.put("reneged_per_year", n(reneged_) / years);
        m.put("p_wait", ratio(n(waited_), n(arrivals_)));
        m.put("mean_wait_days", waits_.mean());
        m.put_quantile("wait_p90_days", waits_);
        m.put("mean_enrolment_days", stay_lengths_.mean());
        m.put("enrolled_mean", enrolled);
        m.put("enrolled_end", static_cast<double>(places_.in_use()));
        m.put("waiting_mean", places_.waiting_record().mean());
        m.put("waiting_end", static_cast<double>(places_.waiting()));
        m.put("occupancy_pct", limited && places_.capacity_time() > 0 ? 100.0 * enrolled * observed / places_.capacity_time() : nan);
        for (std::size_t i = 0; i < spec_.snapshots.size(); ++i) m.put(snapshot_metric(spec_.snapshots[i]), enrolled_on_[i]);
    }

private:
    enum Event : std::uint32_t { snapshot = kind_event };

    void on_kind_event(sim::Time, std::uint32_t kind, std::uint32_t payload) override {
        if (kind == snapshot) enrolled_on_[payload] = static_cast<double>(places_.in_use());
    }

    const SlotsSpec& spec_;
    std::vector<double> enrolled_on_;  // NaN for dates outside the run
};

UnitParameters read_slots(const Field& f, const LoadContext& ctx, StayTable& stay) {
    SlotsSpec u;
    const Field capacity = f.required("capacity");
    u.capacity = read_capacity(capacity, ctx, true);
    if (capacity.is_map()) {
        const std::string group = capacity.child("staff").as_string();
        for (const auto& s : ctx.staffing)
            if (s.unit == ctx.unit_id && s.group == group)
                u.capacity_basis = fmt::format("{:g} FTE {} at {:g} slots each", s.fte, group,
                                               capacity.child("per_fte").as_number(0, 1e4));
    }
    // A mean alone: exponential, as the shipped LARO assumes for enrolments of years.
    stay = read_stay_table(f.required("enrolment"), ctx, {DefaultStayShape::Family::exponential});
    if (f.has("patience")) u.patience = read_distribution(f.child("patience"));
    if (f.has("capacity_schedule")) u.capacity_schedule = read_capacity_schedule(f.child("capacity_schedule"), ctx);
    if (f.has("initially_enrolled"))
        u.initially_enrolled = static_cast<std::size_t>(f.child("initially_enrolled").as_integer(0, 1000000));
    if (f.has("snapshots")) {
        const Field dates = f.child("snapshots");
        dates.expect_sequence(say("dates on which to count the enrolled"));
        for (std::size_t i = 0; i < dates.size(); ++i) {
            std::chrono::sys_days day{};
            try {
                day = sim::CalendarClock::parse_date(dates.at(i).as_string());
            } catch (const std::invalid_argument& e) {
                dates.at(i).fail(date_problem(dates.at(i).as_string()), say("write the date as YYYY-MM-DD, e.g. 2024-12-31"));
            }
            if (std::find(u.snapshots.begin(), u.snapshots.end(), day) != u.snapshots.end())
                dates.at(i).fail(say("{} is listed twice", sim::CalendarClock::format_date(day)),
                                 say("list each date once"));
            u.snapshots.push_back(day);
        }
    }
    return u;
}

std::string describe_slots(const UnitParameters& p) {
    const auto& spec = std::get<SlotsSpec>(p);
    std::string text = spec.capacity == sim::unlimited_capacity ? "slots unlimited" : fmt::format("{} slots", spec.capacity);
    if (!spec.capacity_basis.empty()) text += fmt::format(" ({})", spec.capacity_basis);
    text += ", FIFO waiting list";
    if (spec.patience) text += ", patience " + spec.patience->describe(sim::format_duration);
    if (!spec.capacity_schedule.empty())
        text += fmt::format(", {} capacity change{}", spec.capacity_schedule.size(),
                            spec.capacity_schedule.size() == 1 ? "" : "s");
    if (spec.initially_enrolled > 0) text += fmt::format(", {} enrolled at the start", spec.initially_enrolled);
    if (!spec.snapshots.empty()) {
        text += ", enrolled counted on";
        for (std::size_t i = 0; i < spec.snapshots.size(); ++i)
            text += (i ? ", " : " ") + sim::CalendarClock::format_date(spec.snapshots[i]);
    }
    return text;
}

}  // namespace

UnitKind slots_kind() {
    return {"slots",
            "enrolment slots (LARO) set by staffing, with a FIFO waiting list; enrolment lasts months to years",
            // snapshots: dates YYYY-MM-DD on which to report the number enrolled, counted at
            // 00:00 at the start of the date (NaN outside the run).
            "capacity",
            {"capacity", "enrolment", "patience", "capacity_schedule", "initially_enrolled", "snapshots"},
            read_slots,
            [](const UnitParameters&) { return false; },
            [](const UnitParameters& p) -> std::optional<CapacityView> {
                const auto& spec = std::get<SlotsSpec>(p);
                return CapacityView{spec.capacity, true, "slots", "waiting list", spec.patience ? spec.patience->mean() : 0.0};
            },
            describe_slots,
            slots_metrics,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<EnrolmentSlots>(c); },
            [](const std::string& id) { return std::vector<std::string>{fmt::format("units.{}.capacity=unlimited", id)}; },
            R"(scenario:
  name: slots-example
  description: LARO slots with a waiting list, some already enrolled at the start
  start: 2024-01-01
  run_length: 20y
  warmup: 10y
  replications: 10
  seed: 104
classes:
  referrals:
    arrivals: {rate: 20/year}
    first_unit: slots
units:
  slots:
    kind: slots
    capacity: 40
    enrolment: {distribution: exponential, mean: 2y}
    patience: {distribution: exponential, mean: 180d}
    initially_enrolled: 30
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"mottagning", "behandlingsplats", "behandlingsplatser",
             "Mottagning ({ids}): inskrivningar som varar månader eller år på ett begränsat antal behandlingsplatser; "
             "kö i turordning, och den som väntar kan lämna kön."},
            {"clinic", "slot", "slots",
             "Clinic ({ids}): enrolments lasting months or years in a limited number of slots; a first-come queue, "
             "which those waiting may leave."},
            3,
            nullptr,
            [](const UnitParameters& p, std::size_t) { return WaitingLine{true, &std::get<SlotsSpec>(p).patience}; }};
}

}  // namespace kapsim::models
