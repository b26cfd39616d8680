#include "distribution.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numbers>
#include <numeric>
#include <stdexcept>
#include <type_traits>

#include <boost/math/special_functions/erf.hpp>
#include <boost/math/special_functions/gamma.hpp>
#include <boost/random/uniform_01.hpp>
#include <fmt/format.h>

namespace kapsim::sim {

double Distribution::sample_other(RandomStream& stream) {
    return std::visit([&](auto& d) { return draw(d, stream); }, kind_);
}
namespace {

void require(bool ok, const char* message) {
    if (!ok) throw std::invalid_argument(message);
}

bool finite_positive(double x) { return std::isfinite(x) && x > 0; }

}  // namespace

Distribution Distribution::fixed(double value) {
    require(std::isfinite(value) && value >= 0, "a fixed value must be zero or more");
    Distribution d{"fixed", Fixed{value}, value, 0.0, {value}};
    d.can_be_zero_ = value == 0;
    return d;
}

Distribution Distribution::exponential(double mean) {
    require(finite_positive(mean), "the mean of an exponential distribution must be more than zero");
    return {"exponential", boost::random::exponential_distribution<double>(1.0 / mean), mean, mean, {mean}};
}

Distribution Distribution::lognormal(double mean, double sd) {
    require(finite_positive(mean), "the mean of a lognormal distribution must be more than zero");
    require(finite_positive(sd), "the sd of a lognormal distribution must be more than zero");
    const double sigma2 = std::log1p((sd * sd) / (mean * mean));
    const double mu = std::log(mean) - sigma2 / 2;
    return {"lognormal", boost::random::lognormal_distribution<double>(mu, std::sqrt(sigma2)), mean, sd, {mean, sd}};
}

Distribution Distribution::gamma(double mean, double sd) {
    require(finite_positive(mean), "the mean of a gamma distribution must be more than zero");
    require(finite_positive(sd), "the sd of a gamma distribution must be more than zero");
    const double shape = (mean * mean) / (sd * sd);
    const double scale = (sd * sd) / mean;
    return {"gamma", boost::random::gamma_distribution<double>(shape, scale), mean, sd, {mean, sd}};
}

Distribution Distribution::weibull(double shape, double scale) {
    require(finite_positive(shape), "the shape of a Weibull distribution must be more than zero");
    require(finite_positive(scale), "the scale of a Weibull distribution must be more than zero");
    // In logarithms: for a small shape, Gamma(1 + 2/shape) overflows a double (shape < 0.0118)
    // while the mean and sd themselves may still be representable.
    const double log_g1 = boost::math::lgamma(1 + 1 / shape);
    const double log_g2 = boost::math::lgamma(1 + 2 / shape);
    const double mean = scale * std::exp(log_g1);
    const double sd = scale * std::exp(0.5 * log_g2) * std::sqrt(std::max(0.0, -std::expm1(2 * log_g1 - log_g2)));
    return {"weibull", boost::random::weibull_distribution<double>(shape, scale), mean, sd, {shape, scale}};
}

Distribution Distribution::uniform(double min, double max) {
    require(std::isfinite(min) && min >= 0, "the min of a uniform distribution must be zero or more");
    require(std::isfinite(max) && max > min, "the max of a uniform distribution must be more than its min");
    return {"uniform", boost::random::uniform_real_distribution<double>(min, max), (min + max) / 2,
            (max - min) / std::sqrt(12.0), {min, max}};
}

Distribution Distribution::triangular(double min, double mode, double max) {
    require(std::isfinite(min) && min >= 0, "the min of a triangular distribution must be zero or more");
    require(std::isfinite(max) && max > min, "the max of a triangular distribution must be more than its min");
    require(mode >= min && mode <= max, "the mode of a triangular distribution must lie between its min and max");
    const double var = (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18;
    return {"triangular", boost::random::triangle_distribution<double>(min, mode, max), (min + mode + max) / 3,
            std::sqrt(var), {min, mode, max}};
}

Distribution Distribution::empirical(std::vector<double> values, std::vector<double> weights) {
    require(!values.empty(), "an empirical distribution needs at least one value");
    if (weights.empty()) weights.assign(values.size(), 1.0);
    require(weights.size() == values.size(), "an empirical distribution needs as many weights as values");
    double total = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        require(std::isfinite(values[i]) && values[i] >= 0, "empirical values must be zero or more");
        require(std::isfinite(weights[i]) && weights[i] >= 0, "empirical weights must be zero or more");
        total += weights[i];
    }
    require(total > 0, "empirical weights must not all be zero");
    double mean = 0, m2 = 0;
    for (std::size_t i = 0; i < values.size(); ++i) {
        mean += weights[i] / total * values[i];
        m2 += weights[i] / total * values[i] * values[i];
    }
    std::vector<double> parameters = values;
    bool zero = false;
    for (std::size_t i = 0; i < values.size(); ++i) zero = zero || (values[i] == 0 && weights[i] > 0);
    boost::random::discrete_distribution<std::size_t, double> pick(weights.begin(), weights.end());
    Distribution d{"empirical", Empirical{std::move(values), std::move(pick)}, mean,
                   std::sqrt(std::max(0.0, m2 - mean * mean)), std::move(parameters)};
    d.can_be_zero_ = zero;
    return d;
}

double Distribution::sample_time_left(RandomStream& stream) const {
    using namespace boost::random;
    const auto length_biased = [&](const auto& d) -> double {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, Fixed>) {
            return d.value;
        } else if constexpr (std::is_same_v<D, exponential_distribution<double>>) {
            return gamma_distribution<double>(2.0, 1.0 / d.lambda())(stream);  // t e^(-t/m): gamma of shape 2
        } else if constexpr (std::is_same_v<D, lognormal_distribution<double>>) {
            return lognormal_distribution<double>(d.m() + d.s() * d.s(), d.s())(stream);
        } else if constexpr (std::is_same_v<D, gamma_distribution<double>>) {
            return gamma_distribution<double>(d.alpha() + 1.0, d.beta())(stream);
        } else if constexpr (std::is_same_v<D, weibull_distribution<double>>) {
            // With X = b W^(1/a), W exponential; length-biasing makes W gamma of shape 1 + 1/a.
            return d.b() * std::pow(gamma_distribution<double>(1.0 + 1.0 / d.a(), 1.0)(stream), 1.0 / d.a());
        } else if constexpr (std::is_same_v<D, uniform_real_distribution<double>>) {
            const double a = d.a(), b = d.b();  // density in proportion to t on [a, b]
            return std::sqrt(a * a + uniform_01<double>()(stream) * (b * b - a * a));
        } else if constexpr (std::is_same_v<D, triangle_distribution<double>>) {
            // Accept a triangular draw t with probability t / max: at least a third get through.
            triangle_distribution<double> triangle(d.a(), d.b(), d.c());
            for (;;) {
                const double t = triangle(stream);
                if (uniform_01<double>()(stream) * d.c() < t) return t;
            }
        } else {
            std::vector<double> weights = d.pick.probabilities();
            for (std::size_t i = 0; i < weights.size(); ++i) weights[i] *= d.values[i];
            return d.values[discrete_distribution<std::size_t, double>(weights.begin(), weights.end())(stream)];
        }
    };
    if (!(mean_ > 0)) return 0;  // every stay of length zero
    const double length = std::visit(length_biased, kind_);
    return uniform_01<double>()(stream) * length;
}

double Distribution::survival(double t) const {
    using namespace boost::random;
    const auto of = [&](const auto& d) -> double {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, Fixed>) {
            return t < d.value ? 1.0 : 0.0;
        } else if constexpr (std::is_same_v<D, exponential_distribution<double>>) {
            return t <= 0 ? 1.0 : std::exp(-d.lambda() * t);
        } else if constexpr (std::is_same_v<D, lognormal_distribution<double>>) {
            return t <= 0 ? 1.0 : 0.5 * boost::math::erfc((std::log(t) - d.m()) / (d.s() * std::numbers::sqrt2));
        } else if constexpr (std::is_same_v<D, gamma_distribution<double>>) {
            return t <= 0 ? 1.0 : boost::math::gamma_q(d.alpha(), t / d.beta());
        } else if constexpr (std::is_same_v<D, weibull_distribution<double>>) {
            return t <= 0 ? 1.0 : std::exp(-std::pow(t / d.b(), d.a()));
        } else if constexpr (std::is_same_v<D, uniform_real_distribution<double>>) {
            return std::clamp((d.b() - t) / (d.b() - d.a()), 0.0, 1.0);
        } else if constexpr (std::is_same_v<D, triangle_distribution<double>>) {
            const double a = d.a(), b = d.b(), c = d.c();
            if (t <= a) return 1.0;
            if (t >= c) return 0.0;
            if (t <= b) return 1.0 - (t - a) * (t - a) / ((c - a) * (b - a));
            return (c - t) * (c - t) / ((c - a) * (c - b));
        } else {
            const std::vector<double> p = d.pick.probabilities();
            double above = 0;
            for (std::size_t i = 0; i < p.size(); ++i)
                if (d.values[i] > t) above += p[i];
            return above;
        }
    };
    return std::visit(of, kind_);
}

double Distribution::sample_remaining(double elapsed, RandomStream& stream) const {
    using namespace boost::random;
    const double a = std::max(0.0, elapsed);
    // In (0, 1]: the share of the stays longer than `a` that last longer still.
    const double v = 1.0 - uniform_01<double>()(stream);
    const auto until = [&](const auto& d) -> double {
        using D = std::decay_t<decltype(d)>;
        if constexpr (std::is_same_v<D, Fixed>) {
            return d.value;
        } else if constexpr (std::is_same_v<D, exponential_distribution<double>>) {
            return a - std::log(v) / d.lambda();  // memoryless
        } else if constexpr (std::is_same_v<D, lognormal_distribution<double>>) {
            // S(x) = erfc(z / sqrt 2) / 2 with z = (ln x - m) / s; solved for S(x) = v S(a).
            // Far in the tail v S(a) can underflow; the smallest positive value keeps it finite.
            const double q = std::max(2 * v * survival(a), std::numeric_limits<double>::min());
            if (q >= 2) return 0.0;
            return std::exp(d.m() + d.s() * std::numbers::sqrt2 * boost::math::erfc_inv(q));
        } else if constexpr (std::is_same_v<D, gamma_distribution<double>>) {
            const double q = std::max(v * survival(a), std::numeric_limits<double>::min());
            if (q >= 1) return 0.0;
            return d.beta() * boost::math::gamma_q_inv(d.alpha(), q);
        } else if constexpr (std::is_same_v<D, weibull_distribution<double>>) {
            // S(x) = exp(-(x / b)^k), in closed form and without underflow far in the tail.
            return d.b() * std::pow(std::pow(a / d.b(), d.a()) - std::log(v), 1.0 / d.a());
        } else if constexpr (std::is_same_v<D, uniform_real_distribution<double>>) {
            const double from = std::max(d.a(), a);
            return d.b() - v * (d.b() - from);
        } else if constexpr (std::is_same_v<D, triangle_distribution<double>>) {
            const double lo = d.a(), mode = d.b(), hi = d.c();
            const double q = v * survival(a);  // solve S(x) = q
            if (q <= (hi - mode) / (hi - lo)) return hi - std::sqrt(q * (hi - lo) * (hi - mode));
            return lo + std::sqrt((1 - q) * (hi - lo) * (mode - lo));
        } else {
            // The stays longer than `a`, by their weights.
            std::vector<double> weights = d.pick.probabilities();
            for (std::size_t i = 0; i < weights.size(); ++i)
                if (!(d.values[i] > a)) weights[i] = 0;
            const double total = std::accumulate(weights.begin(), weights.end(), 0.0);
            if (!(total > 0)) return a;
            double left = (1.0 - v) * total;
            for (std::size_t i = 0; i < weights.size(); ++i) {
                if (weights[i] <= 0) continue;
                if (left < weights[i]) return d.values[i];
                left -= weights[i];
            }
            for (std::size_t i = weights.size(); i-- > 0;)
                if (weights[i] > 0) return d.values[i];
            return a;
        }
    };
    return std::max(0.0, std::visit(until, kind_) - a);
}

std::string Distribution::describe(std::string (*format)(double)) const {
    if (name_ == "weibull") return fmt::format("weibull(shape {:.4g}, scale {})", parameters_[0], format(parameters_[1]));
    if (name_ == "empirical")
        return fmt::format("empirical({} values, mean {})", parameters_.size(), format(mean_));
    if (name_ == "fixed") return fmt::format("fixed({})", format(mean_));
    if (name_ == "exponential") return fmt::format("exponential(mean {})", format(mean_));
    if (name_ == "uniform") return fmt::format("uniform({}..{})", format(parameters_[0]), format(parameters_[1]));
    if (name_ == "triangular")
        return fmt::format("triangular({}, mode {}, {})", format(parameters_[0]), format(parameters_[1]),
                           format(parameters_[2]));
    return fmt::format("{}(mean {}, sd {})", name_, format(mean_), format(sd_));
}

}  // namespace kapsim::sim
