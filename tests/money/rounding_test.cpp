// Rounding (money/rounding.hpp): ExactAmount, the exact value of Money × Rate, and its rounding
// to a multiple of a unit in each of the six modes. Four sections:
// - the rounding table, then the range, the units, the default rounding and round() of an amount;
// - ExactAmount itself;
// - the worked values of the foundation issue that round a product (those that allocate are in
//   allocate_test.cpp);
// - the differential property test of apply(Money × Rate, Rounding) against an exact oracle.
//
// Table-driven rounding tests, in the manner of QuantLib's test-suite/rounding.cpp but exact:
// every input is an exact amount built as Money × Rate, every expected value is a whole number
// of cents, and nothing is compared with a tolerance.
//
// A row gives the input (cents × num/den), the rounding unit, and the expected result for each
// of the six modes, in the order down, up, half_up, half_even, floor, ceiling. The loop checks
// every (row, mode) pair under a SCOPED_TRACE naming the row, the mode and the unit.
//
// In the comments, "u" is the unit and x/u the exact value counted in units:
//   down → toward zero, up → away from zero, half_up → nearest (ties away from zero),
//   half_even → nearest (ties to the even multiple), floor → toward −∞, ceiling → toward +∞.
#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>

#include <subsidy/money/literals.hpp>
#include <subsidy/money/money.hpp>
#include <subsidy/money/rate.hpp>
#include <subsidy/money/rounding.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>
#include <vector>

using namespace subsidy;

namespace {

constexpr std::array<RoundingMode, 6> kModes = {RoundingMode::down,      RoundingMode::up,
                                                RoundingMode::half_up,   RoundingMode::half_even,
                                                RoundingMode::floor,     RoundingMode::ceiling};

struct Row {
    const char* label;      // the exact input, in words
    std::int64_t cents;     // input = Money::from_cents(cents) × num/den
    std::int64_t num;
    std::int64_t den;
    std::int64_t unit;      // rounding unit, in cents
    std::array<std::int64_t, 6> expected;  // cents: down, up, half_up, half_even, floor, ceiling
};

void check(const std::vector<Row>& rows) {
    for (const Row& row : rows) {
        const ExactAmount input =
            Money::from_cents(row.cents) * Rate::fraction(row.num, row.den, RateBound::unbounded);
        for (std::size_t i = 0; i < kModes.size(); ++i) {
            const Rounding rounding(kModes[i], RoundingUnit::of_cents(row.unit));
            SCOPED_TRACE(std::string(row.label) + " [" + to_string(rounding) + "]");
            EXPECT_EQ(apply(input, rounding), Money::from_cents(row.expected[i]));
        }
    }
}

}  // namespace

TEST(RoundingTable, ToTheCent) {
    const std::int64_t u = 1;
    check({
        // 0 → 0 in every mode.
        {"0 cent", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 7 cents × 1 = 7 exactly: a multiple of the unit is left alone.
        {"7 cents", 7, 1, 1, u, {7, 7, 7, 7, 7, 7}},
        {"-7 cents", -7, 1, 1, u, {-7, -7, -7, -7, -7, -7}},
        // 1 × 1/2 = 0.5: tie; half_even keeps 0 (even), half_up goes away from zero to 1.
        {"0.5 cent = 1 x 1/2", 1, 1, 2, u, {0, 1, 1, 0, 0, 1}},
        // −1 × 1/2 = −0.5: tie; half_even 0, half_up −1, floor −1, ceiling 0.
        {"-0.5 cent = -1 x 1/2", -1, 1, 2, u, {0, -1, -1, 0, -1, 0}},
        // 3 × 1/2 = 1.5: tie between 1 and 2; half_even → 2 (even).
        {"1.5 cents = 3 x 1/2", 3, 1, 2, u, {1, 2, 2, 2, 1, 2}},
        // 5 × 1/2 = 2.5: tie between 2 and 3; half_even → 2 (even), half_up → 3.
        {"2.5 cents = 5 x 1/2", 5, 1, 2, u, {2, 3, 3, 2, 2, 3}},
        // −25 × 1/10 = −2.5: tie; half_even → −2, half_up → −3, floor −3, ceiling −2.
        {"-2.5 cents = -25 x 1/10", -25, 1, 10, u, {-2, -3, -3, -2, -3, -2}},
        // 35 × 1/10 = 3.5: tie between 3 and 4; half_even → 4 (even).
        {"3.5 cents = 35 x 1/10", 35, 1, 10, u, {3, 4, 4, 4, 3, 4}},
        // −7 × 1/2 = −3.5: tie; half_even → −4 (even), floor −4, ceiling −3.
        {"-3.5 cents = -7 x 1/2", -7, 1, 2, u, {-3, -4, -4, -4, -4, -3}},
        // 27 × 1/10 = 2.7: nearest is 3.
        {"2.7 cents = 27 x 1/10", 27, 1, 10, u, {2, 3, 3, 3, 2, 3}},
        // −27 × 1/10 = −2.7: nearest is −3; floor −3, ceiling −2.
        {"-2.7 cents = -27 x 1/10", -27, 1, 10, u, {-2, -3, -3, -3, -3, -2}},
        // 21 × 1/10 = 2.1: nearest is 2.
        {"2.1 cents = 21 x 1/10", 21, 1, 10, u, {2, 3, 2, 2, 2, 3}},
        // −21 × 1/10 = −2.1: nearest is −2; floor −3.
        {"-2.1 cents = -21 x 1/10", -21, 1, 10, u, {-2, -3, -2, -2, -3, -2}},
        // 5 × 499 999 999/10^9 = 2.499 999 995: just below the tie → nearest is 2.
        {"2.499999995 cents", 5, 499'999'999, 1'000'000'000, u, {2, 3, 2, 2, 2, 3}},
        // 5 × 500 000 001/10^9 = 2.500 000 005: just above the tie → nearest is 3.
        {"2.500000005 cents", 5, 500'000'001, 1'000'000'000, u, {2, 3, 3, 3, 2, 3}},
        // −5 × 499 999 999/10^9 = −2.499 999 995 → nearest −2; floor −3.
        {"-2.499999995 cents", -5, 499'999'999, 1'000'000'000, u, {-2, -3, -2, -2, -3, -2}},
        // −5 × 500 000 001/10^9 = −2.500 000 005 → nearest −3; ceiling −2.
        {"-2.500000005 cents", -5, 500'000'001, 1'000'000'000, u, {-2, -3, -3, -3, -3, -2}},
        // 1 × 1/3 = 0.333…: nearest 0.
        {"1/3 cent", 1, 1, 3, u, {0, 1, 0, 0, 0, 1}},
        // −2 × 1/3 = −0.666…: nearest −1; down and ceiling 0.
        {"-2/3 cent", -2, 1, 3, u, {0, -1, -1, -1, -1, 0}},
        // Money::max() × 1/2 = 999 999 999 999 999 999 / 2 = 499 999 999 999 999 999.5: a tie at the top
        // of the range; q = 499 999 999 999 999 999 is odd, so half_even goes to 500 000 000 000 000 000.
        {"max/2", 999'999'999'999'999'999, 1, 2, u,
         {499'999'999'999'999'999, 500'000'000'000'000'000, 500'000'000'000'000'000, 500'000'000'000'000'000,
          499'999'999'999'999'999, 500'000'000'000'000'000}},
        // Money::min() × 1/2 = −499 999 999 999 999 999.5: the mirror image.
        {"min/2", -999'999'999'999'999'999, 1, 2, u,
         {-499'999'999'999'999'999, -500'000'000'000'000'000, -500'000'000'000'000'000, -500'000'000'000'000'000,
          -500'000'000'000'000'000, -499'999'999'999'999'999}},
    });
}

TEST(RoundingTable, ToTheEuro) {
    const std::int64_t u = 100;
    check({
        {"0", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 123 400 cents = 1 234 € = 1 234 u exactly.
        {"1234 EUR", 123'400, 1, 1, u, {123'400, 123'400, 123'400, 123'400, 123'400, 123'400}},
        {"-1234 EUR", -123'400, 1, 1, u, {-123'400, -123'400, -123'400, -123'400, -123'400, -123'400}},
        // 100 × 1/2 = 50 cents = 0.5 u: tie; half_even → 0 (even), half_up → 1 €.
        {"0.5 EUR = 1 EUR x 1/2", 100, 1, 2, u, {0, 100, 100, 0, 0, 100}},
        // −100 × 1/2 = −50 cents = −0.5 u: tie; half_even → 0, half_up → −1 €.
        {"-0.5 EUR", -100, 1, 2, u, {0, -100, -100, 0, -100, 0}},
        // 500 × 1/2 = 250 cents = 2.5 u: tie; half_even → 2 €.
        {"2.5 EUR", 500, 1, 2, u, {200, 300, 300, 200, 200, 300}},
        // −250 × 1 = −2.5 u: tie; half_even → −2 €, half_up → −3 €.
        {"-2.5 EUR", -250, 1, 1, u, {-200, -300, -300, -200, -300, -200}},
        // 700 × 1/2 = 350 cents = 3.5 u: tie; half_even → 4 € (even).
        {"3.5 EUR", 700, 1, 2, u, {300, 400, 400, 400, 300, 400}},
        {"-3.5 EUR", -700, 1, 2, u, {-300, -400, -400, -400, -400, -300}},
        // 49 999 × 1/1000 = 49.999 cents = 0.49999 u: just below the tie → nearest 0.
        {"49.999 cents", 49'999, 1, 1000, u, {0, 100, 0, 0, 0, 100}},
        // 50 001 × 1/1000 = 50.001 cents = 0.50001 u: just above → nearest 1 €.
        {"50.001 cents", 50'001, 1, 1000, u, {0, 100, 100, 100, 0, 100}},
        // −50 001 × 1/1000 = −50.001 cents → nearest −1 €; down/ceiling 0.
        {"-50.001 cents", -50'001, 1, 1000, u, {0, -100, -100, -100, -100, 0}},
        // −51 234.57 € × 75 % = −5 123 457 × 3/4 = −3 842 592.75 cents = −38 425.9275 u:
        // toward zero −38 425 €, away −38 426 €, nearest −38 426 €.
        {"-51234.57 EUR x 75%", -5'123'457, 3, 4, u,
         {-3'842'500, -3'842'600, -3'842'600, -3'842'600, -3'842'600, -3'842'500}},
    });
}

TEST(RoundingTable, ToTenEuros) {
    const std::int64_t u = 1'000;
    check({
        {"0", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 12 000 cents = 120 € = 12 u exactly.
        {"120 EUR", 12'000, 1, 1, u, {12'000, 12'000, 12'000, 12'000, 12'000, 12'000}},
        // 500 cents = 5 € = 0.5 u: tie; half_even → 0, half_up → 10 €.
        {"5 EUR", 500, 1, 1, u, {0, 1'000, 1'000, 0, 0, 1'000}},
        {"-5 EUR", -500, 1, 1, u, {0, -1'000, -1'000, 0, -1'000, 0}},
        // 1 500 cents = 1.5 u: tie; half_even → 2 u = 20 € (even).
        {"15 EUR", 1'500, 1, 1, u, {1'000, 2'000, 2'000, 2'000, 1'000, 2'000}},
        // 2 500 cents = 2.5 u: tie; half_even → 2 u = 20 €.
        {"25 EUR", 2'500, 1, 1, u, {2'000, 3'000, 3'000, 2'000, 2'000, 3'000}},
        {"-25 EUR", -2'500, 1, 1, u, {-2'000, -3'000, -3'000, -2'000, -3'000, -2'000}},
        // 499 cents = 0.499 u → nearest 0.
        {"4.99 EUR", 499, 1, 1, u, {0, 1'000, 0, 0, 0, 1'000}},
        // 501 cents = 0.501 u → nearest 10 €.
        {"5.01 EUR", 501, 1, 1, u, {0, 1'000, 1'000, 1'000, 0, 1'000}},
        // 1 501 × 1/3 = 500.333… cents = 0.500333… u: a third of a cent above the tie → 10 €.
        {"1501/3 cents", 1'501, 1, 3, u, {0, 1'000, 1'000, 1'000, 0, 1'000}},
        // 1 499 × 1/3 = 499.666… cents: a third of a cent below the tie → 0.
        {"1499/3 cents", 1'499, 1, 3, u, {0, 1'000, 0, 0, 0, 1'000}},
        // 12 345.67 € × 40 % = 1 234 567 × 2/5 = 493 826.8 cents = 493.8268 u → nearest 494 u.
        {"12345.67 EUR x 40%", 1'234'567, 2, 5, u, {493'000, 494'000, 494'000, 494'000, 493'000, 494'000}},
    });
}

TEST(RoundingTable, ToAHundredEuros) {
    const std::int64_t u = 10'000;
    check({
        {"0", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 70 000 cents = 700 € = 7 u exactly.
        {"700 EUR", 70'000, 1, 1, u, {70'000, 70'000, 70'000, 70'000, 70'000, 70'000}},
        // 5 000 cents = 50 € = 0.5 u: tie; half_even → 0.
        {"50 EUR", 5'000, 1, 1, u, {0, 10'000, 10'000, 0, 0, 10'000}},
        // 15 000 cents = 1.5 u: tie; half_even → 2 u.
        {"150 EUR", 15'000, 1, 1, u, {10'000, 20'000, 20'000, 20'000, 10'000, 20'000}},
        // −25 000 cents = −2.5 u: tie; half_even → −2 u, half_up → −3 u.
        {"-250 EUR", -25'000, 1, 1, u, {-20'000, -30'000, -30'000, -20'000, -30'000, -20'000}},
        // 34 999 cents = 3.4999 u → nearest 3 u.
        {"349.99 EUR", 34'999, 1, 1, u, {30'000, 40'000, 30'000, 30'000, 30'000, 40'000}},
        // −35 001 cents = −3.5001 u → nearest −4 u.
        {"-350.01 EUR", -35'001, 1, 1, u, {-30'000, -40'000, -40'000, -40'000, -40'000, -30'000}},
        // 212 347 € × 45 % = 21 234 700 × 9/20 = 9 555 615 cents = 955.5615 u → nearest 956 u.
        {"212347 EUR x 45%", 21'234'700, 9, 20, u,
         {9'550'000, 9'560'000, 9'560'000, 9'560'000, 9'550'000, 9'560'000}},
    });
}

TEST(RoundingTable, ToAThousandEuros) {
    const std::int64_t u = 100'000;
    check({
        {"0", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 4 200 000 cents = 42 000 € = 42 u exactly.
        {"42000 EUR", 4'200'000, 1, 1, u, {4'200'000, 4'200'000, 4'200'000, 4'200'000, 4'200'000, 4'200'000}},
        // 50 000 cents = 500 € = 0.5 u: tie; half_even → 0.
        {"500 EUR", 50'000, 1, 1, u, {0, 100'000, 100'000, 0, 0, 100'000}},
        // 250 000 cents = 2.5 u: tie; half_even → 2 u.
        {"2500 EUR", 250'000, 1, 1, u, {200'000, 300'000, 300'000, 200'000, 200'000, 300'000}},
        // −350 000 cents = −3.5 u: tie; half_even → −4 u.
        {"-3500 EUR", -350'000, 1, 1, u, {-300'000, -400'000, -400'000, -400'000, -400'000, -300'000}},
        // 1 000 € × 1/3 = 100 000/3 cents = 0.333… u → nearest 0.
        {"1000 EUR x 1/3", 100'000, 1, 3, u, {0, 100'000, 0, 0, 0, 100'000}},
        // −1 000 000 € × 2/3 = −200 000 000/3 cents = −666.666… u → toward zero −666 u, nearest −667 u.
        {"-1000000 EUR x 2/3", -100'000'000, 2, 3, u,
         {-66'600'000, -66'700'000, -66'700'000, -66'700'000, -66'700'000, -66'600'000}},
    });
}

TEST(RoundingTable, ToFiveCents) {
    const std::int64_t u = 5;  // 0.05 €
    check({
        {"0", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 105 cents = 21 u exactly.
        {"1.05 EUR", 105, 1, 1, u, {105, 105, 105, 105, 105, 105}},
        // 5 × 1/2 = 2.5 cents = 0.5 u: tie; half_even → 0.
        {"2.5 cents", 5, 1, 2, u, {0, 5, 5, 0, 0, 5}},
        // 15 × 1/2 = 7.5 cents = 1.5 u: tie; half_even → 2 u = 10 cents.
        {"7.5 cents", 15, 1, 2, u, {5, 10, 10, 10, 5, 10}},
        // 25 × 1/2 = 12.5 cents = 2.5 u: tie; half_even → 2 u = 10 cents.
        {"12.5 cents", 25, 1, 2, u, {10, 15, 15, 10, 10, 15}},
        // −25 × 1/2 = −12.5 cents = −2.5 u: tie; half_even → −10, half_up → −15.
        {"-12.5 cents", -25, 1, 2, u, {-10, -15, -15, -10, -15, -10}},
        // −35 × 1/2 = −17.5 cents = −3.5 u: tie; half_even → −4 u = −20 cents.
        {"-17.5 cents", -35, 1, 2, u, {-15, -20, -20, -20, -20, -15}},
        // 13 cents = 2.6 u → nearest 3 u = 15.
        {"13 cents", 13, 1, 1, u, {10, 15, 15, 15, 10, 15}},
        // 12 cents = 2.4 u → nearest 2 u = 10.
        {"12 cents", 12, 1, 1, u, {10, 15, 10, 10, 10, 15}},
        // −12 cents = −2.4 u → nearest −10; floor −15.
        {"-12 cents", -12, 1, 1, u, {-10, -15, -10, -10, -15, -10}},
        // 123 × 1/3 = 41 cents exactly = 8.2 u → nearest 8 u = 40.
        {"1.23 EUR x 1/3", 123, 1, 3, u, {40, 45, 40, 40, 40, 45}},
    });
}

TEST(RoundingTable, ToFiftyCents) {
    const std::int64_t u = 50;
    check({
        {"0", 0, 1, 1, u, {0, 0, 0, 0, 0, 0}},
        // 350 cents = 7 u exactly.
        {"3.50 EUR", 350, 1, 1, u, {350, 350, 350, 350, 350, 350}},
        // 50 × 1/2 = 25 cents = 0.5 u: tie; half_even → 0.
        {"25 cents", 50, 1, 2, u, {0, 50, 50, 0, 0, 50}},
        // 75 cents = 1.5 u: tie; half_even → 2 u = 100.
        {"75 cents", 75, 1, 1, u, {50, 100, 100, 100, 50, 100}},
        // −125 cents = −2.5 u: tie; half_even → −2 u = −100.
        {"-1.25 EUR", -125, 1, 1, u, {-100, -150, -150, -100, -150, -100}},
        // 199 cents = 3.98 u → nearest 4 u = 200.
        {"1.99 EUR", 199, 1, 1, u, {150, 200, 200, 200, 150, 200}},
        {"-1.99 EUR", -199, 1, 1, u, {-150, -200, -200, -200, -200, -150}},
        // 10.01 € × 25 % = 1 001 × 1/4 = 250.25 cents = 5.005 u → nearest 5 u = 250.
        {"10.01 EUR x 25%", 1'001, 1, 4, u, {250, 300, 250, 250, 250, 300}},
        // 224 × 1/3 = 74.666… cents = 1.4933… u: just below the 1.5 tie → nearest 1 u = 50.
        {"224/3 cents", 224, 1, 3, u, {50, 100, 50, 50, 50, 100}},
    });
}

TEST(RoundingRange, ResultBeyondTheRangeThrows) {
    // Money::max() = 999 999 999 999 999 999 cents = 9 999 999 999 999.99999 u of 1 000 €:
    // down gives 9 999 999 999 999 u = 999 999 999 999 900 000 cents (in range),
    // up gives 10^13 u = 10^18 cents, one cent beyond the range.
    const ExactAmount x = Money::max() * Rate::one();
    const RoundingUnit thousand = RoundingUnit::of_euros(1'000);
    EXPECT_EQ(apply(x, Rounding(RoundingMode::down, thousand)), Money::from_cents(999'999'999'999'900'000));
    EXPECT_THROW((void)apply(x, Rounding(RoundingMode::up, thousand)), range_error);
    EXPECT_THROW((void)apply(x, Rounding(RoundingMode::half_up, thousand)), range_error);
    EXPECT_THROW((void)apply(Money::min() * Rate::one(), Rounding(RoundingMode::floor, thousand)), range_error);
    // max × 3/2 = 1 499 999 999 999 999 998.5 cents: beyond the range in every mode.
    EXPECT_THROW((void)apply(Money::max() * Rate::fraction(3, 2, RateBound::unbounded), Rounding(RoundingMode::down)),
                 range_error);
}

TEST(RoundingUnitTest, RejectsNonPositiveUnits) {
    EXPECT_THROW((void)RoundingUnit::of_cents(0), invalid_argument);
    EXPECT_THROW((void)RoundingUnit::of_cents(-5), invalid_argument);
    EXPECT_THROW((void)RoundingUnit::of_euros(0), invalid_argument);
    EXPECT_THROW((void)RoundingUnit::of_euros(-1), invalid_argument);
    // 10^18 cents is one cent more than Money::max(): not a unit a Money can be a multiple of.
    EXPECT_THROW((void)RoundingUnit::of_cents(1'000'000'000'000'000'000), invalid_argument);
    EXPECT_EQ(RoundingUnit::of_euros(10).cents(), 1'000);  // 10 € = 1 000 cents
    EXPECT_EQ(RoundingUnit::euro().cents(), 100);
    EXPECT_EQ(RoundingUnit::cent().cents(), 1);
}

TEST(RoundingDefault, IsDownToTheCent) {
    EXPECT_EQ(Rounding(), Rounding(RoundingMode::down, RoundingUnit::cent()));
    EXPECT_EQ(to_string(Rounding()), "down to the cent");
    EXPECT_EQ(to_string(Rounding(RoundingMode::half_up, RoundingUnit::euro())), "half_up to 1 €");
    EXPECT_EQ(to_string(Rounding(RoundingMode::down, RoundingUnit::of_cents(50))), "down to 0.50 €");
    // apply(amount, rate) without a rounding: 1 × 2/3 = 0.666… cent → down 0; 5 × 2/3 = 3.333… → 3.
    EXPECT_EQ(apply(Money::from_cents(1), Rate::fraction(2, 3)), Money());
    EXPECT_EQ(apply(Money::from_cents(-5), Rate::fraction(2, 3)), Money::from_cents(-3));
}

TEST(RoundingOfMoney, RoundsAnAmountToAUnit) {
    // 1 234.56 € to the euro: 123 456 cents = 1 234.56 u → half_up 1 235 €, down 1 234 €, floor of −1 234.56 € is −1 235 €.
    EXPECT_EQ(round(Money::from_cents(123'456), Rounding(RoundingMode::half_up, RoundingUnit::euro())),
              Money::from_euros(1'235));
    EXPECT_EQ(round(Money::from_cents(123'456), Rounding(RoundingMode::down, RoundingUnit::euro())),
              Money::from_euros(1'234));
    EXPECT_EQ(round(Money::from_cents(-123'456), Rounding(RoundingMode::floor, RoundingUnit::euro())),
              Money::from_euros(-1'235));
    // A whole-cent amount rounded to the cent is unchanged in every mode.
    for (RoundingMode mode : kModes)
        EXPECT_EQ(round(Money::from_cents(-987), Rounding(mode)), Money::from_cents(-987)) << to_string(mode);
}

// ---------------------------------------------------------------------------------------------
// ExactAmount: the exact value of Money × Rate before any rounding (rounding.hpp): its fraction
// of cents, its comparison with Money, and its exact printing in euros.

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

// ---------------------------------------------------------------------------------------------
// Worked values from the foundation issue that round a product, each re-derived by hand in a
// comment.

using namespace subsidy;
using namespace subsidy::literals;

namespace {
const Rounding down_cent{RoundingMode::down, RoundingUnit::cent()};
const Rounding down_euro{RoundingMode::down, RoundingUnit::euro()};
const Rounding half_up_cent{RoundingMode::half_up, RoundingUnit::cent()};
const Rounding half_up_euro{RoundingMode::half_up, RoundingUnit::euro()};
}  // namespace

TEST(WorkedValues, SeventyFivePercentOfAPost) {
    // 51 234.57 € × 75 % = 5 123 457 cents × 3/4 = 15 370 371 / 4 cents = 3 842 592.75 cents
    //   = 38 425.9275 €: down to the cent 38 425.92, down to the euro 38 425, half_up to the cent 38 425.93.
    const Money cost = Money::parse("51234.57");
    EXPECT_EQ(to_string(cost * 75_pct), "38425.9275");
    EXPECT_EQ(apply(cost * 75_pct, down_cent), Money::parse("38425.92"));
    EXPECT_EQ(apply(cost * 75_pct, down_euro), 38'425_eur);
    EXPECT_EQ(apply(cost * 75_pct, half_up_cent), Money::parse("38425.93"));
}

TEST(WorkedValues, TwentyFivePercentOfAPost) {
    // 5 123 457 cents × 1/4 = 1 280 864.25 cents = 12 808.6425 € → down to the cent 12 808.64.
    EXPECT_EQ(apply(Money::parse("51234.57") * 25_pct, down_cent), Money::parse("12808.64"));
}

TEST(WorkedValues, FortyPercentToTheEuro) {
    // 212 347 € × 2/5 = 424 694 / 5 = 84 938.80 € → down to the euro 84 938.
    EXPECT_EQ(apply(212'347_eur * 40_pct, down_euro), 84'938_eur);
}

TEST(WorkedValues, FortyFivePercentTies) {
    // 377 251 € × 9/20 = 3 395 259 / 20 = 169 762.95 € exactly:
    // down to the euro 169 762, half_up to the euro 169 763, to the cent exact 169 762.95.
    const ExactAmount x = 377'251_eur * 45_pct;
    EXPECT_EQ(apply(x, down_euro), 169'762_eur);
    EXPECT_EQ(apply(x, half_up_euro), 169'763_eur);
    EXPECT_TRUE(x.is_whole_cents());
    EXPECT_EQ(apply(x, down_cent), Money::parse("169762.95"));
}

// ---------------------------------------------------------------------------------------------
// Differential property test of apply(Money × Rate, Rounding).
//
// Random (amount, rate, rounding) cases from a fixed-seed std::mt19937_64 are rounded by the
// library and by an oracle written here independently with Boost.Multiprecision: the exact
// value is cents·num/den (a cpp_rational), and its rounding to a multiple of the unit u is
// derived from floor(cents·num / (den·u)) computed with cpp_int, per the mode definitions:
//   floor     → ⌊x/u⌋                     ceiling → ⌈x/u⌉
//   down      → ⌊x/u⌋ if x ≥ 0 else ⌈x/u⌉  up      → ⌈x/u⌉ if x ≥ 0 else ⌊x/u⌋
//   half_up   → nearest, a tie goes away from zero
//   half_even → nearest, a tie goes to the even multiple
// A result beyond ±Money::max_cents must throw range_error instead.
//
// The cases: amounts of 0 to 18 digits of cents, either sign, with extra weight on 0 and on the
// top of the range (Money::max_cents and just below); rates that are whole percents, decimals
// and decimal percents (denominators 10^k ≤ 10^9), arbitrary fractions with denominators up to
// 10^9, 1/3-like fractions with no decimal expansion, rates above 100 % (RateBound::unbounded,
// which push results beyond the range), a few with denominators up to 2^63 − 1, and edge rates
// (0, 1, 1/2, 10^-9, 1 − 10^-9); every mode; units of one cent, 1, 10, 100 and 1 000 €, 5 and
// 50 cents, and random units of up to 18 digits.
//
// Besides equality with the oracle, every result is checked for the invariants of a rounding:
// a multiple of the unit; |result − exact| < unit (≤ unit/2 for the half modes); |result| ≤
// |exact| for down, ≥ for up; result ≤ exact for floor, ≥ for ceiling.

using namespace subsidy;
using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

namespace {

constexpr int kCases = 100'000;

// Uniform integer in [lo, hi] (a modulo draw: a tiny bias is irrelevant here, and the sequence
// is the same with every standard library, unlike std::uniform_int_distribution).
std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    const std::uint64_t draw = span == 0 ? rng() : rng() % span;  // span 0: the whole 64-bit range
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + draw);
}

std::int64_t pow10(int k) {
    std::int64_t p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

std::int64_t random_cents(std::mt19937_64& rng) {
    std::int64_t c = 0;
    switch (uniform(rng, 0, 9)) {
        case 0: c = 0; break;
        case 1: c = Money::max_cents - uniform(rng, 0, 1'000'000); break;  // near the top of the range
        case 2: c = Money::max_cents; break;
        default: {  // a magnitude of 1 to 18 digits: from cents to ~10^16 €
            const int digits = static_cast<int>(uniform(rng, 1, 18));
            c = uniform(rng, 0, std::min(pow10(digits) - 1, Money::max_cents));
        }
    }
    return uniform(rng, 0, 1) == 0 ? c : -c;
}

struct Fraction {
    std::int64_t num;
    std::int64_t den;
};

Fraction random_rate(std::mt19937_64& rng) {
    constexpr std::int64_t kNonDecimal[] = {3, 6, 7, 9, 11, 12, 13, 365, 366, 999'999'937, 999'999'999};
    switch (uniform(rng, 0, 7)) {
        case 0: return {uniform(rng, 0, 100), 100};  // a whole percent
        case 1: {                                     // a decimal with 0 to 9 places
            const std::int64_t den = pow10(static_cast<int>(uniform(rng, 0, 9)));
            return {uniform(rng, 0, den), den};
        }
        case 2: {  // a percent with 0 to 7 decimals: den = 100·10^k ≤ 10^9
            const std::int64_t den = 100 * pow10(static_cast<int>(uniform(rng, 0, 7)));
            return {uniform(rng, 0, den), den};
        }
        case 3: {  // any fraction with a denominator up to 10^9
            const std::int64_t den = uniform(rng, 1, 1'000'000'000);
            return {uniform(rng, 0, den), den};
        }
        case 4: {  // 1/3-like: no finite decimal expansion
            const std::int64_t den = kNonDecimal[uniform(rng, 0, static_cast<std::int64_t>(std::size(kNonDecimal)) - 1)];
            return {uniform(rng, 0, den), den};
        }
        case 5: {  // above 100 % (RateBound::unbounded): products may leave the money range
            const std::int64_t den = uniform(rng, 1, 1'000'000'000);
            return {uniform(rng, 0, 3 * den), den};
        }
        case 6: {  // beyond the usual: any denominator up to 2^63 − 1 (the 128-bit bounds of apply)
            const std::int64_t den = uniform(rng, 1, std::numeric_limits<std::int64_t>::max());
            return {uniform(rng, 0, den), den};
        }
        default: {
            constexpr Fraction kEdges[] = {{0, 1}, {1, 1}, {1, 1'000'000'000}, {999'999'999, 1'000'000'000}, {1, 2}};
            return kEdges[uniform(rng, 0, static_cast<std::int64_t>(std::size(kEdges)) - 1)];
        }
    }
}

std::int64_t random_unit(std::mt19937_64& rng) {
    switch (uniform(rng, 0, 11)) {
        case 4: return 100;        // 1 €
        case 5: return 1'000;      // 10 €
        case 6: return 10'000;     // 100 €
        case 7: return 100'000;    // 1 000 €
        case 8: return 5;          // 0.05 €
        case 9: return 50;         // 0.50 €
        case 10:
        case 11: {  // any unit of 1 to 18 digits, up to Money::max_cents
            const int digits = static_cast<int>(uniform(rng, 1, 18));
            return uniform(rng, 1, std::min(pow10(digits), Money::max_cents));
        }
        default: return 1;  // the cent, the most common unit
    }
}

// (kModes, the six modes in this order, is declared with the table above.)

// ⌊n/d⌋ for d > 0 (cpp_int division truncates toward zero).
cpp_int floor_div(const cpp_int& n, const cpp_int& d) {
    cpp_int q = n / d;
    if (n % d != 0 && n < 0) --q;
    return q;
}

// The oracle: the multiple of `unit` (a count k of units) that x = n/den cents rounds to.
cpp_int oracle_units(const cpp_int& n, std::int64_t den, std::int64_t unit, RoundingMode mode) {
    const cpp_int d = cpp_int(den) * unit;  // x/u = n/d
    const cpp_int lo = floor_div(n, d);     // ⌊x/u⌋
    const cpp_int r = n - lo * d;           // 0 ≤ r < d: x/u = lo + r/d
    const cpp_int hi = r == 0 ? lo : cpp_int(lo + 1);  // ⌈x/u⌉
    const bool positive = n > 0;
    switch (mode) {
        case RoundingMode::floor: return lo;
        case RoundingMode::ceiling: return hi;
        case RoundingMode::down: return positive ? lo : hi;
        case RoundingMode::up: return positive ? hi : lo;
        case RoundingMode::half_up:
        case RoundingMode::half_even: {
            const cpp_int twice = 2 * r;
            if (twice < d) return lo;
            if (twice > d) return hi;
            // An exact tie between lo and hi = lo + 1.
            if (mode == RoundingMode::half_up) return positive ? hi : lo;
            return lo % 2 == 0 ? lo : hi;
        }
    }
    return lo;
}

cpp_int to_cpp_int(const cents_t& c) { return cpp_int(c); }

}  // namespace

TEST(PropertyRounding, ApplyMatchesAnExactOracle) {
    std::mt19937_64 rng(20'240'601);  // fixed seed: the same 100 000 cases on every run
    int failures = 0, thrown = 0, ties = 0;
    // Reports the first 20 failures in full, counts the rest.
    auto fail = [&failures](const std::string& message) {
        if (++failures <= 20) ADD_FAILURE() << message;
    };
    std::array<int, 6> per_mode{};
    for (int i = 0; i < kCases; ++i) {
        const std::int64_t c = random_cents(rng);
        const Fraction f = random_rate(rng);
        const std::int64_t unit = random_unit(rng);
        const auto mode_index = static_cast<std::size_t>(uniform(rng, 0, 5));
        const RoundingMode mode = kModes[mode_index];
        ++per_mode[mode_index];

        const Money amount = Money::from_cents(c);
        const Rate rate = Rate::fraction(f.num, f.den, RateBound::unbounded);
        const Rounding rounding(mode, RoundingUnit::of_cents(unit));

        const cpp_int n = cpp_int(c) * f.num;  // exact value x = n / den cents
        const cpp_int k = oracle_units(n, f.den, unit, mode);
        const cpp_int expected = k * unit;
        const bool in_range = abs(expected) <= Money::max_cents;
        if ((n * 2) % (cpp_int(f.den) * unit) == 0 && n % (cpp_int(f.den) * unit) != 0) ++ties;

        // The case in words, for a failure message (built only when needed).
        auto what = [&] {
            std::ostringstream os;
            os << "case " << i << ": " << c << " cents x " << f.num << "/" << f.den << ", " << to_string(rounding)
               << " (unit " << unit << " cents): expected " << (in_range ? expected.str() : "range_error");
            return os.str();
        };

        Money got;
        try {
            got = apply(amount * rate, rounding);
        } catch (const range_error&) {
            ++thrown;
            if (in_range) fail(what() + ", got range_error");
            continue;
        }
        if (!in_range) {
            fail(what() + ", got " + to_string(got));
            continue;
        }
        const cpp_int result = to_cpp_int(got.cents());
        if (result != expected) {
            fail(what() + ", got " + result.str());
            continue;
        }
        if (apply(amount, rate, rounding) != got)
            fail(what() + ": apply(amount, rate, rounding) differs from apply(amount * rate, rounding)");

        // Invariants, against the exact value as a rational.
        const cpp_rational exact(n, cpp_int(f.den));
        const cpp_rational error = cpp_rational(result) - exact;  // result − exact
        const cpp_rational u(unit);
        bool ok = result % unit == 0 && abs(error) < u;
        switch (mode) {
            case RoundingMode::down: ok = ok && abs(cpp_rational(result)) <= abs(exact); break;
            case RoundingMode::up: ok = ok && abs(cpp_rational(result)) >= abs(exact); break;
            case RoundingMode::floor: ok = ok && error <= 0; break;
            case RoundingMode::ceiling: ok = ok && error >= 0; break;
            case RoundingMode::half_up:
            case RoundingMode::half_even: ok = ok && 2 * abs(error) <= u; break;
        }
        if (!ok) fail(what() + ": an invariant of the rounding does not hold for " + result.str());
    }
    EXPECT_EQ(failures, 0) << "failing cases out of " << kCases;
    // The generator must actually reach every mode, the range limit and exact ties.
    for (int count : per_mode) EXPECT_GT(count, kCases / 10);
    EXPECT_GT(thrown, 100);
    EXPECT_GT(ties, 100);
}
