#pragma once
// A quantile of observations (waits) over replications. The mean of each replication's own
// sample quantile is biased by an amount that depends on how many observations a replication
// holds, so short replications give too low a 90th percentile. Pooling every replication's
// observations gives a point estimate whose bias shrinks with the total number of
// observations, whatever the replication length; its interval comes from sectioning
// (Asmussen and Glynn, Stochastic Simulation, 2007, ch. III.5): the replications are split
// into up to 20 consecutive sections, the quantile is estimated from each section's pooled
// observations, and Student's t over the sections gives the half-width around the estimate
// from all of them. The observations are binned (sim/quantile_histogram.hpp), so the memory
// does not grow with the replications' length, and the estimate is exact to a bin's width.
#include <cstdint>
#include <vector>

#include "estimate.hpp"
#include "quantile_histogram.hpp"

namespace kapsim::sim {

// Sections used for the interval: up to this many (one replication each when there are fewer).
inline constexpr std::size_t quantile_sections = 20;

Estimate pooled_quantile(const std::vector<const QuantileSample*>& replications, double p, double confidence = 0.95);
// Variant minus base, replication r paired with replication r, by the same sections.
Estimate pooled_quantile_difference(const std::vector<const QuantileSample*>& base,
                                    const std::vector<const QuantileSample*>& variant, double p,
                                    double confidence = 0.95);

}  // namespace kapsim::sim
