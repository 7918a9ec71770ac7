// CompiledProject (engine/compiled_project.hpp): a project checked and read once, then planned
// as often as asked.
//
// - SamePlansAsTheProject: on random programmes and projects (random_plans.hpp), a project
//   compiled once and planned three times, between other projects, gives the plan (or the
//   error, same type and message) that Evaluator::run(Project) gives: no state is left from
//   one plan to the next.
// - Worked cases on the PVD fixture: expenses out of year order, what is checked when it is
//   compiled (and the exact messages), names the programme does not know.
#include <gtest/gtest.h>

#include <subsidy/engine/compiled_project.hpp>
#include <subsidy/engine/evaluator.hpp>
#include <subsidy/engine/plan.hpp>

#include <optional>
#include <string>
#include <vector>

#include "pvd_fixture.hpp"
#include "random_plans.hpp"
#include "sanitized.hpp"

namespace {

using namespace subsidy;
using namespace pvd_fixture;
using random_plans::Gen;

#if defined(SUBSIDY_TEST_SANITIZED)
constexpr int kProjects = 3'000;
#else
constexpr int kProjects = 30'000;
#endif

std::string describe(const PlanLine& l) {
    return std::to_string(l.measure) + "/" + std::to_string(l.funder) + "/" + std::to_string(l.member) + "/" +
           std::to_string(static_cast<int>(l.year)) + " " + to_string(l.amount) + " q" + std::to_string(l.quantity) +
           (l.in_kind ? " in kind" : "") + (l.pass_through ? " pass-through" : "") + (l.service ? " service" : "");
}

// A plan as text, every field: two plans are the same when their texts are.
std::string describe(const LinePlan& p) {
    std::string out = to_string(p.cost) + " " + to_string(p.private_funding) + " " + to_string(p.cash_aid) + " " +
                      to_string(p.own_share) + " " + to_string(p.other_resources) + " " + to_string(p.eligible_base) + "\n";
    for (const PlanLine& l : p.lines) out += describe(l) + "\n";
    return out;
}

// The plan as text, or the exception's type and message.
template <class F>
std::string outcome(F&& f) {
    try {
        return describe(f());
    } catch (const out_of_validity& e) {
        return std::string("out_of_validity: ") + e.what();
    } catch (const invalid_argument& e) {
        return std::string("invalid_argument: ") + e.what();
    }
}

TEST(CompiledProject, SamePlansAsTheProject) {
    int compared = 0, errors = 0;
    for (std::uint64_t seed = 1; compared < kProjects; ++seed) {
        Gen g(seed);
        const random_plans::World w = random_plans::random_world(g);
        const Program program = w.build();
        const CompiledProgram compiled(program);
        Evaluator<NoTrace> direct(compiled), reused(compiled);
        std::vector<Project> projects;
        for (int k = 0; k < 10; ++k) {
            projects.push_back(random_plans::random_project(g, w));
            if (g.chance(4) && projects.back().requests) projects.back().requests->push_back({"zulu", std::nullopt});
        }
        std::vector<std::optional<OwnerFacts>> facts;
        for (const Project& p : projects) {
            std::optional<OwnerFacts> f;
            try {
                f = owner_facts_of(compiled, w.territory, p);
            } catch (const invalid_argument&) {
            }
            facts.push_back(f);
        }
        std::vector<std::string> expected;
        for (std::size_t k = 0; k < projects.size(); ++k)
            expected.push_back(facts[k] ? outcome([&] { return direct.run(projects[k], *facts[k]); }) : "");
        std::vector<std::optional<CompiledProject>> once(projects.size());
        std::vector<std::string> compile_error(projects.size());
        for (std::size_t k = 0; k < projects.size(); ++k) {
            try {
                once[k].emplace(compiled, projects[k]);
            } catch (const invalid_argument& e) {
                compile_error[k] = std::string("invalid_argument: ") + e.what();
            }
        }
        for (int round = 0; round < 3; ++round)
            for (std::size_t k = 0; k < projects.size(); ++k, ++compared) {
                if (!facts[k]) continue;
                const std::string got =
                    once[k] ? outcome([&] { return reused.run(*once[k], *facts[k]); }) : compile_error[k];
                if (got.starts_with("invalid_argument") || got.starts_with("out_of_validity")) ++errors;
                ASSERT_EQ(got, expected[k]) << "seed " << seed << ", project " << k << ", round " << round << "\n"
                                            << random_plans::describe(w) << random_plans::describe(projects[k]);
            }
    }
    EXPECT_GT(errors, compared / 50);  // the errors are compared too, not only plans
}

Project three_years_out_of_order() {
    Project p = lead_post("60000", false);
    // 2024, 2022, 2023 (the convention is of April 2021); the plan lists them by year.
    p.expenses = {Expense{std::chrono::year{2024}, 60'000_eur, std::nullopt, std::nullopt},
                  Expense{std::chrono::year{2022}, 60'000_eur, std::nullopt, std::nullopt},
                  Expense{std::chrono::year{2023}, 40'000_eur, std::nullopt, std::nullopt}};
    return p;
}

TEST(CompiledProject, ExpensesInYearOrder) {
    const Program program = make_program();
    const CompiledProgram compiled(program);
    const Territory territory = make_territory();
    const Project p = three_years_out_of_order();
    const CompiledProject c(compiled, p);
    ASSERT_EQ(c.expenses().size(), 3U);
    EXPECT_EQ(c.expenses()[0].year, std::chrono::year{2022});
    EXPECT_EQ(c.expenses()[1].year, std::chrono::year{2023});
    EXPECT_EQ(c.expenses()[2].year, std::chrono::year{2024});
    // 60 000 + 60 000 + 40 000 = 160 000; no eligible base or HT given: the same.
    EXPECT_EQ(c.cost(), 160'000_eur);
    EXPECT_EQ(c.eligible_base(), 160'000_eur);

    Evaluator<NoTrace> evaluator(compiled);
    const LinePlan& lp = evaluator.run(c, owner_facts_of(compiled, territory, p));
    // No OPAH flag, so Anah takes no part; BdT 25 % within its 15 000 € ceiling, ANCT the rest:
    // 2022: 75 % × 60 000 = 45 000 (the ceiling) → BdT 25 % × 60 000 = 15 000 (its ceiling), ANCT 30 000;
    // 2023: 75 % × 40 000 = 30 000 → BdT 25 % × 40 000 = 10 000, ANCT 20 000;
    // 2024: as 2022.
    ASSERT_EQ(lp.lines.size(), 6U);
    const std::vector<std::pair<int, Money>> expected = {{2022, 15'000_eur}, {2022, 30'000_eur}, {2023, 10'000_eur},
                                                         {2023, 20'000_eur}, {2024, 15'000_eur}, {2024, 30'000_eur}};
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(static_cast<int>(lp.lines[i].year), expected[i].first) << i;
        EXPECT_EQ(lp.lines[i].amount, expected[i].second) << i;
    }
    // 160 000 − (45 000 + 30 000 + 45 000) = 40 000.
    EXPECT_EQ(lp.own_share, 40'000_eur);
}

TEST(CompiledProject, KeepsTheProjectsOwnExpensesWhenInOrder) {
    const Program program = make_program();
    const CompiledProgram compiled(program);
    Project p = three_years_out_of_order();
    std::swap(p.expenses[0], p.expenses[1]);  // 2022, 2024, 2023
    std::swap(p.expenses[1], p.expenses[2]);  // 2022, 2023, 2024
    const CompiledProject c(compiled, p);
    EXPECT_EQ(c.expenses().data(), p.expenses.data());  // no copy
}

std::string compile_error(const Program& program, const Project& p) {
    const CompiledProgram compiled(program);
    try {
        CompiledProject c(compiled, p);
    } catch (const invalid_argument& e) {
        return e.what();
    }
    return "";
}

TEST(CompiledProject, ChecksWhenCompiled) {
    const Program program = make_program();
    Project p = lead_post("60000", false);
    EXPECT_EQ(compile_error(program, p), "");

    Project unknown = p;
    unknown.requests->push_back({"ghost", std::nullopt});
    EXPECT_EQ(compile_error(program, unknown), "project 'lead': measures: unknown measure 'ghost' (not in program 'pvd')");

    Project fixed = p;
    fixed.requests->front().rate = 80_pct;
    EXPECT_EQ(compile_error(program, fixed),
              "project 'lead': measure 'pvd-project-lead': rate: fixed by the programme, the request cannot set it");

    Project no_rate = p;
    no_rate.requests->push_back({"detr", std::nullopt});
    EXPECT_EQ(compile_error(program, no_rate),
              "project 'lead': measure 'detr': rate: decided case by case, the project's request must give it");

    Project negative = p;
    negative.expenses.front().amount = -1_eur;
    EXPECT_EQ(compile_error(program, negative), "project 'lead': expenses: negative cost -1.00 in 2022");

    Project ceiling = p;
    ceiling.ceilings.push_back({"prefect", "nowhere", 10'000_eur, CeilingScope::per_year, ""});
    EXPECT_EQ(compile_error(program, ceiling), "project 'lead': ceiling 'prefect': unknown measure 'nowhere'");
}

TEST(CompiledProject, RefusesAnotherProgramsEvaluator) {
    const Program program = make_program();
    const CompiledProgram one(program), other(program);
    const Project p = lead_post("60000", false);
    const CompiledProject c(one, p);
    Evaluator<NoTrace> evaluator(other);
    try {
        (void)evaluator.run(c, owner_facts_of(other, make_territory(), p));
        FAIL() << "planned with another compiled programme";
    } catch (const invalid_argument& e) {
        EXPECT_STREQ(e.what(), "project 'lead': compiled for another program");
    }
}

TEST(CompiledProject, NamesTheProgrammeDoesNotKnow) {
    const Program program = make_program();
    const CompiledProgram compiled(program);
    Project p = lead_post("60000", true);  // opah_ru: Anah takes part
    p.flags.insert("not_a_flag");
    p.units.push_back({"not_a_kind", 3, day("2022-01-01")});
    const CompiledProject c(compiled, p);
    EXPECT_TRUE(c.flags().test(compiled.flag("opah_ru")));
    EXPECT_TRUE(c.units().empty());  // no measure counts that kind
    EXPECT_EQ(c.category(), compiled.category("project_lead_post"));

    Project other = p;
    other.category = "not_a_category";
    EXPECT_EQ(CompiledProject(compiled, other).category(), subsidy::detail::no_index);
}

}  // namespace
