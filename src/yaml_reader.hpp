// Reading YAML (and JSON, which yaml-cpp reads as YAML) into the library's types, collecting
// every problem as a diagnostic with its line and column instead of stopping at the first.
// Private to subsidy::io.
//
// Each reader returns std::nullopt after reporting a problem, so that the caller can go on
// and report the next one. Money never goes through a float: a plain YAML scalar that looks
// like a decimal number (45000.5) is refused; text ("45000.50", 45 000,00 €) and whole euros
// (45000) are accepted.
#pragma once


#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/time/dated.hpp"
#include "subsidy/io/diagnostics.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "yaml_node.hpp"

namespace subsidy::io::detail {

/// The diagnostics of one file: its errors and its warnings.
class Context {
public:
    explicit Context(std::string file) { sources_.push_back(Source{std::move(file), {}, {}, {}}); }
    [[nodiscard]] const std::string& file() const noexcept { return sources_.front().name; }
    /// The file a mark points into.
    [[nodiscard]] const std::string& file_of(const yaml::Mark& at) const noexcept {
        return at.file < sources_.size() ? sources_[at.file].name : file();
    }
    /// Another file whose marks this Context reports (a table the scenario names): the index
    /// a Mark gives as its `file`. `whole` keeps `text` (its part after a byte order mark) alive.
    std::uint16_t add_file(std::string name, std::shared_ptr<const std::string> whole, std::string_view text);
    /// Takes the diagnostics of `other` (a table read on its own), which keep their file.
    void absorb(Context& other);

    /// Records a problem of class `code` at `at`: an error, or a warning for a W… code.
    void report(Code code, const yaml::Mark& at, std::string message);
    void error(Code code, const yaml::Mark& at, std::string message) { report(code, at, std::move(message)); }
    void error(Code code, const yaml::Node& at, std::string message) { report(code, at.GetMark(), std::move(message)); }
    /// A library exception met while building a value: its class gives the code.
    void error(const yaml::Node& at, const subsidy::error& e);
    void warn(Code code, const yaml::Node& at, std::string message) { report(code, at.GetMark(), std::move(message)); }
    [[nodiscard]] bool failed() const noexcept { return errors_ != 0; }
    [[nodiscard]] std::size_t count() const noexcept { return errors_; }
    /// Throws load_error with every diagnostic (errors and warnings), in file order, if there
    /// is any error.
    void throw_if_failed();
    /// The warnings, in file order (once no error was found).
    [[nodiscard]] std::vector<Diagnostic> take_warnings();
    /// Records the cause of whatever else is wrong at `at` (a decimal comma inside {…}): the
    /// other diagnostics at that place, before or after, are dropped.
    void explain(Code code, const yaml::Mark& at, std::string message);

    /// The text the marks point into (parse_yaml sets it; it must outlive the Context), so
    /// that a column counts characters, where yaml-cpp counts bytes.
    void set_text(std::string_view text);
    /// The 1-based column of `at` in characters (in bytes without a text); 0 without a position.
    [[nodiscard]] int column(const yaml::Mark& at) const;
    /// Whether the text set has no byte above 0x7F (marks then count characters as bytes).
    [[nodiscard]] bool ascii() const noexcept { return sources_.front().continuations.empty(); }

private:
    struct Source {
        std::string name;
        std::string_view text;
        std::vector<std::size_t> continuations;  // UTF-8 continuation bytes before each 4 KiB block
        std::shared_ptr<const std::string> keep;
        void set_text(std::string_view t);
        [[nodiscard]] std::size_t continuations_before(std::size_t offset) const;
    };
    void sort();
    std::vector<Source> sources_;  // [0]: the file itself
    std::vector<Diagnostic> diagnostics_;
    std::size_t errors_ = 0;
    std::set<std::tuple<std::string, int, int>> explained_;  // the places (file, line, column) explain() took
    std::vector<Diagnostic> explanations_;     // joined to diagnostics_ by sort()
};

/// The limits parse_yaml enforces (docs/diagnostics.md, "Limits"), each an E004 where it is
/// crossed: mappings and lists nested at most 64 deep, aliases included; at most 10 million
/// nodes as the readers walk them (an alias: as many as the node it names), or one per byte
/// of the file if that is more (no file without aliases is refused); one YAML document.
inline constexpr std::size_t max_yaml_depth = 64;
inline constexpr std::uint64_t max_yaml_nodes = 10'000'000;

/// Parses `text` as YAML, after checking it is UTF-8 text (text_check.hpp) and within the
/// limits above; a problem becomes a diagnostic and an empty node.
yaml::Document parse_yaml(Context& cx, const std::string& text);
/// The reference path of parse_yaml: yaml-cpp's events into the same tree, for a checked text
/// after its byte order mark. parse_yaml takes it for every file libyaml leaves; the tests
/// compare both paths on it (tests/io/yaml_tree_test.cpp).
yaml::Document parse_yaml_reference(Context& cx, std::string_view body);

/// What a node is, for a message: "a mapping", "a list", "nothing" or the quoted scalar.
std::string describe(const yaml::Node& n);

/// The closest of `candidates` to `word` (at most a third of its letters differ), or "";
/// between equally close ones, the first. Compares `word` with each candidate: for a list
/// that many words are checked against (communes, EPCIs), build a Vocabulary once.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);
std::string_view closest_of(std::string_view word, const std::vector<std::string>& candidates);
/// " (did you mean 'x'?)" or "".
std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates);

/// A list of words to suggest from, indexed once, so that each "did you mean" costs about
/// the same however long the list (20,000 wrong words against 20,000 codes: milliseconds).
/// closest() gives what the free closest() gives, except that in a list of more than 256
/// words a suggestion is at most 2 edits away (3 edits reach nearly any code of a long list).
/// The index takes about 16 bytes per short word and variant (a five-letter code: 16).
class Vocabulary {
public:
    Vocabulary() = default;
    explicit Vocabulary(std::vector<std::string> words);
    [[nodiscard]] std::size_t size() const noexcept { return words_.size(); }
    [[nodiscard]] const std::vector<std::string>& words() const noexcept { return words_; }
    /// The word of the list closest to `word`, or "" (a view into this Vocabulary).
    [[nodiscard]] std::string_view closest(std::string_view word) const;
    /// " (did you mean 'x'?)" or "".
    [[nodiscard]] std::string did_you_mean(std::string_view word) const;

private:
    struct Entry {
        std::uint64_t key;   // a variant's or a piece's hash
        std::uint32_t word;  // its index in words_
        friend bool operator<(const Entry& a, const Entry& b) { return a.key != b.key ? a.key < b.key : a.word < b.word; }
        friend bool operator==(const Entry& a, const Entry& b) = default;
    };
    std::vector<std::string> words_;
    std::vector<Entry> index_;   // sorted; empty when the list is scanned
    std::size_t longest_ = 0;    // the longest word indexed by pieces
};

/// A YAML mapping read key by key. The keys asked for are the known ones: finish() reports
/// any other key (with a "did you mean"), and a key given twice is reported at construction.
class Fields {
public:
    Fields(Context& cx, const yaml::Node& node, std::string what);
    [[nodiscard]] bool ok() const noexcept { return ok_; }
    /// The value of `key`, or an undefined node if absent.
    yaml::Node optional(std::string_view key);
    /// The value of `key`; reports "missing" if absent.
    yaml::Node required(std::string_view key);
    /// Reports the keys that were never asked for.
    void finish();
    [[nodiscard]] const yaml::Node& node() const noexcept { return node_; }

private:
    // The scalar keys of a mapping of up to `cached` pairs, with their values, read once: the
    // readers ask a mapping for each of its possible keys, and the tree's nodes are two
    // indirections away. A larger mapping is scanned in the tree.
    static constexpr std::size_t cached = 16;
    struct Key {
        std::string_view name;
        yaml::Node value;
    };

    Context& cx_;
    yaml::Node node_;
    std::string what_;
    bool ok_ = false;
    std::size_t n_keys_ = 0;
    bool all_cached_ = false;
    std::uint32_t asked_ = 0;  // bit k: keys_[k] was asked for
    std::array<Key, cached> keys_;
    std::string known_;  // the keys asked for, each followed by a NUL: one buffer, not a string each
    [[nodiscard]] bool is_known(std::string_view key) const;
};

[[nodiscard]] inline bool present(const yaml::Node& n) { return n.IsDefined() && !n.IsNull(); }

std::optional<std::string> read_string(Context& cx, const yaml::Node& n, std::string_view what);
std::optional<std::vector<std::string>> read_string_list(Context& cx, const yaml::Node& n, std::string_view what);
std::optional<Money> read_money(Context& cx, const yaml::Node& n, std::string_view what);
std::optional<Rate> read_rate(Context& cx, const yaml::Node& n, std::string_view what);
std::optional<Date> read_date(Context& cx, const yaml::Node& n, std::string_view what);
std::optional<std::int64_t> read_integer(Context& cx, const yaml::Node& n, std::string_view what);
std::optional<bool> read_bool(Context& cx, const yaml::Node& n, std::string_view what);

/// The file names of E (its table: subsidy/detail/enum_names.hpp), for a "did you mean".
template <class E>
std::vector<std::string> enum_name_strings() {
    std::vector<std::string> all;
    for (const auto& n : subsidy::detail::names_of<E>()) all.emplace_back(n.name);
    return all;
}

/// One of the file names of E; otherwise "expected one of …" with a "did you mean".
template <class E>
std::optional<E> read_enum(Context& cx, const yaml::Node& n, std::string_view what) {
    const auto s = read_string(cx, n, what);
    if (!s) return std::nullopt;
    if (const auto value = subsidy::detail::parse_name<E>(*s)) return value;
    cx.error(Code::unknown_name, n, "unknown " + std::string(what) + " '" + subsidy::detail::excerpt(*s) + "': expected one of " + subsidy::detail::name_list<E>() +
                    did_you_mean(*s, enum_name_strings<E>()));
    return std::nullopt;
}

/// The entries of a dated value written as a list or as `{values: [list], until: date}`
/// (then `until` is set): a non-empty list, or nothing (reported).
inline std::optional<yaml::Node> dated_entries(Context& cx, const yaml::Node& n, const std::string& name,
                                               std::optional<Date>& until) {
    // Assigned once: in yaml-cpp, assigning to a node that refers to the document rewrites
    // the document itself.
    yaml::Node list;
    if (n.IsMap()) {
        Fields f(cx, n, "dated value '" + name + "'");
        if (!f.ok()) return std::nullopt;
        list = f.required("values");
        if (const yaml::Node u = f.optional("until"); present(u)) until = read_date(cx, u, "until");
        f.finish();
        if (!present(list)) return std::nullopt;
    } else {
        list = n;
    }
    if (!list.IsSequence() || list.size() == 0) {
        cx.error(Code::wrong_type, list, "'" + name + "': expected a value or a list of {from, value, source} entries");
        return std::nullopt;
    }
    return list;
}

/// One `{from, value, source}` entry appended to `entries` (`source` defaults to the
/// enclosing one); false (reported) when it is wrong or not after the last entry.
template <class T, class Read>
bool read_dated_entry(Context& cx, const yaml::Node& e, const std::string& name, const std::string& source, Read& read_value,
                      std::vector<typename Dated<T>::Entry>& entries) {
    Fields f(cx, e, "entry of '" + name + "'");
    if (!f.ok()) return false;
    const yaml::Node from = f.required("from"), value = f.required("value"), src = f.optional("source");
    f.finish();
    std::optional<Date> d = present(from) ? read_date(cx, from, "from") : std::nullopt;
    std::optional<T> v = present(value) ? read_value(cx, value, name) : std::nullopt;
    std::optional<std::string> s = present(src) ? read_string(cx, src, "source") : std::optional<std::string>(source);
    if (!d || !v || !s) return false;
    if (!entries.empty() && !(entries.back().from < *d)) {
        cx.error(Code::inconsistent, from, "'" + name + "': entry from " + to_string(*d) + (entries.back().from == *d ? " repeats" : " comes after") +
                           " the entry from " + to_string(entries.back().from) + " (entries must be in date order)");
        return false;
    }
    entries.push_back({*d, std::move(*v), std::move(*s)});
    return true;
}

/// A dated value, written one of three ways: one value (in force at every date, citing
/// `source`); a list of `{from, value, source}` entries in date order (`source` defaults to
/// the enclosing one); or `{values: [that list], until: date}` when the last value ends.
template <class T, class Read>
std::optional<Dated<T>> read_dated(Context& cx, const yaml::Node& n, const std::string& name, const std::string& source,
                                   Read read_value) {
    if (!present(n)) {
        cx.error(Code::missing, n, "missing value of '" + name + "'");
        return std::nullopt;
    }
    if (n.IsScalar()) {
        auto v = read_value(cx, n, name);
        if (!v) return std::nullopt;
        return Dated<T>::always(name, std::move(*v), source);
    }
    std::optional<Date> until;
    std::optional<yaml::Node> list = dated_entries(cx, n, name, until);
    if (!list) return std::nullopt;
    std::vector<typename Dated<T>::Entry> entries;
    bool good = true;  // every entry is read, to report each one's problems
    for (const yaml::Node& e : *list) good = read_dated_entry<T>(cx, e, name, source, read_value, entries) && good;
    if (!good || entries.empty()) return std::nullopt;
    if (until && *until < entries.back().from) {
        cx.error(Code::inconsistent, n, "'" + name + "': ends on " + to_string(*until) + ", before its last value starts (" +
                        to_string(entries.back().from) + ")");
        return std::nullopt;
    }
    return Dated<T>(name, std::move(entries), until);
}

}  // namespace subsidy::io::detail
