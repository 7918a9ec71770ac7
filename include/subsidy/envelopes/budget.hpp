// Budgets: a funder's limited envelope for a scope (the programme, a department, an EPCI),
// a year and one measure or all of them. When the grants asked under it exceed it, they are
// cut by a declared policy; each cut shows in the line's trace and raises the beneficiary's
// own share.
//
// Things you should know:
// - Budgets apply to finished funding plans (after stacking), in the order given; each sees
//   the amounts the budgets before it left. A budget only lowers lines, so the stacking law
//   still holds.
// - What a budget covers: the cash and pass-through lines of its funder (and measure, and
//   year, when set) of the projects whose owner lies in its scope. In-kind support is not paid
//   from a budget. A commune lies in its department and its EPCI; an EPCI in its department
//   (the one its communes share) and in itself; other bodies only in the programme's scope.
// - The other funders of a cut measure do not fill the gap: the own share grows (the default
//   and only behaviour, DESIGN.md "Budgets").
// - Policies, when the asks A exceed the budget B (nothing is cut otherwise):
//   pro_rata: B split in proportion to the asks by largest remainder, each grant within one
//     cent of B × ask / A; ties go to the earlier line in the priority order below.
//   uniform_cap: the largest cap c, in whole cents, with Σ min(ask, c) ≤ B; every grant is
//     min(ask, c), and B − Σ is reported unallocated.
//   priority: in order of the project's application date (projects without one last), then
//     project id, then the plan's line order; each line is granted in full while the budget
//     lasts, the one at the edge gets what is left, the next ones nothing.
//   Nothing is lost: Σ granted + unallocated = B when A > B, and Σ granted = A otherwise.
#pragma once

#include <set>
#include <string>
#include <vector>

#include "subsidy/detail/budget_cuts.hpp"
#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/error.hpp"
#include "subsidy/rules/budget.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

/// Checks `budgets` against the programme and territory: throws invalid_argument naming the
/// budget and the field (unknown funder or measure, a funder that does not fund the measure,
/// an unknown department or EPCI, a negative amount, an id given twice).
inline void validate_budgets(const Program& program, const Territory& territory, const std::vector<Budget>& budgets) {
    std::set<std::string> ids;
    std::set<std::string> departments;
    for (const auto& [insee, c] : territory.communes()) departments.insert(department_of(insee));
    for (const Budget& b : budgets) {
        auto fail = [&](const std::string& field, const std::string& what) {
            return invalid_argument("budget '" + b.id + "': " + field + ": " + what);
        };
        if (b.id.empty()) throw invalid_argument("budget with an empty id");
        if (!ids.insert(b.id).second) throw fail("id", "declared twice");
        if (!program.find_funder(b.funder)) throw fail("funder", "unknown funder '" + b.funder + "'");
        if (b.measure) {
            const Measure* m = program.find_measure(*b.measure);
            if (!m) throw fail("measure", "unknown measure '" + *b.measure + "'");
            if (!m->funded_by(b.funder)) throw fail("measure", "funder '" + b.funder + "' does not fund measure '" + *b.measure + "'");
        }
        if (b.amount.sign() < 0) throw fail("amount", "negative (" + to_string(b.amount) + ")");
        switch (b.scope.kind) {
            case BudgetScope::Kind::program:
                if (!b.scope.id.empty()) throw fail("scope", "the programme scope takes no id");
                break;
            case BudgetScope::Kind::department:
                if (!departments.count(b.scope.id)) throw fail("scope", "no commune of the territory in department '" + b.scope.id + "'");
                break;
            case BudgetScope::Kind::epci:
                if (!territory.find_epci(b.scope.id)) throw fail("scope", "unknown epci '" + b.scope.id + "'");
                break;
        }
    }
}

/// Applies `budgets` to `plans` (plans[i] is the plan of projects[i]), in the order given,
/// and says what each did. Cuts are recorded in the lines' traces when `trace` is true.
/// Throws invalid_argument for budgets that fail validate_budgets or plans that do not match
/// the projects; then no plan is changed.
inline std::vector<BudgetOutcome> apply_budgets(const Program& program, const Territory& territory,
                                                const std::vector<Project>& projects, std::vector<FundingPlan>& plans,
                                                const std::vector<Budget>& budgets, bool trace = true) {
    validate_budgets(program, territory, budgets);
    if (plans.size() != projects.size())
        throw invalid_argument("budgets: " + std::to_string(plans.size()) + " plans for " + std::to_string(projects.size()) +
                               " projects");
    for (std::size_t i = 0; i < plans.size(); ++i)
        if (plans[i].project != projects[i].id)
            throw invalid_argument("budgets: plan #" + std::to_string(i + 1) + " is the plan of '" + plans[i].project +
                                   "', not of project '" + projects[i].id + "'");
    const detail::BudgetIndex index(program, budgets);
    std::vector<LinePlan> indexed;
    std::vector<std::vector<std::uint32_t>> scopes;
    for (std::size_t i = 0; i < plans.size(); ++i) {
        indexed.push_back(index_plan(program, plans[i], "budgets: "));
        scopes.push_back(index.scopes_of(projects[i], territory));
    }
    const auto candidates = index.candidates(
        application_order(projects), [&](std::size_t k) -> const std::vector<PlanLine>& { return indexed[k].lines; },
        [&](std::size_t k) -> const std::vector<std::uint32_t>& { return scopes[k]; });
    return detail::cut_budgets(
        budgets, candidates, [&](const detail::BudgetAsk& a) -> Money& { return plans[a.plan].lines[a.line].amount; },
        [&](const detail::BudgetAsk& a, const Budget& b, const Money& asked, const Money& granted, const std::string& how) {
            FundingPlan& plan = plans[a.plan];
            FundingLine& line = plan.lines[a.line];
            if (trace) line.trace.cuts.push_back(Cut{b.id, b.source, asked, granted, how});
            if (!line.pass_through) {
                plan.cash_aid -= asked - granted;
                plan.own_share += asked - granted;
            }
            return BudgetCut{plan.project, line.measure, line.funder, line.year, asked, granted};
        });
}

}  // namespace subsidy
