// Ceilings that count per beneficiary (across all the projects of one town), the GrantLedger
// that carries them from plan to plan (engine/ledger.hpp), and plan_all() (engine/plan.hpp),
// which serves projects in order of application date, then id.
#include <gtest/gtest.h>

#include <algorithm>
#include <random>

#include "pvd_fixture.hpp"

namespace {

using namespace pvd_fixture;

Money eur(const char* text) { return Money::parse(text); }

// "studies": 50 % of the expense, at most `ceiling` per beneficiary (all projects, all years,
// or each year apart), paid by the Banque des Territoires.
Program studies_program(CeilingScope scope, Money ceiling = 100'000_eur) {
    Program p("pvd", "PVD", day("2020-10-01"), day("2026-12-31"));
    p.add_pillar({"engineering", "Ingénierie"});
    p.add_funder({"bdt", "Banque des Territoires", FunderKind::public_bank});
    Measure m;
    m.id = "studies";
    m.title = "Études";
    m.pillar = "engineering";
    ShareFormula f;
    f.rate = since("studies.rate", "2020-10-01", 50_pct);
    f.ceilings = {Ceiling{since("studies.ceiling", "2020-10-01", ceiling), scope, Proration::none, std::nullopt}};
    m.formula = f;
    m.residual_funder = "bdt";
    p.add_measure(m);
    return p;
}

Project study(const char* id, const char* insee, const char* applied, std::vector<std::pair<int, const char*>> costs) {
    Project p;
    p.id = id;
    p.owner = {BeneficiaryKind::commune, insee};
    p.category = "study";
    p.application_date = day(applied);
    for (const auto& [year, cost] : costs)
        p.expenses.push_back(Expense{std::chrono::year{year}, Money::parse(cost), std::nullopt, std::nullopt});
    return p;
}

TEST(PerBeneficiaryCeiling, SecondProjectGetsWhatTheFirstLeft) {
    // Bayeux: A (applied 10 January) 50 % × 120 000 = 60 000, under the 100 000 ceiling;
    // B (applied 1 March) 50 % × 150 000 = 75 000, but only 100 000 − 60 000 = 40 000 is left.
    // Port-en-Bessin's C is another beneficiary: 50 % × 150 000 = 75 000, uncut.
    const std::vector<Project> projects{study("B", "14047", "2022-03-01", {{2022, "150000.00"}}),
                                        study("A", "14047", "2022-01-10", {{2022, "120000.00"}}),
                                        study("C", "14515", "2022-02-01", {{2022, "150000.00"}})};
    const auto plans = plan_all(studies_program(CeilingScope::per_beneficiary), make_territory(), projects);
    ASSERT_EQ(plans.size(), 3u);
    EXPECT_EQ(plans[0].project, "B");  // returned in the order given
    EXPECT_EQ(plans[0].cash_aid, eur("40000.00"));
    EXPECT_EQ(plans[0].own_share, eur("110000.00"));  // 150 000 − 40 000
    EXPECT_EQ(plans[1].cash_aid, eur("60000.00"));
    EXPECT_EQ(plans[2].cash_aid, eur("75000.00"));
    // The trace of B says what was already granted.
    ASSERT_EQ(plans[0].lines.size(), 1u);
    const auto& notes = plans[0].lines[0].trace.notes;
    EXPECT_NE(std::find(notes.begin(), notes.end(), "ceiling per beneficiary: 60000.00 already granted, 40000.00 left"),
              notes.end());
}

TEST(PerBeneficiaryCeiling, ApplicationDateDecidesWhoComesFirst) {
    // Same projects, B applied first: B 75 000; A 120 000 × 50 % = 60 000 → 100 000 − 75 000 = 25 000.
    const std::vector<Project> projects{study("A", "14047", "2022-05-10", {{2022, "120000.00"}}),
                                        study("B", "14047", "2022-03-01", {{2022, "150000.00"}})};
    const auto plans = plan_all(studies_program(CeilingScope::per_beneficiary), make_territory(), projects);
    EXPECT_EQ(plans[0].cash_aid, eur("25000.00"));
    EXPECT_EQ(plans[1].cash_aid, eur("75000.00"));
}

TEST(PerBeneficiaryCeiling, SameDateThenIdAndUndatedLast) {
    // A and B applied the same day: A (smaller id) first → A 60 000, B 40 000; Z has no
    // application date: last, nothing left.
    auto z = study("Z", "14047", "2022-01-01", {{2022, "10000.00"}});
    z.application_date.reset();
    const std::vector<Project> projects{z, study("B", "14047", "2022-03-01", {{2022, "150000.00"}}),
                                        study("A", "14047", "2022-03-01", {{2022, "120000.00"}})};
    const auto plans = plan_all(studies_program(CeilingScope::per_beneficiary), make_territory(), projects);
    EXPECT_EQ(plans[0].cash_aid, Money());
    EXPECT_EQ(plans[0].own_share, eur("10000.00"));
    EXPECT_EQ(plans[1].cash_aid, eur("40000.00"));
    EXPECT_EQ(plans[2].cash_aid, eur("60000.00"));
}

TEST(PerBeneficiaryCeiling, PerYearCountsEachYearApart) {
    // Ceiling 50 000 per beneficiary and year. A: 2022 80 000 → 40 000. B: 2022 60 000 → 30 000,
    // but 50 000 − 40 000 = 10 000 left; 2023 60 000 → 30 000 (a new year).
    const std::vector<Project> projects{study("A", "14047", "2022-01-10", {{2022, "80000.00"}}),
                                        study("B", "14047", "2022-02-10", {{2022, "60000.00"}, {2023, "60000.00"}})};
    const auto plans = plan_all(studies_program(CeilingScope::per_beneficiary_year, 50'000_eur), make_territory(), projects);
    EXPECT_EQ(plans[0].cash_aid, eur("40000.00"));
    EXPECT_EQ(plans[1].total("bdt", "studies", std::chrono::year{2022}), eur("10000.00"));
    EXPECT_EQ(plans[1].total("bdt", "studies", std::chrono::year{2023}), eur("30000.00"));
    EXPECT_EQ(plans[1].own_share, eur("80000.00"));  // 120 000 − 40 000
}

TEST(PerBeneficiaryCeiling, CountsTheEarlierYearsOfTheSameProject) {
    // One project over two years, ceiling 100 000 per beneficiary: 2022 150 000 → 75 000;
    // 2023 150 000 → 75 000, but 25 000 left.
    const auto p = study("A", "14047", "2022-01-10", {{2022, "150000.00"}, {2023, "150000.00"}});
    const auto r = plan_of(studies_program(CeilingScope::per_beneficiary), make_territory(), p);
    EXPECT_EQ(r.total("bdt", "studies", std::chrono::year{2022}), eur("75000.00"));
    EXPECT_EQ(r.total("bdt", "studies", std::chrono::year{2023}), eur("25000.00"));
}

TEST(GrantLedger, CarriesGrantsFromPlanToPlan) {
    const Program program = studies_program(CeilingScope::per_beneficiary);
    const Territory territory = make_territory();
    GrantLedger ledger;
    const auto a = plan_of(program, territory, study("A", "14047", "2022-01-10", {{2022, "120000.00"}}), {}, ledger);
    EXPECT_EQ(a.cash_aid, eur("60000.00"));
    EXPECT_EQ(ledger.granted(0, {BeneficiaryKind::commune, "14047"}), eur("60000.00"));
    EXPECT_EQ(ledger.granted(0, {BeneficiaryKind::commune, "14047"}, std::chrono::year{2022}), eur("60000.00"));
    EXPECT_EQ(ledger.granted(0, {BeneficiaryKind::commune, "14047"}, std::chrono::year{2023}), Money());
    EXPECT_EQ(ledger.granted(0, {BeneficiaryKind::commune, "14515"}), Money());
    // Without the ledger, the same project is taken to be the town's only one.
    const auto alone = plan_of(program, territory, study("B", "14047", "2022-03-01", {{2022, "150000.00"}}));
    EXPECT_EQ(alone.cash_aid, eur("75000.00"));
    const auto b = plan_of(program, territory, study("B", "14047", "2022-03-01", {{2022, "150000.00"}}), {}, ledger);
    EXPECT_EQ(b.cash_aid, eur("40000.00"));
    EXPECT_EQ(ledger.granted(0, {BeneficiaryKind::commune, "14047"}), eur("100000.00"));
}

TEST(GrantLedger, APlanThatThrowsRecordsNothing) {
    const Program program = studies_program(CeilingScope::per_beneficiary);
    GrantLedger ledger;
    auto bad = study("A", "14047", "2022-01-10", {{2022, "120000.00"}});
    bad.private_funding = eur("200000.00");  // more than the cost
    EXPECT_THROW((void)plan_of(program, make_territory(), bad, {}, ledger), invalid_argument);
    EXPECT_TRUE(ledger.empty());
}

TEST(PlanAll, TwoProjectsWithOneIdAreAnError) {
    const std::vector<Project> projects{study("A", "14047", "2022-01-10", {{2022, "1000.00"}}),
                                        study("A", "14515", "2022-01-10", {{2022, "1000.00"}})};
    try {
        (void)plan_all(studies_program(CeilingScope::per_beneficiary), make_territory(), projects);
        FAIL() << "expected an error";
    } catch (const invalid_argument& e) {
        EXPECT_STREQ(e.what(), "project 'A': id: declared twice");
    }
}

// Random projects of three towns against an exact oracle: served by (application date, id),
// each gets min(50 % × cost rounded down, what the ceiling leaves), per beneficiary, year by
// year; the same whatever the input order.
TEST(PerBeneficiaryCeiling, RandomProjectsAgainstAnOracle) {
    std::mt19937_64 rng(20261126);
    auto between = [&](std::int64_t lo, std::int64_t hi) {
        return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng);
    };
    const char* towns[] = {"14047", "14515", "14342"};
    const Territory territory = make_territory();
    for (int round = 0; round < 300; ++round) {
        const bool per_year = between(0, 1) == 1;
        const Money ceiling = Money::from_cents(between(0, 20'000'000));
        const Program program =
            studies_program(per_year ? CeilingScope::per_beneficiary_year : CeilingScope::per_beneficiary, ceiling);
        std::vector<Project> projects;
        const auto n = between(1, 12);
        for (std::int64_t i = 0; i < n; ++i) {
            Project p;
            p.id = "p" + std::to_string(i);
            p.owner = {BeneficiaryKind::commune, towns[between(0, 2)]};
            p.application_date = std::chrono::year{2022} / std::chrono::month{static_cast<unsigned>(between(1, 3))} /
                                 std::chrono::day{static_cast<unsigned>(between(1, 2))};
            for (int y = 2022; y <= 2024; ++y)
                if (between(0, 2) > 0)
                    p.expenses.push_back(Expense{std::chrono::year{y}, Money::from_cents(between(0, 30'000'000)),
                                                 std::nullopt, std::nullopt});
            projects.push_back(std::move(p));
        }
        // The oracle, in integer cents.
        std::vector<std::size_t> order(projects.size());
        for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
        std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
            if (*projects[a].application_date != *projects[b].application_date)
                return *projects[a].application_date < *projects[b].application_date;
            return projects[a].id < projects[b].id;
        });
        std::map<std::pair<std::string, int>, long long> used;  // (town, year or 0) → cents
        std::vector<std::map<int, long long>> expected(projects.size());
        const long long cap = ceiling.cents().convert_to<long long>();
        for (std::size_t i : order) {
            auto exps = projects[i].expenses;
            std::sort(exps.begin(), exps.end(), [](const Expense& a, const Expense& b) { return a.year < b.year; });
            for (const Expense& e : exps) {
                const long long raw = e.amount.cents().convert_to<long long>() / 2;  // 50 %, down to the cent
                long long& u = used[{projects[i].owner.id, per_year ? static_cast<int>(e.year) : 0}];
                const long long granted = std::min(raw, std::max(0LL, cap - u));
                u += granted;
                if (granted > 0) expected[i][static_cast<int>(e.year)] = granted;
            }
        }
        auto shuffled = projects;
        std::shuffle(shuffled.begin(), shuffled.end(), rng);
        const auto plans = plan_all(program, territory, projects, PlanOptions{LookupMode::strict, false});
        const auto plans2 = plan_all(program, territory, shuffled, PlanOptions{LookupMode::strict, false});
        std::map<std::string, const FundingPlan*> by_id;
        for (const auto& pl : plans2) by_id[pl.project] = &pl;
        for (std::size_t i = 0; i < projects.size(); ++i) {
            std::map<int, long long> got;
            for (const FundingLine& l : plans[i].lines) got[static_cast<int>(l.year)] += l.amount.cents().convert_to<long long>();
            ASSERT_EQ(got, expected[i]) << "round " << round << ", project " << projects[i].id;
            ASSERT_EQ(plans[i].cash_aid, by_id.at(projects[i].id)->cash_aid) << "order changed the result";
            ASSERT_EQ(plans[i].cash_aid + plans[i].own_share, plans[i].cost);
        }
    }
}

}  // namespace
