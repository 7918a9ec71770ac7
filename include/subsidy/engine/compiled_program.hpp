// CompiledProgram: a Program compiled once for many plans. Ids become indices; expense
// categories, flags and unit kinds become small integers; conditions become bit masks; each
// measure knows its funders' indices. Planning a project then compares integers and builds
// no string. Immutable after construction: threads share one.
#pragma once

#include <algorithm>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/detail/bit_set.hpp"
#include "subsidy/detail/compiled_measure.hpp"
#include "subsidy/detail/name_index.hpp"
#include "subsidy/error.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/time/dated.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

/// What the engine needs to know of a project's owner, looked up once per owner.
struct OwnerFacts {
    BeneficiaryRef ref;
    std::string name;  ///< for the trace
    std::optional<std::int64_t> population;
    std::optional<Date> convention;  ///< with the programme
};

class CompiledProgram {
public:
    /// Compiles `program`, which must outlive this object; `lookup` decides what a dated value
    /// gives outside its validity for every plan made with it.
    explicit CompiledProgram(const Program& program, LookupMode lookup = LookupMode::strict);

    [[nodiscard]] const Program& program() const noexcept { return *program_; }
    [[nodiscard]] LookupMode lookup() const noexcept { return lookup_; }
    /// Whether a measure has a ceiling counted per beneficiary: then the projects of one owner
    /// depend on each other (GrantLedger) and are planned in application order.
    [[nodiscard]] bool has_beneficiary_ceilings() const noexcept {
        return std::any_of(measures_.begin(), measures_.end(),
                           [](const detail::CompiledMeasure& m) { return m.counts_per_beneficiary; });
    }
    /// detail::no_index when the programme has no such measure (or funder).
    [[nodiscard]] std::uint32_t measure_index(std::string_view id) const { return measure_index_.find(id); }
    [[nodiscard]] std::uint32_t funder_index(std::string_view id) const {
        const auto& fs = program_->funders();
        for (std::uint32_t i = 0; i < fs.size(); ++i)
            if (fs[i].id == id) return i;
        return detail::no_index;
    }
    /// The facts of the owner of `project`; throws invalid_argument when it is not in the
    /// territory.
    [[nodiscard]] OwnerFacts owner_facts(const Territory& territory, const Project& project) const {
        const auto info = territory.info(project.owner);
        if (!info)
            throw invalid_argument("project '" + project.id + "': owner: unknown " + to_string(project.owner.kind) + " '" +
                                   project.owner.id + "' (not in the territory)");
        return OwnerFacts{project.owner, info->name, info->population, territory.convention(program_->id(), project.owner)};
    }

    // What the evaluator reads.
    [[nodiscard]] const std::vector<detail::CompiledMeasure>& measures() const noexcept { return measures_; }
    [[nodiscard]] const std::vector<detail::CompiledConstraint>& constraints() const noexcept { return constraints_; }
    [[nodiscard]] std::size_t flag_count() const noexcept { return flags_.size(); }
    [[nodiscard]] std::uint32_t flag(std::string_view name) const { return flags_.find(name); }
    [[nodiscard]] std::uint32_t category(std::string_view name) const { return categories_.find(name); }
    [[nodiscard]] std::uint32_t unit_kind(std::string_view name) const { return unit_kinds_.find(name); }
    /// The flags, categories and unit kinds the programme mentions, sorted (for a reader's
    /// "did you mean").
    [[nodiscard]] std::vector<std::string> flag_names() const { return sorted(flags_); }
    [[nodiscard]] std::vector<std::string> category_names() const { return sorted(categories_); }
    [[nodiscard]] std::vector<std::string> unit_kind_names() const { return sorted(unit_kinds_); }

private:
    using Names = detail::NameIndex;

    static std::vector<std::string> sorted(const Names& names) {
        std::vector<std::string> out = names.names();
        std::sort(out.begin(), out.end());
        return out;
    }
    void intern_names();
    void collect_flags(const Condition& c) {
        for (const auto* list : {&c.all_of, &c.any_of, &c.none_of})
            for (const auto& f : *list) flags_.intern(f);
    }
    [[nodiscard]] detail::FlagCondition compile(const Condition& c) const;
    [[nodiscard]] std::uint32_t funder_at(const std::string& id) const {
        const std::uint32_t i = funder_index(id);
        if (i == detail::no_index) throw invalid_argument("compiled program: unknown funder '" + id + "'");
        return i;
    }
    void compile(const Measure& m, detail::CompiledMeasure& c) const;
    void compile_formula(const Measure& m, detail::CompiledMeasure& c) const;
    [[nodiscard]] detail::CompiledConstraint compile(const StackingConstraint& sc) const;

    const Program* program_;
    LookupMode lookup_;
    Names flags_, categories_, unit_kinds_, measure_index_;
    std::vector<bool> funder_public_;
    std::vector<detail::CompiledMeasure> measures_;
    std::vector<detail::CompiledConstraint> constraints_;
};

// ---- compilation ----------------------------------------------------------------------

inline CompiledProgram::CompiledProgram(const Program& program, LookupMode lookup) : program_(&program), lookup_(lookup) {
    intern_names();
    funder_public_.reserve(program.funders().size());
    for (const Funder& f : program.funders()) funder_public_.push_back(f.is_public());
    const auto& ms = program.measures();
    std::vector<std::uint32_t> by_id(ms.size());
    for (std::uint32_t i = 0; i < ms.size(); ++i) by_id[i] = i;
    std::sort(by_id.begin(), by_id.end(), [&](std::uint32_t a, std::uint32_t b) { return ms[a].id < ms[b].id; });
    measures_.resize(ms.size());
    for (std::uint32_t r = 0; r < by_id.size(); ++r) measures_[by_id[r]].id_rank = r;
    for (std::uint32_t i = 0; i < ms.size(); ++i) {
        compile(ms[i], measures_[i]);
        measure_index_.intern(ms[i].id);  // i: the ids are unique (Program::add_measure)
    }
    for (const StackingConstraint& c : program.constraints()) constraints_.push_back(compile(c));
}

// Every flag, category and unit kind the programme mentions.
inline void CompiledProgram::intern_names() {
    for (const Measure& m : program_->measures()) {
        for (const auto& c : m.categories) categories_.intern(c);
        collect_flags(m.eligibility.condition);
        for (const SplitMember& sm : m.members) collect_flags(sm.condition);
        if (const auto* s = std::get_if<ScheduleFormula>(&m.formula); s && s->bonus_condition) collect_flags(*s->bonus_condition);
        if (const auto* f = std::get_if<FlatFormula>(&m.formula)) unit_kinds_.intern(f->unit_kind);
        if (const auto* s = std::get_if<ShareFormula>(&m.formula); s && s->per_unit_kind) unit_kinds_.intern(*s->per_unit_kind);
    }
    for (const StackingConstraint& c : program_->constraints())
        if (const auto* o = std::get_if<OwnerMinimumShare>(&c.rule)) {
            for (const auto& [flag, rate] : o->derogations) flags_.intern(flag);
            if (o->condition) collect_flags(*o->condition);
        }
}

inline detail::FlagCondition CompiledProgram::compile(const Condition& c) const {
    detail::FlagCondition out;
    for (detail::BitSet* b : {&out.all_of, &out.any_of, &out.none_of}) b->resize(flags_.size());
    for (const auto& f : c.all_of) out.all_of.set(flags_.find(f));
    for (const auto& f : c.any_of) out.any_of.set(flags_.find(f));
    for (const auto& f : c.none_of) out.none_of.set(flags_.find(f));
    out.any_of_empty = c.any_of.empty();
    return out;
}

inline void CompiledProgram::compile(const Measure& m, detail::CompiledMeasure& c) const {
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
    for (const auto& cat : m.categories) c.categories.set(categories_.find(cat));
    for (ExpenseNature n : m.natures) c.natures |= 1U << static_cast<unsigned>(n);
    for (BeneficiaryKind k : m.eligibility.beneficiary_kinds) c.kinds |= 1U << static_cast<unsigned>(k);
    for (const auto& [kind, below] : m.eligibility.population_below) c.population_below[static_cast<std::size_t>(kind)] = below;
    c.has_condition = !m.eligibility.condition.empty();
    c.condition = compile(m.eligibility.condition);
    compile_formula(m, c);
}

inline void CompiledProgram::compile_formula(const Measure& m, detail::CompiledMeasure& c) const {
    if (const auto* s = std::get_if<ShareFormula>(&m.formula)) {
        c.kind = detail::FormulaKind::share;
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
        if (s->per_unit_kind) c.unit_kind = unit_kinds_.find(*s->per_unit_kind);
    } else if (const auto* f = std::get_if<FlatFormula>(&m.formula)) {
        c.kind = detail::FormulaKind::flat;
        c.unit_kind = unit_kinds_.find(f->unit_kind);
    } else if (const auto* sched = std::get_if<ScheduleFormula>(&m.formula)) {
        c.kind = detail::FormulaKind::schedule;
        c.has_bonus = sched->bonus_condition.has_value();
        if (c.has_bonus) c.bonus = compile(*sched->bonus_condition);
    } else {
        c.kind = detail::FormulaKind::service;
        c.by_membership = std::get<ServiceFormula>(m.formula).per == ServicePer::membership;
    }
}

inline detail::CompiledConstraint CompiledProgram::compile(const StackingConstraint& sc) const {
    detail::CompiledConstraint c;
    c.constraint = &sc;
    for (ExpenseNature n : sc.natures) c.natures |= 1U << static_cast<unsigned>(n);
    c.measures.assign(measures_.size(), false);
    auto mark = [&](const std::set<std::string>& ids) {
        for (const auto& id : ids) c.measures[measure_index_.find(id)] = true;
    };
    if (const auto* x = std::get_if<Exclusive>(&sc.rule)) {
        c.kind = detail::ConstraintKind::exclusive;
        mark(x->measures);
    } else if (const auto* g = std::get_if<GroupCap>(&sc.rule)) {
        c.kind = detail::ConstraintKind::group_cap;
        mark(g->measures);
    } else if (const auto* o = std::get_if<OwnerMinimumShare>(&sc.rule)) {
        c.kind = detail::ConstraintKind::owner_minimum;
        c.has_condition = o->condition.has_value();
        if (c.has_condition) c.condition = compile(*o->condition);
        for (const auto& [flag, rate] : o->derogations) c.derogations.push_back({flags_.find(flag), rate, &flag});
    } else {
        c.kind = detail::ConstraintKind::total_public_aid;
    }
    return c;
}

}  // namespace subsidy
