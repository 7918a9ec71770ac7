// Reading a whole input file (or standard input for "-") as text, the one way every loader
// opens a file (the catalog a scenario names included). Private to subsidy::io.
//
// Only a regular file is read, and at most max_input_bytes() of it: a FIFO, a device, a
// directory or a socket is refused at once (opened without blocking, checked on the opened
// descriptor, so that what is checked is what is read), never waited on or read forever.
#pragma once

#include <cstddef>
#include <string>

#include "subsidy/io/diagnostics.hpp"

namespace subsidy::io::detail {

/// The largest input read, in bytes: 256 MiB, or the environment variable
/// SUBSIDY_MAX_INPUT_BYTES (a whole number of bytes), read once. docs/diagnostics.md, "Limits".
inline constexpr std::size_t default_max_input_bytes = std::size_t{256} << 20;

/// The text of `path` ("-": standard input, named "<stdin>" in diagnostics); a load_error
/// (E001) if it is not a regular file, is larger than the limit or cannot be read.
std::string read_file(const std::string& path);

}  // namespace subsidy::io::detail
