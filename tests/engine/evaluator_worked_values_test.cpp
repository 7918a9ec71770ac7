// The worked values of the rules-engine issue, each re-derived by hand in a comment.
// PVD project lead: 75 % of the loaded annual cost, ceiling 45 000 € a year (55 000 € when
// Anah takes part); Anah 50 % of a base capped at 80 000 € (so ≤ 40 000 €); Banque des
// Territoires 25 % capped at 15 000 €; ANCT takes the rest (our interpretation, DOMAIN.md §1.1).
#include <gtest/gtest.h>

#include "pvd_fixture.hpp"

using namespace pvd_fixture;

namespace {

Money eur(const char* text) { return Money::parse(text); }

void expect_balanced(const FundingPlan& p) {
    Money cash;
    for (const auto& l : p.lines)
        if (!l.in_kind && !l.pass_through) cash += l.amount;
    EXPECT_EQ(cash + p.private_funding + p.own_share, p.cost) << "plan " << p.project << " does not balance";
}

FundingPlan lead_plan(const char* cost, bool anah, Proration proration = Proration::none) {
    return plan_of(make_program(proration), make_territory(), lead_post(cost, anah));
}

}  // namespace

TEST(EngineProjectLead, Case1NoAnahUnderTheCeiling) {
    // 75 % × 52 000 = 39 000 ≤ 45 000 → combined 39 000; BdT 25 % × 52 000 = 13 000 ≤ 15 000;
    // ANCT 39 000 − 13 000 = 26 000; own 52 000 − 39 000 = 13 000.
    const auto p = lead_plan("52000.00", false);
    EXPECT_EQ(p.total("bdt"), eur("13000.00"));
    EXPECT_EQ(p.total("anct"), eur("26000.00"));
    EXPECT_EQ(p.total("anah"), Money());
    EXPECT_EQ(p.cash_aid, eur("39000.00"));
    EXPECT_EQ(p.own_share, eur("13000.00"));
    expect_balanced(p);
}

TEST(EngineProjectLead, Case2NoAnahCeilingBinds) {
    // 75 % × 64 000 = 48 000 > 45 000 → 45 000; BdT 25 % × 64 000 = 16 000 > 15 000 → 15 000;
    // ANCT 45 000 − 15 000 = 30 000; own 64 000 − 45 000 = 19 000.
    const auto p = lead_plan("64000.00", false);
    EXPECT_EQ(p.cash_aid, eur("45000.00"));
    EXPECT_EQ(p.total("bdt"), eur("15000.00"));
    EXPECT_EQ(p.total("anct"), eur("30000.00"));
    EXPECT_EQ(p.own_share, eur("19000.00"));
    expect_balanced(p);
}

TEST(EngineProjectLead, Case3WithAnah) {
    // Anah takes part (OPAH-RU) → ceiling 55 000; 75 % × 64 000 = 48 000 ≤ 55 000 → 48 000.
    // Anah 50 % × min(64 000, 80 000) = 32 000 ≤ 40 000; BdT min(16 000, 15 000) = 15 000;
    // ANCT 48 000 − 32 000 − 15 000 = 1 000; own 16 000.
    const auto p = lead_plan("64000.00", true);
    EXPECT_EQ(p.cash_aid, eur("48000.00"));
    EXPECT_EQ(p.total("anah"), eur("32000.00"));
    EXPECT_EQ(p.total("bdt"), eur("15000.00"));
    EXPECT_EQ(p.total("anct"), eur("1000.00"));
    EXPECT_EQ(p.own_share, eur("16000.00"));
    expect_balanced(p);
}

TEST(EngineProjectLead, Case4WithAnahEverythingCapped) {
    // 75 % × 90 000 = 67 500 > 55 000 → 55 000; Anah 50 % × min(90 000, 80 000) = 40 000;
    // BdT 15 000 (cap); ANCT 55 000 − 55 000 = 0 → no line (documented: zero amounts give no
    // line, the outcomes say so); own 90 000 − 55 000 = 35 000.
    const auto p = lead_plan("90000.00", true);
    EXPECT_EQ(p.cash_aid, eur("55000.00"));
    EXPECT_EQ(p.total("anah"), eur("40000.00"));
    EXPECT_EQ(p.total("bdt"), eur("15000.00"));
    EXPECT_EQ(p.total("anct"), Money());
    for (const auto& l : p.lines) EXPECT_NE(l.funder, "anct");
    bool said = false;
    for (const auto& o : p.outcomes) said |= o.reason.find("anct gets nothing") != std::string::npos;
    EXPECT_TRUE(said);
    EXPECT_EQ(p.own_share, eur("35000.00"));
    expect_balanced(p);
}

TEST(EngineProjectLead, Case5RoundsDownToTheCent) {
    // 75 % × 51 234.57 = 38 425.9275 → 38 425.92; BdT 25 % × 51 234.57 = 12 808.6425 → 12 808.64;
    // ANCT 38 425.92 − 12 808.64 = 25 617.28; own 51 234.57 − 38 425.92 = 12 808.65.
    const auto p = lead_plan("51234.57", false);
    EXPECT_EQ(p.cash_aid, eur("38425.92"));
    EXPECT_EQ(p.total("bdt"), eur("12808.64"));
    EXPECT_EQ(p.total("anct"), eur("25617.28"));
    EXPECT_EQ(p.own_share, eur("12808.65"));
    expect_balanced(p);
}

TEST(EngineProjectLead, Case6PartialYear) {
    // Post filled from 2021-04-01: 9 full months of 2021; cost 48 000.
    // none: 75 % × 48 000 = 36 000 ≤ 45 000 → 36 000.
    // by_month: ceiling 45 000 × 9/12 = 33 750 < 36 000 → 33 750.
    auto project = lead_post("48000.00", false);
    project.owner = {BeneficiaryKind::commune, "14342"};  // convention 2021-03-15 in the fixture
    project.expenses = {Expense{std::chrono::year{2021}, eur("48000.00"), DateRange(day("2021-04-01"), day("2021-12-31")),
                                std::nullopt}};
    const auto none = plan_of(make_program(Proration::none), make_territory(), project);
    EXPECT_EQ(none.cash_aid, eur("36000.00"));
    const auto by_month = plan_of(make_program(Proration::by_month), make_territory(), project);
    EXPECT_EQ(by_month.cash_aid, eur("33750.00"));
    // BdT's own ceiling is prorated alike: 15 000 × 9/12 = 11 250 < 25 % × 48 000 = 12 000.
    EXPECT_EQ(by_month.total("bdt"), eur("11250.00"));
    EXPECT_EQ(by_month.total("anct"), eur("22500.00"));
    expect_balanced(by_month);
}

TEST(EngineProjectLead, Case7NoAidAndTheTraceSaysWhy) {
    const Program program = make_program();
    const Territory territory = make_territory();
    // A commune of 21 000 inhabitants: above the PVD threshold.
    auto big = lead_post("50000.00", false);
    big.owner = {BeneficiaryKind::commune, "99999"};
    const auto p1 = plan_of(program, territory, big);
    EXPECT_TRUE(p1.lines.empty());
    ASSERT_EQ(p1.outcomes.size(), 1u);
    EXPECT_FALSE(p1.outcomes[0].applied);
    EXPECT_EQ(p1.outcomes[0].reason, "population: population 21000 is not below 20000");

    // An expense dated before the convention of 2021-04-06, and one in 2027.
    auto early = lead_post("50000.00", false);
    early.expenses = {Expense{std::chrono::year{2021}, eur("30000.00"), DateRange(day("2021-01-01"), day("2021-06-30")),
                              std::nullopt},
                      Expense{std::chrono::year{2027}, eur("50000.00"), std::nullopt, std::nullopt}};
    const auto p2 = plan_of(program, territory, early);
    EXPECT_TRUE(p2.lines.empty());
    EXPECT_EQ(p2.own_share, eur("80000.00"));
    ASSERT_EQ(p2.outcomes.size(), 2u);
    EXPECT_EQ(p2.outcomes[0].year, std::chrono::year{2021});
    EXPECT_EQ(p2.outcomes[0].reason, "convention: period starts 2021-01-01, before the convention of 2021-04-06");
    EXPECT_EQ(p2.outcomes[1].year, std::chrono::year{2027});
    EXPECT_EQ(p2.outcomes[1].reason,
              "program validity: 2027-01-01 is after the end of program 'pvd' (2026-12-31)");
}

TEST(EngineVta, Case8FlatPerVolunteerAndPassThrough) {
    // Two volunteers hired in 2022 (12- and 18-month contracts: the aid ignores the length):
    // 2 × 15 000 = 30 000. A third hired on 2023-03-01 brings 15 000 + the 5 000 € pass-through.
    Project p;
    p.id = "vta";
    p.owner = {BeneficiaryKind::epci, "241400555"};
    p.category = "vta";
    p.units = {{"volunteer", 1, day("2022-09-01")}, {"volunteer", 1, day("2022-10-01")}, {"volunteer", 1, day("2023-03-01")}};
    p.expenses = {Expense{std::chrono::year{2022}, eur("12000.00"), std::nullopt, std::nullopt},
                  Expense{std::chrono::year{2023}, eur("40000.00"), std::nullopt, std::nullopt}};
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.total("state", "vta", std::chrono::year{2022}), eur("30000.00"));
    EXPECT_EQ(r.total("state", "vta", std::chrono::year{2023}), eur("15000.00"));
    EXPECT_EQ(r.total("state", "vta-backpack", std::chrono::year{2022}), Money());
    EXPECT_EQ(r.total("state", "vta-backpack", std::chrono::year{2023}), eur("5000.00"));
    // Pass-through stays outside the balance: own = 52 000 − 45 000 = 7 000.
    EXPECT_EQ(r.own_share, eur("7000.00"));
    expect_balanced(r);
}

TEST(EngineCommerceManager, Case9TwoYearScheduleCappedAtExpense) {
    // 20 000 a year for two years, never above the year's expense: 18 000 → 18 000;
    // 41 000 → 20 000; a third year → nothing, the scheme covers two years.
    Project p;
    p.id = "manager";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "commerce_manager";
    p.expenses = {Expense{std::chrono::year{2022}, eur("18000.00"), std::nullopt, std::nullopt},
                  Expense{std::chrono::year{2023}, eur("41000.00"), std::nullopt, std::nullopt},
                  Expense{std::chrono::year{2024}, eur("42000.00"), std::nullopt, std::nullopt}};
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2022}), eur("18000.00"));
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2023}), eur("20000.00"));
    EXPECT_EQ(r.total("bdt", "commerce-manager", std::chrono::year{2024}), Money());
    bool said = false;
    for (const auto& o : r.outcomes)
        said |= o.year == std::chrono::year{2024} &&
                o.reason == "scheme year: 2024 is year 3 of the scheme, which started in 2022 and covers 2 years";
    EXPECT_TRUE(said);
    expect_balanced(r);
}

TEST(EngineAnah, Case10SuiviAnimationOpahRu) {
    // min(50 % × 300 000 = 150 000, 125 000) + 40 × 332 = 125 000 + 13 280 = 138 280.
    Project p;
    p.id = "opah";
    p.owner = {BeneficiaryKind::epci, "241400555"};
    p.category = "opah_animation";
    p.flags = {"opah_ru"};
    p.units = {{"dwelling", 40, day("2022-06-01")}};
    p.expenses = {Expense{std::chrono::year{2022}, eur("300000.00"), std::nullopt, std::nullopt}};
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.total("anah"), eur("138280.00"));
    expect_balanced(r);
}

namespace {

Project works(std::optional<Rate> detr, std::optional<Rate> dsil, std::optional<Rate> region) {
    Project p;
    p.id = "works";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "works";
    p.nature = ExpenseNature::investment;
    p.expenses = {Expense{std::chrono::year{2023}, Money::parse("500000.00"), std::nullopt, subsidy::parse_date("2023-03-01")}};
    std::vector<MeasureRequest> requests;
    if (detr) requests.push_back({"detr", detr});
    if (dsil) requests.push_back({"dsil", dsil});
    if (region) requests.push_back({"region-works", region});
    p.requests = requests;
    return p;
}

}  // namespace

TEST(EngineStacking, Case11OwnerMinimumCutsTheDetr) {
    // DETR 40 % = 200 000, DSIL 30 % = 150 000, Region 20 % = 100 000: dotations 70 % ≤ 80 %;
    // aid 450 000 but the owner must bring ≥ 20 % of 500 000 → aid ≤ 400 000: DETR (lowest
    // priority) loses 50 000 → 150 000; own 100 000.
    const auto r = plan_of(make_program(), make_territory(), works(40_pct, 30_pct, 20_pct));
    EXPECT_EQ(r.total(std::nullopt, "detr"), eur("150000.00"));
    EXPECT_EQ(r.total(std::nullopt, "dsil"), eur("150000.00"));
    EXPECT_EQ(r.total("region"), eur("100000.00"));
    EXPECT_EQ(r.own_share, eur("100000.00"));
    ASSERT_EQ(r.lines[0].measure, "detr");
    ASSERT_EQ(r.lines[0].trace.cuts.size(), 1u);
    EXPECT_EQ(r.lines[0].trace.cuts[0].constraint, "L1111-10");
    EXPECT_EQ(r.lines[0].trace.cuts[0].before, eur("200000.00"));
    expect_balanced(r);
}

TEST(EngineStacking, Case12MonumentDerogation) {
    // With the protected-monument derogation the owner minimum is 0 %: 450 000 ≤ 500 000 → no
    // cut; own 50 000.
    auto p = works(40_pct, 30_pct, 20_pct);
    p.flags = {"monument"};
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.total(std::nullopt, "detr"), eur("200000.00"));
    EXPECT_EQ(r.own_share, eur("50000.00"));
    for (const auto& l : r.lines) EXPECT_TRUE(l.trace.cuts.empty());
}

TEST(EngineStacking, Case13DotationsCappedAtEightyPercent) {
    // DETR 50 % = 250 000 + DSIL 40 % = 200 000 = 450 000 > 80 % × 500 000 = 400 000 → DETR
    // cut by 50 000 → 200 000; then 400 000 ≤ 400 000 for L1111-10; own 100 000.
    const auto r = plan_of(make_program(), make_territory(), works(50_pct, 40_pct, std::nullopt));
    EXPECT_EQ(r.total(std::nullopt, "detr"), eur("200000.00"));
    EXPECT_EQ(r.total(std::nullopt, "dsil"), eur("200000.00"));
    EXPECT_EQ(r.own_share, eur("100000.00"));
    EXPECT_EQ(r.lines[0].trace.cuts.at(0).constraint, "R2334-27");
}

TEST(EngineStacking, Case14PrivatePatronage) {
    // 100 000 of private patronage: public financing 400 000, owner ≥ 80 000 → public aid ≤
    // 320 000: 450 000 − 320 000 = 130 000 cut from DETR → 70 000; DSIL 150 000; Region
    // 100 000; private 100 000; own 80 000.
    auto p = works(40_pct, 30_pct, 20_pct);
    p.private_funding = eur("100000.00");
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.total(std::nullopt, "detr"), eur("70000.00"));
    EXPECT_EQ(r.total(std::nullopt, "dsil"), eur("150000.00"));
    EXPECT_EQ(r.total("region"), eur("100000.00"));
    EXPECT_EQ(r.private_funding, eur("100000.00"));
    EXPECT_EQ(r.own_share, eur("80000.00"));
    expect_balanced(r);
}

TEST(EngineRounding, Case15MeasureRoundingDownToTheEuro) {
    // 30 % × 71 213.00 = 21 363.90 → down to the euro 21 363.00; own 71 213 − 21 363 = 49 850.
    Program program = make_program();
    Measure m;
    m.id = "euro-rounded";
    m.title = "A measure rounding down to the euro";
    m.pillar = "thematic";
    m.categories = {"study"};
    m.rounding = Rounding(RoundingMode::down, RoundingUnit::euro());
    ShareFormula f;
    f.rate = since("euro-rounded.rate", "2020-01-01", 30_pct);
    m.formula = f;
    m.residual_funder = "region";
    program.add_measure(m);
    Project p;
    p.id = "study";
    p.owner = {BeneficiaryKind::commune, "14515"};
    p.category = "study";
    p.expenses = {Expense{std::chrono::year{2022}, eur("71213.00"), std::nullopt, std::nullopt}};
    const auto r = plan_of(program, make_territory(), p);
    EXPECT_EQ(r.total("region"), eur("21363.00"));
    EXPECT_EQ(r.own_share, eur("49850.00"));
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0].trace.exact_amount, "30% × 71213.00 = 21363.90");
}
