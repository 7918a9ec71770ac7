// The pieces of the scenario reader that its files (scenario.cpp, territory_reader.cpp,
// project_reader.cpp) share. Private to subsidy::io.
#pragma once

#include <optional>
#include <string>

#include "subsidy/engine/compiled_program.hpp"
#include "subsidy/io/scenario.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// `{commune: "14047"}`, `{epci: "241400555"}`, `{petr: "id"}`…: exactly one key.
std::optional<BeneficiaryRef> read_beneficiary(Context& cx, const yaml::Node& n, const std::string& what);

/// The territory's commune and EPCI codes, each list indexed once, on first use, for a "did
/// you mean": 20,000 misspelt owners against 20,000 communes stay linear.
class PlaceNames {
public:
    explicit PlaceNames(const Territory& t) : t_(t) {}
    /// " (did you mean '14515'?)" for a commune or EPCI code close to one of the territory's.
    std::string did_you_mean(const BeneficiaryRef& b);

private:
    const Territory& t_;
    std::optional<Vocabulary> communes_, epcis_;
};

/// The `territory:` mapping into `t`; memberships are of `program` (a member commune at or
/// above its population guideline is warned of: W008).
void read_territory(Context& cx, const yaml::Node& n, const Program& program, Territory& t);

/// The `expenses:` list of project `what` ("project 'id'") into `into`: each year's cost, HT,
/// eligible base, period and cost items, checked where written (expense_reader.cpp).
void read_expenses(Context& cx, const yaml::Node& v, const Program& program, const std::string& what, std::vector<Expense>& into);
/// The `other_resources:` list (FCTVA…), each `{label, amount}`, not negative.
void read_other_resources(Context& cx, const yaml::Node& v, const std::string& what, std::vector<OtherResource>& into);

/// The scenario's `ceilings:` list, each put on the projects it binds (its `project`, or the
/// owners in its `scope`, or every project), after the projects are read (ceiling_reader.cpp).
void read_scenario_ceilings(Context& cx, const yaml::Node& v, Scenario& s);

/// A project's own `ceilings:` (each {id, measure, amount, per, source}) into p.ceilings.
void read_project_ceilings(Context& cx, const yaml::Node& v, const Program& program, Project& p);

/// One project, checked against the programme (`words`: its compiled vocabulary) and the
/// territory; nothing after a problem (already reported). A category, flag or unit kind that
/// no measure knows, an expense outside the programme's validity: warnings.
std::optional<Project> read_project(Context& cx, const yaml::Node& n, const CompiledProgram& words, const Territory& t,
                                    PlaceNames& places);

/// The populations the rules of project `p` (read from `n`) would read and the territory does
/// not give: E012 at a measure asked by name or a town served by population, W002 at
/// `measures: all` (population_check.cpp says why).
void check_populations(Context& cx, const yaml::Node& n, const Project& p, const Program& program, const Territory& t);

}  // namespace subsidy::io::detail
