// The result of the engine for one project: funding lines, the beneficiary's balance, and a
// trace that explains every line (and every measure that did not apply). The trace is plain
// data with a format version, so that writers can serialise it.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "subsidy/date.hpp"
#include "subsidy/money.hpp"

namespace subsidy {

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
    Money own_share;        ///< cost − private funding − cash aid, the exact balance
    std::vector<FundingLine> lines;
    std::vector<MeasureOutcome> outcomes;  ///< traced runs only

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

}  // namespace subsidy
