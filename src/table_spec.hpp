// A table's declaration in a scenario (scenario_tables.hpp), and how a cell of it is read
// before it takes its place in a row: its words replaced (`values`), its decimals checked
// against the table's (`decimal`), an amount with more than two decimals rounded to the cent
// where the scenario asks (`round_to_cent`), a row left out where it asks (`skip`), each
// rounding and each row left out reported as a warning; the rows a list takes from a table
// that holds several kinds of rows (`where`), and identical rows read once (`distinct`).
// Private to subsidy::io.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "csv_table.hpp"
#include "subsidy/money/rounding.hpp"
#include "yaml_node.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

enum class TableDecimal { dot, comma };

struct TableSpec {
    std::string path;   // as opened
    std::string shown;  // as written in the scenario, for diagnostics
    yaml::Node at;      // the `table:` value
    char separator = 0;
    TableDecimal decimal = TableDecimal::dot;
    std::map<std::string, std::map<std::string, std::string>, std::less<>> values;  // column → word → replacement
    std::set<std::string, std::less<>> round_columns;
    RoundingMode rounding = RoundingMode::half_up;
    using ColumnValues = std::map<std::string, std::set<std::string, std::less<>>, std::less<>>;
    ColumnValues skip;   // column → values whose rows are left out, each said
    ColumnValues where;  // column → values: only the rows with one of them in every column listed
    bool distinct = false;  // rows equal in every cell the row template names are read once
    yaml::Node join_at;     // `join:` (a table inside a row template), or undefined
    std::vector<std::pair<std::string, std::string>> join;  // its column → the outer table's column
    yaml::Node row;
};

/// The declaration `{table, row, separator, decimal, values, round_to_cent, skip, where,
/// distinct, join}` (`join` required when `nested` in another table's row, refused
/// otherwise); nothing if it is wrong (reported).
std::optional<TableSpec> read_table_spec(Context& cx, const yaml::Node& n, const std::string& base_dir, bool nested);

/// The cells of a table as the rows receive them.
class CellReader {
public:
    CellReader(Context& cx, const CsvTable& table, const TableSpec& spec, std::uint16_t file);
    /// The text of a cell, replaced, checked and rounded as the declaration says (a problem
    /// reported at the cell).
    [[nodiscard]] std::string value(std::size_t row, std::size_t column);
    /// Where the cell is, in the table's file.
    [[nodiscard]] yaml::Mark mark(std::size_t row, std::size_t column) const;
    /// Whether `skip` leaves the row out (reported once, as a warning).
    [[nodiscard]] bool skipped(std::size_t row);
    /// Whether `where` takes the row (every row without a `where`). Not reported: the scenario
    /// says which rows the list is made of, as a query would.
    [[nodiscard]] bool selected(std::size_t row) const;

private:
    Context& cx_;
    const CsvTable& table_;
    const TableSpec& spec_;
    std::uint16_t file_;
    std::vector<const std::map<std::string, std::string>*> values_;  // per column, or null
    std::vector<bool> rounds_;                                         // per column
    std::vector<std::pair<std::size_t, const std::set<std::string, std::less<>>*>> skip_, where_;
};

/// `text` rounded to the cent by `rule` if it is a decimal number with more than two
/// decimals after `point` ("42166.9105" → "42166.91"); nothing otherwise.
std::optional<std::string> round_to_cent(std::string_view text, char point, RoundingMode rule);

}  // namespace subsidy::io::detail
