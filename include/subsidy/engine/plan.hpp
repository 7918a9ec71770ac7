// plan_of(): the funding plan of one project, traced, in one call; plan_all(): the plans of
// several projects sharing per-beneficiary ceilings. Both run the one Evaluator
// (engine/evaluator.hpp) with a TraceRecorder (or NoTrace when PlanOptions::trace is off).
//
// To plan many projects, compile the programme once (CompiledProgram) and pass it: the
// overloads that take a Program compile it on each call.
#pragma once

#include <algorithm>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/engine/evaluator.hpp"
#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/engine/ledger.hpp"
#include "subsidy/engine/trace.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

struct PlanOptions {
    LookupMode lookup = LookupMode::strict;  ///< outside a dated value's validity: error or nearest value
    bool trace = true;                       ///< off: no trace, no outcomes, no strings built
};

/// The facts of the owner of `project`. An unknown owner is reported after what
/// Project::validate reports, as a plan reports them.
[[nodiscard]] inline OwnerFacts owner_facts_of(const CompiledProgram& program, const Territory& territory, const Project& project) {
    try {
        return program.owner_facts(territory, project);
    } catch (const invalid_argument&) {
        project.validate();
        throw;
    }
}

/// The measures `project` asked for by name that have no line in its plan `lines` (of any
/// year or funder), in the order asked: each gives the project nothing, and the plan's
/// outcomes (traced) say why. A project that asks for every measure (`requests` unset) and
/// gets no line at all counts as one such measure, `detail::no_index`.
[[nodiscard]] inline std::vector<std::uint32_t> unfunded_requests(const CompiledProgram& program, const Project& project,
                                                                  const LinePlan& plan) {
    std::vector<std::uint32_t> out;
    if (!project.requests) {
        if (plan.lines.empty()) out.push_back(detail::no_index);
        return out;
    }
    for (const MeasureRequest& r : *project.requests) {
        const std::uint32_t m = program.measure_index(r.measure);
        const bool funded = std::any_of(plan.lines.begin(), plan.lines.end(), [&](const PlanLine& l) { return l.measure == m; });
        if (!funded) out.push_back(m);
    }
    return out;
}

namespace detail {

// The named plan of `project` made by `evaluator` (reused from one project to the next).
template <class Trace>
FundingPlan named_plan(Evaluator<Trace>& evaluator, const Territory& territory, const Project& project, GrantLedger* ledger) {
    const CompiledProgram& program = evaluator.compiled();
    const OwnerFacts owner = owner_facts_of(program, territory, project);
    GrantLedger::Account* account = ledger ? &ledger->account(owner.ref) : nullptr;
    FundingPlan plan = name_plan(program.program(), project.id, evaluator.run(project, owner, account));
    if constexpr (Trace::enabled) evaluator.trace().into(plan);
    return plan;
}

}  // namespace detail

/// The plan of `project` with a compiled programme; per-beneficiary ceilings count the grants
/// of `ledger` (only this project when null) and record the new ones once the plan is complete.
[[nodiscard]] inline FundingPlan plan_of(const CompiledProgram& program, const Territory& territory, const Project& project,
                                         bool trace = true, GrantLedger* ledger = nullptr) {
    if (!trace) {
        Evaluator<NoTrace> evaluator(program);
        return detail::named_plan(evaluator, territory, project, ledger);
    }
    Evaluator<TraceRecorder> evaluator(program);
    return detail::named_plan(evaluator, territory, project, ledger);
}

/// The funding plan of one project. Ceilings that count per beneficiary see only this
/// project: it is taken to be the beneficiary's only one.
[[nodiscard]] inline FundingPlan plan_of(const Program& program, const Territory& territory, const Project& project,
                                         const PlanOptions& options = {}) {
    return plan_of(CompiledProgram(program, options.lookup), territory, project, options.trace);
}

/// The same, with the grants the beneficiary already received (per-beneficiary ceilings count
/// them); the new grants are recorded in `ledger` once the plan is complete.
[[nodiscard]] inline FundingPlan plan_of(const Program& program, const Territory& territory, const Project& project,
                                         const PlanOptions& options, GrantLedger& ledger) {
    return plan_of(CompiledProgram(program, options.lookup), territory, project, options.trace, &ledger);
}

namespace detail {

inline void check_unique_ids(const std::vector<Project>& projects) {
    std::unordered_set<std::string_view> ids;
    ids.reserve(projects.size());
    for (const Project& p : projects)
        if (!ids.insert(p.id).second) throw invalid_argument("project '" + p.id + "': id: declared twice");
}

}  // namespace detail

/// The funding plans of several projects, returned in the order given. Per-beneficiary
/// ceilings are shared between the projects of one beneficiary; they are served in order of
/// application date (projects without one after those with one), then project id, so the
/// result does not depend on the order of `projects`. Two projects with the same id are an
/// error.
[[nodiscard]] inline std::vector<FundingPlan> plan_all(const CompiledProgram& program, const Territory& territory,
                                                       const std::vector<Project>& projects, bool trace = true) {
    detail::check_unique_ids(projects);
    GrantLedger ledger;
    std::vector<std::optional<FundingPlan>> plans(projects.size());
    Evaluator<NoTrace> untraced(program);  // one of each for all the projects: buffers reused
    Evaluator<TraceRecorder> traced(program);
    for (std::size_t i : application_order(projects))
        plans[i] = trace ? detail::named_plan(traced, territory, projects[i], &ledger)
                         : detail::named_plan(untraced, territory, projects[i], &ledger);
    std::vector<FundingPlan> out;
    out.reserve(plans.size());
    for (auto& p : plans) out.push_back(std::move(*p));
    return out;
}

[[nodiscard]] inline std::vector<FundingPlan> plan_all(const Program& program, const Territory& territory,
                                                       const std::vector<Project>& projects, const PlanOptions& options = {}) {
    return plan_all(CompiledProgram(program, options.lookup), territory, projects, options.trace);
}

}  // namespace subsidy
