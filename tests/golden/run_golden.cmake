# Runs one golden test: `EXE ARGS...` in the current directory must exit with 0 and write to
# standard output exactly the bytes of EXPECTED.
#
#   cmake -DEXE=<subsidy-calc> -DARGS=<arg|arg|...> -DEXPECTED=<file.expected>
#         -DACTUAL=<file to write the output to> -P run_golden.cmake
#
# ARGS is separated by "|" (a ";" would be split by add_test). The output goes to ACTUAL and
# both files are compared as bytes (read as hex: CMake's text reads turn CRLF into LF, and the
# CSV report must keep its CRLF). On a mismatch, prints a unified-diff-like excerpt around the
# first differing line (" " context, "-" expected, "+" actual); `diff -u EXPECTED ACTUAL` shows
# all of it.
cmake_minimum_required(VERSION 3.22)  # list commands keep empty elements (CMP0007)

foreach(var EXE ARGS EXPECTED ACTUAL)
    if(NOT DEFINED ${var})
        message(FATAL_ERROR "run_golden.cmake: -D${var}=... is required")
    endif()
endforeach()

string(REPLACE "|" ";" args "${ARGS}")
execute_process(
    COMMAND "${EXE}" ${args}
    OUTPUT_FILE "${ACTUAL}"
    ERROR_VARIABLE errors
    RESULT_VARIABLE status)

string(REPLACE ";" " " shown_command "${args}")
if(NOT status STREQUAL "0")
    message(FATAL_ERROR "golden: `subsidy-calc ${shown_command}` exited with '${status}' (expected 0)\n"
                        "stderr:\n${errors}")
endif()

if(NOT EXISTS "${EXPECTED}")
    message(FATAL_ERROR "golden: no expected file ${EXPECTED}")
endif()
file(READ "${EXPECTED}" expected_bytes HEX)
file(READ "${ACTUAL}" actual_bytes HEX)
if(actual_bytes STREQUAL expected_bytes)
    message(STATUS "golden: `subsidy-calc ${shown_command}` matches ${EXPECTED}")
    return()
endif()

file(READ "${EXPECTED}" expected)
file(READ "${ACTUAL}" actual)
if(actual STREQUAL expected)
    message(FATAL_ERROR "golden: the output of `subsidy-calc ${shown_command}` (in ${ACTUAL}) differs from "
                        "${EXPECTED} only in carriage returns (CRLF against LF line ends)")
endif()

# Splits `text` into a CMake list of lines. ";", "[", "]" and "\" would be read by CMake's list
# commands, so they are swapped for control characters first (and swapped back when printed).
string(ASCII 1 _semi)
string(ASCII 2 _open)
string(ASCII 3 _close)
string(ASCII 4 _backslash)
function(golden_lines text out)
    string(REPLACE "\\" "${_backslash}" text "${text}")
    string(REPLACE ";" "${_semi}" text "${text}")
    string(REPLACE "[" "${_open}" text "${text}")
    string(REPLACE "]" "${_close}" text "${text}")
    string(REPLACE "\n" ";" text "${text}")
    set(${out} "${text}" PARENT_SCOPE)
endfunction()
function(golden_show line out)
    string(REPLACE "${_backslash}" "\\" line "${line}")
    string(REPLACE "${_semi}" ";" line "${line}")
    string(REPLACE "${_open}" "[" line "${line}")
    string(REPLACE "${_close}" "]" line "${line}")
    set(${out} "${line}" PARENT_SCOPE)
endfunction()

golden_lines("${expected}" expected_lines)
golden_lines("${actual}" actual_lines)
list(LENGTH expected_lines n_expected)
list(LENGTH actual_lines n_actual)

# The first line that differs.
set(first -1)
set(i 0)
while(i LESS n_expected AND i LESS n_actual)
    list(GET expected_lines ${i} e)
    list(GET actual_lines ${i} a)
    if(NOT e STREQUAL a)
        set(first ${i})
        break()
    endif()
    math(EXPR i "${i} + 1")
endwhile()
if(first EQUAL -1)
    set(first ${i})  # one is a prefix of the other
endif()

# The lines both end with (not reaching back before `first`): the hunk is what lies between.
set(end_expected ${n_expected})
set(end_actual ${n_actual})
while(end_expected GREATER first AND end_actual GREATER first)
    math(EXPR e_i "${end_expected} - 1")
    math(EXPR a_i "${end_actual} - 1")
    list(GET expected_lines ${e_i} e)
    list(GET actual_lines ${a_i} a)
    if(NOT e STREQUAL a)
        break()
    endif()
    set(end_expected ${e_i})
    set(end_actual ${a_i})
endwhile()

set(context 3)
set(window 12)  # at most this many lines of each side
math(EXPR from "${first} - ${context}")
if(from LESS 0)
    set(from 0)
endif()
math(EXPR to_expected "${first} + ${window}")
if(to_expected GREATER end_expected)
    set(to_expected ${end_expected})
endif()
math(EXPR to_actual "${first} + ${window}")
if(to_actual GREATER end_actual)
    set(to_actual ${end_actual})
endif()
math(EXPR first_line "${first} + 1")

set(report "--- ${EXPECTED}\n+++ ${ACTUAL} (output of `subsidy-calc ${shown_command}`)")
string(APPEND report "\n@@ first difference at line ${first_line} (expected ${n_expected} lines, got ${n_actual}) @@\n")
set(i ${from})
while(i LESS first)
    list(GET expected_lines ${i} e)
    golden_show("${e}" e)
    string(APPEND report " ${e}\n")
    math(EXPR i "${i} + 1")
endwhile()
set(i ${first})
while(i LESS to_expected)
    list(GET expected_lines ${i} e)
    golden_show("${e}" e)
    string(APPEND report "-${e}\n")
    math(EXPR i "${i} + 1")
endwhile()
set(i ${first})
while(i LESS to_actual)
    list(GET actual_lines ${i} a)
    golden_show("${a}" a)
    string(APPEND report "+${a}\n")
    math(EXPR i "${i} + 1")
endwhile()
if(to_expected LESS end_expected OR to_actual LESS end_actual)
    string(APPEND report "... (more differences: diff -u the two files)\n")
endif()
# Trailing context.
math(EXPR to_context "${to_expected} + ${context}")
if(to_expected EQUAL end_expected AND to_actual EQUAL end_actual)
    set(i ${to_expected})
    while(i LESS to_context AND i LESS n_expected)
        list(GET expected_lines ${i} e)
        golden_show("${e}" e)
        string(APPEND report " ${e}\n")
        math(EXPR i "${i} + 1")
    endwhile()
endif()
# NOTICE prints the excerpt as it is (FATAL_ERROR would re-wrap and indent it).
message(NOTICE "${report}")
message(FATAL_ERROR "golden: the output of `subsidy-calc ${shown_command}` differs from ${EXPECTED} (excerpt above). "
                    "If the change is intended, check the new figures by hand (see tests/golden/README.md) before "
                    "replacing the expected file.")
