// Reading a CSV table (RFC 4180) as published: the form of open data and of every finance
// office's spreadsheet. Private to subsidy::io.
//
// The table is checked as the YAML texts are (text_check.hpp: UTF-8, no control character,
// LF or CRLF) after an optional byte order mark, then cut into cells: `,`, `;` or tab between
// them (declared, or read off the header line when only one of them is there), a cell quoted
// with `"` where it holds a separator, a line end or a quote (written twice). Every problem
// is reported with its line and column, all of them, before the table is refused: a quote
// left open, a quote inside a cell that is not quoted, text after a closing quote, a header
// column without a name or named twice, a row with more or fewer cells than the header.
//
// A cell is kept as a view into the text (or, for a quoted cell with a doubled quote, into a
// side buffer) with its position: 16 bytes a cell, so that a table costs about twice its text.
// Every cell is text: an INSEE code keeps its zeros, a decimal its comma; the readers of the
// values say what a cell must be (csv_values.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// How a table is written. `separator` 0: read off the header line.
struct CsvDialect {
    char separator = 0;
};

class CsvTable {
public:
    /// The number of data rows (the header not counted; a row of empty cells is no row).
    [[nodiscard]] std::size_t rows() const noexcept { return rows_.size(); }
    [[nodiscard]] std::size_t columns() const noexcept { return columns_; }
    [[nodiscard]] char separator() const noexcept { return separator_; }
    /// The name of column `c` as the header writes it.
    [[nodiscard]] std::string_view header(std::size_t c) const { return text(cells_[c]); }
    [[nodiscard]] yaml::Mark header_mark(std::size_t c) const { return mark(cells_[c]); }
    /// The names of the header's columns, in order (for a "did you mean").
    [[nodiscard]] std::vector<std::string> header_names() const;
    /// The index of the column named `name`, if the header has it.
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name) const;
    /// The text of the cell of data row `r` (0-based) and column `c`, quotes removed.
    [[nodiscard]] std::string_view cell(std::size_t r, std::size_t c) const { return text(cells_[rows_[r] + c]); }
    /// The position of that cell (its first character, the opening quote of a quoted cell).
    [[nodiscard]] yaml::Mark mark(std::size_t r, std::size_t c) const { return mark(cells_[rows_[r] + c]); }
    /// The position of the start of data row `r`.
    [[nodiscard]] yaml::Mark row_mark(std::size_t r) const { return mark(r, 0); }
    /// The whole file, and its text after the byte order mark (a view into it).
    [[nodiscard]] const std::shared_ptr<const std::string>& file() const noexcept { return file_; }
    [[nodiscard]] std::string_view body() const noexcept { return text_; }

private:
    friend class CsvParser;
    friend CsvTable parse_csv(Context& cx, std::string text, CsvDialect dialect);
    struct Cell {
        std::uint32_t begin;       // offset of the text in text_, or in unquoted_ when `own`
        std::uint32_t size : 31;
        std::uint32_t own : 1;     // the text is in unquoted_ (a quote written twice, a CRLF inside read as LF)
        std::uint32_t at;    // offset of the cell in text_ (its column is found from it)
        std::uint32_t line;  // 0-based
    };
    [[nodiscard]] std::string_view text(const Cell& c) const;
    [[nodiscard]] yaml::Mark mark(const Cell& c) const;

    std::shared_ptr<const std::string> file_;  // the whole file, stable while tables move
    std::string_view text_;                    // after the byte order mark
    std::string unquoted_;                     // the cells with a doubled quote, undoubled
    std::vector<Cell> cells_;                  // the header's, then each row's
    std::vector<std::uint32_t> rows_;          // the index in cells_ of each data row's first cell
    std::size_t columns_ = 0;
    char separator_ = ',';
};

/// Reads `text`, the whole file `cx` reports on, as a table; every problem is reported to `cx`
/// (which then holds the text for its columns, as long as the table lives) and the table is
/// empty if there is one. A table of 2 GiB or more is refused (E004).
CsvTable parse_csv(Context& cx, std::string text, CsvDialect dialect = {});

}  // namespace subsidy::io::detail
