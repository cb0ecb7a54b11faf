# The seeds written with relate, one program per seed, each with a test that
# its output is exactly what the seed prints.
foreach(example seed_000 seed_002 seed_003 seed_004 quickstart)
  add_executable(${example} ${example}.cpp)
  target_link_libraries(${example} PRIVATE relate project_options)
  add_test(NAME example.${example}
           COMMAND ${CMAKE_COMMAND}
             -DPROGRAM=$<TARGET_FILE:${example}>
             -DARGS=sqlite:///${example}.db
             -DWORKDIR=${CMAKE_CURRENT_BINARY_DIR}/${example}-run
             -DEXPECTED=${CMAKE_CURRENT_SOURCE_DIR}/expected/${example}.txt
             -P ${CMAKE_CURRENT_SOURCE_DIR}/run_and_compare.cmake)
endforeach()
