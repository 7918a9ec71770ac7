// Reading a whole file (or standard input for "-") as text. Private to subsidy::io.
#pragma once

#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>
#include <string>

#include "subsidy/io/diagnostics.hpp"

namespace subsidy::io::detail {

/// The text of `path` ("-": standard input); a load_error if it cannot be read.
inline std::string read_file(const std::string& path) {
    std::ostringstream text;
    if (path == "-") {
        text << std::cin.rdbuf();
        return text.str();
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) throw load_error({Diagnostic{path, 0, 0, Code::cannot_read, "cannot open the file for reading"}});
    text << in.rdbuf();
    if (in.bad()) throw load_error({Diagnostic{path, 0, 0, Code::cannot_read, "cannot read the file"}});
    return text.str();
}

}  // namespace subsidy::io::detail
