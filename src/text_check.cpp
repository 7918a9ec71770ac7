// The text checks made before YAML: see text_check.hpp. Each reports the first problem only:
// after a byte that is not text, where the next ones start is a guess.
#include "text_check.hpp"

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string>

namespace subsidy::io::detail {

namespace {

unsigned byte(std::string_view text, std::size_t i) { return i < text.size() ? static_cast<unsigned char>(text[i]) : 0x100; }

bool is_continuation(unsigned b) { return b >= 0x80 && b <= 0xBF; }

std::string hex(unsigned b) {
    char s[8];
    std::snprintf(s, sizeof s, "0x%02X", b);
    return s;
}

std::string code_point(unsigned c) {
    char s[12];
    std::snprintf(s, sizeof s, "U+%04X", c);
    return s;
}

// What a byte that is not UTF-8 is in Windows-1252 (Latin-1 with punctuation in 0x80-0x9F),
// the likely encoding of a French file that is not UTF-8; "" when it names no character.
std::string windows_1252(unsigned b) {
    static constexpr struct { unsigned byte; const char* text; } punctuation[] = {
        {0x80, "€"}, {0x85, "…"}, {0x8C, "Œ"}, {0x91, "‘"}, {0x92, "’"}, {0x93, "“"},
        {0x94, "”"}, {0x96, "–"}, {0x97, "—"}, {0x9C, "œ"}};
    std::string letter;
    for (const auto& p : punctuation)
        if (p.byte == b) letter = p.text;
    if (b > 0xA0 && b != 0xAD)  // the same code point in Latin-1, in UTF-8
        letter = std::string{static_cast<char>(0xC0 | (b >> 6)), static_cast<char>(0x80 | (b & 0x3F))};
    if (letter.empty()) return "";
    return " (" + hex(b) + " is '" + letter + "' in Windows-1252 or Latin-1: the file seems to be saved in one of them)";
}

// Why the UTF-8 sequence at `i` is invalid, or "" if it is valid; its length in `length`
// and its code point in `c`.
std::string decode(std::string_view text, std::size_t i, std::size_t& length, unsigned& c) {
    const unsigned b = byte(text, i), next = byte(text, i + 1);
    if (is_continuation(b)) return "byte " + hex(b) + " continues a UTF-8 sequence that was never started" + windows_1252(b);
    if ((b == 0xC0 || b == 0xC1) && is_continuation(next)) return "bytes " + hex(b) + " " + hex(next) + " are an overlong encoding";
    if (b >= 0xF5 && b <= 0xF7 && is_continuation(next)) return "bytes " + hex(b) + " " + hex(next) + " would encode a code point above U+10FFFF";
    if (b >= 0xF5) return "byte " + hex(b) + " is never in UTF-8" + windows_1252(b);
    length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4;
    if (b == 0xE0 && next >= 0x80 && next < 0xA0) return "bytes " + hex(b) + " " + hex(next) + " start an overlong encoding";
    if (b == 0xF0 && next >= 0x80 && next < 0x90) return "bytes " + hex(b) + " " + hex(next) + " start an overlong encoding";
    if (b == 0xED && next >= 0xA0 && next <= 0xBF)
        return "bytes " + hex(b) + " " + hex(next) + " encode a UTF-16 surrogate (U+D800 to U+DFFF), which UTF-8 never holds";
    if (b == 0xF4 && next >= 0x90 && next <= 0xBF) return "bytes " + hex(b) + " " + hex(next) + " encode a code point above U+10FFFF";
    c = b & (0xFF >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) {
        const unsigned cont = byte(text, i + k);
        if (!is_continuation(cont))
            return "byte " + hex(b) + " starts a " + std::to_string(length) + "-byte sequence that stops after " + std::to_string(k) +
                   (k == 1 ? " byte" + windows_1252(b) : std::string(" bytes"));  // a lone lead byte: another encoding
        c = (c << 6) | (cont & 0x3F);
    }
    return "";
}

// The C0 controls but tab, LF and CR; DEL; the C1 controls.
bool is_control(unsigned c) { return (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || (c >= 0x7F && c <= 0x9F); }

std::string control_name(unsigned c) {
    if (c == 0) return "a NUL byte (U+0000)";
    return "a control character (" + code_point(c) + ")";
}

class Checker {
public:
    Checker(Context& cx, std::string_view text) : cx_(cx), text_(text) {}

    bool run() {
        for (std::size_t i = 0; i < text_.size();) {
            i = skip_printable_ascii(i);
            if (i == text_.size()) break;
            const unsigned b = byte(text_, i);
            if (b == '\n') seen_lf_ = true;
            if (b == '\r' && byte(text_, i + 1) != '\n') return lone_cr(i);
            if (b < 0x80) {
                if (is_control(b)) return fail(i, control_name(b) + ": expected text");
                ++i;
                continue;
            }
            std::size_t length = 1;
            unsigned c = 0;
            if (std::string why = decode(text_, i, length, c); !why.empty())
                return fail(i, "not UTF-8: " + why + "; save the file as UTF-8");
            if (is_control(c)) return fail(i, control_name(c) + ": expected text");
            i += length;
        }
        return true;
    }

private:
    // The offset of the first byte from `i` on that the byte loop must look at (a control
    // character, a line end, a byte ≥ 0x7F), eight bytes at a time: most of a text is
    // printable ASCII, and this makes the check run at the speed of memory.
    [[nodiscard]] std::size_t skip_printable_ascii(std::size_t i) const {
        constexpr std::uint64_t ones = 0x0101010101010101ULL, highs = 0x8080808080808080ULL;
        while (i + 8 <= text_.size()) {
            std::uint64_t w;
            std::memcpy(&w, text_.data() + i, 8);
            const std::uint64_t below_space = (w - 0x20 * ones) & ~w & highs;   // a byte < 0x20
            const std::uint64_t del = ((w ^ 0x7F * ones) - ones) & ~(w ^ 0x7F * ones) & highs;  // a 0x7F
            if (((w & highs) | below_space | del) != 0) break;
            i += 8;
        }
        return i;
    }
    bool lone_cr(std::size_t i) {
        if (!seen_lf_)
            return fail(i, "lines end with CR only: save the file with LF (or CRLF) line endings");
        return fail(i, "a carriage return (CR) that no line feed follows: lines end with LF or CRLF");
    }
    bool fail(std::size_t at, std::string message) {
        cx_.error(Code::encoding, mark_at(text_, at), std::move(message));
        return false;
    }
    Context& cx_;
    std::string_view text_;
    bool seen_lf_ = false;
};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

}  // namespace

yaml::Mark mark_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    const std::string_view before = text.substr(0, offset);
    const std::size_t line_start = before.rfind('\n') == std::string_view::npos ? 0 : before.rfind('\n') + 1;
    yaml::Mark m;
    m.pos = static_cast<int>(offset);
    m.line = static_cast<int>(std::count(before.begin(), before.end(), '\n'));
    m.column = static_cast<int>(offset - line_start);
    return m;
}

bool check_text(Context& cx, std::string_view text) { return Checker(cx, text).run(); }

bool is_flow_document(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        if (is_space(text[i])) {
            ++i;
        } else if (text.substr(i, 3) == "---") {  // the document's start
            i += 3;
        } else if (text[i] == '#' || text[i] == '%') {  // a comment, a directive
            i = text.find('\n', i);
            if (i == std::string_view::npos) return false;
        } else {
            return text[i] == '{' || text[i] == '[';
        }
    }
    return false;
}

bool check_json_comments(Context& cx, std::string_view text) {
    char previous = '\n';
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '"' || c == '\'') {  // a string: to its closing quote (\" escapes in "…", '' in '…')
            for (++i; i < text.size() && text[i] != c; ++i)
                if (c == '"' && text[i] == '\\') ++i;
        } else if (c == '#' && is_space(previous)) {  // a YAML comment, which a flow document may hold
            i = std::min(text.find('\n', i), text.size());
        } else if (c == '/' && (is_space(previous) || previous == ',' || previous == '[' || previous == '{') &&
                   i + 1 < text.size() && (text[i + 1] == '/' || text[i + 1] == '*')) {
            cx.error(Code::syntax, mark_at(text, i),
                     std::string("JSON has no comments: remove this '") + text[i] + text[i + 1] + "' comment (a YAML file may hold # comments)");
            return false;
        }
        previous = i < text.size() ? text[i] : '\n';
    }
    return true;
}

}  // namespace subsidy::io::detail
