#include "yaml_libyaml.hpp"

#include <yaml.h>

#include <string>
#include <vector>

#include "yaml_tree.hpp"

namespace subsidy::io::detail::yaml {

namespace {

struct GiveUp {};  // the file is left to yaml-cpp

// libyaml counts characters (offset and column), yaml-cpp bytes: the marks are turned into
// yaml-cpp's. Marks come nearly in file order, so a cursor walks forward from the last one.
class Marks {
public:
    Marks(std::string_view text, bool ascii) : text_(text), ascii_(ascii) {}

    Mark operator()(const yaml_mark_t& m) {
        if (ascii_) return Mark{static_cast<int>(m.index), static_cast<int>(m.line), static_cast<int>(m.column)};
        const std::size_t end = byte_of(m.index);
        std::size_t start = end, chars = m.column;  // the line's start: `column` characters back
        while (chars > 0 && start > 0) {
            --start;
            if (!continuation(text_[start])) --chars;
        }
        return Mark{static_cast<int>(end), static_cast<int>(m.line), static_cast<int>(end - start)};
    }

private:
    static bool continuation(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }
    std::size_t byte_of(std::size_t index) {
        if (index < char_) char_ = byte_ = 0;  // backwards: start again
        while (char_ < index && byte_ < text_.size()) {
            ++byte_;
            while (byte_ < text_.size() && continuation(text_[byte_])) ++byte_;
            ++char_;
        }
        return byte_;
    }
    std::string_view text_;
    bool ascii_;
    std::size_t char_ = 0, byte_ = 0;
};

// Where yaml-cpp puts an empty node: at the next token, the first character after `from`
// that is neither blank, nor a line end, nor in a comment.
std::size_t next_token(std::string_view text, std::size_t from) {
    std::size_t i = from;
    while (i < text.size()) {
        const char c = text[i];
        if (c == ' ' || c == '\r' || c == '\n') {
            ++i;
        } else if (c == '#' && (i == from || text[i - 1] == ' ' || text[i - 1] == '\n' || text[i - 1] == '\r')) {
            const std::size_t eol = text.find('\n', i);
            i = eol == std::string_view::npos ? text.size() : eol;
        } else {
            break;
        }
    }
    return i;
}

class Reader {
public:
    Reader(std::string_view text, bool ascii, std::size_t max_depth, std::uint64_t max_nodes)
        : text_(text), marks_(text, ascii), tree_(max_depth, max_nodes) {
        tree_.reserve_for(text.size());
    }

    void event(const yaml_event_t& e);
    Document take() { return tree_.take(); }

private:
    void scalar(const yaml_event_t& e);
    Mark empty_mark(const yaml_event_t& e);

    std::string_view text_;
    Marks marks_;
    TreeBuilder tree_;
    std::vector<std::size_t> flow_lines_;  // the line of each open flow collection
};

bool is_null_text(std::string_view v) { return v.empty() || v == "~" || v == "null" || v == "Null" || v == "NULL"; }

Mark Reader::empty_mark(const yaml_event_t& e) {
    const Mark at = marks_(e.start_mark);
    const std::size_t next = next_token(text_, static_cast<std::size_t>(at.pos));
    if (next >= text_.size()) throw GiveUp{};  // at the end: yaml-cpp's position of "nothing left"
    std::size_t line_start = text_.rfind('\n', next == 0 ? 0 : next - 1);
    line_start = (line_start == std::string_view::npos || next == 0) ? 0 : line_start + 1;
    int line = at.line;
    for (std::size_t i = static_cast<std::size_t>(at.pos); i < next; ++i) line += text_[i] == '\n';
    return Mark{static_cast<int>(next), line, static_cast<int>(next - line_start)};
}

void Reader::scalar(const yaml_event_t& e) {
    const auto& s = e.data.scalar;
    if (s.tag || s.anchor || e.start_mark.line != e.end_mark.line) throw GiveUp{};
    const std::string_view value(reinterpret_cast<const char*>(s.value), s.length);
    const bool plain = s.style == YAML_PLAIN_SCALAR_STYLE;
    if (plain && value.empty()) {
        if (tree_.at_key()) throw GiveUp{};  // an empty key (`: value`): yaml-cpp reads it its own way
        tree_.null(empty_mark(e), 0, "");
    } else if (plain && is_null_text(value)) {
        tree_.null(marks_(e.start_mark), 0, "");
    } else {
        tree_.scalar(marks_(e.start_mark), 0, "", value, plain);
    }
}

void Reader::event(const yaml_event_t& e) {
    // A flow collection over several lines: yaml-cpp and libyaml part on what may follow a
    // line end inside it (a comma, a comment, `key:value`): yaml-cpp reads it.
    if (!flow_lines_.empty() && e.start_mark.line != flow_lines_.back()) throw GiveUp{};
    switch (e.type) {
        case YAML_DOCUMENT_START_EVENT:
            if (e.data.document_start.version_directive || e.data.document_start.tag_directives.start) throw GiveUp{};
            tree_.document(marks_(e.start_mark));
            break;
        case YAML_SCALAR_EVENT: scalar(e); break;
        case YAML_ALIAS_EVENT: throw GiveUp{};
        case YAML_SEQUENCE_START_EVENT:
        case YAML_MAPPING_START_EVENT: {
            const bool map = e.type == YAML_MAPPING_START_EVENT;
            const yaml_char_t* tag = map ? e.data.mapping_start.tag : e.data.sequence_start.tag;
            const yaml_char_t* anchor = map ? e.data.mapping_start.anchor : e.data.sequence_start.anchor;
            const bool flow = map ? e.data.mapping_start.style == YAML_FLOW_MAPPING_STYLE : e.data.sequence_start.style == YAML_FLOW_SEQUENCE_STYLE;
            if (tag || anchor) throw GiveUp{};
            tree_.open(marks_(e.start_mark), 0, "", map ? NodeType::Map : NodeType::Sequence, flow);
            if (flow || !flow_lines_.empty()) flow_lines_.push_back(e.start_mark.line);
            break;
        }
        case YAML_SEQUENCE_END_EVENT:
        case YAML_MAPPING_END_EVENT:
            tree_.close();
            if (!flow_lines_.empty()) flow_lines_.pop_back();
            break;
        default: break;
    }
}

// Owns the parser and the event being read, whatever leaves the loop.
struct Parser {
    yaml_parser_t parser;
    yaml_event_t event;
    bool has_event = false;
    Parser() { yaml_parser_initialize(&parser); }
    ~Parser() {
        if (has_event) yaml_event_delete(&event);
        yaml_parser_delete(&parser);
    }
    Parser(const Parser&) = delete;
    Parser& operator=(const Parser&) = delete;
};

}  // namespace

bool needs_reference_parser(std::string_view text) {
    if (text.find('\t') != std::string_view::npos) return true;
    if (text.find("\xE2\x80\xA8") != std::string_view::npos || text.find("\xE2\x80\xA9") != std::string_view::npos) return true;
    if (text.find("\xEF\xBB\xBF") != std::string_view::npos) return true;
    // An explicit key (`? key`) is a `?` followed by a blank or the end; inside a flow
    // collection, yaml-cpp refuses a `?` that libyaml reads as text. Any other `?` (the query
    // of a URL in a block scalar, `print.php?id=598`) is text to both. A flow collection
    // over several lines goes to yaml-cpp anyway (Reader::event): one that holds this `?`
    // opened on its line.
    for (std::size_t q = text.find('?'); q != std::string_view::npos; q = text.find('?', q + 1)) {
        if (q + 1 == text.size() || text[q + 1] == ' ' || text[q + 1] == '\n' || text[q + 1] == '\r') return true;
        const std::size_t line = text.rfind('\n', q) == std::string_view::npos ? 0 : text.rfind('\n', q) + 1;
        if (text.substr(line, q - line).find_first_of("{[") != std::string_view::npos) return true;
    }
    return false;
}

std::optional<Document> parse_with_libyaml(std::string_view text, bool ascii, std::size_t max_depth, std::uint64_t max_nodes) {
    if (needs_reference_parser(text)) return std::nullopt;
    Parser p;
    yaml_parser_set_input_string(&p.parser, reinterpret_cast<const unsigned char*>(text.data()), text.size());
    yaml_parser_set_encoding(&p.parser, YAML_UTF8_ENCODING);
    Reader reader(text, ascii, max_depth, max_nodes);
    try {
        for (;;) {
            if (!yaml_parser_parse(&p.parser, &p.event)) return std::nullopt;
            p.has_event = true;
            const bool end = p.event.type == YAML_STREAM_END_EVENT;
            reader.event(p.event);
            yaml_event_delete(&p.event);
            p.has_event = false;
            if (end) break;
        }
    } catch (const GiveUp&) {
        return std::nullopt;
    } catch (const LimitCrossed&) {
        return std::nullopt;  // yaml-cpp reports it, at its own marks
    }
    return reader.take();
}

}  // namespace subsidy::io::detail::yaml
