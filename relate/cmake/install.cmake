# relate's install rules: headers, the static libraries, a CMake package
# (relateConfig.cmake, one component per backend) and pkg-config files (one
# per library a user picks: relate, relate-sqlite, relate-postgres, relate-mysql).
#
#   find_package(relate 0.1 REQUIRED COMPONENTS sqlite)   # sqlite is the default
#   target_link_libraries(app PRIVATE relate::relate relate::sqlite)

include(CMakePackageConfigHelpers)

set(relate_cmake_dir ${CMAKE_INSTALL_LIBDIR}/cmake/relate)
set(relate_pkgconfig_dir ${CMAKE_INSTALL_LIBDIR}/pkgconfig)

# A backend's headers go with the backend.
install(DIRECTORY include/relate DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        PATTERN sqlite EXCLUDE PATTERN postgres EXCLUDE PATTERN mysql EXCLUDE)

install(TARGETS relate_sql relate_connection relate_orm EXPORT relate-targets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
install(EXPORT relate-targets NAMESPACE relate:: DESTINATION ${relate_cmake_dir})

# The .pc files find their prefix from where they are installed, so that
# `cmake --install <build> --prefix P` gives files right for P.
file(RELATIVE_PATH relate_pc_to_prefix ${CMAKE_INSTALL_FULL_LIBDIR}/pkgconfig
     ${CMAKE_INSTALL_PREFIX})
string(REGEX REPLACE "/$" "" relate_pc_to_prefix "${relate_pc_to_prefix}")
list(JOIN relate_sanitizer_link_flags " " RELATE_PC_SANITIZER_FLAGS)

configure_file(cmake/relate.pc.in relate.pc @ONLY)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/relate.pc DESTINATION ${relate_pkgconfig_dir})

set(relate_components "")
foreach(backend sqlite postgres mysql)
  if(TARGET relate_${backend})
    list(APPEND relate_components ${backend})
    install(DIRECTORY include/relate/${backend} DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/relate)
    install(TARGETS relate_${backend} EXPORT relate-${backend}-targets
            ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR})
    install(EXPORT relate-${backend}-targets NAMESPACE relate:: DESTINATION ${relate_cmake_dir})
    configure_file(cmake/relate-${backend}.pc.in relate-${backend}.pc @ONLY)
    install(FILES ${CMAKE_CURRENT_BINARY_DIR}/relate-${backend}.pc
            DESTINATION ${relate_pkgconfig_dir})
  endif()
endforeach()

configure_package_config_file(cmake/relateConfig.cmake.in relateConfig.cmake
                              INSTALL_DESTINATION ${relate_cmake_dir})
# 0.x: a minor version may change the API.
write_basic_package_version_file(relateConfigVersion.cmake
                                 COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/relateConfig.cmake
              ${CMAKE_CURRENT_BINARY_DIR}/relateConfigVersion.cmake
        DESTINATION ${relate_cmake_dir})
