// The rules model: a programme is data — pillars, funders, measures (aid schemes) with their
// eligibility, amount formula and funder split, and the stacking constraints that bind the
// aids of one project. Nothing here is specific to PVD.
//
// Every rate, ceiling and amount is a Dated value carrying its source. A Program checks itself
// as it is built: an unknown pillar or funder, member rates above the combined rate, a funder
// listed twice, a stacking constraint naming an unknown measure… throw invalid_argument naming
// the measure (or constraint) and the field.
#pragma once
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/rules/kinds.hpp"
#include "subsidy/rules/measure.hpp"
#include "subsidy/rules/stacking.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/time/dated.hpp"

namespace subsidy {

/// What a catalog says once for all its projects and measures, so that a small plan need not
/// repeat it (docs/catalog-format.md, "defaults"): a project without `nature` or `category`
/// takes these; a measure that does not say whether it needs the convention takes
/// `membership`.
struct ProgramDefaults {
    std::optional<ExpenseNature> nature;
    std::optional<std::string> category;
    bool membership = true;
};

/// The population a programme selects its towns under ("fewer than 20,000 inhabitants"): a
/// guideline of the selection, not a condition of its measures. A member commune at or above
/// it is computed like the others, and said (the scenario reader's warning W008).
struct PopulationGuideline {
    std::int64_t below = 0;
    std::string source;
};

class Program {
public:
    Program(std::string id, std::string name, std::optional<Date> valid_from = std::nullopt,
            std::optional<Date> valid_until = std::nullopt)
        : id_(std::move(id)), name_(std::move(name)), valid_from_(valid_from), valid_until_(valid_until) {
        if (id_.empty()) throw invalid_argument("program: empty id");
        if (valid_from_ && valid_until_ && *valid_until_ < *valid_from_)
            throw invalid_argument("program '" + id_ + "': validity: ends before it starts");
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
        check_group(f);
        funders_.push_back(std::move(f));
        return *this;
    }
    Program& add_measure(Measure m) {
        check(m);
        measure_index_.emplace(m.id, measures_.size());
        measures_.push_back(std::move(m));
        return *this;
    }
    Program& add_constraint(StackingConstraint c) {
        check(c);
        constraints_.push_back(std::move(c));
        return *this;
    }

    /// The catalog's defaults (read before its measures, which take `membership` from them).
    Program& set_defaults(ProgramDefaults d) {
        defaults_ = std::move(d);
        return *this;
    }
    [[nodiscard]] const ProgramDefaults& defaults() const noexcept { return defaults_; }
    /// A normative catalog cites a source for every measure (the reader requires it).
    Program& set_normative(bool normative) noexcept {
        normative_ = normative;
        return *this;
    }
    [[nodiscard]] bool normative() const noexcept { return normative_; }
    Program& set_population_guideline(std::optional<PopulationGuideline> g) {
        if (g && g->below <= 0) throw invalid_argument("program '" + id_ + "': population_guideline: below must be positive");
        population_guideline_ = std::move(g);
        return *this;
    }
    [[nodiscard]] const std::optional<PopulationGuideline>& population_guideline() const noexcept { return population_guideline_; }

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
    /// A measure by id, in constant time: a catalog may have thousands of measures.
    [[nodiscard]] const Measure* find_measure(std::string_view id) const {
        const auto it = measure_index_.find(id);
        return it == measure_index_.end() ? nullptr : &measures_[it->second];
    }
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

    using Fail = std::function<invalid_argument(const std::string& field, const std::string& what)>;

    // A group names at least two funders declared before it, none a group, each once, all public
    // or all private; it takes their kind's publicness.
    void check_group(Funder& f) const {
        if (f.group.empty()) return;
        const std::string where = "program '" + id_ + "': funder group '" + f.id + "': ";
        if (f.group.size() < 2) throw invalid_argument(where + "needs at least two funders");
        std::set<std::string> seen;
        std::optional<bool> is_public;
        for (const std::string& id : f.group) {
            const Funder* m = find_funder(id);
            if (!m) throw invalid_argument(where + "unknown funder '" + id + "' (declare it before the group)");
            if (!m->group.empty()) throw invalid_argument(where + "'" + id + "' is itself a group");
            if (!seen.insert(id).second) throw invalid_argument(where + "'" + id + "' listed twice");
            if (is_public && *is_public != m->is_public())
                throw invalid_argument(where + "mixes public and private funders, whose aid the stacking law counts apart");
            is_public = m->is_public();
            if (id == f.group.front()) f.kind = m->kind;
        }
    }

    // In this order, so that a measure with several faults reports the same one each time.
    void check(const Measure& m) const {
        const std::string where = "measure '" + m.id + "'";
        const Fail fail = [&](const std::string& field, const std::string& what) {
            return invalid_argument(where + ": " + field + ": " + what);
        };
        if (m.id.empty()) throw invalid_argument("program '" + id_ + "': measure with an empty id");
        if (find_measure(m.id)) throw fail("id", "declared twice");
        if (!find_pillar(m.pillar)) throw fail("pillar", "'" + m.pillar + "' is not a pillar of program '" + id_ + "'");
        if (m.valid_from && m.valid_until && *m.valid_until < *m.valid_from)
            throw fail("validity", "ends before it starts");
        const std::set<std::string> funders = check_funders(m, fail);
        check_amounts(m, fail);
        if (!m.members.empty() && !std::holds_alternative<ShareFormula>(m.formula))
            throw fail("members", "only a share formula can be split between several funders");
        if (m.rounding_per_funder && m.members.empty())
            throw fail("rounding", "per funder needs members: a measure with one funder rounds once");
        if (const auto* share = std::get_if<ShareFormula>(&m.formula)) {
            for (const Ceiling& c : share->ceilings)
                if (c.when_funder && !funders.count(*c.when_funder))
                    throw fail("ceilings", "condition on funder '" + *c.when_funder + "', which is not in this measure");
            if (share->per_unit_kind.has_value() != share->per_unit_amount.has_value())
                throw fail("per_unit", "needs both a unit kind and an amount per unit");
            if (share->rate && !m.members.empty()) check_member_rates(m, *share->rate, fail);
            if (share->rate && share->maximum_rate)
                throw fail("maximum_rate", "the rate is fixed, so it is the maximum: give maximum_rate with a rate decided case by case");
        } else if (const auto* sched = std::get_if<ScheduleFormula>(&m.formula)) {
            if (sched->by_scheme_year.empty()) throw fail("schedule", "no amount for any year of the scheme");
            if (sched->bonus_condition.has_value() != !sched->bonus_by_scheme_year.empty())
                throw fail("schedule", "a bonus needs both a condition and amounts");
        } else if (const auto* flat = std::get_if<FlatFormula>(&m.formula)) {
            if (flat->unit_kind.empty()) throw fail("flat", "missing unit kind");
        } else if (const auto* service = std::get_if<ServiceFormula>(&m.formula)) {
            check_service(m, *service, fail);
        }
    }

    // A service has a unit, is neither in kind nor passed through (it has no euro value), and
    // one given by membership requires the programme's convention.
    static void check_service(const Measure& m, const ServiceFormula& s, const Fail& fail) {
        if (s.unit.empty()) throw fail("service", "missing unit (what one counts: member town, recruitment)");
        if (m.in_kind || m.pass_through) throw fail("service", "a service has no euro value: neither in kind nor pass-through");
        if (s.per == ServicePer::membership && !m.eligibility.requires_membership)
            throw fail("service", "given by membership, it requires the programme's convention (membership: true)");
    }

    // The members and the residual funder: known, each once. Returns them.
    std::set<std::string> check_funders(const Measure& m, const Fail& fail) const {
        std::set<std::string> seen;
        for (const SplitMember& sm : m.members) {
            if (!find_funder(sm.funder)) throw fail("members", "unknown funder '" + sm.funder + "'");
            if (!seen.insert(sm.funder).second) throw fail("members", "funder '" + sm.funder + "' listed twice");
        }
        if (m.residual_funder.empty()) throw fail("residual_funder", "missing (the funder that takes the rest)");
        if (!find_funder(m.residual_funder)) throw fail("residual_funder", "unknown funder '" + m.residual_funder + "'");
        if (!seen.insert(m.residual_funder).second)
            throw fail("residual_funder", "funder '" + m.residual_funder + "' is also a member");
        return seen;
    }

    // No amount of the measure (caps, ceilings, amounts per unit or year) is negative.
    static void check_amounts(const Measure& m, const Fail& fail) {
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
    }

    // Member rates must fit inside the combined rate on every date either changes. Members
    // that exclude each other by condition are not summed: only unconditional members are
    // checked against the combined rate.
    static void check_member_rates(const Measure& m, const Dated<Rate>& rate, const Fail& fail) {
        std::vector<Date> dates;
        for (const auto& e : rate.entries()) dates.push_back(e.from);
        for (const SplitMember& sm : m.members)
            for (const auto& e : sm.rate.entries()) dates.push_back(e.from);
        for (const Date& d : dates) {
            const Rate combined = rate.at(d, LookupMode::extrapolate).value;
            Rate total;
            for (const SplitMember& sm : m.members)
                if (sm.condition.empty()) total = total + sm.rate.at(d, LookupMode::extrapolate).value;
            if (total > combined)
                throw fail("members", "member rates add up to " + to_string(total) + ", above the combined rate " +
                                          to_string(combined) +
                                          (d.year() == std::chrono::year::min() ? std::string() : " on " + to_string(d)));
            for (const SplitMember& sm : m.members)
                if (sm.rate.at(d, LookupMode::extrapolate).value > combined)
                    throw fail("members", "rate of '" + sm.funder + "' is above the combined rate " + to_string(combined));
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
    ProgramDefaults defaults_;
    bool normative_ = false;
    std::optional<PopulationGuideline> population_guideline_;
    std::vector<Pillar> pillars_;
    std::vector<Funder> funders_;
    std::vector<Measure> measures_;
    std::vector<StackingConstraint> constraints_;
    std::map<std::string, std::size_t, std::less<>> measure_index_;  // id → position in measures_
};

}  // namespace subsidy
