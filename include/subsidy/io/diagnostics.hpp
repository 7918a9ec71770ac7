// Diagnostics of the file readers: every problem of a catalog or scenario file is reported as
// `file:line:column: message`, and all the problems of a file that the parse allows are
// reported together (a load_error carries them all).
#pragma once

#include <string>
#include <vector>

#include "subsidy/error.hpp"

namespace subsidy::io {

struct Diagnostic {
    std::string file;
    int line = 0;    ///< 1-based; 0 when the problem concerns the whole file
    int column = 0;  ///< 1-based
    std::string message;

    [[nodiscard]] std::string to_string() const {
        if (line == 0) return file + ": " + message;
        return file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": " + message;
    }
};

/// A file could not be loaded; `diagnostics()` lists every problem found, in file order.
class load_error : public error {
public:
    explicit load_error(std::vector<Diagnostic> diagnostics)
        : error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    static std::string join(const std::vector<Diagnostic>& ds) {
        std::string s;
        for (const Diagnostic& d : ds) {
            if (!s.empty()) s += '\n';
            s += d.to_string();
        }
        return s;
    }
    std::vector<Diagnostic> diagnostics_;
};

}  // namespace subsidy::io
