// Dated<T>: values in force by date, with their source; strict and extrapolating lookups;
// construction errors.
#include <gtest/gtest.h>

#include <subsidy/time/dated.hpp>
#include <subsidy/money/money.hpp>
#include <subsidy/money/rate.hpp>
#include <subsidy/money/rounding.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

using namespace subsidy;

namespace {

Date d(const char* iso) { return parse_date(iso); }

// A ceiling that changed twice and ends on 2025-12-31.
Dated<Money> ceiling() {
    return Dated<Money>("plafond", {{d("2020-01-01"), Money::from_euros(10'000), "décret A"},
                                    {d("2021-07-01"), Money::from_euros(12'000), "décret B"},
                                    {d("2023-01-01"), Money::from_euros(15'000), "décret C"}},
                        d("2025-12-31"));
}

// An aid rate with no end date.
Dated<Rate> aid_rate() {
    return Dated<Rate>("taux", {{d("2019-01-01"), Rate::percent(75), "arrêté 1"},
                                {d("2022-01-01"), Rate::percent(80), "arrêté 2"}});
}

// The message of the exception `f` throws, or "" if it throws none (or another type).
template <class E, class F>
std::string message_of(F f) {
    try {
        f();
    } catch (const E& e) {
        return e.what();
    }
    return "";
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Lookup

TEST(DatedLookup, OnAnEntryDate) {
    const auto c = ceiling();
    const auto v = c.at(d("2021-07-01"));
    EXPECT_EQ(v.value, Money::from_euros(12'000));
    EXPECT_EQ(v.from, d("2021-07-01"));
    EXPECT_EQ(v.source, "décret B");
    EXPECT_FALSE(v.extrapolated);
    EXPECT_EQ(c.at(d("2020-01-01")).value, Money::from_euros(10'000));  // the very first day
    EXPECT_EQ(c.at(d("2023-01-01")).source, "décret C");
}

TEST(DatedLookup, BetweenEntriesTakesTheLastOneStarted) {
    const auto c = ceiling();
    // 2021-06-30 is the last day of the first value.
    const auto v = c.at(d("2021-06-30"));
    EXPECT_EQ(v.value, Money::from_euros(10'000));
    EXPECT_EQ(v.from, d("2020-01-01"));
    EXPECT_EQ(v.source, "décret A");
    EXPECT_FALSE(v.extrapolated);
    EXPECT_EQ(c.at(d("2022-12-31")).value, Money::from_euros(12'000));
    EXPECT_EQ(c.at(d("2022-12-31")).from, d("2021-07-01"));
}

TEST(DatedLookup, AfterTheLastEntryUntilTheEndDate) {
    const auto c = ceiling();
    const auto v = c.at(d("2025-12-31"));  // the end date itself is covered
    EXPECT_EQ(v.value, Money::from_euros(15'000));
    EXPECT_EQ(v.from, d("2023-01-01"));
    EXPECT_FALSE(v.extrapolated);
    // Without an end date, the last value stays in force.
    const auto r = aid_rate();
    const auto w = r.at(d("2100-01-01"));
    EXPECT_EQ(w.value, Rate::percent(80));
    EXPECT_EQ(w.source, "arrêté 2");
    EXPECT_FALSE(w.extrapolated);
}

TEST(DatedLookup, RatesByDate) {
    const auto r = aid_rate();
    EXPECT_EQ(r.at(d("2021-12-31")).value, Rate::fraction(3, 4));
    EXPECT_EQ(r.at(d("2022-01-01")).value, Rate::fraction(4, 5));
    // 40 000 € × the rate in force on 2022-03-01 (80 %) = 4 000 000 × 4/5 = 3 200 000 cents.
    EXPECT_EQ(apply(Money::from_euros(40'000) * r.at(d("2022-03-01")).value, Rounding()), Money::from_euros(32'000));
}

TEST(DatedStrict, BeforeTheFirstEntryThrows) {
    const auto c = ceiling();
    EXPECT_THROW((void)c.at(d("2019-12-31")), out_of_validity);
    EXPECT_EQ(message_of<out_of_validity>([&] { (void)c.at(d("2019-12-31"), LookupMode::strict); }),
              "parameter 'plafond' has no value on 2019-12-31: its first value applies from 2020-01-01 "
              "(strict mode; extrapolate takes the nearest value)");
}

TEST(DatedStrict, AfterTheEndDateThrows) {
    const auto c = ceiling();
    EXPECT_THROW((void)c.at(d("2026-01-01")), out_of_validity);
    EXPECT_EQ(message_of<out_of_validity>([&] { (void)c.at(d("2026-01-01")); }),
              "parameter 'plafond' has no value on 2026-01-01: it ends on 2025-12-31 "
              "(strict mode; extrapolate takes the last value)");
}

TEST(DatedExtrapolate, BeforeTheFirstEntryTakesTheFirstValue) {
    const auto c = ceiling();
    const auto v = c.at(d("2010-05-05"), LookupMode::extrapolate);
    EXPECT_EQ(v.value, Money::from_euros(10'000));
    EXPECT_EQ(v.from, d("2020-01-01"));
    EXPECT_EQ(v.source, "décret A");
    EXPECT_TRUE(v.extrapolated);
}

TEST(DatedExtrapolate, AfterTheEndDateTakesTheLastValue) {
    const auto c = ceiling();
    const auto v = c.at(d("2026-01-01"), LookupMode::extrapolate);
    EXPECT_EQ(v.value, Money::from_euros(15'000));
    EXPECT_EQ(v.from, d("2023-01-01"));
    EXPECT_EQ(v.source, "décret C");
    EXPECT_TRUE(v.extrapolated);
}

TEST(DatedExtrapolate, InsideTheSeriesIsNotFlagged) {
    const auto c = ceiling();
    const auto v = c.at(d("2022-01-01"), LookupMode::extrapolate);
    EXPECT_EQ(v.value, Money::from_euros(12'000));
    EXPECT_FALSE(v.extrapolated);
    EXPECT_FALSE(c.at(d("2025-12-31"), LookupMode::extrapolate).extrapolated);
}

// ---------------------------------------------------------------------------------------------
// Construction

TEST(DatedConstruction, Accessors) {
    const auto c = ceiling();
    EXPECT_EQ(c.name(), "plafond");
    ASSERT_EQ(c.entries().size(), 3u);
    EXPECT_EQ(c.entries()[1].value, Money::from_euros(12'000));
    EXPECT_EQ(c.until(), std::optional<Date>(d("2025-12-31")));
    EXPECT_EQ(aid_rate().until(), std::nullopt);
}

TEST(DatedConstruction, EndDateMayEqualTheLastStart) {
    // A last value that applies for a single day.
    const Dated<Money> one_day("prime", {{d("2021-01-01"), Money::from_euros(1), "a"}, {d("2021-06-01"), Money::from_euros(2), "b"}},
                               d("2021-06-01"));
    EXPECT_EQ(one_day.at(d("2021-06-01")).value, Money::from_euros(2));
    EXPECT_THROW((void)one_day.at(d("2021-06-02")), out_of_validity);
}

TEST(DatedConstruction, RefusesNoEntries) {
    EXPECT_EQ(message_of<invalid_argument>([] { Dated<Money>("plafond", {}); }),
              "dated parameter 'plafond': no value");
}

TEST(DatedConstruction, RefusesADuplicateDate) {
    EXPECT_EQ(message_of<invalid_argument>([] {
                  Dated<Money>("plafond", {{d("2020-01-01"), Money::from_euros(1), "a"},
                                           {d("2021-07-01"), Money::from_euros(2), "b"},
                                           {d("2021-07-01"), Money::from_euros(3), "c"}});
              }),
              "dated parameter 'plafond': entry from 2021-07-01 is a duplicate date");
}

TEST(DatedConstruction, RefusesEntriesOutOfOrder) {
    EXPECT_EQ(message_of<invalid_argument>([] {
                  Dated<Rate>("taux", {{d("2021-07-01"), Rate::percent(50), "a"},
                                       {d("2020-01-01"), Rate::percent(60), "b"}});
              }),
              "dated parameter 'taux': entry from 2020-01-01 comes after a later one (2021-07-01); "
              "entries must be in date order");
}

TEST(DatedConstruction, RefusesAnEndBeforeTheLastStart) {
    EXPECT_EQ(message_of<invalid_argument>([] {
                  Dated<Money>("plafond", {{d("2020-01-01"), Money::from_euros(1), "a"},
                                           {d("2023-01-01"), Money::from_euros(2), "b"}},
                               d("2022-12-31"));
              }),
              "dated parameter 'plafond': ends on 2022-12-31, before its last value starts (2023-01-01)");
}

TEST(DatedConstruction, RefusesAnInvalidDate) {
    using namespace std::chrono;
    EXPECT_EQ(message_of<invalid_argument>([] {
                  Dated<Money>("plafond", {{year{2020} / January / 1, Money::from_euros(1), "a"},
                                           {year{2021} / February / 30, Money::from_euros(2), "b"}});
              }),
              "dated parameter 'plafond': entry #2 has an invalid date");
}

TEST(DatedConstruction, RefusesAnInvalidEndDate) {
    // Entry dates are checked for validity; the end date closes the series the same way, so an
    // impossible end date (30 February) must be refused too rather than appear later in a
    // lookup error as "it ends on 2021-02-30".
    using namespace std::chrono;
    EXPECT_THROW((Dated<Money>("plafond", {{year{2021} / January / 1, Money::from_euros(1), "a"}},
                               year{2021} / February / 30)),
                 invalid_argument);
}

TEST(DatedAlways, OneValueAtEveryDate) {
    const auto smic = Dated<Money>::always("smic", Money::parse("1766.92"), "Légifrance");
    for (const char* iso : {"1900-01-01", "2021-04-06", "2999-12-31"}) {
        SCOPED_TRACE(iso);
        const auto v = smic.at(d(iso));  // strict mode: never out of validity
        EXPECT_EQ(v.value, Money::from_cents(176'692));
        EXPECT_EQ(v.source, "Légifrance");
        EXPECT_FALSE(v.extrapolated);
    }
    EXPECT_EQ(smic.name(), "smic");
    EXPECT_EQ(smic.until(), std::nullopt);
    ASSERT_EQ(smic.entries().size(), 1u);
    EXPECT_EQ(smic.entries()[0].from, std::chrono::year::min() / std::chrono::January / 1);
}
