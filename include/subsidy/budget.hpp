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

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "subsidy/allocate.hpp"
#include "subsidy/attribution.hpp"
#include "subsidy/engine.hpp"
#include "subsidy/error.hpp"
#include "subsidy/funding_plan.hpp"
#include "subsidy/money.hpp"
#include "subsidy/program.hpp"
#include "subsidy/project.hpp"
#include "subsidy/territory.hpp"

namespace subsidy {

enum class BudgetPolicy { pro_rata, uniform_cap, priority };

[[nodiscard]] inline std::string to_string(BudgetPolicy p) {
    switch (p) {
        case BudgetPolicy::pro_rata: return "pro_rata";
        case BudgetPolicy::uniform_cap: return "uniform_cap";
        case BudgetPolicy::priority: return "priority";
    }
    return "?";
}

struct BudgetScope {
    enum class Kind { program, department, epci };
    Kind kind = Kind::program;
    std::string id;  ///< department code or EPCI SIREN; empty for the programme
};

struct Budget {
    std::string id;
    std::string funder;
    std::optional<std::string> measure;     ///< empty: every measure of the funder
    BudgetScope scope;
    std::optional<std::chrono::year> year;  ///< empty: every year
    Money amount;
    BudgetPolicy policy = BudgetPolicy::pro_rata;
    std::string source;
};

/// A line a budget lowered.
struct BudgetCut {
    std::string project;
    std::string measure;
    std::string funder;
    std::chrono::year year;
    Money asked;
    Money granted;
};

/// What a budget did: Σ asked, Σ granted, the rest of the budget, the lines it cut.
struct BudgetOutcome {
    std::string budget;
    BudgetPolicy policy = BudgetPolicy::pro_rata;
    Money amount;
    Money asked;
    Money granted;
    Money unallocated;              ///< amount − granted (what was not used or could not be placed)
    std::optional<Money> uniform_cap;  ///< the cap found, for uniform_cap when it binds
    std::size_t lines = 0;          ///< lines under the budget
    std::vector<BudgetCut> cuts;
};

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

namespace detail {

// Where the owner of a project lies, for budget scopes ("" where it is not known).
struct OwnerPlace {
    std::string department;
    std::string epci;
};

inline OwnerPlace owner_place(const Project& project, const Territory& territory) {
    const BeneficiaryRef& owner = project.owner;
    if (owner.kind == BeneficiaryKind::commune) {
        if (const Commune* c = territory.find_commune(owner.id)) return {department_of(c->insee), c->epci};
    } else if (owner.kind == BeneficiaryKind::epci) {
        return {department_of_epci(territory, owner.id), owner.id};
    }
    return {};
}

inline bool in_scope(const BudgetScope& scope, const OwnerPlace& where) {
    switch (scope.kind) {
        case BudgetScope::Kind::program: return true;
        case BudgetScope::Kind::department: return !where.department.empty() && where.department == scope.id;
        case BudgetScope::Kind::epci: return !where.epci.empty() && where.epci == scope.id;
    }
    return false;
}

// The largest c in cents with Σ min(ask, c) ≤ budget, given Σ asks > budget.
inline Money uniform_cap(std::vector<Money> asks, const Money& budget) {
    std::sort(asks.begin(), asks.end());
    Money left = budget;
    std::size_t n = asks.size();
    for (const Money& a : asks) {
        // Every remaining ask is ≥ a: if each can have a, grant it and go on.
        if (!(a * static_cast<long long>(n) > left)) {
            left -= a;
            --n;
            continue;
        }
        return Money::from_cents(left.cents() / static_cast<long long>(n));  // floor: non-negative
    }
    return asks.empty() ? Money() : asks.back();  // not reached when Σ asks > budget
}

}  // namespace detail

namespace detail {

// A line a budget may cut: plan and line positions, as the caller numbers them.
struct BudgetAsk {
    std::size_t plan;
    std::size_t line;
};

// Applies each budget, in order, to its candidate lines (candidates[b]: the lines of its
// funder, measure, year and scope, in priority order). `amount(ask)` gives a line's amount
// (a reference, lowered in place); `cut(ask, budget, asked, granted, how)` records a cut.
// Lines an earlier budget took to zero are not asked for.
template <class AmountOf, class RecordCut>
std::vector<BudgetOutcome> cut_budgets(const std::vector<Budget>& budgets, const std::vector<std::vector<BudgetAsk>>& candidates,
                                       AmountOf&& amount, RecordCut&& cut) {
    std::vector<BudgetOutcome> outcomes;
    outcomes.reserve(budgets.size());
    for (std::size_t bi = 0; bi < budgets.size(); ++bi) {
        const Budget& b = budgets[bi];
        BudgetOutcome out{b.id, b.policy, b.amount, {}, {}, {}, std::nullopt, 0, {}};
        std::vector<BudgetAsk> asks;  // in priority order
        std::vector<Money> amounts;
        for (const BudgetAsk& a : candidates[bi]) {
            const Money& m = amount(a);
            if (m.is_zero()) continue;
            asks.push_back(a);
            amounts.push_back(m);
            out.asked += m;
        }
        out.lines = asks.size();
        std::vector<Money> granted = amounts;
        std::string how;
        if (out.asked > b.amount) {
            switch (b.policy) {
                case BudgetPolicy::pro_rata:
                    granted = allocate(b.amount, amounts);
                    how = "pro rata: budget " + to_string(b.amount) + " for " + to_string(out.asked) + " asked";
                    break;
                case BudgetPolicy::uniform_cap: {
                    const Money cap = uniform_cap(amounts, b.amount);
                    out.uniform_cap = cap;
                    for (Money& g : granted) g = std::min(g, cap);
                    how = "uniform cap " + to_string(cap) + ": budget " + to_string(b.amount) + " for " +
                          to_string(out.asked) + " asked";
                    break;
                }
                case BudgetPolicy::priority: {
                    Money left = b.amount;
                    for (Money& g : granted) {
                        g = std::min(g, left);
                        left -= g;
                    }
                    how = "by priority (application date, then project): budget " + to_string(b.amount) + " for " +
                          to_string(out.asked) + " asked";
                    break;
                }
            }
        }
        for (std::size_t k = 0; k < asks.size(); ++k) {
            out.granted += granted[k];
            if (granted[k] == amounts[k]) continue;
            amount(asks[k]) = granted[k];
            out.cuts.push_back(cut(asks[k], b, amounts[k], granted[k], how));
        }
        out.unallocated = b.amount - out.granted;
        outcomes.push_back(std::move(out));
    }
    return outcomes;
}

}  // namespace detail

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
    // The cash lines of each funder, in priority order (application date, then project id,
    // then the plan's line order); each budget's candidates are those of its funder.
    std::map<std::string, std::vector<detail::BudgetAsk>> lines_of;
    std::vector<detail::OwnerPlace> where(projects.size());
    for (std::size_t i = 0; i < projects.size(); ++i) where[i] = detail::owner_place(projects[i], territory);
    for (std::size_t i : application_order(projects))
        for (std::size_t l = 0; l < plans[i].lines.size(); ++l)
            if (!plans[i].lines[l].in_kind) lines_of[plans[i].lines[l].funder].push_back({i, l});
    std::vector<std::vector<detail::BudgetAsk>> candidates;
    candidates.reserve(budgets.size());
    for (const Budget& b : budgets) {
        candidates.emplace_back();
        for (const detail::BudgetAsk& a : lines_of[b.funder]) {
            const FundingLine& line = plans[a.plan].lines[a.line];
            if ((!b.measure || line.measure == *b.measure) && (!b.year || line.year == *b.year) &&
                detail::in_scope(b.scope, where[a.plan]))
                candidates.back().push_back(a);
        }
    }
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
