// Evaluator steps 2 and 3 (engine/evaluator.hpp): whether a measure applies to the project,
// and whether one period of it lies where the measure and the programme apply. The checks
// are joined with the sink's `also`: a TraceRecorder makes (and records) every check even
// after one failed, so that a trace lists them all; NoTrace stops at the first that fails.
// The checks are pure, so both give the same answer.
#pragma once

#include "subsidy/engine/evaluator.hpp"

namespace subsidy {

template <class Trace>
bool Evaluator<Trace>::static_checks(const CompiledMeasure& c) {
    const Measure& m = *c.measure;
    const Project& p = *project_;
    const OwnerFacts& owner = *owner_;
    const Eligibility& el = m.eligibility;
    bool ok = true;
    ok = trace_.also(ok, [&] {
        if (c.any_category) return true;
        const bool passed = proj_->category() != detail::no_index && c.categories.test(proj_->category());
        return trace_.check("category", passed, [&] {
            std::vector<std::string> cats(m.categories.begin(), m.categories.end());
            return "expense category '" + p.category + "'" + (passed ? " is" : " is not") + " one of {" + detail::join(cats, ", ") + "}";
        });
    });
    ok = trace_.also(ok, [&] {
        if (!c.natures) return true;
        const bool passed = c.natures & (1U << static_cast<unsigned>(p.nature));
        return trace_.check("nature", passed, [&] {
            return to_string(p.nature) + " expense" +
                   (passed ? "" : std::string(", the measure funds ") + to_string(*m.natures.begin()) + " expenses");
        });
    });
    ok = trace_.also(ok, [&] {
        if (!c.kinds) return true;
        const bool passed = c.kinds & (1U << static_cast<unsigned>(owner.ref.kind));
        return trace_.check("beneficiary", passed, [&] {
            std::vector<std::string> kinds;
            for (auto k : el.beneficiary_kinds) kinds.push_back(to_string(k));
            return to_string(owner.ref.kind) + (passed ? " is" : " is not") + " among {" + detail::join(kinds, ", ") + "}";
        });
    });
    ok = trace_.also(ok, [&] {
        const auto& below = c.population_below[static_cast<std::size_t>(owner.ref.kind)];
        if (!below) return true;
        const bool known = owner.population.has_value();
        const bool passed = known && *owner.population < *below;
        return trace_.check("population", passed, [&] {
            if (!known) return "population of " + owner.name + " unknown, must be below " + std::to_string(*below);
            return "population " + std::to_string(*owner.population) + (passed ? " is below " : " is not below ") +
                   std::to_string(*below);
        });
    });
    ok = trace_.also(ok, [&] {
        if (!el.requires_membership) return true;
        return trace_.check("membership", owner.convention.has_value(), [&] {
            return owner.convention ? owner.name + " signed the convention of '" + program().id() + "' on " + to_string(*owner.convention)
                                    : owner.name + " has no convention with '" + program().id() + "'";
        });
    });
    return trace_.also(ok, [&] {
        if (!c.has_condition) return true;
        const bool passed = c.condition.holds(proj_->flags());
        return trace_.check("flags", passed,
                            [&] { return std::string(passed ? "project has " : "project lacks ") + detail::describe(el.condition); });
    });
}

// Whether a period starting on `d` lies after the convention and inside the programme's and
// the measure's validity; `sink` hears of each check.
template <class Trace>
template <class Sink>
bool Evaluator<Trace>::period_checks(const Measure& m, Date d, Sink& sink) const {
    bool ok = true;
    const std::optional<Date>& convention = owner_->convention;
    if (m.eligibility.requires_membership && convention)
        ok = sink.also(ok, [&] {
            return sink.check("convention", !(d < *convention), [&] {
                return "period starts " + to_string(d) + (d < *convention ? ", before" : ", on or after") + " the convention of " +
                       to_string(*convention);
            });
        });
    auto window = [&](const char* rule, const std::optional<Date>& from, const std::optional<Date>& until, auto&& whose) {
        if (from)
            ok = sink.also(ok, [&] {
                return sink.check(rule, !(d < *from), [&] {
                    return to_string(d) + (d < *from ? " is before " : " is not before ") + "the start of " + whose() + " (" +
                           to_string(*from) + ")";
                });
            });
        if (until)
            ok = sink.also(ok, [&] {
                return sink.check(rule, !(*until < d), [&] {
                    return to_string(d) + (*until < d ? " is after " : " is not after ") + "the end of " + whose() + " (" +
                           to_string(*until) + ")";
                });
            });
    };
    const Program& p = program();
    window("program validity", p.valid_from(), p.valid_until(), [&] { return "program '" + p.id() + "'"; });
    window("measure validity", m.valid_from, m.valid_until, [&] { return "measure '" + m.id + "'"; });
    return ok;
}

// period_checks of the period of `year` starting on `d`, told to the trace as that year's;
// a period that fails is an outcome of the measure for that year.
template <class Trace>
bool Evaluator<Trace>::period_applies(const Measure& m, Date d, std::chrono::year year) {
    trace_.begin_period();
    if (period_checks(m, d, trace_)) return true;
    trace_.fails(year);
    return false;
}

}  // namespace subsidy
