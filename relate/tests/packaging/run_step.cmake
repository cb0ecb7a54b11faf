# run_step(<what> COMMAND ... [WORKING_DIRECTORY dir] [OUTPUT var]): runs a
# command of a packaging test; stops the test, showing the command's output,
# if it fails.
function(run_step what)
  cmake_parse_arguments(arg "" "WORKING_DIRECTORY;OUTPUT" "COMMAND" ${ARGN})
  if(NOT arg_WORKING_DIRECTORY)
    set(arg_WORKING_DIRECTORY ${CMAKE_CURRENT_BINARY_DIR})
  endif()
  message(STATUS "${what}")
  execute_process(COMMAND ${arg_COMMAND} WORKING_DIRECTORY ${arg_WORKING_DIRECTORY}
                  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    list(JOIN arg_COMMAND " " shown)
    message(FATAL_ERROR "${what} failed (${rc}): ${shown}\n${out}\n${err}")
  endif()
  if(arg_OUTPUT)
    set(${arg_OUTPUT} "${out}" PARENT_SCOPE)
  endif()
endfunction()

# Fails unless `program`'s standard output is the text of file `expected`.
function(expect_output program expected)
  run_step("run ${program}" COMMAND ${program} OUTPUT got)
  file(READ ${expected} want)
  if(NOT got STREQUAL want)
    message(FATAL_ERROR "${program}: output differs from ${expected}:\n--- got\n${got}--- expected\n${want}")
  endif()
endfunction()
