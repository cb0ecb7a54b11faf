# Checks that PROGRAM holds nothing of libpq or of relate's PostgreSQL backend
# (nor of libmariadb or relate's MySQL backend)
# (no libpq.so among the libraries it needs, no PQ* symbol, no registration
# function), and that it does hold the SQLite backend's registration: the
# proof that these tools see what is linked.
#   cmake -DPROGRAM=... -DNM=nm -DREADELF=readelf -P check_no_libpq.cmake
foreach(tool NM READELF)
  if(NOT ${tool})
    message(FATAL_ERROR "check_no_libpq: ${tool} is not set")
  endif()
endforeach()

execute_process(COMMAND ${READELF} -d ${PROGRAM} OUTPUT_VARIABLE dynamic RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${READELF} -d ${PROGRAM} failed")
endif()
if(dynamic MATCHES "NEEDED[^\n]*libpq")
  message(FATAL_ERROR "${PROGRAM} needs libpq:\n${dynamic}")
endif()
# Nor MariaDB Connector/C nor relate::mysql (the same rule for that backend).
if(dynamic MATCHES "NEEDED[^\n]*libmariadb")
  message(FATAL_ERROR "${PROGRAM} needs libmariadb:\n${dynamic}")
endif()

# Both tables: .dynsym names what comes from shared libraries (PQconnectdb
# would be undefined there), .symtab what was linked in statically.
execute_process(COMMAND ${NM} -D ${PROGRAM} OUTPUT_VARIABLE dynsym RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -D ${PROGRAM} failed")
endif()
execute_process(COMMAND ${NM} -C ${PROGRAM} OUTPUT_VARIABLE symtab RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${NM} -C ${PROGRAM} failed")
endif()
string(REGEX MATCHALL
       "[^\n]* (PQ[a-zA-Z_]+|mysql_[a-z_]+|relate_register_(postgres|mysql)_backend|relate::(postgres|mysql)::[^\n]*)\n"
       found "${dynsym}\n${symtab}\n")
if(found)
  list(LENGTH found count)
  list(SUBLIST found 0 10 shown)
  message(FATAL_ERROR "${PROGRAM} has ${count} libpq, libmariadb, relate::postgres or relate::mysql symbol(s), e.g.:\n${shown}")
endif()
if(NOT symtab MATCHES " T relate_register_sqlite_backend\n")
  message(FATAL_ERROR "${PROGRAM} lacks relate_register_sqlite_backend: is the check reading "
                      "the right symbols?")
endif()
message(STATUS "${PROGRAM}: no libpq, no libmariadb, no relate::postgres or relate::mysql; "
               "the SQLite backend is registered")
