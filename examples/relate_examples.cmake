# The seeds written with relate, one program per seed.
foreach(example seed_002)
  add_executable(${example} ${example}.cpp)
  target_link_libraries(${example} PRIVATE relate project_options)
endforeach()
