// Every measure a plan evaluates ends as a line or as an outcome that says why not, and
// unfunded_requests (engine/plan.hpp) names the measures asked for that gave no line — the
// engine side of the W002 warning (docs/diagnostics.md).
//
// - Outcomes.EveryAskedMeasureIsALineOrAReason: over random programmes and projects
//   (random_plans.hpp), each measure asked for by name (every measure of the programme when the
//   project asks for all) has a line or an outcome; each one unfunded_requests lists has no line
//   and an outcome with a reason; each one it does not list has a line.
// - Outcomes.BatchListsWhatThePlansList: evaluate_batch's BatchOptions::unfunded is the union of
//   unfunded_requests over plan_all's plans (same order of service, same ledger).
// - Worked cases: a flat grant with nothing to count, a project of `measures: all` that nothing
//   funds, a project with no expense.
#include <gtest/gtest.h>

#include <subsidy/batch.hpp>
#include <subsidy/engine/plan.hpp>

#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "pvd_fixture.hpp"
#include "random_plans.hpp"
#include "sanitized.hpp"

namespace {

using namespace subsidy;
using random_plans::Gen;

#if defined(SUBSIDY_TEST_SANITIZED)
constexpr int kPlans = 2'000;
#else
constexpr int kPlans = 20'000;
#endif

bool has_line(const FundingPlan& plan, const std::string& measure) {
    return std::any_of(plan.lines.begin(), plan.lines.end(), [&](const FundingLine& l) { return l.measure == measure; });
}

const MeasureOutcome* reason_of(const FundingPlan& plan, const std::string& measure) {
    for (const MeasureOutcome& o : plan.outcomes)
        if (o.measure == measure && !o.reason.empty()) return &o;
    return nullptr;
}

TEST(Outcomes, EveryAskedMeasureIsALineOrAReason) {
    int planned = 0, unfunded = 0;
    for (std::uint64_t seed = 1; planned < kPlans; ++seed) {
        Gen g(seed);
        const random_plans::World w = random_plans::random_world(g);
        const Program program = w.build();
        const CompiledProgram compiled(program);
        for (int k = 0; k < 10; ++k) {
            const Project p = random_plans::random_project(g, w);
            FundingPlan plan;
            try {
                plan = plan_of(compiled, w.territory, p);
            } catch (const subsidy::error&) {
                continue;  // a value outside its validity, in strict mode: no plan to check
            }
            ++planned;
            std::vector<std::string> asked;
            if (p.requests) {
                for (const MeasureRequest& r : *p.requests) asked.push_back(r.measure);
            } else {
                for (const Measure& m : program.measures()) asked.push_back(m.id);
            }
            const std::string where = "seed " + std::to_string(seed) + ", project " + std::to_string(k) + "\n" +
                                      random_plans::describe(w) + random_plans::describe(p);
            for (const std::string& m : asked) {
                const bool outcome = std::any_of(plan.outcomes.begin(), plan.outcomes.end(),
                                                 [&](const MeasureOutcome& o) { return o.measure == m; });
                ASSERT_TRUE(has_line(plan, m) || outcome) << "measure " << m << " vanished without a word\n" << where;
            }
            const std::vector<std::uint32_t> none = unfunded_requests(compiled, p, index_plan(program, plan));
            unfunded += static_cast<int>(none.size());
            for (std::uint32_t i : none) {
                if (i == subsidy::detail::no_index) {
                    ASSERT_FALSE(p.requests) << where;
                    ASSERT_TRUE(plan.lines.empty()) << where;
                    continue;
                }
                const std::string& m = program.measures()[i].id;
                ASSERT_FALSE(has_line(plan, m)) << where;
                ASSERT_NE(reason_of(plan, m), nullptr) << "no reason for " << m << "\n" << where;
            }
            if (p.requests) {
                for (const std::string& m : asked) {
                    if (!has_line(plan, m)) continue;
                    ASSERT_TRUE(std::none_of(none.begin(), none.end(),
                                             [&](std::uint32_t i) { return program.measures()[i].id == m; }))
                        << where;
                }
            }
        }
    }
    // Meaningful: many measures asked for gave nothing (random projects ask at random).
    EXPECT_GT(unfunded, planned / 10);
}

TEST(Outcomes, BatchListsWhatThePlansList) {
    int compared = 0;
    for (std::uint64_t seed = 1; compared < 200; ++seed) {
        Gen g(seed);
        const random_plans::World w = random_plans::random_world(g);
        const Program program = w.build();
        const CompiledProgram compiled(program);
        std::vector<Project> projects;
        for (int k = 0; k < 8; ++k) {
            projects.push_back(random_plans::random_project(g, w));
            projects.back().id = "p" + std::to_string(k);
        }
        std::vector<FundingPlan> plans;
        try {
            plans = plan_all(compiled, w.territory, projects, false);
        } catch (const subsidy::error&) {
            continue;
        }
        std::vector<std::pair<std::size_t, std::uint32_t>> expected, got;
        for (std::size_t i = 0; i < projects.size(); ++i)
            for (std::uint32_t m : unfunded_requests(compiled, projects[i], index_plan(program, plans[i])))
                expected.emplace_back(i, m);
        std::sort(expected.begin(), expected.end());  // the batch lists them sorted
        Envelopes envelopes(program, w.territory);
        BatchOptions options;
        options.threads = 2;
        options.unfunded = &got;
        (void)evaluate_batch(compiled, w.territory, projects, {}, envelopes, options);
        ASSERT_EQ(got, expected) << "seed " << seed << "\n" << random_plans::describe(w);
        ++compared;
    }
}

// VTA is a flat 15 000 € per volunteer: asked for by a project that counts none, it gives no
// line, and the outcome says there was nothing to pay for.
TEST(Outcomes, FlatGrantWithNothingToCount) {
    const Program program = pvd_fixture::make_program();
    const CompiledProgram compiled(program);
    Project p;
    p.id = "recruit";
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.category = "vta";
    p.nature = ExpenseNature::operating;
    p.flags = {"rural"};
    p.expenses = {Expense{std::chrono::year{2022}, Money::parse("30000.00"), std::nullopt, std::nullopt}};
    p.requests = std::vector<MeasureRequest>{{"vta", std::nullopt}};
    const FundingPlan plan = plan_of(compiled, pvd_fixture::make_territory(), p);
    EXPECT_TRUE(plan.lines.empty());
    const MeasureOutcome* why = reason_of(plan, "vta");
    ASSERT_NE(why, nullptr);
    EXPECT_FALSE(why->applied);
    EXPECT_EQ(why->reason, "what it pays for: no unit of kind 'volunteer' in the project");
    EXPECT_EQ(unfunded_requests(compiled, p, index_plan(program, plan)),
              std::vector<std::uint32_t>{compiled.measure_index("vta")});
    // Two volunteers: 2 × 15 000 = 30 000 €, one line, nothing unfunded.
    p.units = {UnitCount{"volunteer", 2, pvd_fixture::day("2022-03-01")}};
    const FundingPlan paid = plan_of(compiled, pvd_fixture::make_territory(), p);
    ASSERT_EQ(paid.lines.size(), 1U);
    EXPECT_EQ(paid.lines[0].amount, Money::parse("30000.00"));
    EXPECT_TRUE(unfunded_requests(compiled, p, index_plan(program, paid)).empty());
}

// A project that asks for every measure and that none funds (an unknown category and an
// operating expense no measure of its kind takes) is listed once, as no_index.
TEST(Outcomes, AllMeasuresAndNoLine) {
    const Program program = pvd_fixture::make_program();
    const CompiledProgram compiled(program);
    Project p = pvd_fixture::lead_post("64000.00", false);
    p.category = "travaux";
    p.requests.reset();
    const FundingPlan plan = plan_of(compiled, pvd_fixture::make_territory(), p);
    ASSERT_TRUE(plan.lines.empty());
    EXPECT_EQ(unfunded_requests(compiled, p, index_plan(program, plan)), std::vector<std::uint32_t>{subsidy::detail::no_index});
    // Every measure of the programme says why it did not apply.
    for (const Measure& m : program.measures()) EXPECT_NE(reason_of(plan, m.id), nullptr) << m.id;
}

// No expense at all: the project-lead share has nothing to apply to, and says so.
TEST(Outcomes, NoExpense) {
    const Program program = pvd_fixture::make_program();
    Project p = pvd_fixture::lead_post("64000.00", false);
    p.expenses.clear();
    const FundingPlan plan = plan_of(program, pvd_fixture::make_territory(), p);
    EXPECT_TRUE(plan.lines.empty());
    const MeasureOutcome* why = reason_of(plan, "pvd-project-lead");
    ASSERT_NE(why, nullptr);
    EXPECT_EQ(why->reason, "what it pays for: the project has no expense");
}

}  // namespace
