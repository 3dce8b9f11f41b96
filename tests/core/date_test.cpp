#include "pathway/core/date.hpp"
#include "test_support.hpp"

#include <gtest/gtest.h>

using namespace pathway::core;
using pathway::test::d;

TEST(DateTest, ParsesAndFormatsIsoDates) {
    auto x = Date::parse("2026-11-30");
    ASSERT_TRUE(x);
    EXPECT_EQ(x->year, 2026);
    EXPECT_EQ(x->month, 11);
    EXPECT_EQ(x->day, 30);
    EXPECT_EQ(x->toString(), "2026-11-30");
}

TEST(DateTest, RejectsImpossibleAndMalformedDates) {
    for (const char* bad : {"2026-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01",
                            "2026/01/01", "2026-1-01", "", "2026-01-01x", "abcd-ef-gh"})
        EXPECT_FALSE(Date::parse(bad)) << bad;
}

TEST(DateTest, LeapYears) {
    EXPECT_TRUE(Date::parse("2024-02-29"));
    EXPECT_TRUE(Date::parse("2000-02-29"));
    EXPECT_FALSE(Date::parse("2100-02-29"));
    EXPECT_EQ(d("2024-02-28").addDays(1), d("2024-02-29"));
    EXPECT_EQ(d("2023-02-28").addDays(1), d("2023-03-01"));
}

TEST(DateTest, DayArithmeticRoundTrips) {
    EXPECT_EQ(Date::fromDays(0), d("1970-01-01"));
    for (int64_t n = -1000; n < 40000; n += 37) EXPECT_EQ(Date::fromDays(n).toDays(), n);
    EXPECT_EQ(daysBetween(d("2025-12-01"), d("2026-11-30")), 364);
}

TEST(DateTest, AddMonthsClampsToMonthEnd) {
    EXPECT_EQ(d("2026-01-31").addMonths(1), d("2026-02-28"));
    EXPECT_EQ(d("2024-01-31").addMonths(1), d("2024-02-29"));
    EXPECT_EQ(d("2025-11-15").addMonths(3), d("2026-02-15"));
    EXPECT_EQ(d("2026-03-15").addMonths(-3), d("2025-12-15"));
}

TEST(DateTest, Weekdays) {
    EXPECT_EQ(d("2026-11-23").weekday(), 0); // a Monday
    EXPECT_TRUE(d("2026-11-28").isWeekend());
    EXPECT_TRUE(d("2026-11-29").isWeekend());
    EXPECT_FALSE(d("2026-11-27").isWeekend());
}

// Other systems' Atom dates (a Mahara export writes PHP's 'c' format, with an offset): read
// to the same instant, so importing the same file twice gives the same times.
TEST(DateTest, Rfc3339OffsetsAndFractionsReadToUtc) {
    const int64_t utc = *parseTimestamp("2026-10-05T16:00:00Z");
    EXPECT_EQ(parseRfc3339("2026-10-05T16:00:00Z"), utc);
    EXPECT_EQ(parseRfc3339("2026-10-05T16:00:00+00:00"), utc);
    EXPECT_EQ(parseRfc3339("2026-10-05T17:00:00+01:00"), utc); // British Summer Time
    EXPECT_EQ(parseRfc3339("2026-10-05T10:30:00-05:30"), utc);
    EXPECT_EQ(parseRfc3339("2026-10-06T05:00:00+13:00"), utc); // the next day where it was written
    EXPECT_EQ(parseRfc3339("2026-10-05T16:00:00.250Z"), utc + 250);
    EXPECT_EQ(parseRfc3339("2026-10-05T16:00:00.1234567+00:00"), utc + 123);
    EXPECT_EQ(parseRfc3339("2026-10-05"), *parseTimestamp("2026-10-05"));
    EXPECT_FALSE(parseRfc3339("2026-10-05T16:00:00"));        // no zone: which instant is unknown
    EXPECT_FALSE(parseRfc3339("2026-10-05T16:00:00+0100"));   // not RFC 3339
    EXPECT_FALSE(parseRfc3339("2026-10-05T16:00:00.Z"));
    EXPECT_FALSE(parseRfc3339("2026-10-05T16:00:00+24:00"));
    EXPECT_FALSE(parseRfc3339("2026-10-05T24:00:00Z"));
}

TEST(DateTest, TimestampsRoundTrip) {
    const int64_t ms = (d("2026-11-23").toDays() * 86400 + 14 * 3600 + 3 * 60 + 9) * 1000;
    EXPECT_EQ(formatTimestamp(ms), "2026-11-23T14:03:09Z");
    EXPECT_EQ(parseTimestamp("2026-11-23T14:03:09Z"), ms);
    EXPECT_FALSE(parseTimestamp("2026-11-23T25:00:00Z"));
    EXPECT_FALSE(parseTimestamp("yesterday"));
}
