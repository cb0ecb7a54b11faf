# Installs relate from BUILD_DIR (the libraries already built there) into a
# fresh prefix under WORK_DIR and uses it as a user would:
#   1. the installed files: relateConfig.cmake, its version file, relate*.pc,
#      headers; nothing of web or folio;
#   2. examples/standalone built with find_package(relate) runs and prints
#      the quickstart's output, and links no libpq;
#   3. the quickstart built with pkg-config (relate-sqlite; and with
#      relate-postgres too, which then holds the PostgreSQL backend) runs
#      the same;
#   4. find_package(relate COMPONENTS sqlite postgres) gives relate::postgres,
#      find_package(relate) gives relate::sqlite alone, and an unknown
#      component fails with a message naming it.
include(${CMAKE_CURRENT_LIST_DIR}/run_step.cmake)

set(prefix ${WORK_DIR}/prefix)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

run_step("install into ${prefix}" COMMAND ${CMAKE_COMMAND} --install ${BUILD_DIR} --prefix ${prefix})
foreach(file lib/cmake/relate/relateConfig.cmake lib/cmake/relate/relateConfigVersion.cmake
             lib/pkgconfig/relate.pc lib/pkgconfig/relate-sqlite.pc
             lib/pkgconfig/relate-postgres.pc lib/librelate.a lib/librelate_sqlite.a
             include/relate/relate.hpp include/relate/sqlite/sqlite_backend.hpp
             include/relate/connection/backend_registry.hpp)
  if(NOT EXISTS ${prefix}/${file})
    message(FATAL_ERROR "not installed: ${prefix}/${file}")
  endif()
endforeach()
foreach(absent include/web include/folio bin)
  if(EXISTS ${prefix}/${absent})
    message(FATAL_ERROR "installed but only relate should be: ${prefix}/${absent}")
  endif()
endforeach()

# 2. find_package
set(configure_args -G ${GENERATOR} -DCMAKE_CXX_COMPILER=${CXX})
if(MAKE_PROGRAM)
  list(APPEND configure_args -DCMAKE_MAKE_PROGRAM=${MAKE_PROGRAM})
endif()
run_step("configure examples/standalone with find_package(relate)"
         COMMAND ${CMAKE_COMMAND} -S ${STANDALONE_DIR} -B ${WORK_DIR}/standalone
                 ${configure_args} -DCMAKE_PREFIX_PATH=${prefix})
run_step("build examples/standalone" COMMAND ${CMAKE_COMMAND} --build ${WORK_DIR}/standalone -j 2)
expect_output(${WORK_DIR}/standalone/quickstart ${EXPECTED})
run_step("check that it links no libpq"
         COMMAND ${CMAKE_COMMAND} -DPROGRAM=${WORK_DIR}/standalone/quickstart -DNM=${NM}
                 -DREADELF=${READELF} -P ${CMAKE_CURRENT_LIST_DIR}/check_no_libpq.cmake)

# 3. pkg-config: compiled once, linked with the SQLite backend alone and with
# both backends.
set(ENV{PKG_CONFIG_PATH} ${prefix}/lib/pkgconfig)
function(pkg_config out)
  list(JOIN ARGN " " shown)
  run_step("pkg-config ${shown}" COMMAND ${PKG_CONFIG} ${ARGN} OUTPUT flags)
  separate_arguments(flags UNIX_COMMAND "${flags}")
  set(${out} ${flags} PARENT_SCOPE)
endfunction()
pkg_config(cflags --cflags relate-sqlite)
pkg_config(sqlite_libs --libs relate-sqlite)
pkg_config(both_libs --libs relate-sqlite relate-postgres)
run_step("compile the quickstart with pkg-config's flags"
         COMMAND ${CXX} -std=c++20 ${cflags} -c ${STANDALONE_DIR}/../quickstart.cpp
                 -o ${WORK_DIR}/quickstart.o)
run_step("link it with relate-sqlite"
         COMMAND ${CXX} ${WORK_DIR}/quickstart.o ${sqlite_libs} -o ${WORK_DIR}/quickstart-sqlite)
expect_output(${WORK_DIR}/quickstart-sqlite ${EXPECTED})
run_step("check that it links no libpq"
         COMMAND ${CMAKE_COMMAND} -DPROGRAM=${WORK_DIR}/quickstart-sqlite -DNM=${NM}
                 -DREADELF=${READELF} -P ${CMAKE_CURRENT_LIST_DIR}/check_no_libpq.cmake)
run_step("link it with relate-sqlite and relate-postgres"
         COMMAND ${CXX} ${WORK_DIR}/quickstart.o ${both_libs} -o ${WORK_DIR}/quickstart-both)
expect_output(${WORK_DIR}/quickstart-both ${EXPECTED})
run_step("nm quickstart-both" COMMAND ${NM} ${WORK_DIR}/quickstart-both OUTPUT symbols)
if(NOT symbols MATCHES " T relate_register_postgres_backend\n")
  message(FATAL_ERROR "quickstart-both lacks the PostgreSQL backend's registration")
endif()

# 4. components
run_step("find_package(relate COMPONENTS sqlite postgres)"
         COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/find_components
                 -B ${WORK_DIR}/find-postgres ${configure_args} -DCMAKE_PREFIX_PATH=${prefix}
                 "-DCOMPONENTS=sqlite;postgres" "-DEXPECT_TARGETS=relate::sqlite;relate::postgres")
run_step("find_package(relate) without components: SQLite, the embedded default"
         COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/find_components
                 -B ${WORK_DIR}/find-default ${configure_args} -DCMAKE_PREFIX_PATH=${prefix}
                 -DEXPECT_TARGETS=relate::sqlite -DEXPECT_NO_TARGETS=relate::postgres)
execute_process(COMMAND ${CMAKE_COMMAND} -S ${CMAKE_CURRENT_LIST_DIR}/find_components
                        -B ${WORK_DIR}/find-oracle ${configure_args} -DCMAKE_PREFIX_PATH=${prefix}
                        -DCOMPONENTS=oracle
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(rc EQUAL 0 OR NOT err MATCHES "relate has no component 'oracle'")
  message(FATAL_ERROR "find_package(relate COMPONENTS oracle) should fail naming oracle (${rc}):\n${out}\n${err}")
endif()
message(STATUS "installed relate works with find_package and pkg-config")
