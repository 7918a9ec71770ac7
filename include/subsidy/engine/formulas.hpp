// Evaluator steps 4 and 5 (engine/evaluator.hpp): the amount of a measure for each period,
// by its formula (share, flat, schedule), and its split between the measure's funders.
#pragma once

#include <map>

#include "subsidy/engine/evaluator.hpp"

namespace subsidy {

template <class Trace>
void Evaluator<Trace>::evaluate_share(std::uint32_t index, const MeasureRequest* request) {
    const CompiledMeasure& c = cp_->measures()[index];
    const Measure& m = *c.measure;
    const auto& f = std::get<ShareFormula>(m.formula);
    takes_part_.resize(m.members.size());
    for (std::size_t i = 0; i < m.members.size(); ++i) takes_part_[i] = c.member_conditions[i].holds(proj_->flags());
    if (request && request->amount) return evaluate_decided(index, f, *request);
    if (request && request->base_cap) base_cap_left_ = *request->base_cap;
    const Ceiling* ceiling = applicable_ceiling(index, f);
    const Proration proration = ceiling ? ceiling->proration : Proration::none;
    // What the measure already granted (after its ceiling, before any per-unit part) in the
    // earlier years of this project: what per-project and per-beneficiary ceilings count.
    Money used;
    for (const Expense& e : expenses_) {
        const Date d = e.period_start();
        if (!period_applies(m, d, e.year)) continue;
        const Line tr = trace_.line();
        const Money base = base_of(index, request, e, tr);
        const Money amount = share_amount(index, f, request, e, d, base, used, proration, tr);
        split(index, e, d, base, amount, proration, tr);
    }
}

// rate × base, rounded, capped by the first applicable ceiling, plus the per-unit part.
template <class Trace>
Money Evaluator<Trace>::share_amount(std::uint32_t index, const ShareFormula& f, const MeasureRequest* request,
                                     const Expense& e, Date d, const Money& base, Money& used, Proration proration, Line tr) {
    const CompiledMeasure& c = cp_->measures()[index];
    const Rate rate = f.rate ? param(*f.rate, d, tr) : decided_rate(index, f, *request, d, tr);
    Money capped = base;  // the members have their own base caps
    if (f.base_cap) {
        const Money& cap = param(*f.base_cap, d, tr);
        const bool bound = capped > cap;
        if (bound) capped = cap;
        trace_.ceiling(tr, [&] { return CeilingUse{f.base_cap->name(), cap, bound, "cap on the base"}; });
    }
    Money amount = rate_times_base(index, rate, capped, base, d, proration, e, tr);
    amount = cap_by_ceiling(index, f, e, d, amount, used, tr);
    amount = cap_by_project_ceilings(index, amount, tr);
    used += amount;
    if (c.counts_per_beneficiary && account_ && !amount.is_zero()) grants_.push_back({index, e.year, amount});
    return amount + per_unit_part(index, f, e, d, tr);
}

// rate × base rounded once; or, for a measure rounding per funder, the sum of each member's
// part and of the residual's (the rate the members taking part leave), each rounded.
template <class Trace>
Money Evaluator<Trace>::rate_times_base(std::uint32_t index, const Rate& rate, const Money& base, const Money& member_base,
                                        Date d, Proration proration, const Expense& e, Line tr) {
    const Measure& m = *cp_->measures()[index].measure;
    if (!m.rounding_per_funder) {
        const ExactAmount exact = base * rate;
        const Money amount = apply(exact, m.rounding);
        trace_.amount(
            tr, base, [&] { return to_string(rate) + " × " + to_string(base) + " = " + to_string(exact); },
            [&] { return to_string(m.rounding) + " → " + to_string(amount); });
        return amount;
    }
    Money sum;
    Rate left = rate;
    NoTrace quiet;  // split() traces each member's part
    for (std::uint32_t i = 0; i < m.members.size(); ++i) {
        if (!takes_part_[i]) continue;
        sum += member_part(index, i, e, d, member_base, proration, quiet, NoTrace::Line{});
        const Rate& r = m.members[i].rate.at(d, lookup()).value;
        left = r < left ? left - r : Rate();
    }
    const ExactAmount exact = base * left;
    const Money residual = apply(exact, m.rounding);
    sum += residual;
    trace_.amount(
        tr, base,
        [&] {
            return "each funder rounded on its own: " + m.residual_funder + " " + to_string(left) + " × " + to_string(base) + " = " +
                   to_string(exact);
        },
        [&] { return to_string(m.rounding) + " → " + to_string(residual) + "; with the members' parts " + to_string(sum); });
    return sum;
}

// The part per unit of a share measure (Anah: 332 € per dwelling), added after its ceiling.
template <class Trace>
Money Evaluator<Trace>::per_unit_part(std::uint32_t index, const ShareFormula& f, const Expense& e, Date d, Line tr) {
    const CompiledMeasure& c = cp_->measures()[index];
    if (c.unit_kind == detail::no_index) return Money();
    std::int64_t count = 0;
    for (const Unit& u : units_)
        if (u.kind == c.unit_kind && u.date.year() == e.year) count += u.count;
    if (count <= 0) return Money();
    const Money per = param(*f.per_unit_amount, d, tr);
    trace_.note(tr, [&] {
        return "plus " + std::to_string(count) + " " + *f.per_unit_kind + " × " + to_string(per) + " = " + to_string(per * count);
    });
    return per * count;
}

// The first ceiling whose condition holds (a ceiling on another funder taking part).
template <class Trace>
const Ceiling* Evaluator<Trace>::applicable_ceiling(std::uint32_t index, const ShareFormula& f) const {
    const CompiledMeasure& c = cp_->measures()[index];
    for (std::size_t k = 0; k < f.ceilings.size(); ++k)
        if (c.ceiling_member[k] == detail::no_index || takes_part_[c.ceiling_member[k]]) return &f.ceilings[k];
    return nullptr;
}

// The amount capped by the applicable ceiling (what is left of it, for a ceiling counted
// over the project or the beneficiary).
template <class Trace>
Money Evaluator<Trace>::cap_by_ceiling(std::uint32_t index, const ShareFormula& f, const Expense& e, Date d, Money amount,
                                       const Money& used, Line tr) {
    const Ceiling* ceiling = applicable_ceiling(index, f);
    if (!ceiling) return amount;
    Money cap = prorate(param(ceiling->amount, d, tr), ceiling->proration, e, trace_, tr);
    if (ceiling->scope != CeilingScope::per_year) {
        const Money already = already_granted(index, ceiling->scope, e.year, used);
        cap = already < cap ? cap - already : Money();
        trace_.note(tr, [&] {
            return "ceiling " + to_string(ceiling->scope) + ": " + to_string(already) + " already granted, " + to_string(cap) +
                   " left";
        });
    }
    const bool bound = amount > cap;
    if (bound) amount = cap;
    trace_.ceiling(tr, [&] {
        return CeilingUse{ceiling->amount.name(), cap, bound,
                          (ceiling->when_funder ? "applies when '" + *ceiling->when_funder + "' takes part" : std::string("ceiling")) +
                              ", " + to_string(ceiling->scope)};
    });
    return amount;
}

// The amount capped by the ceilings the scenario sets on this measure for this project, per
// year or over the project (what the earlier years left of it).
template <class Trace>
Money Evaluator<Trace>::cap_by_project_ceilings(std::uint32_t index, Money amount, Line tr) {
    for (LocalCeiling& lc : local_ceilings_) {
        if (lc.measure != index) continue;
        const ProjectCeiling& c = *lc.ceiling;
        const bool whole = c.per == CeilingScope::per_project;
        const Money cap = !whole ? c.amount : lc.used < c.amount ? c.amount - lc.used : Money();
        const bool bound = amount > cap;
        if (bound) amount = cap;
        lc.used += amount;
        trace_.ceiling(tr, [&] {
            return CeilingUse{c.id, cap, bound,
                              "ceiling set by the scenario, " + to_string(c.per) + (whole ? " (what is left)" : "") +
                                  (c.source.empty() ? std::string() : "; source: " + c.source)};
        });
    }
    return amount;
}

// What a ceiling of `scope` has already counted before the expense of `year`.
template <class Trace>
Money Evaluator<Trace>::already_granted(std::uint32_t index, CeilingScope scope, std::chrono::year year, const Money& used) const {
    switch (scope) {
        case CeilingScope::per_year: return Money();
        case CeilingScope::per_project: return used;
        case CeilingScope::per_beneficiary: return account_ ? used + account_->granted(index) : used;
        case CeilingScope::per_beneficiary_year:  // one expense per year: nothing earlier in this project
            return account_ ? account_->granted(index, year) : Money();
    }
    return Money();
}

// Member i's part: its rate × the base (capped by its own base cap), rounded, capped by its
// ceiling (prorated as the measure's applicable ceiling is), before what the combined leaves.
template <class Trace>
template <class Sink>
Money Evaluator<Trace>::member_part(std::uint32_t index, std::uint32_t i, const Expense& e, Date d, const Money& measure_base,
                                    Proration proration, Sink& sink, typename Sink::Line tr) {
    const Measure& m = *cp_->measures()[index].measure;
    const SplitMember& member = m.members[i];
    Money base = measure_base;
    if (member.base_cap) {
        const Money& cap = param(sink, *member.base_cap, d, tr);
        const bool bound = base > cap;
        if (bound) base = cap;
        sink.ceiling(tr, [&] { return CeilingUse{member.base_cap->name(), cap, bound, "cap on the base"}; });
    }
    const Rate& rate = param(sink, member.rate, d, tr);
    const ExactAmount exact = base * rate;
    Money amount = apply(exact, m.rounding);
    sink.amount(
        tr, base, [&] { return member.funder + ": " + to_string(rate) + " × " + to_string(base) + " = " + to_string(exact); },
        [&] { return to_string(m.rounding) + " → " + to_string(amount); });
    if (member.ceiling) {
        const Money cap = prorate(param(sink, *member.ceiling, d, tr), proration, e, sink, tr);
        const bool bound = amount > cap;
        if (bound) amount = cap;
        sink.ceiling(tr, [&] { return CeilingUse{member.ceiling->name(), cap, bound, "ceiling of " + member.funder}; });
    }
    return amount;
}

// The members in order, each within what the combined amount leaves; the residual the rest.
template <class Trace>
void Evaluator<Trace>::split(std::uint32_t index, const Expense& e, Date d, const Money& base, const Money& combined,
                             Proration proration, Line combined_tr) {
    const CompiledMeasure& c = cp_->measures()[index];
    const Measure& m = *c.measure;
    trace_.note(combined_tr, [&] { return "combined amount of the measure: " + to_string(combined); });
    Money left = combined;
    for (std::uint32_t i = 0; i < m.members.size(); ++i) {
        const SplitMember& member = m.members[i];
        if (!takes_part_[i]) {
            trace_.note(combined_tr,
                        [&] { return member.funder + " does not take part (needs " + detail::describe(member.condition) + ")"; });
            continue;
        }
        const Line tr = trace_.copy(combined_tr);
        Money amount = member_part(index, i, e, d, base, proration, trace_, tr);
        const bool bound = amount > left;
        if (bound) amount = left;
        trace_.ceiling(tr, [&] { return CeilingUse{m.id + ".combined_left", left, bound, "what the combined amount leaves"}; });
        left -= amount;
        push(index, i, e.year, amount, tr);
    }
    if (!m.members.empty()) trace_.note(combined_tr, [&] { return m.residual_funder + " takes the rest: " + to_string(left); });
    push(index, static_cast<std::uint32_t>(m.members.size()), e.year, left, combined_tr);
}

// Units of the kind in date order (equal dates keep the project's order), summed by year.
template <class Trace>
void Evaluator<Trace>::evaluate_flat(std::uint32_t index) {
    const CompiledMeasure& c = cp_->measures()[index];
    const Measure& m = *c.measure;
    const auto& f = std::get<FlatFormula>(m.formula);
    selected_.clear();
    for (const Unit& u : units_)
        if (u.kind == c.unit_kind) selected_.push_back(u);
    std::stable_sort(selected_.begin(), selected_.end(), [](const Unit& a, const Unit& b) { return a.date < b.date; });
    std::optional<std::chrono::year> year;
    Money amount;
    Line tr{};
    auto close_year = [&] {
        if (!year) return;
        if (f.capped_at_expense) {
            const Expense* e = expense_of(*year);
            const Money cap = e ? e->amount : Money();
            const bool bound = amount > cap;
            if (bound) amount = cap;
            trace_.ceiling(tr, [&] { return CeilingUse{m.id + ".expense", cap, bound, "never above the year's expense"}; });
        }
        amount = cap_by_project_ceilings(index, amount, tr);
        push(index, 0, *year, amount, tr);
    };
    for (const Unit& u : selected_) {
        if (!period_applies(m, u.date, u.date.year())) continue;
        if (year != u.date.year()) {
            close_year();
            year = u.date.year();
            amount = Money();
            tr = trace_.line();
        }
        const Money per = param(f.amount_per_unit, u.date, tr);
        amount += per * u.count;
        trace_.note(tr, [&] {
            return std::to_string(u.count) + " " + f.unit_kind + " from " + to_string(u.date) + " × " + to_string(per) + " = " +
                   to_string(per * u.count);
        });
    }
    close_year();
}

template <class Trace>
void Evaluator<Trace>::evaluate_schedule(std::uint32_t index) {
    const CompiledMeasure& c = cp_->measures()[index];
    const Measure& m = *c.measure;
    const auto& f = std::get<ScheduleFormula>(m.formula);
    // Year 1 of the scheme is the first year the measure applies (not an earlier expense
    // that falls before the convention or the measure's validity).
    int first = 0;
    NoTrace quiet;
    for (const Expense& e : expenses_)
        if (period_checks(m, e.period_start(), quiet)) {
            first = static_cast<int>(e.year);
            break;
        }
    const bool bonus = c.has_bonus && c.bonus.holds(proj_->flags());
    for (const Expense& e : expenses_) {
        const Date d = e.period_start();
        if (!period_applies(m, d, e.year)) continue;
        // This year passes its checks, so the scheme has started: first ≤ e.year.
        const auto scheme_year = static_cast<std::size_t>(static_cast<int>(e.year) - first + 1);
        if (!trace_.check("scheme year", scheme_year <= f.by_scheme_year.size(), [&] {
                return std::to_string(static_cast<int>(e.year)) + " is year " + std::to_string(scheme_year) +
                       " of the scheme, which started in " + std::to_string(first) + " and covers " +
                       std::to_string(f.by_scheme_year.size()) + " years";
            })) {
            trace_.fails(e.year);
            continue;
        }
        const Line tr = trace_.line();
        Money amount = param(f.by_scheme_year[scheme_year - 1], d, tr);
        if (bonus && scheme_year <= f.bonus_by_scheme_year.size()) {
            const Money extra = param(f.bonus_by_scheme_year[scheme_year - 1], d, tr);
            amount += extra;
            trace_.note(tr, [&] { return "bonus (" + detail::describe(*f.bonus_condition) + "): " + to_string(extra); });
        }
        if (f.capped_at_expense) {
            const bool bound = amount > e.amount;
            trace_.ceiling(tr, [&] { return CeilingUse{m.id + ".expense", e.amount, bound, "never above the year's expense"}; });
            if (bound) amount = e.amount;
        }
        trace_.base(tr, e.amount);
        amount = cap_by_project_ceilings(index, amount, tr);
        push(index, 0, e.year, amount, tr);
    }
}

// Support without a price: one of its unit in the first year the measure applies to the
// project (per project) or in each such year (per year); never euros.
template <class Trace>
void Evaluator<Trace>::evaluate_service(std::uint32_t index) {
    const Measure& m = *cp_->measures()[index].measure;
    const auto& f = std::get<ServiceFormula>(m.formula);
    for (const Expense& e : expenses_) {
        if (!period_applies(m, e.period_start(), e.year)) continue;
        const Line tr = trace_.line();
        trace_.note(tr, [&] {
            return "1 " + f.unit + ", support without a published price (" +
                   (f.per == ServicePer::project ? "once for the project" : "each year") + ")";
        });
        push_service(index, e.year, 1, tr);
        if (f.per == ServicePer::project) return;
    }
}

}  // namespace subsidy
