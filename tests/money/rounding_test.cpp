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

#include <subsidy/subsidy.hpp>

#include <array>
#include <cstdint>
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
