#pragma once
// Arrivals as a Poisson process: a constant rate, or a non-homogeneous one whose rate is
// piecewise constant by hour of week and by month, times a yearly growth factor. The profiles
// are relative weights, and the rate is scaled so that `rate` is exactly the average over the
// run's first 365.25 days (its own calendar, growth included) whatever the profiles' shape.
#include <array>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <optional>
#include <vector>

#include <boost/random/exponential_distribution.hpp>

#include "calendar_clock.hpp"
#include "random_streams.hpp"

namespace kapsim::sim {

struct ArrivalProfile {
    double rate_per_day = 0;                           // average over the first year
    std::optional<std::array<double, 168>> hour_of_week;  // Monday 00-01 first
    std::optional<std::array<double, 12>> month;           // January first
    double yearly_growth = 1.0;                        // rate multiplier per year, e.g. 1.05
};

class ArrivalProcess {
public:
    // `horizon` is the end of the run: no arrival is generated after it.
    ArrivalProcess(const ArrivalProfile& profile, const CalendarClock& clock, Time horizon);

    // The first arrival strictly after `t`, or +infinity when none comes before the horizon.
    // Exact for the piecewise-constant rate: candidates from the peak rate are thinned. The
    // constant rate, the usual case, is drawn here so that the arrival's caller inlines it.
    Time next_after(Time t, RandomStream& stream) const {
        if (!homogeneous_ || peak_rate_ <= 0) return thinned_next_after(t, stream);
        const Time next = t + boost::random::exponential_distribution<double>(peak_rate_)(stream);
        return next <= horizon_ ? next : std::numeric_limits<Time>::infinity();
    }

    double rate_at(Time t) const;
    // Expected arrivals in [from, to): the integral of the rate, for checks.
    double expected_count(Time from, Time to) const;

private:
    Time thinned_next_after(Time t, RandomStream& stream) const;
    double shaped_rate(Time t) const;  // rate_at without the bounds of the run
    double integral_of_rate(Time from, Time to) const;
    double first_year_integral() const;  // integral_of_rate over [0, 365.25], in closed form by day

    // The month factor of a day of the run (clamped to its last day), by the month of each
    // day kept for at most one 400-year Gregorian cycle, so memory does not grow beyond it.
    double day_factor(std::size_t day) const;

    double rate_per_day_;
    std::array<double, 168> hour_factor_;
    std::array<float, 12> month_factor_;
    std::vector<std::uint8_t> day_month_;  // 0..11 per day; empty without a month profile
    std::size_t days_;                     // whole days of the run, at least of its first year
    int first_weekday_;
    double log_growth_per_day_;
    double peak_rate_;
    Time horizon_;
    bool homogeneous_;
};

}  // namespace kapsim::sim
