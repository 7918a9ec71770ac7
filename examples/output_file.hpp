// Output of the drivers (subsidy-calc, subsidy-generate): standard output or an `-o FILE`, by
// the rules of docs/output.md. The POSIX implementation is output_file.cpp.
//
//   - a regular file (or a new one) is written to a temporary file in its directory, renamed
//     over it once everything is written: a failure never leaves a partial file or the
//     temporary; the file keeps its mode (and, for root, its owner);
//   - a symbolic link is followed to its final target (a dangling link: the file it names is
//     created if its directory exists); the link stays a link;
//   - a special file (a device, a FIFO) is opened and written in place, never replaced;
//     standard output by another name (/dev/stdout, or the file it is redirected to) is
//     written through standard output;
//   - refused before anything is written (io::load_error, Code::output: exit 2, `FILE: what is
//     wrong`): an input of the run (the same device and inode, whatever the name), a
//     directory, a missing directory, a file or directory the user may not write;
//   - every write and the final close are checked: a failure is an output_error (exit 1),
//     `cannot write standard output: No space left on device`. A broken pipe kills the process
//     with SIGPIPE unless SIGPIPE is ignored; then it is an output_error too.
#pragma once

#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <subsidy/io/diagnostics.hpp>

namespace subsidy_drivers {

/// A report that could not be written (exit 1): a full disk or file-size limit, a closed or
/// broken output. what(): `cannot write <standard output|FILE>: <strerror>`.
class output_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// What writes the output, given the stream to write it to. A stream that fails (a failed
/// write, or the failbit set by `fill` itself) makes write_output_with throw output_error;
/// what `fill` throws passes through, after the temporary file (if any) is removed.
using OutputFiller = std::function<void(std::ostream&)>;

/// Writes the output `fill` makes to `path` ("" or "-": standard output). `inputs` are the
/// files the run read (a path that does not exist is ignored; "-" and "<stdin>" stand for
/// standard input): none of them may be the output. Throws io::load_error when the output is
/// refused (nothing is written), output_error when writing it fails.
void write_output_with(const std::string& path, const std::vector<std::string>& inputs, const OutputFiller& fill);

/// write_output_with for a text already made.
void write_output(const std::string& path, const std::string& text, const std::vector<std::string>& inputs);

}  // namespace subsidy_drivers
