# `cmake --install build --prefix P` installs the libraries accesspath::model and
# accesspath::properties, their headers (P/include/model/*.h, P/include/properties/*.h) and a
# CMake package, so that another project does find_package(accesspath REQUIRED).
# Included from the top-level CMakeLists.txt after the targets exist.
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(ACCESSPATH_CMAKE_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/accesspath)

# The model's headers are C++20: say so to whoever links it.
target_compile_features(accesspath_model PUBLIC cxx_std_20)
set_target_properties(accesspath_model PROPERTIES EXPORT_NAME model)
set_target_properties(accesspath_properties PROPERTIES EXPORT_NAME properties)
# Linked PRIVATE (so only named at link time), but a static library's private links are exported.
set_target_properties(accesspath_warnings PROPERTIES EXPORT_NAME warnings)

install(TARGETS accesspath_model accesspath_properties accesspath_warnings
  EXPORT accesspathTargets
  ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
  INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
foreach(dir model properties)
  install(DIRECTORY ${PROJECT_SOURCE_DIR}/${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/${dir}
    FILES_MATCHING PATTERN "*.h")
endforeach()
# The bundled scenarios and the schemas, for suites and tools of one's own (the package sets
# ACCESSPATH_SCENARIOS_DIR and ACCESSPATH_SCHEMA_DIR).
set(ACCESSPATH_SCENARIOS_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/accesspath/scenarios)
set(ACCESSPATH_SCHEMA_INSTALL_DIR ${CMAKE_INSTALL_DATADIR}/accesspath/schema)
install(DIRECTORY ${PROJECT_SOURCE_DIR}/scenarios/ DESTINATION ${ACCESSPATH_SCENARIOS_INSTALL_DIR}
  FILES_MATCHING PATTERN "*.json")
install(DIRECTORY ${PROJECT_SOURCE_DIR}/schema/ DESTINATION ${ACCESSPATH_SCHEMA_INSTALL_DIR})
install(EXPORT accesspathTargets NAMESPACE accesspath:: DESTINATION ${ACCESSPATH_CMAKE_DIR})

# Every PkgConfig::X the exported libraries link (PUBLIC or PRIVATE: both are needed to link a
# static library) is looked up again by the package with the arguments of this build's call.
set(ACCESSPATH_PKG_CONFIG_DEPENDENCIES "")
foreach(target accesspath_model accesspath_properties)
  get_target_property(libs ${target} LINK_LIBRARIES)
  foreach(lib IN LISTS libs)
    if(lib MATCHES "^PkgConfig::(.+)$")
      set(prefix ${CMAKE_MATCH_1})
      set(args ${__pkg_config_arguments_${prefix}})
      list(REMOVE_ITEM args REQUIRED QUIET)
      if(NOT args)
        string(TOLOWER ${prefix} args)
        set(args IMPORTED_TARGET ${args})
      endif()
      set(modules ${args})
      list(REMOVE_ITEM modules IMPORTED_TARGET GLOBAL NO_CMAKE_PATH NO_CMAKE_ENVIRONMENT_PATH)
      list(JOIN modules " " modules)
      list(JOIN args " " args)
      string(APPEND ACCESSPATH_PKG_CONFIG_DEPENDENCIES
        "find_dependency(PkgConfig)\n"
        "if(NOT TARGET ${lib})\n"
        "  pkg_check_modules(${prefix} QUIET ${args})\n"
        "endif()\n"
        "if(NOT TARGET ${lib})\n"
        "  set(accesspath_FOUND FALSE)\n"
        "  set(accesspath_NOT_FOUND_MESSAGE \"pkg-config module ${modules} not found (accesspath links ${lib})\")\n"
        "  return()\n"
        "endif()\n")
    endif()
  endforeach()
endforeach()

configure_package_config_file(${CMAKE_CURRENT_LIST_DIR}/accesspathConfig.cmake.in
  ${PROJECT_BINARY_DIR}/accesspathConfig.cmake INSTALL_DESTINATION ${ACCESSPATH_CMAKE_DIR}
  PATH_VARS ACCESSPATH_SCENARIOS_INSTALL_DIR ACCESSPATH_SCHEMA_INSTALL_DIR)
write_basic_package_version_file(${PROJECT_BINARY_DIR}/accesspathConfigVersion.cmake
  VERSION ${PROJECT_VERSION} COMPATIBILITY SameMajorVersion)
install(FILES ${PROJECT_BINARY_DIR}/accesspathConfig.cmake
  ${PROJECT_BINARY_DIR}/accesspathConfigVersion.cmake DESTINATION ${ACCESSPATH_CMAKE_DIR})
