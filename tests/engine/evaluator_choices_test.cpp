// The engine's documented choices where the rules are silent (engine/evaluator.hpp, steps 2–6),
// each with a value worked out by hand.
#include <gtest/gtest.h>

#include "pvd_fixture.hpp"

namespace {

using namespace pvd_fixture;

Money eur(const char* text) { return Money::parse(text); }

Project works(std::vector<MeasureRequest> requests) {
    Project p;
    p.id = "works";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "works";
    p.nature = ExpenseNature::investment;
    p.expenses = {Expense{std::chrono::year{2023}, eur("500000.00"), std::nullopt, parse_date("2023-03-01")}};
    p.requests = std::move(requests);
    return p;
}

TEST(EngineChoices, EveryMeasureModeLeavesOutCaseByCaseRatesAndSaysWhy) {
    // No request list: the DETR/DSIL/Region rates are decided case by case, so none applies;
    // nothing is paid and each says why (no error: the project did not ask for them).
    auto p = works({});
    p.requests.reset();
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_TRUE(r.lines.empty());
    EXPECT_EQ(r.own_share, eur("500000.00"));
    int said = 0;
    for (const auto& o : r.outcomes)
        if (o.measure == "detr" || o.measure == "dsil" || o.measure == "region-works") {
            EXPECT_FALSE(o.applied);
            EXPECT_EQ(o.reason, "rate: decided case by case: the project must ask for the measure with its rate");
            ++said;
        }
    EXPECT_EQ(said, 3);
}

TEST(EngineChoices, SchemeYearOneIsTheFirstEligibleYear) {
    // Manager de commerce, 20 000 a year for two scheme years. Bayeux signed on 2021-04-06:
    // the 2021 expense (period from 1 January) is before it, so 2022 is year 1 and 2023 year 2
    // (20 000 each, expenses above it); 2024 would be year 3: nothing.
    Project p;
    p.id = "manager";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "commerce_manager";
    for (int y = 2021; y <= 2024; ++y) p.expenses.push_back(Expense{std::chrono::year{y}, eur("30000.00"), std::nullopt, std::nullopt});
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2021}), Money());
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2022}), eur("20000.00"));
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2023}), eur("20000.00"));
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2024}), Money());
    EXPECT_EQ(r.own_share, eur("80000.00"));  // 120 000 − 40 000
}

TEST(EngineChoices, ALineCutToZeroStaysWithItsCut) {
    // DETR 10 % = 50 000, DSIL 80 % = 400 000: dotations 450 000 > 80 % × 500 000 = 400 000 →
    // 50 000 cut from the DETR (lowest priority) → 0; the line stays and its trace says why.
    const auto r = plan_of(make_program(), make_territory(), works({{"detr", 10_pct}, {"dsil", 80_pct}}));
    ASSERT_EQ(r.lines.size(), 2u);
    EXPECT_EQ(r.lines[0].measure, "detr");
    EXPECT_EQ(r.lines[0].amount, Money());
    ASSERT_EQ(r.lines[0].trace.cuts.size(), 1u);
    EXPECT_EQ(r.lines[0].trace.cuts[0].constraint, "R2334-27");
    EXPECT_EQ(r.lines[0].trace.cuts[0].before, eur("50000.00"));
    EXPECT_EQ(r.total(std::nullopt, "dsil"), eur("400000.00"));
    EXPECT_EQ(r.own_share, eur("100000.00"));
}

TEST(EngineChoices, APrivateFundersMeasureIsPrivateMoneyForTheOwnerMinimum) {
    // A patron's measure pays 20 % = 100 000. Public financing = 500 000 − 100 000 = 400 000;
    // the owner brings ≥ 20 % of it = 80 000, so public aid ≤ 320 000. DETR 40 % = 200 000 +
    // DSIL 30 % = 150 000 = 350 000 → 30 000 cut from DETR → 170 000. Own share 500 000 −
    // 170 000 − 150 000 − 100 000 = 80 000.
    Program program = make_program();
    program.add_funder({"patron", "Fondation", FunderKind::private_funder});
    Measure m;
    m.id = "patronage";
    m.title = "Mécénat";
    m.pillar = "thematic";
    m.categories = {"works"};
    ShareFormula f;
    f.rate = since("patronage.rate", "2020-01-01", 20_pct);
    m.formula = f;
    m.residual_funder = "patron";
    program.add_measure(m);
    const auto r =
        plan_of(program, make_territory(), works({{"detr", 40_pct}, {"dsil", 30_pct}, {"patronage", std::nullopt}}));
    EXPECT_EQ(r.total("patron"), eur("100000.00"));
    EXPECT_EQ(r.total(std::nullopt, "detr"), eur("170000.00"));
    EXPECT_EQ(r.total(std::nullopt, "dsil"), eur("150000.00"));
    EXPECT_EQ(r.own_share, eur("80000.00"));
}

TEST(EngineChoices, OfTwoExclusiveMeasuresOfEqualPriorityTheGreatestIdIsKept) {
    // "aaa" and "zzz", both priority 0, cannot be combined: the stacking order cuts "aaa" first
    // (smaller id), so "zzz" is kept: 10 % × 500 000 = 50 000; "aaa" cut from 40 000 to 0.
    Program program = make_program();
    for (const auto& [id, rate] : {std::pair{"aaa", 8_pct}, std::pair{"zzz", 10_pct}}) {
        Measure m;
        m.id = id;
        m.title = id;
        m.pillar = "thematic";
        m.categories = {"works"};
        ShareFormula f;
        f.rate = since("x.rate", "2020-01-01", rate);
        m.formula = f;
        m.residual_funder = "region";
        program.add_measure(m);
    }
    program.add_constraint({"either", "test", {ExpenseNature::investment}, Exclusive{{"aaa", "zzz"}}});
    const auto r = plan_of(program, make_territory(), works({{"aaa", std::nullopt}, {"zzz", std::nullopt}}));
    EXPECT_EQ(r.total(std::nullopt, "zzz"), eur("50000.00"));
    EXPECT_EQ(r.total(std::nullopt, "aaa"), Money());
    EXPECT_EQ(r.own_share, eur("450000.00"));
}

}  // namespace
