#pragma once
// Arrivals as kapsim simulates them, fitted to the arrival times of an export: a Poisson
// process whose rate is a base rate times a month weight, a day-of-week weight, an hour-of-day
// weight and growth raised to the years since the start. It is a Poisson regression with a log
// link on the counts in each hour (each day when the export has dates only), fitted by Newton's
// method; the information matrix gives every interval (delta method), and each profile and the
// trend is tested against none by the likelihood ratio.
#include <string>
#include <vector>

namespace kapsim::fit {

struct ProfileFit {
    bool fitted = false;
    std::string why_not;        // when not fitted: "the data cover less than a year"
    std::vector<double> weight, low, high;  // relative weights, mean 1, with 95 % intervals
    double chi_square = 0;      // likelihood ratio against a flat profile
    int degrees_of_freedom = 0;
    double p_value = 1;
};

struct ArrivalFit {
    std::size_t arrivals = 0;
    double exposure_days = 0;
    // The mean rate per day over the 365.25 days from the reference date, profiles and growth
    // included, as a scenario's `rate` is defined; with its 95 % interval.
    double rate = 0, rate_low = 0, rate_high = 0;
    bool trend_fitted = false;
    std::string trend_why_not;
    double growth = 1, growth_low = 1, growth_high = 1, growth_p_value = 1;
    bool growth_supported = false;  // the trend's likelihood ratio test rejects none at 5 %
    ProfileFit month, day_of_week, hour_of_day;
};

// `times` and the period in days since 1970-01-01; `reference` is the day the rate's year
// starts (a scenario's start). `hours`: the times carry a time of day.
ArrivalFit fit_arrivals(std::vector<double> times, double from, double to, double reference, bool hours);

}  // namespace kapsim::fit
