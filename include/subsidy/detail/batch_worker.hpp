// The workers of evaluate_batch (batch.hpp): one per thread, each with its own Evaluator and
// Envelopes; the schedule of project groups; the budgets over the plans they held.
#pragma once

#include <algorithm>
#include <atomic>
#include <cstddef>
#include <cstdint>
#include <exception>
#include <functional>
#include <limits>
#include <span>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <utility>
#include <vector>

#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/engine/evaluator.hpp"
#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/engine/ledger.hpp"
#include "subsidy/engine/plan.hpp"
#include "subsidy/envelopes/budget.hpp"
#include "subsidy/envelopes/envelopes.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

namespace detail {

// A project's owner, as a key into the per-thread cache (the strings are the projects').
struct OwnerKey {
    BeneficiaryKind kind;
    std::string_view id;
    friend bool operator==(const OwnerKey&, const OwnerKey&) = default;
};
struct OwnerKeyHash {
    std::size_t operator()(const OwnerKey& k) const noexcept {
        return std::hash<std::string_view>{}(k.id) * 31U + static_cast<std::size_t>(k.kind);
    }
};

// What one thread needs and makes.
class BatchWorker {
public:
    BatchWorker(const CompiledProgram& plan, const Territory& territory, const std::vector<Project>& projects,
                const BudgetIndex& budgets, const Envelopes& target, bool find_unfunded)
        : plan_(plan), territory_(territory), projects_(projects), budgets_(budgets), evaluator_(plan),
          envelopes_(target.empty_like()), find_unfunded_(find_unfunded) {}

    // Plans the projects of `sequence` (in that order); `ledger`: they share one owner and a
    // per-beneficiary ceiling.
    void run(std::span<const std::size_t> sequence, bool ledger) {
        GrantLedger::Account owner_account;  // the group's one owner
        for (std::size_t i : sequence) {
            failed_ = i;  // until it is planned
            const Project& project = projects_[i];
            const Owner& owner = owner_of(project);
            const LinePlan& lp = evaluator_.run(project, owner.facts, ledger ? &owner_account : nullptr);
            lines_ += lp.lines.size();
            project_years_ += project.expenses.size();
            if (find_unfunded_)
                for (std::uint32_t m : unfunded_requests(plan_, project, lp)) unfunded_.emplace_back(i, m);
            Envelopes::Destination served;
            const Envelopes::Destination& where =
                project.served ? (served = envelopes_.destination(project)) : owner.destination;
            if (!budgets_.empty() && budgets_.binds(lp, owner.budgets)) {
                held_.push_back(Held{i, lp, where, &owner.budgets});
                continue;
            }
            envelopes_.add(where, lp);
        }
        failed_ = std::numeric_limits<std::size_t>::max();
    }

    struct Held {
        std::size_t project;
        LinePlan plan;
        Envelopes::Destination where;
        const std::vector<std::uint32_t>* budgets;  // whose scope holds the owner
    };

    Envelopes& envelopes() noexcept { return envelopes_; }
    std::vector<Held>& held() noexcept { return held_; }
    [[nodiscard]] std::size_t lines() const noexcept { return lines_; }
    [[nodiscard]] std::size_t project_years() const noexcept { return project_years_; }
    [[nodiscard]] const std::vector<std::pair<std::size_t, std::uint32_t>>& unfunded() const noexcept { return unfunded_; }
    /// The project run() was planning when it threw.
    [[nodiscard]] std::size_t failed() const noexcept { return failed_; }

private:
    struct Owner {
        OwnerFacts facts;
        Envelopes::Destination destination;  // of the owner's projects that serve no list of towns
        std::vector<std::uint32_t> budgets;  // whose scope holds the owner
    };

    const Owner& owner_of(const Project& project) {
        const OwnerKey key{project.owner.kind, project.owner.id};
        if (auto it = owners_.find(key); it != owners_.end()) return it->second;
        Owner o;
        o.facts = owner_facts_of(plan_, territory_, project);
        Project alone;  // the owner's own place, whatever the project serves
        alone.id = project.id;
        alone.owner = project.owner;
        o.destination = envelopes_.destination(alone);
        if (!budgets_.empty()) o.budgets = budgets_.scopes_of(project, territory_);
        return owners_.emplace(key, std::move(o)).first->second;
    }

    const CompiledProgram& plan_;
    const Territory& territory_;
    const std::vector<Project>& projects_;
    const BudgetIndex& budgets_;
    Evaluator<NoTrace> evaluator_;
    Envelopes envelopes_;
    std::unordered_map<OwnerKey, Owner, OwnerKeyHash> owners_;
    std::vector<Held> held_;
    bool find_unfunded_ = false;
    std::vector<std::pair<std::size_t, std::uint32_t>> unfunded_;  // (project, measure) asked for, no line
    std::size_t lines_ = 0, project_years_ = 0;
    std::size_t failed_ = std::numeric_limits<std::size_t>::max();
};

// The order projects are planned in, cut into groups a thread takes whole. With a
// per-beneficiary ceiling, a group is one owner's projects in application order; otherwise
// projects are independent and groups are runs of the input.
struct BatchSchedule {
    std::vector<std::size_t> sequence;
    std::vector<std::size_t> group_start;  // groups() + 1 entries, the last one sequence.size()
    bool by_owner = false;
    [[nodiscard]] std::size_t groups() const noexcept { return group_start.size() - 1; }
    [[nodiscard]] std::span<const std::size_t> group(std::size_t g) const {
        return std::span<const std::size_t>(sequence).subspan(group_start[g], group_start[g + 1] - group_start[g]);
    }
};

inline BatchSchedule schedule(const std::vector<Project>& projects, bool by_owner) {
    BatchSchedule s;
    s.by_owner = by_owner;
    if (by_owner) {
        s.sequence = application_order(projects);
        std::stable_sort(s.sequence.begin(), s.sequence.end(),
                         [&](std::size_t a, std::size_t b) { return projects[a].owner < projects[b].owner; });
        for (std::size_t k = 0; k < s.sequence.size(); ++k)
            if (k == 0 || projects[s.sequence[k]].owner != projects[s.sequence[k - 1]].owner) s.group_start.push_back(k);
    } else {
        s.sequence.resize(projects.size());
        for (std::size_t k = 0; k < s.sequence.size(); ++k) s.sequence[k] = k;
        constexpr std::size_t chunk = 64;
        for (std::size_t k = 0; k < s.sequence.size(); k += chunk) s.group_start.push_back(k);
    }
    s.group_start.push_back(s.sequence.size());
    return s;
}

// Runs the groups on the workers' threads. Groups are taken in increasing order; after a
// failure, later groups are skipped and the error of the earliest failing group is the one
// rethrown, whatever the threads (its project's position in *failed_project).
inline void run_groups(std::vector<BatchWorker>& workers, const BatchSchedule& s, std::size_t* failed_project) {
    constexpr std::size_t none = std::numeric_limits<std::size_t>::max();
    std::atomic<std::size_t> next{0};
    std::atomic<std::size_t> failed{none};
    struct Failure {
        std::size_t group = none;
        std::size_t project = 0;
        std::exception_ptr error;
    };
    std::vector<Failure> errors(workers.size());
    auto work = [&](std::size_t t) {
        for (std::size_t g = next++; g < s.groups(); g = next++) {
            if (g > failed.load()) continue;
            try {
                workers[t].run(s.group(g), s.by_owner);
            } catch (...) {
                if (g < errors[t].group) errors[t] = {g, workers[t].failed(), std::current_exception()};
                std::size_t seen = failed.load();
                while (g < seen && !failed.compare_exchange_weak(seen, g)) {
                }
            }
        }
    };
    if (workers.size() == 1) {
        work(0);
    } else {
        std::vector<std::thread> pool;
        pool.reserve(workers.size());
        for (std::size_t t = 0; t < workers.size(); ++t) pool.emplace_back(work, t);
        for (std::thread& th : pool) th.join();
    }
    const auto first = std::min_element(errors.begin(), errors.end(), [](const Failure& a, const Failure& b) { return a.group < b.group; });
    if (!first->error) return;
    if (failed_project) *failed_project = first->project;
    std::rethrow_exception(first->error);
}

// f(t, workers[t]) for every worker, each on its own thread (the first on this one); the
// error of the first worker that failed is rethrown once all have ended.
template <class F>
void on_each_worker(std::vector<BatchWorker>& workers, F&& f) {
    std::vector<std::exception_ptr> errors(workers.size());
    auto work = [&](std::size_t t) {
        try {
            f(t, workers[t]);
        } catch (...) {
            errors[t] = std::current_exception();
        }
    };
    std::vector<std::thread> pool;
    pool.reserve(workers.size());
    for (std::size_t t = 1; t < workers.size(); ++t) pool.emplace_back(work, t);
    if (!workers.empty()) work(0);
    for (std::thread& th : pool) th.join();
    for (const std::exception_ptr& e : errors)
        if (e) std::rethrow_exception(e);
}

// The budgets over the plans the workers held: candidates in priority order (application
// date, then id), cut by detail::cut_budgets, each cut lowering the held plan's cash aid.
inline std::vector<BudgetOutcome> cut_held(const Program& program, const std::vector<Project>& projects,
                                           const std::vector<Budget>& budgets, const BudgetIndex& index,
                                           std::vector<BatchWorker::Held>& held) {
    const std::vector<std::size_t> priority =
        application_order(held.size(), [&](std::size_t k) -> const Project& { return projects[held[k].project]; });
    const auto candidates = index.candidates(
        priority, [&](std::size_t k) -> const std::vector<PlanLine>& { return held[k].plan.lines; },
        [&](std::size_t k) -> const std::vector<std::uint32_t>& { return *held[k].budgets; });
    return cut_budgets(
        budgets, candidates, [&](const BudgetAsk& a) -> Money& { return held[a.plan].plan.lines[a.line].amount; },
        [&](const BudgetAsk& a, const Budget&, const Money& asked, const Money& granted, const std::string&) {
            LinePlan& lp = held[a.plan].plan;
            const PlanLine& line = lp.lines[a.line];
            if (!line.pass_through) {
                lp.cash_aid -= asked - granted;
                lp.own_share += asked - granted;
            }
            return BudgetCut{projects[held[a.plan].project].id, program.measures()[line.measure].id,
                             program.funders()[line.funder].id, line.year, asked, granted};
        });
}

}  // namespace detail

}  // namespace subsidy
