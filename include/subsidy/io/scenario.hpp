// Scenario files: a territory (communes, EPCIs, other bodies, programme memberships), its
// projects, budgets and options, computed against a catalog named by the scenario. YAML (or
// JSON). The format is documented with a commented example in docs/scenario-format.md.
//
// Every problem of the scenario and of its catalog is collected and thrown at once as a
// load_error (`file:line:column: message`). evaluate() turns a loaded scenario into funding
// plans, budget outcomes and envelopes; a problem it meets (a value missing in strict mode)
// is reported the same way, at the project it concerns.
#pragma once

#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "subsidy/envelopes/budget.hpp"
#include "subsidy/engine/plan.hpp"
#include "subsidy/envelopes/envelopes.hpp"
#include "subsidy/io/catalog.hpp"
#include "subsidy/io/diagnostics.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy::io {

struct ScenarioOptions {
    LookupMode lookup = LookupMode::strict;
    std::optional<Date> date;  ///< the date of the computation, printed with the results
};

/// Where something was written: to report later problems at the right place.
struct SourcePosition {
    std::string file;
    int line = 0;
    int column = 0;
};

struct Scenario {
    Catalog catalog;
    Territory territory;
    std::vector<Project> projects;
    std::vector<SourcePosition> project_positions;  ///< one per project
    std::vector<Budget> budgets;                     ///< the catalog's, then the scenario's
    ScenarioOptions options;
    std::string path;
    std::vector<Diagnostic> warnings;  ///< its catalog's, then its own, each in file order
};

/// Reads the scenario at `path` ("-": standard input) and the catalog it names: a path
/// relative to the scenario's directory, or an id (`pvd`) looked up as `<id>.yaml` in
/// `data_dirs` (by default: io::catalog_dirs(), $SUBSIDY_DATA_DIR first, then the installed
/// package's catalogs; io/catalog.hpp gives the whole order).
[[nodiscard]] Scenario load_scenario(const std::string& path, const std::vector<std::string>& data_dirs = {});

/// A catalog or a scenario, read once from `path` ("-": standard input) and told apart by its
/// top-level keys, never by its wording: a scenario names its `catalog`, a catalog has a
/// `program`. A file with neither is refused (E012).
[[nodiscard]] std::variant<Catalog, Scenario> load_file(const std::string& path, const std::vector<std::string>& data_dirs = {});

/// Reads a scenario from `text`; `file` names it in diagnostics and `base_dir` resolves a
/// relative catalog path.
[[nodiscard]] Scenario parse_scenario(const std::string& text, const std::string& file, const std::string& base_dir,
                                      const std::vector<std::string>& data_dirs = {});

/// The result of a scenario: plans (one per project, in the scenario's order), what each
/// budget did, and the envelopes keeping every dimension.
/// Its envelopes point at the evaluated Scenario's programme and territory: that Scenario must outlive it, unmoved.
struct Evaluation {
    std::vector<FundingPlan> plans;
    std::vector<BudgetOutcome> budgets;
    /// Refers to the programme and territory of the Scenario given to evaluate(), by address:
    /// keep that Scenario alive and where it is (not moved, not reassigned) while the
    /// envelopes are read, or build Envelopes of your own from `plans`.
    Envelopes envelopes;
    std::vector<Diagnostic> warnings;  ///< what the computation found (W002: a measure asked for gave nothing)
};

/// Computes the scenario (plans, then budgets, then envelopes). Throws load_error naming the
/// project's position in the file when a project cannot be computed.
[[nodiscard]] Evaluation evaluate(const Scenario& scenario, bool trace = false);

/// The budgets and envelopes of the scenario without its plans (`plans` stays empty): what
/// evaluate() gives, made by evaluate_batch on `threads` threads (0: the hardware's), the
/// envelopes keeping the dimensions `by` only. Errors as evaluate().
[[nodiscard]] Evaluation evaluate_envelopes(const Scenario& scenario,
                                            std::vector<Dimension> by = {all_dimensions.begin(), all_dimensions.end()},
                                            unsigned threads = 0);

}  // namespace subsidy::io
