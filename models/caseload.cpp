// Caseload teams (SPOT, FACT/ACT, personliga ombud, LARO outpatient care): a team follows at
// most so many open cases at once, a fixed limit or cases per FTE of its staff. A case lasts
// months to years; a referral that finds the caseload full waits on the intake list (first
// come, or by class priority) and may leave it unserved. The places, the line, the patience
// and the books are the shared stay lifecycle's; this file adds the team's words and counts.
#include <algorithm>
#include <limits>
#include <optional>

#include <fmt/format.h>

#include "sim/quantity.hpp"
#include "stay_lifecycle.hpp"
#include "unit_kinds.hpp"
#include "while_enrolled.hpp"

namespace kapsim::models {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The units whose arrivals an open case may make rarer, in unit order.
std::vector<std::size_t> units_with_fewer_arrivals(const CaseloadSpec& spec) {
    return spec.while_enrolled ? spec.while_enrolled->arrivals_named : std::vector<std::size_t>{};
}

std::string avoided_metric(const Scenario& s, std::size_t unit) {
    return fmt::format("avoided.{}.arrivals_per_year", s.units[unit].id);
}

std::vector<MetricSpec> caseload_metrics(const Scenario& s, std::size_t team) {
    using R = MetricRole;
    using U = MetricUnit;
    std::vector<MetricSpec> specs{
        {"referrals_per_year", R::arrivals, U::per_year, "referrals", "remisser"},
        {"cases_started_per_year", R::admissions, U::per_year, "cases started", "påbörjade ärenden"},
        {"left_intake_per_year", R::reneged, U::per_year, "left the intake list", "lämnade intagningslistan"},
        {"p_wait", R::share_waited, U::share, "share who waited", "andel som fick vänta", true, 1},
        {"mean_wait_days", R::wait, U::days, "mean intake wait", "genomsnittlig väntetid till ärende", true, 2},
        {"wait_p90_days", R::wait, U::days, "90th percentile intake wait", "väntetid till ärende, 90:e percentilen",
         false, 0, 0.9},
        {"mean_case_days", R::stay, U::days, "mean case length", "genomsnittlig ärendetid"},
        {"caseload_mean", R::occupancy, U::persons, "caseload (mean open cases)", "genomsnittligt antal öppna ärenden"},
        {"caseload_end", R::count, U::persons, "open cases at the end", "öppna ärenden vid periodens slut"},
        {"caseload_pct", R::utilisation, U::percent, "caseload (% of the limit)", "ärendebelastning (% av taket)", true,
         4},
        {"intake_mean", R::queue, U::persons, "mean intake list", "genomsnittligt antal på intagningslistan", false, 3},
        {"intake_end", R::queue, U::persons, "intake list at the end", "på intagningslistan vid periodens slut"},
        // Per FTE of the staff group the limit follows from; NaN for a fixed limit.
        {"cases_per_fte", R::count, U::persons, "open cases per FTE", "öppna ärenden per årsarbetare"},
    };
    // The use of other units the team's effect avoids: arrivals of enrolled persons that did not happen.
    for (const std::size_t u : units_with_fewer_arrivals(std::get<CaseloadSpec>(s.units[team].parameters))) {
        const std::string& id = s.units[u].id;
        specs.push_back({avoided_metric(s, u), R::count, U::per_year, fmt::format("arrivals avoided at {}", id),
                         fmt::format("undvikna ankomster till {}", id)});
    }
    return specs;
}

class CaseloadTeam final : public StayLifecycle {
public:
    explicit CaseloadTeam(const UnitContext& c)
        : StayLifecycle(c, std::get<CaseloadSpec>(c.spec.parameters).caseload,
                        std::get<CaseloadSpec>(c.spec.parameters).intake,
                        std::get<CaseloadSpec>(c.spec.parameters).caseload_schedule,
                        std::get<CaseloadSpec>(c.spec.parameters).patience, overrides_of<CaseloadTeam>()),
          spec_(std::get<CaseloadSpec>(c.spec.parameters)),
          avoided_(c.scenario.units.size(), 0) {}

    void arrival_avoided(sim::Time, std::size_t at) override {
        if (window_.open) ++avoided_[at];
    }

    void report(MetricSheet& m) const override {
        const double observed = window_.days();
        const double years = observed / sim::days_per_year;
        const auto n = [](std::uint64_t x) { return static_cast<double>(x); };
        const bool limited = !places_.unlimited() || !spec_.caseload_schedule.empty();
        const double open = places_.in_use_record().mean();
        m.put("referrals_per_year", n(arrivals_) / years);
        m.put("cases_started_per_year", n(admitted_) / years);
        m.put("left_intake_per_year", n(reneged_) / years);
        m.put("p_wait", ratio(n(waited_), n(arrivals_)));
        m.put("mean_wait_days", waits_.mean());
        m.put_quantile("wait_p90_days", waits_);
        m.put("mean_case_days", stay_lengths_.mean());
        m.put("caseload_mean", open);
        m.put("caseload_end", static_cast<double>(places_.in_use()));
        m.put("caseload_pct", limited && places_.capacity_time() > 0 ? 100.0 * open * observed / places_.capacity_time() : nan);
        m.put("intake_mean", places_.waiting_record().mean());
        m.put("intake_end", static_cast<double>(places_.waiting()));
        m.put("cases_per_fte", spec_.staff_group.empty() ? nan : ratio(open, spec_.staff_fte));
        for (const std::size_t u : units_with_fewer_arrivals(spec_))
            m.put(avoided_metric(ctx_.scenario, u), n(avoided_[u]) / years);
    }

private:
    // A member of a population, at home, is enrolled while their case is open (router.hpp).
    void admitted(sim::Time, const Visit& v) override { ctx_.router.enrolment_started(v.patient); }
    void gone(sim::Time, const Visit& v) override { ctx_.router.enrolment_ended(v.patient); }
    void observation_started(sim::Time) override { std::fill(avoided_.begin(), avoided_.end(), 0); }

    const CaseloadSpec& spec_;
    std::vector<std::uint64_t> avoided_;  // per unit, in the observed period
};

UnitParameters read_caseload(const Field& f, const LoadContext& ctx, StayTable& stay) {
    CaseloadSpec u;
    const Field limit = f.required("caseload");
    u.caseload = read_capacity(limit, ctx, true);
    if (limit.is_map()) {
        u.staff_group = limit.child("staff").as_string();
        for (const auto& s : ctx.staffing)
            if (s.unit == ctx.unit_id && s.group == u.staff_group) u.staff_fte = s.fte;
    }
    // A mean alone: exponential, as for the slots' enrolments of months to years.
    stay = read_stay_table(f.required("case_length"), ctx, {DefaultStayShape::Family::exponential});
    if (f.has("intake")) {
        const std::string intake = f.child("intake").as_string();
        if (intake == "fifo") u.intake = sim::QueueDiscipline::fifo;
        else if (intake == "priority") u.intake = sim::QueueDiscipline::priority;
        else
            f.child("intake").fail(say("unknown intake order '{}'", intake),
                                   say("use fifo (first come, first served) or priority (by the class's priority)"));
    }
    if (f.has("patience")) u.patience = read_distribution(f.child("patience"));
    if (f.has("caseload_schedule")) u.caseload_schedule = read_capacity_schedule(f.child("caseload_schedule"), ctx);
    if (f.has("while_enrolled")) u.while_enrolled = read_while_enrolled(f.child("while_enrolled"), ctx);
    return u;
}

std::string describe_caseload(const UnitParameters& p) {
    const auto& spec = std::get<CaseloadSpec>(p);
    std::string text =
        spec.caseload == sim::unlimited_capacity ? "caseload unlimited" : fmt::format("caseload {} cases", spec.caseload);
    if (!spec.staff_group.empty()) text += fmt::format(" ({:g} FTE {})", spec.staff_fte, spec.staff_group);
    text += spec.intake == sim::QueueDiscipline::priority ? ", intake list by priority" : ", FIFO intake list";
    if (spec.patience) text += ", patience " + spec.patience->describe(sim::format_duration);
    if (spec.while_enrolled) text += ", an effect on the care of those enrolled";
    if (!spec.caseload_schedule.empty())
        text += fmt::format(", {} caseload change{}", spec.caseload_schedule.size(),
                            spec.caseload_schedule.size() == 1 ? "" : "s");
    return text;
}

}  // namespace

UnitKind caseload_kind() {
    return {"caseload",
            "a team with a caseload limit (fixed or per FTE), cases lasting months to years, and an intake list",
            "caseload",
            {"caseload", "case_length", "intake", "patience", "caseload_schedule", "while_enrolled"},
            read_caseload,
            [](const UnitParameters&) { return false; },
            [](const UnitParameters& p) -> std::optional<CapacityView> {
                const auto& spec = std::get<CaseloadSpec>(p);
                return CapacityView{spec.caseload, true, "cases", "intake list", spec.patience ? spec.patience->mean() : 0.0};
            },
            describe_caseload,
            caseload_metrics,
            [](const UnitContext& c) -> std::unique_ptr<Unit> { return std::make_unique<CaseloadTeam>(c); },
            [](const std::string& id) { return std::vector<std::string>{fmt::format("units.{}.caseload=unlimited", id)}; },
            R"(scenario:
  name: caseload-example
  description: A caseload team whose referrals wait on an intake list, which some leave
  start: 2024-01-01
  run_length: 20y
  warmup: 5y
  replications: 10
  seed: 106
classes:
  clients:
    arrivals: {rate: 25/year}
    first_unit: caseload
units:
  caseload:
    kind: caseload
    caseload: 30
    case_length: {distribution: exponential, mean: 1y}
    patience: {distribution: exponential, mean: 90d}
)",
            // The report's words: a unit, one place and several, how the kind works.
            {"team", "ärende", "ärenden",
             "Team ({ids}): ett tak för antalet öppna ärenden, fast eller per årsarbetare; ärenden som varar månader "
             "eller år; den som remitteras när taket är nått väntar på intagningslistan (i turordning eller efter "
             "prioritet) och kan lämna den."},
            {"team", "case", "cases",
             "Team ({ids}): a limit on open cases, fixed or per FTE; cases lasting months or years; whoever is referred "
             "when the limit is reached waits on the intake list (first come or by priority) and may leave it."},
            4,
            nullptr,
            [](const UnitParameters& p, std::size_t) { return WaitingLine{true, &std::get<CaseloadSpec>(p).patience}; }};
}

}  // namespace kapsim::models
