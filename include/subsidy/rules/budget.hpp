// Budgets as data: a funder's limited envelope for a scope (the programme, a department, an
// EPCI), a year and one measure or all of them, with the policy that cuts the grants when they
// exceed it, and what a budget did (BudgetOutcome). The cutting is in envelopes/budget.hpp.
#pragma once

#include <array>
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/money/money.hpp"

namespace subsidy {

enum class BudgetPolicy { pro_rata, uniform_cap, priority };

inline constexpr std::array<EnumName<BudgetPolicy>, 3> budget_policy_names{{
    {BudgetPolicy::pro_rata, "pro_rata"},
    {BudgetPolicy::uniform_cap, "uniform_cap"},
    {BudgetPolicy::priority, "priority"},
}};
constexpr const auto& enum_names(BudgetPolicy) { return budget_policy_names; }

[[nodiscard]] inline std::string to_string(BudgetPolicy p) { return std::string(detail::name_of(p)); }

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

}  // namespace subsidy
