// CompiledProject: a Project checked once and read once against one CompiledProgram. The
// measures it asks for, its flags, category and unit kinds, and the measures its own ceilings
// name become the programme's indices; its expenses are put in year order; its totals are
// summed. The Evaluator then plans it as often as asked (a scenario, its variants, a
// benchmark) comparing integers, with no name looked up and nothing checked twice.
//
// Things you should know:
// - It refers to its project and its programme by address: both must outlive it (and the
//   project must not change while it is used; assign() it again after a change).
// - assign() throws what Project::validate throws, then invalid_argument for a measure the
//   programme does not have and for a request the catalog does not allow (a rate where the
//   programme fixes it…), in the programme's order of measures.
// - A flag, category or unit kind the programme never mentions is kept out: no measure can
//   test it (a reader warns of such names where it can, io/).
#pragma once

#include <algorithm>
#include <cstdint>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "subsidy/detail/bit_set.hpp"
#include "subsidy/detail/compiled_measure.hpp"
#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy {

class CompiledProject {
public:
    struct Request {  ///< a measure asked for, by index, with the request
        std::uint32_t measure;
        const MeasureRequest* request;
    };
    struct Unit {  ///< a count of a unit kind the programme knows, by index
        std::uint32_t kind;
        std::int64_t count;
        Date date;
    };
    struct Ceiling {  ///< a ceiling the scenario sets for the project, on the measure by index
        std::uint32_t measure;
        const ProjectCeiling* ceiling;
    };

    CompiledProject() = default;
    CompiledProject(const CompiledProgram& program, const Project& project) { assign(program, project); }

    /// Checks `project` and compiles it against `program` (see the notes at the top); the
    /// buffers of the previous project are reused.
    void assign(const CompiledProgram& program, const Project& project);

    [[nodiscard]] const Project& project() const noexcept { return *project_; }
    [[nodiscard]] const CompiledProgram& program() const noexcept { return *program_; }
    /// Whether the project lists the measures it asks for (else every measure that applies).
    [[nodiscard]] bool lists_requests() const noexcept { return lists_requests_; }
    /// The measures asked for, in the programme's order.
    [[nodiscard]] std::span<const Request> requests() const noexcept { return requests_; }
    [[nodiscard]] const detail::BitSet& flags() const noexcept { return flags_; }
    [[nodiscard]] std::uint32_t category() const noexcept { return category_; }  ///< detail::no_index if unknown
    [[nodiscard]] std::span<const Unit> units() const noexcept { return units_; }
    [[nodiscard]] std::span<const Ceiling> ceilings() const noexcept { return ceilings_; }
    /// The expenses in year order (the project's own list when it is in that order already).
    [[nodiscard]] std::span<const Expense> expenses() const noexcept {
        return reordered_.empty() ? std::span<const Expense>(project_->expenses) : std::span<const Expense>(reordered_);
    }
    [[nodiscard]] const Money& cost() const noexcept { return cost_; }
    [[nodiscard]] const Money& eligible_base() const noexcept { return eligible_base_; }
    [[nodiscard]] const Money& other_resources() const noexcept { return other_resources_; }

private:
    void resolve_requests();
    void resolve_names();
    void order_expenses();

    const CompiledProgram* program_ = nullptr;
    const Project* project_ = nullptr;
    bool lists_requests_ = false;
    std::vector<Request> requests_;
    detail::BitSet flags_;
    std::uint32_t category_ = detail::no_index;
    std::vector<Unit> units_;
    std::vector<Ceiling> ceilings_;
    std::vector<Expense> reordered_;  // empty when the project's expenses are in year order
    Money cost_, eligible_base_, other_resources_;
};

namespace detail {

// What a request may decide is the catalog's: a rate where it is decided case by case, an
// amount where the measure accepts one, a base cap on a share of the base.
inline void check_request(const Project& p, const CompiledMeasure& c, const MeasureRequest& r) {
    const auto fail = [&](const std::string& what) {
        return invalid_argument("project '" + p.id + "': measure '" + c.measure->id + "': " + what);
    };
    const auto* share = std::get_if<ShareFormula>(&c.measure->formula);
    const bool rate_decided = c.case_by_case && share->rate_decided;
    const bool amount_decided = share && share->amount_decided;
    if (c.by_membership) throw fail("a service given by membership of the programme, not asked for by a project");
    if (r.rate && !rate_decided)
        throw fail(c.case_by_case ? "rate: the catalog lets a decision give an amount, not a rate"
                                  : "rate: fixed by the programme, the request cannot set it");
    if (r.amount && !amount_decided) throw fail("amount: the catalog does not let a decision set it");
    if (r.base_cap && !share) throw fail("base_cap: the measure does not apply a rate to a base");
    if (c.case_by_case && !r.rate && !r.amount)
        throw fail(!amount_decided  ? "rate: decided case by case, the project's request must give it"
                   : !rate_decided ? "amount: decided case by case, the project's request must give it"
                                   : "decided case by case, the project's request must give its rate or its amount");
}

}  // namespace detail

inline void CompiledProject::assign(const CompiledProgram& program, const Project& project) {
    project.validate();
    program_ = &program;
    project_ = &project;
    resolve_requests();
    resolve_names();
    order_expenses();
    cost_ = project.cost();
    eligible_base_ = project.eligible_base();
    other_resources_ = project.other_resources_total();
}

// The requests by measure index, checked against the catalog in the programme's order.
inline void CompiledProject::resolve_requests() {
    const Project& p = *project_;
    lists_requests_ = p.requests.has_value();
    requests_.clear();
    if (!lists_requests_) return;
    for (const MeasureRequest& r : *p.requests) {
        const std::uint32_t i = program_->measure_index(r.measure);
        if (i == detail::no_index)
            throw invalid_argument("project '" + p.id + "': measures: unknown measure '" + r.measure + "' (not in program '" +
                                   program_->program().id() + "')");
        requests_.push_back({i, &r});
    }
    std::sort(requests_.begin(), requests_.end(), [](const Request& a, const Request& b) { return a.measure < b.measure; });
    for (const Request& r : requests_) detail::check_request(p, program_->measures()[r.measure], *r.request);
}

// Flags, category, unit kinds and the measures of the project's ceilings as indices.
inline void CompiledProject::resolve_names() {
    const Project& p = *project_;
    flags_.resize(program_->flag_count());
    for (const auto& f : p.flags)
        if (const std::uint32_t i = program_->flag(f); i != detail::no_index) flags_.set(i);
    category_ = program_->category(p.category);
    units_.clear();
    for (const UnitCount& u : p.units)
        if (const std::uint32_t k = program_->unit_kind(u.kind); k != detail::no_index) units_.push_back({k, u.count, u.date});
    ceilings_.clear();
    for (const ProjectCeiling& c : p.ceilings) {
        const std::uint32_t i = program_->measure_index(c.measure);
        if (i == detail::no_index)
            throw invalid_argument("project '" + p.id + "': ceiling '" + c.id + "': unknown measure '" + c.measure + "'");
        ceilings_.push_back({i, &c});
    }
}

// A copy of the expenses only when they are not in year order already (the years are distinct:
// validate checked it).
inline void CompiledProject::order_expenses() {
    const auto& es = project_->expenses;
    const auto by_year = [](const Expense& a, const Expense& b) { return a.year < b.year; };
    reordered_.clear();
    if (std::is_sorted(es.begin(), es.end(), by_year)) return;
    reordered_.assign(es.begin(), es.end());
    std::sort(reordered_.begin(), reordered_.end(), by_year);
}

}  // namespace subsidy
