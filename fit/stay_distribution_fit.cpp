#include "stay_distribution_fit.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

#include <boost/math/distributions/normal.hpp>
#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>

#include "maximise.hpp"

namespace kapsim::fit {
namespace {

constexpr double z95 = 1.959963984540054;

// What the likelihood of each family needs from the finished stays, computed once.
struct Sums {
    double ended = 0, sum_t = 0, sum_log = 0, sum_log2 = 0, sum_all_t = 0;
    std::vector<double> censored;  // times of the stays still going
    const std::vector<double>* all = nullptr;
};

Sums sums_of(const CensoredSample& s) {
    Sums m;
    for (std::size_t i = 0; i < s.size(); ++i) {
        m.sum_all_t += s.time[i];
        if (s.censored[i]) {
            m.censored.push_back(s.time[i]);
            continue;
        }
        const double l = std::log(s.time[i]);
        m.ended += 1;
        m.sum_t += s.time[i];
        m.sum_log += l;
        m.sum_log2 += l * l;
    }
    m.all = &s.time;
    return m;
}

// Stays of all the same length drive the gamma's shape to its bound of a million, where Boost's
// incomplete gamma series can give up; its last estimate still ranks the family, so it is
// taken instead of an exception.
constexpr boost::math::policies::policy<boost::math::policies::evaluation_error<boost::math::policies::ignore_error>>
    quiet_gamma{};

// log of the standard normal's upper tail, accurate far into it.
double log_normal_tail(double z) {
    if (z < 5) return std::log(0.5 * boost::math::erfc(z / std::numbers::sqrt2));
    return -0.5 * z * z - std::log(z * std::sqrt(2 * std::numbers::pi)) + std::log1p(-1 / (z * z));
}

double log_likelihood(Family family, const Sums& m, const Eigen::VectorXd& th) {
    switch (family) {
        case Family::exponential: {
            const double mean = std::exp(th[0]);
            return -m.ended * th[0] - m.sum_all_t / mean;
        }
        case Family::lognormal: {
            const double mu = th[0], sigma = std::exp(th[1]);
            double l = -m.sum_log - m.ended * (th[1] + 0.5 * std::log(2 * std::numbers::pi)) -
                       (m.sum_log2 - 2 * mu * m.sum_log + m.ended * mu * mu) / (2 * sigma * sigma);
            for (const double c : m.censored) l += log_normal_tail((std::log(c) - mu) / sigma);
            return l;
        }
        case Family::gamma: {
            const double k = std::exp(th[0]), scale = std::exp(th[1]);
            if (k > 1e6 || k < 1e-6) return -std::numeric_limits<double>::infinity();
            double l = (k - 1) * m.sum_log - m.sum_t / scale - m.ended * (std::lgamma(k) + k * th[1]);
            for (const double c : m.censored) l += std::log(std::max(boost::math::gamma_q(k, c / scale, quiet_gamma), 1e-300));
            return l;
        }
        case Family::weibull: {
            const double k = std::exp(th[0]), scale = std::exp(th[1]);
            if (k > 1e3 || k < 1e-3) return -std::numeric_limits<double>::infinity();
            double l = m.ended * (th[0] - k * th[1]) + (k - 1) * m.sum_log;
            for (const double t : *m.all) l -= std::pow(t / scale, k);
            return l;
        }
    }
    return 0;
}

// A start near the top: moments of the finished stays.
Eigen::VectorXd start_of(Family family, const Sums& m, const CensoredSample& s) {
    const double mean = m.sum_t / m.ended;
    double var = 0;
    for (std::size_t i = 0; i < s.size(); ++i)
        if (!s.censored[i]) var += (s.time[i] - mean) * (s.time[i] - mean);
    var = m.ended > 1 ? var / (m.ended - 1) : mean * mean;
    if (!(var > 0)) var = mean * mean * 1e-4;
    const double cv = std::sqrt(var) / mean;
    Eigen::VectorXd th;
    switch (family) {
        case Family::exponential:
            th.resize(1);
            th << std::log(m.sum_all_t / m.ended);
            break;
        case Family::lognormal: {
            const double mu = m.sum_log / m.ended;
            const double v = std::max(m.sum_log2 / m.ended - mu * mu, 1e-8);
            th.resize(2);
            th << mu, 0.5 * std::log(v);
            break;
        }
        case Family::gamma: {
            const double k = 1 / (cv * cv);
            th.resize(2);
            th << std::log(k), std::log(mean / k);
            break;
        }
        case Family::weibull: {
            const double k = std::clamp(std::pow(cv, -1.086), 0.05, 50.0);
            th.resize(2);
            th << std::log(k), std::log(mean / std::tgamma(1 + 1 / k));
            break;
        }
    }
    return th;
}

// The scenario's parameters as functions of theta (each positive).
std::vector<std::pair<const char*, double>> scenario_parameters(Family family, const Eigen::VectorXd& th) {
    switch (family) {
        case Family::exponential:
            return {{"mean", std::exp(th[0])}};
        case Family::lognormal: {
            const double s2 = std::exp(2 * th[1]);
            const double mean = std::exp(th[0] + s2 / 2);
            return {{"mean", mean}, {"sd", mean * std::sqrt(std::expm1(s2))}};
        }
        case Family::gamma: {
            const double k = std::exp(th[0]), scale = std::exp(th[1]);
            return {{"mean", k * scale}, {"sd", std::sqrt(k) * scale}};
        }
        case Family::weibull:
            return {{"shape", std::exp(th[0])}, {"scale", std::exp(th[1])}};
    }
    return {};
}

}  // namespace

const char* family_name(Family f) {
    switch (f) {
        case Family::exponential: return "exponential";
        case Family::lognormal: return "lognormal";
        case Family::gamma: return "gamma";
        case Family::weibull: return "weibull";
    }
    return "?";
}

double family_cdf(Family family, const Eigen::VectorXd& th, double t) {
    if (t <= 0) return 0;
    switch (family) {
        case Family::exponential: return -std::expm1(-t / std::exp(th[0]));
        case Family::lognormal:
            return 0.5 * boost::math::erfc(-(std::log(t) - th[0]) / (std::exp(th[1]) * std::numbers::sqrt2));
        case Family::gamma: return boost::math::gamma_p(std::exp(th[0]), t / std::exp(th[1]), quiet_gamma);
        case Family::weibull: return -std::expm1(-std::pow(t / std::exp(th[1]), std::exp(th[0])));
    }
    return 0;
}

double family_quantile(Family family, const Eigen::VectorXd& th, double u) {
    switch (family) {
        case Family::exponential: return -std::exp(th[0]) * std::log1p(-u);
        case Family::lognormal:
            return std::exp(th[0] + std::exp(th[1]) * boost::math::quantile(boost::math::normal(), u));
        case Family::gamma: return std::exp(th[1]) * boost::math::gamma_p_inv(std::exp(th[0]), u, quiet_gamma);
        case Family::weibull: return std::exp(th[1]) * std::pow(-std::log1p(-u), 1 / std::exp(th[0]));
    }
    return 0;
}

FamilyFit fit_family(Family family, const CensoredSample& sample) {
    const Sums m = sums_of(sample);
    if (m.ended < 1) throw std::invalid_argument("no stay has ended");
    const LogLikelihood f = [&](const Eigen::VectorXd& th) { return log_likelihood(family, m, th); };
    Maximum top = maximise(f, start_of(family, m, sample));
    FamilyFit fit;
    fit.family = family;
    fit.theta = top.at;
    fit.log_likelihood = top.value;
    fit.aic = 2.0 * static_cast<double>(top.at.size()) - 2 * top.value;
    fit.converged = top.converged;
    // Covariance of theta from the observed information; each parameter's interval by the
    // delta method on its logarithm.
    const Eigen::LLT<Eigen::MatrixXd> information(-top.hessian);
    const bool invertible = information.info() == Eigen::Success;
    const Eigen::MatrixXd covariance =
        invertible ? information.solve(Eigen::MatrixXd::Identity(top.at.size(), top.at.size())) : Eigen::MatrixXd();
    fit.converged = fit.converged && invertible;
    const auto values = scenario_parameters(family, top.at);
    for (std::size_t p = 0; p < values.size(); ++p) {
        const LogLikelihood log_value = [&](const Eigen::VectorXd& th) {
            return std::log(scenario_parameters(family, th)[p].second);
        };
        ParameterEstimate e{values[p].first, values[p].second, std::numeric_limits<double>::quiet_NaN(),
                            std::numeric_limits<double>::quiet_NaN(), family != Family::weibull || p == 1};
        if (invertible) {
            const Eigen::VectorXd g = numerical_gradient(log_value, top.at, 1e-6);
            const double se = std::sqrt(std::max(0.0, g.dot(covariance * g)));
            e.low = e.value * std::exp(-z95 * se);
            e.high = e.value * std::exp(z95 * se);
        }
        fit.parameters.push_back(e);
    }
    return fit;
}

std::vector<FamilyFit> fit_families(const CensoredSample& sample) {
    std::vector<FamilyFit> fits;
    for (const Family f : all_families) fits.push_back(fit_family(f, sample));
    std::stable_sort(fits.begin(), fits.end(), [](const FamilyFit& a, const FamilyFit& b) {
        if (a.converged != b.converged) return a.converged;
        return a.aic < b.aic;
    });
    return fits;
}

}  // namespace kapsim::fit
