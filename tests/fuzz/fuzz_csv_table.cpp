// libFuzzer target for the CSV table reader (src/csv_table.hpp), fuzz_csv_table: any input is
// read as a table with the separator read off its header, then with ';' declared. The reader
// may only report problems (a refused table keeps no row); a table it accepts is written back
// as RFC 4180 says (each cell quoted, its quotes doubled) and must read back cell for cell.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "csv_table.hpp"

namespace {

using subsidy::io::detail::Context;
using subsidy::io::detail::CsvDialect;
using subsidy::io::detail::CsvTable;
using subsidy::io::detail::parse_csv;

std::string written_back(const CsvTable& t) {
    std::string text;
    auto line = [&](auto cell) {
        for (std::size_t c = 0; c < t.columns(); ++c) {
            if (c != 0) text += t.separator();
            text += '"';
            for (const char ch : cell(c)) text += ch == '"' ? std::string("\"\"") : std::string(1, ch);
            text += '"';
        }
        text += '\n';
    };
    line([&](std::size_t c) { return t.header(c); });
    for (std::size_t r = 0; r < t.rows(); ++r) line([&](std::size_t c) { return t.cell(r, c); });
    return text;
}

void check(const std::string& text, CsvDialect dialect) {
    Context cx("fuzz.csv");
    const CsvTable t = parse_csv(cx, text, dialect);
    if (cx.failed()) {
        if (t.rows() != 0) std::abort();  // a refused table keeps no row
        return;
    }
    Context again("again.csv");
    const CsvTable u = parse_csv(again, written_back(t), CsvDialect{t.separator()});
    if (again.failed() || u.rows() != t.rows() || u.columns() != t.columns()) std::abort();
    for (std::size_t r = 0; r < t.rows(); ++r)
        for (std::size_t c = 0; c < t.columns(); ++c)
            if (u.cell(r, c) != t.cell(r, c)) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    check(text, CsvDialect{});
    check(text, CsvDialect{';'});
    return 0;
}
