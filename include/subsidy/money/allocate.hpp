// Exact allocation: split a Money total into parts proportional to weights, by largest
// remainder, so that the parts always add up to the total to the cent.
//
// Things you should know:
// - Each part first gets the floor of its exact share total·w/Σw (in cents); the cents left
//   over (fewer than the number of parts) go one each to the parts with the largest
//   remainders. Ties are broken by position: the earliest part wins. So every part is within
//   one cent of its exact share, and the result depends only on the weights and their order.
// - Weights may be whole numbers (populations), Rates or Money amounts. A zero weight gets
//   zero; negative weights and all-zero weights throw subsidy::invalid_argument.
// - A negative total is split as its magnitude, then every part is negated.
// - allocate_capped additionally keeps every part at or below its cap: parts whose exact
//   share would exceed their cap are fixed at the cap and the rest is re-shared among the
//   others, until no share exceeds its cap. What cannot be placed (every part with a weight is
//   at its cap) is returned as `unplaced`, never lost: Σ parts + unplaced = total.
#pragma once

#include <algorithm>
#include <concepts>
#include <cstddef>
#include <numeric>
#include <ranges>
#include <span>
#include <string>
#include <vector>

#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"

namespace subsidy {

namespace detail {

using big_int = boost::multiprecision::cpp_int;

// Weights as exact integers (checked 128-bit for whole numbers and Money, arbitrary precision
// for Rates brought to a common denominator).
template <class Int>
std::vector<Money> largest_remainder(const Money& total, const std::vector<Int>& weights) {
    Int sum = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        if (weights[i] < 0) throw invalid_argument("allocate: weight #" + std::to_string(i + 1) + " is negative");
        sum += weights[i];
    }
    if (weights.empty()) throw invalid_argument("allocate: no weights to allocate " + to_string(total) + " over");
    if (sum == 0) throw invalid_argument("allocate: all weights are zero, cannot split " + to_string(total));

    const bool negative = total.sign() < 0;
    const Int magnitude = Int(negative ? -total.cents() : total.cents());
    std::vector<Int> floors(weights.size());
    std::vector<Int> remainders(weights.size());
    Int placed = 0;
    for (std::size_t i = 0; i < weights.size(); ++i) {
        Int product = magnitude * weights[i];
        floors[i] = product / sum;
        remainders[i] = product % sum;
        placed += floors[i];
    }
    // Fewer cents are left than there are parts with a non-zero remainder.
    Int left = magnitude - placed;
    std::vector<std::size_t> order(weights.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    const auto n_left = static_cast<std::size_t>(left);
    std::partial_sort(order.begin(), order.begin() + static_cast<std::ptrdiff_t>(n_left), order.end(),
                      [&](std::size_t a, std::size_t b) {
                          return remainders[a] != remainders[b] ? remainders[a] > remainders[b] : a < b;
                      });
    for (std::size_t k = 0; k < n_left; ++k) floors[order[k]] += 1;

    std::vector<Money> parts;
    parts.reserve(weights.size());
    for (const Int& f : floors) {
        const cents_t c = static_cast<cents_t>(f);
        parts.push_back(Money::from_cents(negative ? cents_t(-c) : c));
    }
    return parts;
}

inline std::vector<cents_t> integer_weights(std::span<const Money> weights) {
    std::vector<cents_t> out;
    out.reserve(weights.size());
    for (const Money& w : weights) out.push_back(w.cents());
    return out;
}

inline std::vector<big_int> integer_weights(std::span<const Rate> weights) {
    big_int common = 1;
    for (const Rate& r : weights) common = boost::multiprecision::lcm(common, big_int(r.den()));
    std::vector<big_int> out;
    out.reserve(weights.size());
    for (const Rate& r : weights) out.push_back(big_int(r.num()) * (common / r.den()));
    return out;
}

template <whole_number I>
std::vector<cents_t> integer_weights(std::span<const I> weights) {
    std::vector<cents_t> out;
    out.reserve(weights.size());
    for (I w : weights) out.push_back(cents_t(w));
    return out;
}

template <class W>
concept allocation_weight = whole_number<W> || std::same_as<W, Rate> || std::same_as<W, Money>;

}  // namespace detail

/// Splits `total` proportionally to `weights` (whole numbers, Rates or Money) by largest
/// remainder; parts sum to `total` exactly, ties go to the earliest part.
template <detail::allocation_weight W>
[[nodiscard]] std::vector<Money> allocate(const Money& total, std::span<const W> weights) {
    return detail::largest_remainder(total, detail::integer_weights(weights));
}
template <detail::allocation_weight W>
[[nodiscard]] std::vector<Money> allocate(const Money& total, const std::vector<W>& weights) {
    return allocate(total, std::span<const W>(weights));
}
template <detail::allocation_weight W>
[[nodiscard]] std::vector<Money> allocate(const Money& total, std::initializer_list<W> weights) {
    return allocate(total, std::span<const W>(weights.begin(), weights.size()));
}

/// Result of allocate_capped: the parts (each ≤ its cap) and what could not be placed.
struct CappedAllocation {
    std::vector<Money> parts;
    Money unplaced;
};

/// Like allocate, with every part kept at or below its cap (see the notes at the top).
/// `total` and the caps must not be negative.
template <detail::allocation_weight W>
[[nodiscard]] CappedAllocation allocate_capped(const Money& total, std::span<const W> weights,
                                               std::span<const Money> caps) {
    if (caps.size() != weights.size())
        throw invalid_argument("allocate_capped: " + std::to_string(weights.size()) + " weights but " +
                               std::to_string(caps.size()) + " caps");
    if (total.sign() < 0) throw invalid_argument("allocate_capped: negative total " + to_string(total));
    for (std::size_t i = 0; i < caps.size(); ++i)
        if (caps[i].sign() < 0)
            throw invalid_argument("allocate_capped: cap #" + std::to_string(i + 1) + " is negative (" +
                                   to_string(caps[i]) + ")");
    const auto w = detail::integer_weights(weights);
    using Int = typename std::decay_t<decltype(w)>::value_type;
    for (std::size_t i = 0; i < w.size(); ++i)
        if (w[i] < 0) throw invalid_argument("allocate: weight #" + std::to_string(i + 1) + " is negative");
    if (std::all_of(w.begin(), w.end(), [](const Int& x) { return x == 0; }))
        throw invalid_argument("allocate: all weights are zero, cannot split " + to_string(total));

    CappedAllocation result{std::vector<Money>(w.size()), Money()};
    std::vector<bool> fixed(w.size(), false);
    for (std::size_t i = 0; i < w.size(); ++i) fixed[i] = (w[i] == 0);  // zero weight: zero part
    Money remaining = total;
    for (;;) {
        Int active_sum = 0;
        for (std::size_t i = 0; i < w.size(); ++i)
            if (!fixed[i]) active_sum += w[i];
        if (active_sum == 0) break;  // every weighted part is at its cap
        // Fix at its cap every part whose exact share remaining·w/Σw exceeds the cap.
        bool any = false;
        const Int rem = Int(remaining.cents());
        for (std::size_t i = 0; i < w.size(); ++i) {
            if (!fixed[i] && rem * w[i] > Int(caps[i].cents()) * active_sum) {
                fixed[i] = true;
                result.parts[i] = caps[i];
                any = true;
            }
        }
        if (any) {
            remaining = total;
            for (std::size_t i = 0; i < w.size(); ++i)
                if (fixed[i]) remaining -= result.parts[i];
            continue;
        }
        // No share exceeds its cap: largest remainder gives floor or ceiling of each share, and
        // the ceiling of a share ≤ cap is still ≤ cap (caps are whole cents).
        std::vector<Int> active;
        std::vector<std::size_t> index;
        for (std::size_t i = 0; i < w.size(); ++i)
            if (!fixed[i]) {
                active.push_back(w[i]);
                index.push_back(i);
            }
        const auto parts = detail::largest_remainder(remaining, active);
        for (std::size_t k = 0; k < parts.size(); ++k) result.parts[index[k]] = parts[k];
        remaining = Money();
        break;
    }
    result.unplaced = remaining;
    return result;
}
template <detail::allocation_weight W>
[[nodiscard]] CappedAllocation allocate_capped(const Money& total, const std::vector<W>& weights,
                                               const std::vector<Money>& caps) {
    return allocate_capped(total, std::span<const W>(weights), std::span<const Money>(caps));
}

}  // namespace subsidy
