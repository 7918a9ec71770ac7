// A YAML syntax error, reported with its likely cause. yaml-cpp names what it met where it
// stopped ("illegal map value", "end of map not found"), not what was wrong before: a tab
// in the indentation of that line, or a bracket opened before and never closed. Private to
// subsidy::io.
#pragma once

#include <yaml-cpp/exceptions.h>

#include <string_view>

#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// Reports `e`, met while parsing `text` (E002), with its likely cause.
void report_syntax_error(Context& cx, std::string_view text, const YAML::Exception& e);

}  // namespace subsidy::io::detail
