// Rounding: how an exact amount (Money × Rate) becomes Money, explicitly and once.
//
// Things you should know:
// - Money × Rate is an ExactAmount, never Money: the product is kept as an exact fraction of
//   cents. Only apply(exact, rounding) turns it into Money, so every rounding in a plan is
//   visible in the code (and in the trace).
// - A Rounding is a mode and a unit. The unit is any positive whole number of cents: the cent,
//   the euro, 10 €, 100 €, 1 000 €, … The result is always a multiple of the unit.
// - Modes, for a positive or negative exact value x and unit u:
//     down      toward zero                   ( 2.7 →  2, −2.7 → −2)
//     up        away from zero                ( 2.1 →  3, −2.1 → −3)
//     half_up   nearest, ties away from zero  ( 2.5 →  3, −2.5 → −3)
//     half_even nearest, ties to even         ( 2.5 →  2,  3.5 →  4, −2.5 → −2)
//     floor     toward −∞                     (−2.1 → −3)
//     ceiling   toward +∞                     ( 2.1 →  3)
// - The default Rounding is `down` to the cent: an aid computed from a legal rate never exceeds
//   that rate. A result beyond the money range throws range_error.
#pragma once

#include <algorithm>
#include <array>
#include <cstdint>
#include <string>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/detail/int128.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"

namespace subsidy {

enum class RoundingMode { down, up, half_up, half_even, floor, ceiling };

inline constexpr std::array<EnumName<RoundingMode>, 6> rounding_mode_names{{
    {RoundingMode::down, "down"},
    {RoundingMode::up, "up"},
    {RoundingMode::half_up, "half_up"},
    {RoundingMode::half_even, "half_even"},
    {RoundingMode::floor, "floor"},
    {RoundingMode::ceiling, "ceiling"},
}};
constexpr const auto& enum_names(RoundingMode) { return rounding_mode_names; }

/// The step a rounded amount is a multiple of: a positive whole number of cents.
class RoundingUnit {
public:
    [[nodiscard]] static constexpr RoundingUnit of_cents(std::int64_t cents) { return RoundingUnit(cents); }
    [[nodiscard]] static constexpr RoundingUnit of_euros(std::int64_t euros) {
        if (euros <= 0 || euros > Money::max_cents / 100)
            throw invalid_argument("rounding unit of " + std::to_string(euros) + " €: expected a positive whole number of euros");
        return RoundingUnit(euros * 100);
    }
    [[nodiscard]] static constexpr RoundingUnit cent() { return RoundingUnit(1); }
    [[nodiscard]] static constexpr RoundingUnit euro() { return RoundingUnit(100); }

    [[nodiscard]] constexpr std::int64_t cents() const noexcept { return cents_; }
    friend constexpr bool operator==(RoundingUnit, RoundingUnit) = default;

private:
    constexpr explicit RoundingUnit(std::int64_t cents) : cents_(cents) {
        if (cents <= 0 || cents > Money::max_cents)
            throw invalid_argument("rounding unit of " + std::to_string(cents) + " cents: expected a positive whole number of cents");
    }
    std::int64_t cents_ = 1;
};

class Rounding {
public:
    /// `down` to the cent, the default for aid amounts.
    constexpr Rounding() = default;
    constexpr explicit Rounding(RoundingMode mode, RoundingUnit unit = RoundingUnit::cent()) : mode_(mode), unit_(unit) {}

    [[nodiscard]] constexpr RoundingMode mode() const noexcept { return mode_; }
    [[nodiscard]] constexpr RoundingUnit unit() const noexcept { return unit_; }
    friend constexpr bool operator==(const Rounding&, const Rounding&) = default;

private:
    RoundingMode mode_ = RoundingMode::down;
    RoundingUnit unit_ = RoundingUnit::cent();
};

[[nodiscard]] inline std::string to_string(RoundingMode m) { return std::string(detail::name_of(m)); }

/// "down to the cent", "half_up to 1 €", "down to 0.50 €".
[[nodiscard]] inline std::string to_string(const Rounding& r) {
    std::string unit;
    const std::int64_t c = r.unit().cents();
    if (c == 1) unit = "the cent";
    else if (c % 100 == 0) unit = std::to_string(c / 100) + " €";
    else unit = to_string(Money::from_cents(c)) + " €";
    return to_string(r.mode()) + " to " + unit;
}

/// An exact amount of money: numerator / denominator cents, the denominator positive.
/// Produced by Money × Rate; compared with Money exactly; turned into Money by apply().
class ExactAmount {
public:
    ExactAmount() = default;
    /// The exact value of a Money amount.
    explicit ExactAmount(const Money& m) : num_(static_cast<detail::int128>(m.cents())), den_(1) {}

    /// The exact product amount × rate.
    ExactAmount(const Money& amount, const Rate& rate)
        // |cents| < 2^60 and num < 2^63, so the product fits 123 bits: no overflow possible.
        : num_(static_cast<detail::int128>(amount.cents()) * rate.num()), den_(rate.den()) {}

    /// Numerator and denominator, in cents (not reduced).
    [[nodiscard]] cents_t numerator() const { return cents_t(num_); }
    [[nodiscard]] std::int64_t denominator() const noexcept { return den_; }
    [[nodiscard]] bool is_whole_cents() const noexcept { return num_ % den_ == 0; }

    friend bool operator==(const ExactAmount& a, const Money& b) {
        return a.num_ == static_cast<detail::int128>(b.cents()) * a.den_;
    }
    friend std::strong_ordering operator<=>(const ExactAmount& a, const Money& b) {
        const detail::int128 rhs = static_cast<detail::int128>(b.cents()) * a.den_;
        return a.num_ < rhs ? std::strong_ordering::less : a.num_ > rhs ? std::strong_ordering::greater
                                                                       : std::strong_ordering::equal;
    }

    friend Money apply(const ExactAmount& x, const Rounding& r);

    // Raw access for exact algorithms of the library.
    [[nodiscard]] detail::int128 raw_numerator() const noexcept { return num_; }

private:
    detail::int128 num_ = 0;
    std::int64_t den_ = 1;
};

/// Money × Rate is exact; it becomes Money only through apply(…, Rounding).
[[nodiscard]] inline ExactAmount operator*(const Money& m, const Rate& r) { return ExactAmount(m, r); }
[[nodiscard]] inline ExactAmount operator*(const Rate& r, const Money& m) { return ExactAmount(m, r); }

namespace detail {

/// round(n / d) to an integer in the given mode; d > 0. One template for the 64-bit fast path
/// and the 128-bit general case: the half-way test compares |r| with d − |r| rather than 2|r|
/// with d, so it cannot overflow whatever the width.
template <class Int>
constexpr Int divide_rounded(Int n, Int d, RoundingMode mode) noexcept {
    const Int q = n / d;  // truncated toward zero (d > 0: no MIN / −1)
    const Int r = n % d;  // same sign as n
    if (r == 0) return q;
    const Int sign = n < 0 ? Int(-1) : Int(1);
    const Int abs_r = r < 0 ? -r : r;  // |r| < d, so the negation cannot overflow
    const Int rest = d - abs_r;        // the distance to the next multiple
    switch (mode) {
        case RoundingMode::down: return q;
        case RoundingMode::up: return q + sign;
        case RoundingMode::floor: return sign < 0 ? q - 1 : q;
        case RoundingMode::ceiling: return sign > 0 ? q + 1 : q;
        case RoundingMode::half_up: return abs_r >= rest ? q + sign : q;
        case RoundingMode::half_even:
            if (abs_r > rest) return q + sign;
            if (abs_r < rest) return q;
            return (q % 2 != 0) ? q + sign : q;
    }
    return q;
}

}  // namespace detail

/// The exact amount rounded once, to a multiple of the rounding unit.
[[nodiscard]] inline Money apply(const ExactAmount& x, const Rounding& r) {
    const std::int64_t unit = r.unit().cents();
    // den < 2^63 and unit < 2^60: the divisor fits 123 bits.
    const detail::int128 d = static_cast<detail::int128>(x.den_) * unit;
    // Fast path: every realistic amount × rate has a numerator and a divisor that fit 64 bits.
    const detail::int128 k =
        (x.num_ == static_cast<std::int64_t>(x.num_) && d == static_cast<std::int64_t>(d))
            ? detail::divide_rounded<std::int64_t>(static_cast<std::int64_t>(x.num_), static_cast<std::int64_t>(d), r.mode())
            : detail::divide_rounded<detail::int128>(x.num_, d, r.mode());
    // |k| ≤ |num| / d + 1 and unit < 2^60: k × unit fits 128 bits once k is in the money range.
    if (k > Money::max_cents || k < -Money::max_cents || k * unit > Money::max_cents || k * unit < -Money::max_cents)
        throw range_error("rounded amount is beyond the money range (±9 999 999 999 999 999,99 €)");
    return Money::from_cents(static_cast<std::int64_t>(k * unit));
}

/// amount × rate, computed exactly and rounded once.
[[nodiscard]] inline Money apply(const Money& amount, const Rate& rate, const Rounding& r = Rounding()) {
    return apply(amount * rate, r);
}

/// An amount rounded to a unit (e.g. to the euro).
[[nodiscard]] inline Money round(const Money& amount, const Rounding& r) { return apply(ExactAmount(amount), r); }

/// Exact decimal text in euros when the amount has a finite decimal expansion
/// ("38425.9275"), else the reduced fraction of euros ("1000/3 €").
[[nodiscard]] inline std::string to_string(const ExactAmount& x) {
    // Printing is off the hot path; arbitrary precision, because 10^k can exceed 128 bits.
    using boost::multiprecision::cpp_int;
    cpp_int n = cpp_int(x.numerator());
    cpp_int d = cpp_int(x.denominator()) * 100;  // in euros
    const bool negative = n < 0;
    if (negative) n = -n;
    const cpp_int g = boost::multiprecision::gcd(n, d);
    if (g > 1) {
        n /= g;
        d /= g;
    }
    cpp_int dd = d;
    std::size_t twos = 0, fives = 0;
    while (dd % 2 == 0) { dd /= 2; ++twos; }
    while (dd % 5 == 0) { dd /= 5; ++fives; }
    const std::string sign = negative ? "-" : "";
    if (dd != 1) return sign + n.str() + "/" + d.str() + " €";
    const std::size_t k = std::max<std::size_t>({twos, fives, 2});  // at least cents, like Money
    cpp_int scale = 1;
    for (std::size_t i = 0; i < k; ++i) scale *= 10;
    std::string s = cpp_int(n * scale / d).str();
    if (s.size() <= k) s.insert(0, k + 1 - s.size(), '0');
    s.insert(s.size() - k, ".");
    return sign + s;
}

inline std::ostream& operator<<(std::ostream& os, const ExactAmount& x) { return os << to_string(x); }

}  // namespace subsidy
