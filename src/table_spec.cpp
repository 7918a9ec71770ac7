#include "table_spec.hpp"

#include <filesystem>

#include "subsidy/detail/int128.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/rounding.hpp"

namespace subsidy::io::detail {

namespace {

using subsidy::detail::excerpt;

std::optional<char> read_separator(Context& cx, const yaml::Node& n) {
    const auto s = read_string(cx, n, "separator");
    if (!s) return std::nullopt;
    if (*s == "," || *s == ";") return (*s)[0];
    if (*s == "\t" || *s == "tab") return '\t';
    cx.error(Code::unknown_name, n, "separator: '" + excerpt(*s) + "': expected ',', ';' or tab");
    return std::nullopt;
}

std::optional<TableDecimal> read_decimal(Context& cx, const yaml::Node& n) {
    const auto s = read_string(cx, n, "decimal");
    if (!s) return std::nullopt;
    if (*s == "dot") return TableDecimal::dot;
    if (*s == "comma") return TableDecimal::comma;
    cx.error(Code::unknown_name, n, "decimal: '" + excerpt(*s) + "': expected dot (1234.56) or comma (1234,56)" + did_you_mean(*s, {"dot", "comma"}));
    return std::nullopt;
}

// `{column: {word: replacement, …}, …}`.
bool read_values(Context& cx, const yaml::Node& n, TableSpec& s) {
    Fields all(cx, n, "values");
    if (!all.ok()) return false;
    bool good = true;
    for (const auto& column : n) {
        const std::string name(column.first.Scalar());
        (void)all.optional(name);
        Fields words(cx, column.second, "values of column '" + excerpt(name) + "'");
        if (!words.ok()) {
            good = false;
            continue;
        }
        for (const auto& w : column.second) {
            (void)words.optional(std::string(w.first.Scalar()));
            const auto to = read_string(cx, w.second, "replacement");
            if (to) s.values[name][std::string(w.first.Scalar())] = *to;
            good = good && to;
        }
        words.finish();
    }
    all.finish();
    return good;
}

// `{columns: [name, …], rule: half_up}`: the rule must be said.
bool read_round(Context& cx, const yaml::Node& n, TableSpec& s) {
    Fields f(cx, n, "round_to_cent");
    if (!f.ok()) return false;
    const yaml::Node columns = f.required("columns"), rule = f.required("rule");
    f.finish();
    if (!present(columns) || !present(rule)) return false;
    const auto names = read_string_list(cx, columns, "round_to_cent: columns");
    const auto mode = read_enum<RoundingMode>(cx, rule, "round_to_cent: rule");
    if (!names || !mode) return false;
    s.round_columns.insert(names->begin(), names->end());
    s.rounding = *mode;
    return true;
}

// `{column: [value, …], …}` (skip, where).
bool read_column_values(Context& cx, const yaml::Node& n, const char* what, TableSpec::ColumnValues& out) {
    Fields f(cx, n, what);
    if (!f.ok()) return false;
    bool good = true;
    for (const auto& column : n) {
        const std::string name(column.first.Scalar());
        (void)f.optional(name);
        const auto values = read_string_list(cx, column.second, std::string(what) + ": " + name);
        if (values) out[name].insert(values->begin(), values->end());
        good = good && values;
    }
    f.finish();
    return good;
}

// `join: {inner column: outer column, …}`: required inside a row template (a table there is
// the rows of one outer row), refused outside it (a list's table joins nothing).
bool read_join(Context& cx, const yaml::Node& n, bool nested, TableSpec& s) {
    if (!present(s.join_at)) {
        if (!nested) return true;
        cx.error(Code::missing, n, "a table inside a row needs join: {its column: the outer table's column}, to say which of its rows are the row's");
        return false;
    }
    if (!nested) {
        cx.error(Code::unknown_key, s.join_at, "join: only a table inside another table's row joins (expenses: {table, join, row})");
        return false;
    }
    Fields f(cx, s.join_at, "join");
    if (!f.ok()) return false;
    bool good = true;
    for (const auto& pair : s.join_at) {
        const std::string inner(pair.first.Scalar());
        (void)f.optional(inner);
        const auto outer = read_string(cx, pair.second, "join: " + inner);
        if (outer) s.join.emplace_back(inner, *outer);
        good = good && outer;
    }
    f.finish();
    if (good && s.join.empty()) {
        cx.error(Code::missing, s.join_at, "join: names no column: write {its column: the outer table's column}");
        return false;
    }
    return good;
}

}  // namespace

std::optional<TableSpec> read_table_spec(Context& cx, const yaml::Node& n, const std::string& base_dir, bool nested) {
    Fields f(cx, n, "table");
    if (!f.ok()) return std::nullopt;
    TableSpec s;
    s.at = f.required("table");
    s.row = f.required("row");
    const yaml::Node separator = f.optional("separator"), decimal = f.optional("decimal"), values = f.optional("values"),
                     round = f.optional("round_to_cent"), skip = f.optional("skip"), where = f.optional("where"),
                     distinct = f.optional("distinct");
    s.join_at = f.optional("join");
    f.finish();
    bool good = present(s.at) && present(s.row);
    if (present(s.at)) {
        if (const auto p = read_string(cx, s.at, "table")) {
            s.path = (std::filesystem::path(base_dir) / *p).lexically_normal().string();
            s.shown = s.path;
        } else {
            good = false;
        }
    }
    if (present(separator)) {
        const auto c = read_separator(cx, separator);
        s.separator = c.value_or(0);
        good = good && c;
    }
    if (present(decimal)) {
        const auto d = read_decimal(cx, decimal);
        s.decimal = d.value_or(TableDecimal::dot);
        good = good && d;
    }
    if (present(values)) good = read_values(cx, values, s) && good;
    if (present(round)) good = read_round(cx, round, s) && good;
    if (present(skip)) good = read_column_values(cx, skip, "skip", s.skip) && good;
    if (present(where)) good = read_column_values(cx, where, "where", s.where) && good;
    if (present(distinct)) {
        const auto d = read_bool(cx, distinct, "distinct");
        s.distinct = d.value_or(false);
        good = good && d;
    }
    good = read_join(cx, n, nested, s) && good;
    if (!good) return std::nullopt;
    return s;
}

std::optional<std::string> round_to_cent(std::string_view text, char point, RoundingMode rule) {
    std::size_t i = 0;
    const bool negative = !text.empty() && text[0] == '-';
    if (!text.empty() && (text[0] == '-' || text[0] == '+')) ++i;
    const std::size_t dot = text.find(point, i);
    if (dot == std::string_view::npos || dot == i) return std::nullopt;
    const std::string_view whole = text.substr(i, dot - i), fraction = text.substr(dot + 1);
    const auto digits = [](std::string_view d) { return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos; };
    if (!digits(whole) || !digits(fraction) || fraction.size() <= 2 || fraction.size() > 18 || whole.size() > 18) return std::nullopt;
    subsidy::detail::int128 n = 0, d = 1;
    for (const char c : whole) n = n * 10 + (c - '0');
    for (const char c : fraction) n = n * 10 + (c - '0');
    for (std::size_t k = 2; k < fraction.size(); ++k) d *= 10;
    if (negative) n = -n;
    const subsidy::detail::int128 cents = subsidy::detail::divide_rounded<subsidy::detail::int128>(n, d, rule);
    const subsidy::detail::int128 magnitude = cents < 0 ? -cents : cents;
    std::string out = std::to_string(static_cast<long long>(magnitude / 100));  // at most 10^18: 18 digits before the point
    const int c = static_cast<int>(magnitude % 100);
    out = (cents < 0 ? "-" : "") + out + point + static_cast<char>('0' + c / 10) + static_cast<char>('0' + c % 10);
    return out;
}

CellReader::CellReader(Context& cx, const CsvTable& table, const TableSpec& spec, std::uint16_t file)
    : cx_(cx), table_(table), spec_(spec), file_(file), values_(table.columns(), nullptr), rounds_(table.columns(), false) {
    const auto column = [&](std::string_view name, const char* what) -> std::optional<std::size_t> {
        if (const auto c = table.column(name)) return c;
        cx.error(Code::unknown_id, spec.at, std::string(what) + ": the table has no column '" + excerpt(name) + "'" + did_you_mean(name, table.header_names()));
        return std::nullopt;
    };
    for (const auto& [name, words] : spec.values)
        if (const auto c = column(name, "values")) values_[*c] = &words;
    for (const std::string& name : spec.round_columns)
        if (const auto c = column(name, "round_to_cent")) rounds_[*c] = true;
    for (const auto& [name, rows] : spec.skip)
        if (const auto c = column(name, "skip")) skip_.emplace_back(*c, &rows);
    for (const auto& [name, rows] : spec.where)
        if (const auto c = column(name, "where")) where_.emplace_back(*c, &rows);
}

yaml::Mark CellReader::mark(std::size_t row, std::size_t column) const {
    yaml::Mark m = table_.mark(row, column);
    m.file = file_;
    return m;
}

bool CellReader::skipped(std::size_t row) {
    for (const auto& [c, values] : skip_)
        if (const std::string_view v = table_.cell(row, c); values->contains(v)) {
            cx_.report(Code::skipped_row, mark(row, c),
                       "row left out: " + excerpt(table_.header(c)) + " is '" + excerpt(v) + "', which the scenario skips (skip)");
            return true;
        }
    return false;
}

bool CellReader::selected(std::size_t row) const {
    for (const auto& [c, values] : where_)
        if (!values->contains(table_.cell(row, c))) return false;
    return true;
}

namespace {

// [-+]?digits SEP digits: a number written with the decimal separator `sep`.
bool is_decimal_with(std::string_view s, char sep) {
    if (!s.empty() && (s[0] == '-' || s[0] == '+')) s.remove_prefix(1);
    const std::size_t at = s.find(sep);
    if (at == std::string_view::npos || at == 0 || at + 1 == s.size()) return false;
    return s.find_first_not_of("0123456789", 0) == at && s.find_first_not_of("0123456789", at + 1) == std::string_view::npos;
}

}  // namespace

std::string CellReader::value(std::size_t row, std::size_t column) {
    std::string v(table_.cell(row, column));
    if (const auto* words = values_[column])
        if (const auto it = words->find(v); it != words->end()) v = it->second;
    const bool dot = spec_.decimal == TableDecimal::dot;
    if (is_decimal_with(v, dot ? ',' : '.')) {
        cx_.explain(Code::bad_number, mark(row, column),
                  "'" + excerpt(v) + "': a decimal " + (dot ? "comma" : "point") + " in a table whose decimals are written with a " +
                      (dot ? "dot (the default; declare decimal: comma if the table writes 1234,56)" : "comma (decimal: comma)"));
        return v;
    }
    if (rounds_[column])
        if (auto rounded = round_to_cent(v, dot ? '.' : ',', spec_.rounding)) {
            cx_.report(Code::rounded_cell, mark(row, column),
                       excerpt(table_.header(column)) + " '" + excerpt(v) + "' rounded " + std::string(subsidy::detail::name_of(spec_.rounding)) +
                           " to the cent: " + *rounded + " (round_to_cent)");
            v = std::move(*rounded);
        }
    return v;
}

}  // namespace subsidy::io::detail
