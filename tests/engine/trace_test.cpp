// The one evaluator (engine/evaluator.hpp) traced and untraced: its two trace sinks
// (engine/trace.hpp) give the same plans, on random programmes and projects (random_plans.hpp).
//
// - TracedMatchesUntraced: for every random project, Evaluator<TraceRecorder> and
//   Evaluator<NoTrace> (the same template) give the same lines and balance, field by field,
//   and plan_of() with tracing on gives them too; where one throws, the other throws the same
//   exception type with the same message. Strict and extrapolating lookups both.
// - PlanOf: the one-call API: `FundingPlan plan = plan_of(…)` compiles and gives the traced
//   plan, the same with the programme compiled once; the recorder's trace of a worked case.
#include <gtest/gtest.h>

#include <subsidy/engine/evaluator.hpp>
#include <subsidy/engine/plan.hpp>
#include <subsidy/engine/trace.hpp>

#include <optional>
#include <string>

#include "pvd_fixture.hpp"
#include "random_plans.hpp"
#include "sanitized.hpp"

namespace {

using namespace subsidy;
using random_plans::Gen;

#if defined(SUBSIDY_TEST_SANITIZED)
constexpr int kPlans = 5'000;
#else
constexpr int kPlans = 50'000;
#endif

std::string describe_line(const FundingLine& l) {
    return l.measure + "/" + l.funder + "/" + l.pillar + "/" + std::to_string(static_cast<int>(l.year)) + " " +
           to_string(l.amount) + (l.in_kind ? " in kind" : "") + (l.pass_through ? " pass-through" : "");
}

// "" when the plans are the same.
std::string plan_difference(const FundingPlan& a, const FundingPlan& b) {
    if (a.project != b.project) return "project " + a.project + " vs " + b.project;
    if (a.cost != b.cost || a.private_funding != b.private_funding || a.cash_aid != b.cash_aid || a.own_share != b.own_share)
        return "balance " + to_string(a.cash_aid) + "/" + to_string(a.own_share) + " vs " + to_string(b.cash_aid) + "/" +
               to_string(b.own_share);
    if (a.lines.size() != b.lines.size())
        return std::to_string(a.lines.size()) + " lines vs " + std::to_string(b.lines.size());
    for (std::size_t i = 0; i < a.lines.size(); ++i) {
        const FundingLine &x = a.lines[i], &y = b.lines[i];
        if (x.measure != y.measure || x.funder != y.funder || x.pillar != y.pillar || x.year != y.year || x.amount != y.amount ||
            x.in_kind != y.in_kind || x.pass_through != y.pass_through)
            return "line " + std::to_string(i) + ": " + describe_line(x) + " vs " + describe_line(y);
    }
    if (!a.outcomes.empty() || !b.outcomes.empty()) return "outcomes in an untraced plan";
    return "";
}

// What a call gives: a plan, or the exception's kind and message.
struct Outcome {
    std::optional<FundingPlan> plan;
    std::string error;
};

template <class F>
Outcome outcome_of(F&& f) {
    try {
        return {f(), ""};
    } catch (const out_of_validity& e) {
        return {std::nullopt, std::string("out_of_validity: ") + e.what()};
    } catch (const invalid_argument& e) {
        return {std::nullopt, std::string("invalid_argument: ") + e.what()};
    }
}

TEST(Evaluator, TracedMatchesUntraced) {
    int compared = 0, errors = 0, lines = 0;
    for (std::uint64_t seed = 1; compared < kPlans; ++seed) {
        Gen g(seed);
        const random_plans::World w = random_plans::random_world(g);
        const Program program = w.build();
        for (LookupMode lookup : {LookupMode::strict, LookupMode::extrapolate}) {
            const CompiledProgram compiled(program, lookup);
            Evaluator<NoTrace> untraced(compiled);
            Evaluator<TraceRecorder> traced(compiled);
            for (int k = 0; k < 10; ++k, ++compared) {
                Project p = random_plans::random_project(g, w);
                if (g.chance(3)) p.owner.id = "nobody";                       // unknown owner
                if (g.chance(3) && p.requests) p.requests->push_back({"zulu", std::nullopt});  // unknown measure
                const Outcome expected = outcome_of([&] {
                    return name_plan(program, p.id, untraced.run(p, owner_facts_of(compiled, w.territory, p)));
                });
                const Outcome got = outcome_of([&] {
                    FundingPlan fp = name_plan(program, p.id, traced.run(p, owner_facts_of(compiled, w.territory, p)));
                    traced.trace().into(fp);
                    EXPECT_EQ(fp.lines.size(), plan_of(compiled, w.territory, p).lines.size());
                    for (FundingLine& l : fp.lines) l.trace = {};
                    fp.outcomes.clear();
                    return fp;
                });
                if (!expected.plan) {
                    ++errors;
                    ASSERT_EQ(got.error, expected.error) << "seed " << seed << ", project " << k << "\n"
                                                         << random_plans::describe(w) << random_plans::describe(p);
                    continue;
                }
                ASSERT_EQ(got.error, "") << "seed " << seed << ", project " << k << ": the untraced run gave a plan\n"
                                         << random_plans::describe(w) << random_plans::describe(p);
                lines += static_cast<int>(expected.plan->lines.size());
                ASSERT_EQ(plan_difference(*got.plan, *expected.plan), "")
                    << "seed " << seed << ", project " << k << "\n"
                    << random_plans::describe(w) << random_plans::describe(p) << random_plans::describe(*expected.plan);
                // The trace explains every line: a traced plan has one check or parameter per line.
                const FundingPlan explained = plan_of(compiled, w.territory, p);
                for (const FundingLine& l : explained.lines)
                    ASSERT_FALSE(l.trace.checks.empty() && l.trace.parameters.empty()) << "seed " << seed << ": an empty trace";
            }
        }
    }
    // The run is meaningful: many plans with lines, some errors.
    EXPECT_GT(lines, compared);
    EXPECT_GT(errors, compared / 50);
}

// A variable named `plan` can hold the result of the call (the function is plan_of, not plan).
TEST(PlanOf, NamedPlanIsOneCall) {
    const Program program = pvd_fixture::make_program();
    const Territory territory = pvd_fixture::make_territory();
    const Project project = pvd_fixture::lead_post("64000.00", false);
    FundingPlan plan = plan_of(program, territory, project);
    // 75 % × 64 000 = 48 000 > 45 000 → combined 45 000; BdT 25 % × 64 000 = 16 000 > 15 000
    // → 15 000; ANCT the rest 30 000; own share 64 000 − 45 000 = 19 000.
    EXPECT_EQ(plan.cash_aid, Money::parse("45000.00"));
    EXPECT_EQ(plan.total("bdt"), Money::parse("15000.00"));
    EXPECT_EQ(plan.total("anct"), Money::parse("30000.00"));
    EXPECT_EQ(plan.own_share, Money::parse("19000.00"));
    // The same with the programme compiled once; traced by default.
    const CompiledProgram compiled(program);
    const FundingPlan again = plan_of(compiled, territory, project);
    ASSERT_EQ(again.lines.size(), plan.lines.size());
    for (std::size_t i = 0; i < plan.lines.size(); ++i) {
        EXPECT_EQ(again.lines[i].amount, plan.lines[i].amount);
        EXPECT_EQ(again.lines[i].trace.exact_amount, plan.lines[i].trace.exact_amount);
    }
    EXPECT_FALSE(plan.outcomes.empty());
}

// What the recorder writes for the binding ceiling of the worked case above: the exact
// product, the one rounding, the ceiling that bound, and the residual's note.
TEST(PlanOf, RecorderTracesTheWorkedCase) {
    const FundingPlan plan =
        plan_of(pvd_fixture::make_program(), pvd_fixture::make_territory(), pvd_fixture::lead_post("64000.00", false));
    const FundingLine* anct = nullptr;
    for (const FundingLine& l : plan.lines)
        if (l.funder == "anct") anct = &l;
    ASSERT_NE(anct, nullptr);
    EXPECT_EQ(anct->trace.exact_amount, "75% × 64000.00 = 48000.00");
    EXPECT_EQ(anct->trace.base, Money::parse("64000.00"));
    bool bound = false;
    for (const CeilingUse& c : anct->trace.ceilings) bound |= c.bound && c.amount == Money::parse("45000.00");
    EXPECT_TRUE(bound) << "the 45 000 € ceiling is not traced as binding";
    ASSERT_FALSE(anct->trace.notes.empty());
    EXPECT_EQ(anct->trace.notes.back(), "anct takes the rest: 30000.00");
    // Untraced, the same amounts and no trace at all.
    const FundingPlan quiet = plan_of(pvd_fixture::make_program(), pvd_fixture::make_territory(),
                                      pvd_fixture::lead_post("64000.00", false), PlanOptions{LookupMode::strict, false});
    ASSERT_EQ(quiet.lines.size(), plan.lines.size());
    for (const FundingLine& l : quiet.lines) {
        EXPECT_TRUE(l.trace.checks.empty() && l.trace.parameters.empty() && l.trace.notes.empty());
    }
    EXPECT_TRUE(quiet.outcomes.empty());
}

}  // namespace
