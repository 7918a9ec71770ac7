// The worked values of the envelopes issue: shared projects attributed to towns by
// population, budgets cut pro rata / by a uniform cap / by priority, envelopes by town and
// pillar with in-kind support kept apart. Each value is derived by hand in a comment.
#include <gtest/gtest.h>

#include <subsidy/envelopes/budget.hpp>
#include <subsidy/envelopes/envelopes.hpp>

#include "pvd_fixture.hpp"

namespace {

using namespace pvd_fixture;

Money eur(const char* text) { return Money::parse(text); }

// Three pillars; "studies": 50 % of the expense paid by the Banque des Territoires (no
// ceiling, no membership needed); "tailored-engineering": ANCT support in kind, 10 000 € per
// mission.
Program program() {
    Program p("pvd", "PVD", day("2020-10-01"), day("2026-12-31"));
    p.add_pillar({"engineering", "Ingénierie"}).add_pillar({"network", "Club"}).add_pillar({"thematic", "Thématique"});
    p.add_funder({"anct", "ANCT", FunderKind::state_agency}).add_funder({"bdt", "Banque des Territoires", FunderKind::public_bank});
    Measure studies;
    studies.id = "studies";
    studies.title = "Études";
    studies.pillar = "engineering";
    studies.eligibility.requires_membership = false;
    ShareFormula f;
    f.rate = since("studies.rate", "2020-10-01", 50_pct);
    studies.formula = f;
    studies.residual_funder = "bdt";
    p.add_measure(studies);
    Measure support;
    support.id = "tailored-engineering";
    support.title = "Ingénierie sur mesure";
    support.pillar = "engineering";
    support.eligibility.requires_membership = false;
    support.formula = FlatFormula{"mission", since("tailored-engineering.value", "2020-10-01", 10'000_eur), false};
    support.residual_funder = "anct";
    support.in_kind = true;
    p.add_measure(support);
    return p;
}

Project study(const char* id, BeneficiaryRef owner, const char* cost) {
    Project p;
    p.id = id;
    p.owner = std::move(owner);
    p.category = "study";
    p.expenses = {Expense{std::chrono::year{2022}, eur(cost), std::nullopt, std::nullopt}};
    return p;
}

const BeneficiaryRef bayeux{BeneficiaryKind::commune, "14047"};

TEST(SharedProject, ProjectLeadSharedByPopulationBetweenBayeuxAndPortEnBessin) {
    // Bayeux Intercom carries a 64 000 € post for Bayeux (12 775 inh.) and Port-en-Bessin-
    // Huppain (1 907): combined aid 45 000 = BdT 15 000 + ANCT 30 000. Line by line (Σ pop
    // 14 682): BdT 1 500 000 c × 12 775 / 14 682 = 1 305 169.59 → 1 305 170 (largest
    // remainder), Port 194 830.40 → 194 830; ANCT 3 000 000 c × 12 775 / 14 682 = 2 610 339.19
    // → 2 610 339, Port 389 660.80 → 389 661. Bayeux 39 155.09, Port 5 844.91.
    auto p = lead_post("64000.00", false);
    p.owner = {BeneficiaryKind::epci, "241400555"};
    p.served = Attribution{AttributionKey::population, {{"14047", std::nullopt}, {"14515", std::nullopt}}};
    const Program prog = make_program();
    const Territory territory = make_territory();
    const FundingPlan plan = subsidy::plan_of(prog, territory, p);
    ASSERT_EQ(plan.cash_aid, eur("45000.00"));
    Envelopes env(prog, territory, {Dimension::town, Dimension::funder});
    env.add(p, plan);
    const EnvelopeTable by_town = env.table(std::vector<Dimension>{Dimension::town});
    ASSERT_EQ(by_town.rows.size(), 2u);
    EXPECT_EQ(by_town.rows[0].key, std::vector<std::string>{"14047"});
    EXPECT_EQ(by_town.rows[0].amounts.cash, eur("39155.09"));
    EXPECT_EQ(by_town.rows[1].key, std::vector<std::string>{"14515"});
    EXPECT_EQ(by_town.rows[1].amounts.cash, eur("5844.91"));
    EXPECT_EQ(by_town.total.cash, eur("45000.00"));
    const EnvelopeTable by_funder = env.table();
    ASSERT_EQ(by_funder.rows.size(), 4u);  // (14047, anct), (14047, bdt), (14515, anct), (14515, bdt)
    EXPECT_EQ(by_funder.rows[0].key, (std::vector<std::string>{"14047", "anct"}));
    EXPECT_EQ(by_funder.rows[0].amounts.cash, eur("26103.39"));
    EXPECT_EQ(by_funder.rows[1].amounts.cash, eur("13051.70"));
    EXPECT_EQ(by_funder.rows[2].amounts.cash, eur("3896.61"));
    EXPECT_EQ(by_funder.rows[3].amounts.cash, eur("1948.30"));
    // Own share 64 000 − 45 000 = 19 000: 1 900 000 c × 12 775 / 14 682 = 1 653 214.82 →
    // 1 653 215 (remainder .82 beats .17), Port 246 785.17 → 246 785.
    ASSERT_EQ(by_town.balances.size(), 2u);
    EXPECT_EQ(by_town.balances[0].balance.own_share, eur("16532.15"));
    EXPECT_EQ(by_town.balances[1].balance.own_share, eur("2467.85"));
    EXPECT_EQ(by_town.total_balance.own_share, eur("19000.00"));
}

TEST(SharedProject, ThirtyThousandSharedByPopulationBetweenFiveTowns) {
    // 50 % × 60 000 = 30 000 for Isigny-sur-Mer 3 570, Balleroy-sur-Drôme 1 331, Le Molay-
    // Littry 3 059, Grandcamp-Maisy 1 529, Trévières 920 (Σ 10 409). 3 000 000 c × w / 10 409 =
    // 1 028 917.28, 383 610.34, 881 640.89, 440 676.34, 265 155.15: floors Σ 2 999 998, the
    // 2 cents left go to the largest remainders (.89 Le Molay-Littry, then .34 Grandcamp-Maisy:
    // 3 516/10 409 beats Balleroy's 3 510/10 409) → 10 289.17 / 3 836.10 / 8 816.41 /
    // 4 406.77 / 2 651.55.
    auto p = study("shared", {BeneficiaryKind::epci, "200066801"}, "60000.00");
    p.served = Attribution{AttributionKey::population,
                           {{"14342", std::nullopt}, {"14035", std::nullopt}, {"14370", std::nullopt},
                            {"14312", std::nullopt}, {"14711", std::nullopt}}};
    const Program prog = program();
    const Territory territory = make_territory();
    Envelopes env(prog, territory, {Dimension::town});
    env.add(p, plan_of(prog, territory, p));
    const EnvelopeTable t = env.table();
    ASSERT_EQ(t.rows.size(), 5u);  // in INSEE order: 14035, 14312, 14342, 14370, 14711
    EXPECT_EQ(t.rows[0].key[0], "14035");
    EXPECT_EQ(t.rows[0].amounts.cash, eur("3836.10"));
    EXPECT_EQ(t.rows[1].amounts.cash, eur("4406.77"));
    EXPECT_EQ(t.rows[2].amounts.cash, eur("10289.17"));
    EXPECT_EQ(t.rows[3].amounts.cash, eur("8816.41"));
    EXPECT_EQ(t.rows[4].amounts.cash, eur("2651.55"));
    EXPECT_EQ(t.total.cash, eur("30000.00"));
}

// Five posts asking the Banque des Territoires 30 000, 30 000, 26 000, 20 000 and 10 000
// (Σ 116 000) under a 100 000 budget for 2022.
struct FivePosts {
    Program prog = program();
    Territory territory = make_territory();
    std::vector<Project> projects;
    std::vector<FundingPlan> plans;
    FivePosts() {
        const char* towns[] = {"14047", "14515", "14342", "14035", "14370"};
        const char* costs[] = {"60000.00", "60000.00", "52000.00", "40000.00", "20000.00"};
        const char* applied[] = {"2022-02-01", "2022-03-01", "2022-01-15", "2022-04-01", "2022-05-01"};
        for (int i = 0; i < 5; ++i) {
            auto p = study(("post" + std::to_string(i + 1)).c_str(), {BeneficiaryKind::commune, towns[i]}, costs[i]);
            p.application_date = day(applied[i]);
            projects.push_back(p);
        }
        plans = plan_all(prog, territory, projects);
    }
    std::vector<BudgetOutcome> apply(BudgetPolicy policy) {
        return apply_budgets(prog, territory, projects, plans,
                             {Budget{"bdt-2022", "bdt", std::nullopt, {}, std::chrono::year{2022}, 100'000_eur, policy, "test"}});
    }
};

TEST(Budget, ProRataLargestRemainder) {
    // 100 000 × ask / 116 000 in cents: 2 586 206.89, 2 586 206.89, 2 241 379.31,
    // 1 724 137.93, 862 068.96; floors Σ 9 999 996, the 4 cents go to .96, .93, .89, .89 →
    // 25 862.07 / 25 862.07 / 22 413.79 / 17 241.38 / 8 620.69, Σ 100 000.00.
    FivePosts f;
    const auto out = f.apply(BudgetPolicy::pro_rata);
    const char* expected[] = {"25862.07", "25862.07", "22413.79", "17241.38", "8620.69"};
    for (int i = 0; i < 5; ++i) {
        EXPECT_EQ(f.plans[i].cash_aid, eur(expected[i])) << i;
        EXPECT_EQ(f.plans[i].cash_aid + f.plans[i].own_share, f.plans[i].cost);
    }
    ASSERT_EQ(out.size(), 1u);
    EXPECT_EQ(out[0].asked, eur("116000.00"));
    EXPECT_EQ(out[0].granted, eur("100000.00"));
    EXPECT_EQ(out[0].unallocated, Money());
    EXPECT_EQ(out[0].cuts.size(), 5u);
    // The first post's line says which budget cut it.
    ASSERT_EQ(f.plans[0].lines[0].trace.cuts.size(), 1u);
    EXPECT_EQ(f.plans[0].lines[0].trace.cuts[0].constraint, "bdt-2022");
    EXPECT_EQ(f.plans[0].lines[0].trace.cuts[0].before, eur("30000.00"));
    EXPECT_EQ(f.plans[0].own_share, eur("34137.93"));  // 60 000 − 25 862.07
}

TEST(Budget, UniformCapWaterFilling) {
    // 10 000 and 20 000 fit under any cap ≥ 20 000; 70 000 left for three posts → c =
    // 23 333.33 (3 × 23 333.34 = 70 000.02 would exceed). Grants 23 333.33 × 3, 20 000,
    // 10 000 = 99 999.99; 0.01 unallocated.
    FivePosts f;
    const auto out = f.apply(BudgetPolicy::uniform_cap);
    const char* expected[] = {"23333.33", "23333.33", "23333.33", "20000.00", "10000.00"};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(f.plans[i].cash_aid, eur(expected[i])) << i;
    EXPECT_EQ(out[0].uniform_cap, eur("23333.33"));
    EXPECT_EQ(out[0].granted, eur("99999.99"));
    EXPECT_EQ(out[0].unallocated, eur("0.01"));
    EXPECT_EQ(out[0].cuts.size(), 3u);
}

TEST(Budget, PriorityByApplicationDate) {
    // Applied: post3 15 Jan (26 000), post1 1 Feb (30 000), post2 1 Mar (30 000) → 86 000;
    // post4 1 Apr asks 20 000, 14 000 left → 14 000; post5 → 0.
    FivePosts f;
    const auto out = f.apply(BudgetPolicy::priority);
    const char* expected[] = {"30000.00", "30000.00", "26000.00", "14000.00", "0.00"};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(f.plans[i].cash_aid, eur(expected[i])) << i;
    EXPECT_EQ(f.plans[4].own_share, eur("20000.00"));
    EXPECT_EQ(out[0].granted, eur("100000.00"));
    EXPECT_EQ(out[0].cuts.size(), 2u);
}

TEST(Budget, UnderTheBudgetNothingIsCut) {
    // 116 000 asked under a 120 000 budget: every grant stays; 4 000 unused.
    FivePosts f;
    const auto out = apply_budgets(f.prog, f.territory, f.projects, f.plans,
                                   {Budget{"b", "bdt", "studies", {}, std::nullopt, 120'000_eur, BudgetPolicy::pro_rata, ""}});
    EXPECT_EQ(out[0].granted, eur("116000.00"));
    EXPECT_EQ(out[0].unallocated, eur("4000.00"));
    EXPECT_TRUE(out[0].cuts.empty());
    EXPECT_EQ(f.plans[0].cash_aid, eur("30000.00"));
}

TEST(Budget, ScopedToAnEpciOnlyCutsItsTowns) {
    // Budget 40 000 for Bayeux Intercom (Bayeux 30 000 + Port-en-Bessin 30 000 = 60 000 asked)
    // pro rata → 20 000 each; the Isigny-Omaha towns keep 26 000, 20 000, 10 000.
    FivePosts f;
    (void)apply_budgets(f.prog, f.territory, f.projects, f.plans,
                        {Budget{"bi", "bdt", std::nullopt, {BudgetScope::Kind::epci, "241400555"}, std::nullopt, 40'000_eur,
                                BudgetPolicy::pro_rata, ""}});
    const char* expected[] = {"20000.00", "20000.00", "26000.00", "20000.00", "10000.00"};
    for (int i = 0; i < 5; ++i) EXPECT_EQ(f.plans[i].cash_aid, eur(expected[i])) << i;
}

TEST(Envelopes, FullGridShowsPillarsWithoutMoneyAndKeepsInKindApart) {
    // Bayeux: a 20 000 study → 10 000 cash (engineering) and 2 missions of tailored
    // engineering in kind → 20 000 in kind (engineering). Full grid by {town, pillar}: every
    // town of the territory × 3 pillars; Bayeux/network and Bayeux/thematic at 0.00.
    const Program prog = program();
    const Territory territory = make_territory();
    auto p = study("bayeux-study", bayeux, "20000.00");
    p.units = {UnitCount{"mission", 2, day("2022-03-01")}};
    Envelopes env(prog, territory, {Dimension::town, Dimension::pillar});
    env.add(p, plan_of(prog, territory, p));
    const EnvelopeTable t = env.table(std::nullopt, Grid::full);
    EXPECT_EQ(t.rows.size(), territory.communes().size() * 3);
    const EnvelopeRow* engineering = nullptr;
    for (const auto& r : t.rows)
        if (r.key == std::vector<std::string>{"14047", "engineering"}) engineering = &r;
    ASSERT_NE(engineering, nullptr);
    EXPECT_EQ(engineering->amounts.cash, eur("10000.00"));
    EXPECT_EQ(engineering->amounts.in_kind, eur("20000.00"));
    EXPECT_EQ(t.total.cash, eur("10000.00"));
    EXPECT_EQ(t.total.in_kind, eur("20000.00"));
    // The row after Bayeux/engineering is Bayeux/network, at zero (pillar order of the programme).
    const auto at = static_cast<std::size_t>(engineering - t.rows.data());
    EXPECT_EQ(t.rows[at + 1].key, (std::vector<std::string>{"14047", "network"}));
    EXPECT_EQ(t.rows[at + 1].amounts, Amounts{});
    // Own share: 20 000 − 10 000 cash; in kind stays outside the balance.
    EXPECT_EQ(t.total_balance.own_share, eur("10000.00"));
    EXPECT_EQ(t.total_balance.in_kind, eur("20000.00"));
    // Sub-totals by town: Bayeux 10 000 cash.
    const auto towns = t.subtotals(1);
    EXPECT_EQ(towns.size(), territory.communes().size());
    EXPECT_EQ(t.subtotals(0).at(0).amounts.cash, eur("10000.00"));
}

}  // namespace
