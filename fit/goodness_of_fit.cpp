#include "goodness_of_fit.hpp"

#include <algorithm>
#include <cmath>

#include <boost/random/mersenne_twister.hpp>
#include <boost/random/uniform_01.hpp>

#include "kaplan_meier.hpp"

namespace kapsim::fit {

double ks_distance(const CensoredSample& sample, Family family, const Eigen::VectorXd& theta) {
    double distance = 0, before = 0;  // before: the estimate's distribution just before a step
    for (const auto& step : kaplan_meier(sample)) {
        const double fitted = family_cdf(family, theta, step.time);
        distance = std::max({distance, std::abs(fitted - before), std::abs(fitted - (1 - step.survival))});
        before = 1 - step.survival;
    }
    return distance;
}

void goodness_of_fit(FamilyFit& fit, const CensoredSample& sample, std::size_t samples, std::uint64_t seed,
                     bool whole_days) {
    fit.ks = ks_distance(sample, fit.family, fit.theta);
    if (samples == 0) return;
    boost::random::mt19937_64 engine(seed * 0x9E3779B97F4A7C15ull + static_cast<std::uint64_t>(fit.family) + 1);
    boost::random::uniform_01<double> uniform;
    std::size_t as_far = 0, done = 0;
    CensoredSample drawn;
    for (std::size_t b = 0; b < samples; ++b) {
        drawn = CensoredSample{};
        for (std::size_t i = 0; i < sample.size(); ++i) {
            double u = uniform(engine);
            while (u <= 0 || u >= 1) u = uniform(engine);
            double t = std::max(family_quantile(fit.family, fit.theta, u), 1e-9);
            if (whole_days) {
                // Admitted at a uniform time of its day, discharged T later: the dates differ by
                // floor(a + T) days.
                t = std::floor(uniform(engine) + t);
                if (t <= 0) t = 0.5;
            }
            const double limit = std::max(sample.limit[i], 1e-9);
            drawn.add(std::min(t, limit), t > limit, limit);
        }
        if (drawn.ended() == 0) continue;
        const FamilyFit again = fit_family(fit.family, drawn);
        if (!again.converged) continue;
        ++done;
        as_far += ks_distance(drawn, fit.family, again.theta) >= fit.ks;
    }
    fit.p_value = static_cast<double>(1 + as_far) / static_cast<double>(1 + done);
}

}  // namespace kapsim::fit
