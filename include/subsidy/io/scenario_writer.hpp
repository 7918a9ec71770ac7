// Writing scenario files: a territory, projects, budgets and options as the YAML that
// load_scenario reads (docs/scenario-format.md), one compact flow mapping per territory item
// and budget, one line per project field.
//
// Things you should know:
// - What is written reads back equal, field by field: money as quoted text ("1234.56"), rates
//   as the exact percent the reader parses (35%, 37.5%) or else as a fraction (1/3), dates in
//   ISO form, every text double-quoted and escaped.
// - A Territory lists its communes and EPCIs but not its other bodies nor its memberships:
//   the bodies written are the projects' owners (a body no project names is not written), and
//   the memberships are those of the communes, EPCIs and owner bodies with `program`.
// - `budgets` are the scenario's own: a loaded Scenario's budgets start with its catalog's,
//   which must not be written again (their ids would be declared twice).
#pragma once

#include <ostream>
#include <string>
#include <vector>

#include "subsidy/rules/budget.hpp"
#include "subsidy/io/scenario.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy::io {

/// Writes a scenario computed against the catalog `catalog_ref` (an id such as `pvd`, or a
/// path relative to where the file will be read), whose programme is `program`. Throws
/// invalid_argument, before writing anything, for what the reader could not read back: a
/// project owner that is not in the territory, or a rate above 100 %.
void write_scenario(std::ostream& out, const std::string& catalog_ref, const Program& program, const Territory& territory,
                    const std::vector<Project>& projects, const std::vector<Budget>& budgets,
                    const ScenarioOptions& options = {});

}  // namespace subsidy::io
