// Output files of the drivers (subsidy-calc, subsidy-generate), written all at once.
#pragma once

#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>

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

}  // namespace subsidy_drivers
