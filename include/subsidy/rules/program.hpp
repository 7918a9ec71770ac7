// The rules model: a programme is data — pillars, funders, measures (aid schemes) with their
// eligibility, amount formula and funder split, and the stacking constraints that bind the
// aids of one project. Nothing here is specific to PVD.
//
// Every rate, ceiling and amount is a Dated value carrying its source. A Program checks itself
// as it is built: an unknown pillar or funder, member rates above the combined rate, a funder
// listed twice, a stacking constraint naming an unknown measure… throw invalid_argument naming
// the measure (or constraint) and the field.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/time/dated.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"

namespace subsidy {

/// Who can receive aid.
enum class BeneficiaryKind { commune, epci, petr, syndicate, association, other };

/// Operating (salaries, running costs) or investment (works, equipment, studies of works).
enum class ExpenseNature { operating, investment };

enum class FunderKind { state, state_agency, public_bank, local_authority, european_union, private_funder };

inline constexpr std::array<EnumName<BeneficiaryKind>, 6> beneficiary_kind_names{{
    {BeneficiaryKind::commune, "commune"},
    {BeneficiaryKind::epci, "epci"},
    {BeneficiaryKind::petr, "petr"},
    {BeneficiaryKind::syndicate, "syndicate"},
    {BeneficiaryKind::association, "association"},
    {BeneficiaryKind::other, "other"},
}};
constexpr const auto& enum_names(BeneficiaryKind) { return beneficiary_kind_names; }

inline constexpr std::array<EnumName<ExpenseNature>, 2> expense_nature_names{{
    {ExpenseNature::operating, "operating"},
    {ExpenseNature::investment, "investment"},
}};
constexpr const auto& enum_names(ExpenseNature) { return expense_nature_names; }

inline constexpr std::array<EnumName<FunderKind>, 6> funder_kind_names{{
    {FunderKind::state, "state"},
    {FunderKind::state_agency, "state_agency"},
    {FunderKind::public_bank, "public_bank"},
    {FunderKind::local_authority, "local_authority"},
    {FunderKind::european_union, "european_union"},
    {FunderKind::private_funder, "private"},
}};
constexpr const auto& enum_names(FunderKind) { return funder_kind_names; }

[[nodiscard]] inline std::string to_string(BeneficiaryKind k) { return std::string(detail::name_of(k)); }
[[nodiscard]] inline std::string to_string(ExpenseNature n) { return std::string(detail::name_of(n)); }

struct Pillar {
    std::string id;
    std::string name;
};

struct Funder {
    std::string id;
    std::string name;
    FunderKind kind = FunderKind::state;
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

/// What a ceiling is counted against.
enum class CeilingScope {
    per_year,              ///< each calendar year of the project separately
    per_project,           ///< all years of the project together
    per_beneficiary,       ///< all projects and years of the same beneficiary (see GrantLedger)
    per_beneficiary_year,  ///< all projects of the same beneficiary, each calendar year apart
};

/// Written per_year… in files, "per year"… for people.
inline constexpr std::array<EnumName<CeilingScope>, 4> ceiling_scope_names{{
    {CeilingScope::per_year, "per_year", "per year"},
    {CeilingScope::per_project, "per_project", "per project"},
    {CeilingScope::per_beneficiary, "per_beneficiary", "per beneficiary"},
    {CeilingScope::per_beneficiary_year, "per_beneficiary_year", "per beneficiary and year"},
}};
constexpr const auto& enum_names(CeilingScope) { return ceiling_scope_names; }

[[nodiscard]] inline std::string to_string(CeilingScope s) { return std::string(detail::display_of(s)); }

/// Whether an annual ceiling shrinks for a partial year of service.
enum class Proration {
    none,      ///< the annual ceiling stands whatever the months covered
    by_month,  ///< ceiling × full months covered / 12
    by_day,    ///< ceiling × days covered / days in the year
};

/// Written by_month… in files, "by month"… for people.
inline constexpr std::array<EnumName<Proration>, 3> proration_names{{
    {Proration::none, "none"},
    {Proration::by_month, "by_month", "by month"},
    {Proration::by_day, "by_day", "by day"},
}};
constexpr const auto& enum_names(Proration) { return proration_names; }

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
/// rate decided case by case): then `rate` is empty and the request must supply it.
struct ShareFormula {
    std::optional<Dated<Rate>> rate;
    std::optional<Dated<Money>> base_cap;  ///< Anah: 50 % of at most 80 000 €
    std::vector<Ceiling> ceilings;         ///< first applicable one binds (see Ceiling)
    /// A variable part per unit added after the cap (Anah suivi-animation: 332 € per dwelling).
    std::optional<std::string> per_unit_kind;
    std::optional<Dated<Money>> per_unit_amount;
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

using Formula = std::variant<ShareFormula, FlatFormula, ScheduleFormula>;

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

class Program {
public:
    Program(std::string id, std::string name, std::optional<Date> valid_from = std::nullopt,
            std::optional<Date> valid_until = std::nullopt)
        : id_(std::move(id)), name_(std::move(name)), valid_from_(valid_from), valid_until_(valid_until) {
        if (id_.empty()) throw invalid_argument("program: empty id");
    }

    Program& add_pillar(Pillar p) {
        if (p.id.empty()) throw invalid_argument("program '" + id_ + "': pillar with an empty id");
        if (find_pillar(p.id)) throw invalid_argument("program '" + id_ + "': pillar '" + p.id + "' declared twice");
        pillars_.push_back(std::move(p));
        return *this;
    }
    Program& add_funder(Funder f) {
        if (f.id.empty()) throw invalid_argument("program '" + id_ + "': funder with an empty id");
        if (find_funder(f.id)) throw invalid_argument("program '" + id_ + "': funder '" + f.id + "' declared twice");
        funders_.push_back(std::move(f));
        return *this;
    }
    Program& add_measure(Measure m) {
        check(m);
        measures_.push_back(std::move(m));
        return *this;
    }
    Program& add_constraint(StackingConstraint c) {
        check(c);
        constraints_.push_back(std::move(c));
        return *this;
    }

    [[nodiscard]] const std::string& id() const noexcept { return id_; }
    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const std::optional<Date>& valid_from() const noexcept { return valid_from_; }
    [[nodiscard]] const std::optional<Date>& valid_until() const noexcept { return valid_until_; }
    [[nodiscard]] const std::vector<Pillar>& pillars() const noexcept { return pillars_; }
    [[nodiscard]] const std::vector<Funder>& funders() const noexcept { return funders_; }
    [[nodiscard]] const std::vector<Measure>& measures() const noexcept { return measures_; }
    [[nodiscard]] const std::vector<StackingConstraint>& constraints() const noexcept { return constraints_; }

    [[nodiscard]] const Pillar* find_pillar(std::string_view id) const noexcept { return find_in(pillars_, id); }
    [[nodiscard]] const Funder* find_funder(std::string_view id) const noexcept { return find_in(funders_, id); }
    [[nodiscard]] const Measure* find_measure(std::string_view id) const noexcept { return find_in(measures_, id); }
    /// Position of a pillar in the programme's declared order (for stable reports).
    [[nodiscard]] std::size_t pillar_index(std::string_view id) const {
        for (std::size_t i = 0; i < pillars_.size(); ++i)
            if (pillars_[i].id == id) return i;
        throw invalid_argument("program '" + id_ + "': unknown pillar '" + std::string(id) + "'");
    }

private:
    template <class T>
    static const T* find_in(const std::vector<T>& v, std::string_view id) noexcept {
        for (const T& x : v)
            if (x.id == id) return &x;
        return nullptr;
    }

    void check(const Measure& m) const {
        const std::string where = "measure '" + m.id + "'";
        auto fail = [&](const std::string& field, const std::string& what) {
            return invalid_argument(where + ": " + field + ": " + what);
        };
        if (m.id.empty()) throw invalid_argument("program '" + id_ + "': measure with an empty id");
        if (find_measure(m.id)) throw fail("id", "declared twice");
        if (!find_pillar(m.pillar)) throw fail("pillar", "'" + m.pillar + "' is not a pillar of program '" + id_ + "'");
        if (m.valid_from && m.valid_until && *m.valid_until < *m.valid_from)
            throw fail("validity", "ends before it starts");
        std::set<std::string> seen;
        for (const SplitMember& sm : m.members) {
            if (!find_funder(sm.funder)) throw fail("members", "unknown funder '" + sm.funder + "'");
            if (!seen.insert(sm.funder).second) throw fail("members", "funder '" + sm.funder + "' listed twice");
        }
        if (m.residual_funder.empty()) throw fail("residual_funder", "missing (the funder that takes the rest)");
        if (!find_funder(m.residual_funder)) throw fail("residual_funder", "unknown funder '" + m.residual_funder + "'");
        if (!seen.insert(m.residual_funder).second)
            throw fail("residual_funder", "funder '" + m.residual_funder + "' is also a member");
        auto non_negative = [&](const Dated<Money>& d, const char* field) {
            for (const auto& e : d.entries())
                if (e.value.sign() < 0)
                    throw fail(field, "negative amount " + to_string(e.value) + " in '" + d.name() + "'" +
                                          (e.from.year() == std::chrono::year::min() ? std::string() : " from " + to_string(e.from)));
        };
        if (const auto* share = std::get_if<ShareFormula>(&m.formula)) {
            if (share->base_cap) non_negative(*share->base_cap, "base_cap");
            for (const Ceiling& c : share->ceilings) non_negative(c.amount, "ceilings");
            if (share->per_unit_amount) non_negative(*share->per_unit_amount, "per_unit");
        } else if (const auto* flat = std::get_if<FlatFormula>(&m.formula)) {
            non_negative(flat->amount_per_unit, "amount_per_unit");
        } else if (const auto* sched = std::get_if<ScheduleFormula>(&m.formula)) {
            for (const auto& d : sched->by_scheme_year) non_negative(d, "schedule");
            for (const auto& d : sched->bonus_by_scheme_year) non_negative(d, "bonus");
        }
        for (const SplitMember& sm : m.members) {
            if (sm.base_cap) non_negative(*sm.base_cap, "members");
            if (sm.ceiling) non_negative(*sm.ceiling, "members");
        }
        if (!m.members.empty() && !std::holds_alternative<ShareFormula>(m.formula))
            throw fail("members", "only a share formula can be split between several funders");
        if (const auto* share = std::get_if<ShareFormula>(&m.formula)) {
            for (const Ceiling& c : share->ceilings)
                if (c.when_funder && !seen.count(*c.when_funder))
                    throw fail("ceilings", "condition on funder '" + *c.when_funder + "', which is not in this measure");
            if (share->per_unit_kind.has_value() != share->per_unit_amount.has_value())
                throw fail("per_unit", "needs both a unit kind and an amount per unit");
            // Member rates must fit inside the combined rate on every date either changes.
            if (share->rate && !m.members.empty()) {
                std::vector<Date> dates;
                for (const auto& e : share->rate->entries()) dates.push_back(e.from);
                for (const SplitMember& sm : m.members)
                    for (const auto& e : sm.rate.entries()) dates.push_back(e.from);
                for (const Date& d : dates) {
                    const Rate combined = share->rate->at(d, LookupMode::extrapolate).value;
                    // Members that exclude each other by condition are not summed: only
                    // unconditional members are checked against the combined rate.
                    Rate total;
                    for (const SplitMember& sm : m.members)
                        if (sm.condition.empty()) total = total + sm.rate.at(d, LookupMode::extrapolate).value;
                    if (total > combined)
                        throw fail("members", "member rates add up to " + to_string(total) + ", above the combined rate " +
                                                  to_string(combined) +
                                                  (d.year() == std::chrono::year::min() ? std::string() : " on " + to_string(d)));
                    for (const SplitMember& sm : m.members)
                        if (sm.rate.at(d, LookupMode::extrapolate).value > combined)
                            throw fail("members", "rate of '" + sm.funder + "' is above the combined rate " +
                                                      to_string(combined));
                }
            }
        } else if (const auto* sched = std::get_if<ScheduleFormula>(&m.formula)) {
            if (sched->by_scheme_year.empty()) throw fail("schedule", "no amount for any year of the scheme");
            if (sched->bonus_condition.has_value() != !sched->bonus_by_scheme_year.empty())
                throw fail("schedule", "a bonus needs both a condition and amounts");
        } else if (const auto* flat = std::get_if<FlatFormula>(&m.formula)) {
            if (flat->unit_kind.empty()) throw fail("flat", "missing unit kind");
        }
    }

    void check(const StackingConstraint& c) const {
        const std::string where = "stacking constraint '" + c.id + "'";
        if (c.id.empty()) throw invalid_argument("program '" + id_ + "': stacking constraint with an empty id");
        for (const auto& other : constraints_)
            if (other.id == c.id) throw invalid_argument(where + ": id: declared twice");
        auto check_measures = [&](const std::set<std::string>& ms, const char* field) {
            if (ms.size() < 2 && std::holds_alternative<Exclusive>(c.rule))
                throw invalid_argument(where + ": " + field + ": needs at least two measures");
            for (const auto& id : ms)
                if (!find_measure(id))
                    throw invalid_argument(where + ": " + field + ": unknown measure '" + id + "'");
        };
        if (const auto* g = std::get_if<GroupCap>(&c.rule)) check_measures(g->measures, "measures");
        if (const auto* x = std::get_if<Exclusive>(&c.rule)) check_measures(x->measures, "measures");
    }

    std::string id_;
    std::string name_;
    std::optional<Date> valid_from_;
    std::optional<Date> valid_until_;
    std::vector<Pillar> pillars_;
    std::vector<Funder> funders_;
    std::vector<Measure> measures_;
    std::vector<StackingConstraint> constraints_;
};

}  // namespace subsidy
