// The generator's only source of randomness. Same seed, same numbers on every platform and with
// every standard library: the algorithms are our own (xoshiro256**, seeded by splitmix64;
// uniform integers by rejection; Fisher–Yates), never <random>'s distributions or
// std::shuffle, whose output each library chooses.
#pragma once

#include <array>
#include <bit>
#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "subsidy/error.hpp"

namespace subsidy::detail::generation {

/// xoshiro256** (Blackman and Vigna), its state filled by splitmix64 from the seed: fixed
/// algorithms, so the same seed gives the same numbers everywhere.
class Random {
public:
    explicit Random(std::uint64_t seed) {
        for (std::uint64_t& s : state_) {
            seed += 0x9e3779b97f4a7c15ULL;
            std::uint64_t z = seed;
            z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
            z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
            s = z ^ (z >> 31);
        }
    }

    std::uint64_t next() {
        const std::uint64_t result = std::rotl(state_[1] * 5, 7) * 9;
        const std::uint64_t t = state_[1] << 17;
        state_[2] ^= state_[0];
        state_[3] ^= state_[1];
        state_[1] ^= state_[2];
        state_[0] ^= state_[3];
        state_[2] ^= t;
        state_[3] = std::rotl(state_[3], 45);
        return result;
    }

    /// Uniform in [lo, hi], by rejection of the draws that would bias a plain modulo.
    std::int64_t between(std::int64_t lo, std::int64_t hi) {
        if (hi < lo) throw invalid_argument("random draw between " + std::to_string(lo) + " and " + std::to_string(hi));
        const std::uint64_t span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
        if (span == 0) return static_cast<std::int64_t>(next());  // the whole 64-bit range
        const std::uint64_t reject_below = (0 - span) % span;      // 2^64 mod span
        std::uint64_t x = next();
        while (x < reject_below) x = next();
        return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + x % span);
    }

    /// True with probability percent / 100.
    bool chance(int percent) { return between(0, 99) < percent; }

    template <class T, std::size_t N>
    const T& pick(const std::array<T, N>& choices) {
        return choices[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(N) - 1))];
    }

    /// Fisher–Yates (std::shuffle's algorithm is left to each standard library).
    template <class T>
    void shuffle(std::vector<T>& v) {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[static_cast<std::size_t>(between(0, static_cast<std::int64_t>(i) - 1))]);
    }

private:
    std::array<std::uint64_t, 4> state_{};
};

}  // namespace subsidy::detail::generation
