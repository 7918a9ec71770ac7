// User-defined literals, so that a rule in C++ reads like the rule in the text:
//   using namespace subsidy::literals;
//   45'000_eur   12.50_eur   1234_cents   75_pct   62.5_pct
// The literals are read from their source characters at compile time, never through a
// floating-point value: 62.5_pct is exactly 5/8 and 0.1_eur is exactly 10 cents. A literal with
// more than two decimals in euros, a fractional count of cents, or a percent above 100 does
// not compile.
#pragma once

#include <cstdint>

#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"

namespace subsidy::literals {

namespace detail {

struct Decimal {
    std::int64_t digits = 0;  // all digits as one integer
    int decimals = 0;         // how many of them follow the decimal point
};

// Reads a decimal literal's source characters ("45'000", "62.5"); digit separators allowed.
template <char... C>
consteval Decimal read_decimal() {
    const char text[] = {C..., '\0'};
    Decimal d;
    bool point = false;
    for (const char* p = text; *p != '\0'; ++p) {
        const char c = *p;
        if (c == '\'') continue;
        if (c == '.') {
            if (point) throw "two decimal points";
            point = true;
            continue;
        }
        if (c < '0' || c > '9') throw "only decimal digits are allowed in a money or rate literal";
        if (d.digits > (INT64_MAX - 9) / 10) throw "literal too large";
        d.digits = d.digits * 10 + (c - '0');
        if (point) ++d.decimals;
    }
    return d;
}

template <char... C>
consteval std::int64_t euro_literal_cents() {
    const Decimal d = read_decimal<C...>();
    if (d.decimals > 2) throw "a euro literal has at most two decimals";
    std::int64_t cents = d.digits;
    for (int i = d.decimals; i < 2; ++i) {
        if (cents > Money::max_cents / 10) throw "beyond the money range";
        cents *= 10;
    }
    return cents;
}

template <char... C>
consteval std::int64_t cents_literal() {
    const Decimal d = read_decimal<C...>();
    if (d.decimals > 0) throw "a count of cents is a whole number";
    if (d.digits > Money::max_cents) throw "beyond the money range";
    return d.digits;
}

}  // namespace detail

/// Whole or decimal euros: 45'000_eur, 12.50_eur.
template <char... C>
[[nodiscard]] Money operator""_eur() {
    constexpr std::int64_t cents = detail::euro_literal_cents<C...>();
    return Money::from_cents(cents);
}

/// A count of cents: 1234_cents == 12.34 €.
template <char... C>
[[nodiscard]] Money operator""_cents() {
    constexpr std::int64_t cents = detail::cents_literal<C...>();
    return Money::from_cents(cents);
}

namespace detail {
template <char... C>
consteval Rate percent_literal() {
    const Decimal d = read_decimal<C...>();
    std::int64_t den = 100;
    for (int i = 0; i < d.decimals; ++i) den *= 10;
    return Rate::fraction(d.digits, den);
}
}  // namespace detail

/// A percent, integer or decimal: 75_pct, 62.5_pct (at most 100). The operator is constexpr,
/// not consteval (clang 14 refuses consteval literal operators in some initialisers); the
/// constexpr variable still forces the evaluation, so a bad literal does not compile.
template <char... C>
[[nodiscard]] constexpr Rate operator""_pct() {
    constexpr Rate rate = detail::percent_literal<C...>();
    return rate;
}

}  // namespace subsidy::literals
