// The calendar behind simulation time: dates, weekdays, hours and ISO weeks, which profiles
// and schedules are written in.
#include <chrono>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <stdexcept>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/calendar_clock.hpp"
#include "sim/calendar_table.hpp"

namespace kapsim::sim {
namespace {
using namespace std::chrono;

sys_days date(const char* text) { return CalendarClock::parse_date(text); }

CalendarPoint on(const char* start, const char* day, double hours = 0) {
    const CalendarClock clock(date(start));
    return clock.at(clock.time_of(date(day)) + hours / 24.0);
}

TEST(CalendarClockTest, ParsesIsoDates) {
    EXPECT_EQ(date("2024-01-01"), sys_days{2024y / January / 1});
    EXPECT_EQ(date("2024-02-29"), sys_days{2024y / February / 29});
    EXPECT_EQ(date("1999-12-31"), sys_days{1999y / December / 31});
}

TEST(CalendarClockTest, RefusesDatesThatDoNotExist) {
    EXPECT_THROW(date("2024-02-30"), std::invalid_argument);
    EXPECT_THROW(date("2023-02-29"), std::invalid_argument) << "2023 is not a leap year";
    EXPECT_THROW(date("2024-13-01"), std::invalid_argument);
    EXPECT_THROW(date("2024-00-10"), std::invalid_argument);
    EXPECT_THROW(date("2024-04-31"), std::invalid_argument);
}

TEST(CalendarClockTest, RefusesTextThatIsNotAnIsoDate) {
    for (const char* text : {"", "2024", "2024-1-1", "24-01-01", "2024/01/01", "2024-01-01x", "2024-01-01 ",
                             "01-01-2024", "tomorrow"})
        EXPECT_THROW(date(text), std::invalid_argument) << '"' << text << '"';
}

// Only YYYY-MM-DD digits: a sign or a space inside a field is a typo to report, not to read
// past (" 2024-1-01" is not 2024-01-01).
TEST(CalendarClockTest, RefusesSignsAndSpacesInsideTheFields) {
    for (const char* text : {" 2024-1-01", "2024- 1-01", "2024-01- 1", "2024-+1-01", "2024-01-+1", "+024-01-01",
                             "-024-01-01"})
        EXPECT_THROW(date(text), std::invalid_argument) << '"' << text << '"';
}

TEST(CalendarClockTest, FormatsDatesAsParsed) {
    for (const char* text : {"2024-01-01", "2024-02-29", "2026-12-31", "2030-07-04"})
        EXPECT_EQ(CalendarClock::format_date(date(text)), text);
}

TEST(CalendarClockTest, TimeOfADayIsDaysSinceTheStart) {
    const CalendarClock clock(date("2024-01-01"));
    EXPECT_EQ(clock.time_of(date("2024-01-01")), 0.0);
    EXPECT_EQ(clock.time_of(date("2024-03-01")), 60.0) << "31 + 29 days in a leap year";
    EXPECT_EQ(clock.time_of(date("2025-01-01")), 366.0);
}

TEST(CalendarClockTest, FirstOfJanuary2024IsAMonday) {
    const CalendarPoint p = on("2024-01-01", "2024-01-01");
    EXPECT_EQ(p.year, 2024);
    EXPECT_EQ(p.month, 1);
    EXPECT_EQ(p.day, 1);
    EXPECT_EQ(p.weekday, 0);
    EXPECT_EQ(p.hour, 0);
    EXPECT_EQ(p.hour_of_week, 0);
}

TEST(CalendarClockTest, HourComesFromTheFractionOfTheDay) {
    const CalendarClock clock(date("2024-01-01"));
    EXPECT_EQ(clock.at(0.5).hour, 12);
    EXPECT_EQ(clock.at(0.75).hour, 18);
    EXPECT_EQ(clock.at(2.0 + 0.3 / 24).hour, 0);
    EXPECT_EQ(clock.at(2.0 + 13.5 / 24).hour, 13);
    const CalendarPoint before_midnight = clock.at(std::nextafter(1.0, 0.0));
    EXPECT_EQ(before_midnight.day, 1);
    EXPECT_EQ(before_midnight.hour, 23);
}

// A time written as "day d at hour h" (d + h/24) is that hour, not the end of the previous
// one; schedules that change at 08:00 rely on it.
TEST(CalendarClockTest, OnTheHourTimesBelongToThatHour) {
    const CalendarClock clock(date("2024-01-01"));
    for (int d = 0; d < 400; ++d)
        for (int h = 0; h < 24; ++h) {
            const CalendarPoint p = clock.at(d + h / 24.0);
            ASSERT_EQ(p.hour, h) << "day " << d << " hour " << h;
        }
}

TEST(CalendarClockTest, HourOfWeekCountsFromMondayMidnight) {
    const CalendarClock clock(date("2024-01-01"));  // a Monday
    EXPECT_EQ(clock.at(1.0 + 9.5 / 24).hour_of_week, 24 + 9);       // Tuesday 09:30
    EXPECT_EQ(clock.at(6.0 + 23.5 / 24).hour_of_week, 167);         // Sunday 23:30
    EXPECT_EQ(clock.at(7.0 + 0.5 / 24).hour_of_week, 0);            // next Monday 00:30
    const CalendarClock wednesday_start(date("2024-01-03"));
    EXPECT_EQ(wednesday_start.at(0.5 / 24).weekday, 2);
    EXPECT_EQ(wednesday_start.at(0.5 / 24).hour_of_week, 48);
    EXPECT_EQ(wednesday_start.at(5.0 + 6.5 / 24).hour_of_week, 6);  // Monday 06:30
}

TEST(CalendarClockTest, IsoWeekOfTheFirstDaysOfJanuaryCanBelongToThePreviousYear) {
    const CalendarPoint p = on("2020-12-01", "2021-01-03");
    EXPECT_EQ(p.year, 2021);
    EXPECT_EQ(p.weekday, 6);
    EXPECT_EQ(p.iso_week, 53);
    EXPECT_EQ(p.iso_year, 2020);
    const CalendarPoint monday = on("2020-12-01", "2021-01-04");
    EXPECT_EQ(monday.iso_week, 1);
    EXPECT_EQ(monday.iso_year, 2021);
}

TEST(CalendarClockTest, IsoWeekOfTheLastDaysOfDecemberCanBelongToTheNextYear) {
    const CalendarPoint p = on("2024-01-01", "2024-12-30");
    EXPECT_EQ(p.year, 2024);
    EXPECT_EQ(p.month, 12);
    EXPECT_EQ(p.weekday, 0);
    EXPECT_EQ(p.iso_week, 1);
    EXPECT_EQ(p.iso_year, 2025);
}

TEST(CalendarClockTest, MidsummerWeek2026IsWeek26) {
    const CalendarPoint p = on("2026-01-01", "2026-06-22", 15.0);
    EXPECT_EQ(p.weekday, 0);
    EXPECT_EQ(p.iso_week, 26);
    EXPECT_EQ(p.iso_year, 2026);
    EXPECT_EQ(p.hour, 15);
}

// Every day of twelve years against the C library's own calendar (strftime %G, %V, %u).
TEST(CalendarClockTest, AgreesWithTheCLibraryOnEveryDayFrom2019To2030) {
    const sys_days start = date("2019-01-01");
    const CalendarClock clock(start);
    const int days = static_cast<int>((date("2031-01-01") - start).count());
    for (int d = 0; d < days; ++d) {
        const std::time_t seconds = static_cast<std::time_t>((start.time_since_epoch().count() + d)) * 86400 + 12 * 3600;
        std::tm tm{};
        ASSERT_NE(gmtime_r(&seconds, &tm), nullptr);
        char iso[32];
        std::strftime(iso, sizeof iso, "%G %V %u", &tm);
        int iso_year = 0, iso_week = 0, iso_day = 0;
        ASSERT_EQ(std::sscanf(iso, "%d %d %d", &iso_year, &iso_week, &iso_day), 3);

        const CalendarPoint p = clock.at(d + 0.5);
        ASSERT_EQ(p.year, tm.tm_year + 1900) << "day " << d;
        ASSERT_EQ(p.month, tm.tm_mon + 1) << "day " << d;
        ASSERT_EQ(p.day, tm.tm_mday) << "day " << d;
        ASSERT_EQ(p.weekday, iso_day - 1) << "day " << d;
        ASSERT_EQ(p.iso_week, iso_week) << "day " << d;
        ASSERT_EQ(p.iso_year, iso_year) << "day " << d;
        ASSERT_EQ(p.hour, 12) << "day " << d;
        ASSERT_EQ(p.hour_of_week, (iso_day - 1) * 24 + 12) << "day " << d;
    }
}

// The table keeps one 400-year cycle at most and reads later days from it: the month and ISO
// week of every day of a thousand-year run are still the clock's own.
TEST(CalendarTableTest, AThousandYearRunReadsTheSameDatesFromOneFourHundredYearCycle) {
    const CalendarClock clock(date("2019-01-01"));
    const std::size_t days = CalendarTable::days_for(1000 * 365.25);
    const CalendarTable table(clock, days);
    for (std::size_t d = 0; d < days; d += 37) {
        const CalendarPoint p = clock.at(static_cast<Time>(d));
        ASSERT_EQ(table.month(d), p.month) << d;
        ASSERT_EQ(table.iso_week(d), p.iso_week) << d;
    }
    for (std::size_t d = 146097 - 400; d < 146097 + 400; ++d) {  // across the seam
        const CalendarPoint p = clock.at(static_cast<Time>(d));
        ASSERT_EQ(table.month(d), p.month) << d;
        ASSERT_EQ(table.iso_week(d), p.iso_week) << d;
    }
}

// The table is filled day by day, not from the clock each day: every day of a whole cycle is
// still the clock's own, from starts on a leap day, at a year's end and on a Sunday.
TEST(CalendarTableTest, EveryDayOfACycleHasTheClocksMonthAndIsoWeek) {
    for (const char* start : {"2019-01-01", "2020-02-29", "2023-12-31", "2026-11-29"}) {
        const CalendarClock clock(date(start));
        const CalendarTable table(clock, CalendarTable::gregorian_cycle_days);
        for (std::size_t d = 0; d < CalendarTable::gregorian_cycle_days; ++d) {
            const CalendarPoint p = clock.at(static_cast<Time>(d));
            ASSERT_EQ(table.month(d), p.month) << start << " + " << d;
            ASSERT_EQ(table.iso_week(d), p.iso_week) << start << " + " << d;
        }
    }
}

// The day each month begins, read from the table, from a table that wraps (beyond a 400-year
// cycle) and from a short one asked beyond its end, against the clock day by day.
TEST(CalendarTableTest, NextMonthStartIsTheFirstLaterDayOfAnotherMonth) {
    for (const char* start : {"2019-01-01", "2020-02-29", "2023-12-31", "2026-11-29"}) {
        const CalendarClock clock(date(start));
        const CalendarTable cycle(clock, CalendarTable::gregorian_cycle_days);
        const CalendarTable short_table(clock, 400);
        std::size_t expected = 0;  // the first day after d in another month, found by walking back
        const std::size_t last = CalendarTable::gregorian_cycle_days + 800;
        std::vector<std::size_t> next(last + 1);
        for (std::size_t d = last + 1; d-- > 0;) {
            if (d == last || clock.at(static_cast<Time>(d + 1)).month != clock.at(static_cast<Time>(d)).month)
                expected = d + 1;
            next[d] = expected;
        }
        for (std::size_t d = 0; d + 31 < last; ++d) {  // the last month's start lies beyond `last`
            ASSERT_EQ(cycle.next_month_start(d), next[d]) << start << " + " << d;
            ASSERT_EQ(short_table.next_month_start(d), next[d]) << start << " + " << d << ", short table";
        }
    }
}

}  // namespace
}  // namespace kapsim::sim
