// report_syntax_error (syntax_hint.hpp). The text is scanned line by line with just enough of
// YAML to tell where a tab is legal (in a block scalar, a quoted scalar, a flow collection,
// a comment, after content) from where it is not (the indentation of a block line), and
// which brackets are never closed: quotes and brackets count only where a token may start,
// so that l'Aude or x[1] in a plain scalar open nothing.
#include "syntax_hint.hpp"

#include <optional>
#include <string>
#include <vector>

#include "text_check.hpp"

namespace subsidy::io::detail {

namespace {

// yaml-cpp's own message for a tab it meets in the indentation (its mark is then right).
constexpr std::string_view tab_message = "illegal tab when looking for indentation";

struct Bracket {
    char c;
    std::size_t offset;
};

struct Scan {
    bool line_in_block = false;     // the error line starts in block context, outside any scalar
    std::vector<Bracket> unclosed;  // the brackets never closed in the whole text, in order
};

bool is_blank(char c) { return c == ' ' || c == '\t'; }

// Whether a token may start after `previous`.
bool token_may_start(char previous) {
    return previous == '\n' || is_blank(previous) || previous == '[' || previous == '{' || previous == ',' || previous == ':';
}

// Whether `line`, up to `end` (its comment, if any), ends with a block scalar header such as
// `|`, `>-` or `|2`.
bool ends_with_block_header(std::string_view line, std::size_t end) {
    line = line.substr(0, end);
    while (!line.empty() && (is_blank(line.back()) || line.back() == '\r')) line.remove_suffix(1);
    std::size_t i = line.size();
    while (i > 0 && (line[i - 1] == '+' || line[i - 1] == '-' || (line[i - 1] >= '1' && line[i - 1] <= '9')) && line.size() - i < 2) --i;
    if (i == 0 || (line[i - 1] != '|' && line[i - 1] != '>')) return false;
    return i == 1 || is_blank(line[i - 2]);
}

// The indentation that the lines of the block scalar a header line opens are deeper than:
// the column of its key, or of its `-` for `- |`.
std::size_t block_scalar_parent(std::string_view line) {
    std::size_t p = line.find_first_not_of(' ');
    std::size_t parent = p;
    while (p != std::string_view::npos && p + 1 < line.size() && line[p] == '-' && is_blank(line[p + 1])) {
        parent = p;
        p = line.find_first_not_of(" \t", p + 1);
        if (p != std::string_view::npos && line[p] != '|' && line[p] != '>') parent = p;
    }
    return parent == std::string_view::npos ? 0 : parent;
}

// Follows the quotes, brackets and comment of one line; the offset where its comment starts
// (or its length) in `comment`.
void scan_line(std::string_view line, std::size_t start, char& quote, std::vector<Bracket>& open, std::size_t& comment) {
    char previous = '\n';
    comment = line.size();
    for (std::size_t i = 0; i < line.size(); ++i) {
        const char c = line[i];
        if (quote == '"') {
            if (c == '\\') ++i;
            else if (c == '"') quote = 0;
        } else if (quote == '\'') {
            if (c == '\'' && i + 1 < line.size() && line[i + 1] == '\'') ++i;  // '' is a quote inside
            else if (c == '\'') quote = 0;
        } else if (c == '#' && (previous == '\n' || is_blank(previous))) {
            comment = i;
            return;
        } else if ((c == '"' || c == '\'') && token_may_start(previous)) {
            quote = c;
        } else if ((c == '[' || c == '{') && (token_may_start(previous) || !open.empty())) {
            open.push_back(Bracket{c, start + i});
        } else if ((c == ']' || c == '}') && !open.empty() && open.back().c == (c == ']' ? '[' : '{')) {
            open.pop_back();  // a closer of the other kind closes nothing: what it meets stays open
        }
        previous = c;
    }
}

Scan scan(std::string_view text, std::size_t error_line) {
    Scan out;
    std::vector<Bracket> open;
    char quote = 0;
    std::optional<std::size_t> block_scalar;  // the parent indentation of the block scalar being read
    for (std::size_t start = 0, line = 0;; ++line) {
        const std::size_t nl = text.find('\n', start), end = nl == std::string_view::npos ? text.size() : nl;
        const std::string_view l = text.substr(start, end - start);
        bool content = false;
        if (block_scalar && quote == 0 && open.empty()) {
            const std::size_t indent = l.find_first_not_of(' ');
            content = l.find_first_not_of(" \t\r") == std::string_view::npos || (indent != std::string_view::npos && indent > *block_scalar);
            if (!content) block_scalar.reset();
        }
        if (line == error_line) out.line_in_block = !content && quote == 0 && open.empty();
        if (!content) {
            std::size_t comment = 0;
            scan_line(l, start, quote, open, comment);
            if (quote == 0 && open.empty() && ends_with_block_header(l, comment)) block_scalar = block_scalar_parent(l);
        }
        if (nl == std::string_view::npos) break;
        start = nl + 1;
    }
    out.unclosed = std::move(open);
    return out;
}

// The first tab of the indentation of line `line` (0-based), if it has one.
std::optional<std::size_t> tab_in_indentation(std::string_view text, std::size_t line) {
    std::size_t start = 0;
    for (std::size_t l = 0; l < line; ++l) {
        start = text.find('\n', start);
        if (start == std::string_view::npos) return std::nullopt;
        ++start;
    }
    for (std::size_t i = start; i < text.size() && is_blank(text[i]); ++i)
        if (text[i] == '\t') return i;
    return std::nullopt;
}

}  // namespace

void report_syntax_error(Context& cx, std::string_view text, const YAML::Exception& e) {
    const std::string prefix = "YAML syntax: ";
    if (e.msg == tab_message || e.mark.line < 0) return cx.error(Code::syntax, yaml::Mark{e.mark.pos, e.mark.line, e.mark.column}, prefix + e.msg);
    const auto error_line = static_cast<std::size_t>(e.mark.line);
    const Scan s = scan(text, error_line);
    // A tab in the indentation of a block line, on the line where yaml-cpp stopped: the cause.
    if (s.line_in_block)
        if (const auto tab = tab_in_indentation(text, error_line))
            return cx.error(Code::syntax, mark_at(text, *tab), prefix + std::string(tab_message));
    std::string message = prefix + e.msg;
    std::optional<Bracket> last;  // the innermost bracket opened before the error, never closed
    for (const Bracket& b : s.unclosed)
        if (b.offset < static_cast<std::size_t>(std::max(e.mark.pos, 0))) last = b;
    if (last) {
        const yaml::Mark at = mark_at(text, last->offset);
        message += std::string(" (the '") + last->c + "' at " + std::to_string(at.line + 1) + ":" + std::to_string(cx.column(at)) +
                   " is not closed)";
    }
    cx.error(Code::syntax, yaml::Mark{e.mark.pos, e.mark.line, e.mark.column}, message);
}

}  // namespace subsidy::io::detail
