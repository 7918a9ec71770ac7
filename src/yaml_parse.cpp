// parse_yaml (yaml_reader.hpp): the text checks (text_check.hpp), then the node tree
// (yaml_node.hpp), built by one TreeBuilder (yaml_tree.hpp) from one parser's events, which
// checks the limits of docs/diagnostics.md as it builds. libyaml reads the files it reads as
// yaml-cpp does (yaml_libyaml.hpp), at eight times the speed; yaml-cpp's event parser reads
// the others, and reports every syntax error, so each diagnostic is the one it always was.
// yaml-cpp's own node tree is not built: it costs sixty times the file in memory, recurses
// once per level of nesting, and shares an aliased node the readers walk once per alias.
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/exceptions.h>
#include <yaml-cpp/parser.h>

#include <algorithm>
#include <cstdint>
#include <istream>
#include <streambuf>
#include <string>
#include <vector>

#include "syntax_hint.hpp"
#include "text_check.hpp"
#include "yaml_libyaml.hpp"
#include "yaml_reader.hpp"
#include "yaml_tree.hpp"

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

yaml::Mark mark_of(const YAML::Mark& m) { return yaml::Mark{m.pos, m.line, m.column}; }

// yaml-cpp's events into the tree.
class ReferenceEvents : public YAML::EventHandler {
public:
    explicit ReferenceEvents(yaml::TreeBuilder& tree) : tree_(tree) {}

    void OnDocumentStart(const YAML::Mark& at) override { tree_.document(mark_of(at)); }
    void OnDocumentEnd() override {}
    void OnAnchor(const YAML::Mark&, const std::string& name) override { anchor_name_ = name; }
    void OnNull(const YAML::Mark& at, YAML::anchor_t anchor) override { tree_.null(mark_of(at), id(anchor), anchor_name_); }
    void OnScalar(const YAML::Mark& at, const std::string& tag, YAML::anchor_t anchor, const std::string& value) override {
        tree_.scalar(mark_of(at), id(anchor), anchor_name_, value, tag == "?");  // "?": plain, no tag
    }
    void OnAlias(const YAML::Mark& at, YAML::anchor_t anchor) override { tree_.alias(mark_of(at), id(anchor)); }
    void OnSequenceStart(const YAML::Mark& at, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value style) override {
        tree_.open(mark_of(at), id(anchor), anchor_name_, yaml::NodeType::Sequence, style == YAML::EmitterStyle::Flow);
    }
    void OnMapStart(const YAML::Mark& at, const std::string&, YAML::anchor_t anchor, YAML::EmitterStyle::value style) override {
        tree_.open(mark_of(at), id(anchor), anchor_name_, yaml::NodeType::Map, style == YAML::EmitterStyle::Flow);
    }
    void OnSequenceEnd() override { tree_.close(); }
    void OnMapEnd() override { tree_.close(); }

private:
    static yaml::Anchor id(YAML::anchor_t a) { return static_cast<yaml::Anchor>(a); }  // NullAnchor is 0 in both
    yaml::TreeBuilder& tree_;
    std::string anchor_name_;  // of the next node (OnAnchor comes before it)
};

std::uint64_t node_limit(std::string_view text) { return std::max<std::uint64_t>(max_yaml_nodes, text.size()); }

}  // namespace

// yaml-cpp's event parser: the tree, or nothing once a problem is reported.
yaml::Document parse_yaml_reference(Context& cx, std::string_view text) {
    TextBuffer buffer(text);
    std::istream in(&buffer);
    yaml::TreeBuilder tree(max_yaml_depth, node_limit(text));
    ReferenceEvents events(tree);
    try {
        YAML::Parser parser(in);
        while (parser.HandleNextDocument(events)) {
        }
    } catch (const yaml::LimitCrossed& limit) {
        cx.error(limit.code, limit.at, limit.message);
        return {};
    } catch (const YAML::Exception& e) {
        report_syntax_error(cx, text, e);
        return {};
    }
    return tree.take();
}

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

int Context::column(const yaml::Mark& at) const {
    if (at.column < 0) return 0;
    // yaml-cpp's column counts bytes from the start of the line, which is at pos - column.
    if (at.pos < at.column || static_cast<std::size_t>(at.pos) > text_.size()) return at.column + 1;
    const auto end = static_cast<std::size_t>(at.pos), start = end - static_cast<std::size_t>(at.column);
    return at.column - static_cast<int>(continuations_before(end) - continuations_before(start)) + 1;
}

yaml::Document parse_yaml(Context& cx, const std::string& text) {
    // yaml-cpp skips a byte order mark and counts its positions after it.
    std::string_view body = text;
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    cx.set_text(body);
    if (!check_text(cx, body)) return {};
    if ((cx.file().ends_with(".json") || is_flow_document(body)) && !check_json_comments(cx, body)) return {};
    if (std::optional<yaml::Document> fast = yaml::parse_with_libyaml(body, cx.ascii(), max_yaml_depth, node_limit(body)))
        return std::move(*fast);
    return parse_yaml_reference(cx, body);
}

}  // namespace subsidy::io::detail
