#include "occupancy_recorder.hpp"

#include <limits>

namespace kapsim::sim {

void OccupancyRecorder::next_day(std::size_t day) {
    if (day_ >= first_day_ && day_ < end_day_) month_area_[month_] += area_today_;
    if (day_ < day_area_.size()) day_area_[day_] = area_today_;
    day_ = day;
    day_end_ = count_as_double(day + 1);
    if (day >= next_month_day_) {
        month_ = static_cast<std::size_t>(calendar_->month(day) - 1);
        next_month_day_ = calendar_->next_month_start(day);
    }
    area_today_ = 0;
}

std::array<double, 12> OccupancyRecorder::month_area() const {
    std::array<double, 12> area = month_area_;  // and the day in progress, the last one
    if (calendar_ && day_ >= first_day_ && day_ < end_day_) area[month_] += area_today_;
    return area;
}

std::vector<double> OccupancyRecorder::day_area() const {
    std::vector<double> days = day_area_;
    if (day_ < days.size()) days[day_] = area_today_;
    return days;
}

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
