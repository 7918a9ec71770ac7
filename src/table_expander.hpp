// How the rows of a table become nodes (scenario_tables.hpp): the row template's `${column}`s
// are found once, then each row is copied from the template into the scenario's document. A
// node naming no column is shared by every row (as an alias is); a node naming one is new,
// with the position of the first cell it names. A table inside the template (a project's
// expenses, its requests) is joined: its rows whose `join` columns hold the outer row's cells
// become, for each outer row, the list in that place. Private to subsidy::io.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "csv_table.hpp"
#include "table_spec.hpp"
#include "yaml_node.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

/// A table declared in a scenario, read: its declaration, its cells, its file's number in the
/// context that reports on it.
struct LoadedTable {
    TableSpec spec;
    CsvTable table;
    std::uint16_t file = 0;
};

/// Reads the declaration `n` and its table (`nested`: inside another table's row, where it
/// must say how it joins); null if either cannot be read (reported).
std::unique_ptr<LoadedTable> load_table(Context& cx, const yaml::Node& n, const std::string& base_dir, bool nested);

class Expander {
public:
    Expander(Context& cx, yaml::Document& doc, const LoadedTable& table, std::string base_dir);
    ~Expander();
    Expander(const Expander&) = delete;
    Expander& operator=(const Expander&) = delete;

    /// Finds the template's columns and reads the tables it joins; false (reported) if a
    /// column is not in a header or a joined table cannot be read.
    bool compile();
    /// The list of the rows, as a new node of the document, at `at`.
    std::uint32_t expand(yaml::Mark at);

private:
    struct Part {
        std::string text;                // written as is…
        std::size_t column = no_column;  // …or a column's cell
    };
    struct Join;
    static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

    bool compile(const yaml::Node& n);
    bool compile_scalar(const yaml::Node& n);
    bool compile_join(const yaml::Node& n);
    [[nodiscard]] std::optional<std::size_t> column(std::string_view name, const yaml::Node& at, const std::string& what,
                                                    std::string_view whose = "the table");
    /// Whether row `r` is read: `where` takes it, `skip` does not leave it out (said), and
    /// with `distinct` no equal row came before.
    bool taken(std::size_t r);
    std::uint32_t copy_row(std::size_t r);
    std::uint32_t copy(std::uint32_t node, std::size_t row);
    std::uint32_t copy_join(const Join& j, std::size_t row);
    std::uint32_t substitute(std::uint32_t node, const std::vector<Part>& parts, std::size_t row);
    std::uint32_t add(const yaml::Document::Item& item);
    std::uint32_t add_list(const std::vector<std::uint32_t>& items, yaml::Mark at);

    Context& cx_;
    yaml::Document& doc_;
    const LoadedTable& t_;
    std::string base_dir_;
    CellReader cells_;
    std::unordered_map<std::uint32_t, std::vector<Part>> parts_;  // the template's scalars that name a column
    std::unordered_map<std::uint32_t, bool> varies_;              // whether a template node names a column
    std::unordered_map<std::uint32_t, std::unique_ptr<Join>> joins_;  // the tables inside the template
    std::set<std::size_t> used_;  // the columns the template names or joins on (distinct compares them)
    std::vector<std::size_t> key_columns_;  // used_, in order, once compiled
    std::unordered_set<std::string> seen_;  // with distinct: the used cells of the rows taken
};

/// The cells of row `r` in `columns`, each after its length, so that no two rows share a key
/// unless they are equal in every one of those columns.
std::string row_key(const CsvTable& t, std::size_t r, const std::vector<std::size_t>& columns);

}  // namespace subsidy::io::detail
