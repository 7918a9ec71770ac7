// Worked values from the foundation issue, each re-derived by hand in a comment.
#include <gtest/gtest.h>

#include <subsidy/subsidy.hpp>

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

TEST(WorkedValues, AllocationInThirds) {
    // 10 000 cents / 3 = 3 333 r 1 each; the one cent left goes to the earliest part.
    const auto parts = allocate(100_eur, std::vector<int>{1, 1, 1});
    ASSERT_EQ(parts.size(), 3u);
    EXPECT_EQ(parts[0], Money::parse("33.34"));
    EXPECT_EQ(parts[1], Money::parse("33.33"));
    EXPECT_EQ(parts[2], Money::parse("33.33"));
}

TEST(WorkedValues, AllocationByPopulation) {
    // 1 000 000 cents × 12 775 / 14 682 = 870 113.06… → 870 113, remainder 0.06…·14 682 = 1 134
    // 1 000 000 cents ×  1 907 / 14 682 = 129 886.93… → 129 886, remainder 13 548
    // placed 999 999, one cent left → Port-en-Bessin-Huppain (larger remainder): 1 298.87 €.
    const auto parts = allocate(10'000_eur, std::vector<int>{12'775, 1'907});
    ASSERT_EQ(parts.size(), 2u);
    EXPECT_EQ(parts[0], Money::parse("8701.13"));
    EXPECT_EQ(parts[1], Money::parse("1298.87"));
    EXPECT_EQ(parts[0] + parts[1], 10'000_eur);
}
