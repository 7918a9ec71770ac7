# libyaml, the C parser subsidy::io reads YAML with (src/yaml_libyaml.hpp), as the imported
# target subsidy_libyaml. Debian's libyaml-dev ships no CMake package, only a header and a
# library: both are found here. Included by the build and by the installed package's config
# (a static subsidy::io makes its users link libyaml too).
if(NOT TARGET subsidy_libyaml)
    find_path(SUBSIDY_LIBYAML_INCLUDE_DIR yaml.h)
    find_library(SUBSIDY_LIBYAML_LIBRARY NAMES yaml)
    if(NOT SUBSIDY_LIBYAML_INCLUDE_DIR OR NOT SUBSIDY_LIBYAML_LIBRARY)
        message(FATAL_ERROR "subsidy: libyaml not found (on Debian: apt-get install libyaml-dev)")
    endif()
    add_library(subsidy_libyaml UNKNOWN IMPORTED)
    set_target_properties(subsidy_libyaml PROPERTIES
        IMPORTED_LOCATION "${SUBSIDY_LIBYAML_LIBRARY}"
        INTERFACE_INCLUDE_DIRECTORIES "${SUBSIDY_LIBYAML_INCLUDE_DIR}")
endif()
