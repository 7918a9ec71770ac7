// Contradictory inputs to the rules engine: each row builds a programme, a dated value or a
// project that contradicts itself and asserts the exception's class (subsidy::invalid_argument or
// subsidy::out_of_validity, both subsidy::error) and its exact what(), which must name the
// measure, project or constraint and the field at fault.
//
// Rows marked "found here" failed on the engine as committed in a550971 (the input was accepted,
// or reported without naming the project and constraint); where no exact message existed yet
// they assert the fragments any fix must contain: the measure, the field and the quoted value.
#include <gtest/gtest.h>

#include <functional>
#include <ostream>
#include <string>
#include <vector>

#include "pvd_fixture.hpp"

using namespace pvd_fixture;

namespace {

enum class Kind { invalid_argument, out_of_validity };

struct BadInput {
    std::string name;
    std::function<void()> run;
    Kind kind;
    std::string message;                 ///< the exact what(), when not empty
    std::vector<std::string> fragments;  ///< else: what() must contain each of these
};

[[maybe_unused]] void PrintTo(const BadInput& b, std::ostream* os) { *os << b.name; }

// ---- programmes -------------------------------------------------------------------------

Program base_program() {
    Program p("prog", "Test programme", day("2020-01-01"), day("2030-12-31"));
    p.add_pillar({"works", "Works"});
    p.add_funder({"state", "State", FunderKind::state})
        .add_funder({"region", "Region", FunderKind::local_authority})
        .add_funder({"bank", "Bank", FunderKind::public_bank});
    return p;
}

// (An overload rather than a default argument `= 75_pct`: clang 14 rejects a consteval
// literal as a default argument.)
Measure share_measure(Rate rate) {
    Measure m;
    m.id = "m";
    m.title = "a share measure";
    m.pillar = "works";
    m.eligibility.requires_membership = false;
    ShareFormula f;
    f.rate = since("m.rate", "2020-01-01", rate);
    m.formula = f;
    m.residual_funder = "state";
    return m;
}
Measure share_measure() { return share_measure(75_pct); }

SplitMember member(const char* funder, Rate rate, Condition condition = {}) {
    return SplitMember{funder, since((std::string("m.") + funder + ".rate").c_str(), "2020-01-01", rate), std::nullopt,
                       std::nullopt, condition};
}

ShareFormula& share_of(Measure& m) { return std::get<ShareFormula>(m.formula); }

void add(Measure m) {
    Program p = base_program();
    p.add_measure(std::move(m));
}

StackingConstraint constraint(const char* id, ConstraintRule rule) {
    return StackingConstraint{id, "test rule", {ExpenseNature::investment}, std::move(rule)};
}

// ---- projects ---------------------------------------------------------------------------

Money eur(const char* text) { return Money::parse(text); }

Expense year_expense(int year, const char* amount) {
    return Expense{std::chrono::year{year}, eur(amount), std::nullopt, std::nullopt};
}

void plan_pvd(const Project& p) { (void)plan_of(make_program(), make_territory(), p); }

Project works(std::vector<MeasureRequest> requests) {
    Project p;
    p.id = "works";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "works";
    p.nature = ExpenseNature::investment;
    p.expenses = {year_expense(2023, "500000.00")};
    p.requests = std::move(requests);
    return p;
}

// A programme whose only measure has a rate known from 2023-01-01 to `until` (open if null).
Program late_rate_program(const char* until = nullptr) {
    Program p = base_program();
    Measure m = share_measure();
    m.id = "late-rate";
    ShareFormula f;
    std::optional<Date> end;
    if (until) end = day(until);
    f.rate = Dated<Rate>("late-rate.rate", {{day("2023-01-01"), 40_pct, "test decree"}}, end);
    m.formula = f;
    p.add_measure(m);
    return p;
}

Project study(const Expense& e) {
    Project p;
    p.id = "study";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "study";
    p.expenses = {e};
    return p;
}

// ---- the tables -------------------------------------------------------------------------

std::vector<BadInput> program_cases() {
    const auto ia = Kind::invalid_argument;
    return {
        {"UnknownFunderInSplitMember",
         [] {
             Measure m = share_measure();
             m.members = {member("ghost", 25_pct)};
             add(m);
         },
         ia, "measure 'm': members: unknown funder 'ghost'", {}},
        {"UnknownResidualFunder",
         [] {
             Measure m = share_measure();
             m.residual_funder = "ghost";
             add(m);
         },
         ia, "measure 'm': residual_funder: unknown funder 'ghost'", {}},
        {"MissingResidualFunder",
         [] {
             Measure m = share_measure();
             m.residual_funder = "";
             add(m);
         },
         ia, "measure 'm': residual_funder: missing (the funder that takes the rest)", {}},
        {"ResidualFunderAlsoAMember",
         [] {
             Measure m = share_measure();
             m.members = {member("region", 25_pct)};
             m.residual_funder = "region";
             add(m);
         },
         ia, "measure 'm': residual_funder: funder 'region' is also a member", {}},
        {"FunderTwiceInMembers",
         [] {
             Measure m = share_measure();
             m.members = {member("region", 10_pct), member("region", 20_pct)};
             add(m);
         },
         ia, "measure 'm': members: funder 'region' listed twice", {}},
        {"MemberRatesAboveTheCombinedRate",
         [] {
             // 50 % + 30 % = 80 % of the base, but the measure pays 75 % of it in all.
             Measure m = share_measure(75_pct);
             m.members = {member("region", 50_pct), member("bank", 30_pct)};
             add(m);
         },
         ia, "measure 'm': members: member rates add up to 80%, above the combined rate 75% on 2020-01-01", {}},
        {"MemberRatesAboveTheCombinedRateAfterItChanges",
         [] {
             // 40 % + 30 % fit under 75 %, not under the 60 % in force from 2023.
             Measure m = share_measure();
             share_of(m).rate = Dated<Rate>("m.rate", {{day("2020-01-01"), 75_pct, "decree 1"}, {day("2023-01-01"), 60_pct, "decree 2"}});
             m.members = {member("region", 40_pct), member("bank", 30_pct)};
             add(m);
         },
         ia, "measure 'm': members: member rates add up to 70%, above the combined rate 60% on 2023-01-01", {}},
        {"ConditionalMemberRateAboveTheCombinedRate",
         [] {
             Measure m = share_measure(75_pct);
             m.members = {member("region", 80_pct, Condition{{"opah_ru"}, {}, {}})};
             add(m);
         },
         ia, "measure 'm': members: rate of 'region' is above the combined rate 75%", {}},
        {"PillarThatDoesNotExist",
         [] {
             Measure m = share_measure();
             m.pillar = "nope";
             add(m);
         },
         ia, "measure 'm': pillar: 'nope' is not a pillar of program 'prog'", {}},
        {"MeasureIdDeclaredTwice",
         [] {
             Program p = base_program();
             p.add_measure(share_measure());
             p.add_measure(share_measure(50_pct));
         },
         ia, "measure 'm': id: declared twice", {}},
        {"MeasureWithAnEmptyId",
         [] {
             Measure m = share_measure();
             m.id = "";
             add(m);
         },
         ia, "program 'prog': measure with an empty id", {}},
        {"ValidityEndingBeforeItStarts",
         [] {
             Measure m = share_measure();
             m.valid_from = day("2024-01-01");
             m.valid_until = day("2023-12-31");
             add(m);
         },
         ia, "measure 'm': validity: ends before it starts", {}},
        {"CeilingConditionalOnAFunderNotInTheMeasure",
         [] {
             Measure m = share_measure();
             m.members = {member("region", 25_pct)};
             share_of(m).ceilings = {Ceiling{since("m.ceiling", "2020-01-01", 45'000_eur), CeilingScope::per_year,
                                             Proration::none, std::string("bank")}};
             add(m);
         },
         ia, "measure 'm': ceilings: condition on funder 'bank', which is not in this measure", {}},
        {"PerUnitKindWithoutAnAmount",
         [] {
             Measure m = share_measure();
             share_of(m).per_unit_kind = "dwelling";
             add(m);
         },
         ia, "measure 'm': per_unit: needs both a unit kind and an amount per unit", {}},
        {"MembersOnAFlatFormula",
         [] {
             Measure m = share_measure();
             m.formula = FlatFormula{"volunteer", since("m.amount", "2020-01-01", 15'000_eur), false};
             m.members = {member("region", 25_pct)};
             add(m);
         },
         ia, "measure 'm': members: only a share formula can be split between several funders", {}},
        {"MembersOnASchedule",
         [] {
             Measure m = share_measure();
             m.formula = ScheduleFormula{{since("m.year1", "2020-01-01", 20'000_eur)}, std::nullopt, {}, true};
             m.members = {member("region", 25_pct)};
             add(m);
         },
         ia, "measure 'm': members: only a share formula can be split between several funders", {}},
        {"ScheduleWithoutAnyYear",
         [] {
             Measure m = share_measure();
             m.formula = ScheduleFormula{{}, std::nullopt, {}, true};
             add(m);
         },
         ia, "measure 'm': schedule: no amount for any year of the scheme", {}},
        {"ScheduleBonusConditionWithoutAmounts",
         [] {
             Measure m = share_measure();
             m.formula = ScheduleFormula{{since("m.year1", "2020-01-01", 20'000_eur)}, Condition{{"qpv"}, {}, {}}, {}, true};
             add(m);
         },
         ia, "measure 'm': schedule: a bonus needs both a condition and amounts", {}},
        {"FlatFormulaWithoutAUnitKind",
         [] {
             Measure m = share_measure();
             m.formula = FlatFormula{"", since("m.amount", "2020-01-01", 15'000_eur), false};
             add(m);
         },
         ia, "measure 'm': flat: missing unit kind", {}},
        {"NegativeCeiling",
         [] {
             // Found here: a ceiling of −45 000 € was accepted, and the plan then had a −45 000 €
             // line for the member and an own share above the cost.
             Measure m = share_measure();
             share_of(m).ceilings = {Ceiling{since("m.ceiling", "2020-01-01", -45'000_eur), CeilingScope::per_year,
                                             Proration::none, std::nullopt}};
             add(m);
         },
         ia, "", {"measure 'm': ceilings: ", "-45000.00"}},
        {"NegativeFlatAmountPerUnit",
         [] {
             // Found here: −1 000 € per volunteer was accepted and gave a −1 000 € line.
             Measure m = share_measure();
             m.formula = FlatFormula{"volunteer", since("m.amount", "2020-01-01", -1'000_eur), false};
             add(m);
         },
         ia, "", {"measure 'm': amount_per_unit: ", "-1000.00"}},
        {"StackingConstraintNamingAnUnknownMeasure",
         [] {
             Program p = base_program();
             p.add_measure(share_measure());
             p.add_constraint(constraint("cap", GroupCap{{"m", "ghost"}, since("cap.max", "2000-01-01", 80_pct)}));
         },
         ia, "stacking constraint 'cap': measures: unknown measure 'ghost'", {}},
        {"ExclusivePairNamingAnUnknownMeasure",
         [] {
             Program p = base_program();
             p.add_measure(share_measure());
             p.add_constraint(constraint("either", Exclusive{{"m", "ghost"}}));
         },
         ia, "stacking constraint 'either': measures: unknown measure 'ghost'", {}},
        {"ExclusiveWithASingleMeasure",
         [] {
             Program p = base_program();
             p.add_measure(share_measure());
             p.add_constraint(constraint("either", Exclusive{{"m"}}));
         },
         ia, "stacking constraint 'either': measures: needs at least two measures", {}},
        {"StackingConstraintDeclaredTwice",
         [] {
             Program p = base_program();
             p.add_constraint(constraint("total", TotalPublicAidCap{since("total.max", "2000-01-01", 100_pct)}));
             p.add_constraint(constraint("total", TotalPublicAidCap{since("total.max", "2000-01-01", 80_pct)}));
         },
         ia, "stacking constraint 'total': id: declared twice", {}},
        {"PillarDeclaredTwice", [] { base_program().add_pillar({"works", "Works again"}); }, ia,
         "program 'prog': pillar 'works' declared twice", {}},
        {"FunderDeclaredTwice", [] { base_program().add_funder({"bank", "Another bank", FunderKind::public_bank}); }, ia,
         "program 'prog': funder 'bank' declared twice", {}},
        {"DatedEntriesOutOfOrder",
         [] { Dated<Rate>("m.rate", {{day("2021-01-01"), 75_pct, "decree 2"}, {day("2020-01-01"), 50_pct, "decree 1"}}); },
         ia, "dated parameter 'm.rate': entry from 2020-01-01 comes after a later one (2021-01-01); entries must be in date order",
         {}},
        {"DatedEntriesWithADuplicateDate",
         [] { Dated<Rate>("m.rate", {{day("2020-01-01"), 75_pct, "decree 1"}, {day("2020-01-01"), 50_pct, "decree 2"}}); },
         ia, "dated parameter 'm.rate': entry from 2020-01-01 is a duplicate date", {}},
        {"DatedWithoutAnyValue", [] { Dated<Money>("m.ceiling", {}); }, ia, "dated parameter 'm.ceiling': no value", {}},
        {"DatedEndingBeforeItsLastValue",
         [] { Dated<Money>("m.ceiling", {{day("2020-01-01"), 45'000_eur, "decree"}}, day("2019-12-31")); }, ia,
         "dated parameter 'm.ceiling': ends on 2019-12-31, before its last value starts (2020-01-01)", {}},
    };
}

std::vector<BadInput> project_cases() {
    const auto ia = Kind::invalid_argument;
    return {
        {"NegativeCost",
         [] {
             auto p = lead_post("50000.00", false);
             p.expenses = {year_expense(2022, "-1.00")};
             plan_pvd(p);
         },
         ia, "project 'lead': expenses: negative cost -1.00 in 2022", {}},
        {"TwoExpensesForOneYear",
         [] {
             auto p = lead_post("50000.00", false);
             p.expenses.push_back(year_expense(2022, "1000.00"));
             plan_pvd(p);
         },
         ia, "project 'lead': expenses: two expenses for 2022", {}},
        {"CoveredDatesOutsideTheYear",
         [] {
             auto p = lead_post("50000.00", false);
             p.expenses[0].covered = DateRange(day("2022-04-01"), day("2023-03-31"));
             plan_pvd(p);
         },
         ia, "project 'lead': expenses: covered dates of 2022 lie outside 2022", {}},
        {"InvoiceDateOutsideTheYear",
         [] {
             auto p = lead_post("50000.00", false);
             p.expenses[0].date = day("2023-01-15");
             plan_pvd(p);
         },
         ia, "project 'lead': expenses: date 2023-01-15 is not in 2022", {}},
        {"PrivateFundingAboveTheCost",
         [] {
             auto p = lead_post("50000.00", false);
             p.private_funding = eur("60000.00");
             plan_pvd(p);
         },
         ia, "project 'lead': private_funding: 60000.00 is more than the cost 50000.00", {}},
        {"NegativePrivateFunding",
         [] {
             auto p = lead_post("50000.00", false);
             p.private_funding = eur("-0.01");
             plan_pvd(p);
         },
         ia, "project 'lead': private_funding: negative", {}},
        {"NegativeUnitCount",
         [] {
             auto p = lead_post("50000.00", false);
             p.units = {{"volunteer", -1, day("2022-09-01")}};
             plan_pvd(p);
         },
         ia, "project 'lead': units: negative count of 'volunteer'", {}},
        {"UnitWithoutAKind",
         [] {
             auto p = lead_post("50000.00", false);
             p.units = {{"", 1, day("2022-09-01")}};
             plan_pvd(p);
         },
         ia, "project 'lead': units: a unit without a kind", {}},
        {"ProjectWithAnEmptyId",
         [] {
             auto p = lead_post("50000.00", false);
             p.id = "";
             plan_pvd(p);
         },
         ia, "project with an empty id", {}},
        {"UnknownOwner",
         [] {
             auto p = lead_post("50000.00", false);
             p.owner = {BeneficiaryKind::commune, "00000"};
             plan_pvd(p);
         },
         ia, "project 'lead': owner: unknown commune '00000' (not in the territory)", {}},
        {"UnknownRequestedMeasure",
         [] {
             auto p = lead_post("50000.00", false);
             p.requests->push_back({"ghost", std::nullopt});
             plan_pvd(p);
         },
         ia, "project 'lead': measures: unknown measure 'ghost' (not in program 'pvd')", {}},
        {"MeasureAskedTwice",
         [] {
             auto p = lead_post("50000.00", false);
             p.requests->push_back({"pvd-project-lead", std::nullopt});
             plan_pvd(p);
         },
         ia, "project 'lead': measures: 'pvd-project-lead' asked twice", {}},
        {"CaseByCaseRateNotGiven", [] { plan_pvd(works({{"detr", std::nullopt}})); }, ia,
         "project 'works': measure 'detr': rate: decided case by case, the project's request must give it", {}},
        {"RateGivenForAFixedRate",
         [] {
             auto p = lead_post("50000.00", false);
             (*p.requests)[0].rate = 60_pct;
             plan_pvd(p);
         },
         ia, "project 'lead': measure 'pvd-project-lead': rate: fixed by the programme, the request cannot set it", {}},
        {"RateGivenForAFixedRateOfAMeasureThatDoesNotApply",
         [] {
             // Found here: the same contradiction as RateGivenForAFixedRate, but the project's
             // category does not match the measure, and the request's rate was silently ignored.
             auto p = lead_post("50000.00", false);
             p.category = "study";
             (*p.requests)[0].rate = 60_pct;
             plan_pvd(p);
         },
         ia, "project 'lead': measure 'pvd-project-lead': rate: fixed by the programme, the request cannot set it", {}},
        {"StrictLookupBeforeADatedValue",
         [] { (void)plan_of(late_rate_program(), make_territory(), study(year_expense(2022, "10000.00"))); },
         Kind::out_of_validity,
         "project 'study', measure 'late-rate': parameter 'late-rate.rate' has no value on 2022-01-01: its first value "
         "applies from 2023-01-01 (strict mode; extrapolate takes the nearest value)",
         {}},
        {"StrictLookupAfterADatedValueEnds",
         [] {
             Expense e = year_expense(2023, "10000.00");
             e.covered = DateRange(day("2023-07-01"), day("2023-12-31"));
             (void)plan_of(late_rate_program("2023-06-30"), make_territory(), study(e));
         },
         Kind::out_of_validity,
         "project 'study', measure 'late-rate': parameter 'late-rate.rate' has no value on 2023-07-01: it ends on "
         "2023-06-30 (strict mode; extrapolate takes the last value)",
         {}},
        {"StrictLookupOfAConstraintOutsideItsValue",
         [] {
             // Found here: the message was "parameter 'total.max' has no value on 2023-01-01: …",
             // naming neither the project nor the constraint (a measure's lookup names both).
             Program p = make_program();
             p.add_constraint(constraint("total-cap", TotalPublicAidCap{since("total.max", "2024-01-01", 90_pct)}));
             (void)plan_of(p, make_territory(), works({{"detr", 40_pct}}));
         },
         Kind::out_of_validity,
         "project 'works', constraint 'total-cap': parameter 'total.max' has no value on 2023-01-01: its first value "
         "applies from 2024-01-01 (strict mode; extrapolate takes the nearest value)",
         {}},
    };
}

std::string row_name(const ::testing::TestParamInfo<BadInput>& info) { return info.param.name; }

}  // namespace

class EngineBadInput : public ::testing::TestWithParam<BadInput> {
protected:
    static void check_message(const BadInput& row, const std::string& what) {
        if (!row.message.empty()) {
            EXPECT_EQ(what, row.message);
        }
        for (const auto& f : row.fragments) {
            EXPECT_NE(what.find(f), std::string::npos) << what << " lacks " << f;
        }
    }
};

TEST_P(EngineBadInput, ThrowsNamingTheInput) {
    const BadInput& row = GetParam();
    try {
        row.run();
        ADD_FAILURE() << row.name << ": no exception";
    } catch (const out_of_validity& e) {
        EXPECT_EQ(row.kind, Kind::out_of_validity) << "out_of_validity instead of invalid_argument: " << e.what();
        check_message(row, e.what());
    } catch (const subsidy::invalid_argument& e) {
        EXPECT_EQ(row.kind, Kind::invalid_argument) << "invalid_argument instead of out_of_validity: " << e.what();
        check_message(row, e.what());
    } catch (const subsidy::error& e) {
        ADD_FAILURE() << "another subsidy::error: " << e.what();
    }
}

INSTANTIATE_TEST_SUITE_P(EngineProgram, EngineBadInput, ::testing::ValuesIn(program_cases()), row_name);
INSTANTIATE_TEST_SUITE_P(EngineProject, EngineBadInput, ::testing::ValuesIn(project_cases()), row_name);

TEST(EngineBadInputLookup, ExtrapolateModeTakesTheNearestValueAndSaysSo) {
    // The same inputs as StrictLookupBeforeADatedValue: 40 % (the first value, from 2023) ×
    // 10 000 = 4 000, flagged `extrapolated` in the trace.
    const auto r = plan_of(late_rate_program(), make_territory(), study(year_expense(2022, "10000.00")),
                        PlanOptions{LookupMode::extrapolate, true});
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0].amount, eur("4000.00"));
    ASSERT_EQ(r.lines[0].trace.parameters.size(), 1u);
    const ParameterUse& use = r.lines[0].trace.parameters[0];
    EXPECT_EQ(use.name, "late-rate.rate");
    EXPECT_EQ(use.value, "40%");
    EXPECT_EQ(use.from, day("2023-01-01"));
    EXPECT_EQ(use.source, "test decree");
    EXPECT_TRUE(use.extrapolated);
}

TEST(EngineBadInputLookup, ExtrapolateModeAfterTheEndTakesTheLastValue) {
    Expense e = year_expense(2023, "10000.00");
    e.covered = DateRange(day("2023-07-01"), day("2023-12-31"));
    const auto r = plan_of(late_rate_program("2023-06-30"), make_territory(), study(e), PlanOptions{LookupMode::extrapolate, true});
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0].amount, eur("4000.00"));
    ASSERT_EQ(r.lines[0].trace.parameters.size(), 1u);
    EXPECT_TRUE(r.lines[0].trace.parameters[0].extrapolated);
}

TEST(EngineBadInputLookup, InsideTheValidityNothingIsExtrapolated) {
    const auto r = plan_of(late_rate_program(), make_territory(), study(year_expense(2023, "10000.00")),
                        PlanOptions{LookupMode::extrapolate, true});
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0].amount, eur("4000.00"));
    ASSERT_EQ(r.lines[0].trace.parameters.size(), 1u);
    EXPECT_FALSE(r.lines[0].trace.parameters[0].extrapolated);
}

TEST(EngineBadInputEdge, InvestmentProjectWithoutExpensesGetsAPlanOrANamedError) {
    // Found here: a project with no expense yet (cost 0) asking for nothing. The stacking
    // constraints read their rates on the "first expense date", which does not exist, and
    // plan() threw out_of_validity "parameter 'R2334-27.max' has no value on 0000-00-00: …".
    // Expected: an empty plan (cost 0, no aid) — or, if such a project is refused, an
    // invalid_argument naming the project and its expenses.
    Project p;
    p.id = "empty";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "works";
    p.nature = ExpenseNature::investment;
    p.requests = std::vector<MeasureRequest>{};
    try {
        const auto r = plan_of(make_program(), make_territory(), p);
        EXPECT_EQ(r.cash_aid, Money());
        EXPECT_EQ(r.own_share, Money());
    } catch (const subsidy::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("project 'empty': expenses"), std::string::npos) << e.what();
    } catch (const subsidy::error& e) {
        ADD_FAILURE() << "plan() threw: " << e.what();
    }
}

TEST(EngineBadInputEdge, NoExpenseNoCashAid) {
    // Found by the trust-boundary review: a volunteer (VTA: 15 000 € per volunteer, not capped
    // at the expense) on a project with `expenses: []` got 15 000 € of aid and an own share of
    // −15 000 €, because stacking (and with it the engine's invariant) was skipped without
    // expenses. The invariant binds every plan: cash aid ≤ cost − private = 0 − 0, so the line
    // is cut to 0 (and stays, with its cut) and the own share is 0.
    Project p;
    p.id = "volunteer-only";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.nature = ExpenseNature::operating;
    p.units = {{"volunteer", 1, day("2022-09-01")}};
    p.requests = std::vector<MeasureRequest>{{"vta", std::nullopt}};
    const auto r = plan_of(make_program(), make_territory(), p);
    EXPECT_EQ(r.cost, Money());
    EXPECT_EQ(r.cash_aid, Money());
    EXPECT_EQ(r.own_share, Money());
    ASSERT_EQ(r.lines.size(), 1u);
    EXPECT_EQ(r.lines[0].amount, Money());
    ASSERT_EQ(r.lines[0].trace.cuts.size(), 1u);
    EXPECT_EQ(r.lines[0].trace.cuts[0].constraint, "aid-within-expense");
    EXPECT_EQ(r.lines[0].trace.cuts[0].before, eur("15000.00"));
}
