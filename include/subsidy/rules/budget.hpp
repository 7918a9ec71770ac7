// Budgets as data: a funder's limited envelope for a scope (the programme, a department, an
// EPCI), a year and one measure or all of them, with the policy that cuts the grants when they
// exceed it. What a budget does is in envelopes/budget.hpp.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "subsidy/money/money.hpp"

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

}  // namespace subsidy
