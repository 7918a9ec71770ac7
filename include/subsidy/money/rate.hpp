// Rate: an exact non-negative fraction (75 %, 62.5 %, 0.755, 1/3).
//
// Things you should know:
// - Held as a normalised fraction of two std::int64_t (gcd-reduced, denominator > 0). Every
//   operation checks for overflow and throws subsidy::range_error rather than wrap (this is
//   why we do not use boost::rational<std::int64_t>, whose arithmetic overflows silently).
// - Bound: factories and Rate::parse refuse a rate above 100 % unless the caller passes
//   RateBound::unbounded (a multiplier such as 120 % of a reference cost is legitimate, an aid
//   rate of 120 % is a typo). Arithmetic on rates (+, ×) is not bounded: a sum of member
//   rates may exceed 1 and the caller checks what it means.
// - Text accepted by Rate::parse: "75%", "62.5 %", "62,5 %", "0.755", "1/3", "100%". Spaces
//   (including no-break spaces) may stand before "%". Negative rates, an empty text, a zero
//   denominator, more digits than a 64-bit fraction holds (about 18 in all, counting the
//   "00" a percent adds to the denominator) or any other character throw subsidy::parse_error.
// - Printing: to_string gives the exact percent when the rate is a finite decimal ("75%",
//   "62.5%", "75.5%"), else the reduced fraction ("1/3").
#pragma once

#include <boost/multiprecision/cpp_int.hpp>

#include <compare>
#include <cstdint>
#include <limits>
#include <numeric>
#include <ostream>
#include <string>
#include <string_view>

#include "subsidy/detail/int128.hpp"
#include "subsidy/detail/text.hpp"
#include "subsidy/error.hpp"

namespace subsidy {

/// Whether a rate above 100 % is acceptable where a rate is built or parsed.
enum class RateBound { at_most_100_percent, unbounded };

namespace detail {

constexpr std::int64_t checked_mul(std::int64_t a, std::int64_t b, const char* what) {
    std::int64_t r = 0;
    if (__builtin_mul_overflow(a, b, &r)) throw range_error(std::string("rate overflow in ") + what);
    return r;
}
constexpr std::int64_t checked_add(std::int64_t a, std::int64_t b, const char* what) {
    std::int64_t r = 0;
    if (__builtin_add_overflow(a, b, &r)) throw range_error(std::string("rate overflow in ") + what);
    return r;
}

}  // namespace detail

class Rate {
public:
    /// 0 %.
    constexpr Rate() = default;

    /// num/den, reduced. Throws invalid_argument for a zero denominator or a negative value,
    /// and for a value above 1 unless `bound` is RateBound::unbounded.
    [[nodiscard]] static constexpr Rate fraction(std::int64_t num, std::int64_t den,
                                                 RateBound bound = RateBound::at_most_100_percent) {
        if (den == 0) throw invalid_argument("rate " + std::to_string(num) + "/0: zero denominator");
        if (num == 0) return Rate();  // before any negation: 0/INT64_MIN is a valid zero
        if ((num < 0) != (den < 0) && num != 0)
            throw invalid_argument("rate " + std::to_string(num) + "/" + std::to_string(den) +
                                   ": a rate cannot be negative");
        if (num < 0) {
            if (num == std::numeric_limits<std::int64_t>::min() || den == std::numeric_limits<std::int64_t>::min()) throw range_error("rate: value out of range");
            num = -num;
            den = -den;
        }
        Rate r(num, den);
        if (bound == RateBound::at_most_100_percent && r.num_ > r.den_)
            throw invalid_argument("rate " + std::to_string(num) + "/" + std::to_string(den) +
                                   " is above 100 % (pass RateBound::unbounded where that is meant)");
        return r;
    }

    /// p % (an integer percent).
    [[nodiscard]] static constexpr Rate percent(std::int64_t p, RateBound bound = RateBound::at_most_100_percent) {
        return fraction(p, 100, bound);
    }

    [[nodiscard]] static constexpr Rate zero() { return Rate(); }
    [[nodiscard]] static constexpr Rate one() { return Rate(1, 1); }

    /// Parses "75%", "62.5 %", "0.755", "1/3" (see the notes at the top).
    [[nodiscard]] static constexpr Rate parse(std::string_view text, RateBound bound = RateBound::at_most_100_percent);

    [[nodiscard]] constexpr std::int64_t num() const noexcept { return num_; }
    [[nodiscard]] constexpr std::int64_t den() const noexcept { return den_; }
    [[nodiscard]] constexpr bool is_zero() const noexcept { return num_ == 0; }
    /// True when the rate has a finite decimal expansion (denominator of the form 2^a·5^b).
    [[nodiscard]] constexpr bool is_decimal() const noexcept {
        std::int64_t d = den_;
        while (d % 2 == 0) d /= 2;
        while (d % 5 == 0) d /= 5;
        return d == 1;
    }

    friend constexpr Rate operator*(const Rate& a, const Rate& b) {
        // Cross-reduce first so that exact products of reasonable rates never overflow.
        std::int64_t g1 = std::gcd(a.num_, b.den_), g2 = std::gcd(b.num_, a.den_);
        if (g1 == 0) g1 = 1;
        if (g2 == 0) g2 = 1;
        return Rate(detail::checked_mul(a.num_ / g1, b.num_ / g2, "rate × rate"),
                    detail::checked_mul(a.den_ / g2, b.den_ / g1, "rate × rate"));
    }
    friend constexpr Rate operator+(const Rate& a, const Rate& b) {
        std::int64_t g = std::gcd(a.den_, b.den_);
        std::int64_t l = detail::checked_mul(a.den_ / g, b.den_, "rate + rate");
        return Rate(detail::checked_add(detail::checked_mul(a.num_, l / a.den_, "rate + rate"),
                                        detail::checked_mul(b.num_, l / b.den_, "rate + rate"), "rate + rate"),
                    l);
    }
    /// a − b; throws invalid_argument if b > a (a rate cannot be negative).
    friend constexpr Rate operator-(const Rate& a, const Rate& b) {
        if (b > a) throw invalid_argument("rate subtraction below zero");
        std::int64_t g = std::gcd(a.den_, b.den_);
        std::int64_t l = detail::checked_mul(a.den_ / g, b.den_, "rate - rate");
        return Rate(detail::checked_mul(a.num_, l / a.den_, "rate - rate") -
                        detail::checked_mul(b.num_, l / b.den_, "rate - rate"),
                    l);
    }

    friend constexpr bool operator==(const Rate& a, const Rate& b) noexcept {
        return a.num_ == b.num_ && a.den_ == b.den_;  // normalised, so equal values are equal pairs
    }
    friend constexpr std::strong_ordering operator<=>(const Rate& a, const Rate& b) noexcept {
        // 128-bit cross products cannot overflow for 64-bit terms.
        detail::int128 l = static_cast<detail::int128>(a.num_) * b.den_;
        detail::int128 r = static_cast<detail::int128>(b.num_) * a.den_;
        return l < r ? std::strong_ordering::less : l > r ? std::strong_ordering::greater : std::strong_ordering::equal;
    }

private:
    constexpr Rate(std::int64_t num, std::int64_t den) : num_(num), den_(den) {
        std::int64_t g = std::gcd(num_, den_);
        if (g > 1) {
            num_ /= g;
            den_ /= g;
        }
        if (num_ == 0) den_ = 1;
    }

    std::int64_t num_ = 0;
    std::int64_t den_ = 1;
};

namespace detail {

// The decimals after '.' or ',' of a rate, into num / den (at most 18, no overflow).
template <class Fail>
constexpr void read_rate_decimals(std::string_view& s, std::int64_t& num, std::int64_t& den, Fail&& fail) {
    if (s.empty() || (s.front() != '.' && s.front() != ',')) return;
    s.remove_prefix(1);
    if (s.empty() || !is_digit(s.front())) throw fail("expected digits after the decimal separator");
    int decimals = 0;
    while (!s.empty() && is_digit(s.front())) {
        if (++decimals > 18) throw fail("more than 18 decimals");
        if (__builtin_mul_overflow(num, 10, &num) || __builtin_add_overflow(num, s.front() - '0', &num) ||
            __builtin_mul_overflow(den, 10, &den))
            throw fail("too many digits");
        s.remove_prefix(1);
    }
}

}  // namespace detail

constexpr Rate Rate::parse(std::string_view text, RateBound bound) {
    auto fail = [&](const std::string& reason) {
        return parse_error("rate", text, reason + " (expected a rate such as 75%, 62.5 %, 0.755 or 1/3)");
    };
    std::string_view s = detail::trim(text);
    if (s.empty()) throw fail("empty text");
    if (s.front() == '-') throw fail("a rate cannot be negative");

    auto read_integer = [&](std::string_view& rest, const char* what) {
        if (rest.empty() || !detail::is_digit(rest.front())) throw fail(std::string("expected digits for the ") + what);
        std::int64_t v = 0;
        while (!rest.empty() && detail::is_digit(rest.front())) {
            if (__builtin_mul_overflow(v, 10, &v) || __builtin_add_overflow(v, rest.front() - '0', &v))
                throw fail(std::string("the ") + what + " is too large");
            rest.remove_prefix(1);
        }
        return v;
    };

    if (auto slash = s.find('/'); slash != std::string_view::npos) {
        std::string_view a = detail::trim(s.substr(0, slash)), b = detail::trim(s.substr(slash + 1));
        std::int64_t n = read_integer(a, "numerator");
        if (!a.empty()) throw fail("unexpected \"" + std::string(a) + "\" in the numerator");
        std::int64_t d = read_integer(b, "denominator");
        if (!b.empty()) throw fail("unexpected \"" + std::string(b) + "\" in the denominator");
        if (d == 0) throw fail("zero denominator");
        Rate r(n, d);
        if (bound == RateBound::at_most_100_percent && r.num_ > r.den_) throw fail("above 100 %");
        return r;
    }

    bool percent = false;
    if (s.back() == '%') {
        percent = true;
        s.remove_suffix(1);
        s = detail::trim(s);
        if (s.empty()) throw fail("no number before '%'");
    }
    std::int64_t num = read_integer(s, "number");
    std::int64_t den = percent ? 100 : 1;
    detail::read_rate_decimals(s, num, den, fail);
    if (!s.empty()) {
        if (s.front() == '%' || detail::space_length(s) > 0) throw fail("'%' must end the rate");
        throw fail("unexpected \"" + detail::excerpt(s) + "\" after the number");
    }
    Rate r(num, den);
    if (bound == RateBound::at_most_100_percent && r.num_ > r.den_)
        throw fail("above 100 % (only allowed where the caller asks for an unbounded rate)");
    return r;
}

/// "75%", "62.5%" when the rate is a finite decimal; "1/3" otherwise.
[[nodiscard]] inline std::string to_string(const Rate& r) {
    if (!r.is_decimal()) return std::to_string(r.num()) + "/" + std::to_string(r.den());
    // percent = num·100/den; find the fewest decimals k such that num·100·10^k is divisible by
    // den. k can reach 63 (den = 2^63), beyond 128 bits: use an arbitrary-precision integer.
    using boost::multiprecision::cpp_int;
    const cpp_int n = cpp_int(r.num()) * 100;
    const cpp_int den = r.den();
    cpp_int scale = 1;
    std::size_t k = 0;
    while ((n * scale) % den != 0) {
        scale *= 10;
        ++k;
    }
    std::string digits = cpp_int(n * scale / den).str();
    if (k > 0) {
        if (digits.size() <= k) digits.insert(0, k + 1 - digits.size(), '0');
        digits.insert(digits.size() - k, ".");
    }
    return digits + "%";
}

inline std::ostream& operator<<(std::ostream& os, const Rate& r) { return os << to_string(r); }

}  // namespace subsidy
