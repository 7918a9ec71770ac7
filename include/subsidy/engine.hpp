// plan(program, territory, project, options) → FundingPlan: what each funder pays for one
// project, why, and what the beneficiary still pays.
//
// How a plan is made (each step is recorded in the trace when tracing is on):
// 1. The project is checked (Project::validate) and its owner looked up in the territory.
// 2. Each measure asked for (or every measure of the programme) is checked against the
//    project: expense category and nature, beneficiary kind, population threshold, programme
//    membership, project flags. A measure that fails is listed in `outcomes` with its reason.
// 3. For each expense year (or dated unit), the period is checked: not before the convention,
//    inside the programme's and the measure's validity. Values are read on the first day of
//    the period, strictly or by extrapolation (PlanOptions::lookup).
// 4. The measure's formula gives the combined amount: share = rate × base (base capped), rounded
//    once with the measure's Rounding, then capped by the first applicable ceiling (prorated by
//    month or day if the measure says so; per year or over the whole project), plus any per-unit
//    part; flat = count × amount per unit; schedule = amount of the scheme year (+ bonus).
// 5. The combined amount is split: members in order, each rate × its own (capped) base, rounded,
//    capped by its ceiling and by what is left; the residual funder takes the rest. Zero
//    amounts give no line (the outcomes say who got nothing and why).
// 6. Stacking constraints bind the project's public cash aid, in the programme's order: measures
//    that exclude each other, group caps, the owner's minimum share (with derogations), the
//    total-public-aid cap. Finally, as an invariant of the engine, cash aid never exceeds the
//    cost less private funding. Constraint rates are read on the first day of the project's
//    first expense period (a project is judged by the law of its start). Each excess is cut
//    from the lowest priority first (then by measure id, latest year first, residual funder
//    before members), to the cent; of measures
//    that exclude each other, the one this order cuts last is kept. A line cut to zero stays in
//    the plan with its cuts, so that the trace shows where its money went. The owner's minimum
//    is a share of the public financing: the cost less private funding, whether the project
//    declares it or a private funder's measure brings it.
// 7. own share = cost − private funding − cash aid, exactly. In-kind and pass-through lines are
//    shown but stay outside the balance.
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "subsidy/allocate.hpp"
#include "subsidy/date.hpp"
#include "subsidy/dated.hpp"
#include "subsidy/error.hpp"
#include "subsidy/funding_plan.hpp"
#include "subsidy/grant_ledger.hpp"
#include "subsidy/money.hpp"
#include "subsidy/program.hpp"
#include "subsidy/project.hpp"
#include "subsidy/rate.hpp"
#include "subsidy/rounding.hpp"
#include "subsidy/territory.hpp"

namespace subsidy {

struct PlanOptions {
    LookupMode lookup = LookupMode::strict;  ///< outside a dated value's validity: error or nearest value
    bool trace = true;                       ///< off: no trace, no outcomes, no strings built
};

namespace detail {

inline bool holds(const Condition& c, const std::set<std::string>& flags) {
    for (const auto& f : c.all_of)
        if (!flags.count(f)) return false;
    for (const auto& f : c.none_of)
        if (flags.count(f)) return false;
    if (c.any_of.empty()) return true;
    for (const auto& f : c.any_of)
        if (flags.count(f)) return true;
    return false;
}

inline std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

inline std::string describe(const Condition& c) {
    std::vector<std::string> parts;
    if (!c.all_of.empty()) parts.push_back("all of {" + join(c.all_of, ", ") + "}");
    if (!c.any_of.empty()) parts.push_back("one of {" + join(c.any_of, ", ") + "}");
    if (!c.none_of.empty()) parts.push_back("none of {" + join(c.none_of, ", ") + "}");
    return parts.empty() ? "no condition" : "flags " + join(parts, " and ");
}

// A line being built, with what the stacking order needs.
struct Draft {
    FundingLine line;
    int priority = 0;
    std::size_t measure_order = 0;
    std::size_t member_order = 0;  // members 0..n-1, residual n
    bool is_public = true;
};

class Planner {
public:
    Planner(const Program& program, const Territory& territory, const Project& project, const PlanOptions& options,
            GrantLedger* ledger)
        : program_(program), territory_(territory), project_(project), opt_(options), ledger_(ledger) {}

    FundingPlan run() {
        project_.validate();
        const auto owner = territory_.info(project_.owner);
        if (!owner)
            throw invalid_argument("project '" + project_.id + "': owner: unknown " + to_string(project_.owner.kind) +
                                   " '" + project_.owner.id + "' (not in the territory)");
        owner_ = *owner;
        convention_ = territory_.convention(program_.id(), owner_.ref);
        if (project_.requests)
            for (const MeasureRequest& r : *project_.requests)
                if (!program_.find_measure(r.measure))
                    throw invalid_argument("project '" + project_.id + "': measures: unknown measure '" + r.measure +
                                           "' (not in program '" + program_.id() + "')");
        expenses_ = project_.expenses;
        std::sort(expenses_.begin(), expenses_.end(), [](const Expense& a, const Expense& b) { return a.year < b.year; });

        plan_.project = project_.id;
        plan_.cost = project_.cost();
        plan_.private_funding = project_.private_funding;

        const auto& measures = program_.measures();
        for (std::size_t i = 0; i < measures.size(); ++i) {
            const MeasureRequest* request = nullptr;
            if (project_.requests) {
                for (const MeasureRequest& r : *project_.requests)
                    if (r.measure == measures[i].id) request = &r;
                if (!request) continue;  // not asked for
            }
            try {
                evaluate(measures[i], i, request);
            } catch (const out_of_validity& e) {
                throw out_of_validity("project '" + project_.id + "', measure '" + measures[i].id + "': " + e.what());
            }
        }
        stack();
        finish();
        if (ledger_)  // only now: a plan that threw records nothing
            for (const auto& [measure, year, amount] : grants_) ledger_->record(measure, owner_.ref, year, amount);
        return std::move(plan_);
    }

private:
    // ---- checks -------------------------------------------------------------------------

    template <class Detail>
    bool check(std::vector<Check>& checks, const char* rule, bool passed, Detail&& detail) {
        if (opt_.trace) checks.push_back(Check{rule, passed, detail()});
        return passed;
    }

    bool static_checks(const Measure& m, std::vector<Check>& checks) {
        bool ok = true;
        if (!m.categories.empty())
            ok &= check(checks, "category", m.categories.count(project_.category) > 0, [&] {
                std::vector<std::string> cats(m.categories.begin(), m.categories.end());
                return "expense category '" + project_.category + "'" +
                       (m.categories.count(project_.category) ? " is" : " is not") + " one of {" + join(cats, ", ") + "}";
            });
        if (!m.natures.empty())
            ok &= check(checks, "nature", m.natures.count(project_.nature) > 0, [&] {
                return to_string(project_.nature) + " expense" +
                       (m.natures.count(project_.nature) ? "" : std::string(", the measure funds ") +
                                                                    to_string(*m.natures.begin()) + " expenses");
            });
        const Eligibility& el = m.eligibility;
        if (!el.beneficiary_kinds.empty())
            ok &= check(checks, "beneficiary", el.beneficiary_kinds.count(owner_.ref.kind) > 0, [&] {
                std::vector<std::string> kinds;
                for (auto k : el.beneficiary_kinds) kinds.push_back(to_string(k));
                return to_string(owner_.ref.kind) + (el.beneficiary_kinds.count(owner_.ref.kind) ? " is" : " is not") +
                       " among {" + join(kinds, ", ") + "}";
            });
        if (auto it = el.population_below.find(owner_.ref.kind); it != el.population_below.end()) {
            const bool known = owner_.population.has_value();
            const bool passed = known && *owner_.population < it->second;
            ok &= check(checks, "population", passed, [&] {
                if (!known) return "population of " + owner_.name + " unknown, must be below " + std::to_string(it->second);
                return "population " + std::to_string(*owner_.population) + (passed ? " is below " : " is not below ") +
                       std::to_string(it->second);
            });
        }
        if (el.requires_membership)
            ok &= check(checks, "membership", convention_.has_value(), [&] {
                return convention_ ? owner_.name + " signed the convention of '" + program_.id() + "' on " +
                                         to_string(*convention_)
                                   : owner_.name + " has no convention with '" + program_.id() + "'";
            });
        if (!el.condition.empty()) {
            const bool passed = holds(el.condition, project_.flags);
            ok &= check(checks, "flags", passed,
                        [&] { return std::string(passed ? "project has " : "project lacks ") + describe(el.condition); });
        }
        return ok;
    }

    bool period_checks(const Measure& m, Date d, std::vector<Check>& checks) {
        bool ok = true;
        if (m.eligibility.requires_membership && convention_)
            ok &= check(checks, "convention", !(d < *convention_), [&] {
                return "period starts " + to_string(d) + (d < *convention_ ? ", before" : ", on or after") +
                       " the convention of " + to_string(*convention_);
            });
        auto window = [&](const char* rule, const std::optional<Date>& from, const std::optional<Date>& until,
                          const std::string& whose) {
            if (from)
                ok &= check(checks, rule, !(d < *from), [&] {
                    return to_string(d) + (d < *from ? " is before " : " is not before ") + "the start of " + whose +
                           " (" + to_string(*from) + ")";
                });
            if (until)
                ok &= check(checks, rule, !(*until < d), [&] {
                    return to_string(d) + (*until < d ? " is after " : " is not after ") + "the end of " + whose + " (" +
                           to_string(*until) + ")";
                });
        };
        window("program validity", program_.valid_from(), program_.valid_until(), "program '" + program_.id() + "'");
        window("measure validity", m.valid_from, m.valid_until, "measure '" + m.id + "'");
        return ok;
    }

    void fail_outcome(const Measure& m, std::optional<std::chrono::year> year, std::vector<Check>&& checks) {
        if (!opt_.trace) return;
        std::string reason;
        for (const Check& c : checks)
            if (!c.passed) {
                reason = c.rule + ": " + c.detail;
                break;
            }
        plan_.outcomes.push_back(MeasureOutcome{m.id, false, year, std::move(checks), std::move(reason)});
    }

    // ---- parameters ---------------------------------------------------------------------

    template <class T>
    const T& param(const Dated<T>& p, Date d, LineTrace& tr) {
        const DatedValue<T> v = p.at(d, opt_.lookup);
        if (opt_.trace)
            tr.parameters.push_back(
                ParameterUse{p.name(), to_string(v.value), v.from, std::string(v.source), v.extrapolated});
        return v.value;
    }

    Money prorate(const Money& ceiling, Proration how, const Expense& e, LineTrace& tr) {
        if (how == Proration::none) return ceiling;
        const Rate f = how == Proration::by_month ? year_fraction_by_month(e.period(), e.year)
                                                  : year_fraction_by_day(e.period(), e.year);
        // A ceiling may only shrink: round the prorated ceiling down to the cent, whatever the
        // measure's own rounding (a `ceiling` or `up` mode would otherwise raise it).
        const Money prorated = apply(ceiling * f, Rounding());
        if (opt_.trace)
            tr.notes.push_back("ceiling " + to_string(ceiling) + " prorated " +
                               (how == Proration::by_month ? "by month" : "by day") + " × " + to_string(f) + " = " +
                               to_string(prorated));
        return prorated;
    }

    // ---- formulas -----------------------------------------------------------------------

    void evaluate(const Measure& m, std::size_t order, const MeasureRequest* request) {
        // A request that contradicts the catalog is an error even where the measure does not apply.
        const auto* share = std::get_if<ShareFormula>(&m.formula);
        if (request && request->rate && !(share && !share->rate))
            throw invalid_argument("project '" + project_.id + "': measure '" + m.id +
                                   "': rate: fixed by the programme, the request cannot set it");
        std::vector<Check> checks;
        if (!static_checks(m, checks)) return fail_outcome(m, std::nullopt, std::move(checks));
        const std::size_t before = drafts_.size();
        if (share) {
            if (!share->rate && !(request && request->rate)) {
                // Asked for by name, the rate is part of the request; "every measure that
                // applies" cannot invent one, so such a measure is left out and says why.
                if (request)
                    throw invalid_argument("project '" + project_.id + "': measure '" + m.id +
                                           "': rate: decided case by case, the project's request must give it");
                check(checks, "rate", false, [] {
                    return std::string("decided case by case: the project must ask for the measure with its rate");
                });
                return fail_outcome(m, std::nullopt, std::move(checks));
            }
            evaluate_share(m, *share, order, request, checks);
        } else if (const auto* flat = std::get_if<FlatFormula>(&m.formula)) {
            evaluate_flat(m, *flat, order, checks);
        } else {
            evaluate_schedule(m, std::get<ScheduleFormula>(m.formula), order, checks);
        }
        if (opt_.trace && drafts_.size() > before)
            plan_.outcomes.push_back(MeasureOutcome{m.id, true, std::nullopt, std::move(checks), ""});
    }

    void push(const Measure& m, std::size_t order, std::size_t member_order, const std::string& funder,
              std::chrono::year year, const Money& amount, LineTrace&& tr) {
        if (amount.is_zero()) {  // no zero lines: the outcomes say who got nothing
            if (opt_.trace)
                plan_.outcomes.push_back(MeasureOutcome{m.id, true, year, {}, funder + " gets nothing in " +
                                                        std::to_string(static_cast<int>(year)) +
                                                        (tr.notes.empty() ? std::string() : ": " + tr.notes.back())});
            return;
        }
        Draft d;
        d.line.measure = m.id;
        d.line.funder = funder;
        d.line.pillar = m.pillar;
        d.line.year = year;
        d.line.amount = amount;
        d.line.in_kind = m.in_kind;
        d.line.pass_through = m.pass_through;
        d.line.trace = std::move(tr);
        d.priority = m.priority;
        d.measure_order = order;
        d.member_order = member_order;
        d.is_public = program_.find_funder(funder)->is_public();
        drafts_.push_back(std::move(d));
    }

    void evaluate_share(const Measure& m, const ShareFormula& f, std::size_t order, const MeasureRequest* request,
                        const std::vector<Check>& static_checks_done) {
        // What the measure already granted (after its ceiling, before any per-unit part) in the
        // earlier years of this project: what per-project and per-beneficiary ceilings count.
        Money used;
        bool counts_per_beneficiary = false;
        for (const Ceiling& c : f.ceilings)
            counts_per_beneficiary |= c.scope == CeilingScope::per_beneficiary || c.scope == CeilingScope::per_beneficiary_year;
        for (const Expense& e : expenses_) {
            const Date d = e.period_start();
            std::vector<Check> checks;
            if (opt_.trace) checks = static_checks_done;
            if (!period_checks(m, d, checks)) {
                fail_outcome(m, e.year, std::move(checks));
                continue;
            }
            LineTrace tr;
            if (opt_.trace) tr.checks = checks;

            Rate rate;
            if (f.rate) {
                rate = param(*f.rate, d, tr);
            } else {
                rate = *request->rate;
                if (opt_.trace) tr.parameters.push_back(ParameterUse{m.id + ".rate", to_string(rate), d, "project request", false});
            }
            Money base = e.amount;
            if (f.base_cap) {
                const Money& cap = param(*f.base_cap, d, tr);
                const bool bound = base > cap;
                if (bound) base = cap;
                if (opt_.trace) tr.ceilings.push_back(CeilingUse{f.base_cap->name(), cap, bound, "cap on the base"});
            }
            const ExactAmount exact = base * rate;
            Money amount = apply(exact, m.rounding);
            if (opt_.trace) {
                tr.base = base;
                tr.exact_amount = to_string(rate) + " × " + to_string(base) + " = " + to_string(exact);
                tr.rounding = to_string(m.rounding) + " → " + to_string(amount);
            }

            std::vector<bool> takes_part(m.members.size());
            for (std::size_t i = 0; i < m.members.size(); ++i) takes_part[i] = holds(m.members[i].condition, project_.flags);
            auto participates = [&](const std::string& funder) {
                if (funder == m.residual_funder) return true;
                for (std::size_t i = 0; i < m.members.size(); ++i)
                    if (m.members[i].funder == funder) return static_cast<bool>(takes_part[i]);
                return false;
            };

            Proration proration = Proration::none;
            for (std::size_t c = 0; c < f.ceilings.size(); ++c) {
                const Ceiling& ceiling = f.ceilings[c];
                if (ceiling.when_funder && !participates(*ceiling.when_funder)) continue;
                proration = ceiling.proration;
                Money cap = prorate(param(ceiling.amount, d, tr), ceiling.proration, e, tr);
                if (ceiling.scope != CeilingScope::per_year) {
                    const Money already = already_granted(m, ceiling.scope, e.year, used);
                    cap = already < cap ? cap - already : Money();
                    if (opt_.trace)
                        tr.notes.push_back("ceiling " + to_string(ceiling.scope) + ": " + to_string(already) +
                                           " already granted, " + to_string(cap) + " left");
                }
                const bool bound = amount > cap;
                if (bound) amount = cap;
                if (opt_.trace)
                    tr.ceilings.push_back(CeilingUse{ceiling.amount.name(), cap, bound,
                                                     (ceiling.when_funder ? "applies when '" + *ceiling.when_funder + "' takes part"
                                                                          : std::string("ceiling")) +
                                                         ", " + to_string(ceiling.scope)});
                break;  // the first applicable ceiling is the one
            }
            used += amount;
            if (counts_per_beneficiary && ledger_ && !amount.is_zero()) grants_.push_back({m.id, e.year, amount});
            if (f.per_unit_kind) {
                std::int64_t count = 0;
                for (const UnitCount& u : project_.units)
                    if (u.kind == *f.per_unit_kind && u.date.year() == e.year) count += u.count;
                if (count > 0) {
                    const Money per = param(*f.per_unit_amount, d, tr);
                    amount += per * count;
                    if (opt_.trace)
                        tr.notes.push_back("plus " + std::to_string(count) + " " + *f.per_unit_kind + " × " + to_string(per) +
                                           " = " + to_string(per * count));
                }
            }
            split(m, order, e, d, amount, proration, takes_part, std::move(tr));
        }
    }

    // What a ceiling of `scope` has already counted before the expense of `year`.
    Money already_granted(const Measure& m, CeilingScope scope, std::chrono::year year, const Money& used_in_project) const {
        switch (scope) {
            case CeilingScope::per_year: return Money();
            case CeilingScope::per_project: return used_in_project;
            case CeilingScope::per_beneficiary:
                return ledger_ ? used_in_project + ledger_->granted(m.id, owner_.ref) : used_in_project;
            case CeilingScope::per_beneficiary_year:  // one expense per year: nothing earlier in this project
                return ledger_ ? ledger_->granted(m.id, owner_.ref, year) : Money();
        }
        return Money();
    }

    void split(const Measure& m, std::size_t order, const Expense& e, Date d, const Money& combined, Proration proration,
               const std::vector<bool>& takes_part, LineTrace&& combined_trace) {
        if (opt_.trace) combined_trace.notes.push_back("combined amount of the measure: " + to_string(combined));
        Money left = combined;
        for (std::size_t i = 0; i < m.members.size(); ++i) {
            const SplitMember& member = m.members[i];
            if (!takes_part[i]) {
                if (opt_.trace)
                    combined_trace.notes.push_back(member.funder + " does not take part (needs " +
                                                   describe(member.condition) + ")");
                continue;
            }
            LineTrace tr;
            if (opt_.trace) tr = combined_trace;
            Money base = e.amount;
            if (member.base_cap) {
                const Money& cap = param(*member.base_cap, d, tr);
                const bool bound = base > cap;
                if (bound) base = cap;
                if (opt_.trace) tr.ceilings.push_back(CeilingUse{member.base_cap->name(), cap, bound, "cap on the base"});
            }
            const Rate& rate = param(member.rate, d, tr);
            const ExactAmount exact = base * rate;
            Money amount = apply(exact, m.rounding);
            if (opt_.trace) {
                tr.base = base;
                tr.exact_amount = member.funder + ": " + to_string(rate) + " × " + to_string(base) + " = " + to_string(exact);
                tr.rounding = to_string(m.rounding) + " → " + to_string(amount);
            }
            if (member.ceiling) {
                const Money cap = prorate(param(*member.ceiling, d, tr), proration, e, tr);
                const bool bound = amount > cap;
                if (bound) amount = cap;
                if (opt_.trace) tr.ceilings.push_back(CeilingUse{member.ceiling->name(), cap, bound, "ceiling of " + member.funder});
            }
            const bool bound = amount > left;
            if (bound) amount = left;
            if (opt_.trace)
                tr.ceilings.push_back(CeilingUse{m.id + ".combined_left", left, bound, "what the combined amount leaves"});
            left -= amount;
            push(m, order, i, member.funder, e.year, amount, std::move(tr));
        }
        if (opt_.trace && !m.members.empty())
            combined_trace.notes.push_back(m.residual_funder + " takes the rest: " + to_string(left));
        push(m, order, m.members.size(), m.residual_funder, e.year, left, std::move(combined_trace));
    }

    const Expense* expense_of(std::chrono::year y) const {
        for (const Expense& e : expenses_)
            if (e.year == y) return &e;
        return nullptr;
    }

    void evaluate_flat(const Measure& m, const FlatFormula& f, std::size_t order, const std::vector<Check>& static_done) {
        std::vector<UnitCount> units;
        for (const UnitCount& u : project_.units)
            if (u.kind == f.unit_kind) units.push_back(u);
        std::stable_sort(units.begin(), units.end(), [](const UnitCount& a, const UnitCount& b) { return a.date < b.date; });
        std::map<int, std::pair<Money, LineTrace>> by_year;
        for (const UnitCount& u : units) {
            std::vector<Check> checks;
            if (opt_.trace) checks = static_done;
            if (!period_checks(m, u.date, checks)) {
                fail_outcome(m, u.date.year(), std::move(checks));
                continue;
            }
            auto& [amount, tr] = by_year[static_cast<int>(u.date.year())];
            if (opt_.trace && tr.checks.empty()) tr.checks = checks;
            const Money per = param(f.amount_per_unit, u.date, tr);
            amount += per * u.count;
            if (opt_.trace)
                tr.notes.push_back(std::to_string(u.count) + " " + f.unit_kind + " from " + to_string(u.date) + " × " +
                                   to_string(per) + " = " + to_string(per * u.count));
        }
        for (auto& [year, entry] : by_year) {
            auto& [amount, tr] = entry;
            const std::chrono::year y{year};
            if (f.capped_at_expense) {
                const Expense* e = expense_of(y);
                const Money cap = e ? e->amount : Money();
                const bool bound = amount > cap;
                if (bound) amount = cap;
                if (opt_.trace) tr.ceilings.push_back(CeilingUse{m.id + ".expense", cap, bound, "never above the year's expense"});
            }
            push(m, order, 0, m.residual_funder, y, amount, std::move(tr));
        }
    }

    void evaluate_schedule(const Measure& m, const ScheduleFormula& f, std::size_t order,
                           const std::vector<Check>& static_done) {
        // Year 1 of the scheme is the first year the measure applies (not an earlier expense
        // that falls before the convention or the measure's validity).
        int first = 0;
        for (const Expense& e : expenses_) {
            std::vector<Check> scratch;
            if (period_checks(m, e.period_start(), scratch)) {
                first = static_cast<int>(e.year);
                break;
            }
        }
        const bool bonus = f.bonus_condition && holds(*f.bonus_condition, project_.flags);
        for (const Expense& e : expenses_) {
            const Date d = e.period_start();
            std::vector<Check> checks;
            if (opt_.trace) checks = static_done;
            if (!period_checks(m, d, checks)) {
                fail_outcome(m, e.year, std::move(checks));
                continue;
            }
            // This year passes its checks, so the scheme has started: first ≤ e.year.
            const auto scheme_year = static_cast<std::size_t>(static_cast<int>(e.year) - first + 1);
            if (!check(checks, "scheme year", scheme_year <= f.by_scheme_year.size(), [&] {
                    return std::to_string(static_cast<int>(e.year)) + " is year " + std::to_string(scheme_year) +
                           " of the scheme, which started in " + std::to_string(first) + " and covers " +
                           std::to_string(f.by_scheme_year.size()) + " years";
                })) {
                fail_outcome(m, e.year, std::move(checks));
                continue;
            }
            LineTrace tr;
            if (opt_.trace) tr.checks = checks;
            Money amount = param(f.by_scheme_year[scheme_year - 1], d, tr);
            if (bonus && scheme_year <= f.bonus_by_scheme_year.size()) {
                const Money extra = param(f.bonus_by_scheme_year[scheme_year - 1], d, tr);
                amount += extra;
                if (opt_.trace) tr.notes.push_back("bonus (" + describe(*f.bonus_condition) + "): " + to_string(extra));
            }
            if (f.capped_at_expense) {
                const bool bound = amount > e.amount;
                if (opt_.trace) tr.ceilings.push_back(CeilingUse{m.id + ".expense", e.amount, bound, "never above the year's expense"});
                if (bound) amount = e.amount;
            }
            if (opt_.trace) tr.base = e.amount;
            push(m, order, 0, m.residual_funder, e.year, amount, std::move(tr));
        }
    }

    // ---- stacking -----------------------------------------------------------------------

    // Cuts the selected lines so that their sum is at most `limit`, lowest priority first.
    void cut_to(std::vector<Draft*> selected, const Money& limit, const std::string& constraint,
                const std::string& source, const std::string& why) {
        Money total;
        for (const Draft* d : selected) total += d->line.amount;
        if (!(total > limit)) return;
        Money excess = total - limit;
        std::sort(selected.begin(), selected.end(), [](const Draft* a, const Draft* b) {
            if (a->priority != b->priority) return a->priority < b->priority;
            if (a->line.measure != b->line.measure) return a->line.measure < b->line.measure;
            if (a->line.year != b->line.year) return a->line.year > b->line.year;
            return a->member_order > b->member_order;
        });
        for (Draft* d : selected) {
            if (excess.is_zero()) break;
            const Money take = std::min(excess, d->line.amount);
            if (take.is_zero()) continue;
            const Money before = d->line.amount;
            d->line.amount -= take;
            excess -= take;
            if (opt_.trace)
                d->line.trace.cuts.push_back(Cut{constraint, source, before, d->line.amount, why});
        }
    }

    std::vector<Draft*> public_cash(const std::set<std::string>* only = nullptr) {
        std::vector<Draft*> out;
        for (Draft& d : drafts_)
            if (d.is_public && !d.line.in_kind && !d.line.pass_through && (!only || only->count(d.line.measure)))
                out.push_back(&d);
        return out;
    }

    void stack() {
        if (expenses_.empty()) return;  // no expense, no aid: nothing to stack
        for (const StackingConstraint& c : program_.constraints()) {
            if (!c.natures.count(project_.nature)) continue;
            try {
                apply_constraint(c);
            } catch (const out_of_validity& e) {
                throw out_of_validity("project '" + project_.id + "', constraint '" + c.id + "': " + e.what());
            }
        }
        // Invariant of the engine: cash aid never exceeds what the project costs its funders.
        std::vector<Draft*> cash;
        for (Draft& dr : drafts_)
            if (!dr.line.in_kind && !dr.line.pass_through) cash.push_back(&dr);
        cut_to(cash, plan_.cost - plan_.private_funding, "aid-within-expense", "subsidy engine invariant",
               "aid may not exceed the cost less private funding (" + to_string(plan_.cost - plan_.private_funding) + ")");
    }

    // Constraint values are read on the first day of the project's first expense period.
    void apply_constraint(const StackingConstraint& c) {
        const Money cost = plan_.cost;
        const Date d = expenses_.front().period_start();
        {
            if (const auto* x = std::get_if<Exclusive>(&c.rule)) {
                const Draft* keep = nullptr;
                for (const Draft& dr : drafts_)
                    if (x->measures.count(dr.line.measure) && !dr.line.amount.is_zero() &&
                        (!keep || dr.priority > keep->priority ||
                         (dr.priority == keep->priority && dr.line.measure > keep->line.measure)))
                        keep = &dr;
                if (!keep) return;
                const std::string kept = keep->line.measure;
                for (Draft& dr : drafts_)
                    if (x->measures.count(dr.line.measure) && dr.line.measure != kept && !dr.line.amount.is_zero()) {
                        if (opt_.trace)
                            dr.line.trace.cuts.push_back(Cut{c.id, c.source, dr.line.amount, Money(),
                                                             "cannot be combined with '" + kept + "', which is kept"});
                        dr.line.amount = Money();
                    }
            } else if (const auto* g = std::get_if<GroupCap>(&c.rule)) {
                const Rate& max = g->maximum.at(d, opt_.lookup).value;
                const Money limit = apply(cost * max, Rounding());
                cut_to(public_cash(&g->measures), limit, c.id, c.source,
                       "the group may not exceed " + to_string(max) + " of " + to_string(cost) + " = " + to_string(limit));
            } else if (const auto* o = std::get_if<OwnerMinimumShare>(&c.rule)) {
                if (o->condition && !holds(*o->condition, project_.flags)) return;
                Rate minimum = o->minimum.at(d, opt_.lookup).value;
                std::string derogation;
                for (const auto& [flag, rate] : o->derogations)
                    if (project_.flags.count(flag) && rate < minimum) {
                        minimum = rate;
                        derogation = flag;
                    }
                // Private money, from the project or from a private funder's measure, is not
                // public financing: the owner's minimum is a share of what the public pays.
                Money private_lines;
                for (const Draft& dr : drafts_)
                    if (!dr.is_public && !dr.line.in_kind && !dr.line.pass_through) private_lines += dr.line.amount;
                Money public_financing = cost - plan_.private_funding - private_lines;
                if (public_financing.sign() < 0) public_financing = Money();  // private money covers it all
                const Money limit = apply(public_financing * (Rate::one() - minimum), Rounding());
                cut_to(public_cash(), limit, c.id, c.source,
                       "the owner must bring at least " + to_string(minimum) + " of the public financing " +
                           to_string(public_financing) + (derogation.empty() ? "" : " (derogation '" + derogation + "')") +
                           ", so other public aid ≤ " + to_string(limit));
            } else if (const auto* t = std::get_if<TotalPublicAidCap>(&c.rule)) {
                const Rate& max = t->maximum.at(d, opt_.lookup).value;
                const Money limit = apply(cost * max, Rounding());
                cut_to(public_cash(), limit, c.id, c.source,
                       "total public aid may not exceed " + to_string(max) + " of " + to_string(cost) + " = " + to_string(limit));
            }
        }
    }

    void finish() {
        std::stable_sort(drafts_.begin(), drafts_.end(), [](const Draft& a, const Draft& b) {
            if (a.line.year != b.line.year) return a.line.year < b.line.year;
            if (a.measure_order != b.measure_order) return a.measure_order < b.measure_order;
            return a.member_order < b.member_order;
        });
        Money cash;
        plan_.lines.reserve(drafts_.size());
        for (Draft& d : drafts_) {
            if (!d.line.in_kind && !d.line.pass_through) cash += d.line.amount;
            plan_.lines.push_back(std::move(d.line));
        }
        plan_.cash_aid = cash;
        plan_.own_share = plan_.cost - plan_.private_funding - cash;
    }

    const Program& program_;
    const Territory& territory_;
    const Project& project_;
    const PlanOptions& opt_;
    GrantLedger* ledger_;
    struct Grant {
        std::string measure;
        std::chrono::year year;
        Money amount;
    };
    std::vector<Grant> grants_;  // for the ledger, recorded when the plan is complete
    BeneficiaryInfo owner_;
    std::optional<Date> convention_;
    std::vector<Expense> expenses_;
    std::vector<Draft> drafts_;
    FundingPlan plan_;
};

}  // namespace detail

/// The funding plan of one project (see the notes at the top of this header). Ceilings that
/// count per beneficiary see only this project: it is taken to be the beneficiary's only one.
[[nodiscard]] inline FundingPlan plan(const Program& program, const Territory& territory, const Project& project,
                                      const PlanOptions& options = {}) {
    return detail::Planner(program, territory, project, options, nullptr).run();
}

/// The same, with the grants the beneficiary already received (per-beneficiary ceilings count
/// them); the new grants are recorded in `ledger` once the plan is complete.
[[nodiscard]] inline FundingPlan plan(const Program& program, const Territory& territory, const Project& project,
                                      const PlanOptions& options, GrantLedger& ledger) {
    return detail::Planner(program, territory, project, options, &ledger).run();
}

namespace detail {

// The positions 0..n-1 of projects (project_at(i)) in application order.
template <class ProjectAt>
std::vector<std::size_t> application_order(std::size_t n, ProjectAt&& project_at) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Project &x = project_at(a), &y = project_at(b);
        if (x.application_date.has_value() != y.application_date.has_value()) return x.application_date.has_value();
        if (x.application_date && *x.application_date != *y.application_date) return *x.application_date < *y.application_date;
        return x.id < y.id;
    });
    return order;
}

}  // namespace detail

/// The positions of `projects` in the order they are served when they compete (per-beneficiary
/// ceilings, budgets by priority): application date (projects without one last), then id.
[[nodiscard]] inline std::vector<std::size_t> application_order(const std::vector<Project>& projects) {
    return detail::application_order(projects.size(), [&](std::size_t i) -> const Project& { return projects[i]; });
}

/// The funding plans of several projects, returned in the order given. Per-beneficiary
/// ceilings are shared between the projects of one beneficiary; they are served in order of
/// application date (projects without one after those with one), then project id, so the
/// result does not depend on the order of `projects`. Two projects with the same id are an
/// error.
[[nodiscard]] inline std::vector<FundingPlan> plan_all(const Program& program, const Territory& territory,
                                                       const std::vector<Project>& projects, const PlanOptions& options = {}) {
    const std::vector<std::size_t> order = application_order(projects);
    {
        std::set<std::string> ids;
        for (const Project& p : projects)
            if (!ids.insert(p.id).second) throw invalid_argument("project '" + p.id + "': id: declared twice");
    }
    GrantLedger ledger;
    std::vector<std::optional<FundingPlan>> plans(projects.size());
    for (std::size_t i : order) plans[i] = plan(program, territory, projects[i], options, ledger);
    std::vector<FundingPlan> out;
    out.reserve(plans.size());
    for (auto& p : plans) out.push_back(std::move(*p));
    return out;
}

}  // namespace subsidy
