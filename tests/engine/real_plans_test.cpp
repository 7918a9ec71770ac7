// Real financing plans as they are written (issue 13): decided amounts, eligible bases and
// HT/TTC, cost items, other resources (FCTVA), rounding per funder, stacking cuts in whole
// rounding units, effective rates. Each value is worked out by hand in its comment.
#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "pvd_fixture.hpp"

using namespace pvd_fixture;

namespace {

Money eur(const char* text) { return Money::parse(text); }
const Rounding to_the_euro{RoundingMode::down, RoundingUnit::euro()};

// A share measure of the works pillar, open to every commune, paid by `funder`.
Measure share_measure(const std::string& id, const std::string& funder, std::optional<Rate> rate, Rounding rounding = {}) {
    Measure m;
    m.id = id;
    m.title = id;
    m.pillar = "works";
    m.eligibility.requires_membership = false;
    ShareFormula f;
    if (rate) f.rate = Dated<Rate>::always(id + ".rate", *rate, "test");
    m.formula = f;
    m.rounding = rounding;
    m.residual_funder = funder;
    return m;
}

Measure decided_measure(const std::string& id, const std::string& funder, std::optional<Rate> maximum = std::nullopt,
                        OverMaximum over = OverMaximum::refuse) {
    Measure m = share_measure(id, funder, std::nullopt);
    auto& f = std::get<ShareFormula>(m.formula);
    f.amount_decided = true;
    if (maximum) f.maximum_rate = Dated<Rate>::always(id + ".maximum_rate", *maximum, "test");
    f.over_maximum = over;
    return m;
}

Program works_program(const std::vector<Measure>& measures, bool owner_minimum = false) {
    Program p("t", "Test");
    p.add_pillar({"works", "Works"});
    p.add_funder({"state", "State", FunderKind::state})
        .add_funder({"region", "Region", FunderKind::local_authority})
        .add_funder({"department", "Department", FunderKind::local_authority})
        .add_funder({"ademe", "ADEME", FunderKind::state_agency});
    for (const Measure& m : measures) p.add_measure(m);
    if (owner_minimum)
        p.add_constraint(StackingConstraint{"owner-20", "CGCT L1111-10", {ExpenseNature::investment},
                                            OwnerMinimumShare{Dated<Rate>::always("owner-20.minimum", 20_pct, "test"), {}, {}}});
    return p;
}

Project works(std::vector<Expense> expenses, std::vector<MeasureRequest> requests) {
    Project p;
    p.id = "works";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.nature = ExpenseNature::investment;
    p.category = "works";
    p.expenses = std::move(expenses);
    p.requests = std::move(requests);
    return p;
}

Expense year_2024(const char* amount) { return Expense{std::chrono::year{2024}, eur(amount), std::nullopt, std::nullopt}; }

void expect_balanced(const FundingPlan& p) {
    Money cash;
    for (const auto& l : p.lines)
        if (!l.in_kind && !l.pass_through) cash += l.amount;
    EXPECT_EQ(cash, p.cash_aid);
    EXPECT_EQ(cash + p.private_funding + p.other_resources + p.own_share, p.cost) << "plan " << p.project << " does not balance";
}

MeasureRequest ask(const char* measure) { return MeasureRequest{measure, std::nullopt}; }
MeasureRequest ask_amount(const char* measure, const char* amount) {
    MeasureRequest r{measure, std::nullopt};
    r.amount = eur(amount);
    return r;
}

}  // namespace

TEST(RealPlans, TwoGrantsEachTruncatedToTheEuroAndTheOwnerTheBalance) {
    // 50 % × 61 257 = 30 628.50 → 30 628; 30 % × 61 257 = 18 377.10 → 18 377;
    // own share 61 257 − 30 628 − 18 377 = 12 252.
    const Program program = works_program({share_measure("g50", "state", 50_pct, to_the_euro),
                                           share_measure("g30", "region", 30_pct, to_the_euro)});
    const auto p = plan_of(program, make_territory(), works({year_2024("61257")}, {ask("g50"), ask("g30")}));
    EXPECT_EQ(p.total("state"), eur("30628"));
    EXPECT_EQ(p.total("region"), eur("18377"));
    EXPECT_EQ(p.own_share, eur("12252"));
    expect_balanced(p);
}

TEST(RealPlans, RestorationAtFortyFivePercentOfHtWithTheFctvaAsAnotherResource) {
    // HT 412 345, TTC 494 814: 45 % × 412 345 = 185 555.25 → 185 555 (the base is HT, the cost
    // TTC); FCTVA 81 169 declared; own share 494 814 − 185 555 − 81 169 = 228 090.
    // Effective rates: 185 555 / 494 814 of the cost, 185 555 / 412 345 = 37 111 / 82 469 of the base.
    const Program program = works_program({share_measure("resto", "state", 45_pct, to_the_euro)}, true);
    Expense e = year_2024("494814");
    e.ht = eur("412345");
    Project project = works({e}, {ask("resto")});
    project.other_resources = {OtherResource{"FCTVA", eur("81169")}};
    const auto p = plan_of(program, make_territory(), project);
    EXPECT_EQ(p.cash_aid, eur("185555"));
    EXPECT_EQ(p.other_resources, eur("81169"));
    EXPECT_EQ(p.own_share, eur("228090"));
    EXPECT_EQ(p.eligible_base, eur("412345"));
    EXPECT_EQ(p.aid_rate_of_cost(), Rate::fraction(185'555, 494'814));
    EXPECT_EQ(p.aid_rate_of_eligible_base(), Rate::fraction(37'111, 82'469));
    ASSERT_EQ(p.lines.size(), 1U);
    EXPECT_EQ(p.lines[0].trace.base, eur("412345"));
    // Not aid: the owner's 20 % minimum (aid ≤ 80 % × 494 814 = 395 851.20) cuts nothing.
    EXPECT_TRUE(p.lines[0].trace.cuts.empty());
    expect_balanced(p);
}

TEST(RealPlans, AMeasureOnTheWholeCostUsesTheTtc) {
    // base: cost → 45 % × 494 814 = 222 666.30 → 222 666.
    Measure m = share_measure("ttc", "region", 45_pct, to_the_euro);
    m.base = BaseFigure::cost;
    Expense e = year_2024("494814");
    e.ht = eur("412345");
    const auto p = plan_of(works_program({m}), make_territory(), works({e}, {ask("ttc")}));
    EXPECT_EQ(p.cash_aid, eur("222666"));
}

TEST(RealPlans, AnEligibleBaseBelowTheCost) {
    // eligible 180 000 of a cost of 216 000: 40 % × 180 000 = 72 000; own 216 000 − 72 000 = 144 000.
    Expense e = year_2024("216000");
    e.eligible = eur("180000");
    const auto p = plan_of(works_program({share_measure("g40", "region", 40_pct)}), make_territory(), works({e}, {ask("g40")}));
    EXPECT_EQ(p.cash_aid, eur("72000"));
    EXPECT_EQ(p.own_share, eur("144000"));
    expect_balanced(p);
}

TEST(RealPlans, SixCostItemsAtTwentyFiveAndFortyPercentTruncated) {
    // 1 200 + 2 350 + 4 100 + 3 300 + 5 000 + 6 777 = 22 727;
    // 25 % × 22 727 = 5 681.75 → 5 681; 40 % × 22 727 = 9 090.80 → 9 090; own 22 727 − 14 771 = 7 956.
    const Program program = works_program({share_measure("g25", "department", 25_pct, to_the_euro),
                                           share_measure("g40", "region", 40_pct, to_the_euro)});
    Expense e = year_2024("22727");
    for (auto [label, amount] : {std::pair{"études", "1200"}, {"maîtrise d'œuvre", "2350"}, {"lot 1", "4100"},
                                 {"lot 2", "3300"}, {"lot 3", "5000"}, {"lot 4", "6777"}})
        e.items.push_back(CostItem{label, eur(amount)});
    const auto p = plan_of(program, make_territory(), works({e}, {ask("g25"), ask("g40")}));
    EXPECT_EQ(p.total("department"), eur("5681"));
    EXPECT_EQ(p.total("region"), eur("9090"));
    EXPECT_EQ(p.own_share, eur("7956"));
    expect_balanced(p);
}

TEST(RealPlans, AnItemNotEligibleForOneMeasure) {
    // lot 4 (6 777) not for g40: g40 base 22 727 − 6 777 = 15 950, 40 % = 6 380; g25 unchanged 5 681.
    // An item with its own eligible base (lot 3: 5 000, of which 4 000 eligible) counts that base:
    // g25 base 22 727 − 1 000 = 21 727, 25 % = 5 431.75 → 5 431; g40 base 15 950 − 1 000 = 14 950 → 5 980.
    const Program program = works_program({share_measure("g25", "department", 25_pct, to_the_euro),
                                           share_measure("g40", "region", 40_pct, to_the_euro)});
    Expense e = year_2024("22727");
    for (auto [label, amount] : {std::pair{"études", "1200"}, {"maîtrise d'œuvre", "2350"}, {"lot 1", "4100"}, {"lot 2", "3300"}})
        e.items.push_back(CostItem{label, eur(amount)});
    e.items.push_back(CostItem{"lot 3", eur("5000"), std::nullopt, eur("4000")});
    e.items.push_back(CostItem{"lot 4", eur("6777"), std::nullopt, std::nullopt, {"g40"}});
    const auto p = plan_of(program, make_territory(), works({e}, {ask("g25"), ask("g40")}));
    EXPECT_EQ(p.total("department"), eur("5431"));
    EXPECT_EQ(p.total("region"), eur("5980"));
    expect_balanced(p);
}

TEST(RealPlans, EachFunderRoundsItsOwnPart) {
    // 45 % = 30 % (state, a member) + 15 % (region, the residual) of 100 003:
    // per funder: 30 000.90 → 30 000, 15 000.45 → 15 000, together 45 000;
    // rounded once: 45 001.35 → 45 001, state 30 000, region the rest 15 001.
    Measure split = share_measure("split", "region", 45_pct, to_the_euro);
    split.members = {SplitMember{"state", Dated<Rate>::always("split.state.rate", 30_pct, "test"), std::nullopt, std::nullopt, {}}};
    Measure once = split;
    once.id = "once";
    split.rounding_per_funder = true;
    const Program program = works_program({split, once});
    const auto per_funder = plan_of(program, make_territory(), works({year_2024("100003")}, {ask("split")}));
    EXPECT_EQ(per_funder.total("state"), eur("30000"));
    EXPECT_EQ(per_funder.total("region"), eur("15000"));
    EXPECT_EQ(per_funder.cash_aid, eur("45000"));
    const auto rounded_once = plan_of(program, make_territory(), works({year_2024("100003")}, {ask("once")}));
    EXPECT_EQ(rounded_once.total("state"), eur("30000"));
    EXPECT_EQ(rounded_once.total("region"), eur("15001"));
}

TEST(RealPlans, FiveDecidedGrantsOneLineEach) {
    // Cost 1 250 000; DETR 300 000 + DSIL 200 000 + Region 150 000 + Department 100 000 + ADEME
    // 50 000 = 800 000, the stated total; owner's minimum: aid ≤ 80 % × 1 250 000 = 1 000 000, no
    // cut; own share 1 250 000 − 800 000 = 450 000.
    const Program program = works_program({decided_measure("detr", "state"), decided_measure("dsil", "state"),
                                           decided_measure("region-grant", "region"), decided_measure("department-grant", "department"),
                                           decided_measure("ademe-grant", "ademe")},
                                          true);
    const auto p = plan_of(program, make_territory(),
                           works({year_2024("1250000")}, {ask_amount("detr", "300000"), ask_amount("dsil", "200000"),
                                                          ask_amount("region-grant", "150000"), ask_amount("department-grant", "100000"),
                                                          ask_amount("ademe-grant", "50000")}));
    ASSERT_EQ(p.lines.size(), 5U);
    EXPECT_EQ(p.total(std::nullopt, "detr"), eur("300000"));
    EXPECT_EQ(p.total("state"), eur("500000"));
    EXPECT_EQ(p.total("ademe"), eur("50000"));
    EXPECT_EQ(p.cash_aid, eur("800000"));
    EXPECT_EQ(p.own_share, eur("450000"));
    expect_balanced(p);
}

TEST(RealPlans, ADecidedAmountAboveTheLegalMaximumIsCutOrRefused) {
    // maximum 10 % × 1 000 000 = 100 000: 120 000 decided → cut to 100 000 (traced), or refused.
    const Program cut = works_program({decided_measure("ademe-grant", "ademe", 10_pct, OverMaximum::cut)});
    const auto p = plan_of(cut, make_territory(), works({year_2024("1000000")}, {ask_amount("ademe-grant", "120000")}));
    EXPECT_EQ(p.cash_aid, eur("100000"));
    ASSERT_EQ(p.lines.size(), 1U);
    bool noted = false;
    for (const auto& n : p.lines[0].trace.notes) noted |= n.find("cut to 100000.00") != std::string::npos;
    EXPECT_TRUE(noted);
    const Program refuse = works_program({decided_measure("ademe-grant", "ademe", 10_pct)});
    EXPECT_THROW((void)plan_of(refuse, make_territory(), works({year_2024("1000000")}, {ask_amount("ademe-grant", "120000")})),
                 invalid_argument);
    // At the maximum exactly: granted as decided.
    const auto at = plan_of(refuse, make_territory(), works({year_2024("1000000")}, {ask_amount("ademe-grant", "100000")}));
    EXPECT_EQ(at.cash_aid, eur("100000"));
}

TEST(RealPlans, ADecidedAmountOnAFixedRateMeasureIsHeldToThatRate) {
    // 50 % × 61 257 = 30 628 (to the euro); 30 000 decided ≤ 30 628 → 30 000; 31 000 → refused.
    Measure m = share_measure("g50", "state", 50_pct, to_the_euro);
    std::get<ShareFormula>(m.formula).amount_decided = true;
    const Program program = works_program({m});
    EXPECT_EQ(plan_of(program, make_territory(), works({year_2024("61257")}, {ask_amount("g50", "30000")})).cash_aid, eur("30000"));
    EXPECT_THROW((void)plan_of(program, make_territory(), works({year_2024("61257")}, {ask_amount("g50", "31000")})),
                 invalid_argument);
    // Without an amount the catalog's rate applies.
    EXPECT_EQ(plan_of(program, make_territory(), works({year_2024("61257")}, {ask("g50")})).cash_aid, eur("30628"));
}

TEST(RealPlans, ADecidedAmountIsSpreadOverTheYearsByTheirBases) {
    // 1 000 € over bases 10 000 (2024) and 20 000 (2025): 333.333… → 333.33, 666.666… → 666.67
    // (largest remainder), together 1 000.00.
    const Program program = works_program({decided_measure("region-grant", "region")});
    const auto p = plan_of(program, make_territory(),
                           works({year_2024("10000"), Expense{std::chrono::year{2025}, eur("20000"), std::nullopt, std::nullopt}},
                                 {ask_amount("region-grant", "1000")}));
    ASSERT_EQ(p.lines.size(), 2U);
    EXPECT_EQ(p.lines[0].amount, eur("333.33"));
    EXPECT_EQ(p.lines[1].amount, eur("666.67"));
    // In whole euros when the measure rounds to the euro: 333 and 667.
    Measure euro = decided_measure("region-grant", "region");
    euro.rounding = to_the_euro;
    const auto q = plan_of(works_program({euro}), make_territory(),
                           works({year_2024("10000"), Expense{std::chrono::year{2025}, eur("20000"), std::nullopt, std::nullopt}},
                                 {ask_amount("region-grant", "1000.40")}));
    ASSERT_EQ(q.lines.size(), 2U);
    EXPECT_EQ(q.lines[0].amount, eur("333"));
    EXPECT_EQ(q.lines[1].amount, eur("667"));
}

TEST(RealPlans, ABaseCapRetainedByTheDecision) {
    // 40 % × min(150 000, 100 000) = 40 000.
    Measure m = share_measure("detr", "state", std::nullopt);
    const Program program = works_program({m});
    MeasureRequest r{"detr", 40_pct};
    r.base_cap = eur("100000");
    const auto p = plan_of(program, make_territory(), works({year_2024("150000")}, {r}));
    EXPECT_EQ(p.cash_aid, eur("40000"));
}

TEST(RealPlans, ABaseCapRetainedByTheDecisionCountsOverTheProject) {
    // 30 % on 120 000 (2024) + 60 000 (2025) with a base of at most 100 000 over the project:
    // 2024 uses min(120 000, 100 000) = 100 000 → 30 000; 2025 has nothing left → no line.
    const Program program = works_program({share_measure("detr", "state", std::nullopt)});
    MeasureRequest r{"detr", 30_pct};
    r.base_cap = eur("100000");
    const auto p = plan_of(program, make_territory(),
                           works({year_2024("120000"), Expense{std::chrono::year{2025}, eur("60000"), std::nullopt, std::nullopt}}, {r}));
    EXPECT_EQ(p.cash_aid, eur("30000"));
    ASSERT_EQ(p.lines.size(), 1U);
    EXPECT_EQ(p.lines[0].year, std::chrono::year{2024});
}

TEST(RealPlans, AStackingCutLeavesWholeEurosForAMeasureRoundingToTheEuro) {
    // 90 % × 1 001 = 900.90 → 900; owner's minimum 20 %: aid ≤ 80 % × 1 001 = 800.80; a cut to
    // the cent would leave 800.80, to the euro it leaves 800 (and says so).
    const Program program = works_program({share_measure("g90", "state", 90_pct, to_the_euro)}, true);
    const auto p = plan_of(program, make_territory(), works({year_2024("1001")}, {ask("g90")}));
    ASSERT_EQ(p.lines.size(), 1U);
    EXPECT_EQ(p.lines[0].amount, eur("800"));
    ASSERT_EQ(p.lines[0].trace.cuts.size(), 1U);
    EXPECT_NE(p.lines[0].trace.cuts[0].detail.find("whole multiple of 1.00"), std::string::npos);
    EXPECT_EQ(p.own_share, eur("201"));
    // To the cent (the default rounding), the cut stops at the limit: 90 % × 1 001 = 900.90 → 800.80.
    const auto c = plan_of(works_program({share_measure("g90", "state", 90_pct)}, true), make_territory(),
                           works({year_2024("1001")}, {ask("g90")}));
    EXPECT_EQ(c.cash_aid, eur("800.80"));
}

TEST(RealPlans, OtherResourcesBoundTheAidOnlyThroughTheBalance) {
    // 100 % of 100 000 with 16 404 of FCTVA: aid may not exceed 100 000 − 16 404 = 83 596 (so
    // that the own share is never negative); own share 0.
    const Program program = works_program({share_measure("all", "state", 100_pct)});
    Project project = works({year_2024("100000")}, {ask("all")});
    project.other_resources = {OtherResource{"FCTVA", eur("16404")}};
    const auto p = plan_of(program, make_territory(), project);
    EXPECT_EQ(p.cash_aid, eur("83596"));
    EXPECT_EQ(p.own_share, Money());
    expect_balanced(p);
}

TEST(RealPlans, TheProjectRefusesFiguresThatContradictThemselves) {
    const Program program = works_program({share_measure("g40", "region", 40_pct)});
    Expense above = year_2024("1000");
    above.eligible = eur("1200");
    EXPECT_THROW((void)plan_of(program, make_territory(), works({above}, {ask("g40")})), invalid_argument);
    Expense items = year_2024("1000");
    items.items = {CostItem{"a", eur("600")}, CostItem{"b", eur("300")}};  // 900, not 1 000
    EXPECT_THROW((void)plan_of(program, make_territory(), works({items}, {ask("g40")})), invalid_argument);
    Project other = works({year_2024("1000")}, {ask("g40")});
    other.other_resources = {OtherResource{"FCTVA", eur("1000.01")}};
    EXPECT_THROW((void)plan_of(program, make_territory(), other), invalid_argument);
}

TEST(RealPlans, TwoFundersUnderOneRateAreReportedAsTheirGroup) {
    // "Region and ADEME together 40 %", no published split: 40 % × 250 000 = 100 000 to the
    // group region-ademe, public like its members; own share 150 000.
    Program program = works_program({});
    Funder group{"region-ademe", "Région et ADEME", FunderKind::state};
    group.group = {"region", "ademe"};
    program.add_funder(group);
    program.add_measure(share_measure("energy", "region-ademe", 40_pct));
    EXPECT_EQ(program.find_funder("region-ademe")->kind, FunderKind::local_authority);  // its first member's
    const auto p = plan_of(program, make_territory(), works({year_2024("250000")}, {ask("energy")}));
    EXPECT_EQ(p.total("region-ademe"), eur("100000"));
    EXPECT_EQ(p.total("region"), Money());
    EXPECT_EQ(p.own_share, eur("150000"));
    // A group needs known funders, at least two, none a group, all public or all private.
    Funder lonely{"alone", "Alone", FunderKind::state};
    lonely.group = {"region"};
    EXPECT_THROW(program.add_funder(lonely), invalid_argument);
    Funder unknown{"g2", "G2", FunderKind::state};
    unknown.group = {"region", "nobody"};
    EXPECT_THROW(program.add_funder(unknown), invalid_argument);
    Funder nested{"g3", "G3", FunderKind::state};
    nested.group = {"region-ademe", "state"};
    EXPECT_THROW(program.add_funder(nested), invalid_argument);
    program.add_funder({"bank", "A bank", FunderKind::private_funder});
    Funder mixed{"g4", "G4", FunderKind::state};
    mixed.group = {"region", "bank"};
    EXPECT_THROW(program.add_funder(mixed), invalid_argument);
}

TEST(RealPlans, AScenarioCeilingCapsTheMeasureForTheProject) {
    // 40 % × 250 000 = 100 000, capped by the prefect at 60 000 a year → 60 000; per project over
    // two years of 250 000: 60 000 in 2024, nothing left in 2025.
    const Program program = works_program({share_measure("g40", "region", 40_pct)});
    Project project = works({year_2024("250000")}, {ask("g40")});
    project.ceilings = {ProjectCeiling{"cap", "g40", eur("60000"), CeilingScope::per_year, "arrêté"}};
    EXPECT_EQ(plan_of(program, make_territory(), project).cash_aid, eur("60000"));
    project.expenses.push_back(Expense{std::chrono::year{2025}, eur("250000"), std::nullopt, std::nullopt});
    EXPECT_EQ(plan_of(program, make_territory(), project).cash_aid, eur("120000"));  // per year: 60 000 each
    project.ceilings[0].per = CeilingScope::per_project;
    const auto p = plan_of(program, make_territory(), project);
    EXPECT_EQ(p.cash_aid, eur("60000"));
    ASSERT_EQ(p.lines.size(), 1U);
    project.ceilings[0].measure = "nosuch";
    EXPECT_THROW((void)plan_of(program, make_territory(), project), invalid_argument);
}
