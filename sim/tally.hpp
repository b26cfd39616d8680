#pragma once
// Observations of one quantity (waits, stays): count, mean, sd and quantiles. Values are kept
// so quantiles are exact rather than estimated from bins; a tally that only needs the mean
// and sd can be told not to keep them, which saves memory on long runs. Zeros (most waits,
// where few wait) are only counted, which keeps memory and time small without changing any
// quantile.
#include <cstddef>
#include <vector>

#include "pooled_quantile.hpp"

namespace kapsim::sim {

class Tally {
public:
    enum class Keep { values, moments_only };
    explicit Tally(Keep keep = Keep::values) : keep_values_(keep == Keep::values) {}

    void add(double x) {
        ++n_;
        const double delta = x - mean_;
        mean_ += delta / static_cast<double>(n_);
        m2_ += delta * (x - mean_);
        if (!keep_values_) return;
        if (x == 0) ++zeros_;
        else values_.push_back(x);
    }
    void clear() { *this = Tally(keep_values_ ? Keep::values : Keep::moments_only); }

    std::size_t count() const { return n_; }
    double mean() const;  // NaN when empty
    double sd() const;    // NaN with fewer than two values
    // Linear interpolation between order statistics (type 7, as R and NumPy by default).
    // NaN when values are not kept.
    double quantile(double p) const;
    // Share of values strictly above `threshold`; NaN when values are not kept.
    double share_above(double threshold) const;
    // The kept values, for estimates that pool replications (empty when values are not kept).
    QuantileSample sample() const;

private:
    bool keep_values_;
    // The k-th smallest of the kept values and the zeros (0-based).
    double order_statistic(std::vector<double>& nonzero, std::size_t negatives, std::size_t k) const;

    std::size_t n_ = 0;
    std::size_t zeros_ = 0;  // kept values equal to zero, not stored
    double mean_ = 0;
    double m2_ = 0;
    std::vector<double> values_;
};

}  // namespace kapsim::sim
