#pragma once
// Time-weighted occupancy: the exact time spent at every occupancy level since the last
// reset. From it come the mean, the share of time full, and the whole distribution, so
// "the probability that n places are not enough" can be read from one run. It can also keep
// the exact mean of every whole day of the run (warm-up included, and not cleared by a
// reset), from which come occupancy by month and the series for choosing the warm-up.
#include <algorithm>
#include <cstddef>
#include <vector>

#include "event_calendar.hpp"

namespace kapsim::sim {

class OccupancyRecorder {
public:
    // Starts observing at `now` with `level` in use; forgets everything before.
    void reset(Time now, std::size_t level) {
        if (!day_area_.empty()) add_to_days(since_, now);  // the days go on through a reset
        time_at_level_.assign(time_at_level_.size(), 0.0);
        since_ = now;
        start_ = now;
        level_ = level;
    }

    void change(Time now, std::size_t new_level) {
        accumulate(now);
        level_ = new_level;
    }

    // Keeps the area under the occupancy curve of each day up to `horizon`. Call before the
    // run starts.
    void track_days(Time horizon) { day_area_.assign(static_cast<std::size_t>(horizon) + 1, 0.0); }
    // Area under the occupancy curve in each day (index = day since the start), which is the
    // day's mean occupancy for every whole day; empty unless tracked.
    const std::vector<double>& day_area() const { return day_area_; }

    // Closes the current interval at `now` without changing the level.
    void close(Time now) { accumulate(now); }

    std::size_t level() const { return level_; }
    Time observed() const { return since_ - start_; }
    // Time spent at each level, index = level.
    const std::vector<double>& time_at_level() const { return time_at_level_; }

    double mean() const;
    // Share of observed time with at least `level` in use.
    double share_at_least(std::size_t level) const;
    // Share of observed time at each level (index = level); NaN when nothing was observed.
    std::vector<double> shares() const;

private:
    void accumulate(Time now) {
        if (level_ >= time_at_level_.size()) time_at_level_.resize(level_ + 1, 0.0);
        time_at_level_[level_] += now - since_;
        if (!day_area_.empty()) add_to_days(since_, now);
        since_ = now;
    }

    // Splits [from, to) at midnights; usually both ends fall in the same day.
    void add_to_days(Time from, Time to) {
        const double level = static_cast<double>(level_);
        while (from < to) {
            const auto day = static_cast<std::size_t>(from);
            if (day >= day_area_.size()) return;
            const Time end = std::min(to, static_cast<Time>(day + 1));
            day_area_[day] += level * (end - from);
            from = end;
        }
    }

    std::vector<double> time_at_level_;
    std::vector<double> day_area_;
    Time start_ = 0;
    Time since_ = 0;
    std::size_t level_ = 0;
};

}  // namespace kapsim::sim
