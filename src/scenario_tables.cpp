// expand_tables (scenario_tables.hpp): the table's declaration is read (table_spec.hpp), the
// table parsed (csv_table.hpp), the template's `${column}`s found once, then each row copied
// from the template into the same document: a node naming no column is shared by every row
// (as an alias is), a node naming one is new, with the position of the first cell it names.
#include "scenario_tables.hpp"

#include <filesystem>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "csv_table.hpp"
#include "file_text.hpp"
#include "subsidy/error.hpp"
#include "table_spec.hpp"

namespace subsidy::io::detail {

namespace {

using yaml::Document;
using yaml::Node;
using yaml::NodeType;
using subsidy::detail::excerpt;

class Expander {
public:
    Expander(Context& cx, Document& doc, const CsvTable& table, const TableSpec& spec, std::uint16_t file)
        : cx_(cx), doc_(doc), table_(table), spec_(spec), cells_(cx, table, spec, file) {}

    /// Finds the template's columns; false (reported) if one is not in the header.
    bool compile(const Node& n);
    /// The list of the rows, as a new node of the document.
    std::uint32_t expand(yaml::Mark at);

private:
    struct Part {
        std::string text;                // written as is…
        std::size_t column = no_column;  // …or a column's cell
    };
    static constexpr std::size_t no_column = static_cast<std::size_t>(-1);

    bool compile_scalar(const Node& n);
    std::uint32_t copy(std::uint32_t node, std::size_t row);
    std::uint32_t substitute(std::uint32_t node, const std::vector<Part>& parts, std::size_t row);
    std::uint32_t add(const Document::Item& item) {
        doc_.items.push_back(item);
        return static_cast<std::uint32_t>(doc_.items.size() - 1);
    }

    Context& cx_;
    Document& doc_;
    const CsvTable& table_;
    const TableSpec& spec_;
    CellReader cells_;
    std::unordered_map<std::uint32_t, std::vector<Part>> parts_;  // the template's scalars that name a column
    std::unordered_map<std::uint32_t, bool> varies_;              // whether a template node names a column
    std::vector<std::uint32_t> scratch_;
    std::set<std::size_t> used_;  // the columns the template names (distinct compares them)
};

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
        if (const auto c = table_.column(name)) {
            parts.push_back({{}, *c});
            used_.insert(*c);
        } else {
            std::vector<std::string> header;
            for (std::size_t k = 0; k < table_.columns(); ++k) header.emplace_back(table_.header(k));
            cx_.error(Code::unknown_id, n, "${" + excerpt(name) + "}: the table has no column '" + excerpt(name) + "'" + did_you_mean(name, header));
            good = false;
        }
        at = close + 1;
    }
    if (good) parts_[n.index()] = std::move(parts);
    return good;
}

bool Expander::compile(const Node& n) {
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

std::uint32_t Expander::copy(std::uint32_t node, std::size_t row) {
    if (!varies_[node]) return node;  // shared by every row
    if (const auto it = parts_.find(node); it != parts_.end()) return substitute(node, it->second, row);
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

std::uint32_t Expander::expand(yaml::Mark at) {
    std::vector<std::uint32_t> rows;
    rows.reserve(table_.rows());
    std::unordered_set<std::string> seen;  // with distinct: the template's cells of the rows taken
    std::string key;
    for (std::size_t r = 0; r < table_.rows(); ++r) {
        if (!cells_.selected(r) || cells_.skipped(r)) continue;
        if (spec_.distinct) {
            key.clear();
            for (const std::size_t c : used_) {  // each cell after its length: no two rows share a key
                const std::string_view cell = table_.cell(r, c);
                key += std::to_string(cell.size());
                key += ':';
                key += cell;
            }
            if (!seen.insert(key).second) continue;
        }
        const std::uint32_t node = copy(spec_.row.index(), r);
        if (node != spec_.row.index()) doc_.items[node].mark = cells_.mark(r, 0);  // a row is where its line starts
        rows.push_back(node);
    }
    Document::Item list;
    list.type = NodeType::Sequence;
    list.mark = at;
    list.first = static_cast<std::uint32_t>(doc_.children.size());
    list.count = static_cast<std::uint32_t>(rows.size());
    doc_.children.insert(doc_.children.end(), rows.begin(), rows.end());
    return add(list);
}

bool is_table(const Node& n) { return n.IsMap() && n["table"].IsDefined(); }

// The list of the table that `n` declares, as a node of `doc`; `n` itself if it cannot be
// read (reported), so that the readers say nothing more of it than they would of a mapping.
std::uint32_t expand_one(Context& cx, Document& doc, const Node& n, const std::string& base_dir) {
    const std::optional<TableSpec> spec = read_table_spec(cx, n, base_dir);
    if (!spec) return n.index();
    std::string text;
    try {
        text = read_file(spec->path);
    } catch (const load_error& e) {
        cx.error(Code::cannot_read, spec->at, "table '" + excerpt(spec->shown) + "': " + e.diagnostics().front().message);
        return n.index();
    }
    Context table_cx(spec->shown);
    const CsvTable table = parse_csv(table_cx, std::move(text), CsvDialect{spec->separator});
    cx.absorb(table_cx);
    if (table.columns() == 0) return n.index();
    const std::uint16_t file = cx.add_file(spec->shown, table.file(), table.body());
    Expander ex(cx, doc, table, *spec, file);
    if (!ex.compile(spec->row)) return n.index();
    return ex.expand(n.GetMark());
}

// Every table under node `index`: a mapping's value that is a table becomes the list of its
// rows; a list's item that is a table, its rows, in its place (several tables, and items
// written inline, make one list).
void expand_under(Context& cx, Document& doc, std::uint32_t index, const std::string& base_dir, int depth, bool& all_read) {
    const Document::Item item = doc.items[index];
    if ((item.type != NodeType::Map && item.type != NodeType::Sequence) || depth > 64) return;
    const bool list = item.type == NodeType::Sequence;
    const std::size_t n = list ? item.count : 2 * std::size_t{item.count};
    std::vector<std::uint32_t> items;  // a list's items, its tables' rows spliced in
    bool spliced = false;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t child = doc.children[item.first + k];
        const Node c(&doc, child);
        if (!is_table(c)) {
            expand_under(cx, doc, child, base_dir, depth + 1, all_read);
            items.push_back(child);
            continue;
        }
        const std::uint32_t rows = expand_one(cx, doc, c, base_dir);
        all_read = all_read && rows != child;
        if (!list) {
            doc.children[item.first + k] = rows;
        } else if (rows != child) {
            const Document::Item r = doc.items[rows];
            items.insert(items.end(), doc.children.begin() + r.first, doc.children.begin() + r.first + r.count);
            spliced = true;
        }
    }
    if (!spliced) return;
    Document::Item& out = doc.items[index];
    out.first = static_cast<std::uint32_t>(doc.children.size());
    out.count = static_cast<std::uint32_t>(items.size());
    doc.children.insert(doc.children.end(), items.begin(), items.end());
}

}  // namespace

bool expand_tables(Context& cx, yaml::Document& doc, const std::string& base_dir) {
    bool all_read = true;
    if (!doc.empty()) expand_under(cx, doc, 0, base_dir, 0, all_read);
    return all_read;
}

}  // namespace subsidy::io::detail
