// Evaluator step 4 for what a project brings to a share measure (engine/evaluator.hpp): the
// base its rates apply to (eligible base or cost, cost items, a base cap retained by the
// decision), and what a decision gives instead of the catalog's rate (a decided rate, a
// decided amount), held to the measure's legal maximum.
//
// A decided amount is for the whole project: rounded with the measure's rounding, split over
// the years the measure applies to in proportion to their bases (largest remainder, in whole
// rounding units, so that the parts add up to the decided amount), then held year by year to
// the legal maximum (the fixed rate, or `maximum_rate`, × the base capped by `base_cap`) and
// to the applicable ceiling; above either, the catalog's `over_maximum` refuses the plan or
// cuts the amount, which the trace says. The funders of the measure then share it as they
// share a combined amount.
#pragma once

#include <algorithm>
#include <string>
#include <vector>

#include "subsidy/engine/evaluator.hpp"
#include "subsidy/money/allocate.hpp"

namespace subsidy {

// The figure of `e` (or of each of its items) the measure's rates apply to, less the items
// that are not eligible for it, capped by what the base the request retains for the whole
// project leaves (base_cap_left_, set when the measure's evaluation starts; the years are
// taken in order).
template <class Trace>
Money Evaluator<Trace>::base_of(std::uint32_t index, const MeasureRequest* request, const Expense& e, Line tr) {
    const Measure& m = *cp_->measures()[index].measure;
    const auto figure = [&](const auto& x) -> const Money& {
        if (m.base == BaseFigure::cost) return x.amount;
        return x.eligible ? *x.eligible : x.ht ? *x.ht : x.amount;
    };
    Money base;
    if (e.items.empty()) {
        base = figure(e);
    } else {
        for (const CostItem& item : e.items) {
            if (std::find(item.not_for.begin(), item.not_for.end(), m.id) != item.not_for.end()) {
                trace_.note(tr, [&] {
                    return "item '" + item.label + "' (" + to_string(item.amount) + ") is not eligible for " + m.id;
                });
                continue;
            }
            base += figure(item);
        }
    }
    if (base != e.amount)
        trace_.note(tr, [&] {
            const char* what = m.base == BaseFigure::cost ? "the eligible items"
                               : e.eligible || !e.items.empty() ? "the eligible base"
                                                                : "the amount before VAT";
            return std::string("base: ") + what + " " + to_string(base) + " of the cost " + to_string(e.amount);
        });
    if (request && request->base_cap) {  // over the project: what the earlier years left of it
        const Money left = base_cap_left_;
        const bool bound = base > left;
        if (bound) base = left;
        base_cap_left_ -= base;
        trace_.ceiling(tr, [&] {
            return CeilingUse{m.id + ".request_base_cap", left, bound,
                              "what the base retained by the decision (" + to_string(*request->base_cap) +
                                  " over the project) leaves"};
        });
    }
    return base;
}

// The rate the request decided, held to the catalog's maximum rate if it has one.
template <class Trace>
Rate Evaluator<Trace>::decided_rate(std::uint32_t index, const ShareFormula& f, const MeasureRequest& request, Date d, Line tr) {
    const Measure& m = *cp_->measures()[index].measure;
    const Rate rate = *request.rate;
    trace_.parameter(tr, [&] { return ParameterUse{m.id + ".rate", to_string(rate), d, "project request", false}; });
    if (!f.maximum_rate) return rate;
    const Rate& maximum = param(*f.maximum_rate, d, tr);
    if (!(rate > maximum)) return rate;
    if (f.over_maximum == OverMaximum::refuse)
        throw invalid_argument("project '" + project_->id + "': measure '" + m.id + "': rate: the decided " + to_string(rate) +
                               " is above the maximum rate " + to_string(maximum) + " of the catalog");
    trace_.note(tr, [&] { return "the decided rate " + to_string(rate) + " is above the maximum " + to_string(maximum) + ": cut to it"; });
    return maximum;
}

template <class Trace>
void Evaluator<Trace>::evaluate_decided(std::uint32_t index, const ShareFormula& f, const MeasureRequest& request) {
    const Measure& m = *cp_->measures()[index].measure;
    decided_years_.clear();
    if (request.base_cap) base_cap_left_ = *request.base_cap;
    for (const Expense& e : expenses_) {
        const Date d = e.period_start();
        if (!period_applies(m, d, e.year)) continue;
        const Line tr = trace_.line();
        decided_years_.push_back(DecidedYear{&e, d, base_of(index, &request, e, tr), tr});
    }
    if (decided_years_.empty()) return;
    // The decided amount in whole rounding units, split over the years by their bases.
    const Money decided = apply(*request.amount * Rate::one(), m.rounding);
    const std::int64_t unit = m.rounding.unit().cents();
    std::vector<Money> weights;
    for (const DecidedYear& y : decided_years_) weights.push_back(y.base);
    if (std::all_of(weights.begin(), weights.end(), [](const Money& w) { return w.is_zero(); }))
        weights.front() = Money::from_cents(1);  // no base anywhere: the legal maximum says what is left
    const std::vector<Money> parts = allocate(Money::from_cents(decided.cents() / unit), weights);
    const Ceiling* ceiling = applicable_ceiling(index, f);
    const Proration proration = ceiling ? ceiling->proration : Proration::none;
    Money used;
    for (std::size_t k = 0; k < decided_years_.size(); ++k) {
        const DecidedYear& y = decided_years_[k];
        const Money part = parts[k] * unit;
        trace_.parameter(y.tr, [&] { return ParameterUse{m.id + ".amount", to_string(*request.amount), y.d, "project request", false}; });
        trace_.amount(
            y.tr, y.base, [&] { return "decided amount " + to_string(*request.amount); },
            [&] {
                return to_string(m.rounding) + " → " + to_string(decided) +
                       (decided_years_.size() > 1 ? ", of which " + to_string(part) + " on this year by its base" : std::string());
            });
        const Money legal = within_legal_maximum(index, f, part, y.base, y.d, y.tr);
        const Money capped = cap_by_ceiling(index, f, *y.e, y.d, legal, used, y.tr);
        refuse_or_trace(index, f, legal, capped, "the ceiling", y.tr);
        const Money amount = cap_by_project_ceilings(index, capped, y.tr);  // a prefect's cap cuts
        used += amount;
        if (cp_->measures()[index].counts_per_beneficiary && account_ && !amount.is_zero())
            grants_.push_back({index, y.e->year, amount});
        split(index, *y.e, y.d, y.base, amount, proration, y.tr);
    }
}

// `amount` held to the legal rate (the fixed rate, else the maximum rate) × the base capped by
// the catalog's base cap, rounded; no bound when the catalog gives neither rate.
template <class Trace>
Money Evaluator<Trace>::within_legal_maximum(std::uint32_t index, const ShareFormula& f, const Money& amount, const Money& base,
                                             Date d, Line tr) {
    const Measure& m = *cp_->measures()[index].measure;
    const Dated<Rate>* legal = f.rate ? &*f.rate : f.maximum_rate ? &*f.maximum_rate : nullptr;
    if (!legal) return amount;
    const Rate& rate = param(*legal, d, tr);
    Money capped = base;
    if (f.base_cap) capped = std::min(capped, param(*f.base_cap, d, tr));
    const Money maximum = apply(capped * rate, m.rounding);
    const Money allowed = std::min(amount, maximum);
    trace_.ceiling(tr, [&] {
        return CeilingUse{m.id + ".legal_maximum", maximum, allowed < amount,
                          "the legal maximum " + to_string(rate) + " × " + to_string(capped)};
    });
    refuse_or_trace(index, f, amount, allowed, "the legal maximum " + to_string(rate) + " × " + to_string(capped), tr);
    return allowed;
}

// A decided amount cut to what the rules allow: an error when the catalog refuses it, else a
// note of the cut.
template <class Trace>
void Evaluator<Trace>::refuse_or_trace(std::uint32_t index, const ShareFormula& f, const Money& asked, const Money& allowed,
                                       const std::string& what, Line tr) {
    if (!(allowed < asked)) return;
    const Measure& m = *cp_->measures()[index].measure;
    if (f.over_maximum == OverMaximum::refuse)
        throw invalid_argument("project '" + project_->id + "': measure '" + m.id + "': amount: the decided " + to_string(asked) +
                               " is above " + what + " (" + to_string(allowed) +
                               "), which the catalog refuses (over_maximum: refuse)");
    trace_.note(tr, [&] { return "the decided " + to_string(asked) + " is above " + what + ": cut to " + to_string(allowed); });
}

}  // namespace subsidy
