#include "tally.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapsim::sim {

double Tally::mean() const { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }

double Tally::sd() const {
    return n_ > 1 ? std::sqrt(m2_ / static_cast<double>(n_ - 1)) : std::numeric_limits<double>::quiet_NaN();
}

double Tally::order_statistic(std::vector<double>& nonzero, std::size_t negatives, std::size_t k) const {
    if (k >= negatives && k < negatives + zeros_) return 0.0;
    const std::size_t at = k < negatives ? k : k - zeros_;
    std::nth_element(nonzero.begin(), nonzero.begin() + static_cast<std::ptrdiff_t>(at), nonzero.end());
    return nonzero[at];
}

double Tally::quantile(double p) const {
    const std::size_t kept = values_.size() + zeros_;
    if (kept == 0) return std::numeric_limits<double>::quiet_NaN();
    // Order statistics at floor(h) and the next one up, by partial selection, not a full sort.
    std::vector<double> nonzero = values_;
    const auto negatives = static_cast<std::size_t>(std::count_if(nonzero.begin(), nonzero.end(), [](double v) { return v < 0; }));
    const double h = (static_cast<double>(kept) - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const double at_lo = order_statistic(nonzero, negatives, lo);
    const double at_hi = lo + 1 < kept ? order_statistic(nonzero, negatives, lo + 1) : at_lo;
    return at_lo + (h - static_cast<double>(lo)) * (at_hi - at_lo);
}

double Tally::share_above(double threshold) const {
    const std::size_t kept = values_.size() + zeros_;
    if (kept == 0) return std::numeric_limits<double>::quiet_NaN();
    auto above = static_cast<std::size_t>(std::count_if(values_.begin(), values_.end(), [&](double v) { return v > threshold; }));
    if (0 > threshold) above += zeros_;
    return static_cast<double>(above) / static_cast<double>(kept);
}

QuantileSample Tally::sample() const {
    QuantileSample s;
    s.zeros = zeros_;
    s.values.assign(values_.begin(), values_.end());
    std::sort(s.values.begin(), s.values.end());
    return s;
}

}  // namespace kapsim::sim
