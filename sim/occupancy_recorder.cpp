#include "occupancy_recorder.hpp"

#include <limits>

namespace kapsim::sim {

void OccupancyRecorder::file_day(std::size_t day, std::size_t month, double area, std::array<double, 12>& month_area,
                                 std::vector<double>& day_area) const {
    if (day >= first_day_ && day < end_day_) month_area[month] += area;
    if (day < day_area.size()) day_area[day] = area;
}

void OccupancyRecorder::file_days_over() {
    for (std::size_t i = 0; i < days_over_count_; ++i) {
        file_day(day_, month_, days_over_[i], month_area_, day_area_);
        if (++day_ >= next_month_day_) begin_month();
    }
    days_over_count_ = 0;
}

void OccupancyRecorder::add_across_days(Time from, Time to) {
    file_days_over();  // day_ is now the day in progress
    const double level = count_as_double(level_);
    while (from < to) {
        if (from >= day_end_) {  // the day in progress is over: file it, start the next
            days_over_[days_over_count_++] = area_today_;
            file_days_over();
            day_end_ = count_as_double(day_ + 1);
            area_today_ = 0;
        }
        const Time end = std::min(to, day_end_);
        area_today_ += level * (end - from);
        from = end;
    }
}

std::array<double, 12> OccupancyRecorder::month_area() const {
    std::array<double, 12> area = month_area_;  // and the days not yet filed, then the day in progress
    if (!calendar_) return area;
    std::vector<double> no_days;
    for (std::size_t i = 0; i < days_over_count_; ++i) file_day(day_ + i, month_of(day_ + i), days_over_[i], area, no_days);
    const std::size_t today = day_ + days_over_count_;
    if (today >= first_day_ && today < end_day_) area[month_of(today)] += area_today_;
    return area;
}

std::vector<double> OccupancyRecorder::day_area() const {
    std::vector<double> days = day_area_;
    std::array<double, 12> no_months{};
    for (std::size_t i = 0; i < days_over_count_; ++i) file_day(day_ + i, 0, days_over_[i], no_months, days);
    const std::size_t today = day_ + days_over_count_;
    if (today < days.size()) days[today] = area_today_;
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
