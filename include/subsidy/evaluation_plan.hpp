// EvaluationPlan: a Program compiled once for many plans. Ids become indices, expense
// categories, flags and unit kinds become small integers, conditions become bit masks and
// each measure knows its funders' indices, so that planning a project compares integers and
// builds no string. The plan is immutable after construction: threads share one.
//
// An Evaluator (one per thread) makes the plan of a project without trace into a LinePlan:
// the lines by index, the cost, private funding, cash aid and own share. It follows the steps
// of plan() (engine.hpp) one for one and gives the same amounts, lines and errors:
// to_funding_plan() turns its result into the FundingPlan plan() returns with tracing off, and
// the tests compare the two on random programmes.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <set>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "subsidy/date.hpp"
#include "subsidy/dated.hpp"
#include "subsidy/engine.hpp"
#include "subsidy/error.hpp"
#include "subsidy/funding_plan.hpp"
#include "subsidy/money.hpp"
#include "subsidy/program.hpp"
#include "subsidy/project.hpp"
#include "subsidy/rate.hpp"
#include "subsidy/rounding.hpp"
#include "subsidy/territory.hpp"

namespace subsidy {

/// One funding line by index: program.measures()[measure], program.funders()[funder].
struct PlanLine {
    std::uint32_t measure = 0;
    std::uint32_t funder = 0;
    std::uint32_t member = 0;  ///< position among the measure's members; members.size(): the residual funder
    std::chrono::year year{0};
    bool in_kind = false;
    bool pass_through = false;
    Money amount;
};

/// A funding plan without trace, lines by index (in plan()'s order: year, measure, member).
struct LinePlan {
    Money cost;
    Money private_funding;
    Money cash_aid;
    Money own_share;
    std::vector<PlanLine> lines;
};

/// What the engine needs to know of a project's owner, looked up once per owner.
struct OwnerFacts {
    BeneficiaryKind kind = BeneficiaryKind::commune;
    std::optional<std::int64_t> population;
    std::optional<Date> convention;  ///< with the programme
};

namespace detail {

// A set of small integers (flags, categories) as bits, as wide as the programme needs.
class BitSet {
public:
    void resize(std::size_t bits) { words_.assign((bits + 63) / 64, 0); }
    void reset() noexcept { std::fill(words_.begin(), words_.end(), 0); }
    void set(std::size_t i) noexcept { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
    [[nodiscard]] bool test(std::size_t i) const noexcept { return (words_[i / 64] >> (i % 64)) & 1U; }
    [[nodiscard]] bool contains_all(const BitSet& o) const noexcept {
        for (std::size_t w = 0; w < words_.size(); ++w)
            if (o.words_[w] & ~words_[w]) return false;
        return true;
    }
    [[nodiscard]] bool intersects(const BitSet& o) const noexcept {
        for (std::size_t w = 0; w < words_.size(); ++w)
            if (o.words_[w] & words_[w]) return true;
        return false;
    }

private:
    std::vector<std::uint64_t> words_;
};

// A Condition over interned flags.
struct FlagCondition {
    BitSet all_of, any_of, none_of;
    bool any_of_empty = true;
    [[nodiscard]] bool holds(const BitSet& flags) const noexcept {
        return flags.contains_all(all_of) && !flags.intersects(none_of) && (any_of_empty || flags.intersects(any_of));
    }
};

constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();

}  // namespace detail

class Evaluator;

class EvaluationPlan {
public:
    /// Compiles `program`, which must outlive the plan; `lookup` is the PlanOptions::lookup of
    /// every plan made with it.
    explicit EvaluationPlan(const Program& program, LookupMode lookup = LookupMode::strict)
        : program_(&program), lookup_(lookup) {
        const auto& ms = program.measures();
        // Interned names: every flag, category and unit kind the programme mentions.
        for (const Measure& m : ms) {
            for (const auto& c : m.categories) intern(categories_, c);
            collect_flags(m.eligibility.condition);
            for (const SplitMember& sm : m.members) collect_flags(sm.condition);
            if (const auto* s = std::get_if<ScheduleFormula>(&m.formula); s && s->bonus_condition)
                collect_flags(*s->bonus_condition);
            if (const auto* f = std::get_if<FlatFormula>(&m.formula)) intern(unit_kinds_, f->unit_kind);
            if (const auto* s = std::get_if<ShareFormula>(&m.formula); s && s->per_unit_kind) intern(unit_kinds_, *s->per_unit_kind);
        }
        for (const StackingConstraint& c : program.constraints())
            if (const auto* o = std::get_if<OwnerMinimumShare>(&c.rule)) {
                for (const auto& [flag, rate] : o->derogations) intern(flags_, flag);
                if (o->condition) collect_flags(*o->condition);
            }

        funder_public_.reserve(program.funders().size());
        for (const Funder& f : program.funders()) funder_public_.push_back(f.is_public());
        std::vector<std::uint32_t> by_id(ms.size());
        for (std::uint32_t i = 0; i < ms.size(); ++i) by_id[i] = i;
        std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) { return ms[a].id < ms[b].id; });
        measures_.resize(ms.size());
        for (std::uint32_t r = 0; r < by_id.size(); ++r) measures_[by_id[r]].id_rank = r;
        for (std::uint32_t i = 0; i < ms.size(); ++i) {
            compile(ms[i], measures_[i]);
            measure_index_.emplace(ms[i].id, i);
        }
        for (const StackingConstraint& c : program.constraints()) constraints_.push_back(compile(c));
    }

    [[nodiscard]] const Program& program() const noexcept { return *program_; }
    [[nodiscard]] LookupMode lookup() const noexcept { return lookup_; }
    /// Whether a measure has a ceiling counted per beneficiary: then the projects of one owner
    /// depend on each other (GrantLedger) and are planned in application order.
    [[nodiscard]] bool has_beneficiary_ceilings() const noexcept {
        return std::any_of(measures_.begin(), measures_.end(), [](const CompiledMeasure& m) { return m.counts_per_beneficiary; });
    }
    [[nodiscard]] std::uint32_t measure_index(const std::string& id) const {
        auto it = measure_index_.find(id);
        return it == measure_index_.end() ? detail::no_index : it->second;
    }
    [[nodiscard]] std::uint32_t funder_index(std::string_view id) const {
        const auto& fs = program_->funders();
        for (std::uint32_t i = 0; i < fs.size(); ++i)
            if (fs[i].id == id) return i;
        return detail::no_index;
    }
    [[nodiscard]] std::uint32_t pillar_of(std::uint32_t measure) const noexcept { return measures_[measure].pillar; }

    /// The facts of `owner` the engine reads; throws invalid_argument (as plan() does) when
    /// the owner is not in the territory.
    [[nodiscard]] OwnerFacts owner_facts(const Territory& territory, const Project& project) const {
        const auto info = territory.info(project.owner);
        if (!info)
            throw invalid_argument("project '" + project.id + "': owner: unknown " + to_string(project.owner.kind) + " '" +
                                   project.owner.id + "' (not in the territory)");
        return OwnerFacts{project.owner.kind, info->population, territory.convention(program_->id(), project.owner)};
    }

private:
    friend class Evaluator;

    enum class Kind : std::uint8_t { share, flat, schedule };

    struct CompiledMeasure {
        const Measure* measure = nullptr;
        Kind kind = Kind::share;
        std::uint32_t id_rank = 0;  // rank of the id in string order (stacking ties)
        std::uint32_t pillar = 0;
        std::uint32_t residual = 0;
        bool residual_public = true;
        std::vector<std::uint32_t> member_funders;
        std::vector<bool> member_public;
        std::vector<detail::FlagCondition> member_conditions;
        bool any_category = true;
        detail::BitSet categories;
        unsigned natures = 0;  // bit per ExpenseNature; 0: any
        unsigned kinds = 0;    // bit per BeneficiaryKind; 0: any
        std::array<std::optional<std::int64_t>, 6> population_below{};
        bool has_condition = false;
        detail::FlagCondition condition;
        bool case_by_case = false;         // share formula whose rate the request gives
        std::vector<std::uint32_t> ceiling_member;  // when_funder as a member index; no_index: always applies
        bool counts_per_beneficiary = false;
        std::uint32_t unit_kind = detail::no_index;  // flat, or the per-unit part of a share
        bool has_bonus = false;
        detail::FlagCondition bonus;
    };

    enum class Rule : std::uint8_t { exclusive, group_cap, owner_minimum, total_public_aid };

    struct CompiledConstraint {
        const StackingConstraint* constraint = nullptr;
        Rule rule = Rule::exclusive;
        unsigned natures = 0;
        std::vector<bool> measures;  // by measure index (exclusive, group cap)
        bool has_condition = false;
        detail::FlagCondition condition;
        std::vector<std::pair<std::uint32_t, Rate>> derogations;  // flag, owner minimum under it
    };

    static std::uint32_t intern(std::unordered_map<std::string, std::uint32_t>& names, const std::string& s) {
        return names.emplace(s, static_cast<std::uint32_t>(names.size())).first->second;
    }
    void collect_flags(const Condition& c) {
        for (const auto* list : {&c.all_of, &c.any_of, &c.none_of})
            for (const auto& f : *list) intern(flags_, f);
    }
    [[nodiscard]] detail::FlagCondition compile(const Condition& c) const {
        detail::FlagCondition out;
        for (detail::BitSet* b : {&out.all_of, &out.any_of, &out.none_of}) b->resize(flags_.size());
        for (const auto& f : c.all_of) out.all_of.set(flags_.at(f));
        for (const auto& f : c.any_of) out.any_of.set(flags_.at(f));
        for (const auto& f : c.none_of) out.none_of.set(flags_.at(f));
        out.any_of_empty = c.any_of.empty();
        return out;
    }
    [[nodiscard]] std::uint32_t funder_at(const std::string& id) const {
        const std::uint32_t i = funder_index(id);
        if (i == detail::no_index) throw invalid_argument("evaluation plan: unknown funder '" + id + "'");
        return i;
    }

    void compile(const Measure& m, CompiledMeasure& c) const {
        c.measure = &m;
        c.pillar = static_cast<std::uint32_t>(program_->pillar_index(m.pillar));
        c.residual = funder_at(m.residual_funder);
        c.residual_public = funder_public_[c.residual];
        for (const SplitMember& sm : m.members) {
            c.member_funders.push_back(funder_at(sm.funder));
            c.member_public.push_back(funder_public_[c.member_funders.back()]);
            c.member_conditions.push_back(compile(sm.condition));
        }
        c.any_category = m.categories.empty();
        c.categories.resize(categories_.size());
        for (const auto& cat : m.categories) c.categories.set(categories_.at(cat));
        for (ExpenseNature n : m.natures) c.natures |= 1U << static_cast<unsigned>(n);
        for (BeneficiaryKind k : m.eligibility.beneficiary_kinds) c.kinds |= 1U << static_cast<unsigned>(k);
        for (const auto& [kind, below] : m.eligibility.population_below) c.population_below[static_cast<std::size_t>(kind)] = below;
        c.has_condition = !m.eligibility.condition.empty();
        c.condition = compile(m.eligibility.condition);
        if (const auto* s = std::get_if<ShareFormula>(&m.formula)) {
            c.kind = Kind::share;
            c.case_by_case = !s->rate;
            for (const Ceiling& ceiling : s->ceilings) {
                std::uint32_t member = detail::no_index;
                if (ceiling.when_funder)
                    for (std::uint32_t i = 0; i < m.members.size(); ++i)
                        if (m.members[i].funder == *ceiling.when_funder) member = i;
                c.ceiling_member.push_back(member);
                c.counts_per_beneficiary |=
                    ceiling.scope == CeilingScope::per_beneficiary || ceiling.scope == CeilingScope::per_beneficiary_year;
            }
            if (s->per_unit_kind) c.unit_kind = unit_kinds_.at(*s->per_unit_kind);
        } else if (const auto* f = std::get_if<FlatFormula>(&m.formula)) {
            c.kind = Kind::flat;
            c.unit_kind = unit_kinds_.at(f->unit_kind);
        } else {
            const auto& sched = std::get<ScheduleFormula>(m.formula);
            c.kind = Kind::schedule;
            c.has_bonus = sched.bonus_condition.has_value();
            if (c.has_bonus) c.bonus = compile(*sched.bonus_condition);
        }
    }

    [[nodiscard]] CompiledConstraint compile(const StackingConstraint& sc) const {
        CompiledConstraint c;
        c.constraint = &sc;
        for (ExpenseNature n : sc.natures) c.natures |= 1U << static_cast<unsigned>(n);
        c.measures.assign(measures_.size(), false);
        auto mark = [&](const std::set<std::string>& ids) {
            for (const auto& id : ids) c.measures[measure_index_.at(id)] = true;
        };
        if (const auto* x = std::get_if<Exclusive>(&sc.rule)) {
            c.rule = Rule::exclusive;
            mark(x->measures);
        } else if (const auto* g = std::get_if<GroupCap>(&sc.rule)) {
            c.rule = Rule::group_cap;
            mark(g->measures);
        } else if (const auto* o = std::get_if<OwnerMinimumShare>(&sc.rule)) {
            c.rule = Rule::owner_minimum;
            c.has_condition = o->condition.has_value();
            if (c.has_condition) c.condition = compile(*o->condition);
            for (const auto& [flag, rate] : o->derogations) c.derogations.emplace_back(flags_.at(flag), rate);
        } else {
            c.rule = Rule::total_public_aid;
        }
        return c;
    }

    const Program* program_;
    LookupMode lookup_;
    std::unordered_map<std::string, std::uint32_t> flags_, categories_, unit_kinds_, measure_index_;
    std::vector<bool> funder_public_;
    std::vector<CompiledMeasure> measures_;
    std::vector<CompiledConstraint> constraints_;
};

/// What the projects of one beneficiary have been granted under measures whose ceiling counts
/// per beneficiary (the GrantLedger of one owner, by measure index).
class OwnerLedger {
public:
    [[nodiscard]] Money granted(std::uint32_t measure, std::optional<std::chrono::year> year = std::nullopt) const {
        Money total;
        for (const Entry& e : entries_)
            if (e.measure == measure && (!year || e.year == *year)) total += e.amount;
        return total;
    }
    void record(std::uint32_t measure, std::chrono::year year, const Money& amount) {
        for (Entry& e : entries_)
            if (e.measure == measure && e.year == year) {
                e.amount += amount;
                return;
            }
        entries_.push_back({measure, year, amount});
    }
    void clear() noexcept { entries_.clear(); }

private:
    struct Entry {
        std::uint32_t measure;
        std::chrono::year year;
        Money amount;
    };
    std::vector<Entry> entries_;
};

/// Makes plans with an EvaluationPlan, reusing its buffers from one project to the next: one
/// per thread.
class Evaluator {
public:
    explicit Evaluator(const EvaluationPlan& plan) : ep_(&plan) {
        flags_.resize(plan.flags_.size());
        request_of_.assign(plan.measures_.size(), nullptr);
    }

    /// The plan of `project`, whose owner has `owner` facts; per-beneficiary ceilings read and
    /// then record `ledger` (the owner's). The result stays valid until the next call.
    const LinePlan& run(const Project& project, const OwnerFacts& owner, OwnerLedger* ledger = nullptr) {
        project_ = &project;
        owner_ = &owner;
        ledger_ = ledger;
        project.validate();
        const Program& program = ep_->program();
        std::fill(request_of_.begin(), request_of_.end(), nullptr);
        if (project.requests)
            for (const MeasureRequest& r : *project.requests) {
                const std::uint32_t i = ep_->measure_index(r.measure);
                if (i == detail::no_index)
                    throw invalid_argument("project '" + project.id + "': measures: unknown measure '" + r.measure +
                                           "' (not in program '" + program.id() + "')");
                request_of_[i] = &r;
            }
        flags_.reset();
        for (const auto& f : project.flags)
            if (auto it = ep_->flags_.find(f); it != ep_->flags_.end()) flags_.set(it->second);
        category_ = detail::no_index;
        if (auto it = ep_->categories_.find(project.category); it != ep_->categories_.end()) category_ = it->second;
        units_.clear();
        for (const UnitCount& u : project.units)
            if (auto it = ep_->unit_kinds_.find(u.kind); it != ep_->unit_kinds_.end()) units_.push_back({it->second, u.count, u.date});
        expenses_.assign(project.expenses.begin(), project.expenses.end());
        std::sort(expenses_.begin(), expenses_.end(), [](const Expense& a, const Expense& b) { return a.year < b.year; });

        out_.cost = project.cost();
        out_.private_funding = project.private_funding;
        out_.lines.clear();
        drafts_.clear();  // a plan that threw may have left some
        grants_.clear();
        const auto& measures = program.measures();
        for (std::uint32_t i = 0; i < measures.size(); ++i) {
            if (project.requests && !request_of_[i]) continue;  // not asked for
            try {
                evaluate(i);
            } catch (const out_of_validity& e) {
                throw out_of_validity("project '" + project.id + "', measure '" + measures[i].id + "': " + e.what());
            }
        }
        stack();
        finish();
        if (ledger_)  // only now: a plan that threw records nothing
            for (const Grant& g : grants_) ledger_->record(g.measure, g.year, g.amount);
        return out_;
    }

private:
    using CompiledMeasure = EvaluationPlan::CompiledMeasure;
    using CompiledConstraint = EvaluationPlan::CompiledConstraint;

    struct Unit {
        std::uint32_t kind;
        std::int64_t count;
        Date date;
    };
    struct Grant {
        std::uint32_t measure;
        std::chrono::year year;
        Money amount;
    };
    struct Draft {
        PlanLine line;
        int priority = 0;
        std::uint32_t id_rank = 0;
        bool is_public = true;
        [[nodiscard]] bool cash() const noexcept { return !line.in_kind && !line.pass_through; }
    };

    [[nodiscard]] LookupMode lookup() const noexcept { return ep_->lookup_; }

    bool static_checks(const CompiledMeasure& c) const {
        if (!c.any_category && (category_ == detail::no_index || !c.categories.test(category_))) return false;
        if (c.natures && !(c.natures & (1U << static_cast<unsigned>(project_->nature)))) return false;
        if (c.kinds && !(c.kinds & (1U << static_cast<unsigned>(owner_->kind)))) return false;
        if (const auto& below = c.population_below[static_cast<std::size_t>(owner_->kind)])
            if (!owner_->population || !(*owner_->population < *below)) return false;
        if (c.measure->eligibility.requires_membership && !owner_->convention) return false;
        return !c.has_condition || c.condition.holds(flags_);
    }

    bool period_checks(const Measure& m, Date d) const {
        if (m.eligibility.requires_membership && owner_->convention && d < *owner_->convention) return false;
        const Program& p = ep_->program();
        if (p.valid_from() && d < *p.valid_from()) return false;
        if (p.valid_until() && *p.valid_until() < d) return false;
        if (m.valid_from && d < *m.valid_from) return false;
        return !(m.valid_until && *m.valid_until < d);
    }

    Money prorate(const Money& ceiling, Proration how, const Expense& e) const {
        if (how == Proration::none) return ceiling;
        const Rate f = how == Proration::by_month ? year_fraction_by_month(e.period(), e.year)
                                                  : year_fraction_by_day(e.period(), e.year);
        return apply(ceiling * f, Rounding());
    }

    void evaluate(std::uint32_t index) {
        const CompiledMeasure& c = ep_->measures_[index];
        const Measure& m = *c.measure;
        const MeasureRequest* request = request_of_[index];
        if (request && request->rate && !c.case_by_case)
            throw invalid_argument("project '" + project_->id + "': measure '" + m.id +
                                   "': rate: fixed by the programme, the request cannot set it");
        if (!static_checks(c)) return;
        switch (c.kind) {
            case EvaluationPlan::Kind::share:
                if (c.case_by_case && !(request && request->rate)) {
                    if (request)
                        throw invalid_argument("project '" + project_->id + "': measure '" + m.id +
                                               "': rate: decided case by case, the project's request must give it");
                    return;  // "every measure that applies" cannot invent a rate
                }
                return evaluate_share(index, c, request);
            case EvaluationPlan::Kind::flat: return evaluate_flat(index, c);
            case EvaluationPlan::Kind::schedule: return evaluate_schedule(index, c);
        }
    }

    void push(std::uint32_t index, const CompiledMeasure& c, std::uint32_t member, std::chrono::year year, const Money& amount) {
        if (amount.is_zero()) return;  // no zero lines
        const bool residual = member == c.member_funders.size();
        Draft d;
        d.line = PlanLine{index, residual ? c.residual : c.member_funders[member], member, year, c.measure->in_kind,
                          c.measure->pass_through, amount};
        d.priority = c.measure->priority;
        d.id_rank = c.id_rank;
        d.is_public = residual ? c.residual_public : static_cast<bool>(c.member_public[member]);
        drafts_.push_back(d);
    }

    void evaluate_share(std::uint32_t index, const CompiledMeasure& c, const MeasureRequest* request) {
        const Measure& m = *c.measure;
        const auto& f = std::get<ShareFormula>(m.formula);
        takes_part_.resize(m.members.size());
        for (std::size_t i = 0; i < m.members.size(); ++i) takes_part_[i] = c.member_conditions[i].holds(flags_);
        Money used;
        for (const Expense& e : expenses_) {
            const Date d = e.period_start();
            if (!period_checks(m, d)) continue;
            const Rate rate = f.rate ? f.rate->at(d, lookup()).value : *request->rate;
            Money base = e.amount;
            if (f.base_cap) base = std::min(base, f.base_cap->at(d, lookup()).value);
            Money amount = apply(base * rate, m.rounding);

            Proration proration = Proration::none;
            for (std::size_t k = 0; k < f.ceilings.size(); ++k) {
                const Ceiling& ceiling = f.ceilings[k];
                if (c.ceiling_member[k] != detail::no_index && !takes_part_[c.ceiling_member[k]]) continue;
                proration = ceiling.proration;
                Money cap = prorate(ceiling.amount.at(d, lookup()).value, ceiling.proration, e);
                if (ceiling.scope != CeilingScope::per_year) {
                    const Money already = already_granted(index, ceiling.scope, e.year, used);
                    cap = already < cap ? cap - already : Money();
                }
                if (amount > cap) amount = cap;
                break;  // the first applicable ceiling is the one
            }
            used += amount;
            if (c.counts_per_beneficiary && ledger_ && !amount.is_zero()) grants_.push_back({index, e.year, amount});
            if (c.unit_kind != detail::no_index) {
                std::int64_t count = 0;
                for (const Unit& u : units_)
                    if (u.kind == c.unit_kind && u.date.year() == e.year) count += u.count;
                if (count > 0) amount += f.per_unit_amount->at(d, lookup()).value * count;
            }
            split(index, c, e, d, amount, proration);
        }
    }

    Money already_granted(std::uint32_t index, CeilingScope scope, std::chrono::year year, const Money& used) const {
        switch (scope) {
            case CeilingScope::per_year: return Money();
            case CeilingScope::per_project: return used;
            case CeilingScope::per_beneficiary: return ledger_ ? used + ledger_->granted(index) : used;
            case CeilingScope::per_beneficiary_year: return ledger_ ? ledger_->granted(index, year) : Money();
        }
        return Money();
    }

    void split(std::uint32_t index, const CompiledMeasure& c, const Expense& e, Date d, const Money& combined,
               Proration proration) {
        const Measure& m = *c.measure;
        Money left = combined;
        for (std::uint32_t i = 0; i < m.members.size(); ++i) {
            if (!takes_part_[i]) continue;
            const SplitMember& member = m.members[i];
            Money base = e.amount;
            if (member.base_cap) base = std::min(base, member.base_cap->at(d, lookup()).value);
            Money amount = apply(base * member.rate.at(d, lookup()).value, m.rounding);
            if (member.ceiling) amount = std::min(amount, prorate(member.ceiling->at(d, lookup()).value, proration, e));
            amount = std::min(amount, left);
            left -= amount;
            push(index, c, i, e.year, amount);
        }
        push(index, c, static_cast<std::uint32_t>(m.members.size()), e.year, left);
    }

    const Expense* expense_of(std::chrono::year y) const {
        for (const Expense& e : expenses_)
            if (e.year == y) return &e;
        return nullptr;
    }

    void evaluate_flat(std::uint32_t index, const CompiledMeasure& c) {
        const Measure& m = *c.measure;
        const auto& f = std::get<FlatFormula>(m.formula);
        // Units of the kind in date order (stable: equal dates keep the project's order),
        // summed by calendar year.
        selected_.clear();
        for (const Unit& u : units_)
            if (u.kind == c.unit_kind) selected_.push_back(u);
        std::stable_sort(selected_.begin(), selected_.end(), [](const Unit& a, const Unit& b) { return a.date < b.date; });
        by_year_.clear();
        for (const Unit& u : selected_) {
            if (!period_checks(m, u.date)) continue;
            if (by_year_.empty() || by_year_.back().first != u.date.year()) by_year_.emplace_back(u.date.year(), Money());
            by_year_.back().second += f.amount_per_unit.at(u.date, lookup()).value * u.count;
        }
        for (auto& [year, amount] : by_year_) {
            if (f.capped_at_expense) {
                const Expense* e = expense_of(year);
                const Money cap = e ? e->amount : Money();
                if (amount > cap) amount = cap;
            }
            push(index, c, 0, year, amount);
        }
    }

    void evaluate_schedule(std::uint32_t index, const CompiledMeasure& c) {
        const Measure& m = *c.measure;
        const auto& f = std::get<ScheduleFormula>(m.formula);
        // Year 1 of the scheme is the first year the measure applies.
        int first = 0;
        for (const Expense& e : expenses_)
            if (period_checks(m, e.period_start())) {
                first = static_cast<int>(e.year);
                break;
            }
        const bool bonus = c.has_bonus && c.bonus.holds(flags_);
        for (const Expense& e : expenses_) {
            const Date d = e.period_start();
            if (!period_checks(m, d)) continue;
            const auto scheme_year = static_cast<std::size_t>(static_cast<int>(e.year) - first + 1);
            if (scheme_year > f.by_scheme_year.size()) continue;
            Money amount = f.by_scheme_year[scheme_year - 1].at(d, lookup()).value;
            if (bonus && scheme_year <= f.bonus_by_scheme_year.size())
                amount += f.bonus_by_scheme_year[scheme_year - 1].at(d, lookup()).value;
            if (f.capped_at_expense && amount > e.amount) amount = e.amount;
            push(index, c, 0, e.year, amount);
        }
    }

    // ---- stacking (engine.hpp step 6) ----------------------------------------------------

    template <class Select>
    void cut_to(Select&& select, const Money& limit) {
        selected_drafts_.clear();
        Money total;
        for (Draft& d : drafts_)
            if (select(d)) {
                selected_drafts_.push_back(&d);
                total += d.line.amount;
            }
        if (!(total > limit)) return;
        Money excess = total - limit;
        std::sort(selected_drafts_.begin(), selected_drafts_.end(), [](const Draft* a, const Draft* b) {
            if (a->priority != b->priority) return a->priority < b->priority;
            if (a->id_rank != b->id_rank) return a->id_rank < b->id_rank;
            if (a->line.year != b->line.year) return a->line.year > b->line.year;
            return a->line.member > b->line.member;
        });
        for (Draft* d : selected_drafts_) {
            if (excess.is_zero()) break;
            const Money take = std::min(excess, d->line.amount);
            d->line.amount -= take;
            excess -= take;
        }
    }

    void stack() {
        if (expenses_.empty()) return;
        for (const CompiledConstraint& c : ep_->constraints_) {
            if (!(c.natures & (1U << static_cast<unsigned>(project_->nature)))) continue;
            try {
                apply_constraint(c);
            } catch (const out_of_validity& e) {
                throw out_of_validity("project '" + project_->id + "', constraint '" + c.constraint->id + "': " + e.what());
            }
        }
        cut_to([](const Draft& d) { return d.cash(); }, out_.cost - out_.private_funding);
    }

    void apply_constraint(const CompiledConstraint& c) {
        const Money& cost = out_.cost;
        const Date d = expenses_.front().period_start();
        const auto public_cash = [](const Draft& dr) { return dr.is_public && dr.cash(); };
        switch (c.rule) {
            case EvaluationPlan::Rule::exclusive: {
                const Draft* keep = nullptr;
                for (const Draft& dr : drafts_)
                    if (c.measures[dr.line.measure] && !dr.line.amount.is_zero() &&
                        (!keep || dr.priority > keep->priority || (dr.priority == keep->priority && dr.id_rank > keep->id_rank)))
                        keep = &dr;
                if (!keep) return;
                const std::uint32_t kept = keep->line.measure;
                for (Draft& dr : drafts_)
                    if (c.measures[dr.line.measure] && dr.line.measure != kept) dr.line.amount = Money();
                return;
            }
            case EvaluationPlan::Rule::group_cap: {
                const auto& g = std::get<GroupCap>(c.constraint->rule);
                const Money limit = apply(cost * g.maximum.at(d, lookup()).value, Rounding());
                return cut_to([&](const Draft& dr) { return public_cash(dr) && c.measures[dr.line.measure]; }, limit);
            }
            case EvaluationPlan::Rule::owner_minimum: {
                const auto& o = std::get<OwnerMinimumShare>(c.constraint->rule);
                if (c.has_condition && !c.condition.holds(flags_)) return;
                Rate minimum = o.minimum.at(d, lookup()).value;
                for (const auto& [flag, rate] : c.derogations)
                    if (flags_.test(flag) && rate < minimum) minimum = rate;
                Money private_lines;
                for (const Draft& dr : drafts_)
                    if (!dr.is_public && dr.cash()) private_lines += dr.line.amount;
                Money public_financing = cost - out_.private_funding - private_lines;
                if (public_financing.sign() < 0) public_financing = Money();
                return cut_to(public_cash, apply(public_financing * (Rate::one() - minimum), Rounding()));
            }
            case EvaluationPlan::Rule::total_public_aid: {
                const auto& t = std::get<TotalPublicAidCap>(c.constraint->rule);
                return cut_to(public_cash, apply(cost * t.maximum.at(d, lookup()).value, Rounding()));
            }
        }
    }

    void finish() {
        // Drafts come measure by measure; plan() lists lines by year, then measure, then member.
        std::sort(drafts_.begin(), drafts_.end(), [](const Draft& a, const Draft& b) {
            if (a.line.year != b.line.year) return a.line.year < b.line.year;
            if (a.line.measure != b.line.measure) return a.line.measure < b.line.measure;
            return a.line.member < b.line.member;
        });
        Money cash;
        out_.lines.reserve(drafts_.size());
        for (const Draft& d : drafts_) {
            if (d.cash()) cash += d.line.amount;
            out_.lines.push_back(d.line);
        }
        drafts_.clear();
        out_.cash_aid = cash;
        out_.own_share = out_.cost - out_.private_funding - cash;
    }

    const EvaluationPlan* ep_;
    const Project* project_ = nullptr;
    const OwnerFacts* owner_ = nullptr;
    OwnerLedger* ledger_ = nullptr;
    detail::BitSet flags_;
    std::uint32_t category_ = detail::no_index;
    std::vector<const MeasureRequest*> request_of_;
    std::vector<Unit> units_, selected_;
    std::vector<Expense> expenses_;
    std::vector<bool> takes_part_;
    std::vector<std::pair<std::chrono::year, Money>> by_year_;
    std::vector<Grant> grants_;
    std::vector<Draft> drafts_;
    std::vector<Draft*> selected_drafts_;
    LinePlan out_;
};

/// The FundingPlan that plan() returns with tracing off, from a LinePlan of `project_id`.
[[nodiscard]] inline FundingPlan to_funding_plan(const Program& program, const std::string& project_id, const LinePlan& lp) {
    FundingPlan p;
    p.project = project_id;
    p.cost = lp.cost;
    p.private_funding = lp.private_funding;
    p.cash_aid = lp.cash_aid;
    p.own_share = lp.own_share;
    p.lines.reserve(lp.lines.size());
    for (const PlanLine& l : lp.lines) {
        const Measure& m = program.measures()[l.measure];
        p.lines.push_back(FundingLine{m.id, program.funders()[l.funder].id, m.pillar, l.year, l.amount, l.in_kind,
                                      l.pass_through, {}});
    }
    return p;
}

}  // namespace subsidy
