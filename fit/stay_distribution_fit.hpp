#pragma once
// Maximum-likelihood fits of the stay distributions kapsim simulates (exponential, lognormal,
// gamma, Weibull) to stays of which some are still going: a finished stay adds its density to
// the likelihood, a censored one its survival. The parameters a scenario takes (mean and sd, or
// shape and scale) get 95 % intervals from the observed information by the delta method, on
// the log scale so they stay positive; the families are ranked by AIC.
#include <limits>
#include <string>
#include <vector>

#include <Eigen/Dense>

#include "censored_sample.hpp"

namespace kapsim::fit {

enum class Family { exponential, lognormal, gamma, weibull };
inline constexpr Family all_families[] = {Family::exponential, Family::lognormal, Family::gamma, Family::weibull};
const char* family_name(Family f);

struct ParameterEstimate {
    std::string name;  // as the scenario names it: mean, sd, shape, scale
    double value = 0, low = 0, high = 0;
    bool is_duration = true;  // days; the Weibull shape is a plain number
};

struct FamilyFit {
    Family family = Family::exponential;
    Eigen::VectorXd theta;  // on the fitting scale (logarithms; the lognormal's mu as it is)
    double log_likelihood = 0;
    double aic = 0;
    bool converged = false;
    std::vector<ParameterEstimate> parameters;
    // Goodness of fit: Kolmogorov-Smirnov distance from the Kaplan-Meier estimate, and its
    // p-value by parametric bootstrap (NaN until goodness_of_fit() has run).
    double ks = 0;
    double p_value = std::numeric_limits<double>::quiet_NaN();
};

// The fit of one family; throws std::invalid_argument when no stay has ended.
FamilyFit fit_family(Family family, const CensoredSample& sample);
// Every family, best (lowest AIC) first; those that did not converge last.
std::vector<FamilyFit> fit_families(const CensoredSample& sample);

double family_cdf(Family family, const Eigen::VectorXd& theta, double t);
double family_quantile(Family family, const Eigen::VectorXd& theta, double u);

}  // namespace kapsim::fit
