#include "pooled_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapsim::sim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The p-quantile (type 7, as Tally) of the observations of replications [first, last).
double quantile_of(const std::vector<const QuantileSample*>& reps, std::size_t first, std::size_t last, double p) {
    std::uint64_t zeros = 0;
    std::vector<float> values;
    for (std::size_t r = first; r < last; ++r) {
        zeros += reps[r]->zeros;
        values.insert(values.end(), reps[r]->values.begin(), reps[r]->values.end());
    }
    const std::uint64_t n = zeros + values.size();
    if (n == 0) return nan;
    const auto negatives = static_cast<std::uint64_t>(std::count_if(values.begin(), values.end(), [](float v) { return v < 0; }));
    const auto at = [&](std::uint64_t k) -> double {  // the k-th smallest, 0-based
        if (k >= negatives && k < negatives + zeros) return 0.0;
        const auto i = static_cast<std::ptrdiff_t>(k < negatives ? k : k - zeros);
        std::nth_element(values.begin(), values.begin() + i, values.end());
        return values[static_cast<std::size_t>(i)];
    };
    const double h = static_cast<double>(n - 1) * std::clamp(p, 0.0, 1.0);
    const auto lo = static_cast<std::uint64_t>(std::floor(h));
    const double below = at(lo);
    const double above = lo + 1 < n ? at(lo + 1) : below;
    return below + (h - static_cast<double>(lo)) * (above - below);
}

std::size_t section_count(std::size_t replications) {
    return std::max<std::size_t>(1, std::min(quantile_sections, replications));
}

// The estimate from all replications, with the half-width the sections' spread gives.
Estimate around(double point, const std::vector<double>& sections, std::size_t replications, double confidence) {
    const Estimate spread = estimate_mean(sections, confidence);
    if (!std::isfinite(point) || spread.n < 2) return {point, nan, nan, nan, replications};
    const double half = spread.half_width();
    // The sd a mean of n replications would need for the same interval, so that sd / sqrt(n)
    // stays the standard error wherever estimates are compared.
    const double se = spread.sd / std::sqrt(static_cast<double>(spread.n));
    return {point, se * std::sqrt(static_cast<double>(replications)), point - half, point + half, replications};
}

}  // namespace

Estimate pooled_quantile(const std::vector<const QuantileSample*>& reps, double p, double confidence) {
    const std::size_t r = reps.size(), b = section_count(r);
    std::vector<double> sections;
    for (std::size_t s = 0; s < b; ++s) sections.push_back(quantile_of(reps, s * r / b, (s + 1) * r / b, p));
    return around(quantile_of(reps, 0, r, p), sections, r, confidence);
}

Estimate pooled_quantile_difference(const std::vector<const QuantileSample*>& base,
                                    const std::vector<const QuantileSample*>& variant, double p, double confidence) {
    const std::size_t r = std::min(base.size(), variant.size()), b = section_count(r);
    std::vector<double> sections;
    for (std::size_t s = 0; s < b; ++s)
        sections.push_back(quantile_of(variant, s * r / b, (s + 1) * r / b, p) - quantile_of(base, s * r / b, (s + 1) * r / b, p));
    return around(quantile_of(variant, 0, r, p) - quantile_of(base, 0, r, p), sections, r, confidence);
}

}  // namespace kapsim::sim
