#pragma once
// Time-weighted occupancy: the exact time spent at every occupancy level since the last
// reset. From it come the mean, the share of time full, and the whole distribution, so
// "the probability that n places are not enough" can be read from one run. It can also keep
// the area under the occupancy curve of each calendar month over a range of whole days, and,
// when asked, of every day of the run (warm-up included, and not cleared by a reset), from
// which come occupancy by month and the series for choosing the warm-up. Only the day in
// progress and a few days over, not yet filed into their months, are held, so the memory does
// not grow with the horizon unless every day is asked for.
#include <algorithm>
#include <array>
#include <cstddef>
#include <vector>

#include "calendar_table.hpp"
#include "count_as_double.hpp"
#include "event_calendar.hpp"
#include "select_without_branch.hpp"

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
        begin_month();
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
    [[gnu::always_inline]] void accumulate(Time now) {
        if (level_ >= time_at_level_.size()) time_at_level_.resize(level_ + 1, 0.0);
        time_at_level_[level_] += now - since_;
        if (calendar_) add_to_days(since_, now);
        since_ = now;
    }

    // Splits [from, to) at midnights. A third of the changes of a busy unit cross one, at
    // random, and a branch on it, which the processor cannot predict, cost a tenth of a small
    // model's run time. So a change that crosses at most one midnight takes no branch on it:
    // the day's area so far is written to the next free place of days_over_ whether or not
    // the day is over, and the place is taken only when it is. The days over are filed into
    // their months in a batch, in the order of the days, so the sums are the same as filing
    // each as it ends. Ending exactly at midnight ends the day, and the next starts with +0.
    [[gnu::always_inline]] void add_to_days(Time from, Time to) {
        if (to >= day_end_ + 1) return add_across_days(from, to);
        const double level = count_as_double(level_);
        const bool midnight = to >= day_end_;
        const double today = area_today_ + level * (std::min(to, day_end_) - from);
        days_over_[days_over_count_] = today;
        days_over_count_ += midnight;
        area_today_ = select_without_branch(midnight, level * (to - day_end_), today);
        day_end_ += select_without_branch(midnight, 1.0, 0.0);
        if (days_over_count_ == days_over_.size()) file_days_over();
    }
    // [from, to) over two midnights or more, one day at a time. It and the filing are rare,
    // and out of line so that the usual path stays small enough to be inlined.
    void add_across_days(Time from, Time to);
    // Files the days over into their months (and into every day's areas, when kept).
    void file_days_over();
    // The calendar month of `day`, 0 = January.
    std::size_t month_of(std::size_t day) const { return static_cast<std::size_t>(calendar_->month(day) - 1); }
    // The month of day_, and the first day of the next one.
    void begin_month() {
        month_ = month_of(day_);
        next_month_day_ = calendar_->next_month_start(day_);
    }
    // Files one day's whole area; `month` is its calendar month, 0 = January.
    void file_day(std::size_t day, std::size_t month, double area, std::array<double, 12>& month_area,
                  std::vector<double>& day_area) const;

    std::vector<double> time_at_level_;
    const CalendarTable* calendar_ = nullptr;  // days tracked when set
    std::size_t first_day_ = 0, end_day_ = 0;
    std::size_t day_ = 0;     // the first day not yet filed, then the days over
    std::size_t month_ = 0;   // its calendar month, 0 = January: looked up only when a month begins
    std::size_t next_month_day_ = 0;
    std::array<double, 32> days_over_{};  // the areas of days over, not yet filed
    std::size_t days_over_count_ = 0;
    Time day_end_ = 1;        // the end of the day in progress, day_ + days_over_count_ + 1
    double area_today_ = 0;   // its area so far
    std::array<double, 12> month_area_{};
    std::vector<double> day_area_;  // every day, when asked for
    Time start_ = 0;
    Time since_ = 0;
    std::size_t level_ = 0;
};

}  // namespace kapsim::sim
