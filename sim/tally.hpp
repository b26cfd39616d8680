#pragma once
// Observations of one quantity (waits, stays): count, mean, sd and quantiles. Values are kept
// so quantiles are exact rather than estimated from bins.
#include <cstddef>
#include <vector>

namespace kapsim::sim {

class Tally {
public:
    void add(double x) {
        ++n_;
        const double delta = x - mean_;
        mean_ += delta / static_cast<double>(n_);
        m2_ += delta * (x - mean_);
        values_.push_back(x);
    }
    void clear() { *this = Tally{}; }

    std::size_t count() const { return n_; }
    double mean() const;  // NaN when empty
    double sd() const;    // NaN with fewer than two values
    // Linear interpolation between order statistics (type 7, as R and NumPy by default).
    double quantile(double p) const;
    // Share of values strictly above `threshold`.
    double share_above(double threshold) const;

private:
    std::size_t n_ = 0;
    double mean_ = 0;
    double m2_ = 0;
    std::vector<double> values_;
};

}  // namespace kapsim::sim
