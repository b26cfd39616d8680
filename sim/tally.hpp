#pragma once
// Observations of one quantity (waits, stays): count, mean, sd and quantiles. The mean and sd
// are exact (Welford); the distribution, for quantiles, is kept in the fixed bins of
// QuantileHistogram, so a tally's memory does not grow with the run, and a quantile is exact
// to its bin's width. A tally that only needs the mean and sd can be told not to keep the
// distribution at all.
#include <cstddef>

#include "count_as_double.hpp"
#include "quantile_histogram.hpp"

namespace kapsim::sim {

class Tally {
public:
    enum class Keep { distribution, moments_only };
    explicit Tally(Keep keep = Keep::distribution) : keep_distribution_(keep == Keep::distribution) {}

    void add(double x) {
        ++n_;
        const double delta = x - mean_;
        mean_ += delta / count_as_double(n_);
        m2_ += delta * (x - mean_);
        if (keep_distribution_) distribution_.add(x);
    }
    void clear() { *this = Tally(keep_distribution_ ? Keep::distribution : Keep::moments_only); }

    std::size_t count() const { return n_; }
    double mean() const;  // NaN when empty
    double sd() const;    // NaN with fewer than two values
    // Linear interpolation between order statistics (type 7, as R and NumPy by default), of
    // the binned values (see quantile_histogram.hpp); NaN when the distribution is not kept.
    // The distribution is that of non-negative quantities: a negative value counts as zero.
    double quantile(double p) const;
    // The binned observations, for estimates that pool replications (empty when not kept).
    QuantileSample sample() const { return distribution_.sample(); }

private:
    bool keep_distribution_;
    std::size_t n_ = 0;
    double mean_ = 0;
    double m2_ = 0;
    QuantileHistogram distribution_;
};

}  // namespace kapsim::sim
