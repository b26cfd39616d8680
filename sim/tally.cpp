#include "tally.hpp"

#include <cmath>
#include <limits>

namespace kapsim::sim {

double Tally::mean() const { return n_ ? mean_ : std::numeric_limits<double>::quiet_NaN(); }

double Tally::sd() const {
    return n_ > 1 ? std::sqrt(m2_ / static_cast<double>(n_ - 1)) : std::numeric_limits<double>::quiet_NaN();
}

double Tally::quantile(double p) const {
    return keep_distribution_ ? distribution_.quantile(p) : std::numeric_limits<double>::quiet_NaN();
}

}  // namespace kapsim::sim
