// evaluate() and evaluate_envelopes(): a loaded scenario computed into plans, budget
// outcomes and envelopes, a project's problem reported at its position in the file.
#include "subsidy/io/scenario.hpp"

#include "subsidy/batch.hpp"

namespace subsidy::io {

Evaluation evaluate(const Scenario& s, bool trace) {
    const CompiledProgram compiled(s.catalog.program, s.options.lookup);
    auto fail_at = [&](std::size_t i, const std::string& what) {
        const SourcePosition& at = s.project_positions.at(i);
        throw load_error({Diagnostic{at.file, at.line, at.column, Code::cannot_compute, what}});
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
    ev.budgets = apply_budgets(s.catalog.program, s.territory, s.projects, ev.plans, s.budgets, trace);
    for (std::size_t i = 0; i < s.projects.size(); ++i) {
        try {
            ev.envelopes.add(s.projects[i], ev.plans[i]);
        } catch (const subsidy::error& e) {
            fail_at(i, e.what());
        }
    }
    return ev;
}

Evaluation evaluate_envelopes(const Scenario& s, std::vector<Dimension> by, unsigned threads) {
    Evaluation ev{{}, {}, Envelopes(s.catalog.program, s.territory, std::move(by)), {}};
    const CompiledProgram plan(s.catalog.program, s.options.lookup);
    std::size_t failed = s.projects.size();
    try {
        ev.budgets = evaluate_batch(plan, s.territory, s.projects, s.budgets, ev.envelopes, {threads, &failed}).budgets;
    } catch (const subsidy::error& e) {
        if (failed >= s.projects.size()) throw;  // not a project's problem
        const SourcePosition& at = s.project_positions.at(failed);
        throw load_error({Diagnostic{at.file, at.line, at.column, Code::cannot_compute, e.what()}});
    }
    return ev;
}

}  // namespace subsidy::io
