// parse_csv (csv_table.hpp): one pass over the text, cell by cell. An unquoted cell is found
// with memchr-like scans for the bytes that end it, so that a table reads at the speed of
// memory; a problem is reported where it is and the parse goes on from the next separator or
// line, so that one run lists them all.
#include "csv_table.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <string>
#include <utility>

#include "subsidy/error.hpp"
#include "text_check.hpp"

namespace subsidy::io::detail {

std::vector<std::string> CsvTable::header_names() const {
    std::vector<std::string> names;
    for (std::size_t c = 0; c < columns_; ++c) names.emplace_back(header(c));
    return names;
}

std::optional<std::size_t> CsvTable::column(std::string_view name) const {
    for (std::size_t c = 0; c < columns_; ++c)
        if (header(c) == name) return c;
    return std::nullopt;
}

std::string_view CsvTable::text(const Cell& c) const {
    return c.own ? std::string_view(unquoted_).substr(c.begin, c.size) : text_.substr(c.begin, c.size);
}

yaml::Mark CsvTable::mark(const Cell& c) const {
    const std::size_t newline = c.at == 0 ? std::string_view::npos : text_.rfind('\n', c.at - 1);
    yaml::Mark m;
    m.pos = static_cast<int>(c.at);
    m.line = static_cast<int>(c.line);
    m.column = static_cast<int>(newline == std::string_view::npos ? c.at : c.at - newline - 1);
    return m;
}

namespace {

std::string shown(char separator) {
    return separator == '\t' ? "a tab" : std::string("'") + separator + "'";
}

// The separator the header line uses, or 0 (reported) when it holds several or, declared,
// holds another one and not it.
char header_separator(Context& cx, std::string_view text, char declared) {
    std::array<std::size_t, 3> count{};
    constexpr std::array<char, 3> candidates{',', ';', '\t'};
    bool quoted = false;
    for (std::size_t i = 0; i < text.size() && (quoted || (text[i] != '\n' && text[i] != '\r')); ++i) {
        if (text[i] == '"') quoted = !quoted;
        for (std::size_t k = 0; k < candidates.size(); ++k) count[k] += !quoted && text[i] == candidates[k];
    }
    std::string seen;
    char only = 0;
    for (std::size_t k = 0; k < candidates.size(); ++k)
        if (count[k] != 0) {
            seen += (seen.empty() ? "" : " and ") + shown(candidates[k]);
            only = only == 0 ? candidates[k] : '?';
        }
    if (declared != 0) {
        const std::size_t k = static_cast<std::size_t>(std::find(candidates.begin(), candidates.end(), declared) - candidates.begin());
        if (k == candidates.size() || count[k] != 0 || only == 0) return declared;
        cx.error(Code::syntax, mark_at(text, 0), "the header has no " + shown(declared) + ", the declared separator, but has " + seen +
                                                     ": is the table separated by " + (only == '?' ? std::string("one of them") : shown(only)) + "?");
        return 0;
    }
    if (only == '?') {
        cx.error(Code::syntax, mark_at(text, 0), "the header holds " + seen + ": declare the table's separator (separator: \",\" or \";\")");
        return 0;
    }
    return only == 0 ? ',' : only;
}

}  // namespace

// The one pass of parse_csv.
class CsvParser {
public:
    CsvParser(Context& cx, CsvTable& t) : cx_(cx), t_(t), s_(t.text_) {
        for (const unsigned char b : {static_cast<unsigned char>(t.separator_), static_cast<unsigned char>('\n'),
                                      static_cast<unsigned char>('\r'), static_cast<unsigned char>('"')})
            stop_[b] = true;
    }

    void run() {
        std::size_t header_cells = 0;
        while (i_ < s_.size() || (i_ == s_.size() && t_.cells_.empty())) {
            const std::uint32_t first = static_cast<std::uint32_t>(t_.cells_.size());
            const std::size_t row_at = i_, row_line = line_;
            const Row read = read_row();
            const std::size_t n = t_.cells_.size() - first;
            if (read == Row::broken) break;  // reported; nothing after it can be read
            if (first == 0) {
                header_cells = n;
                check_header();
            } else if (blank(first)) {
                t_.cells_.resize(first);  // a row of empty cells: spreadsheets write them
            } else if (n != header_cells) {
                wrong_width(row_at, row_line, n, header_cells);
                t_.cells_.resize(first);
            } else {
                t_.rows_.push_back(first);
            }
            if (read == Row::last) break;
        }
        t_.columns_ = header_cells;
    }

private:
    enum class Row { more, last, broken };

    // Reads the cells of one line (quoted line ends included) and its line end: `last` at the
    // end of the text, `broken` after a problem the rest of the text cannot be read past.
    Row read_row() {
        for (;;) {
            if (!read_cell()) return Row::broken;
            if (i_ >= s_.size()) return Row::last;
            const char c = s_[i_];
            if (c == t_.separator_) {
                ++i_;
                continue;
            }
            i_ += c == '\r' ? 2 : 1;  // check_text: a CR is always followed by LF
            ++line_;
            return i_ < s_.size() ? Row::more : Row::last;
        }
    }

    bool read_cell() {
        if (i_ < s_.size() && s_[i_] == '"') return read_quoted();
        const std::size_t begin = i_;
        while (i_ < s_.size() && !stop_[static_cast<unsigned char>(s_[i_])]) ++i_;
        if (i_ < s_.size() && s_[i_] == '"') {
            cx_.error(Code::syntax, mark(i_), "a quote inside a cell that does not start with one: quote the whole cell and write the quote twice (\"a \"\"b\"\" c\")");
            while (i_ < s_.size() && s_[i_] != t_.separator_ && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
        }
        push(begin, i_ - begin, begin, false);
        return true;
    }

    bool read_quoted() {
        const std::size_t at = i_, at_line = line_;
        std::string undoubled;
        bool doubled = false;
        std::size_t from = ++i_;
        for (;;) {
            const std::size_t q = s_.find('"', i_);
            if (q == std::string_view::npos) {
                cx_.error(Code::syntax, mark_of(at, at_line), "this quote opens a cell that is never closed (a quote inside a quoted cell is written twice)");
                return false;
            }
            line_ += static_cast<std::size_t>(std::count(s_.begin() + static_cast<std::ptrdiff_t>(i_), s_.begin() + static_cast<std::ptrdiff_t>(q), '\n'));
            if (q + 1 < s_.size() && s_[q + 1] == '"') {
                undoubled.append(s_.substr(from, q + 1 - from));
                doubled = true;
                i_ = from = q + 2;
                continue;
            }
            i_ = q + 1;
            break;
        }
        if (doubled) {
            undoubled.append(s_.substr(from, i_ - 1 - from));
        } else if (s_.substr(from, i_ - 1 - from).find('\r') != std::string_view::npos) {
            undoubled.assign(s_.substr(from, i_ - 1 - from));
            doubled = true;
        }
        if (doubled) {
            // A line end inside the cell is LF, as YAML reads a CRLF file (check_text: a CR
            // is always followed by LF).
            std::erase(undoubled, '\r');
            push(t_.unquoted_.size(), undoubled.size(), at, true, at_line);
            t_.unquoted_ += undoubled;
        } else {
            push(from, i_ - 1 - from, at, false, at_line);
        }
        if (i_ < s_.size() && s_[i_] != t_.separator_ && s_[i_] != '\n' && s_[i_] != '\r') {
            cx_.error(Code::syntax, mark(i_), "text after the closing quote of a cell: expected " + shown(t_.separator_) +
                                                  " or the end of the line (a quote inside a quoted cell is written twice)");
            while (i_ < s_.size() && s_[i_] != t_.separator_ && s_[i_] != '\n' && s_[i_] != '\r') ++i_;
        }
        return true;
    }

    void push(std::size_t begin, std::size_t size, std::size_t at, bool own, std::size_t line) {
        t_.cells_.push_back(CsvTable::Cell{static_cast<std::uint32_t>(begin), static_cast<std::uint32_t>(size), own ? 1U : 0U,
                                           static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(line)});
    }
    void push(std::size_t begin, std::size_t size, std::size_t at, bool own) { push(begin, size, at, own, line_); }

    [[nodiscard]] bool blank(std::uint32_t first) const {
        return std::all_of(t_.cells_.begin() + first, t_.cells_.end(), [](const CsvTable::Cell& c) { return c.size == 0; });
    }

    void check_header() {
        for (std::size_t c = 0; c < t_.cells_.size(); ++c) {
            const std::string_view name = t_.text(t_.cells_[c]);
            if (name.empty()) {
                cx_.error(Code::missing, t_.mark(t_.cells_[c]), "column " + std::to_string(c + 1) + " of the header has no name");
                continue;
            }
            for (std::size_t k = 0; k < c; ++k)
                if (t_.text(t_.cells_[k]) == name) {
                    cx_.error(Code::duplicate_key, t_.mark(t_.cells_[c]), "column '" + subsidy::detail::excerpt(name) +
                                                                              "' is in the header twice (first as column " + std::to_string(k + 1) + ")");
                    break;
                }
        }
    }

    void wrong_width(std::size_t at, std::size_t line, std::size_t n, std::size_t header) {
        cx_.error(Code::wrong_type, mark_of(at, line), "this row has " + std::to_string(n) + (n == 1 ? " cell" : " cells") + " where the header has " +
                                                           std::to_string(header) + " columns (a cell holding " + shown(t_.separator_) +
                                                           " is quoted: \"…\")");
    }

    [[nodiscard]] yaml::Mark mark_of(std::size_t at, std::size_t line) const {
        return t_.mark(CsvTable::Cell{0, 0, 0, static_cast<std::uint32_t>(at), static_cast<std::uint32_t>(line)});
    }
    [[nodiscard]] yaml::Mark mark(std::size_t at) const { return mark_of(at, line_); }

    Context& cx_;
    CsvTable& t_;
    std::string_view s_;
    std::size_t i_ = 0;
    std::size_t line_ = 0;
    std::array<bool, 256> stop_{};
};

CsvTable parse_csv(Context& cx, std::string text, CsvDialect dialect) {
    CsvTable t;
    auto file = std::make_shared<const std::string>(std::move(text));
    t.file_ = file;
    std::string_view body(*file);
    if (body.starts_with("\xEF\xBB\xBF")) body.remove_prefix(3);
    t.text_ = body;
    cx.set_text(body);
    if (body.size() >= std::numeric_limits<std::uint32_t>::max() / 2) {
        cx.error(Code::limit, yaml::Mark::null_mark(), "a table is at most 2 GiB");
        return {};
    }
    if (!check_text(cx, body)) return {};
    if (body.empty()) {
        cx.error(Code::missing, yaml::Mark::null_mark(), "the table is empty: expected a header line naming its columns");
        return {};
    }
    t.separator_ = header_separator(cx, body, dialect.separator);
    if (t.separator_ == 0) return {};
    const std::size_t before = cx.count();
    CsvParser(cx, t).run();
    if (cx.count() != before) return {};
    return t;
}

}  // namespace subsidy::io::detail
