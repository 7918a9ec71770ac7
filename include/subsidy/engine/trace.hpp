// Trace sinks of the Evaluator (engine/evaluator.hpp). The evaluator is the only body of the
// rules; it tells its sink what it checked, read and decided, and the sink records. A sink
// never decides an amount:
// - NoTrace: every call inlines to nothing; the lambdas that would build a message never run.
// - TraceRecorder: builds the LineTraces and MeasureOutcomes of a FundingPlan.
// Both have the same calls; `Line` names the trace of one line being built.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "subsidy/engine/funding_plan.hpp"
#include "subsidy/time/dated.hpp"

namespace subsidy {

struct NoTrace {
    struct Line {};
    static constexpr bool enabled = false;

    void start() noexcept {}
    void begin_measure(const std::string&) noexcept {}
    template <class Detail>
    bool check(const char*, bool passed, Detail&&) noexcept {
        return passed;
    }
    /// `ok` and the check `next` (pure): nothing left to record, so stop at the first that fails.
    template <class Next>
    bool also(bool ok, Next&& next) {
        return ok && next();
    }
    void begin_period() noexcept {}
    void fails(std::optional<std::chrono::year>) noexcept {}
    void applies() noexcept {}
    template <class Detail>
    void gave_nothing(Detail&&) noexcept {}
    Line line() noexcept { return {}; }
    Line copy(Line) noexcept { return {}; }
    template <class T>
    void parameter(Line, const Dated<T>&, const DatedValue<T>&) noexcept {}
    template <class Make>
    void parameter(Line, Make&&) noexcept {}
    template <class Exact, class Rounded>
    void amount(Line, const Money&, Exact&&, Rounded&&) noexcept {}
    template <class Make>
    void ceiling(Line, Make&&) noexcept {}
    template <class Make>
    void note(Line, Make&&) noexcept {}
    void base(Line, const Money&) noexcept {}
    void nothing(Line, const std::string&, std::chrono::year) noexcept {}
    template <class Make>
    void cut(Line, Make&&) noexcept {}
    void emit(Line) noexcept {}
};

class TraceRecorder {
public:
    using Line = std::uint32_t;  // index of a LineTrace being built
    static constexpr bool enabled = true;

    /// A new plan: forgets the previous one.
    void start() {
        lines_.clear();
        order_.clear();
        outcomes_.clear();
        static_.clear();
        period_.clear();
    }
    /// Checks from here on are the measure's own (static) checks.
    void begin_measure(const std::string& measure) {
        measure_ = &measure;
        static_.clear();
        in_period_ = false;
        measure_outcomes_ = outcomes_.size();
    }
    template <class Detail>
    bool check(const char* rule, bool passed, Detail&& detail) {
        (in_period_ ? period_ : static_).push_back(Check{rule, passed, detail()});
        return passed;
    }
    /// `ok` and the check `next`, made even when `ok` is false: a trace lists every check.
    template <class Next>
    bool also(bool ok, Next&& next) {
        const bool passed = next();
        return ok && passed;
    }
    /// Checks from here on are those of one period, after the measure's own.
    void begin_period() {
        period_ = static_;
        in_period_ = true;
    }
    /// The measure (`year`: that year of it) does not apply: the first failed check says why.
    void fails(std::optional<std::chrono::year> year) {
        std::vector<Check> checks = year ? period_ : static_;
        std::string reason;
        for (const Check& c : checks)
            if (!c.passed) {
                reason = c.rule + ": " + c.detail;
                break;
            }
        outcomes_.push_back(MeasureOutcome{*measure_, false, year, std::move(checks), std::move(reason)});
    }
    void applies() { outcomes_.push_back(MeasureOutcome{*measure_, true, std::nullopt, static_, ""}); }
    /// The measure passed its checks but made no line: unless a year's failure or a zero
    /// amount already says why, `detail()` does (nothing it pays for: no expense, no unit).
    template <class Detail>
    void gave_nothing(Detail&& detail) {
        if (outcomes_.size() != measure_outcomes_) return;
        std::vector<Check> checks = static_;
        checks.push_back(Check{"what it pays for", false, detail()});
        std::string reason = "what it pays for: " + checks.back().detail;
        outcomes_.push_back(MeasureOutcome{*measure_, false, std::nullopt, std::move(checks), std::move(reason)});
    }

    /// The trace of a new line, with the checks of the current period.
    Line line() {
        lines_.emplace_back();
        lines_.back().checks = period_;
        return static_cast<Line>(lines_.size() - 1);
    }
    Line copy(Line from) {
        lines_.push_back(lines_[from]);
        return static_cast<Line>(lines_.size() - 1);
    }
    template <class T>
    void parameter(Line l, const Dated<T>& p, const DatedValue<T>& v) {
        lines_[l].parameters.push_back(ParameterUse{p.name(), to_string(v.value), v.from, std::string(v.source), v.extrapolated});
    }
    template <class Make>
    void parameter(Line l, Make&& make) {
        lines_[l].parameters.push_back(make());
    }
    template <class Exact, class Rounded>
    void amount(Line l, const Money& base, Exact&& exact, Rounded&& rounded) {
        lines_[l].base = base;
        lines_[l].exact_amount = exact();
        lines_[l].rounding = rounded();
    }
    template <class Make>
    void ceiling(Line l, Make&& make) {
        lines_[l].ceilings.push_back(make());
    }
    template <class Make>
    void note(Line l, Make&& make) {
        lines_[l].notes.push_back(make());
    }
    void base(Line l, const Money& base) { lines_[l].base = base; }
    /// A line of zero is not made: the outcomes say who got nothing.
    void nothing(Line l, const std::string& funder, std::chrono::year year) {
        const auto& notes = lines_[l].notes;
        outcomes_.push_back(MeasureOutcome{*measure_, true, year, {},
                                           funder + " gets nothing in " + std::to_string(static_cast<int>(year)) +
                                               (notes.empty() ? std::string() : ": " + notes.back())});
    }
    template <class Make>
    void cut(Line l, Make&& make) {
        lines_[l].cuts.push_back(make());
    }
    /// The next line of the finished plan has trace `l`.
    void emit(Line l) { order_.push_back(l); }

    /// Moves the traces and outcomes into `plan`, whose lines are those emitted, in order.
    void into(FundingPlan& plan) {
        for (std::size_t i = 0; i < order_.size() && i < plan.lines.size(); ++i)
            plan.lines[i].trace = std::move(lines_[order_[i]]);
        plan.outcomes = std::move(outcomes_);
        outcomes_.clear();
    }

private:
    const std::string* measure_ = nullptr;
    std::size_t measure_outcomes_ = 0;  // outcomes_.size() when the measure began
    std::vector<Check> static_, period_;
    bool in_period_ = false;
    std::vector<LineTrace> lines_;
    std::vector<Line> order_;
    std::vector<MeasureOutcome> outcomes_;
};

}  // namespace subsidy
