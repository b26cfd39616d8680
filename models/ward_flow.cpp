#include "ward_flow.hpp"

#include <algorithm>
#include <cmath>

#include "sim/erlang.hpp"
#include "sim/quantity.hpp"

namespace kapsim::models {
namespace {

// ISO years have 52 or 53 weeks (71 in 400 have 53).
constexpr double weeks_per_year = 52.1775;

double open_share(const WardSpec& w) {
    double closed = 0;
    for (const auto& [first, last] : w.planned_closed_weeks) closed += last - first + 1;
    return std::clamp(1 - closed / weeks_per_year, 0.0, 1.0);
}

}  // namespace

SaturatedWard ward_with_full_list(const WardSpec& w, double acute_per_day, double acute_stay_days, double planned_stay_days) {
    SaturatedWard out;
    const auto limit = static_cast<unsigned>(w.beds + w.over_occupancy_limit);
    const double acute_load = acute_per_day * acute_stay_days;
    const double closed_lost = acute_load > 0 ? sim::erlang_b(limit, acute_load) : 0;
    if (w.beds == 0 || planned_stay_days <= 0) {
        out.acute_lost = closed_lost;
        return out;
    }
    // With the list never empty, the ward holds between `beds` and `beds + over_occupancy`
    // patients: k above the beds, all acute. k rises with acute arrivals and falls with any
    // discharge; a discharge at k = 0 is at once a planned admission. Taking the beds' patients
    // as planned and those above as acute, k is a birth-death chain on 0..over_occupancy:
    // planned patients are admitted at rate beds / planned stay while k = 0, and acute
    // patients are diverted while k = over_occupancy.
    const double beds = static_cast<double>(w.beds);
    double term = 1, total = 1;
    for (std::size_t k = 1; k <= w.over_occupancy_limit; ++k) {
        const double down = beds / planned_stay_days + (acute_stay_days > 0 ? k / acute_stay_days : 0);
        term *= acute_per_day / down;
        total += term;
        if (term < 1e-17 * total) {
            term = 0;
            break;
        }
    }
    const double open = open_share(w);
    out.planned_per_day = open * (1 / total) * beds / planned_stay_days;
    // While closed, acute patients have the ward to themselves: a loss system on the limit.
    out.acute_lost = open * (term / total) + (1 - open) * closed_lost;
    return out;
}

namespace {

// Erlang's figures for a fractional number of places, by interpolating between its neighbours:
// the beds a full list leaves to planned patients need not be whole.
double interpolated(double places, const auto& figure) {
    const double low = std::floor(places);
    const auto c = static_cast<unsigned>(low);
    return figure(c) + (places - low) * (figure(c + 1) - figure(c));
}

}  // namespace

ImpliedFlow ward_implied_flow(const UnitParameters& parameters, const UnitDemand& d) {
    const auto& w = std::get<WardSpec>(parameters);
    double acute = 0, planned = 0, acute_load = 0, planned_load = 0;
    for (std::size_t c = 0; c < d.arrivals_per_day.size(); ++c) {
        const bool is_planned = std::find(w.planned_classes.begin(), w.planned_classes.end(), c) != w.planned_classes.end();
        (is_planned ? planned : acute) += d.arrivals_per_day[c];
        (is_planned ? planned_load : acute_load) += d.arrivals_per_day[c] * d.mean_stay_days[c];
    }
    const double acute_stay = acute > 0 ? acute_load / acute : 0, planned_stay = planned > 0 ? planned_load / planned : 0;
    const auto limit = static_cast<unsigned>(w.beds + w.over_occupancy_limit);
    ImpliedFlow f;
    f.arrivals_per_year = (acute + planned) * sim::days_per_year;
    double acute_lost = 0, planned_admitted = planned;
    if (planned == 0) {
        // Acute patients only: a loss system on the beds plus the over-occupancy allowed, exact
        // for Poisson arrivals whatever the stays.
        acute_lost = acute_load > 0 ? sim::erlang_b(limit, acute_load) : 0;
        f.basis = "Erlang B on the beds and over-occupancy";
        f.exact = true;
    } else {
        f.basis = "ward: planned wait, acute diverted at the limit";
        const SaturatedWard full = ward_with_full_list(w, acute, acute_stay, planned_stay);
        // The planned list as a queue in front of the beds a full list leaves them: Erlang A
        // with the patience, or C without; its chance of waiting is the share of time the
        // list is not empty, when acute patients meet the full ward's diversion.
        const double places = full.planned_per_day * planned_stay;
        double list_busy = 1;
        if (w.planned_patience) {
            const double theta = 1 / w.planned_patience->mean(), mu = 1 / planned_stay;
            const double leaving =
                interpolated(places, [&](unsigned c) { return sim::erlang_a(c, planned, mu, theta).p_abandon; });
            list_busy = interpolated(places, [&](unsigned c) { return sim::erlang_a(c, planned, mu, theta).p_wait; });
            planned_admitted = planned * (1 - leaving);
        } else if (planned >= full.planned_per_day) {
            planned_admitted = full.planned_per_day;
            f.queue_grows = true;
            f.queue_capacity_per_year = full.planned_per_day * sim::days_per_year;
            f.queue_arrivals_per_year = planned * sim::days_per_year;
        } else {
            list_busy = interpolated(places, [&](unsigned c) { return sim::erlang_c(c, planned_load); });
        }
        // While the list is empty, planned patients are not lost, so what a loss system on the
        // limit would lose of the whole load falls on the acute patients.
        const double load = acute_load + planned_admitted * planned_stay;
        const double lost_when_short = acute_load > 0 ? std::min(1.0, sim::erlang_b(limit, load) * load / acute_load) : 0;
        acute_lost = list_busy * full.acute_lost + (1 - list_busy) * lost_when_short;
    }
    f.turned_away_share = acute_lost;
    const double admitted = acute * (1 - acute_lost) + planned_admitted;
    f.admitted_per_year = admitted * sim::days_per_year;
    f.occupancy_mean = acute * (1 - acute_lost) * acute_stay + planned_admitted * planned_stay;
    f.mean_stay_days = admitted > 0 ? f.occupancy_mean / admitted : 0;
    if (w.beds > 0) f.occupancy_pct = 100 * f.occupancy_mean / static_cast<double>(w.beds);
    f.places = "beds";
    return f;
}

}  // namespace kapsim::models
