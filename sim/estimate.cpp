#include "estimate.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

#include <boost/math/distributions/students_t.hpp>

namespace kapsim::sim {

Estimate estimate_mean(const std::vector<double>& values, double confidence) {
    constexpr double nan = std::numeric_limits<double>::quiet_NaN();
    std::size_t n = 0;
    double mean = 0, m2 = 0;
    for (double x : values) {
        if (!std::isfinite(x)) continue;
        ++n;
        const double delta = x - mean;
        mean += delta / static_cast<double>(n);
        m2 += delta * (x - mean);
    }
    if (n == 0) return {nan, nan, nan, nan, 0};
    if (n == 1) return {mean, nan, nan, nan, 1};
    const double sd = std::sqrt(m2 / static_cast<double>(n - 1));
    const boost::math::students_t t(static_cast<double>(n - 1));
    const double half = boost::math::quantile(t, 0.5 + confidence / 2) * sd / std::sqrt(static_cast<double>(n));
    return {mean, sd, mean - half, mean + half, n};
}

double spread_quantile(std::vector<double> values, double p) {
    std::erase_if(values, [](double x) { return !std::isfinite(x); });
    if (values.empty()) return std::numeric_limits<double>::quiet_NaN();
    std::sort(values.begin(), values.end());
    const double h = p * static_cast<double>(values.size() - 1);
    const auto below = static_cast<std::size_t>(std::floor(h));
    const std::size_t above = std::min(below + 1, values.size() - 1);
    return values[below] + (h - static_cast<double>(below)) * (values[above] - values[below]);
}

}  // namespace kapsim::sim
