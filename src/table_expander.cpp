#include "table_expander.hpp"

#include "file_text.hpp"
#include "subsidy/error.hpp"

namespace subsidy::io::detail {

using yaml::Document;
using yaml::Node;
using yaml::NodeType;
using subsidy::detail::excerpt;

std::unique_ptr<LoadedTable> load_table(Context& cx, const Node& n, const std::string& base_dir, bool nested) {
    std::optional<TableSpec> spec = read_table_spec(cx, n, base_dir, nested);
    if (!spec) return nullptr;
    std::string text;
    try {
        text = read_file(spec->path);
    } catch (const load_error& e) {
        cx.error(Code::cannot_read, spec->at, "table '" + excerpt(spec->shown) + "': " + e.diagnostics().front().message);
        return nullptr;
    }
    auto t = std::make_unique<LoadedTable>();
    t->spec = std::move(*spec);
    Context table_cx(t->spec.shown);
    t->table = parse_csv(table_cx, std::move(text), CsvDialect{t->spec.separator});
    cx.absorb(table_cx);
    if (t->table.columns() == 0) return nullptr;
    t->file = cx.add_file(t->spec.shown, t->table.file(), t->table.body());
    return t;
}

std::string row_key(const CsvTable& t, std::size_t r, const std::vector<std::size_t>& columns) {
    std::string key;
    for (const std::size_t c : columns) {
        const std::string_view cell = t.cell(r, c);
        key += std::to_string(cell.size());
        key += ':';
        key += cell;
    }
    return key;
}

// A table inside the row template: its rows indexed by the cells they join on.
struct Expander::Join {
    std::unique_ptr<LoadedTable> table;
    std::unique_ptr<Expander> rows;
    std::vector<std::size_t> inner, outer;  // the joined columns, in the inner and the outer table
    std::unordered_map<std::string, std::vector<std::size_t>> by_key;  // key → inner rows taken, in table order
};

Expander::Expander(Context& cx, Document& doc, const LoadedTable& table, std::string base_dir)
    : cx_(cx), doc_(doc), t_(table), base_dir_(std::move(base_dir)), cells_(cx, table.table, table.spec, table.file) {}

Expander::~Expander() = default;

std::uint32_t Expander::add(const Document::Item& item) {
    doc_.items.push_back(item);
    return static_cast<std::uint32_t>(doc_.items.size() - 1);
}

std::uint32_t Expander::add_list(const std::vector<std::uint32_t>& items, yaml::Mark at) {
    Document::Item list;
    list.type = NodeType::Sequence;
    list.mark = at;
    list.first = static_cast<std::uint32_t>(doc_.children.size());
    list.count = static_cast<std::uint32_t>(items.size());
    doc_.children.insert(doc_.children.end(), items.begin(), items.end());
    return add(list);
}

std::optional<std::size_t> Expander::column(std::string_view name, const Node& at, const std::string& what, std::string_view whose) {
    if (const auto c = t_.table.column(name)) return c;
    cx_.error(Code::unknown_id, at, what + ": " + std::string(whose) + " has no column '" + excerpt(name) + "'" + did_you_mean(name, t_.table.header_names()));
    return std::nullopt;
}

bool Expander::compile_scalar(const Node& n) {
    const std::string_view s = n.Scalar();
    if (s.find("${") == std::string_view::npos) return true;
    std::vector<Part> parts;
    bool good = true;
    for (std::size_t at = 0; at < s.size();) {
        const std::size_t open = s.find("${", at);
        if (open == std::string_view::npos) {
            parts.push_back({std::string(s.substr(at)), no_column});
            break;
        }
        if (open > at) parts.push_back({std::string(s.substr(at, open - at)), no_column});
        const std::size_t close = s.find('}', open);
        if (close == std::string_view::npos) {
            cx_.error(Code::syntax, n, "'" + excerpt(s) + "': a '${' without its '}': write ${column}");
            return false;
        }
        const std::string_view name = s.substr(open + 2, close - open - 2);
        if (const auto c = column(name, n, "${" + excerpt(name) + "}")) {
            parts.push_back({{}, *c});
            used_.insert(*c);
        } else {
            good = false;
        }
        at = close + 1;
    }
    if (good) parts_[n.index()] = std::move(parts);
    return good;
}

// `{table, join: {inner column: outer column, …}, row, …}` inside the template: the inner
// table is read and compiled once, its rows indexed by their join cells; an inner row that
// joins no row of the outer table is said (W007), since its amounts would be lost.
bool Expander::compile_join(const Node& n) {
    auto j = std::make_unique<Join>();
    j->table = load_table(cx_, n, base_dir_, true);
    if (!j->table) return false;
    j->rows = std::make_unique<Expander>(cx_, doc_, *j->table, base_dir_);
    bool good = true;
    for (const auto& [inner, outer] : j->table->spec.join) {
        const auto i = j->rows->column(inner, j->table->spec.join_at, "join", "the joined table " + j->table->spec.shown);
        const auto o = column(outer, j->table->spec.join_at, "join", "the outer table " + t_.spec.shown);
        if (i && o) j->inner.push_back(*i), j->outer.push_back(*o), used_.insert(*o), j->rows->used_.insert(*i);
        good = good && i && o;
    }
    good = j->rows->compile() && good;
    if (!good) return false;
    std::unordered_set<std::string> outer_keys;
    for (std::size_t r = 0; r < t_.table.rows(); ++r) outer_keys.insert(row_key(t_.table, r, j->outer));
    const CsvTable& inner = j->table->table;
    for (std::size_t r = 0; r < inner.rows(); ++r) {
        if (!j->rows->taken(r)) continue;
        std::string key = row_key(inner, r, j->inner);
        if (!outer_keys.contains(key)) {
            cx_.report(Code::unjoined_row, j->rows->cells_.mark(r, j->inner.front()),
                       "no row of " + t_.spec.shown + " has " + excerpt(t_.table.header(j->outer.front())) + " '" +
                           excerpt(inner.cell(r, j->inner.front())) + "'" + (j->inner.size() > 1 ? " with this row's other join cells" : "") +
                           " (join: " + excerpt(inner.header(j->inner.front())) + " → " + excerpt(t_.table.header(j->outer.front())) +
                           "): this row is not read");
            continue;
        }
        j->by_key[std::move(key)].push_back(r);
    }
    varies_[n.index()] = true;
    joins_[n.index()] = std::move(j);
    return true;
}

bool Expander::compile(const Node& n) {
    if (n.IsMap() && n["table"].IsDefined()) return compile_join(n);
    bool good = true, varies = false;
    if (n.IsScalar()) {
        good = compile_scalar(n);
        varies = parts_.contains(n.index());
    } else {
        for (const auto& e : n) {
            for (const Node& child : n.IsMap() ? std::vector<Node>{e.first, e.second} : std::vector<Node>{e}) {
                good = compile(child) && good;
                varies = varies || varies_[child.index()];
            }
        }
    }
    varies_[n.index()] = varies;
    return good;
}

bool Expander::compile() {
    const bool good = compile(t_.spec.row);  // a joined table's template may join further tables
    key_columns_.assign(used_.begin(), used_.end());
    return good;
}

std::uint32_t Expander::substitute(std::uint32_t node, const std::vector<Part>& parts, std::size_t row) {
    std::string text;
    yaml::Mark at = doc_.items[node].mark;
    bool first = true, empty_cell = false;
    for (const Part& p : parts) {
        if (p.column == no_column) {
            text += p.text;
            continue;
        }
        const std::string cell = cells_.value(row, p.column);
        if (first) at = cells_.mark(row, p.column);
        first = false;
        empty_cell = parts.size() == 1 && cell.empty();
        text += cell;
    }
    Document::Item item;
    item.mark = at;
    if (empty_cell) {  // an empty cell is no value, as `key:` with nothing after it
        item.type = NodeType::Null;
        return add(item);
    }
    item.type = NodeType::Scalar;
    item.plain = false;  // a cell is text: never a YAML float
    item.first = static_cast<std::uint32_t>(doc_.chars.size());
    item.count = static_cast<std::uint32_t>(text.size());
    doc_.chars += text;
    return add(item);
}

// The joined rows of outer row `row`, as a list where the outer row's first join cell is.
std::uint32_t Expander::copy_join(const Join& j, std::size_t row) {
    std::vector<std::uint32_t> rows;
    if (const auto it = j.by_key.find(row_key(t_.table, row, j.outer)); it != j.by_key.end())
        for (const std::size_t r : it->second) rows.push_back(j.rows->copy_row(r));
    return add_list(rows, cells_.mark(row, j.outer.front()));
}

std::uint32_t Expander::copy(std::uint32_t node, std::size_t row) {
    if (!varies_[node]) return node;  // shared by every row
    if (const auto it = parts_.find(node); it != parts_.end()) return substitute(node, it->second, row);
    if (const auto it = joins_.find(node); it != joins_.end()) return copy_join(*it->second, row);
    const Document::Item item = doc_.items[node];
    const std::size_t n = item.type == NodeType::Map ? 2 * std::size_t{item.count} : item.count;
    std::vector<std::uint32_t> children;
    children.reserve(n);
    Document::Item out = item;
    bool placed = false;  // a new mapping or list is where the first cell it names is
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t from = doc_.children[item.first + k], to = copy(from, row);
        if (!placed && to != from) out.mark = doc_.items[to].mark, placed = true;
        children.push_back(to);
    }
    out.first = static_cast<std::uint32_t>(doc_.children.size());
    doc_.children.insert(doc_.children.end(), children.begin(), children.end());
    return add(out);
}

std::uint32_t Expander::copy_row(std::size_t r) {
    const std::uint32_t node = copy(t_.spec.row.index(), r);
    if (node != t_.spec.row.index()) doc_.items[node].mark = cells_.mark(r, 0);  // a row is where its line starts
    return node;
}

bool Expander::taken(std::size_t r) {
    if (!cells_.selected(r) || cells_.skipped(r)) return false;
    if (!t_.spec.distinct) return true;
    return seen_.insert(row_key(t_.table, r, key_columns_)).second;
}

std::uint32_t Expander::expand(yaml::Mark at) {
    std::vector<std::uint32_t> rows;
    rows.reserve(t_.table.rows());
    for (std::size_t r = 0; r < t_.table.rows(); ++r)
        if (taken(r)) rows.push_back(copy_row(r));
    return add_list(rows, at);
}

}  // namespace subsidy::io::detail
