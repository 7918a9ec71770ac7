// ExactAmount: the exact value of Money × Rate before any rounding (rounding.hpp): its fraction
// of cents, its comparison with Money, and its exact printing in euros.
#include <gtest/gtest.h>

#include <subsidy/money/money.hpp>
#include <subsidy/money/rate.hpp>
#include <subsidy/money/rounding.hpp>

#include <sstream>

using namespace subsidy;

namespace {
Money cents(std::int64_t c) { return Money::from_cents(c); }
}  // namespace

TEST(ExactAmountValue, NumeratorAndDenominatorInCents) {
    // 3 cents × 2/4: the rate is reduced to 1/2 first, so 3·1 / 2 cents.
    const ExactAmount x = cents(3) * Rate::fraction(2, 4);
    EXPECT_EQ(x.numerator(), 3);
    EXPECT_EQ(x.denominator(), 2);
    EXPECT_FALSE(x.is_whole_cents());  // 1.5 cents
    // Rate × Money is the same product.
    EXPECT_EQ((Rate::fraction(2, 4) * cents(3)).numerator(), 3);
    // 3 cents × 1/3 = 3/3 = 1 cent: whole.
    EXPECT_TRUE((cents(3) * Rate::fraction(1, 3)).is_whole_cents());
    EXPECT_TRUE(ExactAmount(cents(-7)).is_whole_cents());
    EXPECT_EQ(ExactAmount(cents(-7)).denominator(), 1);
}

TEST(ExactAmountValue, ComparesWithMoneyExactly) {
    const ExactAmount half_cent = cents(1) * Rate::fraction(1, 2);  // 0.5 cent
    EXPECT_TRUE(half_cent < cents(1));
    EXPECT_TRUE(half_cent > Money());
    EXPECT_FALSE(half_cent == Money());
    const ExactAmount minus_half = cents(-1) * Rate::fraction(1, 2);  // −0.5 cent
    EXPECT_TRUE(minus_half < Money());
    EXPECT_TRUE(minus_half > cents(-1));
    // 300 cents × 1/3 = 100 cents exactly.
    EXPECT_TRUE(cents(300) * Rate::fraction(1, 3) == cents(100));
    EXPECT_TRUE(ExactAmount(cents(42)) == cents(42));
    // max × (10^18 − 1)/10^18 = max − (10^18 − 1)/10^18 cents: just below max, above max − 1 cent.
    const ExactAmount y = Money::max() * Rate::fraction(999'999'999'999'999'999, 1'000'000'000'000'000'000);
    EXPECT_TRUE(y < Money::max());
    EXPECT_TRUE(y > Money::max() - cents(1));
}

TEST(ExactAmountToString, DecimalEurosOrFraction) {
    EXPECT_EQ(to_string(ExactAmount()), "0.00");
    EXPECT_EQ(to_string(ExactAmount(cents(-5))), "-0.05");
    // 1 × 1/2 = 0.5 cent = 0.005 €.
    EXPECT_EQ(to_string(cents(1) * Rate::fraction(1, 2)), "0.005");
    // 100 000 × 1/3 cents = 1 000/3 €: no finite decimal expansion.
    EXPECT_EQ(to_string(cents(100'000) * Rate::fraction(1, 3)), "1000/3 €");
    EXPECT_EQ(to_string(cents(-100) * Rate::fraction(1, 3)), "-1/3 €");  // −100/3 cents = −1/3 €
    // −7 × 1/2^20 cents = −7/(2^22·5²) € = −7·5^20/10^22 € = −667 572 021 484 375 × 10^-22 €
    // = −0.0000000667572021484375 € (22 decimals).
    EXPECT_EQ(to_string(cents(-7) * Rate::fraction(1, 1'048'576)), "-0.0000000667572021484375");
    // max × (10^18 − 1)/10^18 = (10^18 − 1)²/10^18 cents = 10^18 − 2 + 10^-18 cents
    //   = 9 999 999 999 999 999.98 € + 10^-20 €.
    EXPECT_EQ(to_string(Money::max() * Rate::fraction(999'999'999'999'999'999, 1'000'000'000'000'000'000)),
              "9999999999999999.98000000000000000001");
    std::ostringstream os;
    os << cents(1) * Rate::fraction(1, 2);
    EXPECT_EQ(os.str(), "0.005");
}

TEST(ExactAmountToString, LongDecimalExpansions) {
    // 1 cent × 1/2^40 = 1/(2^40·100) € = 5^40·10^-42 € (5^40 = 9 094 947 017 729 282 379 150 390 625):
    // "0." then 14 zeros then the 28 digits of 5^40, 42 decimals; 10^42 does not fit 128 bits.
    EXPECT_EQ(to_string(cents(1) * Rate::fraction(1, 1'099'511'627'776)),
              "0.000000000000009094947017729282379150390625");
    // 1 cent × 1/2^62 = 5^62·10^-64 € (5^62 has 44 digits): "0." then 20 zeros then 5^62.
    EXPECT_EQ(to_string(cents(1) * Rate::fraction(1, 4'611'686'018'427'387'904)),
              "0.0000000000000000000021684043449710088680149056017398834228515625");
}
