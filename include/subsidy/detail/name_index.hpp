// NameIndex: a programme's names (measure ids, flags, categories, unit kinds) as small
// indices, found by std::string_view without allocating. The engine looks up every project's
// measures, flags, category and units when it plans it; a node-based std::unordered_map costs
// a modulo by a prime and a pointer chase each time, where this open-addressing table of a
// power-of-two size costs a short hash, a mask and one comparison of the name.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/detail/bit_set.hpp"

namespace subsidy::detail {

class NameIndex {
public:
    /// The index of `name`: its existing one, or the next (size() before the call).
    std::uint32_t intern(std::string_view name) {
        if (const std::uint32_t i = find(name); i != no_index) return i;
        if (2 * (names_.size() + 1) > slots_.size()) grow();
        names_.emplace_back(name);
        place(static_cast<std::uint32_t>(names_.size() - 1));
        return static_cast<std::uint32_t>(names_.size() - 1);
    }

    /// The index of `name`, or no_index.
    [[nodiscard]] std::uint32_t find(std::string_view name) const noexcept {
        if (slots_.empty()) return no_index;
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = hash(name) & mask;; s = (s + 1) & mask) {  // never full: at most half used
            const std::uint32_t slot = slots_[s];
            if (slot == 0) return no_index;
            if (names_[slot - 1] == name) return slot - 1;
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return names_.size(); }
    /// The names, by index.
    [[nodiscard]] const std::vector<std::string>& names() const noexcept { return names_; }

private:
    // FNV-1a over the bytes: names are a few bytes to a few dozen.
    static std::size_t hash(std::string_view s) noexcept {
        std::uint64_t h = 14695981039346656037ull;
        for (const char c : s) h = (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
    void place(std::uint32_t index) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t s = hash(names_[index]) & mask;
        while (slots_[s] != 0) s = (s + 1) & mask;
        slots_[s] = index + 1;
    }
    void grow() {
        slots_.assign(slots_.empty() ? 16 : 2 * slots_.size(), 0);
        for (std::uint32_t i = 0; i < names_.size(); ++i) place(i);
    }

    std::vector<std::string> names_;
    std::vector<std::uint32_t> slots_;  // index + 1 of the name placed there; 0: empty
};

}  // namespace subsidy::detail
