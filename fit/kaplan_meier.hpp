#pragma once
// The Kaplan-Meier estimate of the stay distribution from stays of which some are still going:
// the share still staying after each length at which a stay ended. It is the empirical
// distribution when nothing is censored, and the reference the fitted families are measured
// against and the fallback a scenario can use as an `empirical` distribution.
#include <vector>

#include "censored_sample.hpp"

namespace kapsim::fit {

struct SurvivalStep {
    double time = 0;      // a length at which at least one stay ended
    double survival = 1;  // the share staying longer than that
};

std::vector<SurvivalStep> kaplan_meier(const CensoredSample& sample);

// `count` lengths at the estimate's quantiles (i - 1/2) / count; where censoring leaves the
// estimate above a quantile, the longest length seen stands in for it.
std::vector<double> kaplan_meier_quantiles(const CensoredSample& sample, std::size_t count);

}  // namespace kapsim::fit
