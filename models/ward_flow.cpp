#include "ward_flow.hpp"

#include <algorithm>

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

double ward_planned_capacity_per_day(const WardSpec& w, double acute_per_day, double acute_stay_days,
                                     double planned_stay_days) {
    if (w.beds == 0 || planned_stay_days <= 0) return 0;
    // With the list never empty, the ward holds between `beds` and `beds + over_occupancy`
    // patients: k above the beds, all acute. k rises with acute arrivals and falls with any
    // discharge; a discharge at k = 0 is at once a planned admission. Taking the beds' patients
    // as planned and those above as acute, k is a birth-death chain on 0..over_occupancy, and
    // planned patients are admitted at rate beds / planned stay while k = 0.
    const double beds = static_cast<double>(w.beds);
    double term = 1, total = 1;
    for (std::size_t k = 1; k <= w.over_occupancy_limit; ++k) {
        const double down = beds / planned_stay_days + (acute_stay_days > 0 ? k / acute_stay_days : 0);
        term *= acute_per_day / down;
        total += term;
        if (term < 1e-17 * total) break;
    }
    return open_share(w) * (1 / total) * beds / planned_stay_days;
}

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
        const double capacity = ward_planned_capacity_per_day(w, acute, acute_stay, planned_stay);
        if (w.planned_patience) {
            // Erlang A on the beds, the whole load; those leaving unserved are planned.
            const double lambda = acute + planned, load = acute_load + planned_load;
            const double leaving =
                load > 0 ? sim::erlang_a(static_cast<unsigned>(w.beds), lambda, lambda / load, 1 / w.planned_patience->mean())
                                   .p_abandon *
                               lambda
                         : 0;
            planned_admitted = std::max(planned - leaving, 0.0);
            planned_admitted = std::min(planned_admitted, capacity);
        } else if (planned >= capacity) {
            planned_admitted = capacity;
            f.queue_grows = true;
            f.queue_capacity_per_year = capacity * sim::days_per_year;
            f.queue_arrivals_per_year = planned * sim::days_per_year;
        }
        // Planned patients are not lost, so what a loss system on the limit would lose of the
        // whole load falls on the acute patients.
        const double load = acute_load + planned_admitted * planned_stay;
        acute_lost = acute_load > 0 ? std::min(1.0, sim::erlang_b(limit, load) * load / acute_load) : 0;
    }
    const double admitted = acute * (1 - acute_lost) + planned_admitted;
    f.admitted_per_year = admitted * sim::days_per_year;
    f.occupancy_mean = acute * (1 - acute_lost) * acute_stay + planned_admitted * planned_stay;
    f.mean_stay_days = admitted > 0 ? f.occupancy_mean / admitted : 0;
    if (w.beds > 0) f.occupancy_pct = 100 * f.occupancy_mean / static_cast<double>(w.beds);
    f.places = "beds";
    return f;
}

}  // namespace kapsim::models
