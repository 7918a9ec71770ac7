// The result of the engine for one project. `LinePlan` is what the evaluator makes: its
// lines by index (measure, funder) and the beneficiary's balance, no string. `FundingPlan` is
// its named view: the same lines with their ids and, for a traced run, a trace that explains
// every line (and every measure that did not apply). The trace is plain data with a format
// version (docs/trace-format.md), so that writers can serialise it.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "subsidy/time/date.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/rules/program.hpp"

namespace subsidy {

/// `part` ÷ `whole` as an exact fraction (an effective rate: aid ÷ cost, aid ÷ eligible base,
/// a line ÷ its base), possibly above 100 %; nullopt when `whole` is not positive.
[[nodiscard]] inline std::optional<Rate> effective_rate(const Money& part, const Money& whole) {
    if (whole.sign() <= 0) return std::nullopt;
    return Rate::fraction(part.cents().convert_to<std::int64_t>(), whole.cents().convert_to<std::int64_t>(), RateBound::unbounded);
}

/// One funding line by index: program.measures()[measure], program.funders()[funder].
struct PlanLine {
    std::uint32_t measure = 0;
    std::uint32_t funder = 0;
    std::uint32_t member = 0;  ///< position among the measure's members; members.size(): the residual funder
    std::chrono::year year{0};
    bool in_kind = false;
    bool pass_through = false;
    Money amount;
    std::int64_t quantity = 0;  ///< a service's (amount 0): how many of its unit
    bool service = false;       ///< support without a price: outside the balance
};

/// The plan of one project as the engine makes it: lines by index, by year, then measure
/// (programme order), then member (residual last).
struct LinePlan {
    Money cost;
    Money private_funding;
    Money cash_aid;   ///< Σ lines that are neither in kind nor pass-through
    Money own_share;  ///< cost − private funding − other resources − cash aid, the exact balance
    std::vector<PlanLine> lines;
    Money other_resources{};  ///< neither aid nor private money (FCTVA)
    Money eligible_base{};    ///< Σ the expenses' eligible bases (Expense::eligible_base)
};

/// Bumped whenever a field of the trace changes meaning or disappears.
inline constexpr int trace_format_version = 1;

/// One eligibility or period check and its outcome.
struct Check {
    std::string rule;    ///< e.g. "population", "convention", "validity"
    bool passed = false;
    std::string detail;  ///< e.g. "population 21000 is not below 20000"
};

/// A parameter read from the catalog: its value, from when it applies, and where it comes from.
struct ParameterUse {
    std::string name;
    std::string value;
    Date from;
    std::string source;
    bool extrapolated = false;
};

/// A ceiling that was compared with the amount; `bound` when it cut it.
struct CeilingUse {
    std::string name;
    Money amount;
    bool bound = false;
    std::string detail;
};

/// A stacking (or budget) cut applied to a line.
struct Cut {
    std::string constraint;
    std::string source;
    Money before;
    Money after;
    std::string detail;
};

struct LineTrace {
    std::vector<Check> checks;
    Money base;
    std::vector<ParameterUse> parameters;
    std::string exact_amount;  ///< the exact raw amount before rounding, as text
    std::string rounding;
    std::vector<CeilingUse> ceilings;
    std::vector<Cut> cuts;
    std::vector<std::string> notes;
};

struct FundingLine {
    std::string measure;
    std::string funder;
    std::string pillar;
    std::chrono::year year;
    Money amount;
    bool in_kind = false;       ///< valued support, not cash: outside the balance
    bool pass_through = false;  ///< passed on to a third party: outside the balance
    LineTrace trace;            ///< empty when tracing is off
    std::int64_t quantity = 0;  ///< a service's: how many of its unit (the amount is 0)
    bool service = false;       ///< support without a price (ServiceFormula): outside the balance
};

/// Why a measure (or one year of it) gave nothing.
struct MeasureOutcome {
    std::string measure;
    bool applied = false;
    std::optional<std::chrono::year> year;  ///< set when only that year failed
    std::vector<Check> checks;
    std::string reason;
};

struct FundingPlan {
    int format_version = trace_format_version;
    std::string project;
    Money cost;             ///< Σ expenses
    Money private_funding;
    Money cash_aid;         ///< Σ lines that are neither in kind nor pass-through
    Money own_share;        ///< cost − private funding − other resources − cash aid, the exact balance
    std::vector<FundingLine> lines;
    std::vector<MeasureOutcome> outcomes;  ///< traced runs only
    Money other_resources{};  ///< neither aid nor private money (FCTVA)
    Money eligible_base{};    ///< Σ the expenses' eligible bases

    /// Cash aid ÷ cost and ÷ eligible base, exact (nullopt for a zero denominator).
    [[nodiscard]] std::optional<Rate> aid_rate_of_cost() const { return effective_rate(cash_aid, cost); }
    [[nodiscard]] std::optional<Rate> aid_rate_of_eligible_base() const { return effective_rate(cash_aid, eligible_base); }
    /// Σ of the lines of `funder` (and of `measure`, `year` when given).
    [[nodiscard]] Money total(std::optional<std::string> funder = std::nullopt,
                              std::optional<std::string> measure = std::nullopt,
                              std::optional<std::chrono::year> year = std::nullopt) const {
        Money t;
        for (const FundingLine& l : lines)
            if ((!funder || l.funder == *funder) && (!measure || l.measure == *measure) && (!year || l.year == *year))
                t += l.amount;
        return t;
    }
};

/// The named view of `plan`, the plan of project `project` made with `program` (no trace).
[[nodiscard]] inline FundingPlan name_plan(const Program& program, const std::string& project, const LinePlan& plan) {
    FundingPlan p;
    p.project = project;
    p.cost = plan.cost;
    p.private_funding = plan.private_funding;
    p.cash_aid = plan.cash_aid;
    p.own_share = plan.own_share;
    p.other_resources = plan.other_resources;
    p.eligible_base = plan.eligible_base;
    p.lines.reserve(plan.lines.size());
    for (const PlanLine& l : plan.lines) {
        const Measure& m = program.measures()[l.measure];
        p.lines.push_back(FundingLine{m.id, program.funders()[l.funder].id, m.pillar, l.year, l.amount, l.in_kind,
                                      l.pass_through, {}, l.quantity, l.service});
    }
    return p;
}

/// The lines of a named plan by index in `program` (the inverse of name_plan). Throws
/// invalid_argument, after `context`, for a measure, funder or member outside the programme
/// or a pillar that is not its measure's.
[[nodiscard]] inline LinePlan index_plan(const Program& program, const FundingPlan& plan, const std::string& context = "") {
    LinePlan out{plan.cost, plan.private_funding, plan.cash_aid, plan.own_share, {}, plan.other_resources, plan.eligible_base};
    out.lines.reserve(plan.lines.size());
    auto fail = [&](const char* what, const std::string& id) {
        return invalid_argument(context + "plan '" + plan.project + "': " + what + " '" + id + "' is not in program '" +
                                program.id() + "'");
    };
    const auto& ms = program.measures();
    const auto& fs = program.funders();
    for (const FundingLine& l : plan.lines) {
        PlanLine line{0, 0, 0, l.year, l.in_kind, l.pass_through, l.amount, l.quantity, l.service};
        while (line.measure < ms.size() && ms[line.measure].id != l.measure) ++line.measure;
        while (line.funder < fs.size() && fs[line.funder].id != l.funder) ++line.funder;
        if (!program.find_pillar(l.pillar)) throw fail("pillar", l.pillar);
        if (line.funder == fs.size()) throw fail("funder", l.funder);
        if (line.measure == ms.size()) throw fail("measure", l.measure);
        const Measure& m = ms[line.measure];
        if (m.pillar != l.pillar) throw fail("pillar", l.pillar);
        line.member = static_cast<std::uint32_t>(m.members.size());
        for (std::uint32_t i = 0; i < m.members.size(); ++i)
            if (m.members[i].funder == l.funder) line.member = i;
        out.lines.push_back(line);
    }
    return out;
}

}  // namespace subsidy
