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
    std::vector<double> sorted = values_;
    std::sort(sorted.begin(), sorted.end());
    const double h = (static_cast<double>(sorted.size()) - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::size_t>(std::floor(h));
    const std::size_t hi = std::min(lo + 1, sorted.size() - 1);
    return sorted[lo] + (h - static_cast<double>(lo)) * (sorted[hi] - sorted[lo]);
}

double Tally::share_above(double threshold) const {
    if (values_.empty()) return std::numeric_limits<double>::quiet_NaN();
    const auto above = std::count_if(values_.begin(), values_.end(), [&](double v) { return v > threshold; });
    return static_cast<double>(above) / static_cast<double>(values_.size());
}

}  // namespace kapsim::sim
