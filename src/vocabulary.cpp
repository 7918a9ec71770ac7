// "Did you mean": the nearest word of a list, in edits (Levenshtein distance), found without
// comparing the word with the whole list. Declared in yaml_reader.hpp.
//
// A small list is scanned (lengths filtered, the distance computed in a band and abandoned
// as soon as it is beyond the best so far). A large one is indexed once:
// - a word of at most 11 characters under each of its variants with 0, 1 or 2 characters
//   deleted: two words within k ≤ 2 edits share a variant with at most k deletions on each
//   side (a substitution deletes on both sides, an insertion on one);
// - a longer word under its three pieces: within 2 edits, one piece is untouched and found
//   in the other word at most 2 characters away from its place.
// The candidates found so are then measured exactly.
#include <algorithm>
#include <array>
#include <functional>

#include "yaml_reader.hpp"

namespace subsidy::io::detail {

namespace {

constexpr std::size_t scanned_list = 256;  // up to this many words: scanned, not indexed
constexpr std::size_t indexed_edits = 2;   // the most edits a look-up in an index allows
constexpr std::size_t longest_short = 11;  // longer words are indexed by pieces
constexpr std::size_t pieces = indexed_edits + 1;

// The Levenshtein distance of a and b if it is at most k, otherwise k + 1: only the cells
// within k of the diagonal are computed, and it stops once a whole row is beyond k.
std::size_t bounded_distance(std::string_view a, std::string_view b, std::size_t k) {
    if (a.size() > b.size()) std::swap(a, b);
    const std::size_t n = a.size(), m = b.size(), beyond = k + 1;
    if (m - n > k) return beyond;
    std::array<std::size_t, 64> small{};  // most words: no allocation
    std::vector<std::size_t> large(m + 1 > small.size() ? m + 1 : 0);
    std::size_t* row = large.empty() ? small.data() : large.data();
    for (std::size_t j = 0; j <= m; ++j) row[j] = std::min(j, beyond);
    for (std::size_t i = 1; i <= n; ++i) {
        const std::size_t lo = i > k ? i - k : 1, hi = std::min(m, i + k);
        std::size_t diagonal = row[lo - 1];
        row[lo - 1] = lo == 1 ? std::min(i, beyond) : beyond;  // left of the band: out of reach
        std::size_t row_min = row[lo - 1];
        for (std::size_t j = lo; j <= hi; ++j) {
            const std::size_t up = row[j];  // right of the previous band: still `beyond`
            row[j] = std::min({up + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1), beyond});
            diagonal = up;
            row_min = std::min(row_min, row[j]);
        }
        if (row_min > k) return beyond;
    }
    return row[m];
}

// The most edits a suggestion for `word` may be away: fewer than a third of its letters.
std::size_t allowed_edits(std::string_view word) { return word.size() / 3; }

// Keeps the nearest word: strictly nearer than the one kept, or as near and earlier in the
// list (the scan meets the words in order; the index does not).
struct Nearest {
    std::size_t index = 0, distance = 0;
    bool found = false;
    void offer(std::size_t i, std::size_t d) {
        if (!found || d < distance || (d == distance && i < index)) *this = Nearest{i, d, true};
    }
};

std::uint64_t mix(std::uint64_t x) {  // splitmix64's finaliser: spreads a piece's place into its key
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

std::uint64_t text_key(std::string_view s) { return std::hash<std::string_view>{}(s); }

// The key of piece `p` of a word of `length` characters, reading `text`.
std::uint64_t piece_key(std::size_t length, std::size_t p, std::string_view text) {
    return text_key(text) ^ mix(length * pieces + p + 1);
}

// Where piece `p` of a word of `length` characters starts, and its length.
std::pair<std::size_t, std::size_t> piece_of(std::size_t length, std::size_t p) {
    const std::size_t start = length * p / pieces, end = length * (p + 1) / pieces;
    return {start, end - start};
}

// The most characters a variant of a word of `length` characters in the index needs deleted:
// j deletions meet a word of m letters with i = m - length + j deletions of its own, within
// its allowed edits K(m) = min(m/3, 2) on both sides (fewer would miss, more is never met).
std::size_t needed_deletions(std::size_t length) {
    std::size_t needed = 0;
    for (std::size_t j = 1; j <= indexed_edits && j <= length; ++j)
        for (std::size_t i = 0; i <= indexed_edits; ++i) {
            const std::size_t m = length - j + i, k = std::min(m / 3, indexed_edits);
            if (i <= k && j <= k) needed = j;
        }
    return needed;
}

// Calls f(key) for `word` and each variant with up to `deletions` (≤ 2) characters deleted.
template <class F>
void for_each_variant(std::string_view word, std::size_t deletions, F f) {
    f(text_key(word));
    std::string v, w;  // reused: no allocation per variant
    for (std::size_t i = 0; deletions >= 1 && i < word.size(); ++i) {
        v.assign(word.substr(0, i)).append(word.substr(i + 1));
        f(text_key(v));
        for (std::size_t j = i; deletions >= 2 && j < v.size(); ++j) {  // i < j in the word
            w.assign(v, 0, j).append(v, j + 1);
            f(text_key(w));
        }
    }
}

}  // namespace

Vocabulary::Vocabulary(std::vector<std::string> words) : words_(std::move(words)) {
    if (words_.size() <= scanned_list) return;
    for (std::size_t i = 0; i < words_.size(); ++i) {
        const std::string_view w = words_[i];
        const auto at = static_cast<std::uint32_t>(i);
        if (w.size() <= longest_short) {
            for_each_variant(w, needed_deletions(w.size()), [&](std::uint64_t key) { index_.push_back({key, at}); });
            continue;
        }
        longest_ = std::max(longest_, w.size());
        for (std::size_t p = 0; p < pieces; ++p) {
            const auto [start, length] = piece_of(w.size(), p);
            index_.push_back({piece_key(w.size(), p, w.substr(start, length)), at});
        }
    }
    std::sort(index_.begin(), index_.end());
    index_.erase(std::unique(index_.begin(), index_.end()), index_.end());
}

std::string_view Vocabulary::closest(std::string_view word) const {
    if (words_.size() <= scanned_list) return detail::closest_of(word, words_);
    const std::size_t k = std::min(allowed_edits(word), indexed_edits);
    std::vector<std::uint32_t> candidates;
    auto look_up = [&](std::uint64_t key) {
        auto [from, to] = std::equal_range(index_.begin(), index_.end(), Entry{key, 0},
                                           [](const Entry& a, const Entry& b) { return a.key < b.key; });
        for (; from != to; ++from) candidates.push_back(from->word);
    };
    if (word.size() <= longest_short + k) for_each_variant(word, k, look_up);
    for (std::size_t length = std::max(word.size() - std::min(word.size(), k), longest_short + 1);
         length <= std::min(word.size() + k, longest_); ++length) {
        for (std::size_t p = 0; p < pieces; ++p) {
            const auto [start, size] = piece_of(length, p);
            for (std::size_t s = start - std::min(start, k); s <= start + k && s + size <= word.size(); ++s)
                look_up(piece_key(length, p, word.substr(s, size)));
        }
    }
    std::sort(candidates.begin(), candidates.end());
    candidates.erase(std::unique(candidates.begin(), candidates.end()), candidates.end());
    Nearest best;
    for (const std::uint32_t i : candidates) {
        if (words_[i].size() + k < word.size() || word.size() + k < words_[i].size()) continue;
        const std::size_t d = bounded_distance(word, words_[i], best.found ? best.distance : k);
        if (d <= (best.found ? best.distance : k)) best.offer(i, d);
    }
    return best.found ? std::string_view(words_[best.index]) : std::string_view();
}

std::string Vocabulary::did_you_mean(std::string_view word) const {
    const std::string_view c = closest(word);
    return c.empty() ? "" : " (did you mean '" + std::string(c) + "'?)";
}

std::string_view closest_of(std::string_view word, const std::vector<std::string>& candidates) {
    Nearest best;
    std::size_t bound = allowed_edits(word);  // then: strictly nearer than the best so far
    for (std::size_t i = 0; i < candidates.size(); ++i) {
        const std::size_t d = bounded_distance(word, candidates[i], bound);
        if (d > bound) continue;
        best.offer(i, d);
        if (d == 0) break;
        bound = d - 1;
    }
    return best.found ? std::string_view(candidates[best.index]) : std::string_view();
}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    return std::string(closest_of(word, candidates));
}

std::string did_you_mean(std::string_view word, const std::vector<std::string>& candidates) {
    const std::string_view c = closest_of(word, candidates);
    return c.empty() ? "" : " (did you mean '" + std::string(c) + "'?)";
}

}  // namespace subsidy::io::detail
