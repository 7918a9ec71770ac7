// The oracle's reading of what a project brings to a share measure (issue 13), written from the
// format's text rather than from the engine: the base a measure's rates apply to, the rate or
// amount a decision gives, the legal bound of a year and the bound of rounding per funder.
// Exact, with cpp_rational, like the rest of evaluator_properties_test.cpp.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <algorithm>
#include <optional>
#include <string>

#include <subsidy/subsidy.hpp>

namespace oracle {

using namespace subsidy;
namespace mp = boost::multiprecision;
using rational = mp::cpp_rational;

inline rational cents_of(const Money& m) { return rational(mp::cpp_int(m.cents().convert_to<long long>())); }

inline const MeasureRequest* request_for(const Project& p, const std::string& measure) {
    if (!p.requests) return nullptr;
    for (const MeasureRequest& r : *p.requests)
        if (r.measure == measure) return &r;
    return nullptr;
}

// The figure a measure reads of an expense or an item: the whole cost for `base: cost`; else
// the eligible base given, else the amount before VAT given, else the cost.
template <class Figures>
rational figure(const Measure& m, const Figures& x) {
    if (m.base == BaseFigure::cost) return cents_of(x.amount);
    if (x.eligible) return cents_of(*x.eligible);
    if (x.ht) return cents_of(*x.ht);
    return cents_of(x.amount);
}

// The base of measure `m` in expense `e`: Σ the items eligible for it (or the expense's own
// figure), before the base cap a request retains over the project.
inline rational base_of(const Measure& m, const Expense& e) {
    rational base = 0;
    if (e.items.empty()) base = figure(m, e);
    for (const CostItem& i : e.items)
        if (std::find(i.not_for.begin(), i.not_for.end(), m.id) == i.not_for.end()) base += figure(m, i);
    return base;
}

// The rate that bounds a share measure's year: the catalog's fixed rate; or the decided rate
// (the maximum rate where it is lower and the catalog cuts); for a decided amount, the maximum
// rate if any. nullopt: nothing but ceilings and stacking bound it.
template <class ValueAt>
std::optional<Rate> bounding_rate(const ShareFormula& f, const MeasureRequest* request, ValueAt&& value_at) {
    if (f.rate) return value_at(*f.rate);
    std::optional<Rate> maximum;
    if (f.maximum_rate) maximum = value_at(*f.maximum_rate);
    if (request && request->rate) return maximum && *maximum < *request->rate ? *maximum : *request->rate;
    return maximum;
}

}  // namespace oracle
