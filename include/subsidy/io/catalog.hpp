// Catalog files: a programme (pillars, funders, measures, stacking constraints) and its
// standing budgets, written in YAML (JSON is accepted: yaml-cpp reads it as YAML). The format
// is documented with a commented example in docs/catalog-format.md.
//
// Every problem of the file (syntax, unknown key, wrong type, bad money/rate/date text,
// unknown pillar/funder/measure, duplicate id…) is collected and thrown at once as a
// subsidy::io::load_error whose diagnostics read `file:line:column: message`.
//
// Where a catalog id (`pvd`) is found. Unless a caller passes its own `data_dirs`,
// catalog_dirs() lists, in this order:
//   1. $SUBSIDY_DATA_DIR, when set and not empty: it always wins;
//   2. the catalogs of the package the program was compiled against. A program built with
//      find_package(subsidy) and linked to subsidy::io gets `<prefix>/share/subsidy/catalogs`,
//      where `<prefix>` is where subsidy-config.cmake was found — a package installed with
//      `cmake --install --prefix P`, or moved after its installation, is found where it is
//      now (the CMake variable subsidy_DATA_DIR holds the same directory). subsidy-config.cmake
//      passes it as the compile definition SUBSIDY_IO_PACKAGE_CATALOG_DIR, and this header adds
//      it when the program starts. A program built in subsidy's own build tree (its tests and
//      examples, or a project that add_subdirectory()s subsidy) gets the source tree's
//      data/catalogs instead, only while its executable runs from that build tree and has no
//      installed catalogs next to it (3.): an installed subsidy-calc never looks into the
//      source tree;
//   3. `../share/subsidy/catalogs` relative to the running executable (Linux: /proc/self/exe),
//      when that directory exists: the installed subsidy-calc, and any program installed in
//      the same prefix, find the catalogs installed next to them, wherever the prefix is;
//   4. the data directory of the prefix subsidy was configured to be installed in
//      (CMAKE_INSTALL_FULL_DATADIR/subsidy/catalogs), for the programs built without CMake.
// A program compiled without CMake can pass the directory itself, to catalog_dirs(),
// find_catalog() and the scenario readers, or set $SUBSIDY_DATA_DIR.
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
    std::vector<Diagnostic> warnings;  ///< legal but plausible mistakes, in file order
};

/// Reads the catalog at `path`.
[[nodiscard]] Catalog load_catalog(const std::string& path);

/// Reads a catalog from `text`; `file` names it in diagnostics.
[[nodiscard]] Catalog parse_catalog(const std::string& text, const std::string& file);

/// Whether a scenario's `catalog` value names a file (it has a '/' or ends with .yaml, .yml
/// or .json) rather than a catalog id such as `pvd`.
[[nodiscard]] bool is_catalog_path(const std::string& ref);

/// The directories a catalog id is looked up in: `data_dirs` when not empty, else
/// $SUBSIDY_DATA_DIR (when set), the package's data directory, the one next to the running
/// executable and the configured installed one (see the top of this file).
[[nodiscard]] std::vector<std::string> catalog_dirs(const std::vector<std::string>& data_dirs = {});

/// `<id>.yaml` in the first of `catalog_dirs(data_dirs)` that has it; "" when none has it.
[[nodiscard]] std::string find_catalog(const std::string& id, const std::vector<std::string>& data_dirs = {});

namespace detail {

/// Adds `dir` to the directories of catalog_dirs() (after $SUBSIDY_DATA_DIR), for the whole
/// program; when `build_tree` is not empty, only if the running executable lies under it.
/// Thread-safe; returns whether `dir` was added. Called below, when the program starts.
bool add_default_catalog_dir(const char* dir, const char* build_tree) noexcept;

// The compile definitions of subsidy::io's users (CMakeLists.txt, subsidy-config.cmake).
#ifdef SUBSIDY_IO_PACKAGE_CATALOG_DIR
inline const bool package_catalog_dir_added = add_default_catalog_dir(SUBSIDY_IO_PACKAGE_CATALOG_DIR, "");
#endif
#if defined(SUBSIDY_IO_BUILD_TREE_CATALOG_DIR) && defined(SUBSIDY_IO_BUILD_TREE)
inline const bool build_tree_catalog_dir_added =
    add_default_catalog_dir(SUBSIDY_IO_BUILD_TREE_CATALOG_DIR, SUBSIDY_IO_BUILD_TREE);
#endif

}  // namespace detail

}  // namespace subsidy::io
