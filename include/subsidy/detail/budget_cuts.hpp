// The budget machinery behind apply_budgets (envelopes/budget.hpp) and the batch
// (detail/batch_worker.hpp): where an owner lies, which lines a budget covers (BudgetIndex,
// the one rule), and the policies that cut them (cut_budgets).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/money/allocate.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/rules/budget.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/attribution.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

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
    return {territory.department_of_beneficiary(owner), ""};
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

namespace detail {

// The budgets as indices: which lines each may cut (the one rule of what a budget covers).
class BudgetIndex {
public:
    BudgetIndex(const Program& program, const std::vector<Budget>& budgets) : budgets_(&budgets) {
        auto index_of = [](const auto& list, const std::string& id) {
            std::uint32_t i = 0;
            while (i < list.size() && list[i].id != id) ++i;
            return i;
        };
        for (const Budget& b : budgets)
            entries_.push_back({index_of(program.funders(), b.funder),
                                b.measure ? index_of(program.measures(), *b.measure) : no_measure, b.year});
    }
    [[nodiscard]] bool empty() const noexcept { return budgets_->empty(); }
    [[nodiscard]] std::size_t size() const noexcept { return budgets_->size(); }

    // The budgets whose scope holds the owner of `project`, in increasing order.
    [[nodiscard]] std::vector<std::uint32_t> scopes_of(const Project& project, const Territory& territory) const {
        const OwnerPlace where = owner_place(project, territory);
        std::vector<std::uint32_t> in;
        for (std::uint32_t b = 0; b < budgets_->size(); ++b)
            if (in_scope((*budgets_)[b].scope, where)) in.push_back(b);
        return in;
    }

    // Whether budget `b` may cut line `l`: a cash or pass-through line of its funder (and
    // measure, and year, when set). In-kind support is not paid from a budget.
    [[nodiscard]] bool covers(std::uint32_t b, const PlanLine& l) const {
        const Entry& e = entries_[b];
        return !l.in_kind && !l.service && e.funder == l.funder && (e.measure == no_measure || e.measure == l.measure) &&
               (!e.year || *e.year == l.year);
    }

    // Whether a budget of `in` (the owner's) may cut a line of `plan`.
    [[nodiscard]] bool binds(const LinePlan& plan, const std::vector<std::uint32_t>& in) const {
        for (const PlanLine& l : plan.lines)
            if (!l.amount.is_zero())
                for (std::uint32_t b : in)
                    if (covers(b, l)) return true;
        return false;
    }

    // The candidates of each budget: the lines of the plans (lines_of(k): plan k's), plans
    // taken in `priority` order and each plan's lines in order, that a budget of the plan's
    // owner (scopes_of(k)) covers.
    template <class LinesOf, class ScopesOf>
    [[nodiscard]] std::vector<std::vector<BudgetAsk>> candidates(const std::vector<std::size_t>& priority, LinesOf&& lines_of,
                                                                 ScopesOf&& scopes_of) const {
        std::vector<std::vector<BudgetAsk>> out(size());
        for (std::size_t k : priority) {
            const std::vector<PlanLine>& lines = lines_of(k);
            const std::vector<std::uint32_t>& in = scopes_of(k);
            for (std::size_t l = 0; l < lines.size(); ++l)
                for (std::uint32_t b : in)
                    if (covers(b, lines[l])) out[b].push_back({k, l});
        }
        return out;
    }

private:
    static constexpr std::uint32_t no_measure = 0xFFFFFFFFU;
    struct Entry {
        std::uint32_t funder;
        std::uint32_t measure;  // no_measure: every measure
        std::optional<std::chrono::year> year;
    };
    const std::vector<Budget>* budgets_;
    std::vector<Entry> entries_;
};

}  // namespace detail

}  // namespace subsidy
