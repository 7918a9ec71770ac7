// Evaluator<Trace>: the only body of the funding rules. It makes the plan of one project with
// a CompiledProgram; `Trace` is the sink it tells what it checked, read and decided (NoTrace
// for batch runs, TraceRecorder for explained plans: engine/trace.hpp). One per thread: it
// reuses its buffers from one project to the next.
//
// How a plan is made:
// 1. The project is checked (Project::validate) and each measure it asks for must exist and
//    be asked for as the catalog allows: once, when it is compiled (CompiledProject).
// 2. Each measure asked for (or every measure of the programme) is checked against the
//    project: expense category and nature, beneficiary kind, population threshold, programme
//    membership, project flags. A measure that fails is an outcome with its reason.
// 3. For each expense year (or dated unit), the period is checked: not before the convention,
//    inside the programme's and the measure's validity. Values are read on the first day of
//    the period, strictly or by extrapolation (CompiledProgram::lookup).
// 4. The measure's formula gives the combined amount (engine/formulas.hpp): share = rate ×
//    base, the base being the expense's eligible base or cost, less its items not eligible
//    for the measure, within the base cap a decision retains (engine/bases.hpp), capped by the
//    measure's base cap; rounded once with the measure's Rounding (or each funder's part on
//    its own, rounding per funder), then capped by the first applicable ceiling (prorated by
//    month or day if the measure says so; per year, per project or per beneficiary) and by the
//    ceilings the scenario sets for the project, plus any per-unit part. A decided rate is
//    held to the catalog's maximum rate; a decided amount replaces rate × base, split over the
//    years by their bases and held to the legal maximum (bases.hpp). Flat = count × amount per
//    unit; schedule = amount of the scheme year (+ bonus).
// 5. The combined amount is split: members in order, each rate × its own (capped) base,
//    rounded, capped by its ceiling and by what is left; the residual funder takes the rest.
//    Zero amounts give no line (the outcomes say who got nothing and why).
// 6. Stacking constraints bind the project's public cash aid (engine/stacking.hpp); a line of
//    a measure rounding to a unit keeps a whole number of units when cut.
// 7. Lines are listed by year, then measure (programme order), then member (residual last);
//    own share = cost − private funding − other resources (FCTVA) − cash aid, exactly.
//    In-kind and pass-through lines are shown but stay outside the balance.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "subsidy/detail/bit_set.hpp"
#include "subsidy/detail/compiled_measure.hpp"
#include "subsidy/detail/describe.hpp"
#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/engine/compiled_project.hpp"
#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/engine/ledger.hpp"
#include "subsidy/engine/trace.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/rounding.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy {

template <class Trace = NoTrace>
class Evaluator {
public:
    explicit Evaluator(const CompiledProgram& program) : cp_(&program) {
        request_of_.assign(program.measures().size(), nullptr);
    }

    /// The plan of `project`, whose owner has `owner` facts; per-beneficiary ceilings read and
    /// then record `account` (the owner's, in a GrantLedger). The result (and the sink's
    /// record) stays valid until the next call.
    const LinePlan& run(const Project& project, const OwnerFacts& owner, GrantLedger::Account* account = nullptr);
    /// The same for a project compiled (once) with this evaluator's programme: no check and
    /// no name looked up again (engine/compiled_project.hpp).
    const LinePlan& run(const CompiledProject& project, const OwnerFacts& owner, GrantLedger::Account* account = nullptr);

    [[nodiscard]] Trace& trace() noexcept { return trace_; }
    [[nodiscard]] const CompiledProgram& compiled() const noexcept { return *cp_; }

private:
    using Line = typename Trace::Line;
    using CompiledMeasure = detail::CompiledMeasure;
    using Unit = CompiledProject::Unit;
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
        [[no_unique_address]] Line trace;
        [[nodiscard]] bool cash() const noexcept { return !line.in_kind && !line.pass_through && !line.service; }
    };
    struct DecidedYear {  // a year a decided amount is spread over (bases.hpp)
        const Expense* e;
        Date d;
        Money base;
        Line tr;
    };

    [[nodiscard]] LookupMode lookup() const noexcept { return cp_->lookup(); }
    [[nodiscard]] const Program& program() const noexcept { return cp_->program(); }
    [[nodiscard]] const std::string& funder_id(std::uint32_t f) const { return program().funders()[f].id; }

    void load(const CompiledProject& project);
    void plan_measure(std::uint32_t index);
    void evaluate(std::uint32_t index);
    bool static_checks(const CompiledMeasure& c);
    template <class Sink>
    bool period_checks(const Measure& m, Date d, Sink& sink) const;
    bool period_applies(const Measure& m, Date d, std::chrono::year year);
    template <class T>
    const T& param(const Dated<T>& p, Date d, Line tr) {
        return param(trace_, p, d, tr);
    }
    template <class Sink, class T>
    const T& param(Sink& sink, const Dated<T>& p, Date d, typename Sink::Line tr) {
        const DatedValue<T> v = p.at(d, lookup());
        sink.parameter(tr, p, v);
        return v.value;
    }
    template <class Sink>
    Money prorate(const Money& ceiling, Proration how, const Expense& e, Sink& sink, typename Sink::Line tr);
    void push(std::uint32_t index, std::uint32_t member, std::chrono::year year, const Money& amount, Line tr);
    void push_service(std::uint32_t index, std::chrono::year year, std::int64_t quantity, Line tr);

    // formulas.hpp
    void evaluate_share(std::uint32_t index, const MeasureRequest* request);
    Money share_amount(std::uint32_t index, const ShareFormula& f, const MeasureRequest* request, const Expense& e, Date d,
                       const Money& base, Money& used, Proration proration, Line tr);
    Money rate_times_base(std::uint32_t index, const Rate& rate, const Money& base, const Money& member_base, Date d,
                          Proration proration, const Expense& e, Line tr);
    Money per_unit_part(std::uint32_t index, const ShareFormula& f, const Expense& e, Date d, Line tr);
    const Ceiling* applicable_ceiling(std::uint32_t index, const ShareFormula& f) const;
    Money cap_by_ceiling(std::uint32_t index, const ShareFormula& f, const Expense& e, Date d, Money amount, const Money& used,
                         Line tr);
    Money already_granted(std::uint32_t index, CeilingScope scope, std::chrono::year year, const Money& used) const;
    Money cap_by_project_ceilings(std::uint32_t index, Money amount, Line tr);
    template <class Sink>
    Money member_part(std::uint32_t index, std::uint32_t i, const Expense& e, Date d, const Money& base, Proration proration,
                      Sink& sink, typename Sink::Line tr);
    void split(std::uint32_t index, const Expense& e, Date d, const Money& base, const Money& combined, Proration proration,
               Line tr);
    // bases.hpp
    Money base_of(std::uint32_t index, const MeasureRequest* request, const Expense& e, Line tr);
    Rate decided_rate(std::uint32_t index, const ShareFormula& f, const MeasureRequest& request, Date d, Line tr);
    void evaluate_decided(std::uint32_t index, const ShareFormula& f, const MeasureRequest& request);
    Money within_legal_maximum(std::uint32_t index, const ShareFormula& f, const Money& amount, const Money& base, Date d,
                               Line tr);
    void refuse_or_trace(std::uint32_t index, const ShareFormula& f, const Money& asked, const Money& allowed,
                         const std::string& what, Line tr);
    void evaluate_flat(std::uint32_t index);
    void evaluate_schedule(std::uint32_t index);
    void evaluate_service(std::uint32_t index);
    const Expense* expense_of(std::chrono::year y) const {
        for (const Expense& e : expenses_)
            if (e.year == y) return &e;
        return nullptr;
    }

    // stacking.hpp
    template <class Select, class Why>
    void cut_to(Select&& select, const Money& limit, const StackingConstraint* constraint, Why&& why);
    void stack();
    void apply_constraint(const detail::CompiledConstraint& c);
    void exclude(const detail::CompiledConstraint& c);
    void owner_minimum(const detail::CompiledConstraint& c, Date d);
    void finish();

    const CompiledProgram* cp_;
    Trace trace_;
    CompiledProject scratch_;  // what run(const Project&) compiles into
    const CompiledProject* proj_ = nullptr;
    const Project* project_ = nullptr;
    const OwnerFacts* owner_ = nullptr;
    GrantLedger::Account* account_ = nullptr;
    std::vector<const MeasureRequest*> request_of_;  // by measure index
    std::vector<std::uint32_t> asked_;               // where request_of_ is set
    std::span<const Unit> units_;
    std::vector<Unit> selected_;
    std::span<const Expense> expenses_;
    std::vector<bool> takes_part_;
    std::vector<Grant> grants_;
    std::vector<Draft> drafts_;
    std::vector<Draft*> selected_drafts_;
    std::vector<DecidedYear> decided_years_;
    struct LocalCeiling {  // a ceiling the scenario sets for this project (Project::ceilings)
        std::uint32_t measure;
        const ProjectCeiling* ceiling;
        Money used;
    };
    std::vector<LocalCeiling> local_ceilings_;
    Money base_cap_left_;  // of the base cap a request retains over the project (bases.hpp)
    LinePlan out_;
};

// ---- one plan -------------------------------------------------------------------------

template <class Trace>
const LinePlan& Evaluator<Trace>::run(const Project& project, const OwnerFacts& owner, GrantLedger::Account* account) {
    scratch_.assign(*cp_, project);
    return run(scratch_, owner, account);
}

template <class Trace>
const LinePlan& Evaluator<Trace>::run(const CompiledProject& project, const OwnerFacts& owner, GrantLedger::Account* account) {
    if (&project.program() != cp_) throw invalid_argument("project '" + project.project().id + "': compiled for another program");
    owner_ = &owner;
    account_ = account;
    load(project);
    trace_.start();
    if (project.lists_requests()) {  // the measures asked for, in the programme's order
        for (const CompiledProject::Request& r : project.requests()) plan_measure(r.measure);
    } else {
        for (std::uint32_t i = 0; i < cp_->measures().size(); ++i) plan_measure(i);
    }
    stack();
    finish();
    if (account_)  // only now: a plan that threw records nothing
        for (const Grant& g : grants_) account_->record(g.measure, g.year, g.amount);
    return out_;
}

template <class Trace>
void Evaluator<Trace>::plan_measure(std::uint32_t index) {
    if (cp_->measures()[index].by_membership) return;  // the territory's memberships give it, not projects
    try {
        evaluate(index);
    } catch (const out_of_validity& e) {
        throw out_of_validity("project '" + project_->id + "', measure '" + program().measures()[index].id + "': " + e.what());
    }
}

// What the plan reads of the compiled project; the plan's buffers emptied.
template <class Trace>
void Evaluator<Trace>::load(const CompiledProject& project) {
    proj_ = &project;
    project_ = &project.project();
    for (const std::uint32_t i : asked_) request_of_[i] = nullptr;  // the previous project's
    asked_.clear();
    for (const CompiledProject::Request& r : project.requests()) {
        request_of_[r.measure] = r.request;
        asked_.push_back(r.measure);
    }
    units_ = project.units();
    expenses_ = project.expenses();
    local_ceilings_.clear();
    for (const CompiledProject::Ceiling& c : project.ceilings()) local_ceilings_.push_back({c.measure, c.ceiling, Money()});
    out_.cost = project.cost();
    out_.private_funding = project_->private_funding;
    out_.other_resources = project.other_resources();
    out_.eligible_base = project.eligible_base();
    out_.lines.clear();
    drafts_.clear();  // a plan that threw may have left some
    grants_.clear();
}

template <class Trace>
void Evaluator<Trace>::evaluate(std::uint32_t index) {
    const CompiledMeasure& c = cp_->measures()[index];
    const Measure& m = *c.measure;
    const MeasureRequest* request = request_of_[index];
    trace_.begin_measure(m.id);
    if (!static_checks(c)) return trace_.fails(std::nullopt);
    const std::size_t before = drafts_.size();
    switch (c.kind) {
        case detail::FormulaKind::share:
            if (c.case_by_case && !(request && (request->rate || request->amount))) {
                // Asked for by name, the decision is part of the request; "every measure that
                // applies" cannot invent one, so such a measure is left out and says why.
                trace_.check("rate", false, [&] {
                    const auto& f = std::get<ShareFormula>(m.formula);
                    return std::string("decided case by case: the project must ask for the measure with its ") +
                           (!f.rate_decided ? "amount" : f.amount_decided ? "rate or its amount" : "rate");
                });
                return trace_.fails(std::nullopt);
            }
            evaluate_share(index, request);
            break;
        case detail::FormulaKind::flat: evaluate_flat(index); break;
        case detail::FormulaKind::schedule: evaluate_schedule(index); break;
        case detail::FormulaKind::service: evaluate_service(index); break;
    }
    if (drafts_.size() > before) return trace_.applies();
    // Every measure evaluated ends as a line or as an outcome that says why not.
    trace_.gave_nothing([&] {
        if (const auto* flat = std::get_if<FlatFormula>(&m.formula))
            return "no unit of kind '" + flat->unit_kind + "' in the project";
        return std::string(expenses_.empty() ? "the project has no expense" : "no expense year it applies to");
    });
}

template <class Trace>
void Evaluator<Trace>::push(std::uint32_t index, std::uint32_t member, std::chrono::year year, const Money& amount, Line tr) {
    const CompiledMeasure& c = cp_->measures()[index];
    if (amount.is_zero()) return trace_.nothing(tr, funder_id(c.funder(member)), year);  // no zero lines
    Draft d;
    d.line = PlanLine{index, c.funder(member), member, year, c.measure->in_kind, c.measure->pass_through, amount};
    d.priority = c.measure->priority;
    d.id_rank = c.id_rank;
    d.is_public = c.is_public(member);
    d.trace = tr;
    drafts_.push_back(d);
}

// A line of support without a price: `quantity` of the measure's unit, no euros.
template <class Trace>
void Evaluator<Trace>::push_service(std::uint32_t index, std::chrono::year year, std::int64_t quantity, Line tr) {
    const CompiledMeasure& c = cp_->measures()[index];
    Draft d;
    d.line = PlanLine{index, c.funder(0), 0, year, false, false, Money(), quantity, true};
    d.priority = c.measure->priority;
    d.id_rank = c.id_rank;
    d.is_public = c.is_public(0);
    d.trace = tr;
    drafts_.push_back(d);
}

template <class Trace>
template <class Sink>
Money Evaluator<Trace>::prorate(const Money& ceiling, Proration how, const Expense& e, Sink& sink, typename Sink::Line tr) {
    if (how == Proration::none) return ceiling;
    const Rate f = how == Proration::by_month ? year_fraction_by_month(e.period(), e.year) : year_fraction_by_day(e.period(), e.year);
    // A ceiling may only shrink: round the prorated ceiling down to the cent, whatever the
    // measure's own rounding (a `ceiling` or `up` mode would otherwise raise it).
    const Money prorated = apply(ceiling * f, Rounding());
    sink.note(tr, [&] {
        return "ceiling " + to_string(ceiling) + " prorated " + std::string(detail::display_of(how)) + " × " + to_string(f) +
               " = " + to_string(prorated);
    });
    return prorated;
}

}  // namespace subsidy

#include "subsidy/engine/bases.hpp"
#include "subsidy/engine/eligibility.hpp"
#include "subsidy/engine/formulas.hpp"
#include "subsidy/engine/stacking.hpp"
