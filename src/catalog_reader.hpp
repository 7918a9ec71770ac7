// The pieces of the catalog reader that the scenario reader shares (budgets, conditions).
// Private to subsidy::io.
#pragma once

#include <optional>
#include <vector>

#include "subsidy/envelopes/budget.hpp"
#include "subsidy/rules/program.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

std::optional<Condition> read_condition(Context& cx, const YAML::Node& n, const std::string& what);
std::optional<Rounding> read_rounding(Context& cx, const YAML::Node& n);
std::optional<Budget> read_budget(Context& cx, const YAML::Node& n, const Program& program);
void read_measure(Context& cx, const YAML::Node& n, Program& program);
void read_constraint(Context& cx, const YAML::Node& n, Program& program);
/// The whole catalog document; budgets (and the nodes they were read from) are appended.
std::optional<Program> read_program(Context& cx, const YAML::Node& root, std::vector<Budget>& budgets,
                                    std::vector<YAML::Node>& budget_nodes);

}  // namespace subsidy::io::detail
