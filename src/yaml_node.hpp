// The node tree the readers walk: what a catalog or scenario file says, built once from a
// parser's events (yaml_tree.hpp) and read-only afterwards. Private to subsidy::io.
//
// yaml-cpp's own tree costs about 60 bytes of heap per byte of input and reads at 3 MB/s
// (every node a shared, reference-counted object); this one is three flat arrays: 24 bytes a
// node, its children's indices, and the scalars' text end to end. A Node is a handle (the
// document and an index): copying it copies two words, and it stays valid while its
// Document lives. The meanings the readers relied on in yaml-cpp's tree are kept exactly:
// an absent key gives an undefined node, a plain `~`/`null`/empty value is Null, a mark is
// yaml-cpp's (0-based line, byte column and byte offset; -1 without a position), an alias
// is the node it names.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace subsidy::io::detail::yaml {

/// Where a node starts: 0-based line, column and offset, in bytes; -1 when it has none.
/// `file`: 0 for the file parsed, k for the k-th file the Context added (a table's cells).
struct Mark {
    int pos = -1;
    int line = -1;
    int column = -1;
    std::uint16_t file = 0;
    static constexpr Mark null_mark() noexcept { return {}; }
};

enum class NodeType : std::uint8_t { Undefined, Null, Scalar, Sequence, Map };

class Node;

/// The storage of one parsed document; its root is the first node built.
class Document {
public:
    struct Item {
        std::uint32_t first = 0;  // a scalar: offset in chars; a collection: in children
        std::uint32_t count = 0;  // a scalar: its length; a list: items; a mapping: pairs
        Mark mark;
        NodeType type = NodeType::Undefined;
        bool plain = false;  // a scalar written without quotes or a tag: YAML would type it
        bool flow = false;   // a collection written in brackets or braces
    };
    [[nodiscard]] Node root() const noexcept;
    [[nodiscard]] bool empty() const noexcept { return items.empty(); }

    std::vector<Item> items;
    std::vector<std::uint32_t> children;  // a mapping's: key, value, key, value…
    std::string chars;
};

/// A node of a Document, or an undefined node (no document).
class Node {
public:
    Node() = default;
    Node(const Document* doc, std::uint32_t index) noexcept : doc_(doc), index_(index) {}

    [[nodiscard]] NodeType Type() const noexcept { return doc_ ? item().type : NodeType::Undefined; }
    [[nodiscard]] bool IsDefined() const noexcept { return doc_ != nullptr; }
    [[nodiscard]] bool IsNull() const noexcept { return Type() == NodeType::Null; }
    [[nodiscard]] bool IsScalar() const noexcept { return Type() == NodeType::Scalar; }
    [[nodiscard]] bool IsSequence() const noexcept { return Type() == NodeType::Sequence; }
    [[nodiscard]] bool IsMap() const noexcept { return Type() == NodeType::Map; }
    /// Written without quotes or tag (a scalar YAML would read as a number or a boolean).
    [[nodiscard]] bool IsPlain() const noexcept { return doc_ && item().plain; }
    /// A list or mapping written in brackets or braces.
    [[nodiscard]] bool IsFlow() const noexcept { return doc_ && item().flow; }
    [[nodiscard]] Mark GetMark() const noexcept { return doc_ ? item().mark : Mark{}; }
    /// A scalar's text; "" for any other node.
    [[nodiscard]] std::string_view Scalar() const noexcept {
        if (!IsScalar()) return {};
        return std::string_view(doc_->chars).substr(item().first, item().count);
    }
    /// Items of a list, pairs of a mapping, 0 otherwise.
    [[nodiscard]] std::size_t size() const noexcept {
        const NodeType t = Type();
        return t == NodeType::Sequence || t == NodeType::Map ? item().count : 0;
    }
    /// The value of the first key `key` of a mapping; undefined if none (or not a mapping).
    [[nodiscard]] Node operator[](std::string_view key) const noexcept;
    /// Item `k` of a list; undefined if there is none.
    [[nodiscard]] Node operator[](std::size_t k) const noexcept { return IsSequence() && k < item().count ? child(k) : Node(); }

    /// Its place in its document (tables rebuild parts of a tree: scenario_tables.hpp).
    [[nodiscard]] std::uint32_t index() const noexcept { return index_; }

    /// What iterating gives: for a list, the item itself; for a mapping, a pair (first, second).
    struct Entry;
    class iterator;
    [[nodiscard]] iterator begin() const noexcept;
    [[nodiscard]] iterator end() const noexcept;

private:
    [[nodiscard]] const Document::Item& item() const noexcept { return doc_->items[index_]; }
    [[nodiscard]] Node child(std::size_t k) const noexcept { return {doc_, doc_->children[item().first + k]}; }

    const Document* doc_ = nullptr;
    std::uint32_t index_ = 0;
};

struct Node::Entry : Node {
    Node first, second;
};

class Node::iterator {
public:
    iterator(Node of, std::size_t k) noexcept : of_(of), k_(k) {}
    Entry operator*() const noexcept {
        if (of_.IsMap()) return Entry{Node(), of_.child(2 * k_), of_.child(2 * k_ + 1)};
        return Entry{of_.child(k_), Node(), Node()};
    }
    iterator& operator++() noexcept {
        ++k_;
        return *this;
    }
    friend bool operator==(const iterator& a, const iterator& b) noexcept { return a.k_ == b.k_; }

private:
    Node of_;
    std::size_t k_;
};

inline Node Document::root() const noexcept { return items.empty() ? Node() : Node(this, 0); }

inline Node::iterator Node::begin() const noexcept { return {*this, 0}; }
inline Node::iterator Node::end() const noexcept { return {*this, size()}; }

inline Node Node::operator[](std::string_view key) const noexcept {
    if (!IsMap()) return {};
    for (std::size_t k = 0; k < item().count; ++k)
        if (const Node n = child(2 * k); n.IsScalar() && n.Scalar() == key) return child(2 * k + 1);
    return {};
}

}  // namespace subsidy::io::detail::yaml
