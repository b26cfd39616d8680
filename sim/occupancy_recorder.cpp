#include "occupancy_recorder.hpp"

#include <limits>

namespace kapsim::sim {

double OccupancyRecorder::mean() const {
    const double total = observed();
    if (!(total > 0)) return std::numeric_limits<double>::quiet_NaN();
    double weighted = 0;
    for (std::size_t n = 0; n < time_at_level_.size(); ++n) weighted += static_cast<double>(n) * time_at_level_[n];
    return weighted / total;
}

std::vector<double> OccupancyRecorder::shares() const {
    std::vector<double> share = time_at_level_;
    const double total = observed();
    for (double& x : share) x = total > 0 ? x / total : std::numeric_limits<double>::quiet_NaN();
    return share;
}

double OccupancyRecorder::share_at_least(std::size_t level) const {
    const double total = observed();
    if (!(total > 0)) return std::numeric_limits<double>::quiet_NaN();
    double t = 0;
    for (std::size_t n = level; n < time_at_level_.size(); ++n) t += time_at_level_[n];
    return t / total;
}

}  // namespace kapsim::sim
