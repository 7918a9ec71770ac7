# Runs subsidy-calc on one input file and checks what it did (cmake -P; see CMakeLists.txt).
#
#   -DDRIVER=path          the subsidy-calc executable
#   -DWORKDIR=dir          where to run it (file names in diagnostics are relative to it)
#   -DSUBCOMMAND=name      validate or compute
#   -DINPUT=file           the file given to the subcommand, relative to WORKDIR
#   -DEXPECTED=file        the exact expected standard error, byte for byte
#   -DEXPECTED_LINE=text   instead of EXPECTED: standard error is this one line
#   -DEXPECT_STATUS=n      the expected exit status (default 2: bad input)
#   -DEXTRA_ARGS=a;b       more arguments after the input (e.g. --strict)
#   -DOUTPUT_DIR=dir       run with `-o OUTPUT_DIR/output`; OUTPUT_DIR (emptied first) must
#                          still be empty afterwards: no output file, no temporary left over
#
# Standard output must always be empty: validate reports on standard error, and a command
# that fails must not write half a report.
cmake_minimum_required(VERSION 3.22)

foreach(var IN ITEMS DRIVER WORKDIR SUBCOMMAND INPUT)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "check_diagnostics.cmake: -D${var}=... is required")
    endif()
endforeach()
if(NOT DEFINED EXPECT_STATUS)
    set(EXPECT_STATUS 2)
endif()

set(failures "")
function(fail text)
    set(failures "${failures}  - ${text}\n" PARENT_SCOPE)
endfunction()

# Removes the first line of the variable named `text_var` and puts it in `line_var`. Works on
# the text itself, not on a CMake list: diagnostics may contain ';', '[' and ']'.
function(pop_line text_var line_var)
    string(FIND "${${text_var}}" "\n" nl)
    if(nl EQUAL -1)
        set(${line_var} "${${text_var}}" PARENT_SCOPE)
        set(${text_var} "" PARENT_SCOPE)
    else()
        string(SUBSTRING "${${text_var}}" 0 ${nl} line)
        math(EXPR next "${nl} + 1")
        string(SUBSTRING "${${text_var}}" ${next} -1 rest)
        set(${line_var} "${line}" PARENT_SCOPE)
        set(${text_var} "${rest}" PARENT_SCOPE)
    endif()
endfunction()

# The expected standard error.
set(have_expected TRUE)
if(DEFINED EXPECTED)
    if(EXISTS "${EXPECTED}")
        file(READ "${EXPECTED}" expected)
    else()
        set(have_expected FALSE)
        fail("no expected output: ${EXPECTED} does not exist (read the actual output below; write it there only if every message is right)")
    endif()
elseif(DEFINED EXPECTED_LINE)
    set(expected "${EXPECTED_LINE}\n")
else()
    message(FATAL_ERROR "check_diagnostics.cmake: -DEXPECTED=file or -DEXPECTED_LINE=text is required")
endif()

if(NOT EXISTS "${WORKDIR}/${INPUT}")
    message(FATAL_ERROR "check_diagnostics.cmake: no input file ${WORKDIR}/${INPUT}")
endif()

set(args ${SUBCOMMAND} ${INPUT} ${EXTRA_ARGS})
if(DEFINED OUTPUT_DIR)
    file(REMOVE_RECURSE "${OUTPUT_DIR}")
    file(MAKE_DIRECTORY "${OUTPUT_DIR}")
    list(APPEND args -o "${OUTPUT_DIR}/output")
endif()

execute_process(
    COMMAND "${DRIVER}" ${args}
    WORKING_DIRECTORY "${WORKDIR}"
    RESULT_VARIABLE status
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)

string(REPLACE ";" " " shown_args "${args}")
set(command_line "cd ${WORKDIR} && ${DRIVER} ${shown_args}")

if(NOT "${status}" STREQUAL "${EXPECT_STATUS}")
    fail("exit status ${status}, expected ${EXPECT_STATUS}")
endif()
if(NOT "${out}" STREQUAL "")
    fail("standard output is not empty:\n${out}")
endif()
if(DEFINED OUTPUT_DIR)
    file(GLOB left_over LIST_DIRECTORIES TRUE "${OUTPUT_DIR}/*")
    if(left_over)
        string(REPLACE ";" ", " left_over "${left_over}")
        fail("files written to the output directory: ${left_over}")
    endif()
endif()

if(have_expected AND NOT "${err}" STREQUAL "${expected}")
    # A line-by-line comparison: every line that differs, with its number.
    set(diff "")
    set(e "${expected}")
    set(a "${err}")
    set(n 0)
    while(NOT ("${e}" STREQUAL "" AND "${a}" STREQUAL ""))
        math(EXPR n "${n} + 1")
        set(e_more FALSE)
        set(a_more FALSE)
        if(NOT "${e}" STREQUAL "")
            set(e_more TRUE)
        endif()
        if(NOT "${a}" STREQUAL "")
            set(a_more TRUE)
        endif()
        pop_line(e e_line)
        pop_line(a a_line)
        if(e_more AND NOT a_more)
            string(APPEND diff "    line ${n} missing:\n      - ${e_line}\n")
        elseif(a_more AND NOT e_more)
            string(APPEND diff "    line ${n} not expected:\n      + ${a_line}\n")
        elseif(NOT "${e_line}" STREQUAL "${a_line}")
            string(APPEND diff "    line ${n} differs:\n      - ${e_line}\n      + ${a_line}\n")
        endif()
    endwhile()
    if(diff STREQUAL "")
        set(diff "    (the lines are equal: the texts differ in their final newline)\n")
    endif()
    fail("standard error differs from the expected one (- expected, + actual):\n${diff}")
endif()

if(NOT failures STREQUAL "")
    # NOTICE prints the text as it is (FATAL_ERROR would rewrap it).
    message(NOTICE
        "${command_line}\n"
        "${failures}"
        "---- actual standard error:\n${err}"
        "---- end of standard error")
    message(FATAL_ERROR "${INPUT}: the driver did not behave as expected (see above)")
endif()
