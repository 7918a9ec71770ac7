#include "yaml_tree.hpp"

#include <algorithm>
#include <limits>

#include "subsidy/detail/text.hpp"

namespace subsidy::io::detail::yaml {

using subsidy::detail::excerpt;

void TreeBuilder::stop(Code code, Mark at, std::string message) { throw LimitCrossed{code, at, std::move(message)}; }

TreeBuilder::Anchored& TreeBuilder::anchored(Anchor anchor) {
    if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
    return anchors_[anchor];
}

void TreeBuilder::reserve_for(std::size_t bytes) {
    // About a node per 8 bytes of text (a generated scenario: one per 8.2), a scalar's text
    // about half the text's: beyond that, the arrays grow.
    doc_.items.reserve(bytes / 8 + 16);
    doc_.children.reserve(bytes / 8 + 16);
    doc_.chars.reserve(bytes / 2 + 16);
}

void TreeBuilder::document(Mark at) {
    if (++documents_ > 1) stop(Code::limit, at, "a catalog or scenario file holds one YAML document; the second starts here");
}

// The nodes as the readers will walk them: an alias counts the nodes it names, each time.
void TreeBuilder::count(Mark at, std::uint64_t nodes, bool alias) {
    nodes_ += nodes;
    if (nodes_ <= max_nodes_) return;
    stop(Code::limit, at,
         std::string(alias ? "this alias makes" : "the aliases before this node make") + " the file more than " +
             std::to_string(max_nodes_) + " nodes as the readers walk it (an alias counts the nodes it names, each time): the limit of a file");
}

std::uint32_t TreeBuilder::add_item(Mark at, NodeType type, bool plain) {
    if (doc_.items.size() >= std::numeric_limits<std::uint32_t>::max()) stop(Code::limit, at, "more nodes than a file may hold");
    Document::Item item;
    item.mark = at;
    item.type = type;
    item.plain = plain;
    doc_.items.push_back(item);
    return static_cast<std::uint32_t>(doc_.items.size() - 1);
}

void TreeBuilder::attach(std::uint32_t node) {
    if (!open_.empty()) pending_.push_back(node);
}

void TreeBuilder::anchor_leaf(Anchor anchor, std::string_view name, std::uint32_t node) {
    if (anchor != 0) anchored(anchor) = Anchored{node, 1, 0, false, std::string(name)};
}

bool TreeBuilder::at_key() const noexcept {
    return !open_.empty() && doc_.items[open_.back().node].type == NodeType::Map && (pending_.size() - open_.back().first_pending) % 2 == 0;
}

void TreeBuilder::scalar(Mark at, Anchor anchor, std::string_view anchor_name, std::string_view value, bool plain) {
    count(at, 1, false);
    const std::uint32_t node = add_item(at, NodeType::Scalar, plain);
    Document::Item& item = doc_.items[node];
    item.first = static_cast<std::uint32_t>(doc_.chars.size());
    item.count = static_cast<std::uint32_t>(value.size());
    doc_.chars.append(value);
    attach(node);
    anchor_leaf(anchor, anchor_name, node);
}

void TreeBuilder::null(Mark at, Anchor anchor, std::string_view anchor_name) {
    count(at, 1, false);
    const std::uint32_t node = add_item(at, NodeType::Null, false);
    attach(node);
    anchor_leaf(anchor, anchor_name, node);
}

void TreeBuilder::alias(Mark at, Anchor anchor) {
    const Anchored& a = anchored(anchor);
    if (a.open)
        stop(Code::limit, at,
             "alias *" + excerpt(a.name) + " inside the node &" + excerpt(a.name) + " it names: that node would contain itself without end");
    if (open_.size() + a.height > max_depth_)
        stop(Code::limit, at,
             "alias *" + excerpt(a.name) + " nests mappings and lists deeper than " + std::to_string(max_depth_) +
                 " levels here (an alias counts the levels of the node it names): the limit of nesting");
    if (!open_.empty()) open_.back().height_below = std::max(open_.back().height_below, a.height);
    count(at, a.nodes, true);
    attach(a.node);
}

void TreeBuilder::open(Mark at, Anchor anchor, std::string_view anchor_name, NodeType type, bool flow) {
    if (open_.size() == max_depth_)
        stop(Code::limit, at, "mappings and lists nested deeper than " + std::to_string(max_depth_) + " levels: the limit of nesting");
    const std::uint64_t before = nodes_;
    count(at, 1, false);
    const std::uint32_t node = add_item(at, type, false);
    doc_.items[node].flow = flow;
    attach(node);
    if (anchor != 0) anchored(anchor) = Anchored{node, 0, 0, true, std::string(anchor_name)};
    open_.push_back(Open{node, anchor, before, pending_.size()});
}

void TreeBuilder::close() {
    const Open o = open_.back();
    open_.pop_back();
    Document::Item& item = doc_.items[o.node];
    const std::size_t n = pending_.size() - o.first_pending;
    item.first = static_cast<std::uint32_t>(doc_.children.size());
    item.count = static_cast<std::uint32_t>(item.type == NodeType::Map ? n / 2 : n);
    doc_.children.insert(doc_.children.end(), pending_.begin() + static_cast<std::ptrdiff_t>(o.first_pending), pending_.end());
    pending_.resize(o.first_pending);

    const std::size_t height = o.height_below + 1;
    if (!open_.empty()) open_.back().height_below = std::max(open_.back().height_below, height);
    if (o.anchor == 0) return;
    Anchored& a = anchored(o.anchor);
    a.nodes = nodes_ - o.nodes_before;
    a.height = height;
    a.open = false;
}

}  // namespace subsidy::io::detail::yaml
