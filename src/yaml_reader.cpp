#include "yaml_reader.hpp"

#include <algorithm>
#include <optional>
#include <set>

namespace subsidy::io::detail {

using subsidy::detail::excerpt;  // every scalar or key a message quotes: at most 60 characters

void Context::report(Code code, const YAML::Mark& at, std::string message) {
    // yaml-cpp counts from 0 and gives -1 for a node that has no position.
    const int line = at.line < 0 ? 0 : at.line + 1;
    const int column = at.column < 0 ? 0 : at.column + 1;
    if (!is_warning(code)) ++errors_;
    diagnostics_.push_back(Diagnostic{file_, line, column, code, std::move(message)});
}

void Context::error(const YAML::Node& at, const subsidy::error& e) {
    Code code = Code::inconsistent;  // invalid_argument: the values contradict the rules
    if (dynamic_cast<const parse_error*>(&e)) code = Code::wrong_type;
    if (dynamic_cast<const range_error*>(&e)) code = Code::out_of_range;
    if (dynamic_cast<const out_of_validity*>(&e)) code = Code::cannot_compute;
    report(code, at.Mark(), e.what());
}

void Context::sort() {
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
}

void Context::throw_if_failed() {
    if (errors_ == 0) return;
    sort();
    throw load_error(std::move(diagnostics_));
}

std::vector<Diagnostic> Context::take_warnings() {
    sort();
    return std::move(diagnostics_);
}

namespace {

struct Position {
    int line = 0;    // 0-based, as yaml-cpp's marks
    int column = 0;
};

// The first tab in the indentation of a line, if any (YAML forbids tabs there).
std::optional<Position> tab_in_indentation(const std::string& text) {
    int line = 0, column = 0;
    bool indenting = true;
    for (char c : text) {
        if (c == '\n') {
            ++line;
            column = 0;
            indenting = true;
            continue;
        }
        if (indenting && c == '\t') return Position{line, column};
        if (c != ' ') indenting = false;
        ++column;
    }
    return std::nullopt;
}

// The innermost flow bracket ('[' or '{') that is never closed in the whole text, opened
// before `limit`; quoted strings and comments are skipped.
std::optional<std::pair<char, Position>> unclosed_bracket(const std::string& text, Position limit) {
    std::vector<std::pair<char, Position>> open;
    std::optional<std::pair<char, Position>> last_unclosed;
    int line = 0, column = 0;
    char quote = 0;
    bool comment = false;
    char previous = '\n';
    for (char c : text) {
        if (c == '\n') {
            ++line;
            column = 0;
            comment = false;
            previous = c;
            continue;
        }
        if (!comment) {
            if (quote) {
                if (c == quote) quote = 0;
            } else if (c == '"' || c == '\'') {
                quote = c;
            } else if (c == '#' && (previous == ' ' || previous == '\t' || previous == '\n')) {
                comment = true;
            } else if (c == '[' || c == '{') {
                open.push_back({c, Position{line, column}});
            } else if ((c == ']' || c == '}') && !open.empty()) {
                open.pop_back();
            }
        }
        previous = c;
        ++column;
    }
    for (const auto& o : open)
        if (o.second.line < limit.line || (o.second.line == limit.line && o.second.column < limit.column)) last_unclosed = o;
    return last_unclosed;
}

}  // namespace

YAML::Node parse_yaml(Context& cx, const std::string& text) {
    try {
        return YAML::Load(text);
    } catch (const YAML::Exception& e) {
        // yaml-cpp's message names what it met, not what was wrong before: add the likely cause.
        if (const auto tab = tab_in_indentation(text); tab && tab->line <= e.mark.line) {
            YAML::Mark at = e.mark;
            at.line = tab->line;
            at.column = tab->column;
            cx.error(Code::syntax, at, "YAML syntax: illegal tab when looking for indentation");
            return YAML::Node();
        }
        std::string message = "YAML syntax: " + e.msg;
        if (const auto b = unclosed_bracket(text, Position{e.mark.line, e.mark.column}))
            message += std::string(" (the '") + b->first + "' at " + std::to_string(b->second.line + 1) + ":" +
                       std::to_string(b->second.column + 1) + " is not closed)";
        cx.error(Code::syntax, e.mark, message);
    }
    return YAML::Node();
}

namespace {

// A plain (unquoted) scalar: YAML would type it as a number or a boolean.
bool is_plain(const YAML::Node& n) { return n.Tag() == "?"; }

// Hand-written rather than std::regex, whose matcher recurses once per character and
// overflows the stack on a long number (found by the fuzzer).
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [-+]?[0-9]+
bool is_integer_text(const std::string& s) {
    std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

// What YAML 1.2 would read as a float: [-+]?(.[0-9]+|[0-9]+.[0-9]*|[0-9]+(.[0-9]*)?[eE][-+]?[0-9]+)
bool looks_like_yaml_float(const std::string& s) {
    std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    std::size_t int_digits = 0, frac_digits = 0;
    while (i < s.size() && is_digit(s[i])) ++i, ++int_digits;
    bool dot = false;
    if (i < s.size() && s[i] == '.') {
        dot = true;
        ++i;
        while (i < s.size() && is_digit(s[i])) ++i, ++frac_digits;
    }
    if (int_digits == 0 && frac_digits == 0) return false;
    if (i == s.size()) return dot;  // 1.5, .5, 1. ; a bare integer is not a float
    if (s[i] != 'e' && s[i] != 'E') return false;
    if (int_digits == 0) return false;  // .5e3 is not in the pattern
    ++i;
    if (i < s.size() && (s[i] == '-' || s[i] == '+')) ++i;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

}  // namespace

std::string describe(const YAML::Node& n) {
    switch (n.Type()) {
        case YAML::NodeType::Map: return "a mapping";
        case YAML::NodeType::Sequence: return "a list";
        case YAML::NodeType::Scalar: return "'" + excerpt(n.Scalar()) + "'";
        case YAML::NodeType::Null: return "nothing";
        default: return "nothing";
    }
}

Fields::Fields(Context& cx, const YAML::Node& node, std::string what) : cx_(cx), node_(node), what_(std::move(what)) {
    if (!node.IsMap()) {
        cx_.error(Code::wrong_type, node, what_ + ": expected a mapping of keys to values, found " + describe(node));
        return;
    }
    ok_ = true;
    std::set<std::string> seen;
    for (const auto& kv : node) {
        if (!kv.first.IsScalar()) {
            cx_.error(Code::wrong_type, kv.first, what_ + ": a key must be a name");
            continue;
        }
        if (!seen.insert(kv.first.Scalar()).second) cx_.error(Code::duplicate_key, kv.first, what_ + ": key '" + excerpt(kv.first.Scalar()) + "' given twice");
    }
}

YAML::Node Fields::optional(const std::string& key) {
    known_.push_back(key);
    if (!ok_) return YAML::Node(YAML::NodeType::Undefined);
    for (const auto& kv : node_)
        if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
    return YAML::Node(YAML::NodeType::Undefined);
}

YAML::Node Fields::required(const std::string& key) {
    YAML::Node n = optional(key);
    if (ok_ && !n.IsDefined()) cx_.error(Code::missing, node_, what_ + ": missing '" + key + "'");
    else if (ok_ && n.IsNull()) cx_.error(Code::missing, n, what_ + ": '" + key + "' has no value");
    return n;
}

void Fields::finish() {
    if (!ok_) return;
    for (const auto& kv : node_) {
        if (!kv.first.IsScalar()) continue;
        const std::string& key = kv.first.Scalar();
        if (std::find(known_.begin(), known_.end(), key) == known_.end())
            cx_.error(Code::unknown_key, kv.first, what_ + ": unknown key '" + excerpt(key) + "'" + did_you_mean(key, known_));
    }
}

std::optional<std::string> read_string(Context& cx, const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::wrong_type, n, std::string(what) + ": expected text, found " + describe(n));
        return std::nullopt;
    }
    return n.Scalar();
}

std::optional<std::vector<std::string>> read_string_list(Context& cx, const YAML::Node& n, std::string_view what) {
    if (!n.IsSequence()) {
        cx.error(Code::wrong_type, n, std::string(what) + ": expected a list, found " + describe(n));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool good = true;
    for (const YAML::Node& e : n) {
        auto s = read_string(cx, e, what);
        if (s) {
            out.push_back(std::move(*s));
        } else {
            good = false;
        }
    }
    if (!good) return std::nullopt;
    return out;
}

std::optional<Money> read_money(Context& cx, const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::bad_amount, n, std::string(what) + ": expected an amount such as \"45000.00\" or 45000, found " + describe(n));
        return std::nullopt;
    }
    const std::string& s = n.Scalar();
    if (is_plain(n) && looks_like_yaml_float(s)) {
        cx.error(Code::bad_amount, n, std::string(what) + ": " + excerpt(s) + " is a YAML float; write money as text (\"" + excerpt(s) +
                                          "\") or whole euros, so that no float ever touches it");
        return std::nullopt;
    }
    try {
        return Money::parse(s);
    } catch (const subsidy::error& e) {
        cx.error(Code::bad_amount, n, std::string(what) + ": " + e.what());
    }
    return std::nullopt;
}

std::optional<Rate> read_rate(Context& cx, const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::bad_rate, n, std::string(what) + ": expected a rate such as 75% or \"0.75\", found " + describe(n));
        return std::nullopt;
    }
    const std::string& s = n.Scalar();
    if (is_plain(n) && looks_like_yaml_float(s)) {
        cx.error(Code::bad_rate, n, std::string(what) + ": " + excerpt(s) + " is a YAML float; write the rate as a percent (75%) or as text (\"" + excerpt(s) +
                        "\")");
        return std::nullopt;
    }
    try {
        return Rate::parse(s);
    } catch (const subsidy::error& e) {
        cx.error(Code::bad_rate, n, std::string(what) + ": " + e.what());
    }
    return std::nullopt;
}

std::optional<Date> read_date(Context& cx, const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::bad_date, n, std::string(what) + ": expected a date such as 2021-04-06, found " + describe(n));
        return std::nullopt;
    }
    try {
        return parse_date(n.Scalar());
    } catch (const subsidy::error& e) {
        cx.error(Code::bad_date, n, std::string(what) + ": " + e.what());
    }
    return std::nullopt;
}

std::optional<std::int64_t> read_integer(Context& cx, const YAML::Node& n, std::string_view what) {
    if (!n.IsScalar() || !is_integer_text(n.Scalar())) {
        cx.error(Code::bad_number, n, std::string(what) + ": expected a whole number, found " + describe(n));
        return std::nullopt;
    }
    try {
        return std::stoll(n.Scalar());
    } catch (const std::exception&) {
        cx.error(Code::out_of_range, n, std::string(what) + ": " + excerpt(n.Scalar()) + " is too large");
    }
    return std::nullopt;
}

std::optional<bool> read_bool(Context& cx, const YAML::Node& n, std::string_view what) {
    if (n.IsScalar()) {
        const std::string& s = n.Scalar();
        if (s == "true") return true;
        if (s == "false") return false;
    }
    cx.error(Code::bad_number, n, std::string(what) + ": expected true or false, found " + describe(n));
    return std::nullopt;
}

}  // namespace subsidy::io::detail
