# Install rules: headers, the exported subsidy::subsidy target, a package config and a
# version file, so that find_package(subsidy 0.1 REQUIRED) works from the install prefix.
include(CMakePackageConfigHelpers)

set(SUBSIDY_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/subsidy")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/subsidy" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(FILES "${PROJECT_BINARY_DIR}/include/subsidy/version.hpp" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}/subsidy")
install(TARGETS subsidy EXPORT subsidy-targets)
if(TARGET subsidy_io)
    install(TARGETS subsidy_io EXPORT subsidy-targets ARCHIVE DESTINATION "${CMAKE_INSTALL_LIBDIR}")
    # subsidy-config.cmake finds this directory from its own location (PACKAGE_PREFIX_DIR), so
    # that a moved prefix keeps its catalogs.
    set(SUBSIDY_CATALOG_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/subsidy/catalogs")
    install(DIRECTORY "${PROJECT_SOURCE_DIR}/data/catalogs/" DESTINATION "${SUBSIDY_CATALOG_INSTALL_DIR}"
        OPTIONAL FILES_MATCHING PATTERN "*.yaml")
    set(SUBSIDY_WITH_IO ON)
else()
    set(SUBSIDY_CATALOG_INSTALL_DIR "${CMAKE_INSTALL_DATADIR}/subsidy/catalogs")
    set(SUBSIDY_WITH_IO OFF)
endif()
install(EXPORT subsidy-targets NAMESPACE subsidy:: FILE subsidy-targets.cmake DESTINATION "${SUBSIDY_CMAKE_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/subsidy-config.cmake.in"
    "${PROJECT_BINARY_DIR}/subsidy-config.cmake"
    INSTALL_DESTINATION "${SUBSIDY_CMAKE_DIR}"
    PATH_VARS SUBSIDY_CATALOG_INSTALL_DIR)
# The version file pins the pointer size only when the compiled subsidy::io is installed.
if(SUBSIDY_WITH_IO)
    write_basic_package_version_file("${PROJECT_BINARY_DIR}/subsidy-config-version.cmake"
        VERSION "${PROJECT_VERSION}"
        COMPATIBILITY SameMinorVersion)
else()
    write_basic_package_version_file("${PROJECT_BINARY_DIR}/subsidy-config-version.cmake"
        VERSION "${PROJECT_VERSION}"
        COMPATIBILITY SameMinorVersion
        ARCH_INDEPENDENT)
endif()
install(FILES "${PROJECT_BINARY_DIR}/subsidy-config.cmake" "${PROJECT_BINARY_DIR}/subsidy-config-version.cmake"
    "${PROJECT_SOURCE_DIR}/cmake/subsidy-libyaml.cmake"
    DESTINATION "${SUBSIDY_CMAKE_DIR}")
