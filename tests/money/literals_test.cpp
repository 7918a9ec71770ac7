// User-defined literals: _eur, _cents and _pct are read from their source characters, so
// decimal literals are exact (no floating point on the way).
#include <gtest/gtest.h>

#include <subsidy/money/literals.hpp>
#include <subsidy/money/rounding.hpp>

using namespace subsidy;
using namespace subsidy::literals;

// _pct is consteval: its exactness can also be checked at compile time.
static_assert(75_pct == Rate::fraction(3, 4));
static_assert((62.5_pct).num() == 5 && (62.5_pct).den() == 8);
static_assert(100_pct == Rate::one());

TEST(EuroLiteral, WholeEuros) {
    EXPECT_EQ((45'000_eur).cents(), 4'500'000);  // 45 000 € × 100
    EXPECT_EQ(45'000_eur, Money::from_euros(45'000));
    EXPECT_EQ(0_eur, Money());
    EXPECT_EQ(1_eur, Money::from_cents(100));
    // 10^15 € = 10^17 cents.
    EXPECT_EQ(1'000'000'000'000'000_eur, Money::from_cents(100'000'000'000'000'000));
}

TEST(EuroLiteral, DecimalEurosAreExact) {
    EXPECT_EQ((12.50_eur).cents(), 1'250);
    EXPECT_EQ(12.5_eur, Money::from_cents(1'250));  // one decimal is tenths of a euro
    EXPECT_EQ(0.1_eur, Money::from_cents(10));      // 0.1 € is exactly 10 cents
    EXPECT_EQ(0.01_eur, Money::from_cents(1));
    EXPECT_EQ(0.29_eur, Money::from_cents(29));      // 0.29 is 0.28999… as a double; here it is 29 cents
    EXPECT_EQ(1'234.56_eur, Money::from_cents(123'456));
    // The largest amount: 9 999 999 999 999 999.99 € = 10^18 − 1 cents.
    EXPECT_EQ(9'999'999'999'999'999.99_eur, Money::max());
}

TEST(EuroLiteral, NegativeAmountsUseUnaryMinus) {
    EXPECT_EQ(-12.50_eur, Money::from_cents(-1'250));
}

TEST(CentsLiteral, CountsCents) {
    EXPECT_EQ(1234_cents, Money::parse("12.34"));
    EXPECT_EQ((1234_cents).cents(), 1'234);
    EXPECT_EQ(0_cents, Money());
    EXPECT_EQ(1'000'000_cents, 10'000_eur);  // 10^6 cents = 10 000 €
    EXPECT_EQ(999'999'999'999'999'999_cents, Money::max());
}

TEST(PercentLiteral, IsAnExactRate) {
    EXPECT_EQ(75_pct, Rate::fraction(3, 4));  // 75/100
    EXPECT_EQ(62.5_pct, Rate::fraction(5, 8));  // 625/1000
    EXPECT_EQ((62.5_pct).num(), 5);
    EXPECT_EQ((62.5_pct).den(), 8);
    EXPECT_EQ(100_pct, Rate::one());
    EXPECT_EQ(0_pct, Rate::zero());
    EXPECT_EQ(0.5_pct, Rate::fraction(1, 200));        // 5/1000
    EXPECT_EQ(12.345_pct, Rate::fraction(2469, 20000));  // 12 345/100 000
    EXPECT_EQ(33.3_pct, Rate::parse("33.3%"));
    EXPECT_EQ(75_pct, Rate::parse("75%"));
}

TEST(Literals, ReadLikeTheRule) {
    // 12.50 € × 62.5 % = 1 250 × 5/8 = 781.25 cents → down to the cent 781 cents.
    EXPECT_EQ(apply(12.50_eur, 62.5_pct), 781_cents);
}
