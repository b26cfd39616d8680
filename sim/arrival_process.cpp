#include "arrival_process.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

#include <boost/random/exponential_distribution.hpp>
#include <boost/random/uniform_01.hpp>

#include "calendar_table.hpp"
#include "quantity.hpp"

namespace kapsim::sim {
using namespace std::chrono;

ArrivalProcess::ArrivalProcess(const ArrivalProfile& profile, const CalendarClock& clock, Time horizon)
    : rate_per_day_(profile.rate_per_day), horizon_(horizon) {
    if (!(rate_per_day_ >= 0) || !std::isfinite(rate_per_day_)) throw std::invalid_argument("arrival rate must be zero or more");
    if (!(profile.yearly_growth > 0)) throw std::invalid_argument("yearly growth must be more than zero");
    log_growth_per_day_ = std::log(profile.yearly_growth) / days_per_year;
    // With growth g the rate rises as g^(t / year); scale it so the first year still
    // averages `rate` (the integral of g^x over [0, 1] is (g - 1) / ln g).
    if (profile.yearly_growth != 1.0)
        rate_per_day_ *= std::log(profile.yearly_growth) / (profile.yearly_growth - 1.0);

    hour_factor_.fill(1.0);
    if (profile.hour_of_week) {
        const auto& w = *profile.hour_of_week;
        const double mean = std::accumulate(w.begin(), w.end(), 0.0) / 168.0;
        if (!(mean > 0)) throw std::invalid_argument("the hour-of-week profile must have a weight above zero");
        for (int h = 0; h < 168; ++h) hour_factor_[h] = w[h] / mean;
    }

    std::array<double, 12> month_factor;
    month_factor.fill(1.0);
    if (profile.month) {
        // Weighted by days per month, so that a flat profile is exactly 1 and the year's total
        // is kept.
        constexpr std::array<double, 12> days_in{31, 28.25, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
        double weighted = 0;
        for (int m = 0; m < 12; ++m) weighted += (*profile.month)[m] * days_in[m];
        const double mean = weighted / days_per_year;
        if (!(mean > 0)) throw std::invalid_argument("the month profile must have a weight above zero");
        for (int m = 0; m < 12; ++m) month_factor[m] = (*profile.month)[m] / mean;
    }

    // Whole days of the run, and at least of its first year, whose average sets the scale below.
    days_ = static_cast<std::size_t>(std::ceil(std::max(days_per_year, horizon))) + 1;
    for (int m = 0; m < 12; ++m) month_factor_[m] = static_cast<float>(month_factor[m]);
    if (profile.month) {
        day_month_.resize(std::min(days_, CalendarTable::gregorian_cycle_days));
        for (std::size_t d = 0; d < day_month_.size(); ++d) {
            const year_month_day ymd{clock.start() + std::chrono::days{static_cast<long>(d)}};
            day_month_[d] = static_cast<std::uint8_t>(static_cast<unsigned>(ymd.month()) - 1);
        }
    }
    first_weekday_ = static_cast<int>(weekday{clock.start()}.iso_encoding()) - 1;

    // The profiles average 1 over a whole week and an average year, but the first year of a
    // run has its own calendar (one February, 52 weeks and a day or two): scale so that the
    // expected arrivals over the first 365.25 days, the year every per-year figure uses, are
    // exactly rate x 365.25, as the rate's definition says. Growth alone needs no correction.
    if ((profile.month || profile.hour_of_week) && rate_per_day_ > 0) {
        const double first_year = first_year_integral();
        if (!(first_year > 0)) throw std::invalid_argument("the profiles must have a weight above zero in the first year");
        rate_per_day_ *= profile.rate_per_day * days_per_year / first_year;
    }

    const double peak_growth = std::max(1.0, std::exp(log_growth_per_day_ * horizon));
    const double peak_month = *std::max_element(month_factor.begin(), month_factor.end());
    const double peak_hour = *std::max_element(hour_factor_.begin(), hour_factor_.end());
    peak_rate_ = rate_per_day_ * peak_growth * peak_month * peak_hour;
    homogeneous_ = !profile.hour_of_week && !profile.month && profile.yearly_growth == 1.0;
}

double ArrivalProcess::rate_at(Time t) const { return t < 0 || t > horizon_ ? 0.0 : shaped_rate(t); }

double ArrivalProcess::shaped_rate(Time t) const {
    const auto day = static_cast<std::size_t>(t);
    const int hour = std::min(23, static_cast<int>((t - static_cast<double>(day)) * 24.0 + 1e-9));
    const int hour_of_week = static_cast<int>((first_weekday_ + day) % 7) * 24 + hour;
    return rate_per_day_ * hour_factor_[hour_of_week] * day_factor(day) * std::exp(log_growth_per_day_ * t);
}

double ArrivalProcess::day_factor(std::size_t day) const {
    if (day_month_.empty()) return 1.0;  // the month factors are all exactly 1
    day = std::min(day, days_ - 1);
    return month_factor_[day_month_[day < day_month_.size() ? day : day % CalendarTable::gregorian_cycle_days]];
}

Time ArrivalProcess::thinned_next_after(Time t, RandomStream& stream) const {
    constexpr Time never = std::numeric_limits<Time>::infinity();
    if (peak_rate_ <= 0) return never;
    const boost::random::exponential_distribution<double> gap(peak_rate_);
    boost::random::uniform_01<double> accept;
    for (;;) {
        t += gap(stream);
        if (t > horizon_) return never;
        if (accept(stream) * peak_rate_ < rate_at(t)) return t;
    }
}

double ArrivalProcess::expected_count(Time from, Time to) const {
    return integral_of_rate(std::max(from, 0.0), std::min(to, horizon_));
}

double ArrivalProcess::first_year_integral() const {
    // Day d contributes rate x month(d) x g^(d / year) x the sum over its hours of
    // hour_factor x (the integral of g^(s / year) over that hour of a day), and those hour
    // integrals are the same every day: 24 of them, and one exponential a day, instead of
    // integrating hour by hour.
    const double g = std::exp(log_growth_per_day_);  // growth per day
    std::array<double, 25> hour_area{};  // integral of g^s over [h / 24, (h + 1) / 24] of a day
    for (int h = 0; h < 24; ++h)
        hour_area[h] = log_growth_per_day_ == 0 ? 1.0 / 24
                                                : (std::pow(g, (h + 1) / 24.0) - std::pow(g, h / 24.0)) / log_growth_per_day_;
    double total = 0;
    const auto whole_days = static_cast<std::size_t>(days_per_year);
    const int last_hours = static_cast<int>(std::lround((days_per_year - static_cast<double>(whole_days)) * 24));
    for (std::size_t d = 0; d <= whole_days; ++d) {
        const int hours = d < whole_days ? 24 : last_hours;
        const int weekday = static_cast<int>((first_weekday_ + d) % 7);
        double day = 0;
        for (int h = 0; h < hours; ++h) day += hour_factor_[weekday * 24 + h] * hour_area[h];
        total += rate_per_day_ * day_factor(d) * std::exp(log_growth_per_day_ * static_cast<double>(d)) * day;
    }
    return total;
}

double ArrivalProcess::integral_of_rate(Time from, Time to) const {
    // The rate is constant within each hour apart from growth; integrate hour by hour with the
    // midpoint rule, which is exact for the steps and very close for the smooth growth.
    double total = 0;
    const double hour = 1.0 / 24.0;
    for (Time t = from; t < to; t += hour) {
        const Time end = std::min(to, t + hour);
        total += shaped_rate((t + end) / 2) * (end - t);
    }
    return total;
}

}  // namespace kapsim::sim
