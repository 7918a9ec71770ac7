// Money: an exact, signed count of euro cents.
//
// Things you should know (in the manner of Boost.Multiprecision's per-type notes):
// - Storage: a std::int64_t count of cents. The documented range is
//   ±9 999 999 999 999 999.99 € (|cents| ≤ 10^18 − 1), far beyond any public budget (the PVD
//   programme is 3·10^9 €): the sum or difference of two amounts in range never overflows
//   64 bits (|a ± b| ≤ 2·10^18 < 2^63), so adding is one machine addition and one range check.
//   Products (cents × a rate's numerator, cents × a count) are made in cents_t,
//   boost::multiprecision::checked_int128_t, where they always fit. Any operation whose result
//   leaves the range throws subsidy::range_error; nothing ever wraps.
// - Construction: from an integer count of cents or whole euros, or from text. There is no
//   constructor from floating point at all; the overloads are deleted so that a `double` cannot
//   slip in through a conversion.
// - Text accepted by Money::parse: an optional sign (`-`, `+`, or U+2212), digits optionally
//   grouped by three with a space, a no-break space (U+00A0) or a narrow no-break space
//   (U+202F), then optionally `.` or `,` and one or two decimals, then optionally `€` (with or
//   without a space before it). Examples: "45000", "45000.00", "45 000,00 €", "-12.5".
//   More than two decimals, any other character, or a value beyond the range throws
//   subsidy::parse_error quoting the text.
// - Printing: to_string gives the plain machine form "45000.00" / "-12.50"; format_fr gives
//   the French form "45 000,00 €": by default groups are separated by a narrow no-break space
//   (U+202F) and the euro sign by a no-break space (U+00A0), as French typography asks;
//   FrenchSpacing::ascii uses plain spaces instead (for terminals and golden files).
// - Money × Money, Money + Rate and friends do not compile. Money × Rate is not Money: it is an
//   ExactAmount (rounding.hpp) that becomes Money only through an explicit Rounding.
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <concepts>
#include <cstdint>
#include <iterator>
#include <ostream>
#include <ranges>
#include <string>
#include <string_view>
#include <type_traits>

#include "subsidy/detail/text.hpp"
#include "subsidy/error.hpp"

namespace subsidy {

/// The integer type that holds cents (and exact intermediate products).
using cents_t = boost::multiprecision::checked_int128_t;

namespace detail {
template <class I>
concept whole_number = std::integral<I> && !std::same_as<std::remove_cv_t<I>, bool>;
}  // namespace detail

class Money {
public:
    /// Largest magnitude in cents: 10^18 − 1, i.e. 9 999 999 999 999 999.99 €.
    static constexpr std::int64_t max_cents = 999'999'999'999'999'999;

    /// Zero euros.
    Money() = default;

    template <detail::whole_number I>
    [[nodiscard]] static Money from_cents(I cents) {
        if constexpr (std::is_signed_v<I> && sizeof(I) <= sizeof(std::int64_t)) {
            return Money(checked(static_cast<std::int64_t>(cents)));
        } else {
            return Money(cents_t(cents));
        }
    }
    [[nodiscard]] static Money from_cents(const cents_t& cents) { return Money(cents); }
    template <std::floating_point F>
    static Money from_cents(F) = delete;  // money never comes from floating point

    template <detail::whole_number I>
    [[nodiscard]] static Money from_euros(I euros) {
        cents_t c(euros);
        if (c > max_cents / 100 || c < -(max_cents / 100))
            throw range_error("money: " + c.str() + " € is beyond the money range (±9 999 999 999 999 999,99 €)");
        return Money(c * 100);
    }
    template <std::floating_point F>
    static Money from_euros(F) = delete;  // money never comes from floating point

    /// Parses "45000", "45000.00", "45 000,00 €", "-12.5" (see the notes at the top).
    [[nodiscard]] static Money parse(std::string_view text);

    [[nodiscard]] static Money max() { return Money(checked(max_cents)); }
    [[nodiscard]] static Money min() { return Money(checked(-max_cents)); }

    /// The exact count of cents, as the wide integer products are made in.
    [[nodiscard]] cents_t cents() const { return cents_t(cents_); }
    /// The same count as a machine integer (always in range: |cents| ≤ max_cents).
    [[nodiscard]] std::int64_t cents64() const noexcept { return cents_; }
    [[nodiscard]] bool is_zero() const noexcept { return cents_ == 0; }
    [[nodiscard]] int sign() const noexcept { return (cents_ > 0) - (cents_ < 0); }

    Money& operator+=(const Money& o) {
        cents_ = checked(cents_ + o.cents_).value;
        return *this;
    }
    Money& operator-=(const Money& o) {
        cents_ = checked(cents_ - o.cents_).value;
        return *this;
    }

    friend Money operator+(const Money& a, const Money& b) { return Money(checked(a.cents_ + b.cents_)); }
    friend Money operator-(const Money& a, const Money& b) { return Money(checked(a.cents_ - b.cents_)); }
    friend Money operator-(const Money& a) { return Money(checked(-a.cents_)); }
    friend Money operator+(const Money& a) { return a; }

    /// Scaling by a whole count (2 volunteers × 15 000 €). Money × Money does not exist.
    template <detail::whole_number I>
    friend Money operator*(const Money& a, I n) {
        return Money(a.cents() * cents_t(n));
    }
    template <detail::whole_number I>
    friend Money operator*(I n, const Money& a) {
        return Money(a.cents() * cents_t(n));
    }
    template <std::floating_point F>
    friend Money operator*(const Money&, F) = delete;
    template <std::floating_point F>
    friend Money operator*(F, const Money&) = delete;

    friend bool operator==(const Money& a, const Money& b) noexcept { return a.cents_ == b.cents_; }
    friend std::strong_ordering operator<=>(const Money& a, const Money& b) noexcept { return a.cents_ <=> b.cents_; }

private:
    // A count of cents known to be in range.
    struct InRange {
        std::int64_t value;
    };
    // Checks a count made of amounts in range (a sum, a difference, a negation: never beyond
    // ±2·10^18, so never wrapped).
    [[nodiscard]] static InRange checked(std::int64_t c) {
        if (c > max_cents || c < -max_cents) [[unlikely]]
            beyond_range(c);
        return InRange{c};
    }
    // Out of line, the message built there: checked() stays a compare the compiler inlines.
    [[noreturn, gnu::cold, gnu::noinline]] static void beyond_range(std::int64_t cents) { beyond_range(std::to_string(cents)); }
    [[noreturn, gnu::cold, gnu::noinline]] static void beyond_range(const std::string& cents) {
        throw range_error("money: " + cents + " cents is beyond the money range (±9 999 999 999 999 999,99 €)");
    }
    explicit Money(InRange c) noexcept : cents_(c.value) {}
    explicit Money(const cents_t& c) {
        if (c > max_cents || c < -max_cents) beyond_range(c.str());
        cents_ = static_cast<std::int64_t>(c);
    }

    std::int64_t cents_ = 0;
};

[[nodiscard]] inline Money abs(const Money& m) { return m.sign() < 0 ? -m : m; }

/// Exact sum of a range of Money (throws range_error if a partial sum leaves the range).
template <std::ranges::input_range R>
    requires std::convertible_to<std::ranges::range_reference_t<R>, const Money&>
[[nodiscard]] Money sum(R&& amounts) {
    Money total;
    for (const Money& m : amounts) total += m;
    return total;
}

/// How format_fr separates digit groups and the euro sign.
enum class FrenchSpacing {
    typographic,  ///< U+202F between groups, U+00A0 before "€" (French typography)
    ascii,        ///< plain spaces (terminals, CSV, golden files)
};

namespace detail {

inline std::string digits_of(const cents_t& magnitude) { return magnitude.str(); }

// Splits |cents| into whole euros and the two cent digits.
inline void euros_and_cents(const Money& m, std::string& euros, std::string& cents2) {
    cents_t mag = m.cents();
    if (mag.sign() < 0) mag = -mag;
    std::string d = mag.str();
    if (d.size() < 3) d.insert(0, 3 - d.size(), '0');
    euros = d.substr(0, d.size() - 2);
    cents2 = d.substr(d.size() - 2);
}

}  // namespace detail

/// Plain machine form: "45000.00", "-12.50".
[[nodiscard]] inline std::string to_string(const Money& m) {
    std::string euros, cents2;
    detail::euros_and_cents(m, euros, cents2);
    return (m.sign() < 0 ? "-" : "") + euros + "." + cents2;
}

/// French form: "45 000,00 €" (see FrenchSpacing for the spaces).
[[nodiscard]] inline std::string format_fr(const Money& m, FrenchSpacing spacing = FrenchSpacing::typographic) {
    const char* group = spacing == FrenchSpacing::typographic ? "\xE2\x80\xAF" : " ";
    const char* before_euro = spacing == FrenchSpacing::typographic ? "\xC2\xA0" : " ";
    std::string euros, cents2;
    detail::euros_and_cents(m, euros, cents2);
    std::string out = m.sign() < 0 ? "-" : "";
    for (std::size_t i = 0; i < euros.size(); ++i) {
        if (i > 0 && (euros.size() - i) % 3 == 0) out += group;
        out += euros[i];
    }
    return out + "," + cents2 + before_euro + "\xE2\x82\xAC";
}

inline std::ostream& operator<<(std::ostream& os, const Money& m) { return os << to_string(m); }

namespace detail {

// The steps of Money::parse over the rest `s` of the text; `fail(reason)` words the error.
template <class Fail>
void strip_euro_sign(std::string_view& s, Fail&& fail) {
    constexpr std::string_view euro = "\xE2\x82\xAC";  // an optional euro sign at the end, maybe after a space
    if (s.size() >= euro.size() && s.substr(s.size() - euro.size()) == euro) {
        s.remove_suffix(euro.size());
        s = trim(s);
        if (s.empty()) throw fail("no digits before the euro sign");
    }
}

// Whether the amount is negative ('-', '+' or U+2212 before the digits).
template <class Fail>
bool read_sign(std::string_view& s, Fail&& fail) {
    bool negative = false;
    bool signed_text = true;
    constexpr std::string_view minus_sign = "\xE2\x88\x92";  // U+2212
    if (s.front() == '-' || s.front() == '+') {
        negative = s.front() == '-';
        s.remove_prefix(1);
    } else if (s.substr(0, minus_sign.size()) == minus_sign) {
        negative = true;
        s.remove_prefix(minus_sign.size());
    } else {
        signed_text = false;
    }
    if (s.empty() || !is_digit(s.front()))
        throw fail(signed_text ? "expected a digit after the sign" : "expected a digit at the start");
    return negative;
}

// Whole euros: digits, optionally grouped by three with a space-like separator.
template <class Fail>
cents_t read_euros(std::string_view& s, Fail&& fail) {
    cents_t euros = 0;
    std::size_t significant = 0;  // digits after leading zeros
    std::size_t group_len = 0;    // digits in the current group
    bool grouped = false;
    while (!s.empty()) {
        if (is_digit(s.front())) {
            if (significant > 0 || s.front() != '0') ++significant;
            if (significant > 16) throw fail("beyond the money range (at most 9 999 999 999 999 999,99 €)");
            euros = euros * 10 + (s.front() - '0');
            ++group_len;
            s.remove_prefix(1);
        } else if (std::size_t n = space_length(s)) {
            if (grouped ? group_len != 3 : group_len > 3) throw fail("digit groups must have three digits");
            grouped = true;
            group_len = 0;
            s.remove_prefix(n);
            if (s.empty() || !is_digit(s.front()))  // "12 €€": a space, then no digits
                throw fail("unexpected \"" + detail::excerpt(s) + "\" after the number");
        } else {
            break;
        }
    }
    if (grouped && group_len != 3) throw fail("digit groups must have three digits");
    return euros;
}

// The cents after '.' or ',': one or two decimals.
template <class Fail>
cents_t read_cents(std::string_view& s, Fail&& fail) {
    cents_t cents = 0;
    if (s.empty() || (s.front() != '.' && s.front() != ',')) return cents;
    s.remove_prefix(1);
    std::size_t decimals = 0;
    while (!s.empty() && is_digit(s.front())) {
        ++decimals;
        if (decimals <= 2) cents = cents * 10 + (s.front() - '0');
        s.remove_prefix(1);
    }
    if (decimals == 0) throw fail("expected one or two decimals after the decimal separator");
    if (decimals > 2) throw fail("more than two decimals (money is counted in whole cents)");
    return decimals == 1 ? cents * 10 : cents;
}

}  // namespace detail

inline Money Money::parse(std::string_view text) {
    auto fail = [&](std::string_view reason) -> parse_error {
        return parse_error("money", text,
                           std::string(reason) + " (expected an amount in euros such as 45000.00, -12.5 or 45 000,00 €)");
    };
    std::string_view s = detail::trim(text);
    if (s.empty()) throw fail("empty text");
    detail::strip_euro_sign(s, fail);
    const bool negative = detail::read_sign(s, fail);
    const cents_t euros = detail::read_euros(s, fail);
    const cents_t cents = detail::read_cents(s, fail);
    if (!s.empty()) throw fail("unexpected \"" + detail::excerpt(s) + "\" after the number");
    cents_t total = euros * 100 + cents;
    if (total > max_cents) throw fail("beyond the money range (at most 9 999 999 999 999 999,99 €)");
    return Money(negative ? cents_t(-total) : total);
}

}  // namespace subsidy
