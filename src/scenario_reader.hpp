// The pieces of the scenario reader that its files (scenario.cpp, territory_reader.cpp,
// project_reader.cpp) share. Private to subsidy::io.
#pragma once

#include <optional>
#include <string>

#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// `{commune: "14047"}`, `{epci: "241400555"}`, `{petr: "id"}`…: exactly one key.
std::optional<BeneficiaryRef> read_beneficiary(Context& cx, const YAML::Node& n, const std::string& what);

/// " (did you mean '14515'?)" for a commune or EPCI code close to one of the territory's.
std::string did_you_mean_place(const Territory& t, const BeneficiaryRef& b);

/// The `territory:` mapping into `t`; memberships are of the programme `program_id`.
void read_territory(Context& cx, const YAML::Node& n, const std::string& program_id, Territory& t);

/// One project, checked against the programme and the territory; nothing after a problem
/// (already reported).
std::optional<Project> read_project(Context& cx, const YAML::Node& n, const Program& program, const Territory& t);

}  // namespace subsidy::io::detail
