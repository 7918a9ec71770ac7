// expand_tables (scenario_tables.hpp): each table of the tree, its declaration read
// (table_spec.hpp), its text parsed (csv_table.hpp) and its rows copied into the document
// (table_expander.hpp), takes its place.
#include "scenario_tables.hpp"

#include <memory>
#include <vector>

#include "table_expander.hpp"

namespace subsidy::io::detail {

namespace {

using yaml::Document;
using yaml::Node;
using yaml::NodeType;

bool is_table(const Node& n) { return n.IsMap() && n["table"].IsDefined(); }

// The list of the table that `n` declares, as a node of `doc`; `n` itself if it cannot be
// read (reported), so that the readers say nothing more of it than they would of a mapping.
std::uint32_t expand_one(Context& cx, Document& doc, const Node& n, const std::string& base_dir) {
    const std::unique_ptr<LoadedTable> table = load_table(cx, n, base_dir, false);
    if (!table) return n.index();
    Expander ex(cx, doc, *table, base_dir);
    if (!ex.compile()) return n.index();
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
    // A list's items, its tables' rows spliced in: gathered from its first table read on (most
    // lists have none, and the whole tree is walked).
    std::vector<std::uint32_t> items;
    bool spliced = false;
    for (std::size_t k = 0; k < n; ++k) {
        const std::uint32_t child = doc.children[item.first + k];
        const Node c(&doc, child);
        if (!is_table(c)) {
            expand_under(cx, doc, child, base_dir, depth + 1, all_read);
            if (spliced) items.push_back(child);
            continue;
        }
        const std::uint32_t rows = expand_one(cx, doc, c, base_dir);
        all_read = all_read && rows != child;
        if (!list) {
            doc.children[item.first + k] = rows;
        } else if (rows != child) {
            if (!spliced) items.assign(doc.children.begin() + item.first, doc.children.begin() + item.first + static_cast<std::ptrdiff_t>(k));
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
