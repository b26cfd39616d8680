#include "estimate_text.hpp"

#include <cmath>

#include <fmt/format.h>

namespace kapsim::app {

std::string number_shown(double x, double scale) {
    if (!std::isfinite(x)) return "-";
    x *= scale;
    const double a = std::abs(x);
    if (a >= 1e5) return fmt::format("{:.0f}", x);
    return fmt::format("{:.{}f}", x, a >= 100 ? 1 : a >= 10 ? 2 : 3);
}

std::string estimate_shown(const sim::Estimate& e, double scale) {
    return fmt::format("{} [{}, {}]", number_shown(e.mean, scale), number_shown(e.ci_low, scale),
                       number_shown(e.ci_high, scale));
}

}  // namespace kapsim::app
