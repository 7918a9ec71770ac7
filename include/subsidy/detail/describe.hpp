// Words for the trace: lists and conditions as the explain output prints them.
#pragma once

#include <string>
#include <vector>

#include "subsidy/rules/program.hpp"

namespace subsidy::detail {

inline std::string join(const std::vector<std::string>& v, const char* sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

inline std::string describe(const Condition& c) {
    std::vector<std::string> parts;
    if (!c.all_of.empty()) parts.push_back("all of {" + join(c.all_of, ", ") + "}");
    if (!c.any_of.empty()) parts.push_back("one of {" + join(c.any_of, ", ") + "}");
    if (!c.none_of.empty()) parts.push_back("none of {" + join(c.none_of, ", ") + "}");
    return parts.empty() ? "no condition" : "flags " + join(parts, " and ");
}

}  // namespace subsidy::detail
