#include "pooled_quantile.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace kapsim::sim {
namespace {

constexpr double nan = std::numeric_limits<double>::quiet_NaN();

// The observations of replications [first, last), pooled.
QuantileHistogram pooled(const std::vector<const QuantileSample*>& reps, std::size_t first, std::size_t last) {
    QuantileHistogram h;
    for (std::size_t r = first; r < last; ++r) h.add(*reps[r]);
    return h;
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
    QuantileHistogram all;
    for (std::size_t s = 0; s < b; ++s) {
        const QuantileHistogram section = pooled(reps, s * r / b, (s + 1) * r / b);
        sections.push_back(section.quantile(p));
        all.add(section);
    }
    return around(all.quantile(p), sections, r, confidence);
}

Estimate pooled_quantile_difference(const std::vector<const QuantileSample*>& base,
                                    const std::vector<const QuantileSample*>& variant, double p, double confidence) {
    const std::size_t r = std::min(base.size(), variant.size()), b = section_count(r);
    std::vector<double> sections;
    QuantileHistogram all_base, all_variant;
    for (std::size_t s = 0; s < b; ++s) {
        const QuantileHistogram in_base = pooled(base, s * r / b, (s + 1) * r / b);
        const QuantileHistogram in_variant = pooled(variant, s * r / b, (s + 1) * r / b);
        sections.push_back(in_variant.quantile(p) - in_base.quantile(p));
        all_base.add(in_base);
        all_variant.add(in_variant);
    }
    return around(all_variant.quantile(p) - all_base.quantile(p), sections, r, confidence);
}

}  // namespace kapsim::sim
