// The stacking law as data: the constraints that bind all the aids of one project (applied by
// engine/stacking.hpp).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <variant>

#include "subsidy/money/rate.hpp"
#include "subsidy/rules/kinds.hpp"
#include "subsidy/rules/measure.hpp"
#include "subsidy/time/dated.hpp"

namespace subsidy {

/// Owner minimum share of the total public financing of an investment (CGCT L1111-10: 20 %,
/// L1111-9: 30 %). The denominator is the cost less private funding (our reading of the 2012
/// circular, DOMAIN.md §3.1). A project carrying one of the named derogations uses its rate.
struct OwnerMinimumShare {
    Dated<Rate> minimum;
    std::map<std::string, Rate> derogations;  ///< project flag → owner minimum under it
    std::optional<Condition> condition;       ///< e.g. L1111-9 only in chef-de-file fields
};

/// A group of measures that together may not exceed a share of the subsidisable expense
/// (DETR + DSIL + DPV + DSID ≤ 80 %, CGCT R2334-27).
struct GroupCap {
    std::set<std::string> measures;
    Dated<Rate> maximum;
};

/// Total public aid ≤ a share of the subsidisable expense (décret 2018-514 art. 10: 100 %).
struct TotalPublicAidCap {
    Dated<Rate> maximum;
};

/// Measures that cannot be combined: the one with the highest priority is kept (on a tie, the
/// greatest id: the one the stacking order would cut last).
struct Exclusive {
    std::set<std::string> measures;
};

using ConstraintRule = std::variant<OwnerMinimumShare, GroupCap, TotalPublicAidCap, Exclusive>;

struct StackingConstraint {
    std::string id;
    std::string source;
    std::set<ExpenseNature> natures = {ExpenseNature::investment};  ///< projects it binds
    ConstraintRule rule;
};

}  // namespace subsidy
