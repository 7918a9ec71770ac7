// FlatMap: the envelopes' sums by key (envelopes/envelopes.hpp). Entries in one vector in
// the order they were first added, found through an open-addressing table of their positions
// (linear probing, power-of-two size, at most half full): no node per key, no pointer to
// follow, and merging two maps walks a vector. Keys are only added, never removed.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace subsidy::detail {

template <class Key, class Value, class Hash>
class FlatMap {
public:
    using Entry = std::pair<Key, Value>;

    /// The value of `key`, value-initialised when the key is new.
    Value& operator[](const Key& key) {
        if ((entries_.size() + 1) * 2 > slots_.size()) grow();
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t s = Hash{}(key) & mask;; s = (s + 1) & mask) {
            const std::uint32_t at = slots_[s];
            if (at == free_slot) {
                slots_[s] = static_cast<std::uint32_t>(entries_.size());
                return entries_.emplace_back(key, Value{}).second;
            }
            if (entries_[at].first == key) return entries_[at].second;
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
    [[nodiscard]] auto begin() const noexcept { return entries_.begin(); }
    [[nodiscard]] auto end() const noexcept { return entries_.end(); }

private:
    static constexpr std::uint32_t free_slot = 0xFFFFFFFFU;

    void grow() {
        std::vector<std::uint32_t> slots(slots_.empty() ? 16 : slots_.size() * 2, free_slot);
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t i = 0; i < entries_.size(); ++i) {
            std::size_t s = Hash{}(entries_[i].first) & mask;
            while (slots[s] != free_slot) s = (s + 1) & mask;
            slots[s] = i;
        }
        slots_ = std::move(slots);
    }

    std::vector<Entry> entries_;
    std::vector<std::uint32_t> slots_;
};

}  // namespace subsidy::detail
