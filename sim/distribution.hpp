#pragma once
// Probability distributions for durations and other positive quantities, drawn with
// Boost.Random. Lognormal and gamma are given by mean and sd, the figures planners have.
// A Distribution holds its Boost distribution object; sampling may update that object's
// internal state, so each replication works on its own copy.
#include <string>
#include <variant>
#include <vector>

#include <boost/random/discrete_distribution.hpp>
#include <boost/random/exponential_distribution.hpp>
#include <boost/random/gamma_distribution.hpp>
#include <boost/random/lognormal_distribution.hpp>
#include <boost/random/triangle_distribution.hpp>
#include <boost/random/uniform_real_distribution.hpp>
#include <boost/random/weibull_distribution.hpp>

#include "random_streams.hpp"

namespace kapsim::sim {

class Distribution {
public:
    // Each factory throws std::invalid_argument, naming the parameter, when it makes no sense.
    static Distribution fixed(double value);
    static Distribution exponential(double mean);
    static Distribution lognormal(double mean, double sd);
    static Distribution gamma(double mean, double sd);
    static Distribution weibull(double shape, double scale);
    static Distribution uniform(double min, double max);
    static Distribution triangular(double min, double mode, double max);
    static Distribution empirical(std::vector<double> values, std::vector<double> weights);

    // The exponential and a fixed value inline, the other families through one call: inlined
    // too, every family's code was copied into each caller, and a unit's arrival outgrew the
    // processor's instruction cache.
    double sample(RandomStream& stream) {
        if (auto* d = std::get_if<boost::random::exponential_distribution<double>>(&kind_)) return (*d)(stream);
        if (auto* d = std::get_if<Fixed>(&kind_)) return d->value;
        return sample_other(stream);
    }

    // The time left of a stay already under way at a moment chosen without regard to it, as in
    // a unit that has been running for a long time: the equilibrium residual of renewal
    // theory, density (1 - F(t)) / mean. A moment falls within a stay with probability in
    // proportion to its length and uniformly within it, so this is a uniform fraction of a
    // length-biased draw (density t f(t) / mean), drawn exactly for each family. Each call is
    // an independent draw.
    double sample_time_left(RandomStream& stream) const;

    // The time left of a stay that has already lasted `elapsed`: a draw from the conditional
    // distribution P(S - elapsed > t | S > elapsed), by inverting its survival function
    // S(elapsed + t) / S(elapsed) at a uniform draw, so a stay under way is continued, not
    // restarted (for the exponential, which forgets, the two are the same). Requires
    // survival(elapsed) > 0: nobody can have stayed longer than the longest stay.
    double sample_remaining(double elapsed, RandomStream& stream) const;
    // P(S > t), the share of stays lasting longer than t.
    double survival(double t) const;

    double mean() const { return mean_; }
    // True when a draw can be exactly zero (a fixed 0, or an empirical 0 with weight): a
    // pathway through such a stay takes no time.
    bool can_be_zero() const { return can_be_zero_; }
    double sd() const { return sd_; }
    // "lognormal(mean 9d, sd 9d)"; `format` prints parameters that are durations.
    const std::string& name() const { return name_; }
    std::string describe(std::string (*format)(double)) const;

private:
    struct Fixed { double value; };
    struct Empirical {
        std::vector<double> values;
        boost::random::discrete_distribution<std::size_t, double> pick;
    };
    using Kind = std::variant<Fixed, boost::random::exponential_distribution<double>,
                              boost::random::lognormal_distribution<double>, boost::random::gamma_distribution<double>,
                              boost::random::weibull_distribution<double>,
                              boost::random::uniform_real_distribution<double>,
                              boost::random::triangle_distribution<double>, Empirical>;

    Distribution(std::string name, Kind kind, double mean, double sd, std::vector<double> parameters)
        : name_(std::move(name)), kind_(std::move(kind)), mean_(mean), sd_(sd), parameters_(std::move(parameters)) {}

    double sample_other(RandomStream& stream);
    static double draw(Fixed& d, RandomStream&) { return d.value; }
    static double draw(Empirical& d, RandomStream& s) { return d.values[d.pick(s)]; }
    template <class D>
    static double draw(D& d, RandomStream& s) { return d(s); }

    std::string name_;
    Kind kind_;
    double mean_;
    double sd_;
    std::vector<double> parameters_;  // as given, for describe()
    bool can_be_zero_ = false;
};

}  // namespace kapsim::sim
