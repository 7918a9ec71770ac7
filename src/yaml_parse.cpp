// parse_yaml (yaml_reader.hpp): the text checks (text_check.hpp), then one pass of yaml-cpp's
// event parser that checks the structure against the limits of docs/diagnostics.md, then the
// node tree. The event pass comes first because the tree cannot be built safely otherwise:
// yaml-cpp recurses once per level of nesting (a deep file overflows the stack), shares an
// aliased node where the readers walk it once per alias (a small file of aliases is read as
// billions of nodes), builds a cycle from an alias inside its own anchor, and drops every
// document after the first.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

#include "syntax_hint.hpp"
#include "text_check.hpp"
#include "yaml_reader.hpp"

namespace subsidy::io::detail {

namespace {

// An input stream over the text itself, not a copy of it (the text may be 256 MiB).
class TextBuffer : public std::streambuf {
public:
    explicit TextBuffer(std::string_view text) {
        char* p = const_cast<char*>(text.data());  // only read: this is an input buffer
        setg(p, p, p + text.size());
    }
};

struct Stopped {};  // thrown once a limit is reported: ends the parse there

// Counts the nodes as the readers will walk them (an alias: as many as the node it names) and
// the depth they will walk them at, and reports where a limit is crossed.
class StructureCheck : public YAML::EventHandler {
public:
    StructureCheck(Context& cx, std::uint64_t node_limit) : cx_(cx), node_limit_(node_limit) {}

    void OnDocumentStart(const YAML::Mark& at) override {
        if (++documents_ > 1) stop(Code::limit, at, "a catalog or scenario file holds one YAML document; the second starts here");
    }
    void OnDocumentEnd() override {}
    void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }
    void OnNull(const YAML::Mark& at, YAML::anchor_t anchor) override { leaf(at, anchor); }
    void OnScalar(const YAML::Mark& at, const std::string&, YAML::anchor_t anchor, const std::string&) override { leaf(at, anchor); }
    void OnAlias(const YAML::Mark& at, YAML::anchor_t anchor) override;
    void OnSequenceStart(const YAML::Mark& at, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(at, anchor);
    }
    void OnMapStart(const YAML::Mark& at, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value) override {
        open(at, anchor);
    }
    void OnSequenceEnd() override { close(); }
    void OnMapEnd() override { close(); }

private:
    struct Anchored {  // what an anchor names, as the readers see it
        std::uint64_t nodes = 0;
        std::size_t height = 0;  // mappings and lists inside each other, itself included
        bool open = false;       // still being read: an alias to it is a cycle
        std::string name;
    };
    struct Open {
        YAML::anchor_t anchor;
        std::uint64_t nodes_before;
        std::size_t height_below = 0;
    };

    [[noreturn]] void stop(Code code, const YAML::Mark& at, std::string message) {
        cx_.error(code, at, std::move(message));
        throw Stopped{};
    }
    Anchored& anchored(YAML::anchor_t anchor) {
        if (anchor >= anchors_.size()) anchors_.resize(anchor + 1);
        return anchors_[anchor];
    }
    void add(const YAML::Mark& at, std::uint64_t nodes, bool alias);
    void leaf(const YAML::Mark& at, YAML::anchor_t anchor);
    void open(const YAML::Mark& at, YAML::anchor_t anchor);
    void close();

    Context& cx_;
    std::uint64_t node_limit_;
    std::uint64_t nodes_ = 0;
    int documents_ = 0;
    std::string anchor_name_;  // of the next node (OnAnchor comes before it)
    std::vector<Anchored> anchors_;
    std::vector<Open> open_;
};

void StructureCheck::add(const YAML::Mark& at, std::uint64_t nodes, bool alias) {
    nodes_ += nodes;
    if (nodes_ <= node_limit_) return;
    stop(Code::limit, at,
         std::string(alias ? "this alias makes" : "the aliases before this node make") + " the file more than " +
             std::to_string(node_limit_) + " nodes as the readers walk it (an alias counts the nodes it names, each time): the limit of a file");
}

void StructureCheck::leaf(const YAML::Mark& at, YAML::anchor_t anchor) {
    add(at, 1, false);
    if (anchor != YAML::NullAnchor) anchored(anchor) = Anchored{1, 0, false, std::move(anchor_name_)};
}

void StructureCheck::OnAlias(const YAML::Mark& at, YAML::anchor_t anchor) {
    const Anchored& a = anchored(anchor);
    if (a.open)
        stop(Code::limit, at,
             "alias *" + subsidy::detail::excerpt(a.name) + " inside the node &" + subsidy::detail::excerpt(a.name) +
                 " it names: that node would contain itself without end");
    if (open_.size() + a.height > max_yaml_depth)
        stop(Code::limit, at,
             "alias *" + subsidy::detail::excerpt(a.name) + " nests mappings and lists deeper than " + std::to_string(max_yaml_depth) +
                 " levels here (an alias counts the levels of the node it names): the limit of nesting");
    if (!open_.empty()) open_.back().height_below = std::max(open_.back().height_below, a.height);
    add(at, a.nodes, true);
}

void StructureCheck::open(const YAML::Mark& at, YAML::anchor_t anchor) {
    if (open_.size() == max_yaml_depth)
        stop(Code::limit, at,
             "mappings and lists nested deeper than " + std::to_string(max_yaml_depth) + " levels: the limit of nesting");
    const std::uint64_t before = nodes_;
    add(at, 1, false);
    if (anchor != YAML::NullAnchor) anchored(anchor) = Anchored{0, 0, true, std::move(anchor_name_)};
    open_.push_back(Open{anchor, before});
}

void StructureCheck::close() {
    const Open o = open_.back();
    open_.pop_back();
    const std::size_t height = o.height_below + 1;
    if (!open_.empty()) open_.back().height_below = std::max(open_.back().height_below, height);
    if (o.anchor == YAML::NullAnchor) return;
    Anchored& a = anchored(o.anchor);
    a.nodes = nodes_ - o.nodes_before;
    a.height = height;
    a.open = false;
}

// The event pass; false once a problem is reported.
bool check_structure(Context& cx, std::string_view text) {
    TextBuffer buffer(text);
    std::istream in(&buffer);
    StructureCheck check(cx, std::max<std::uint64_t>(max_yaml_nodes, text.size()));
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(check)) {
        }
    } catch (const Stopped&) {
        return false;
    } catch (const YAML::Exception& e) {
        report_syntax_error(cx, text, e);
        return false;
    }
    return true;
}

}  // namespace

constexpr std::size_t block = 4096;  // of the table of continuation bytes: at most this many counted per column

void Context::set_text(std::string_view text) {
    text_ = text;
    continuations_.clear();
    if (std::all_of(text.begin(), text.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) return;
    std::size_t count = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (i % block == 0) continuations_.push_back(count);
        count += (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
    }
}

std::size_t Context::continuations_before(std::size_t offset) const {
    if (continuations_.empty()) return 0;  // ASCII only
    const std::size_t from = offset / block * block;
    return continuations_[offset / block] +
           static_cast<std::size_t>(std::count_if(text_.begin() + static_cast<std::ptrdiff_t>(from), text_.begin() + static_cast<std::ptrdiff_t>(offset),
                                                  [](char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }));
}

int Context::column(const YAML::Mark& at) const {
    if (at.column < 0) return 0;
    // yaml-cpp's column counts bytes from the start of the line, which is at pos - column.
    if (at.pos < at.column || static_cast<std::size_t>(at.pos) > text_.size()) return at.column + 1;
    const auto end = static_cast<std::size_t>(at.pos), start = end - static_cast<std::size_t>(at.column);
    return at.column - static_cast<int>(continuations_before(end) - continuations_before(start)) + 1;
}

YAML::Node parse_yaml(Context& cx, const std::string& text) {
    // yaml-cpp skips a byte order mark and counts its positions after it.
    std::string_view body = text;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    cx.set_text(body);
    if (!check_text(cx, body)) return YAML::Node();
    if ((cx.file().ends_with(".json") || is_flow_document(body)) && !check_json_comments(cx, body)) return YAML::Node();
    if (!check_structure(cx, body)) return YAML::Node();
    try {
        TextBuffer buffer(body);
        std::istream in(&buffer);
        return YAML::Load(in);
    } catch (const YAML::Exception& e) {  // the event pass met the same error first: not expected
        report_syntax_error(cx, body, e);
    }
    return YAML::Node();
}

}  // namespace subsidy::io::detail
