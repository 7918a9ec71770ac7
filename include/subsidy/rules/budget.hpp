// Budgets as data: a funder's limited envelope for a scope (the programme, a department, an
// EPCI), a year and one measure or all of them, with the policy that cuts the grants when they
// exceed it. What a budget does is in envelopes/budget.hpp.
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>

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

}  // namespace subsidy
