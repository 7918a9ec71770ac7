# Install rules: headers, the exported subsidy::subsidy target, a package config and a
# version file, so that find_package(subsidy 0.1 REQUIRED) works from the install prefix.
include(CMakePackageConfigHelpers)

set(SUBSIDY_CMAKE_DIR "${CMAKE_INSTALL_LIBDIR}/cmake/subsidy")

install(DIRECTORY "${PROJECT_SOURCE_DIR}/include/subsidy" DESTINATION "${CMAKE_INSTALL_INCLUDEDIR}")
install(TARGETS subsidy EXPORT subsidy-targets)
install(EXPORT subsidy-targets NAMESPACE subsidy:: FILE subsidy-targets.cmake DESTINATION "${SUBSIDY_CMAKE_DIR}")

configure_package_config_file("${PROJECT_SOURCE_DIR}/cmake/subsidy-config.cmake.in"
    "${PROJECT_BINARY_DIR}/subsidy-config.cmake"
    INSTALL_DESTINATION "${SUBSIDY_CMAKE_DIR}")
# Header-only core: the version file must not pin the consumer's pointer size.
write_basic_package_version_file("${PROJECT_BINARY_DIR}/subsidy-config-version.cmake"
    VERSION "${PROJECT_VERSION}"
    COMPATIBILITY SameMinorVersion
    ARCH_INDEPENDENT)
install(FILES "${PROJECT_BINARY_DIR}/subsidy-config.cmake" "${PROJECT_BINARY_DIR}/subsidy-config-version.cmake"
    DESTINATION "${SUBSIDY_CMAKE_DIR}")
