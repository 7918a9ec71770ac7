// evaluate_batch: the plans of many projects, made by the one Evaluator (without trace) with a
// CompiledProgram on N threads, streamed into Envelopes, then the budgets.
//
// Things you should know:
// - The result is the one of plan_all(), apply_budgets() and Envelopes::add() on every
//   project, to the cent, whatever the number of threads and the order of `projects`: each
//   thread sums into its own Envelopes (integer sums, merged at the end), projects of one
//   beneficiary are planned in application order by one thread when a ceiling counts per
//   beneficiary, and budgets run once every plan is known.
// - Memory: a plan goes into the envelopes as soon as it is made, unless a budget may cut one
//   of its lines; those plans (and only those) are held until the budgets have run.
// - Errors: the first project (in the order they are planned) that cannot be planned stops the
//   run, with plan_of()'s message; the envelopes are then left unchanged.
#pragma once

#include <algorithm>
#include <cstddef>
#include <thread>
#include <utility>
#include <vector>

#include "subsidy/detail/batch_worker.hpp"
#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/envelopes/budget.hpp"
#include "subsidy/envelopes/envelopes.hpp"
#include "subsidy/error.hpp"
#include "subsidy/rules/budget.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

struct BatchOptions {
    unsigned threads = 0;  ///< 0: the hardware's threads
    /// When a project cannot be planned, its position in `projects` is written here before
    /// the error is thrown (to report it at its place in a file).
    std::size_t* failed_project = nullptr;
    /// When set, receives (project position, measure index) for each measure a project asked
    /// for that gives it no line (unfunded_requests, engine/plan.hpp), sorted.
    std::vector<std::pair<std::size_t, std::uint32_t>>* unfunded = nullptr;
};

struct BatchResult {
    std::vector<BudgetOutcome> budgets;  ///< one per budget, in the order given
    std::size_t projects = 0;
    std::size_t project_years = 0;  ///< Σ over the projects of their expense years
    std::size_t lines = 0;          ///< funding lines made (a budget may lower them, never adds one)
    std::size_t held = 0;           ///< plans held for the budgets
    unsigned threads = 1;           ///< threads used
};

/// Plans `projects` with `plan` on `options.threads` threads, applies `budgets` and adds the
/// result to `envelopes` (built on the same programme and territory). See the notes at the top.
/// Throws invalid_argument for budgets that fail validate_budgets, two projects with one id, or
/// envelopes of another programme or territory; and what plan_of() throws for a project.
inline BatchResult evaluate_batch(const CompiledProgram& plan, const Territory& territory, const std::vector<Project>& projects,
                                  const std::vector<Budget>& budgets, Envelopes& envelopes, const BatchOptions& options = {}) {
    const Program& program = plan.program();
    if (&envelopes.program() != &program || &envelopes.territory() != &territory)
        throw invalid_argument("batch: the envelopes are not of this programme and territory");
    validate_budgets(program, territory, budgets);
    detail::check_unique_ids(projects);

    const detail::BatchSchedule schedule = detail::schedule(projects, plan.has_beneficiary_ceilings());
    unsigned threads = options.threads ? options.threads : std::max(1U, std::thread::hardware_concurrency());
    threads = static_cast<unsigned>(std::max<std::size_t>(1, std::min<std::size_t>(threads, schedule.groups())));
    const detail::BudgetIndex budget_index(program, budgets);
    std::vector<detail::BatchWorker> workers;
    workers.reserve(threads);
    for (unsigned t = 0; t < threads; ++t)
        workers.emplace_back(plan, territory, projects, budget_index, envelopes, options.unfunded != nullptr);
    detail::run_groups(workers, schedule, options.failed_project);

    std::vector<detail::BatchWorker::Held> held;
    std::vector<std::size_t> held_from{0};  // worker t held held[held_from[t] .. held_from[t + 1])
    for (detail::BatchWorker& w : workers) {
        for (auto& h : w.held()) held.push_back(std::move(h));
        held_from.push_back(held.size());
    }
    BatchResult result;
    result.budgets = detail::cut_held(program, projects, budgets, budget_index, held);
    result.projects = projects.size();
    result.held = held.size();
    result.threads = threads;
    // The budgets cut in application order, one thread; each worker then adds the plans it
    // held, cut, to its own envelopes on its own thread (sums of cents do not depend on the
    // order), so that the plans a budget holds do not make the end of the batch serial.
    detail::on_each_worker(workers, [&](std::size_t t, detail::BatchWorker& w) {
        for (std::size_t k = held_from[t]; k < held_from[t + 1]; ++k) w.envelopes().add(held[k].where, held[k].plan);
    });
    for (detail::BatchWorker& w : workers) {
        result.lines += w.lines();
        result.project_years += w.project_years();
        envelopes.merge(std::move(w.envelopes()));  // the first into empty envelopes: moved
    }
    if (options.unfunded) {
        options.unfunded->clear();
        for (detail::BatchWorker& w : workers) options.unfunded->insert(options.unfunded->end(), w.unfunded().begin(), w.unfunded().end());
        std::sort(options.unfunded->begin(), options.unfunded->end());
    }
    return result;
}

}  // namespace subsidy
