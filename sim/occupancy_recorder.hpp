#pragma once
// Time-weighted occupancy: the exact time spent at every occupancy level since the last
// reset. From it come the mean, the share of time full, and the whole distribution, so
// "the probability that n places are not enough" can be read from one run.
#include <cstddef>
#include <vector>

#include "event_calendar.hpp"

namespace kapsim::sim {

class OccupancyRecorder {
public:
    // Starts observing at `now` with `level` in use; forgets everything before.
    void reset(Time now, std::size_t level) {
        time_at_level_.assign(time_at_level_.size(), 0.0);
        since_ = now;
        start_ = now;
        level_ = level;
    }

    void change(Time now, std::size_t new_level) {
        accumulate(now);
        level_ = new_level;
    }

    // Closes the current interval at `now` without changing the level.
    void close(Time now) { accumulate(now); }

    std::size_t level() const { return level_; }
    Time observed() const { return since_ - start_; }
    // Time spent at each level, index = level.
    const std::vector<double>& time_at_level() const { return time_at_level_; }

    double mean() const;
    // Share of observed time with at least `level` in use.
    double share_at_least(std::size_t level) const;

private:
    void accumulate(Time now) {
        if (level_ >= time_at_level_.size()) time_at_level_.resize(level_ + 1, 0.0);
        time_at_level_[level_] += now - since_;
        since_ = now;
    }

    std::vector<double> time_at_level_;
    Time start_ = 0;
    Time since_ = 0;
    std::size_t level_ = 0;
};

}  // namespace kapsim::sim
