// Dates: ISO parsing and printing, inclusive date ranges, calendar years, and the exact
// fraction of a year a range covers (by full months and by days).
#include <gtest/gtest.h>

#include <subsidy/time/date.hpp>

#include <chrono>
#include <optional>
#include <sstream>
#include <string>

using namespace subsidy;
using namespace std::chrono;

namespace {
Date d(const char* iso) { return parse_date(iso); }
DateRange range(const char* first, const char* last) { return DateRange(d(first), d(last)); }
}  // namespace

// ---------------------------------------------------------------------------------------------
// Parsing and printing

TEST(DateParse, ReadsIsoDates) {
    EXPECT_EQ(parse_date("2021-04-06"), year{2021} / April / 6);
    EXPECT_EQ(parse_date("2024-02-29"), year{2024} / February / 29);  // 2024 is a leap year
    EXPECT_EQ(parse_date("2000-02-29"), year{2000} / February / 29);  // divisible by 400: leap
    EXPECT_EQ(parse_date("1999-12-31"), year{1999} / December / 31);
    EXPECT_EQ(parse_date("0001-01-01"), year{1} / January / 1);
}

TEST(DateParse, RefusesImpossibleDates) {
    // Century years are leap years only when divisible by 400.
    EXPECT_THROW((void)parse_date("1900-02-29"), parse_error);
    EXPECT_THROW((void)parse_date("2100-02-29"), parse_error);
    EXPECT_THROW((void)parse_date("2024-02-30"), parse_error);
    EXPECT_THROW((void)parse_date("2021-06-31"), parse_error);
    EXPECT_THROW((void)parse_date("2021-12-32"), parse_error);
    // (Exact messages: test_parse_errors.cpp.)
}

TEST(DateToString, RoundTrips) {
    for (const char* iso : {"2021-04-06", "2024-02-29", "2000-01-01", "1999-12-31", "0001-01-01", "9999-12-31",
                            "2021-10-09"}) {
        SCOPED_TRACE(iso);
        EXPECT_EQ(to_string(parse_date(iso)), iso);
    }
    EXPECT_EQ(to_string(year{2021} / April / 6), "2021-04-06");
    EXPECT_EQ(to_string(year{33} / July / 4), "0033-07-04");  // four-digit year, zero-padded
}

TEST(DateToString, PrintsEveryDigitOfTheYear) {
    // std::chrono::year spans −32 767 … 32 767 and Dated::always starts its single value on
    // year::min() / January / 1. Two different dates must not print alike: the year −32 767 must
    // not come out as −2 767, nor 12 345 as 2 345.
    EXPECT_EQ(to_string(year::min() / January / 1), "-32767-01-01");
    EXPECT_EQ(to_string(year{12345} / January / 1), "12345-01-01");
    EXPECT_NE(to_string(year{-32767} / January / 1), to_string(year{-2767} / January / 1));
}

// ---------------------------------------------------------------------------------------------
// Date ranges

TEST(DateRangeTest, CountsDaysInclusively) {
    // April 30 + May 31 + June 30 + July 31 + August 31 + September 30 + October 31 + November 30 +
    // December 31 = 275.
    EXPECT_EQ(range("2021-04-01", "2021-12-31").days(), 275);
    EXPECT_EQ(range("2021-04-06", "2021-04-06").days(), 1);   // one day: both ends included
    EXPECT_EQ(range("2020-12-31", "2021-01-01").days(), 2);   // across a year boundary
    EXPECT_EQ(range("2024-02-28", "2024-03-01").days(), 3);   // 28, 29 (leap), 1
    EXPECT_EQ(range("2023-02-28", "2023-03-01").days(), 2);   // no 29 in 2023
    EXPECT_EQ(range("2024-01-01", "2024-12-31").days(), 366);
}

TEST(DateRangeTest, ContainsBothEnds) {
    const DateRange r = range("2021-04-01", "2021-12-31");
    EXPECT_TRUE(r.contains(d("2021-04-01")));
    EXPECT_TRUE(r.contains(d("2021-12-31")));
    EXPECT_TRUE(r.contains(d("2021-07-14")));
    EXPECT_FALSE(r.contains(d("2021-03-31")));
    EXPECT_FALSE(r.contains(d("2022-01-01")));
    EXPECT_EQ(r.first(), d("2021-04-01"));
    EXPECT_EQ(r.last(), d("2021-12-31"));
}

TEST(DateRangeTest, RefusesAnInvertedRange) {
    EXPECT_THROW(range("2021-12-31", "2021-04-01"), invalid_argument);
    try {
        (void)range("2021-04-02", "2021-04-01");
        ADD_FAILURE() << "no exception";
    } catch (const invalid_argument& e) {
        EXPECT_STREQ(e.what(), "date range 2021-04-02 .. 2021-04-01: ends before it starts");
    }
}

TEST(DateRangeTest, RefusesAnInvalidDate) {
    EXPECT_THROW(DateRange(year{2021} / February / 30, year{2021} / March / 1), invalid_argument);
    EXPECT_THROW(DateRange(year{2021} / January / 1, year{2021} / month{13} / 1), invalid_argument);
}

TEST(DateRangeTest, PrintsBothEnds) {
    std::ostringstream os;
    os << range("2021-04-01", "2021-12-31");
    EXPECT_EQ(os.str(), "2021-04-01..2021-12-31");
}

TEST(CalendarYear, RunsFromJanuaryFirstToDecemberThirtyFirst) {
    EXPECT_EQ(calendar_year(year{2021}), range("2021-01-01", "2021-12-31"));
    EXPECT_EQ(calendar_year(year{2021}).days(), 365);
    EXPECT_EQ(calendar_year(year{2024}).days(), 366);
    EXPECT_EQ(days_in_year(year{2021}), 365);
    EXPECT_EQ(days_in_year(year{2024}), 366);
    EXPECT_EQ(days_in_year(year{1900}), 365);
    EXPECT_EQ(days_in_year(year{2000}), 366);
}

TEST(Intersect, SharedDays) {
    // [04-01, 12-31] ∩ [06-15, 2022-03-01] = [06-15, 12-31].
    EXPECT_EQ(intersect(range("2021-04-01", "2021-12-31"), range("2021-06-15", "2022-03-01")),
              range("2021-06-15", "2021-12-31"));
    // One range inside the other.
    EXPECT_EQ(intersect(range("2021-01-01", "2021-12-31"), range("2021-03-01", "2021-03-31")),
              range("2021-03-01", "2021-03-31"));
    // Touching on one day.
    EXPECT_EQ(intersect(range("2021-01-01", "2021-06-30"), range("2021-06-30", "2021-12-31")),
              range("2021-06-30", "2021-06-30"));
    // Disjoint: the day after the first range ends is not shared.
    EXPECT_EQ(intersect(range("2021-01-01", "2021-06-30"), range("2021-07-01", "2021-12-31")), std::nullopt);
    EXPECT_EQ(intersect(range("2022-01-01", "2022-12-31"), range("2021-01-01", "2021-12-31")), std::nullopt);
}

TEST(DaysIn, CountsTheDaysOfOneYear) {
    const DateRange r = range("2021-04-01", "2022-03-31");
    EXPECT_EQ(days_in(r, year{2021}), 275);  // April … December 2021 (see above)
    EXPECT_EQ(days_in(r, year{2022}), 90);   // January 31 + February 28 + March 31
    EXPECT_EQ(days_in(r, year{2023}), 0);
    EXPECT_EQ(days_in(r, year{2020}), 0);
    EXPECT_EQ(days_in(range("2024-02-01", "2024-03-01"), year{2024}), 30);  // 29 February days + 1
}

// ---------------------------------------------------------------------------------------------
// Full months and year fractions

TEST(FullMonthsIn, CountsOnlyWholeCalendarMonths) {
    EXPECT_EQ(full_months_in(range("2021-04-01", "2021-12-31"), year{2021}), 9);  // April … December
    EXPECT_EQ(full_months_in(range("2021-04-15", "2021-12-31"), year{2021}), 8);  // April is not full
    EXPECT_EQ(full_months_in(range("2021-04-01", "2021-12-30"), year{2021}), 8);  // December is not full
    EXPECT_EQ(full_months_in(range("2021-04-02", "2021-04-30"), year{2021}), 0);
    EXPECT_EQ(full_months_in(range("2021-01-01", "2021-12-31"), year{2021}), 12);
    EXPECT_EQ(full_months_in(range("2021-04-01", "2021-12-31"), year{2022}), 0);  // another year
}

TEST(FullMonthsIn, LeapYears) {
    EXPECT_EQ(full_months_in(range("2024-02-01", "2024-02-29"), year{2024}), 1);  // February 2024 has 29 days
    EXPECT_EQ(full_months_in(range("2024-02-01", "2024-02-28"), year{2024}), 0);  // … so 28 is not the end
    EXPECT_EQ(full_months_in(range("2023-02-01", "2023-02-28"), year{2023}), 1);  // February 2023 has 28
}

TEST(FullMonthsIn, RangesOverSeveralYears) {
    const DateRange r = range("2020-07-01", "2022-06-30");
    EXPECT_EQ(full_months_in(r, year{2020}), 6);   // July … December
    EXPECT_EQ(full_months_in(r, year{2021}), 12);
    EXPECT_EQ(full_months_in(r, year{2022}), 6);   // January … June
    EXPECT_EQ(full_months_in(r, year{2023}), 0);
}

// Against the definition, month by month: every range of up to 800 days starting in 2023
// or 2024 (a leap year), in each year it may touch.
TEST(FullMonthsIn, AsTheMonthByMonthDefinition) {
    const auto by_definition = [](const DateRange& r, year y) {
        int n = 0;
        for (unsigned m = 1; m <= 12; ++m) {
            const Date first = y / std::chrono::month{m} / 1;
            const Date last = std::chrono::year_month_day_last(y, std::chrono::month_day_last(std::chrono::month{m}));
            if (r.contains(first) && r.contains(last)) ++n;
        }
        return n;
    };
    const std::chrono::sys_days start{std::chrono::year{2023} / 1 / 1};
    int ranges = 0;
    for (int a = 0; a < 731; a += 3)
        for (int len = 0; len < 800; len += 7, ++ranges) {
            const DateRange r(Date(start + std::chrono::days{a}), Date(start + std::chrono::days{a + len}));
            for (int y = 2022; y <= 2027; ++y)
                ASSERT_EQ(full_months_in(r, year{y}), by_definition(r, year{y})) << r << " in " << y;
        }
    EXPECT_GT(ranges, 20'000);
}

TEST(YearFraction, ByMonth) {
    EXPECT_EQ(year_fraction_by_month(range("2021-04-01", "2021-12-31"), year{2021}), Rate::fraction(3, 4));  // 9/12
    EXPECT_EQ(year_fraction_by_month(range("2021-04-15", "2021-12-31"), year{2021}), Rate::fraction(2, 3));  // 8/12
    EXPECT_EQ(year_fraction_by_month(calendar_year(year{2024}), year{2024}), Rate::one());                 // 12/12
    EXPECT_EQ(year_fraction_by_month(range("2021-04-02", "2021-04-30"), year{2021}), Rate::zero());       // 0/12
}

TEST(YearFraction, ByDay) {
    // 275/365 = 55/73 (÷5).
    EXPECT_EQ(year_fraction_by_day(range("2021-04-01", "2021-12-31"), year{2021}), Rate::fraction(55, 73));
    // 2024 is a leap year: 275/366 (275 = 5²·11 and 366 = 2·3·61 share no factor).
    EXPECT_EQ(year_fraction_by_day(range("2024-04-01", "2024-12-31"), year{2024}), Rate::fraction(275, 366));
    // February 2024: 29/366.
    EXPECT_EQ(year_fraction_by_day(range("2024-02-01", "2024-02-29"), year{2024}), Rate::fraction(29, 366));
    EXPECT_EQ(year_fraction_by_day(calendar_year(year{2024}), year{2024}), Rate::one());  // 366/366
    EXPECT_EQ(year_fraction_by_day(range("2021-04-01", "2021-12-31"), year{2022}), Rate::zero());
    // Only the days of the year asked for: 2021-12-01 … 2022-01-31 has 31 days in 2022 → 31/365.
    EXPECT_EQ(year_fraction_by_day(range("2021-12-01", "2022-01-31"), year{2022}), Rate::fraction(31, 365));
}
