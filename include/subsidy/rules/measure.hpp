// A measure (one aid scheme) as data: its pillar and funders, the expenses and beneficiaries
// it applies to, its amount formula (share, flat, schedule), ceilings and funder split.
#pragma once

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"
#include "subsidy/rules/kinds.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/time/dated.hpp"

namespace subsidy {

struct Pillar {
    std::string id;
    std::string name;
};

/// A funder; or a group of funders that give under one rate with no published split ("Region
/// and ADEME together 40 %"): lines go to the group, reported as such, never split between
/// its members (a budget of one member does not cover them).
struct Funder {
    std::string id;
    std::string name;
    FunderKind kind = FunderKind::state;  ///< a group's: its members' (all public or all private)
    std::vector<std::string> group{};     ///< the funders of a group; empty for a funder
    /// Public persons count for the owner-minimum and total-public-aid rules.
    [[nodiscard]] bool is_public() const noexcept { return kind != FunderKind::private_funder; }
};

/// A condition on the project's flags (e.g. "opah_ru"). Empty lists impose nothing.
struct Condition {
    std::vector<std::string> all_of;   ///< every one of these flags
    std::vector<std::string> any_of;   ///< at least one of these flags (if the list is not empty)
    std::vector<std::string> none_of;  ///< none of these flags
    [[nodiscard]] bool empty() const noexcept { return all_of.empty() && any_of.empty() && none_of.empty(); }
};

/// A ceiling on an amount. `when_funder` makes it conditional on another funder taking part
/// in the same measure (45 000 € a year, 55 000 € when Anah takes part): the first ceiling of
/// a list whose condition holds is the one used.
struct Ceiling {
    Dated<Money> amount;
    CeilingScope scope = CeilingScope::per_year;
    Proration proration = Proration::none;
    std::optional<std::string> when_funder;  ///< applies only if this funder takes part
};

/// rate × base, rounded, then capped. The rate may be left to the project's request (a DETR
/// rate decided case by case): then `rate` is empty and the request must supply it (or an
/// amount, when `amount_decided`; only an amount when not `rate_decided`). With `amount_decided`, a request may give the amount the
/// funder decided for the whole project instead: it is rounded, split over the years by their
/// base, and bound by the legal maximum (the fixed rate or `maximum_rate`, × base; the
/// ceilings) as `over_maximum` says.
struct ShareFormula {
    std::optional<Dated<Rate>> rate;
    std::optional<Dated<Money>> base_cap;  ///< Anah: 50 % of at most 80 000 €
    std::vector<Ceiling> ceilings;         ///< first applicable one binds (see Ceiling)
    /// A variable part per unit added after the cap (Anah suivi-animation: 332 € per dwelling).
    std::optional<std::string> per_unit_kind;
    std::optional<Dated<Money>> per_unit_amount;
    bool amount_decided = false;              ///< a request may give a decided amount
    bool rate_decided = true;                 ///< without `rate`: a request may give the rate
    std::optional<Dated<Rate>> maximum_rate{};  ///< bound on decided rates and amounts (case by case)
    OverMaximum over_maximum = OverMaximum::refuse;
};

/// An amount per unit (15 000 € per volunteer), whatever the expense, optionally capped at it.
struct FlatFormula {
    std::string unit_kind;
    Dated<Money> amount_per_unit;
    bool capped_at_expense = false;
};

/// A fixed amount per year of the scheme (17 500 / 12 500 / 12 500 €), year 1 being the first
/// calendar year of the project's expenses, plus an optional bonus schedule under a condition.
struct ScheduleFormula {
    std::vector<Dated<Money>> by_scheme_year;
    std::optional<Condition> bonus_condition;
    std::vector<Dated<Money>> bonus_by_scheme_year;
    bool capped_at_expense = true;
};

/// Support for which no euro value is published (Club membership, help to recruit the project
/// lead): lines of a quantity of `unit`, never euros, outside the balance and the stacking law,
/// counted in the envelopes beside the money ("Club: 12 member towns").
struct ServiceFormula {
    std::string unit;   ///< one: "member town", "recruitment"
    std::string units;  ///< several, for counts: "member towns" (default: unit + "s")
    ServicePer per = ServicePer::project;
    [[nodiscard]] const std::string& label(std::int64_t n) const { return n == 1 || units.empty() ? unit : units; }
};

using Formula = std::variant<ShareFormula, FlatFormula, ScheduleFormula, ServiceFormula>;

/// A funder inside a measure with its own rate (of the base), base cap and ceiling, taking
/// part only when its condition holds. Members are served in order, each within what the
/// measure's combined amount leaves.
struct SplitMember {
    std::string funder;
    Dated<Rate> rate;
    std::optional<Dated<Money>> base_cap;
    /// Per year; for a partial year it is prorated as the measure's applicable ceiling is
    /// (none when no ceiling of the measure applies that year).
    std::optional<Dated<Money>> ceiling;
    Condition condition;
};

struct Eligibility {
    std::set<BeneficiaryKind> beneficiary_kinds;                ///< empty: any kind
    std::map<BeneficiaryKind, std::int64_t> population_below;  ///< strict: population < n
    bool requires_membership = true;  ///< a convention with the programme, and nothing before it
    Condition condition;              ///< on the project's flags
};

struct Measure {
    std::string id;
    std::string title;
    std::string pillar;
    std::string legal_source;
    std::set<std::string> categories;  ///< expense categories it applies to; empty: any
    std::set<ExpenseNature> natures;   ///< empty: any
    Eligibility eligibility;
    std::optional<Date> valid_from;
    std::optional<Date> valid_until;
    Rounding rounding;      ///< default: down to the cent
    /// Each funder's part rounded on its own (members by their rates, the residual by the rate
    /// the members leave), the combined amount being their sum: 30 % + 15 % of 100 003 €, each
    /// down to the euro, is 30 000 + 15 000 €, where one rounding of 45 % gives 45 001 €.
    bool rounding_per_funder = false;
    BaseFigure base = BaseFigure::eligible;  ///< the expense figure rates apply to
    int priority = 0;       ///< stacking cuts take from the lowest priority first
    Formula formula;
    std::vector<SplitMember> members;  ///< served in order
    std::string residual_funder;       ///< takes the rest of the combined amount
    bool in_kind = false;              ///< support valued in euros but not paid in cash
    bool pass_through = false;         ///< paid through the beneficiary to a third party

    /// Whether `funder` pays under this measure (a member or the residual funder).
    [[nodiscard]] bool funded_by(std::string_view funder) const {
        if (residual_funder == funder) return true;
        return std::any_of(members.begin(), members.end(), [&](const SplitMember& sm) { return sm.funder == funder; });
    }
};

}  // namespace subsidy
