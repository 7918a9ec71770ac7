# Builds and runs a tiny consumer project of subsidy, as a ctest test (cmake -P this file).
#
# Steps, each stopping with FATAL_ERROR (and printing its output) when it fails:
#   1. if INSTALL_PREFIX is set: `cmake --install SUBSIDY_BUILD_DIR --prefix INSTALL_PREFIX`
#      (the prefix is emptied first); if MOVE_PREFIX_TO is set too, the installed prefix is
#      then renamed MOVE_PREFIX_TO, and the consumer uses the package there (and is told
#      -DSUBSIDY_INSTALLED_PREFIX=INSTALL_PREFIX, where it no longer is);
#   2. configure CONSUMER_SOURCE_DIR in WORK_DIR/build (WORK_DIR is removed first) with the
#      parent build's generator, compiler, build type and flags, plus
#      CMAKE_PREFIX_PATH=<the prefix> and/or -DSUBSIDY_SOURCE_DIR=SUBSIDY_SOURCE_DIR when given;
#      if EXPECT_CONFIGURE_FAILURE_REGEX is set, the configure step must FAIL and its output
#      (whitespace collapsed, so that CMake's line wrapping does not matter) must match the
#      regex; the script then stops there, successfully;
#   3. build it;
#   4. run WORK_DIR/build/PROGRAM with $SUBSIDY_DATA_DIR unset; it must exit with 0;
#   5. if CHECKS_SCRIPT is set: include it, with run_step, `program` (the consumer's program)
#      and `consumer_prefix` (the prefix it was built against) defined.
#
# Variables (-D): CONSUMER_SOURCE_DIR, WORK_DIR, GENERATOR, CXX_COMPILER (required);
# SUBSIDY_SOURCE_DIR, SUBSIDY_BUILD_DIR, INSTALL_PREFIX, MOVE_PREFIX_TO, GENERATOR_PLATFORM,
# GENERATOR_TOOLSET, MAKE_PROGRAM, BUILD_TYPE, CXX_FLAGS, EXE_LINKER_FLAGS, PROGRAM (default app),
# EXECUTABLE_SUFFIX, EXPECT_CONFIGURE_FAILURE_REGEX, CHECKS_SCRIPT (optional).
cmake_minimum_required(VERSION 3.22)

foreach(var IN ITEMS CONSUMER_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "run_consumer.cmake: -D${var}=... is required")
    endif()
endforeach()
if(DEFINED INSTALL_PREFIX AND NOT INSTALL_PREFIX STREQUAL "" AND (NOT DEFINED SUBSIDY_BUILD_DIR OR SUBSIDY_BUILD_DIR STREQUAL ""))
    message(FATAL_ERROR "run_consumer.cmake: INSTALL_PREFIX needs -DSUBSIDY_BUILD_DIR=...")
endif()
if(DEFINED MOVE_PREFIX_TO AND NOT MOVE_PREFIX_TO STREQUAL "" AND (NOT DEFINED INSTALL_PREFIX OR INSTALL_PREFIX STREQUAL ""))
    message(FATAL_ERROR "run_consumer.cmake: MOVE_PREFIX_TO needs -DINSTALL_PREFIX=...")
endif()
if(NOT DEFINED PROGRAM OR PROGRAM STREQUAL "")
    set(PROGRAM app)
endif()

# run_step(<name> [EXPECT_FAILURE] COMMAND <command...>): runs the command, prints what it ran
# and its output, and stops the script unless it ended as expected. The output is left in
# step_output in the caller's scope.
function(run_step name)
    cmake_parse_arguments(PARSE_ARGV 1 step "EXPECT_FAILURE" "" "COMMAND")
    list(JOIN step_COMMAND " " shown)
    message(STATUS "[${name}] ${shown}")
    execute_process(COMMAND ${step_COMMAND}
        RESULT_VARIABLE result
        OUTPUT_VARIABLE output
        ERROR_VARIABLE output)
    message(STATUS "[${name}] exit: ${result}\n${output}")
    set(step_output "${output}" PARENT_SCOPE)
    if(step_EXPECT_FAILURE)
        if(result EQUAL 0)
            message(FATAL_ERROR "[${name}] succeeded, but it was expected to fail")
        endif()
    elseif(NOT result EQUAL 0)
        message(FATAL_ERROR "[${name}] failed (exit: ${result}); its output is above")
    endif()
endfunction()

# A fresh work directory on every run.
file(REMOVE_RECURSE "${WORK_DIR}")
file(MAKE_DIRECTORY "${WORK_DIR}")
set(consumer_build "${WORK_DIR}/build")

set(config_args)
if(DEFINED BUILD_TYPE AND NOT BUILD_TYPE STREQUAL "")
    set(config_args --config "${BUILD_TYPE}")
endif()

# 1. Install subsidy from the parent build tree (and move the prefix elsewhere).
set(consumer_prefix "")
if(DEFINED INSTALL_PREFIX AND NOT INSTALL_PREFIX STREQUAL "")
    file(REMOVE_RECURSE "${INSTALL_PREFIX}")
    run_step(install COMMAND "${CMAKE_COMMAND}" --install "${SUBSIDY_BUILD_DIR}" --prefix "${INSTALL_PREFIX}" ${config_args})
    set(consumer_prefix "${INSTALL_PREFIX}")
    if(DEFINED MOVE_PREFIX_TO AND NOT MOVE_PREFIX_TO STREQUAL "")
        file(REMOVE_RECURSE "${MOVE_PREFIX_TO}")
        message(STATUS "[move] ${INSTALL_PREFIX} -> ${MOVE_PREFIX_TO}")
        file(RENAME "${INSTALL_PREFIX}" "${MOVE_PREFIX_TO}")
        if(EXISTS "${INSTALL_PREFIX}")
            message(FATAL_ERROR "[move] ${INSTALL_PREFIX} still exists")
        endif()
        set(consumer_prefix "${MOVE_PREFIX_TO}")
    endif()
endif()

# 2. Configure the consumer with the parent build's toolchain.
set(configure_command "${CMAKE_COMMAND}" -S "${CONSUMER_SOURCE_DIR}" -B "${consumer_build}" -G "${GENERATOR}"
    --no-warn-unused-cli
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
    # Only the prefix given here may provide subsidy: no package registry.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
if(DEFINED GENERATOR_PLATFORM AND NOT GENERATOR_PLATFORM STREQUAL "")
    list(APPEND configure_command -A "${GENERATOR_PLATFORM}")
endif()
if(DEFINED GENERATOR_TOOLSET AND NOT GENERATOR_TOOLSET STREQUAL "")
    list(APPEND configure_command -T "${GENERATOR_TOOLSET}")
endif()
if(DEFINED MAKE_PROGRAM AND NOT MAKE_PROGRAM STREQUAL "")
    list(APPEND configure_command "-DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM}")
endif()
if(DEFINED SUBSIDY_SOURCE_DIR AND NOT SUBSIDY_SOURCE_DIR STREQUAL "")
    list(APPEND configure_command "-DSUBSIDY_SOURCE_DIR=${SUBSIDY_SOURCE_DIR}")
endif()
if(NOT consumer_prefix STREQUAL "")
    list(APPEND configure_command "-DCMAKE_PREFIX_PATH=${consumer_prefix}" "-DSUBSIDY_EXPECTED_PREFIX=${consumer_prefix}")
endif()
if(DEFINED MOVE_PREFIX_TO AND NOT MOVE_PREFIX_TO STREQUAL "")
    list(APPEND configure_command "-DSUBSIDY_INSTALLED_PREFIX=${INSTALL_PREFIX}")
endif()

if(DEFINED EXPECT_CONFIGURE_FAILURE_REGEX AND NOT EXPECT_CONFIGURE_FAILURE_REGEX STREQUAL "")
    run_step(configure EXPECT_FAILURE COMMAND ${configure_command})
    string(REGEX REPLACE "[ \t\r\n]+" " " flat_output "${step_output}")
    if(NOT flat_output MATCHES "${EXPECT_CONFIGURE_FAILURE_REGEX}")
        message(FATAL_ERROR "[configure] failed as expected, but not for the expected reason: "
                            "its output does not match \"${EXPECT_CONFIGURE_FAILURE_REGEX}\"")
    endif()
    message(STATUS "[configure] failed as expected, with the expected message")
    return()
endif()

run_step(configure COMMAND ${configure_command})

# 3. Build.
run_step(build COMMAND "${CMAKE_COMMAND}" --build "${consumer_build}" ${config_args})

# 4. Run the program (single-config generators put it in the build directory, multi-config
#    ones in a per-configuration subdirectory).
set(program "${consumer_build}/${PROGRAM}${EXECUTABLE_SUFFIX}")
if(NOT EXISTS "${program}" AND DEFINED BUILD_TYPE AND NOT BUILD_TYPE STREQUAL "")
    set(program "${consumer_build}/${BUILD_TYPE}/${PROGRAM}${EXECUTABLE_SUFFIX}")
endif()
if(NOT EXISTS "${program}")
    message(FATAL_ERROR "[run] the build produced no program ${PROGRAM} in ${consumer_build}")
endif()
# The program finds subsidy's catalogs by itself: not through the environment of the test.
run_step(run COMMAND "${CMAKE_COMMAND}" -E env --unset=SUBSIDY_DATA_DIR "${program}")

# 5. Further checks of this consumer.
if(DEFINED CHECKS_SCRIPT AND NOT CHECKS_SCRIPT STREQUAL "")
    include("${CHECKS_SCRIPT}")
endif()
