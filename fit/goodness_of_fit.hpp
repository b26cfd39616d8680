#pragma once
// How well a fitted family describes the stays: the Kolmogorov-Smirnov distance between its
// distribution function and the Kaplan-Meier estimate, with a p-value that is valid although
// the parameters were estimated from the same stays: a parametric bootstrap draws stays from
// the fit, censors them where the real ones were censored (at the time from their admission
// to the end of the data), fits again and measures again. Seeded, so the same data and seed
// give the same p-value.
#include <cstdint>

#include "censored_sample.hpp"
#include "stay_distribution_fit.hpp"

namespace kapsim::fit {

double ks_distance(const CensoredSample& sample, Family family, const Eigen::VectorXd& theta);

// Sets fit.ks and, with samples > 0, fit.p_value. `whole_days`: the stays were measured in whole
// days (an export of dates, a same-day stay counted as half a day), and the bootstrap measures
// its simulated stays the same way, or every family would be rejected for the rounding alone.
void goodness_of_fit(FamilyFit& fit, const CensoredSample& sample, std::size_t samples, std::uint64_t seed,
                     bool whole_days = false);

}  // namespace kapsim::fit
