// Evaluator step 6 (engine/evaluator.hpp): the stacking law over a project's aids, and the
// order of the finished plan's lines.
//
// Constraints bind the project's public cash aid, in the programme's order: measures that
// exclude each other, group caps, the owner's minimum share (with derogations), the
// total-public-aid cap. Finally, as an invariant of the engine, cash aid never exceeds the
// cost less private funding. Constraint rates are read on the first day of the project's
// first expense period (a project is judged by the law of its start). Each excess is cut from
// the lowest priority first (then by measure id, latest year first, residual funder before
// members), to the cent; of measures that exclude each other, the one this order cuts last is
// kept. A line cut to zero stays in the plan with its cuts, so that the trace shows where its
// money went. The owner's minimum is a share of the public financing: the cost less private
// funding, whether the project declares it or a private funder's measure brings it.
#pragma once

#include "subsidy/engine/evaluator.hpp"

namespace subsidy {

// Cuts the selected drafts so that their sum is at most `limit`, in the stacking order.
template <class Trace>
template <class Select, class Why>
void Evaluator<Trace>::cut_to(Select&& select, const Money& limit, const StackingConstraint* constraint, Why&& why) {
    selected_drafts_.clear();
    Money total;
    for (Draft& d : drafts_)
        if (select(d)) {
            selected_drafts_.push_back(&d);
            total += d.line.amount;
        }
    if (!(total > limit)) return;
    Money excess = total - limit;
    std::sort(selected_drafts_.begin(), selected_drafts_.end(), [](const Draft* a, const Draft* b) {
        if (a->priority != b->priority) return a->priority < b->priority;
        if (a->id_rank != b->id_rank) return a->id_rank < b->id_rank;
        if (a->line.year != b->line.year) return a->line.year > b->line.year;
        return a->line.member > b->line.member;
    });
    for (Draft* d : selected_drafts_) {
        if (excess.sign() <= 0) break;
        const Money before = d->line.amount;
        if (before.is_zero()) continue;
        // A line of a measure that rounds to a unit (the euro) keeps a whole number of units:
        // the cut then takes up to one unit less a cent more than the excess.
        const std::int64_t unit = cp_->measures()[d->line.measure].measure->rounding.unit().cents();
        const Money wanted = std::min(excess, before);
        Money after = before - wanted;
        if (unit > 1) after = Money::from_cents(after.cents() / unit * unit);
        d->line.amount = after;
        excess -= before - after;
        trace_.cut(d->trace, [&] {
            std::string detail = why();
            if (before - after != wanted)
                detail += "; cut to a whole multiple of " + to_string(Money::from_cents(unit)) + ", the measure's rounding unit";
            return constraint ? Cut{constraint->id, constraint->source, before, after, detail}
                              : Cut{"aid-within-expense", "subsidy engine invariant", before, after, detail};
        });
    }
}

template <class Trace>
void Evaluator<Trace>::stack() {
    // The constraints read their rates on the first day of the first expense: a project
    // with no expense is judged by the engine's invariant alone (its cost is 0, so is its aid).
    for (const detail::CompiledConstraint& c : cp_->constraints()) {
        if (expenses_.empty()) break;
        if (!(c.natures & (1U << static_cast<unsigned>(project_->nature)))) continue;
        try {
            apply_constraint(c);
        } catch (const out_of_validity& e) {
            throw out_of_validity("project '" + project_->id + "', constraint '" + c.constraint->id + "': " + e.what());
        }
    }
    // Invariant of the engine: cash aid never exceeds what the project costs its funders.
    const Money limit = out_.cost - out_.private_funding - out_.other_resources;
    cut_to([](const Draft& d) { return d.cash(); }, limit, nullptr, [&] {
        return "aid may not exceed the cost less private funding" +
               std::string(out_.other_resources.is_zero() ? "" : " and other resources") + " (" + to_string(limit) + ")";
    });
}

template <class Trace>
void Evaluator<Trace>::apply_constraint(const detail::CompiledConstraint& c) {
    const Money& cost = out_.cost;
    const Date d = expenses_.front().period_start();
    const StackingConstraint* sc = c.constraint;
    const auto public_cash = [](const Draft& dr) { return dr.is_public && dr.cash(); };
    switch (c.kind) {
        case detail::ConstraintKind::exclusive: return exclude(c);
        case detail::ConstraintKind::group_cap: {
            const Rate& max = std::get<GroupCap>(sc->rule).maximum.at(d, lookup()).value;
            const Money limit = apply(cost * max, Rounding());
            return cut_to([&](const Draft& dr) { return public_cash(dr) && c.measures[dr.line.measure]; }, limit, sc, [&] {
                return "the group may not exceed " + to_string(max) + " of " + to_string(cost) + " = " + to_string(limit);
            });
        }
        case detail::ConstraintKind::owner_minimum: return owner_minimum(c, d);
        case detail::ConstraintKind::total_public_aid: {
            const Rate& max = std::get<TotalPublicAidCap>(sc->rule).maximum.at(d, lookup()).value;
            const Money limit = apply(cost * max, Rounding());
            return cut_to(public_cash, limit, sc, [&] {
                return "total public aid may not exceed " + to_string(max) + " of " + to_string(cost) + " = " + to_string(limit);
            });
        }
    }
}

// Of measures that cannot be combined, the one the stacking order would cut last is kept.
template <class Trace>
void Evaluator<Trace>::exclude(const detail::CompiledConstraint& c) {
    const Draft* keep = nullptr;
    for (const Draft& dr : drafts_)
        if (c.measures[dr.line.measure] && !dr.line.amount.is_zero() &&
            (!keep || dr.priority > keep->priority || (dr.priority == keep->priority && dr.id_rank > keep->id_rank)))
            keep = &dr;
    if (!keep) return;
    const std::uint32_t kept = keep->line.measure;
    for (Draft& dr : drafts_)
        if (c.measures[dr.line.measure] && dr.line.measure != kept && !dr.line.amount.is_zero()) {
            trace_.cut(dr.trace, [&] {
                return Cut{c.constraint->id, c.constraint->source, dr.line.amount, Money(),
                           "cannot be combined with '" + program().measures()[kept].id + "', which is kept"};
            });
            dr.line.amount = Money();
        }
}

template <class Trace>
void Evaluator<Trace>::owner_minimum(const detail::CompiledConstraint& c, Date d) {
    const auto& o = std::get<OwnerMinimumShare>(c.constraint->rule);
    if (c.has_condition && !c.condition.holds(proj_->flags())) return;
    Rate minimum = o.minimum.at(d, lookup()).value;
    const std::string* derogation = nullptr;
    for (const auto& dg : c.derogations)
        if (proj_->flags().test(dg.flag) && dg.minimum < minimum) {
            minimum = dg.minimum;
            derogation = dg.name;
        }
    // Private money, from the project or from a private funder's measure, is not public
    // financing: the owner's minimum is a share of what the public pays.
    Money private_lines;
    for (const Draft& dr : drafts_)
        if (!dr.is_public && dr.cash()) private_lines += dr.line.amount;
    Money public_financing = out_.cost - out_.private_funding - private_lines;
    if (public_financing.sign() < 0) public_financing = Money();  // private money covers it all
    const Money limit = apply(public_financing * (Rate::one() - minimum), Rounding());
    cut_to([](const Draft& dr) { return dr.is_public && dr.cash(); }, limit, c.constraint, [&] {
        return "the owner must bring at least " + to_string(minimum) + " of the public financing " + to_string(public_financing) +
               (derogation ? " (derogation '" + *derogation + "')" : std::string()) + ", so other public aid ≤ " + to_string(limit);
    });
}

// Lines by year, then measure, then member; the balance.
template <class Trace>
void Evaluator<Trace>::finish() {
    std::sort(drafts_.begin(), drafts_.end(), [](const Draft& a, const Draft& b) {
        if (a.line.year != b.line.year) return a.line.year < b.line.year;
        if (a.line.measure != b.line.measure) return a.line.measure < b.line.measure;
        return a.line.member < b.line.member;
    });
    Money cash;
    out_.lines.reserve(drafts_.size());
    for (const Draft& d : drafts_) {
        if (d.cash()) cash += d.line.amount;
        out_.lines.push_back(d.line);
        trace_.emit(d.trace);
    }
    drafts_.clear();
    out_.cash_aid = cash;
    out_.own_share = out_.cost - out_.private_funding - out_.other_resources - cash;
}

}  // namespace subsidy
