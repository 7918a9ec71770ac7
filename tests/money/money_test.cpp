// Money: construction, parsing, range, arithmetic, comparison and printing.
#include <gtest/gtest.h>

#include <subsidy/money/money.hpp>

#include <cstdint>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace subsidy;

namespace {
// UTF-8 bytes used by the French forms.
#define NNBSP "\xE2\x80\xAF"  // U+202F narrow no-break space
#define NBSP "\xC2\xA0"       // U+00A0 no-break space
#define EURO "\xE2\x82\xAC"   // U+20AC euro sign
#define MINUS "\xE2\x88\x92"  // U+2212 minus sign

Money cents(std::int64_t c) { return Money::from_cents(c); }
}  // namespace

// ---------------------------------------------------------------------------------------------
// Construction

TEST(MoneyConstruction, FromCentsAndEuros) {
    EXPECT_EQ(Money().cents(), 0);
    EXPECT_TRUE(Money().is_zero());
    EXPECT_EQ(Money::from_cents(4'500'000).cents(), 4'500'000);
    EXPECT_EQ(Money::from_euros(45'000).cents(), 4'500'000);  // 45 000 € × 100 = 4 500 000 cents
    EXPECT_EQ(Money::from_euros(-12).cents(), -1'200);        // −12 € = −1 200 cents
    EXPECT_EQ(Money::from_cents(-5).cents(), -5);
    EXPECT_EQ(Money::from_cents(7u).cents(), 7);
    EXPECT_EQ(Money::from_cents(cents_t(1234)), Money::from_cents(1234));
}

TEST(MoneyConstruction, SignAndZero) {
    EXPECT_EQ(cents(-1).sign(), -1);
    EXPECT_EQ(cents(0).sign(), 0);
    EXPECT_EQ(cents(1).sign(), 1);
    EXPECT_FALSE(cents(1).is_zero());
}

TEST(MoneyParse, AcceptsPlainForms) {
    EXPECT_EQ(Money::parse("45000"), cents(4'500'000));     // 45 000 € = 4 500 000 cents
    EXPECT_EQ(Money::parse("45000.00"), cents(4'500'000));
    EXPECT_EQ(Money::parse("-12.5"), cents(-1'250));        // one decimal is tenths: −12.50 €
    EXPECT_EQ(Money::parse("+3"), cents(300));
    EXPECT_EQ(Money::parse("0.1"), cents(10));              // 0.1 € = 10 cents (not 1 cent)
    EXPECT_EQ(Money::parse("0,05"), cents(5));
    EXPECT_EQ(Money::parse("007.50"), cents(750));          // leading zeros are harmless
    EXPECT_EQ(Money::parse("-0"), Money());
    EXPECT_EQ(Money::parse("  12.34\t"), cents(1'234));     // surrounding spaces and tabs are trimmed
}

TEST(MoneyParse, AcceptsFrenchFormat) {
    EXPECT_EQ(Money::parse("45 000,00 €"), cents(4'500'000));
    EXPECT_EQ(Money::parse("45 000,00€"), cents(4'500'000));
    EXPECT_EQ(Money::parse("45000 €"), cents(4'500'000));
    // Narrow no-break space between groups, no-break space before the euro sign (format_fr's bytes).
    EXPECT_EQ(Money::parse("45" NNBSP "000,00" NBSP EURO), cents(4'500'000));
    // No-break space between groups too.
    EXPECT_EQ(Money::parse("45" NBSP "000,00" NBSP EURO), cents(4'500'000));
    // 1 234 567,89 € = 123 456 789 cents.
    EXPECT_EQ(Money::parse("1 234 567,89 €"), cents(123'456'789));
    // U+2212 minus sign.
    EXPECT_EQ(Money::parse(MINUS "12,50 €"), cents(-1'250));
    EXPECT_EQ(Money::parse("-1" NNBSP "000,5" NBSP EURO), cents(-100'050));  // −1 000,50 €
}

TEST(MoneyParse, AcceptsTheWholeRange) {
    // 9 999 999 999 999 999,99 € = 10^18 − 1 cents = Money::max().
    EXPECT_EQ(Money::parse("9 999 999 999 999 999,99 €"), Money::max());
    EXPECT_EQ(Money::parse("-9999999999999999.99"), Money::min());
    // 10^15 € = 10^17 cents.
    EXPECT_EQ(Money::parse("1000000000000000"), cents(100'000'000'000'000'000));
}

TEST(MoneyParse, RejectsBadTextWithParseError) {
    // The exact messages are pinned in test_parse_errors.cpp; here only the type and the input.
    for (const char* bad : {"12.345", "10 000 000 000 000 000", "12 €€", "1e5"}) {
        SCOPED_TRACE(bad);
        try {
            (void)Money::parse(bad);
            ADD_FAILURE() << "no exception";
        } catch (const parse_error& e) {
            EXPECT_EQ(e.input(), bad);
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Range

TEST(MoneyRange, Limits) {
    EXPECT_EQ(Money::max_cents, 999'999'999'999'999'999);
    EXPECT_EQ(Money::max().cents(), 999'999'999'999'999'999);
    EXPECT_EQ(Money::min().cents(), -999'999'999'999'999'999);
    EXPECT_EQ(-Money::max(), Money::min());
}

TEST(MoneyRange, OneQuadrillionEurosIsInside) {
    // 10^15 € = 10^17 cents, inside ±(10^18 − 1).
    EXPECT_EQ(Money::from_euros(1'000'000'000'000'000).cents(), 100'000'000'000'000'000);
    EXPECT_EQ(Money::from_euros(-1'000'000'000'000'000).cents(), -100'000'000'000'000'000);
    // The largest whole number of euros: 9 999 999 999 999 999 € = max − 99 cents.
    EXPECT_EQ(Money::from_euros(9'999'999'999'999'999), Money::max() - cents(99));
}

TEST(MoneyRange, FromEurosBeyondRangeThrows) {
    // 10^16 € = 10^18 cents, one cent beyond max.
    EXPECT_THROW((void)Money::from_euros(10'000'000'000'000'000), range_error);
    EXPECT_THROW((void)Money::from_euros(-10'000'000'000'000'000), range_error);
    EXPECT_THROW((void)Money::from_euros(std::numeric_limits<std::int64_t>::max()), range_error);
    EXPECT_THROW((void)Money::from_euros(std::numeric_limits<std::uint64_t>::max()), range_error);
}

TEST(MoneyRange, FromCentsBeyondRangeThrows) {
    EXPECT_THROW((void)Money::from_cents(1'000'000'000'000'000'000), range_error);   // 10^18
    EXPECT_THROW((void)Money::from_cents(-1'000'000'000'000'000'000), range_error);
    EXPECT_THROW((void)Money::from_cents(std::numeric_limits<std::int64_t>::max()), range_error);
    EXPECT_THROW((void)Money::from_cents(std::numeric_limits<std::int64_t>::min()), range_error);
    EXPECT_THROW((void)Money::from_cents(cents_t(1'000'000'000'000'000'000) * 1'000'000), range_error);
}

TEST(MoneyRange, ArithmeticNeverWraps) {
    // max + 1 cent = 10^18 cents: beyond the range.
    EXPECT_THROW((void)(Money::max() + cents(1)), range_error);
    EXPECT_THROW((void)(Money::min() - cents(1)), range_error);
    EXPECT_THROW((void)(Money::max() - Money::min()), range_error);  // 2·(10^18 − 1)
    EXPECT_THROW((void)(Money::max() * 2), range_error);
    EXPECT_THROW((void)(-3 * Money::max()), range_error);
    // 10^15 € × 10 = 10^16 € = 10^18 cents: beyond.
    EXPECT_THROW((void)(Money::from_euros(1'000'000'000'000'000) * 10), range_error);
    // The largest int64 factor: 10^18 − 1 cents × (2^63 − 1) fits 128 bits, then is refused.
    EXPECT_THROW((void)(Money::max() * std::numeric_limits<std::int64_t>::max()), range_error);
    EXPECT_THROW((void)(Money::max() * std::numeric_limits<std::uint64_t>::max()), range_error);
}

TEST(MoneyRange, FailedCompoundAssignmentLeavesTheValue) {
    Money m = Money::max();
    EXPECT_THROW(m += cents(1), range_error);
    EXPECT_EQ(m, Money::max());
    Money n = Money::min();
    EXPECT_THROW(n -= cents(1), range_error);
    EXPECT_EQ(n, Money::min());
}

// ---------------------------------------------------------------------------------------------
// Arithmetic

TEST(MoneyArithmetic, AddSubtractNegate) {
    EXPECT_EQ(cents(1'234) + cents(66), cents(1'300));   // 12.34 + 0.66 = 13.00
    EXPECT_EQ(cents(1'000) - cents(1'250), cents(-250));  // 10.00 − 12.50 = −2.50
    EXPECT_EQ(-cents(1'250), cents(-1'250));
    EXPECT_EQ(-cents(-1'250), cents(1'250));
    EXPECT_EQ(+cents(-7), cents(-7));
    EXPECT_EQ(-Money(), Money());
    EXPECT_EQ(Money::max() + Money::min(), Money());
}

TEST(MoneyArithmetic, CompoundAssignment) {
    Money m = cents(1'000);
    m += cents(250);  // 10.00 + 2.50 = 12.50
    EXPECT_EQ(m, cents(1'250));
    m -= cents(2'000);  // 12.50 − 20.00 = −7.50
    EXPECT_EQ(m, cents(-750));
    m += m;  // −7.50 + −7.50 = −15.00
    EXPECT_EQ(m, cents(-1'500));
}

TEST(MoneyArithmetic, TimesAWholeNumber) {
    EXPECT_EQ(Money::from_euros(15'000) * 2, Money::from_euros(30'000));  // 2 volunteers × 15 000 €
    EXPECT_EQ(3 * cents(33), cents(99));                                  // 3 × 0.33 = 0.99
    EXPECT_EQ(cents(-1'250) * 3, cents(-3'750));                          // −12.50 × 3 = −37.50
    EXPECT_EQ(cents(1'250) * -1, cents(-1'250));
    EXPECT_EQ(cents(1'250) * 0, Money());
    EXPECT_EQ(cents(7) * std::uint8_t{200}, cents(1'400));               // 7 × 200 = 1 400
    EXPECT_EQ(cents(7) * 12ull, cents(84));
    EXPECT_EQ(short{-2} * cents(7), cents(-14));
}

TEST(MoneyArithmetic, SumOfAVector) {
    // 12.34 + 0.66 − 5.00 = 8.00
    EXPECT_EQ(sum(std::vector<Money>{cents(1'234), cents(66), cents(-500)}), cents(800));
    EXPECT_EQ(sum(std::vector<Money>{}), Money());
    const std::vector<Money> one{Money::max()};
    EXPECT_EQ(sum(one), Money::max());
    // The total would be max, but the partial sum max + 1 cent leaves the range first.
    EXPECT_THROW((void)sum(std::vector<Money>{Money::max(), cents(1), cents(-1)}), range_error);
}

TEST(MoneyArithmetic, Abs) {
    EXPECT_EQ(abs(cents(-1'250)), cents(1'250));
    EXPECT_EQ(abs(cents(1'250)), cents(1'250));
    EXPECT_EQ(abs(Money()), Money());
    EXPECT_EQ(abs(Money::min()), Money::max());
}

// ---------------------------------------------------------------------------------------------
// Comparison

TEST(MoneyComparison, TotalOrder) {
    EXPECT_LT(cents(-1), Money());
    EXPECT_LT(Money(), cents(1));
    EXPECT_GT(cents(100), cents(99));
    EXPECT_LE(cents(5), cents(5));
    EXPECT_GE(cents(-5), cents(-6));
    EXPECT_NE(cents(5), cents(-5));
    EXPECT_EQ(Money::parse("12.5"), Money::parse("12,50 €"));
    EXPECT_TRUE((cents(3) <=> cents(4)) == std::strong_ordering::less);
    EXPECT_TRUE((cents(4) <=> cents(4)) == std::strong_ordering::equal);
    EXPECT_TRUE((Money::max() <=> Money::min()) == std::strong_ordering::greater);
}

// ---------------------------------------------------------------------------------------------
// Printing

TEST(MoneyToString, PlainMachineForm) {
    EXPECT_EQ(to_string(cents(4'500'000)), "45000.00");
    EXPECT_EQ(to_string(cents(-1'250)), "-12.50");
    EXPECT_EQ(to_string(cents(5)), "0.05");
    EXPECT_EQ(to_string(cents(-5)), "-0.05");
    EXPECT_EQ(to_string(Money()), "0.00");
    EXPECT_EQ(to_string(cents(10)), "0.10");
    EXPECT_EQ(to_string(cents(100)), "1.00");
    EXPECT_EQ(to_string(Money::max()), "9999999999999999.99");
    EXPECT_EQ(to_string(Money::min()), "-9999999999999999.99");
}

TEST(MoneyFormatFr, TypographicSpacingBytes) {
    EXPECT_EQ(format_fr(cents(4'500'000)), "45" NNBSP "000,00" NBSP EURO);
    EXPECT_EQ(format_fr(cents(4'500'000), FrenchSpacing::typographic), "45" NNBSP "000,00" NBSP EURO);
    EXPECT_EQ(format_fr(cents(-123'456'789)), "-1" NNBSP "234" NNBSP "567,89" NBSP EURO);
    EXPECT_EQ(format_fr(cents(5)), "0,05" NBSP EURO);
    EXPECT_EQ(format_fr(cents(99'999)), "999,99" NBSP EURO);          // three digits: no group separator
    EXPECT_EQ(format_fr(cents(100'000)), "1" NNBSP "000,00" NBSP EURO);
}

TEST(MoneyFormatFr, AsciiSpacingBytes) {
    EXPECT_EQ(format_fr(cents(4'500'000), FrenchSpacing::ascii), "45 000,00 " EURO);
    EXPECT_EQ(format_fr(cents(-1'250), FrenchSpacing::ascii), "-12,50 " EURO);
    EXPECT_EQ(format_fr(cents(-5), FrenchSpacing::ascii), "-0,05 " EURO);
    EXPECT_EQ(format_fr(Money(), FrenchSpacing::ascii), "0,00 " EURO);
    EXPECT_EQ(format_fr(cents(12'345'678), FrenchSpacing::ascii), "123 456,78 " EURO);
    EXPECT_EQ(format_fr(Money::max(), FrenchSpacing::ascii), "9 999 999 999 999 999,99 " EURO);
}

TEST(MoneyStream, PrintsTheMachineForm) {
    std::ostringstream os;
    os << Money::parse("-12.5") << '|' << Money::parse("45 000 €");
    EXPECT_EQ(os.str(), "-12.50|45000.00");
}

TEST(MoneyRoundTrip, ParseOfPrintedFormsGivesTheValueBack) {
    std::vector<Money> values{Money(), Money::max(), Money::min(), cents(5), cents(-5), cents(10), cents(99),
                              cents(-100), cents(101), cents(123'456'789), cents(-4'500'000)};
    // 10^k − 1, 10^k and 10^k + 1 cents for every k up to 17, and their negatives; also a
    // digit pattern 1, 12, 123, … (every group length).
    std::int64_t p = 1, pattern = 0;
    for (int k = 0; k <= 17; ++k, p *= 10) {
        pattern = pattern * 10 + (k % 9) + 1;
        for (std::int64_t c : {p - 1, p, p + 1, pattern}) {
            values.push_back(cents(c));
            values.push_back(cents(-c));
        }
    }
    for (const Money& x : values) {
        SCOPED_TRACE(to_string(x));
        EXPECT_EQ(Money::parse(to_string(x)), x);
        EXPECT_EQ(Money::parse(format_fr(x)), x);
        EXPECT_EQ(Money::parse(format_fr(x, FrenchSpacing::ascii)), x);
    }
}
