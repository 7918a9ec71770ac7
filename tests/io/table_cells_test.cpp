// A table's cells as the rows receive them (src/table_spec.hpp): an amount rounded to the
// cent only where the scenario says so and by the rule it names, worked by hand.
#include <gtest/gtest.h>

#include "table_spec.hpp"

namespace {

using subsidy::RoundingMode;
using subsidy::io::detail::round_to_cent;

TEST(RoundToCent, ByTheRuleNamed) {
    // 42166.9105: 4 216 691.05 cents; half up (ties away from zero) and half even give 42166.91,
    // down gives 42166.91.
    EXPECT_EQ(round_to_cent("42166.9105", '.', RoundingMode::half_up), "42166.91");
    // 1000.005: exactly half a cent: half up 1000.01, half even 1000.00 (0 is even), down 1000.00.
    EXPECT_EQ(round_to_cent("1000.005", '.', RoundingMode::half_up), "1000.01");
    EXPECT_EQ(round_to_cent("1000.005", '.', RoundingMode::half_even), "1000.00");
    EXPECT_EQ(round_to_cent("1000.005", '.', RoundingMode::down), "1000.00");
    // 0.015 half even: 1.5 cents → 2 cents; 0.025 → 2 cents.
    EXPECT_EQ(round_to_cent("0.015", '.', RoundingMode::half_even), "0.02");
    EXPECT_EQ(round_to_cent("0.025", '.', RoundingMode::half_even), "0.02");
    // A carry through the whole euros: 99.999 half up → 100.00.
    EXPECT_EQ(round_to_cent("99.999", '.', RoundingMode::half_up), "100.00");
    // Negative amounts: half up is away from zero, down toward zero.
    EXPECT_EQ(round_to_cent("-2.345", '.', RoundingMode::half_up), "-2.35");
    EXPECT_EQ(round_to_cent("-2.349", '.', RoundingMode::down), "-2.34");
    // A French table keeps its comma.
    EXPECT_EQ(round_to_cent("269314,8549", ',', RoundingMode::half_up), "269314,85");
}

TEST(RoundToCent, OnlyNumbersWithMoreThanTwoDecimals) {
    EXPECT_EQ(round_to_cent("42166.91", '.', RoundingMode::half_up), std::nullopt);  // already to the cent
    EXPECT_EQ(round_to_cent("42166", '.', RoundingMode::half_up), std::nullopt);
    EXPECT_EQ(round_to_cent("1,005", '.', RoundingMode::half_up), std::nullopt);  // not this table's decimal
    EXPECT_EQ(round_to_cent("12.3.456", '.', RoundingMode::half_up), std::nullopt);
    EXPECT_EQ(round_to_cent(".005", '.', RoundingMode::half_up), std::nullopt);
    EXPECT_EQ(round_to_cent("abc.def", '.', RoundingMode::half_up), std::nullopt);
    EXPECT_EQ(round_to_cent("1.0000000000000000001", '.', RoundingMode::half_up), std::nullopt);  // 19 decimals: left to the reader
}

}  // namespace
