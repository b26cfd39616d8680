#include "arrival_fit.hpp"

#include <algorithm>
#include <array>
#include <chrono>
#include <cmath>

#include <boost/math/distributions/chi_squared.hpp>
#include <Eigen/Dense>

namespace kapsim::fit {
namespace {

constexpr double z95 = 1.959963984540054;
constexpr double days_per_year = 365.25;

// Which terms the model has, and where each factor's columns start (level 0 is the reference).
struct Design {
    bool trend = false, month = false, dow = false, hour = false;
    int columns = 1, month_at = 0, dow_at = 0, hour_at = 0;

    Design(bool t, bool m, bool d, bool h) : trend(t), month(m), dow(d), hour(h) {
        if (trend) ++columns;
        if (month) month_at = columns, columns += 11;
        if (dow) dow_at = columns, columns += 6;
        if (hour) hour_at = columns, columns += 23;
    }
};

// One interval of time with its own covariates: an hour or a day of the calendar.
struct Bin {
    double exposure = 0;  // days
    double years = 0;     // from the reference to the bin's middle
    int month = 0, dow = 0, hour = 0;
    double count = 0;
};

std::vector<Bin> bins_over(double from, double to, double reference, bool hours) {
    const double length = hours ? 1.0 / 24 : 1.0;
    std::vector<Bin> bins;
    const double first = std::floor(from / length) * length;
    for (long i = 0;; ++i) {
        const double start = first + static_cast<double>(i) * length;
        if (start >= to) break;
        const double a = std::max(start, from), b = std::min(start + length, to);
        if (b <= a) continue;
        Bin bin;
        bin.exposure = b - a;
        bin.years = ((a + b) / 2 - reference) / days_per_year;
        const auto day = std::chrono::sys_days{std::chrono::days{static_cast<long>(std::floor(start + 1e-9))}};
        const std::chrono::year_month_day date{day};
        bin.month = static_cast<int>(static_cast<unsigned>(date.month())) - 1;
        bin.dow = static_cast<int>((std::chrono::weekday{day}.c_encoding() + 6) % 7);  // Monday 0
        bin.hour = hours ? static_cast<int>(std::floor((start - std::floor(start + 1e-9)) * 24 + 0.5)) % 24 : 0;
        bins.push_back(bin);
    }
    return bins;
}

// The nonzero entries of a bin's row of the design matrix.
template <class F>
void for_row(const Design& d, const Bin& b, F&& f) {
    f(0, 1.0);
    if (d.trend) f(1, b.years);
    if (d.month && b.month > 0) f(d.month_at + b.month - 1, 1.0);
    if (d.dow && b.dow > 0) f(d.dow_at + b.dow - 1, 1.0);
    if (d.hour && b.hour > 0) f(d.hour_at + b.hour - 1, 1.0);
}

struct Regression {
    Eigen::VectorXd beta;
    Eigen::MatrixXd covariance;
    double log_likelihood = 0;
};

double log_likelihood(const Design& d, const std::vector<Bin>& bins, const Eigen::VectorXd& beta) {
    double l = 0;
    for (const auto& b : bins) {
        double eta = 0;
        for_row(d, b, [&](int j, double x) { eta += beta[j] * x; });
        const double mu = b.exposure * std::exp(eta);
        l += (b.count > 0 ? b.count * std::log(mu) : 0.0) - mu;
    }
    return l;
}

Regression poisson_regression(const Design& d, const std::vector<Bin>& bins) {
    double total = 0, exposure = 0;
    for (const auto& b : bins) total += b.count, exposure += b.exposure;
    Eigen::VectorXd beta = Eigen::VectorXd::Zero(d.columns);
    beta[0] = std::log(std::max(total, 0.5) / exposure);
    double value = log_likelihood(d, bins, beta);
    Eigen::MatrixXd information(d.columns, d.columns);
    for (int iteration = 0; iteration < 50; ++iteration) {
        Eigen::VectorXd score = Eigen::VectorXd::Zero(d.columns);
        information.setZero();
        for (const auto& b : bins) {
            double eta = 0;
            for_row(d, b, [&](int j, double x) { eta += beta[j] * x; });
            const double mu = b.exposure * std::exp(eta);
            for_row(d, b, [&](int j, double xj) {
                score[j] += (b.count - mu) * xj;
                for_row(d, b, [&](int k, double xk) { information(j, k) += mu * xj * xk; });
            });
        }
        const Eigen::VectorXd step = information.ldlt().solve(score);
        double scale = 1;
        double trial = value;
        for (int halving = 0; halving < 30; ++halving, scale /= 2) {
            trial = log_likelihood(d, bins, beta + scale * step);
            if (std::isfinite(trial) && trial >= value - 1e-9) break;
        }
        beta += scale * step;
        const double gain = trial - value;
        value = trial;
        if (scale * step.cwiseAbs().maxCoeff() < 1e-10 || std::abs(gain) < 1e-12 * (1 + std::abs(value))) break;
    }
    Regression r;
    r.beta = beta;
    r.log_likelihood = value;
    r.covariance = information.ldlt().solve(Eigen::MatrixXd::Identity(d.columns, d.columns));
    return r;
}

double chi_square_p(double statistic, int df) {
    if (df <= 0) return 1;
    return boost::math::cdf(boost::math::complement(boost::math::chi_squared(df), std::max(statistic, 0.0)));
}

// A factor's weights, mean 1, with intervals for each by the delta method on its logarithm.
ProfileFit profile_of(const Regression& r, int at, int levels) {
    ProfileFit p;
    p.fitted = true;
    std::vector<double> e(static_cast<std::size_t>(levels));
    double sum = 0;
    for (int k = 0; k < levels; ++k) sum += e[k] = k == 0 ? 1.0 : std::exp(r.beta[at + k - 1]);
    for (int k = 0; k < levels; ++k) {
        // d log w_k / d beta_j = [j == k] - e_j / sum, over the factor's own columns.
        Eigen::VectorXd g = Eigen::VectorXd::Zero(r.beta.size());
        for (int j = 1; j < levels; ++j) g[at + j - 1] = (j == k ? 1.0 : 0.0) - e[j] / sum;
        const double se = std::sqrt(std::max(0.0, g.dot(r.covariance * g)));
        const double w = e[k] / sum * levels;
        p.weight.push_back(w);
        p.low.push_back(w * std::exp(-z95 * se));
        p.high.push_back(w * std::exp(z95 * se));
    }
    return p;
}

}  // namespace

ArrivalFit fit_arrivals(std::vector<double> times, double from, double to, double reference, bool hours) {
    const bool hours_given = hours;
    std::sort(times.begin(), times.end());
    ArrivalFit fit;
    fit.arrivals = times.size();
    fit.exposure_days = to - from;
    std::vector<Bin> bins = bins_over(from, to, reference, hours);
    if (bins.empty()) return fit;
    const double length = hours ? 1.0 / 24 : 1.0;
    const double first = std::floor(from / length) * length;
    for (const double t : times) {
        if (t < from || t >= to) continue;
        // The bin that holds t: bins are consecutive on the grid, the first maybe cut short.
        const auto i = static_cast<std::size_t>(std::floor((t - first) / length + 1e-12));
        bins[std::min(i, bins.size() - 1)].count += 1;
    }

    // A profile needs arrivals in every one of its levels (at least 5), or its weights run off
    // to zero and their intervals mean nothing.
    std::array<double, 12> by_month{};
    std::array<double, 7> by_day{};
    std::array<double, 24> by_hour{};
    for (const auto& b : bins) {
        by_month[static_cast<std::size_t>(b.month)] += b.count;
        by_day[static_cast<std::size_t>(b.dow)] += b.count;
        by_hour[static_cast<std::size_t>(b.hour)] += b.count;
    }
    const auto enough = [](const auto& counts) { return *std::min_element(counts.begin(), counts.end()) >= 5; };
    const double span = to - from;
    const bool whole_year = span >= days_per_year - 1;
    const bool trend = whole_year && fit.arrivals >= 20;
    const bool month = whole_year && enough(by_month);
    const bool dow = span >= 14 && enough(by_day);
    hours = hours && enough(by_hour);
    const Design full(trend, month, dow, hours);
    const Regression r = poisson_regression(full, bins);

    const auto test = [&](const Design& reduced, int df, double& statistic, double& p) {
        statistic = 2 * (r.log_likelihood - poisson_regression(reduced, bins).log_likelihood);
        p = chi_square_p(statistic, df);
    };
    if (month) {
        fit.month = profile_of(r, full.month_at, 12);
        fit.month.degrees_of_freedom = 11;
        test(Design(trend, false, dow, hours), 11, fit.month.chi_square, fit.month.p_value);
    } else {
        fit.month.why_not = whole_year ? "fewer than 5 arrivals in some month" : "the data cover less than a year";
    }
    if (dow) {
        fit.day_of_week = profile_of(r, full.dow_at, 7);
        fit.day_of_week.degrees_of_freedom = 6;
        test(Design(trend, month, false, hours), 6, fit.day_of_week.chi_square, fit.day_of_week.p_value);
    } else {
        fit.day_of_week.why_not = span >= 14 ? "fewer than 5 arrivals on some day of the week" : "the data cover less than two weeks";
    }
    if (hours) {
        fit.hour_of_day = profile_of(r, full.hour_at, 24);
        fit.hour_of_day.degrees_of_freedom = 23;
        test(Design(trend, month, dow, false), 23, fit.hour_of_day.chi_square, fit.hour_of_day.p_value);
    } else {
        fit.hour_of_day.why_not = hours_given ? "fewer than 5 arrivals in some hour of the day" : "the times have no time of day";
    }
    Regression chosen = r;
    Design chosen_design = full;
    if (trend) {
        fit.trend_fitted = true;
        const double se = std::sqrt(r.covariance(1, 1));
        fit.growth = std::exp(r.beta[1]);
        fit.growth_low = std::exp(r.beta[1] - z95 * se);
        fit.growth_high = std::exp(r.beta[1] + z95 * se);
        double statistic = 0;
        const Design flat(false, month, dow, hours);
        const Regression without = poisson_regression(flat, bins);
        statistic = 2 * (r.log_likelihood - without.log_likelihood);
        fit.growth_p_value = chi_square_p(statistic, 1);
        fit.growth_supported = fit.growth_p_value < 0.05;
        if (!fit.growth_supported) {
            // No trend the data support: the rate and the profiles come from the model without one.
            chosen = without;
            chosen_design = flat;
            if (month) fit.month = [&] { auto p = profile_of(without, flat.month_at, 12); p.chi_square = fit.month.chi_square; p.degrees_of_freedom = 11; p.p_value = fit.month.p_value; return p; }();
            if (dow) fit.day_of_week = [&] { auto p = profile_of(without, flat.dow_at, 7); p.chi_square = fit.day_of_week.chi_square; p.degrees_of_freedom = 6; p.p_value = fit.day_of_week.p_value; return p; }();
            if (hours) fit.hour_of_day = [&] { auto p = profile_of(without, flat.hour_at, 24); p.chi_square = fit.hour_of_day.chi_square; p.degrees_of_freedom = 23; p.p_value = fit.hour_of_day.p_value; return p; }();
        }
    } else {
        fit.trend_why_not = whole_year ? "fewer than 20 arrivals" : "the data cover less than a year";
    }

    // The rate: expected arrivals over the reference year under the model, per day.
    const auto year = bins_over(reference, reference + days_per_year, reference, hours);
    double expected = 0;
    Eigen::VectorXd gradient = Eigen::VectorXd::Zero(chosen_design.columns);
    for (const auto& b : year) {
        double eta = 0;
        for_row(chosen_design, b, [&](int j, double x) { eta += chosen.beta[j] * x; });
        const double mu = b.exposure * std::exp(eta);
        expected += mu;
        for_row(chosen_design, b, [&](int j, double x) { gradient[j] += mu * x; });
    }
    gradient /= expected;
    const double se = std::sqrt(std::max(0.0, gradient.dot(chosen.covariance * gradient)));
    fit.rate = expected / days_per_year;
    fit.rate_low = fit.rate * std::exp(-z95 * se);
    fit.rate_high = fit.rate * std::exp(z95 * se);
    return fit;
}

}  // namespace kapsim::fit
