// detail::FlatMap, the table the envelopes sum into (detail/flat_map.hpp): against std::map
// on random keys (many collisions, many growths), then its order of iteration.
#include <gtest/gtest.h>

#include <subsidy/detail/flat_map.hpp>

#include <array>
#include <cstdint>
#include <map>
#include <random>
#include <string>

namespace {

using Key = std::array<std::uint32_t, 3>;

// A poor hash on purpose: keys collide in runs, so probing and wrapping around are exercised.
struct WeakHash {
    std::size_t operator()(const Key& k) const noexcept { return (k[0] * 7U + k[1]) % 37U; }
};

TEST(FlatMap, SumsAsStdMapDoes) {
    for (std::uint32_t seed = 1; seed <= 20; ++seed) {
        std::mt19937 g(seed);
        std::uniform_int_distribution<std::uint32_t> code(0, seed * 3);
        std::uniform_int_distribution<std::int64_t> amount(-1'000, 1'000);
        subsidy::detail::FlatMap<Key, std::int64_t, WeakHash> flat;
        std::map<Key, std::int64_t> reference;
        for (int i = 0; i < 2'000; ++i) {
            const Key k{code(g), code(g), code(g) % 3};
            const std::int64_t a = amount(g);
            flat[k] += a;
            reference[k] += a;
        }
        ASSERT_EQ(flat.size(), reference.size()) << "seed " << seed;
        std::map<Key, std::int64_t> seen;
        for (const auto& [k, v] : flat) {
            ASSERT_TRUE(seen.emplace(k, v).second) << "seed " << seed << ": a key listed twice";
            ASSERT_EQ(v, reference.at(k)) << "seed " << seed;
            ASSERT_EQ(&flat[k], &flat[k]);  // found again, not added
        }
        ASSERT_EQ(flat.size(), reference.size()) << "seed " << seed;
    }
}

TEST(FlatMap, ListsKeysInTheOrderFirstAdded) {
    subsidy::detail::FlatMap<Key, std::int64_t, WeakHash> flat;
    EXPECT_TRUE(flat.empty());
    for (std::uint32_t i = 40; i-- > 0;) flat[Key{i, 0, 0}] += i;  // 39, 38 … 0: past two growths (16, 32, 64 slots)
    flat[Key{39, 0, 0}] += 1;
    std::string order;
    for (const auto& [k, v] : flat) order += std::to_string(k[0]) + "=" + std::to_string(v) + " ";
    EXPECT_EQ(order.substr(0, 18), "39=40 38=38 37=37 ");
    EXPECT_EQ(flat.size(), 40U);
}

}  // namespace
