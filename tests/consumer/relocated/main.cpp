// Uses subsidy::io from an installed package whose prefix was moved (see CMakeLists.txt).
//   app                     $SUBSIDY_DATA_DIR must be unset: the catalog `pvd` must be found in
//                           the moved prefix, read as a catalog and through a scenario naming it
//                           by id, and no directory looked in may lie in subsidy's source tree
//                           or in the prefix the package was installed into before the move;
//   app --override DIR      $SUBSIDY_DATA_DIR must be DIR: DIR/pvd.yaml must win.
// Exits non-zero, saying why, on any difference.
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/scenario.hpp>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;
namespace io = subsidy::io;

int failures = 0;

void fail(const std::string& what) {
    std::cerr << "FAIL " << what << "\n";
    ++failures;
}

// Whether `path` is `dir` or lies under it (both made absolute and normal, links resolved).
bool is_within(const fs::path& path, const fs::path& dir) {
    const fs::path rel = fs::weakly_canonical(path).lexically_relative(fs::weakly_canonical(dir));
    return !rel.empty() && *rel.begin() != "..";
}

std::string listed(const std::vector<std::string>& dirs) {
    std::string s;
    for (const std::string& d : dirs) s += (s.empty() ? "" : ", ") + d;
    return "[" + s + "]";
}

// A scenario naming its catalog by id, with one project the PVD catalog funds.
const char* const scenario_text = R"(format_version: 1
catalog: pvd
territory:
  communes:
    - {insee: "14342", name: Isigny-sur-Mer, population: 3570}
  memberships:
    - {beneficiary: {commune: "14342"}, convention: 2021-04-06}
projects:
  - id: lead
    owner: {commune: "14342"}
    nature: operating
    category: project_lead_post
    expenses: [{year: 2022, amount: 60000}]
    measures: [pvd-project-lead]
)";

void check_package_catalogs() {
    if (const char* env = std::getenv("SUBSIDY_DATA_DIR")) fail(std::string("SUBSIDY_DATA_DIR is set: '") + env + "'");
    const std::vector<std::string> dirs = io::catalog_dirs();
    std::cout << "catalog_dirs(): " << listed(dirs) << "\n";
    for (const std::string& d : dirs) {
        // (the build tree, and the moved prefix in it, may lie inside the source tree)
        if (is_within(d, SUBSIDY_SOURCE_TREE) && !is_within(d, SUBSIDY_EXPECTED_PREFIX))
            fail("catalog_dirs() looks into the source tree: " + d);
        if (is_within(d, SUBSIDY_INSTALLED_PREFIX)) fail("catalog_dirs() looks into the prefix before the move: " + d);
    }
    if (dirs.empty() || fs::path(dirs.front()).lexically_normal() != fs::path(SUBSIDY_PACKAGE_DATA_DIR).lexically_normal())
        fail("the first of catalog_dirs() is not the package's " SUBSIDY_PACKAGE_DATA_DIR ": " + listed(dirs));

    const std::string found = io::find_catalog("pvd");
    std::cout << "find_catalog(\"pvd\"): " << found << "\n";
    if (found.empty()) {
        fail("find_catalog(\"pvd\") found nothing in " + listed(dirs));
        return;
    }
    if (!is_within(found, SUBSIDY_EXPECTED_PREFIX)) fail("pvd was found outside the moved prefix: " + found);
    const io::Catalog catalog = io::load_catalog(found);
    if (catalog.program.id() != "pvd") fail("the catalog found is '" + catalog.program.id() + "', not pvd");

    const io::Scenario scenario = io::parse_scenario(scenario_text, "relocated.yaml", ".");
    if (!is_within(scenario.catalog.path, SUBSIDY_EXPECTED_PREFIX))
        fail("the scenario's catalog pvd was read from outside the moved prefix: " + scenario.catalog.path);
    if (scenario.catalog.program.id() != "pvd") fail("the scenario read the catalog '" + scenario.catalog.program.id() + "'");
}

void check_override(const std::string& dir) {
    const char* env = std::getenv("SUBSIDY_DATA_DIR");
    if (!env || dir != env) fail("SUBSIDY_DATA_DIR is not '" + dir + "'");
    const std::vector<std::string> dirs = io::catalog_dirs();
    std::cout << "catalog_dirs(): " << listed(dirs) << "\n";
    if (dirs.size() < 2 || dirs[0] != dir ||
        fs::path(dirs[1]).lexically_normal() != fs::path(SUBSIDY_PACKAGE_DATA_DIR).lexically_normal())
        fail("catalog_dirs() is not $SUBSIDY_DATA_DIR then the package's catalogs: " + listed(dirs));
    const std::string found = io::find_catalog("pvd");
    std::cout << "find_catalog(\"pvd\"): " << found << "\n";
    if (found != (fs::path(dir) / "pvd.yaml").string()) fail("$SUBSIDY_DATA_DIR did not win: found '" + found + "'");
    const io::Catalog catalog = io::load_catalog(found);
    if (catalog.program.name() != "Override of the PVD catalog")
        fail("the catalog read is '" + catalog.program.name() + "', not the override");
}

}  // namespace

int main(int argc, char** argv) {
    try {
        if (argc == 3 && std::string(argv[1]) == "--override") {
            check_override(argv[2]);
        } else if (argc == 1) {
            check_package_catalogs();
        } else {
            std::cerr << "usage: app [--override DIR]\n";
            return 2;
        }
    } catch (const io::load_error& e) {
        for (const io::Diagnostic& d : e.diagnostics()) fail(d.to_string());
    } catch (const std::exception& e) {
        fail(e.what());
    }
    if (failures == 0) std::cout << "subsidy consumer (relocated prefix): OK\n";
    return failures == 0 ? 0 : 1;
}
