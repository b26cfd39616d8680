#include "tally.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapsim::sim {

double Tally::mean() const { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }

double Tally::sd() const {
    return n_ > 1 ? std::sqrt(m2_ / static_cast<double>(n_ - 1)) : std::numeric_limits<double>::quiet_NaN();
}

double Tally::quantile(double p) const {
    if (values_.empty()) return std::numeric_limits<double>::quiet_NaN();
    // Two partial selections instead of a full sort: the order statistics at floor(h) and the
    // next one up, which is the smallest value above it.
    std::vector<double> v = values_;
    const double h = (static_cast<double>(v.size()) - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    std::nth_element(v.begin(), v.begin() + static_cast<std::ptrdiff_t>(lo), v.end());
    const double at_lo = v[lo];
    const double at_hi = lo + 1 < v.size() ? *std::min_element(v.begin() + static_cast<std::ptrdiff_t>(lo) + 1, v.end()) : at_lo;
    return at_lo + (h - static_cast<double>(lo)) * (at_hi - at_lo);
}

double Tally::share_above(double threshold) const {
    if (values_.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto above = std::count_if(values_.begin(), values_.end(), [&](double v) { return v > threshold; });
    return static_cast<double>(above) / static_cast<double>(values_.size());
}

}  // namespace kapsim::sim
