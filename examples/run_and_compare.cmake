# Runs PROGRAM (with ARGS, a ;-list) in WORKDIR and checks that its standard
# output is exactly the text of EXPECTED.
file(MAKE_DIRECTORY ${WORKDIR})
execute_process(COMMAND ${PROGRAM} ${ARGS}
                WORKING_DIRECTORY ${WORKDIR}
                RESULT_VARIABLE result
                OUTPUT_VARIABLE output
                ERROR_VARIABLE errors)
if(NOT result EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${result}:\n${errors}")
endif()
file(READ ${EXPECTED} expected)
if(NOT output STREQUAL expected)
  message(FATAL_ERROR "output differs from ${EXPECTED}:\n--- got\n${output}--- expected\n${expected}")
endif()
