#pragma once
// What replications say about one metric: mean, sd and a 95 % confidence interval for the
// mean from Student's t. A single run is never presented as the answer; n says how many
// replications carried a value (a mean wait has none in a replication where nobody waited).
#include <cstddef>
#include <vector>

namespace kapsim::sim {

struct Estimate {
    double mean;
    double sd;
    double ci_low;
    double ci_high;
    std::size_t n;

    double half_width() const { return (ci_high - ci_low) / 2; }
};

// Non-finite values (NaN for "not defined in this replication") are left out. With no value
// everything is NaN; with one value the interval is unbounded (NaN).
Estimate estimate_mean(const std::vector<double>& values, double confidence = 0.95);

// The p-quantile of the replications' own values (type 7, as R and NumPy by default), for
// the spread of replications around their mean (a fan of 50 % and 90 % bands); non-finite
// values are left out, and with none it is NaN.
double spread_quantile(std::vector<double> values, double p);

}  // namespace kapsim::sim
