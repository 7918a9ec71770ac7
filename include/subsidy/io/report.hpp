// Report writers: envelopes as an aligned table (French amounts, for people), CSV (RFC 4180,
// dot decimals) or JSON (money as strings, never JSON numbers) for machines; the funding plan
// of one project with its whole trace as text or JSON; a catalog's measures as text.
//
// A plan computed in C++ (plan_of with trace on) is printed with write_plan_text or
// write_plan_json, without a Scenario; write_plan prints the plan of a scenario's project,
// write_plans those of several.
#pragma once

#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "subsidy/envelopes/envelopes.hpp"
#include "subsidy/io/catalog.hpp"
#include "subsidy/io/scenario.hpp"

namespace subsidy::io {

/// Bumped whenever a field of the JSON reports changes meaning or disappears.
inline constexpr int report_format_version = 1;

enum class OutputFormat { table, csv, json, text };

/// The envelopes of `evaluation` grouped by `by`. In a table with two dimensions or more whose
/// last one is not geographic (town, pillar), that last dimension becomes the columns (every
/// pillar, funder or measure of the programme, with money or not); rows whose key is only
/// geographic also show the own share. Grid::full adds the rows without money (every town).
void write_envelopes(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation,
                     const std::vector<Dimension>& by, OutputFormat format, Grid grid = Grid::sparse);

/// What a plan report says besides the plan itself, all of it optional.
struct PlanContext {
    const Project* project = nullptr;      ///< the plan's project: its title, owner, nature, category and flags
    const Territory* territory = nullptr;  ///< names the project's owner
    std::optional<std::string> scenario;   ///< the scenario file, in the JSON report (null when not given)
};

/// The funding plan `plan` of a project of `program`, with its trace (plan_of with trace on),
/// as text. Without a project in `context`, the heading names the plan's project id only.
void write_plan_text(std::ostream& out, const Program& program, const FundingPlan& plan, const PlanContext& context = {});

/// The same as JSON (docs/trace-format.md); `title` and `owner` are null without a project.
void write_plan_json(std::ostream& out, const Program& program, const FundingPlan& plan, const PlanContext& context = {});

/// The funding plan of the scenario's project number `index` with its trace (evaluate with
/// trace on), as text or JSON: write_plan_text or write_plan_json with that project, the
/// scenario's territory and its path.
void write_plan(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation, std::size_t index,
                OutputFormat format);

/// The plans of several of the scenario's projects (their numbers `indices`, in that order) as
/// one report. Text: each plan as write_plan writes it, separated by a line of '=' between
/// blank lines. JSON: one object {format_version, program, scenario, plans}, `plans` holding
/// the object write_plan writes for each, so that a reader gets one shape however many
/// projects it asked for.
void write_plans(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation,
                 const std::vector<std::size_t>& indices, OutputFormat format);

/// Every cut of the scenario's plans (`evaluation` made by evaluate with trace on): one row per
/// line and rule that took from it (a stacking constraint such as R2334-27, or a budget),
/// with the project, its owner and department, the measure, the year, the project's cost, the
/// line before and after the cut, the rule, its source and why. Table (people: French
/// amounts, no detail), CSV or JSON (money as strings). Throws invalid_argument for an
/// evaluation without its plans (evaluate_envelopes).
void write_cuts(std::ostream& out, const Scenario& scenario, const Evaluation& evaluation, OutputFormat format);
/// The measures of a catalog with their rates, ceilings, validity and sources (a value without
/// a source, in a catalog that is not normative, says "source not given").
void write_catalog(std::ostream& out, const Catalog& catalog);

}  // namespace subsidy::io
