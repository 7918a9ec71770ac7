// The one evaluator (engine/evaluator.hpp) traced and untraced: its two trace sinks
// (engine/trace.hpp) give the same plans, on random programmes and projects (random_plans.hpp).
//
// - TracedMatchesUntraced: for every random project, Evaluator<TraceRecorder> and
//   Evaluator<NoTrace> (the same template) give the same lines and balance, field by field,
//   and plan_of() with tracing on gives them too; where one throws, the other throws the same
//   exception type with the same message. Strict and extrapolating lookups both.
//   (Its suite is still Batch, the name ctest has always run it under; the batch itself is in
//   batch_test.cpp.)
#include <gtest/gtest.h>

#include <subsidy/engine/evaluator.hpp>
#include <subsidy/engine/plan.hpp>
#include <subsidy/engine/trace.hpp>

#include <optional>
#include <string>

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

TEST(Batch, TracedMatchesUntraced) {
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

}  // namespace
