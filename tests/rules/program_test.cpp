// The programme checks itself as it is built (rules/program.hpp): a validity that ends before
// it starts is refused (it would give 0 € everywhere), and a measure is found by id without a
// scan of the catalog.
#include <gtest/gtest.h>

#include <subsidy/rules/program.hpp>

#include <string>

namespace {

using namespace subsidy;

TEST(Program, ValidityEndingBeforeItStartsIsRefused) {
    try {
        Program p("pvd", "Petites villes de demain", parse_date("2026-01-01"), parse_date("2020-12-31"));
        FAIL() << "a programme ending before it starts was accepted";
    } catch (const invalid_argument& e) {
        EXPECT_STREQ(e.what(), "program 'pvd': validity: ends before it starts");
    }
    // One day is a validity: from 2021-01-01 to 2021-01-01.
    EXPECT_NO_THROW(Program("one-day", "One day", parse_date("2021-01-01"), parse_date("2021-01-01")));
}

TEST(Program, FindsAMeasureAmongThousands) {
    Program p("big", "Big catalog");
    p.add_pillar({"works", "Works"});
    p.add_funder({"state", "State", FunderKind::state});
    for (int i = 0; i < 5'000; ++i) {
        Measure m;
        m.id = "m" + std::to_string(i);
        m.pillar = "works";
        m.residual_funder = "state";
        m.formula = ShareFormula{};
        std::get<ShareFormula>(m.formula).rate = Dated<Rate>::always(m.id + ".rate", Rate::percent(10), "test");
        p.add_measure(std::move(m));
    }
    ASSERT_NE(p.find_measure("m4321"), nullptr);
    EXPECT_EQ(p.find_measure("m4321")->id, "m4321");
    EXPECT_EQ(p.find_measure("m5000"), nullptr);
    // A copy finds its own measures, not the original's.
    const Program copy = p;
    EXPECT_EQ(copy.find_measure("m17"), &copy.measures()[17]);
    // Declared twice is still refused.
    Measure again;
    again.id = "m17";
    again.pillar = "works";
    again.residual_funder = "state";
    again.formula = ShareFormula{};
    EXPECT_THROW(p.add_measure(again), invalid_argument);
}

}  // namespace
