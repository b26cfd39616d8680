// Durations and rates as scenario authors write them. The day is the unit of time; a year is
// 365.25 days and a month a twelfth of that.
#include <string>

#include <gtest/gtest.h>

#include "sim/quantity.hpp"

namespace kapsim::sim {
namespace {

TEST(QuantityTest, DurationsAreConvertedToDays) {
    EXPECT_DOUBLE_EQ(parse_duration_days("8h"), 1.0 / 3.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("9d"), 9.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("2w"), 14.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("4mo"), 4 * 365.25 / 12);
    EXPECT_DOUBLE_EQ(parse_duration_days("1y"), 365.25);
    EXPECT_DOUBLE_EQ(parse_duration_days("90min"), 90.0 / 1440.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("1.5d"), 1.5);
}

TEST(QuantityTest, TwelveMonthsAreOneYear) {
    EXPECT_DOUBLE_EQ(parse_duration_days("12mo"), parse_duration_days("1y"));
}

TEST(QuantityTest, LongUnitNamesMeanTheSameAsShortOnes) {
    EXPECT_DOUBLE_EQ(parse_duration_days("3days"), parse_duration_days("3d"));
    EXPECT_DOUBLE_EQ(parse_duration_days("2weeks"), parse_duration_days("2w"));
    EXPECT_DOUBLE_EQ(parse_duration_days("6hours"), parse_duration_days("6h"));
    EXPECT_DOUBLE_EQ(parse_duration_days("2months"), parse_duration_days("2mo"));
    EXPECT_DOUBLE_EQ(parse_duration_days("1year"), parse_duration_days("1y"));
}

TEST(QuantityTest, RatesAreConvertedToPerDay) {
    EXPECT_DOUBLE_EQ(parse_rate_per_day("700/year"), 700 / 365.25);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("1.65/day"), 1.65);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("3/week"), 3.0 / 7.0);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("5/2w"), 5.0 / 14.0);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("2/hour"), 48.0);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("10/month"), 10 / (365.25 / 12));
}

TEST(QuantityTest, DurationWithoutUnitIsRefused) {
    EXPECT_THROW(parse_duration_days("9"), QuantityError);
}

TEST(QuantityTest, DurationThatIsNotANumberIsRefused) {
    EXPECT_THROW(parse_duration_days("abc"), QuantityError);
    EXPECT_THROW(parse_duration_days(""), QuantityError);
    EXPECT_THROW(parse_duration_days("d"), QuantityError);
}

TEST(QuantityTest, DurationWithUnknownUnitIsRefused) {
    EXPECT_THROW(parse_duration_days("9x"), QuantityError);
    EXPECT_THROW(parse_duration_days("9m"), QuantityError) << "'m' could be minutes or months";
}

TEST(QuantityTest, RateWithoutTimeUnitIsRefused) {
    EXPECT_THROW(parse_rate_per_day("700"), QuantityError);
    EXPECT_THROW(parse_rate_per_day("700/"), QuantityError);
    EXPECT_THROW(parse_rate_per_day("700/fortnight"), QuantityError);
    EXPECT_THROW(parse_rate_per_day("abc/day"), QuantityError);
    EXPECT_THROW(parse_rate_per_day("5/0w"), QuantityError) << "a rate per no time at all";
}

TEST(QuantityTest, QuantityErrorIsAnInvalidArgument) {
    // Callers that only know the standard exception still catch it.
    EXPECT_THROW(parse_duration_days("9"), std::invalid_argument);
}

TEST(QuantityTest, FormattedDurationsReadAsWritten) {
    EXPECT_EQ(format_duration(9.0), "9d");
    EXPECT_EQ(format_duration(1.0 / 3.0), "8h");
    EXPECT_EQ(format_duration(1.5 * 365.25), "1.5y");
}

TEST(QuantityTest, FormattedDurationsParseBackToTheSameSpan) {
    for (double days : {0.25, 1.0 / 3.0, 2.0, 9.0, 45.0, 365.25, 1.5 * 365.25}) {
        const std::string text = format_duration(days);
        EXPECT_NEAR(parse_duration_days(text), days, days * 1e-3) << text;
    }
}

TEST(QuantityTest, SwedishUnitWordsMeanTheSameAsEnglishOnes) {
    EXPECT_DOUBLE_EQ(parse_duration_days("6 dagar"), 6.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("1 dag"), 1.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("8 timmar"), parse_duration_days("8h"));
    EXPECT_DOUBLE_EQ(parse_duration_days("1 timme"), parse_duration_days("1h"));
    EXPECT_DOUBLE_EQ(parse_duration_days("5 veckor"), 35.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("1 vecka"), 7.0);
    EXPECT_DOUBLE_EQ(parse_duration_days("4 månader"), parse_duration_days("4mo"));
    EXPECT_DOUBLE_EQ(parse_duration_days("1 månad"), parse_duration_days("1mo"));
    EXPECT_DOUBLE_EQ(parse_duration_days("2 år"), parse_duration_days("2y"));
    EXPECT_DOUBLE_EQ(parse_duration_days("90 minuter"), parse_duration_days("90min"));
}

TEST(QuantityTest, RatesMayBeWrittenPerASwedishUnit) {
    EXPECT_DOUBLE_EQ(parse_rate_per_day("600 per år"), 600 / 365.25);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("600/år"), 600 / 365.25);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("2 per dag"), 2.0);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("3 per vecka"), 3.0 / 7.0);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("10 per månad"), 10 / (365.25 / 12));
    EXPECT_DOUBLE_EQ(parse_rate_per_day("4 per timme"), 96.0);
    EXPECT_DOUBLE_EQ(parse_rate_per_day("700 per year"), parse_rate_per_day("700/year"));
}

TEST(QuantityTest, DecimalCommaIsNamedWithTheValueToWriteInstead) {
    for (const std::string text : {"6,5d", "6,5 dagar", "1,5/day", "1,5 per år"}) {
        try {
            text.find('/') != std::string::npos || text.find("per") != std::string::npos ? parse_rate_per_day(text)
                                                                                         : parse_duration_days(text);
            ADD_FAILURE() << text << " was read";
        } catch (const QuantityError& e) {
            const std::string what = e.what();
            EXPECT_NE(what.find("decimal comma"), std::string::npos) << what;
            std::string fixed = text;
            fixed[fixed.find(',')] = '.';
            EXPECT_NE(what.find("write '" + fixed + "'"), std::string::npos) << what;
        }
    }
    EXPECT_EQ(with_decimal_points("6,5d"), "6.5d");
    EXPECT_FALSE(decimal_comma_at("a, b"));
}

}  // namespace
}  // namespace kapsim::sim
