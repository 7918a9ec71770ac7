// FlatMap: the envelopes' sums by key (envelopes/envelopes.hpp). Entries in one vector in
// the order they were first added, found through an open-addressing table of their positions
// (linear probing, power-of-two size, at most half full; each slot keeps high bits of its
// key's hash, so that a probe compares keys only when they probably match): no node per key,
// no pointer to follow, and merging two maps walks a vector. Keys are only added, never
// removed. The hash's low bits choose the slot and its high bits are the tag: `Hash` must
// spread both (a 64-bit hash).
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
        const std::size_t h = Hash{}(key);
        const std::uint32_t tag = tag_of(h);
        for (std::size_t s = h & mask;; s = (s + 1) & mask) {
            const std::uint64_t slot = slots_[s];
            if (slot == free_slot) {
                slots_[s] = (std::uint64_t{tag} << 32) | entries_.size();
                return entries_.emplace_back(key, Value{}).second;
            }
            // The hash's high bits first: keys are compared only when they probably match.
            if (static_cast<std::uint32_t>(slot >> 32) == tag && entries_[slot & 0xFFFFFFFFU].first == key)
                return entries_[slot & 0xFFFFFFFFU].second;
        }
    }

    [[nodiscard]] std::size_t size() const noexcept { return entries_.size(); }
    [[nodiscard]] bool empty() const noexcept { return entries_.empty(); }
    [[nodiscard]] auto begin() const noexcept { return entries_.begin(); }
    [[nodiscard]] auto end() const noexcept { return entries_.end(); }

private:
    // A slot: 0 when free, else (the key's tag << 32) | its entry's position. A tag is never 0.
    static constexpr std::uint64_t free_slot = 0;
    static std::uint32_t tag_of(std::size_t h) noexcept { return static_cast<std::uint32_t>(h >> 32) | 1U; }

    void grow() {
        std::vector<std::uint64_t> slots(slots_.empty() ? 16 : slots_.size() * 2, free_slot);
        const std::size_t mask = slots.size() - 1;
        for (std::uint32_t i = 0; i < entries_.size(); ++i) {
            const std::size_t h = Hash{}(entries_[i].first);
            std::size_t s = h & mask;
            while (slots[s] != free_slot) s = (s + 1) & mask;
            slots[s] = (std::uint64_t{tag_of(h)} << 32) | i;
        }
        slots_ = std::move(slots);
    }

    std::vector<Entry> entries_;
    std::vector<std::uint64_t> slots_;
};

}  // namespace subsidy::detail
