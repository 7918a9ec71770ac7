// Output files of the drivers (subsidy-calc, subsidy-generate), written all at once.
#pragma once

#include <filesystem>
#include <fstream>
#include <iostream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include <subsidy/io/diagnostics.hpp>

namespace subsidy_drivers {

/// Writes the file `path`: `write(out)` fills a temporary file next to it, which is renamed
/// into place once everything is written, so that a failure (a full disk, an exception in
/// `write`) never leaves a partial file or the temporary. Throws io::load_error naming `path`
/// when the file cannot be written; what `write` throws passes through.
template <class Write>
void write_file_atomically(const std::string& path, Write&& write) {
    namespace fs = std::filesystem;
    const fs::path target(path);
    const fs::path tmp = target.string() + ".tmp-subsidy";
    std::error_code ec;
    bool written = false;
    try {
        std::ofstream out(tmp, std::ios::binary);
        if (out) {
            write(out);
            out.close();
            written = !out.fail();
        }
    } catch (...) {
        fs::remove(tmp, ec);
        throw;
    }
    if (written) fs::rename(tmp, target, ec);
    if (!written || ec) {
        fs::remove(tmp, ec);
        throw subsidy::io::load_error({subsidy::io::Diagnostic{path, 0, 0, "cannot write the output file"}});
    }
}

/// A report that could not be written (exit 1): a full disk, a closed or broken output.
class output_error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Writes `text` to `path` ("" or "-": standard output). Temporary placeholder: the real
/// rules (special files, symlinks, modes, inputs refused, every write checked) come next.
inline void write_output(const std::string& path, const std::string& text, const std::vector<std::string>& inputs) {
    (void)inputs;
    if (path.empty() || path == "-") {
        std::cout << text << std::flush;
        if (!std::cout) throw output_error("cannot write to standard output");
        return;
    }
    write_file_atomically(path, [&](std::ostream& out) { out << text; });
}

}  // namespace subsidy_drivers
