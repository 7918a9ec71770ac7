// evaluate() and evaluate_envelopes(): a loaded scenario computed into plans, budget
// outcomes and envelopes, a project's problem reported at its position in the file.
#include "subsidy/io/scenario.hpp"

#include "subsidy/batch.hpp"

namespace subsidy::io {

namespace {

// `what` of project `id`, naming it unless it already does (an overflow of money does not).
std::string naming(const std::string& id, std::string what) {
    if (what.rfind("project '" + id + "'", 0) != 0) what = "project '" + id + "': " + what;
    return what;
}

// Why the traced `plan` has no line of `measure`: its first failure, else its first zero.
std::string why_nothing(const FundingPlan& plan, const std::string& measure) {
    const MeasureOutcome* zero = nullptr;
    for (const MeasureOutcome& o : plan.outcomes) {
        if (o.measure != measure || o.reason.empty()) continue;
        if (!o.applied) return (o.year ? "in " + std::to_string(static_cast<int>(*o.year)) + ", " : std::string()) + o.reason;
        if (!zero) zero = &o;
    }
    return zero ? zero->reason : "the stacking rules cut it to nothing";
}

// W002: project `i` asked for `measure` (no_index: for every measure, `measures: all`) and
// its plan has no line of it. `plan`, when traced, says why.
Diagnostic unfunded_warning(const Scenario& s, std::size_t i, std::uint32_t measure, const FundingPlan* plan) {
    const SourcePosition& at = s.project_positions.at(i);
    const std::string& id = s.projects[i].id;
    std::string message;
    if (measure == subsidy::detail::no_index) {
        message = "project '" + id + "' gets nothing from any measure of the catalog (measures: all)";
    } else {
        const std::string& m = s.catalog.program.measures()[measure].id;
        message = "project '" + id + "' asks for measure '" + m + "' and gets nothing from it: ";
        message += plan ? why_nothing(*plan, m) : "subsidy-calc explain --project " + id + " says why";
    }
    return Diagnostic{at.file, at.line, at.column, Code::gives_nothing, std::move(message)};
}

}  // namespace

Evaluation evaluate(const Scenario& s, bool trace) {
    const CompiledProgram compiled(s.catalog.program, s.options.lookup);
    auto fail_at = [&](std::size_t i, const std::string& what) {
        const SourcePosition& at = s.project_positions.at(i);
        throw load_error({Diagnostic{at.file, at.line, at.column, Code::cannot_compute, naming(s.projects[i].id, what)}});
    };
    // plan_all's order (application date, then id) decides per-beneficiary ceilings.
    GrantLedger ledger;
    std::vector<std::optional<FundingPlan>> plans(s.projects.size());
    for (std::size_t i : application_order(s.projects)) {
        try {
            plans[i] = plan_of(compiled, s.territory, s.projects[i], trace, &ledger);
        } catch (const subsidy::error& e) {
            fail_at(i, e.what());
        }
    }
    Evaluation ev{{}, {}, Envelopes(s.catalog.program, s.territory), {}};
    ev.plans.reserve(plans.size());
    for (auto& p : plans) ev.plans.push_back(std::move(*p));
    for (std::size_t i = 0; i < s.projects.size(); ++i)
        for (std::uint32_t m : unfunded_requests(compiled, s.projects[i], index_plan(s.catalog.program, ev.plans[i])))
            ev.warnings.push_back(unfunded_warning(s, i, m, trace ? &ev.plans[i] : nullptr));
    ev.budgets = apply_budgets(s.catalog.program, s.territory, s.projects, ev.plans, s.budgets, trace);
    for (std::size_t i = 0; i < s.projects.size(); ++i) {
        try {
            ev.envelopes.add(s.projects[i], ev.plans[i]);
        } catch (const subsidy::error& e) {
            fail_at(i, e.what());
        }
    }
    ev.envelopes.add_memberships();  // the services the conventions give (Club membership)
    return ev;
}

Evaluation evaluate_envelopes(const Scenario& s, std::vector<Dimension> by, unsigned threads) {
    Evaluation ev{{}, {}, Envelopes(s.catalog.program, s.territory, std::move(by)), {}};
    const CompiledProgram plan(s.catalog.program, s.options.lookup);
    std::size_t failed = s.projects.size();
    std::vector<std::pair<std::size_t, std::uint32_t>> unfunded;
    try {
        ev.budgets = evaluate_batch(plan, s.territory, s.projects, s.budgets, ev.envelopes, {threads, &failed, &unfunded}).budgets;
    } catch (const subsidy::error& e) {
        if (failed >= s.projects.size())  // not one project's problem: the sums of several
            throw load_error({Diagnostic{s.path, 0, 0, Code::cannot_compute, std::string("summing the plans: ") + e.what()}});
        const SourcePosition& at = s.project_positions.at(failed);
        throw load_error({Diagnostic{at.file, at.line, at.column, Code::cannot_compute, naming(s.projects[failed].id, e.what())}});
    }
    for (const auto& [project, measure] : unfunded) ev.warnings.push_back(unfunded_warning(s, project, measure, nullptr));
    ev.envelopes.add_memberships();  // the services the conventions give (Club membership)
    return ev;
}

}  // namespace subsidy::io
