// Building the node tree (yaml_node.hpp) from a parser's events, one event at a time, while
// checking the limits of docs/diagnostics.md ("Limits"): nesting, nodes as the readers walk
// them (an alias: as many as the node it names), an alias inside its own anchor, one
// document. Both parsers feed it (yaml_parse.cpp): the tree and the limits are written once.
// Private to subsidy::io.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/io/diagnostics.hpp"
#include "yaml_node.hpp"

namespace subsidy::io::detail::yaml {

/// An anchor's number: 1, 2… in the order the file defines them; 0 for a node without one.
using Anchor = std::uint32_t;

/// Thrown by TreeBuilder where a limit is crossed: what to report, and where.
struct LimitCrossed {
    Code code;
    Mark at;
    std::string message;
};

class TreeBuilder {
public:
    /// `max_depth`: mappings and lists inside each other; `max_nodes`: as the readers walk them.
    TreeBuilder(std::size_t max_depth, std::uint64_t max_nodes) : max_depth_(max_depth), max_nodes_(max_nodes) {}
    /// Room for the tree of a text of `bytes` (address space only, until the nodes use it):
    /// growing the arrays would copy them and touch their pages twice.
    void reserve_for(std::size_t bytes);

    void document(Mark at);
    void scalar(Mark at, Anchor anchor, std::string_view anchor_name, std::string_view value, bool plain);
    void null(Mark at, Anchor anchor, std::string_view anchor_name);
    void alias(Mark at, Anchor anchor);
    void open(Mark at, Anchor anchor, std::string_view anchor_name, NodeType type, bool flow);
    void close();
    /// Whether the next node is a key of the mapping being built.
    [[nodiscard]] bool at_key() const noexcept;

    /// The tree built (the first document's root is its first node).
    [[nodiscard]] Document take() { return std::move(doc_); }

private:
    struct Anchored {  // what an anchor names, as the readers see it
        std::uint32_t node = 0;
        std::uint64_t nodes = 0;
        std::size_t height = 0;  // mappings and lists inside each other, itself included
        bool open = false;       // still being read: an alias to it is a cycle
        std::string name;
    };
    struct Open {
        std::uint32_t node;
        Anchor anchor;
        std::uint64_t nodes_before;
        std::size_t first_pending;  // where its children start in pending_
        std::size_t height_below = 0;
    };

    [[noreturn]] static void stop(Code code, Mark at, std::string message);
    std::uint32_t add_item(Mark at, NodeType type, bool plain);
    void attach(std::uint32_t node);
    void count(Mark at, std::uint64_t nodes, bool alias);
    void anchor_leaf(Anchor anchor, std::string_view name, std::uint32_t node);
    Anchored& anchored(Anchor anchor);

    std::size_t max_depth_;
    std::uint64_t max_nodes_;
    std::uint64_t nodes_ = 0;
    int documents_ = 0;
    Document doc_;
    std::vector<Anchored> anchors_;
    std::vector<Open> open_;
    std::vector<std::uint32_t> pending_;  // the children of the open collections, in order
};

}  // namespace subsidy::io::detail::yaml
