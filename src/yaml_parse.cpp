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
#include <bit>
#include <cstring>
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

namespace {

// The UTF-8 continuation bytes (10xxxxxx) of `s`, eight bytes at a time.
std::size_t count_continuations(std::string_view s) {
    std::size_t count = 0, i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        // A continuation byte has its top bit set and the next one clear.
        const std::uint64_t marks = w & ~(w << 1) & 0x8080808080808080ULL;
        count += static_cast<std::size_t>(std::popcount(marks));
    }
    for (; i < s.size(); ++i) count += (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80;
    return count;
}

bool is_ascii(std::string_view s) {
    std::uint64_t high = 0;
    std::size_t i = 0;
    for (; i + 8 <= s.size(); i += 8) {
        std::uint64_t w;
        std::memcpy(&w, s.data() + i, 8);
        high |= w;
    }
    for (; i < s.size(); ++i) high |= static_cast<unsigned char>(s[i]);
    return (high & 0x8080808080808080ULL) == 0;
}

}  // namespace

void Context::Source::set_text(std::string_view t) {
    text = t;
    continuations.clear();
    if (is_ascii(t)) return;
    std::size_t count = 0;
    for (std::size_t at = 0; at < t.size(); at += block) {
        continuations.push_back(count);
        count += count_continuations(t.substr(at, block));
    }
}

std::size_t Context::Source::continuations_before(std::size_t offset) const {
    if (continuations.empty()) return 0;  // ASCII only
    const std::size_t from = offset / block * block;
    return continuations[offset / block] + count_continuations(text.substr(from, offset - from));
}

void Context::set_text(std::string_view text) { sources_.front().set_text(text); }

std::uint16_t Context::add_file(std::string name, std::shared_ptr<const std::string> whole, std::string_view text) {
    Source s{std::move(name), {}, {}, std::move(whole)};
    s.set_text(text);
    sources_.push_back(std::move(s));
    return static_cast<std::uint16_t>(sources_.size() - 1);
}

void Context::absorb(Context& other) {
    other.sort();
    errors_ += other.errors_;
    for (Diagnostic& d : other.diagnostics_) diagnostics_.push_back(std::move(d));
    other.diagnostics_.clear();
    other.errors_ = 0;
}

int Context::column(const yaml::Mark& at) const {
    if (at.column < 0) return 0;
    const Source& s = at.file < sources_.size() ? sources_[at.file] : sources_.front();
    // yaml-cpp's column counts bytes from the start of the line, which is at pos - column.
    if (at.pos < at.column || static_cast<std::size_t>(at.pos) > s.text.size()) return at.column + 1;
    const auto end = static_cast<std::size_t>(at.pos), start = end - static_cast<std::size_t>(at.column);
    return at.column - static_cast<int>(s.continuations_before(end) - s.continuations_before(start)) + 1;
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
