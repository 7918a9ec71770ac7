// Catalog files: a programme (pillars, funders, measures, stacking constraints) and its
// standing budgets, written in YAML (JSON is accepted: yaml-cpp reads it as YAML). The format
// is documented with a commented example in docs/catalog-format.md.
//
// Every problem of the file (syntax, unknown key, wrong type, bad money/rate/date text,
// unknown pillar/funder/measure, duplicate id…) is collected and thrown at once as a
// subsidy::io::load_error whose diagnostics read `file:line:column: message`.
#pragma once

#include <string>
#include <vector>

#include "subsidy/rules/budget.hpp"
#include "subsidy/io/diagnostics.hpp"
#include "subsidy/rules/program.hpp"

namespace subsidy::io {

/// The version of the catalog and scenario formats this library reads and writes.
inline constexpr int file_format_version = 1;

struct Catalog {
    Program program;
    std::vector<Budget> budgets;  ///< standing budgets; checked against a territory by the scenario
    std::string path;             ///< where it was read from
};

/// Reads the catalog at `path`.
[[nodiscard]] Catalog load_catalog(const std::string& path);

/// Reads a catalog from `text`; `file` names it in diagnostics.
[[nodiscard]] Catalog parse_catalog(const std::string& text, const std::string& file);

/// Whether a scenario's `catalog` value names a file (it has a '/' or ends with .yaml, .yml
/// or .json) rather than a catalog id such as `pvd`.
[[nodiscard]] bool is_catalog_path(const std::string& ref);

/// The directories a catalog id is looked up in: `data_dirs` when not empty, else
/// $SUBSIDY_DATA_DIR (when set), the installed data directory and the source tree's
/// data/catalogs.
[[nodiscard]] std::vector<std::string> catalog_dirs(const std::vector<std::string>& data_dirs = {});

/// `<id>.yaml` in the first of `catalog_dirs(data_dirs)` that has it; "" when none has it.
[[nodiscard]] std::string find_catalog(const std::string& id, const std::vector<std::string>& data_dirs = {});

}  // namespace subsidy::io
