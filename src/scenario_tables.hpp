// Tables in a scenario: wherever a scenario gives a list (communes, EPCIs, memberships,
// projects…), it may name a CSV table instead, and say how one row becomes one item:
//
//   communes:
//     table: ../../data/open/pvd-communes-2021.csv
//     row: {insee: "${insee_com}", name: "${lib_com}", population: "${pop}"}
//
// Each row becomes the nodes of the `row` template, a `${column}` replaced by the row's
// cell, with the cell's position; the list of rows then takes the table's place in the
// tree, before any reader runs. So a row is checked by the readers that check a list
// written in YAML, and a problem of a cell is reported at its line and column in the CSV
// file (docs/scenario-format.md, "Tables"). Private to subsidy::io.
#pragma once

#include <string>

#include "yaml_node.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// Replaces each `{table: FILE, row: TEMPLATE, …}` mapping of the scenario's tree with the
/// list of its rows; FILE is relative to `base_dir`. Problems are reported to `cx`: a table
/// that cannot be read or is not CSV, a `${column}` the header does not have, a cell that
/// writes its decimals with the other separator, an amount with more than two decimals
/// (refused by the readers, or rounded by `round_to_cent` with a warning each). False if a
/// table could not be read at all (its file, its CSV, its declaration or template): the
/// readers are then not run on a scenario without its rows.
bool expand_tables(Context& cx, yaml::Document& doc, const std::string& base_dir);

}  // namespace subsidy::io::detail
