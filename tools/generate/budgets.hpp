// The limited budgets of a generated scenario. The generator computes no plan, so a budget is
// sized against an upper bound of what is asked under it (rate × expense, before ceilings and
// stacking), times a drawn factor: a budget below what its lines finally ask binds, one above
// the upper bound never does.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "generate/random.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"
#include "subsidy/rules/budget.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

/// What is asked under each budget, as the projects are drawn, and the budgets sized on it.
class BudgetAsks {
public:
    // Records, for the budgets of `measure`'s families, rate × expense of every year: an upper
    // bound of what the line will ask (before ceilings, stacking and other budgets). An empty
    // `department` or `epci` (a body's project) counts under no budget of that scope.
    void tally(const Project& p, std::string_view measure, const Rate& rate, const std::string& department,
               const std::string& epci) {
        for (std::size_t f = 0; f < families.size(); ++f) {
            const Family& family = families[f];
            if (family.measure != measure) continue;
            std::string scope;
            if (family.scope == BudgetScope::Kind::department) scope = department;
            if (family.scope == BudgetScope::Kind::epci) scope = epci;
            if (family.scope != BudgetScope::Kind::program && scope.empty()) continue;
            for (const Expense& e : p.expenses)
                asks_[{f, scope, family.per_year ? static_cast<int>(e.year) : 0}] += apply(e.amount * rate, Rounding());
        }
    }

    // One budget per family, scope and year with asks (fewer for EPCIs and department-years),
    // in the order of (family, scope, year).
    std::vector<Budget> size_budgets(Random& rng) const {
        static constexpr std::array<BudgetPolicy, 3> policies{BudgetPolicy::pro_rata, BudgetPolicy::uniform_cap,
                                                              BudgetPolicy::priority};
        std::vector<Budget> budgets;
        for (const auto& [key, upper_bound] : asks_) {
            const auto& [f, scope, year] = key;
            const Family& family = families[f];
            // DSIL envelopes for one EPCI in five; a departmental envelope for one year of three.
            if (family.scope == BudgetScope::Kind::epci && rng.between(0, 4) != 0) continue;
            if (family.scope == BudgetScope::Kind::department && family.per_year && rng.between(0, 2) != 0) continue;
            const BudgetPolicy policy = family.policy ? *family.policy : rng.pick(policies);
            const std::int64_t permille = rng.between(family.min_permille, family.max_permille);
            Budget b;
            b.id = std::string(family.names_measure ? family.measure : family.funder) + (scope.empty() ? "" : "-" + scope) +
                   (year ? "-" + std::to_string(year) : "");
            b.funder = std::string(family.funder);
            if (family.names_measure) b.measure = std::string(family.measure);
            b.scope = BudgetScope{family.scope, scope};
            if (year) b.year = std::chrono::year{year};
            b.amount = apply(upper_bound * Rate::fraction(permille, 1000, RateBound::unbounded),
                             Rounding(RoundingMode::down, RoundingUnit::euro()));
            b.policy = policy;
            b.source = "subsidy-generate: " + std::to_string(permille / 10) + "." + std::to_string(permille % 10) +
                       " % of rate × expense asked, before stacking";
            budgets.push_back(std::move(b));
        }
        return budgets;
    }

private:
    // The budgets sized against what is asked: one family per measure and scope.
    struct Family {
        std::string_view measure;
        std::string_view funder;
        BudgetScope::Kind scope;
        bool per_year;
        bool names_measure;  // false: every measure of the funder (the department funds only one)
        std::optional<BudgetPolicy> policy;  // empty: drawn for each budget
        int min_permille;    // the budget is this share of the upper bound of the asks...
        int max_permille;    // ...drawn between these
    };

    static constexpr std::array<Family, 5> families{{
        {"detr", "state", BudgetScope::Kind::department, false, true, BudgetPolicy::uniform_cap, 300, 1100},
        {"department-investment", "department", BudgetScope::Kind::department, true, false, BudgetPolicy::pro_rata, 400, 1200},
        {"region-investment", "region", BudgetScope::Kind::program, true, true, BudgetPolicy::priority, 500, 1100},
        {"dsil", "state", BudgetScope::Kind::epci, false, true, std::nullopt, 300, 1300},
        {"fonds-friches", "state", BudgetScope::Kind::program, true, true, BudgetPolicy::pro_rata, 500, 1000},
    }};

    // (family index, scope id, year or 0) → Σ rate × expense asked. An ordered map: the
    // budgets, and the draws that size them, follow its order.
    std::map<std::tuple<std::size_t, std::string, int>, Money> asks_;
};

}  // namespace subsidy::detail::generation
