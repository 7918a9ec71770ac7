#include "yaml_reader.hpp"

#include <algorithm>
#include <initializer_list>
#include <optional>
#include <set>

namespace subsidy::io::detail {

using subsidy::detail::excerpt;  // every scalar or key a message quotes: at most 60 characters

void Context::report(Code code, const yaml::Mark& at, std::string message) {
    // yaml-cpp counts from 0 and gives -1 for a node that has no position.
    const int line = at.line < 0 ? 0 : at.line + 1;
    const int column = this->column(at);
    if (!explained_.empty() && explained_.contains({file_of(at), line, column})) return;
    if (!is_warning(code)) ++errors_;
    diagnostics_.push_back(Diagnostic{file_of(at), line, column, code, std::move(message)});
}

void Context::explain(Code code, const yaml::Mark& at, std::string message) {
    const int line = at.line < 0 ? 0 : at.line + 1, column = this->column(at);
    if (!explained_.insert({file_of(at), line, column}).second) return;
    if (!is_warning(code)) ++errors_;
    explanations_.push_back(Diagnostic{file_of(at), line, column, code, std::move(message)});
}

void Context::error(const yaml::Node& at, const subsidy::error& e) {
    Code code = Code::inconsistent;  // invalid_argument: the values contradict the rules
    if (dynamic_cast<const parse_error*>(&e)) code = Code::wrong_type;
    if (dynamic_cast<const range_error*>(&e)) code = Code::out_of_range;
    if (dynamic_cast<const out_of_validity*>(&e)) code = Code::cannot_compute;
    report(code, at.GetMark(), e.what());
}

void Context::sort() {
    if (!explained_.empty()) {  // what was reported at an explained place before its explanation
        std::erase_if(diagnostics_, [&](const Diagnostic& d) {
            const bool explained = explained_.contains({d.file, d.line, d.column});
            if (explained && !d.warning()) --errors_;
            return explained;
        });
        for (Diagnostic& d : explanations_) diagnostics_.push_back(std::move(d));
        explanations_.clear();
    }
    // The file's own diagnostics first, then each table's, each in line order.
    const std::string& main = file();
    std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [&](const Diagnostic& a, const Diagnostic& b) {
        const bool a_main = a.file == main, b_main = b.file == main;
        if (a_main != b_main) return a_main;
        if (a.file != b.file) return a.file < b.file;
        return a.line != b.line ? a.line < b.line : a.column < b.column;
    });
    // A table's rows share the nodes of their template that name no column: a problem there
    // is reported once, not once a row.
    const auto same = [this](const Diagnostic& a, const Diagnostic& b) {
        const bool twice = a.file == b.file && a.line == b.line && a.column == b.column && a.code == b.code && a.message == b.message;
        if (twice && !b.warning()) --errors_;
        return twice;
    };
    diagnostics_.erase(std::unique(diagnostics_.begin(), diagnostics_.end(), same), diagnostics_.end());
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

// A plain (unquoted) scalar: YAML would type it as a number or a boolean.
bool is_plain(const yaml::Node& n) { return n.IsPlain(); }

// Hand-written rather than std::regex, whose matcher recurses once per character and
// overflows the stack on a long number (found by the fuzzer).
bool is_digit(char c) { return c >= '0' && c <= '9'; }

// [-+]?[0-9]+
bool is_integer_text(std::string_view s) {
    std::size_t i = (!s.empty() && (s[0] == '-' || s[0] == '+')) ? 1 : 0;
    if (i == s.size()) return false;
    for (; i < s.size(); ++i)
        if (!is_digit(s[i])) return false;
    return true;
}

// What YAML 1.2 would read as a float: [-+]?(.[0-9]+|[0-9]+.[0-9]*|[0-9]+(.[0-9]*)?[eE][-+]?[0-9]+)
bool looks_like_yaml_float(std::string_view s) {
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

std::string describe(const yaml::Node& n) {
    switch (n.Type()) {
        case yaml::NodeType::Map: return "a mapping";
        case yaml::NodeType::Sequence: return "a list";
        case yaml::NodeType::Scalar: return "'" + excerpt(n.Scalar()) + "'";
        case yaml::NodeType::Null: return "nothing";
        default: return "nothing";
    }
}

Fields::Fields(Context& cx, const yaml::Node& node, std::string what) : cx_(cx), node_(node), what_(std::move(what)) {
    if (!node.IsMap()) {
        cx_.error(Code::wrong_type, node, what_ + ": expected a mapping of keys to values, found " + describe(node));
        return;
    }
    ok_ = true;
    all_cached_ = node.size() <= cached;
    // A key given twice: compared with the keys read before it (a mapping of the files has a
    // few keys; a set only for a larger one).
    std::set<std::string_view> seen;
    for (auto it = node.begin(); it != node.end(); ++it) {
        const auto kv = *it;
        if (!kv.first.IsScalar()) {
            cx_.error(Code::wrong_type, kv.first, what_ + ": a key must be a name");
            continue;
        }
        const std::string_view key = kv.first.Scalar();
        bool twice = false;
        if (all_cached_) {
            twice = std::any_of(keys_.begin(), keys_.begin() + static_cast<std::ptrdiff_t>(n_keys_),
                                [&](const Key& k) { return k.name == key; });
            keys_[n_keys_++] = {key, kv.second};
        } else {
            twice = !seen.insert(key).second;
        }
        if (twice) cx_.error(Code::duplicate_key, kv.first, what_ + ": key '" + excerpt(key) + "' given twice");
    }
}

bool Fields::is_known(std::string_view key) const {
    for (std::size_t at = 0; at < known_.size();) {
        const std::size_t end = known_.find('\0', at);
        if (std::string_view(known_).substr(at, end - at) == key) return true;
        at = end + 1;
    }
    return false;
}

yaml::Node Fields::optional(std::string_view key) {
    known_.append(key);
    known_.push_back('\0');
    if (!ok_) return yaml::Node();
    if (all_cached_) {
        yaml::Node found;
        for (std::size_t k = n_keys_; k-- > 0;)  // backwards: the first of a key given twice wins
            if (keys_[k].name == key) {
                found = keys_[k].value;
                asked_ |= 1U << k;  // every copy of it is known to finish()
            }
        return found;
    }
    for (const auto& kv : node_)
        if (kv.first.IsScalar() && kv.first.Scalar() == key) return kv.second;
    return yaml::Node();
}

yaml::Node Fields::required(std::string_view key) {
    yaml::Node n = optional(key);
    if (ok_ && !n.IsDefined()) cx_.error(Code::missing, node_, what_ + ": missing '" + std::string(key) + "'");
    else if (ok_ && n.IsNull()) cx_.error(Code::missing, n, what_ + ": '" + std::string(key) + "' has no value");
    return n;
}

namespace {

bool has(std::string_view s, std::initializer_list<std::string_view> parts) {
    return std::any_of(parts.begin(), parts.end(), [&](std::string_view p) { return s.find(p) != std::string_view::npos; });
}

// A French decimal comma inside {…}: `{amount: 1000,50}` is read as `amount: 1000` and a key
// `50`, `{rate: 23,77 %}` as `rate: 23` and a key `77 %`. True (reported at the number before
// the comma) when `key`, a key of no value, is such a fragment (digits, then maybe % or €) and
// `previous` (key and value) is a plain whole number.
bool decimal_comma(Context& cx, const yaml::Node& map, const yaml::Node& key, const yaml::Node& value,
                   const std::pair<yaml::Node, yaml::Node>* previous) {
    if (!map.IsFlow() || previous == nullptr || !value.IsNull() || !previous->first.IsScalar()) return false;
    const yaml::Node& number = previous->second;
    const std::string fragment(key.Scalar());
    const std::size_t digits = fragment.find_first_not_of("0123456789");
    if (digits == 0 || !number.IsScalar() || !is_plain(number) || !is_integer_text(number.Scalar())) return false;
    const std::string_view unit = digits == std::string::npos ? std::string_view() : std::string_view(fragment).substr(digits);
    if (!unit.empty() && unit != "%" && unit != " %" && unit != "€" && unit != " €") return false;
    const std::string_view name = previous->first.Scalar();
    const std::string whole(number.Scalar());
    const std::string written = excerpt(whole + "," + fragment), dotted = excerpt(whole + "." + fragment);
    const std::string start = "'" + written + "' inside {…}: the comma separates entries; ";
    if (unit.ends_with("%") || has(name, {"rate", "share", "derogation"}))
        cx.explain(Code::bad_rate, number.GetMark(), start + "write the rate as text, \"" + written + "\", or with a dot, " + dotted);
    else if (unit.ends_with("€") || has(name, {"amount", "cost", "ceiling", "cap", "budget", "funding", "floor", "per_unit", "unit"}))
        cx.explain(Code::bad_amount, number.GetMark(), start + "write the amount as text, \"" + written + "\", or with a dot, \"" + dotted + "\"");
    else
        cx.explain(Code::syntax, number.GetMark(), start + "write the number without the comma (" + excerpt(whole + fragment) +
                                                    "), or as text (\"" + written + "\")");
    return true;
}

}  // namespace

void Fields::finish() {
    if (!ok_) return;
    if (all_cached_ && asked_ == (1U << n_keys_) - 1 && n_keys_ == node_.size()) return;  // every key was asked for
    std::optional<std::pair<yaml::Node, yaml::Node>> previous;
    for (const auto& kv : node_) {
        if (!kv.first.IsScalar()) continue;
        const std::string_view key = kv.first.Scalar();
        if (!is_known(key) && !decimal_comma(cx_, node_, kv.first, kv.second, previous ? &*previous : nullptr)) {
            std::vector<std::string> known;
            for (std::size_t at = 0; at < known_.size(); at = known_.find('\0', at) + 1)
                known.emplace_back(std::string_view(known_).substr(at, known_.find('\0', at) - at));
            cx_.error(Code::unknown_key, kv.first, what_ + ": unknown key '" + excerpt(key) + "'" + did_you_mean(key, known));
        }
        previous.emplace(kv.first, kv.second);
    }
}

std::optional<std::string> read_string(Context& cx, const yaml::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::wrong_type, n, std::string(what) + ": expected text, found " + describe(n));
        return std::nullopt;
    }
    return std::string(n.Scalar());
}

std::optional<std::vector<std::string>> read_string_list(Context& cx, const yaml::Node& n, std::string_view what) {
    if (!n.IsSequence()) {
        cx.error(Code::wrong_type, n, std::string(what) + ": expected a list, found " + describe(n));
        return std::nullopt;
    }
    std::vector<std::string> out;
    bool good = true;
    for (const yaml::Node& e : n) {
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

std::optional<Money> read_money(Context& cx, const yaml::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::bad_amount, n, std::string(what) + ": expected an amount such as \"45000.00\" or 45000, found " + describe(n));
        return std::nullopt;
    }
    const std::string_view s = n.Scalar();
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

namespace {

// A rate in a file must say what it is: a percent ("75%", "62,5 %") or a fraction ("3/4").
// A bare number is refused: 1 would be read as 100 % by one reader and 1 % by another.
bool says_what_it_is(std::string_view s) {
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return (!s.empty() && s.back() == '%') || s.find('/') != std::string_view::npos;
}

}  // namespace

std::optional<Rate> read_rate(Context& cx, const yaml::Node& n, std::string_view what) {
    if (!n.IsScalar()) {
        cx.error(Code::bad_rate, n, std::string(what) + ": expected a rate such as 75% or 3/4, found " + describe(n));
        return std::nullopt;
    }
    const std::string_view s = n.Scalar();
    if (!says_what_it_is(s)) {
        bool number = true;
        try {
            (void)Rate::parse(s, RateBound::unbounded);
        } catch (const subsidy::error&) {
            number = false;
        }
        cx.error(Code::bad_rate, n,
                 std::string(what) + ": " + excerpt(s) +
                     (number ? " is a bare number; write the rate as a percent (75%) or a fraction (3/4), so that 1 cannot "
                               "mean 100 % to one reader and 1 % to another"
                             : ": expected a rate such as 75%, 62,5 % or 3/4"));
        return std::nullopt;
    }
    try {
        const Rate r = Rate::parse(s);
        // 0.755 % for 75.5 %: a percent below 1 % is legal, and the classic slip of a decimal
        // written with a percent sign.
        if (!r.is_zero() && r < Rate::percent(1) && s.find('/') == std::string::npos)
            cx.warn(Code::suspicious_rate, n,
                    std::string(what) + ": " + excerpt(s) + " is below 1 %; did you mean " +
                        to_string(Rate::fraction(r.num() * 100, r.den())) +
                        "? (a fraction, such as 1/200, says that a small rate is meant)");
        return r;
    } catch (const subsidy::error& e) {
        cx.error(Code::bad_rate, n, std::string(what) + ": " + e.what());
    }
    return std::nullopt;
}

std::optional<Date> read_date(Context& cx, const yaml::Node& n, std::string_view what) {
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

std::optional<std::int64_t> read_integer(Context& cx, const yaml::Node& n, std::string_view what) {
    if (!n.IsScalar() || !is_integer_text(n.Scalar())) {
        cx.error(Code::bad_number, n, std::string(what) + ": expected a whole number, found " + describe(n));
        return std::nullopt;
    }
    try {
        return std::stoll(std::string(n.Scalar()));
    } catch (const std::exception&) {
        cx.error(Code::out_of_range, n, std::string(what) + ": " + excerpt(n.Scalar()) + " is too large");
    }
    return std::nullopt;
}

std::optional<bool> read_bool(Context& cx, const yaml::Node& n, std::string_view what) {
    if (n.IsScalar()) {
        const std::string_view s = n.Scalar();
        if (s == "true") return true;
        if (s == "false") return false;
    }
    cx.error(Code::bad_number, n, std::string(what) + ": expected true or false, found " + describe(n));
    return std::nullopt;
}

}  // namespace subsidy::io::detail
