# Compiles SOURCE with -fsyntax-only and checks the outcome: EXPECTED "OK" means it must
# compile; anything else is a regular expression the compiler's errors must match (and the
# compile must fail).
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -I${INCLUDE} ${SOURCE}
  RESULT_VARIABLE result
  OUTPUT_VARIABLE output
  ERROR_VARIABLE output)
if(EXPECTED STREQUAL "OK")
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "expected ${SOURCE} to compile:\n${output}")
  endif()
elseif(result EQUAL 0)
  message(FATAL_ERROR "expected ${SOURCE} not to compile")
elseif(NOT output MATCHES "${EXPECTED}")
  message(FATAL_ERROR "the errors do not say '${EXPECTED}':\n${output}")
endif()
