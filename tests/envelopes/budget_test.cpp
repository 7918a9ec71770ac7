// Budgets (envelopes/budget.hpp): the worked values of the envelopes issue that cut grants
// under a budget (pro rata, by a uniform cap, by priority, scoped to an EPCI), each value derived
// by hand in a comment; and bad input, against the exact messages of the throw sites
// (validate_budgets, apply_budgets). The budget properties over random territories are in
// envelopes_properties_test.cpp.
#include <gtest/gtest.h>

#include <subsidy/envelopes/budget.hpp>

#include <chrono>
#include <optional>
#include <string>
#include <vector>

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

}  // namespace

// ---- bad input: the exact messages of the throw sites --------------------------------------

namespace {

using pvd_fixture::make_program;
using pvd_fixture::make_territory;

// The what() of the subsidy::invalid_argument `f` throws, or what happened instead.
template <class F>
std::string invalid_argument_of(F&& f) {
    try {
        f();
    } catch (const subsidy::invalid_argument& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("another exception: ") + e.what();
    }
    return "no exception";
}

FundingPlan empty_plan_of(const std::string& project) {
    FundingPlan p;
    p.project = project;
    return p;
}

Budget budget(const std::string& id, const std::string& funder, std::optional<std::string> measure = std::nullopt,
              BudgetScope scope = {}, Money amount = Money::from_euros(1'000)) {
    return Budget{id, funder, std::move(measure), std::move(scope), std::nullopt, amount, BudgetPolicy::pro_rata, "test"};
}

std::string budget_error(const std::vector<Budget>& budgets) {
    const Program prog = make_program();
    const Territory territory = make_territory();
    std::vector<Project> projects;
    std::vector<FundingPlan> plans;
    return invalid_argument_of([&] { (void)apply_budgets(prog, territory, projects, plans, budgets); });
}

// As in envelopes_properties_test.cpp: "" when the plans are the same.
std::string plan_difference(const FundingPlan& a, const FundingPlan& b) {
    if (a.project != b.project || a.cost != b.cost || a.private_funding != b.private_funding || a.cash_aid != b.cash_aid ||
        a.own_share != b.own_share)
        return "plan " + a.project + " (cash " + to_string(a.cash_aid) + ", own " + to_string(a.own_share) + ") vs plan " +
               b.project + " (cash " + to_string(b.cash_aid) + ", own " + to_string(b.own_share) + ")";
    if (a.lines.size() != b.lines.size())
        return "plan " + a.project + ": " + std::to_string(a.lines.size()) + " lines vs " + std::to_string(b.lines.size());
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        const FundingLine &x = a.lines[i], &y = b.lines[i];
        if (x.measure != y.measure || x.funder != y.funder || x.pillar != y.pillar || x.year != y.year || x.amount != y.amount ||
            x.in_kind != y.in_kind || x.pass_through != y.pass_through)
            return "plan " + a.project + ", line " + std::to_string(i) + ": " + x.measure + "/" + x.funder + " " +
                   to_string(x.amount) + " vs " + y.measure + "/" + y.funder + " " + to_string(y.amount);
    }
    return "";
}

}  // namespace

TEST(BudgetBadInput, UnknownFunder) {
    EXPECT_EQ(budget_error({budget("b", "nobody")}), "budget 'b': funder: unknown funder 'nobody'");
}

TEST(BudgetBadInput, UnknownMeasure) {
    EXPECT_EQ(budget_error({budget("b", "bdt", "nope")}), "budget 'b': measure: unknown measure 'nope'");
}

TEST(BudgetBadInput, FunderThatDoesNotFundTheMeasure) {
    // vta is paid by the state alone; the bank is a member of the project-lead measure, Anah too.
    EXPECT_EQ(budget_error({budget("b", "bdt", "vta")}), "budget 'b': measure: funder 'bdt' does not fund measure 'vta'");
    EXPECT_EQ(budget_error({budget("b", "bdt", "pvd-project-lead"), budget("c", "anct", "pvd-project-lead")}), "no exception");
}

TEST(BudgetBadInput, NegativeAmount) {
    EXPECT_EQ(budget_error({budget("b", "bdt", std::nullopt, {}, Money::from_cents(-100))}), "budget 'b': amount: negative (-1.00)");
    EXPECT_EQ(budget_error({budget("b", "bdt", std::nullopt, {}, Money())}), "no exception");
}

TEST(BudgetBadInput, DuplicateId) {
    EXPECT_EQ(budget_error({budget("b", "bdt"), budget("c", "bdt"), budget("b", "anct")}), "budget 'b': id: declared twice");
    EXPECT_EQ(budget_error({budget("", "bdt")}), "budget with an empty id");
}

TEST(BudgetBadInput, UnknownScope) {
    EXPECT_EQ(budget_error({budget("b", "bdt", std::nullopt, {BudgetScope::Kind::epci, "123456789"})}),
              "budget 'b': scope: unknown epci '123456789'");
    EXPECT_EQ(budget_error({budget("b", "bdt", std::nullopt, {BudgetScope::Kind::department, "75"})}),
              "budget 'b': scope: no commune of the territory in department '75'");
    EXPECT_EQ(budget_error({budget("b", "bdt", std::nullopt, {BudgetScope::Kind::program, "14"})}),
              "budget 'b': scope: the programme scope takes no id");
    EXPECT_EQ(budget_error({budget("b", "bdt", std::nullopt, {BudgetScope::Kind::department, "14"}),
                            budget("c", "bdt", std::nullopt, {BudgetScope::Kind::epci, "241400555"})}),
              "no exception");
}

TEST(BudgetBadInput, NoPlanChangesWhenALaterBudgetIsInvalid) {
    // A binding budget (0 € for the project-lead post) followed by an invalid one: the error is
    // thrown before anything is cut.
    const Program prog = make_program();
    const Territory territory = make_territory();
    const std::vector<Project> projects{pvd_fixture::lead_post("64000.00", false)};
    std::vector<FundingPlan> plans = plan_all(prog, territory, projects);
    const FundingPlan before = plans[0];
    ASSERT_GT(before.cash_aid, Money());
    EXPECT_EQ(invalid_argument_of([&] {
                  (void)apply_budgets(prog, territory, projects, plans,
                                      {budget("zero", "anct", std::nullopt, {}, Money()), budget("bad", "nobody")});
              }),
              "budget 'bad': funder: unknown funder 'nobody'");
    EXPECT_EQ(plan_difference(plans[0], before), "");
    // Plans that do not match the projects.
    std::vector<FundingPlan> other{empty_plan_of("someone-else")};
    EXPECT_EQ(invalid_argument_of([&] { (void)apply_budgets(prog, territory, projects, other, {}); }),
              "budgets: plan #1 is the plan of 'someone-else', not of project 'lead'");
    std::vector<FundingPlan> none;
    EXPECT_EQ(invalid_argument_of([&] { (void)apply_budgets(prog, territory, projects, none, {}); }),
              "budgets: 0 plans for 1 projects");
}
