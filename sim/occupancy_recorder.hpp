#pragma once
// Time-weighted occupancy: the exact time spent at every occupancy level since the last
// reset. From it come the mean, the share of time full, and the whole distribution, so
// "the probability that n places are not enough" can be read from one run. It can also keep
// the area under the occupancy curve of each calendar month over a range of whole days, and,
// when asked, of every day of the run (warm-up included, and not cleared by a reset), from
// which come occupancy by month and the series for choosing the warm-up. Only the day in
// progress is held, so the memory does not grow with the horizon unless every day is asked
// for.
#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "calendar_table.hpp"
#include "count_as_double.hpp"
#include "event_calendar.hpp"

namespace kapsim::sim {

class OccupancyRecorder {
public:
    // Starts observing at `now` with `level` in use; forgets everything before.
    void reset(Time now, std::size_t level) {
        if (calendar_) add_to_days(since_, now);  // the days go on through a reset
        time_at_level_.assign(time_at_level_.size(), 0.0);
        since_ = now;
        start_ = now;
        level_ = level;
    }

    void change(Time now, std::size_t new_level) {
        accumulate(now);
        level_ = new_level;
    }

    // Keeps the area under the occupancy curve of the whole days [first_day, end_day) summed
    // by calendar month, and with `every_day` also of each day up to `horizon`. Call before
    // the run starts; `calendar` must outlive the recorder.
    void track_days(const CalendarTable& calendar, std::size_t first_day, std::size_t end_day, Time horizon,
                    bool every_day = false) {
        calendar_ = &calendar;
        month_ = static_cast<std::size_t>(calendar.month(day_) - 1);
        next_month_day_ = calendar.next_month_start(day_);
        first_day_ = first_day;
        end_day_ = end_day;
        if (every_day) day_area_.assign(static_cast<std::size_t>(horizon) + 1, 0.0);
    }
    // Area under the occupancy curve in each calendar month (January first) over the tracked
    // whole days, each day's area added in the order of the days.
    std::array<double, 12> month_area() const;
    // Area under the occupancy curve in each day (index = day since the start), which is the
    // day's mean occupancy for every whole day; empty unless every day was asked for.
    std::vector<double> day_area() const;

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
        if (calendar_) add_to_days(since_, now);
        since_ = now;
    }

    // Splits [from, to) at midnights; usually both ends fall in the same day.
    void add_to_days(Time from, Time to) {
        const double level = count_as_double(level_);
        // The usual case, without converting a time to a day: the day in progress goes on past
        // `to` (then `from` lies in it too, as no time before it was added). The same sum as
        // the loop's, so the same bits.
        if (to < day_end_) {
            area_today_ += level * (to - from);
            return;
        }
        while (from < to) {
            const auto day = static_cast<std::size_t>(static_cast<std::int64_t>(from));  // from >= 0
            if (day != day_) next_day(day);
            const Time end = std::min(to, day_end_);
            area_today_ += level * (end - from);
            from = end;
        }
    }
    // Files the day in progress, which is over, and starts `day`.
    void next_day(std::size_t day);

    std::vector<double> time_at_level_;
    const CalendarTable* calendar_ = nullptr;  // days tracked when set
    std::size_t first_day_ = 0, end_day_ = 0;
    std::size_t day_ = 0;     // the day in progress
    Time day_end_ = 1;        // and its end, day_ + 1
    std::size_t month_ = 0;   // its calendar month, 0 = January: looked up only when a month begins
    std::size_t next_month_day_ = 0;
    double area_today_ = 0;   // its area so far
    std::array<double, 12> month_area_{};
    std::vector<double> day_area_;  // every day, when asked for
    Time start_ = 0;
    Time since_ = 0;
    std::size_t level_ = 0;
};

}  // namespace kapsim::sim
