// Sets of small integers as bits (interned flags and categories), and conditions over them.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace subsidy::detail {

// A set of small integers (flags, categories) as bits, as wide as the programme needs.
class BitSet {
public:
    void resize(std::size_t bits) { words_.assign((bits + 63) / 64, 0); }
    void reset() noexcept { std::fill(words_.begin(), words_.end(), 0); }
    void set(std::size_t i) noexcept { words_[i / 64] |= std::uint64_t{1} << (i % 64); }
    [[nodiscard]] bool test(std::size_t i) const noexcept { return (words_[i / 64] >> (i % 64)) & 1U; }
    [[nodiscard]] bool contains_all(const BitSet& o) const noexcept {
        for (std::size_t w = 0; w < words_.size(); ++w)
            if (o.words_[w] & ~words_[w]) return false;
        return true;
    }
    [[nodiscard]] bool intersects(const BitSet& o) const noexcept {
        for (std::size_t w = 0; w < words_.size(); ++w)
            if (o.words_[w] & words_[w]) return true;
        return false;
    }

private:
    std::vector<std::uint64_t> words_;
};

// A Condition (rules/program.hpp) over interned flags.
struct FlagCondition {
    BitSet all_of, any_of, none_of;
    bool any_of_empty = true;
    [[nodiscard]] bool holds(const BitSet& flags) const noexcept {
        return flags.contains_all(all_of) && !flags.intersects(none_of) && (any_of_empty || flags.intersects(any_of));
    }
};

inline constexpr std::uint32_t no_index = std::numeric_limits<std::uint32_t>::max();

}  // namespace subsidy::detail
