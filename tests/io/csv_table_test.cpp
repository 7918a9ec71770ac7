// Unit tests of the CSV table reader (src/csv_table.hpp): cells as RFC 4180 writes them, the
// separator declared or read off the header, positions of cells, and every problem at once
// with its line and column.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "csv_table.hpp"

namespace {

using subsidy::io::load_error;
using subsidy::io::detail::Context;
using subsidy::io::detail::CsvDialect;
using subsidy::io::detail::CsvTable;
using subsidy::io::detail::parse_csv;

// The diagnostics of reading `text` as t.csv, one per line ("" if none).
std::string problems(const std::string& text, CsvDialect dialect = {}) {
    Context cx("t.csv");
    const CsvTable t = parse_csv(cx, text, dialect);
    try {
        cx.throw_if_failed();
    } catch (const load_error& e) {
        EXPECT_EQ(t.rows(), 0U) << "a refused table keeps no row";
        return e.what();
    }
    return "";
}

std::vector<std::string> row(const CsvTable& t, std::size_t r) {
    std::vector<std::string> cells;
    for (std::size_t c = 0; c < t.columns(); ++c) cells.emplace_back(t.cell(r, c));
    return cells;
}

TEST(CsvTable, CellsAsRfc4180WritesThem) {
    // A quoted cell holds the separator, a line end and a doubled quote; an empty cell is "".
    Context cx("t.csv");
    const CsvTable t = parse_csv(cx, "insee,name,note\n01004,\"Ambérieu, en Bugey\",\"a \"\"b\"\"\nc\"\n2A004,Ajaccio,\n");
    ASSERT_FALSE(cx.failed());
    ASSERT_EQ(t.columns(), 3U);
    ASSERT_EQ(t.rows(), 2U);
    EXPECT_EQ(t.header(1), "name");
    EXPECT_EQ(row(t, 0), (std::vector<std::string>{"01004", "Ambérieu, en Bugey", "a \"b\"\nc"}));
    EXPECT_EQ(row(t, 1), (std::vector<std::string>{"2A004", "Ajaccio", ""}));
    EXPECT_EQ(t.column("note"), 2U);
    EXPECT_FALSE(t.column("pop").has_value());
    // Positions, 0-based as yaml-cpp's: row 2 starts on line 3 (index 3), after the quoted line end.
    EXPECT_EQ(t.mark(1, 0).line, 3);
    EXPECT_EQ(t.mark(1, 1).column, 6);
    EXPECT_EQ(t.mark(0, 2).line, 1);
    EXPECT_EQ(t.mark(0, 2).column, 28);  // the note's opening quote: `01004,` 6 bytes, `"Ambérieu, en Bugey"` 21, `,` 1
}

TEST(CsvTable, ByteOrderMarkCrlfAndSemicolonsReadOffTheHeader) {
    Context cx("t.csv");
    const CsvTable t = parse_csv(cx, "\xEF\xBB\xBFinsee;montant\r\n14047;\"1 234,56\"\r\n;\r\n\r\n14342;12\r\n");
    ASSERT_FALSE(cx.failed());
    EXPECT_EQ(t.separator(), ';');
    EXPECT_EQ(t.header(0), "insee");  // the mark is not part of the first name
    ASSERT_EQ(t.rows(), 2U);          // the row of empty cells and the empty line are no rows
    EXPECT_EQ(row(t, 0), (std::vector<std::string>{"14047", "1 234,56"}));
    EXPECT_EQ(row(t, 1), (std::vector<std::string>{"14342", "12"}));
    EXPECT_EQ(t.row_mark(1).line, 4);
}

TEST(CsvTable, LastLineWithoutLineEndAndOneColumn) {
    Context cx("t.csv");
    const CsvTable t = parse_csv(cx, "insee\n01004\n01005");
    ASSERT_FALSE(cx.failed());
    ASSERT_EQ(t.rows(), 2U);
    EXPECT_EQ(t.cell(1, 0), "01005");
}

TEST(CsvTable, EveryProblemAtOnceWithItsPosition) {
    // Line 2: a quote inside an unquoted cell (column 6); line 3: text after a closing quote
    // (column 5); line 4: 2 cells for 3 columns; line 5: fine.
    EXPECT_EQ(problems("a,b,c\n1,2 5\" pipe,3\n\"x\"y,2,3\n1,2\n1,2,3\n"),
              "t.csv:2:6: error[E002]: a quote inside a cell that does not start with one: quote the whole cell and write the quote "
              "twice (\"a \"\"b\"\" c\")\n"
              "t.csv:3:4: error[E002]: text after the closing quote of a cell: expected ',' or the end of the line (a quote inside a "
              "quoted cell is written twice)\n"
              "t.csv:4:1: error[E010]: this row has 2 cells where the header has 3 columns (a cell holding ',' is quoted: \"…\")");
}

TEST(CsvTable, AQuoteLeftOpenIsReportedWhereItOpens) {
    EXPECT_EQ(problems("a,b\n1,\"open\n2,3\n"),
              "t.csv:2:3: error[E002]: this quote opens a cell that is never closed (a quote inside a quoted cell is written twice)");
}

TEST(CsvTable, HeaderNamesAreGivenOnce) {
    // Columns count in characters: "é" is one.
    EXPECT_EQ(problems("insee,é,,é\n1,2,3,4\n"),
              "t.csv:1:9: error[E012]: column 3 of the header has no name\n"
              "t.csv:1:10: error[E013]: column 'é' is in the header twice (first as column 2)");
}

TEST(CsvTable, SeparatorDeclaredOrUnambiguous) {
    EXPECT_EQ(problems("a;b,c\n"), "t.csv:1:1: error[E002]: the header holds ',' and ';': declare the table's separator (separator: \",\" or \";\")");
    EXPECT_EQ(problems("a,b\n1,2\n", CsvDialect{';'}),
              "t.csv:1:1: error[E002]: the header has no ';', the declared separator, but has ',': is the table separated by ','?");
    Context cx("t.csv");
    const CsvTable t = parse_csv(cx, "a;b,c\n1;2,5\n", CsvDialect{';'});
    ASSERT_FALSE(cx.failed());
    EXPECT_EQ(row(t, 0), (std::vector<std::string>{"1", "2,5"}));
    // A quoted separator in the header does not count.
    Context cx2("t.csv");
    EXPECT_EQ(parse_csv(cx2, "\"a,b\";c\n1;2\n").separator(), ';');
}

TEST(CsvTable, TextChecksComeFirst) {
    EXPECT_EQ(problems(""), "t.csv: error[E012]: the table is empty: expected a header line naming its columns");
    EXPECT_EQ(problems("a,b\n1,caf\xE9\n"),
              "t.csv:2:6: error[E003]: not UTF-8: byte 0xE9 starts a 3-byte sequence that stops after 1 byte (0xE9 is 'é' in "
              "Windows-1252 or Latin-1: the file seems to be saved in one of them); save the file as UTF-8");
}

// Property: any table written as RFC 4180 says (a cell quoted when it holds the separator, a
// quote or a line end; its quotes doubled) reads back cell for cell, with either separator
// (a CRLF inside a cell as LF).
std::string quoted_if_needed(const std::string& cell, char separator) {
    if (cell.find_first_of(std::string{separator, '"', '\n', '\r'}) == std::string::npos) return cell;
    std::string q = "\"";
    for (const char c : cell) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

TEST(CsvTable, WrittenAsRfc4180ReadsBackCellForCell) {
    std::mt19937 random(20261201);
    const std::vector<std::string> pieces{"a", "0", "é", " ", ",", ";", "\"", "\n", "\r\n", "2A", "€", "\t"};
    for (int round = 0; round < 500; ++round) {
        const char separator = round % 2 == 0 ? ',' : ';';
        const std::size_t columns = 1 + random() % 5, rows = random() % 6;
        std::vector<std::vector<std::string>> cells(rows + 1, std::vector<std::string>(columns));
        std::string text;
        for (std::size_t r = 0; r <= rows; ++r) {
            for (std::size_t c = 0; c < columns; ++c) {
                std::string& cell = cells[r][c];
                if (r == 0) cell = "c" + std::to_string(c);  // named once each
                else
                    for (std::size_t k = random() % 4; k-- > 0;) cell += pieces[random() % pieces.size()];
                if (r > 0 && c == 0) cell = "r" + cell;  // never a row of empty cells
                text += (c == 0 ? "" : std::string(1, separator)) + quoted_if_needed(cell, separator);
            }
            text += round % 3 == 0 ? "\r\n" : "\n";
        }
        Context cx("t.csv");
        const CsvTable t = parse_csv(cx, text, CsvDialect{separator});
        ASSERT_FALSE(cx.failed()) << text;
        ASSERT_EQ(t.columns(), columns) << text;
        ASSERT_EQ(t.rows(), rows) << text;
        // A CRLF inside a quoted cell reads as LF, as YAML reads a CRLF file.
        for (auto& line : cells)
            for (std::string& cell : line)
                for (std::size_t at; (at = cell.find("\r\n")) != std::string::npos;) cell.erase(at, 1);
        for (std::size_t r = 0; r < rows; ++r) EXPECT_EQ(row(t, r), cells[r + 1]) << text;
    }
}

}  // namespace
