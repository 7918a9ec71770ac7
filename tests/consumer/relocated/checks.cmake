# The relocated consumer's further checks (included by run_consumer.cmake, step 5; run_step,
# program, consumer_prefix, WORK_DIR and CONSUMER_SOURCE_DIR are defined there; INSTALL_BINDIR
# and SUBSIDY_SOURCE_DIR come from tests/consumer/CMakeLists.txt).
#   - $SUBSIDY_DATA_DIR wins over the package's catalogs (the program's --override mode);
#   - the installed subsidy-calc, when installed, finds the catalog pvd in the moved prefix,
#     by itself (`catalog` with no file, a scenario naming `catalog: pvd`), never looks into
#     the source tree or the prefix before the move, and also lets $SUBSIDY_DATA_DIR win.
set(override_dir "${CONSUMER_SOURCE_DIR}/override")
run_step(run-override COMMAND "${CMAKE_COMMAND}" -E env "SUBSIDY_DATA_DIR=${override_dir}" "${program}" --override "${override_dir}")

set(calc "${consumer_prefix}/${INSTALL_BINDIR}/subsidy-calc${EXECUTABLE_SUFFIX}")
if(NOT EXISTS "${calc}")
    message(STATUS "[subsidy-calc] not installed in ${consumer_prefix}: its checks are skipped")
    return()
endif()
set(no_env "${CMAKE_COMMAND}" -E env --unset=SUBSIDY_DATA_DIR)
set(package_catalogs "${consumer_prefix}/share/subsidy/catalogs")

# fail_unless(<what> <regex>): stop unless the last step's output matches.
function(fail_unless what regex)
    if(NOT step_output MATCHES "${regex}")
        message(FATAL_ERROR "[${what}] the output above does not match \"${regex}\"")
    endif()
endfunction()
string(REGEX REPLACE "([][+.*()^$?|\\\\])" "\\\\\\1" package_catalogs_regex "${package_catalogs}")

# Run from the work directory, where no pvd.yaml lies: the catalog must come from the package.
run_step(calc-catalog COMMAND ${no_env} "${calc}" catalog)
fail_unless(calc-catalog "^Catalog ${package_catalogs_regex}/pvd[.]yaml: Petites villes de demain \\(pvd\\)")

file(WRITE "${WORK_DIR}/scenario-pvd.yaml" [=[format_version: 1
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
]=])
run_step(calc-scenario-by-id COMMAND ${no_env} "${calc}" validate "${WORK_DIR}/scenario-pvd.yaml")
fail_unless(calc-scenario-by-id "1 file valid")

# An unknown id: the diagnostic lists every directory the driver looked in.
file(WRITE "${WORK_DIR}/scenario-unknown.yaml" "format_version: 1\ncatalog: no-such-catalog\nterritory: {communes: []}\nprojects: []\n")
run_step(calc-unknown-id EXPECT_FAILURE COMMAND ${no_env} "${calc}" validate "${WORK_DIR}/scenario-unknown.yaml")
fail_unless(calc-unknown-id "no catalog 'no-such-catalog' in the data directories \\(${package_catalogs_regex}[,)]")
string(REGEX MATCH "data directories \\(([^)]*)\\)" searched "${step_output}")
string(REPLACE ", " ";" searched_dirs "${CMAKE_MATCH_1}")
foreach(dir IN LISTS searched_dirs)
    # (the build tree, and the moved prefix in it, may lie inside the source tree)
    cmake_path(IS_PREFIX consumer_prefix "${dir}" NORMALIZE in_prefix)
    cmake_path(IS_PREFIX SUBSIDY_SOURCE_DIR "${dir}" NORMALIZE in_source_tree)
    cmake_path(IS_PREFIX INSTALL_PREFIX "${dir}" NORMALIZE in_old_prefix)
    if((in_source_tree AND NOT in_prefix) OR in_old_prefix)
        message(FATAL_ERROR "[calc-unknown-id] the installed subsidy-calc looks into ${dir}: "
                            "in the source tree ${SUBSIDY_SOURCE_DIR} or the prefix before the move ${INSTALL_PREFIX}")
    endif()
endforeach()

run_step(calc-catalog-override COMMAND "${CMAKE_COMMAND}" -E env "SUBSIDY_DATA_DIR=${override_dir}" "${calc}" catalog)
fail_unless(calc-catalog-override "Override of the PVD catalog \\(pvd-override\\)")
