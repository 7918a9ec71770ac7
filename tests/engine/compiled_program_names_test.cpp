// The name table of CompiledProgram (detail::NameIndex): each name its first index, found
// again by any string_view equal to it, never by another name, through every growth of the
// table; checked against std::map on random names.
#include <gtest/gtest.h>

#include <map>
#include <random>
#include <string>

#include "subsidy/detail/name_index.hpp"

using subsidy::detail::NameIndex;
using subsidy::detail::no_index;

TEST(NameIndex, InternGivesIndicesInOrderAndFindsThemAgain) {
    NameIndex names;
    EXPECT_EQ(names.find("pvd-project-lead"), no_index);  // empty table
    EXPECT_EQ(names.intern("pvd-project-lead"), 0u);
    EXPECT_EQ(names.intern("opah_ru"), 1u);
    EXPECT_EQ(names.intern("pvd-project-lead"), 0u);  // again: its index, nothing added
    EXPECT_EQ(names.size(), 2u);
    const std::string key = "xopah_rux";
    EXPECT_EQ(names.find(std::string_view(key).substr(1, 7)), 1u);  // a view into another string
    EXPECT_EQ(names.find("opah_r"), no_index);                       // a prefix is another name
    EXPECT_EQ(names.find(""), no_index);
    EXPECT_EQ(names.intern(""), 2u);  // the empty name is a name like the others
    EXPECT_EQ(names.find(""), 2u);
    EXPECT_EQ(names.names(), (std::vector<std::string>{"pvd-project-lead", "opah_ru", ""}));
}

TEST(NameIndex, AgreesWithAMapThroughEveryGrowth) {
    std::mt19937_64 rng(2026);
    std::uniform_int_distribution<int> length(0, 12), letter('a', 'd');  // few letters: many near misses
    NameIndex names;
    std::map<std::string, std::uint32_t> oracle;
    for (int i = 0; i < 3000; ++i) {
        std::string s(static_cast<std::size_t>(length(rng)), 'a');
        for (char& c : s) c = static_cast<char>(letter(rng));
        const auto expected = oracle.emplace(s, static_cast<std::uint32_t>(oracle.size())).first->second;
        ASSERT_EQ(names.intern(s), expected) << s;
        std::string probe(static_cast<std::size_t>(length(rng)), 'a');
        for (char& c : probe) c = static_cast<char>(letter(rng));
        const auto it = oracle.find(probe);
        ASSERT_EQ(names.find(probe), it == oracle.end() ? no_index : it->second) << probe;
    }
    ASSERT_EQ(names.size(), oracle.size());
    for (const auto& [name, index] : oracle) ASSERT_EQ(names.find(name), index) << name;
}
