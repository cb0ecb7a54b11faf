# Builds examples/standalone with relate from source (add_subdirectory, as
# another project would use it: no folio around it), runs it and checks its
# output and that it links no libpq although relate's PostgreSQL backend is
# configured there too.
include(${CMAKE_CURRENT_LIST_DIR}/run_step.cmake)

file(REMOVE_RECURSE ${WORK_DIR})
set(configure_args -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX})
if(MAKE_PROGRAM)
  list(APPEND configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
run_step("configure examples/standalone with add_subdirectory(${RELATE_SOURCE_DIR})"
         COMMAND ${CMAKE_COMMAND} -S ${STANDALONE_DIR} -B ${WORK_DIR} ${configure_args}
                 -DRELATE_SOURCE_DIR=${RELATE_SOURCE_DIR})
# The program only: what it links is what a user waits for (the other
# backends' libraries are configured, not needed).
run_step("build it" COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR} -j 2 --target quickstart)
expect_output(${WORK_DIR}/quickstart ${EXPECTED})
run_step("check that it links no libpq"
         COMMAND ${CMAKE_COMMAND} -DPROGRAM=${WORK_DIR}/quickstart -DNM=${NM}
                 -DREADELF=${READELF} -P ${CMAKE_CURRENT_LIST_DIR}/check_no_libpq.cmake)
message(STATUS "relate used with add_subdirectory works")
