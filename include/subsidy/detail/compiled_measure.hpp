// A measure and a stacking constraint as the evaluator reads them: ids turned into indices,
// categories, natures, kinds and flags into bits (see engine/compiled_program.hpp).
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "subsidy/detail/bit_set.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/rules/program.hpp"

namespace subsidy::detail {

enum class FormulaKind : std::uint8_t { share, flat, schedule, service };

struct CompiledMeasure {
    const Measure* measure = nullptr;
    FormulaKind kind = FormulaKind::share;
    std::uint32_t id_rank = 0;  // rank of the id in string order (stacking ties)
    std::uint32_t pillar = 0;
    std::uint32_t residual = 0;
    bool residual_public = true;
    std::vector<std::uint32_t> member_funders;
    std::vector<bool> member_public;
    std::vector<FlagCondition> member_conditions;
    bool any_category = true;
    BitSet categories;
    unsigned natures = 0;  // bit per ExpenseNature; 0: any
    unsigned kinds = 0;    // bit per BeneficiaryKind; 0: any
    std::array<std::optional<std::int64_t>, beneficiary_kind_names.size()> population_below{};  // by BeneficiaryKind
    bool has_condition = false;
    FlagCondition condition;
    bool case_by_case = false;                  // share formula whose rate the request gives
    std::vector<std::uint32_t> ceiling_member;  // when_funder as a member index; no_index: always applies
    bool counts_per_beneficiary = false;
    std::uint32_t unit_kind = no_index;  // flat, or the per-unit part of a share
    bool has_bonus = false;
    FlagCondition bonus;
    bool by_membership = false;  // a service the territory's memberships give, not projects

    [[nodiscard]] bool is_public(std::uint32_t member) const {
        return member == member_funders.size() ? residual_public : static_cast<bool>(member_public[member]);
    }
    [[nodiscard]] std::uint32_t funder(std::uint32_t member) const {
        return member == member_funders.size() ? residual : member_funders[member];
    }
};

enum class ConstraintKind : std::uint8_t { exclusive, group_cap, owner_minimum, total_public_aid };

struct CompiledConstraint {
    const StackingConstraint* constraint = nullptr;
    ConstraintKind kind = ConstraintKind::exclusive;
    unsigned natures = 0;
    std::vector<bool> measures;  // by measure index (exclusive, group cap)
    bool has_condition = false;
    FlagCondition condition;
    struct Derogation {
        std::uint32_t flag;
        Rate minimum;  // the owner's minimum under it
        const std::string* name;
    };
    std::vector<Derogation> derogations;
};

}  // namespace subsidy::detail
