// Diagnostics of the file readers: every problem of a catalog or scenario file is reported as
// `file:line:column: error[E011]: message` (or `warning[W001]`), and all the problems of a
// file that the parse allows are reported together (a load_error carries them all).
//
// Every diagnostic has a stable code (docs/diagnostics.md lists them): E… for an error, which
// refuses the file, W… for a warning, a legal input that is a plausible mistake (a category no
// measure knows, a measure asked for that gives nothing). Warnings travel with what was loaded
// (Catalog::warnings, Scenario::warnings, Evaluation::warnings); `subsidy-calc --strict`
// treats them as errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/error.hpp"

namespace subsidy::io {

/// A class of problem. The numbers are stable: a code is never reused for another class.
enum class Code : std::uint8_t {
    // The file itself
    cannot_read,     ///< E001 missing, not a regular file, too large, unreadable
    syntax,          ///< E002 not YAML (or JSON)
    encoding,        ///< E003 not UTF-8, or a control character
    limit,           ///< E004 nesting, aliases or documents beyond the documented limits
    output,          ///< E005 an output that may not be written (an input of the run, not writable)
    // The shape of the data
    wrong_type,      ///< E010 a mapping, list or text where another is expected
    unknown_key,     ///< E011
    missing,         ///< E012 a required key or value is absent
    duplicate_key,   ///< E013
    // One value
    bad_amount,      ///< E020
    bad_rate,        ///< E021
    bad_date,        ///< E022
    bad_number,      ///< E023 a whole number, a boolean
    unknown_name,    ///< E024 a word outside a fixed vocabulary (nature, rounding, …)
    out_of_range,    ///< E025 negative, too large, implausible
    // Values together
    unknown_id,      ///< E030 a reference to something not declared
    declared_twice,  ///< E031
    inconsistent,    ///< E032 values that contradict each other (dates, shares, periods)
    request,         ///< E033 a project's request that contradicts the catalog
    cannot_compute,  ///< E040 the rules cannot be applied (a value missing in strict mode, a total beyond range)
    format_version,  ///< E041
    // Warnings
    unknown_word,      ///< W001 a category, flag or unit kind that no measure of the catalog knows
    gives_nothing,     ///< W002 a measure a project asks for gives it nothing
    outside_validity,  ///< W003 an expense outside the programme's validity
    suspicious_rate,   ///< W004 a rate that is a classic slip (0.755 % for 75.5 %)
    rounded_cell,      ///< W005 a table's amount rounded to the cent, as the scenario asks (round_to_cent)
    skipped_row,       ///< W006 a table's row left out, as the scenario asks (skip)
    unjoined_row,      ///< W007 a joined table's row that joins no row of the table it is inside
    above_guideline,   ///< W008 a member commune at or above the programme's population guideline
};

/// "E011", "W002": the code as printed and documented.
[[nodiscard]] constexpr std::string_view code_id(Code c) noexcept {
    constexpr std::string_view ids[] = {"E001", "E002", "E003", "E004", "E005", "E010", "E011", "E012", "E013",
                                        "E020", "E021", "E022", "E023", "E024", "E025", "E030", "E031", "E032",
                                        "E033", "E040", "E041", "W001", "W002", "W003", "W004", "W005", "W006", "W007", "W008"};
    return ids[static_cast<std::size_t>(c)];
}

[[nodiscard]] constexpr bool is_warning(Code c) noexcept { return code_id(c)[0] == 'W'; }

struct Diagnostic {
    std::string file;
    int line = 0;    ///< 1-based; 0 when the problem concerns the whole file
    int column = 0;  ///< 1-based
    Code code = Code::syntax;
    std::string message;

    [[nodiscard]] bool warning() const noexcept { return is_warning(code); }
    /// `file:line:column: error[E011]: message`; `as_error` prints a warning as an error.
    [[nodiscard]] std::string to_string(bool as_error = false) const {
        std::string s = file + ": ";
        if (line != 0) s = file + ":" + std::to_string(line) + ":" + std::to_string(column) + ": ";
        s += warning() && !as_error ? "warning[" : "error[";
        s += code_id(code);
        return s + "]: " + message;
    }
};

/// A file could not be loaded; `diagnostics()` lists every problem found, in file order
/// (errors and the warnings met on the way).
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
