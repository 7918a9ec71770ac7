# The same scenario written inline in YAML, in JSON and with CSV tables gives the same output,
# byte for byte, in every format, once the scenario's own path (which the output names) is
# set aside. Usage: cmake -DDRIVER=… -DDIR=… -DFORMAT=table|csv|json -P same_output.cmake
set(reference "")
foreach(file inline.yaml inline.json tables.yaml)
    execute_process(COMMAND "${DRIVER}" compute "${DIR}/${file}" --format "${FORMAT}"
        RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
    if(NOT status EQUAL 0)
        message(FATAL_ERROR "${file}: exit ${status}\n${err}")
    endif()
    if(NOT err STREQUAL "")
        message(FATAL_ERROR "${file}: unexpected diagnostics\n${err}")
    endif()
    string(REPLACE "${DIR}/${file}" "SCENARIO" out "${out}")
    if(reference STREQUAL "")
        set(reference "${out}")
        set(reference_file "${file}")
    elseif(NOT out STREQUAL reference)
        file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/same-output-${FORMAT}-${file}.out" "${out}")
        file(WRITE "${CMAKE_CURRENT_BINARY_DIR}/same-output-${FORMAT}-${reference_file}.out" "${reference}")
        message(FATAL_ERROR "${file} and ${reference_file} differ (--format ${FORMAT}): see same-output-${FORMAT}-*.out")
    endif()
endforeach()
