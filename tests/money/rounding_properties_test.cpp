// Differential property test of apply(Money × Rate, Rounding).
//
// Random (amount, rate, rounding) cases from a fixed-seed std::mt19937_64 are rounded by the
// library and by an oracle written here independently with Boost.Multiprecision: the exact
// value is cents·num/den (a cpp_rational), and its rounding to a multiple of the unit u is
// derived from floor(cents·num / (den·u)) computed with cpp_int, per the mode definitions:
//   floor     → ⌊x/u⌋                     ceiling → ⌈x/u⌉
//   down      → ⌊x/u⌋ if x ≥ 0 else ⌈x/u⌉  up      → ⌈x/u⌉ if x ≥ 0 else ⌊x/u⌋
//   half_up   → nearest, a tie goes away from zero
//   half_even → nearest, a tie goes to the even multiple
// A result beyond ±Money::max_cents must throw range_error instead.
//
// The cases: amounts of 0 to 18 digits of cents, either sign, with extra weight on 0 and on the
// top of the range (Money::max_cents and just below); rates that are whole percents, decimals
// and decimal percents (denominators 10^k ≤ 10^9), arbitrary fractions with denominators up to
// 10^9, 1/3-like fractions with no decimal expansion, rates above 100 % (RateBound::unbounded,
// which push results beyond the range), a few with denominators up to 2^63 − 1, and edge rates
// (0, 1, 1/2, 10^-9, 1 − 10^-9); every mode; units of one cent, 1, 10, 100 and 1 000 €, 5 and
// 50 cents, and random units of up to 18 digits.
//
// Besides equality with the oracle, every result is checked for the invariants of a rounding:
// a multiple of the unit; |result − exact| < unit (≤ unit/2 for the half modes); |result| ≤
// |exact| for down, ≥ for up; result ≤ exact for floor, ≥ for ceiling.
#include <gtest/gtest.h>

#include <boost/multiprecision/cpp_int.hpp>

#include <subsidy/money/money.hpp>
#include <subsidy/money/rate.hpp>
#include <subsidy/money/rounding.hpp>

#include <algorithm>
#include <array>
#include <cstdint>
#include <limits>
#include <random>
#include <sstream>
#include <string>

using namespace subsidy;
using boost::multiprecision::cpp_int;
using boost::multiprecision::cpp_rational;

namespace {

constexpr int kCases = 100'000;

// Uniform integer in [lo, hi] (a modulo draw: a tiny bias is irrelevant here, and the sequence
// is the same with every standard library, unlike std::uniform_int_distribution).
std::int64_t uniform(std::mt19937_64& rng, std::int64_t lo, std::int64_t hi) {
    const auto span = static_cast<std::uint64_t>(hi) - static_cast<std::uint64_t>(lo) + 1;
    const std::uint64_t draw = span == 0 ? rng() : rng() % span;  // span 0: the whole 64-bit range
    return static_cast<std::int64_t>(static_cast<std::uint64_t>(lo) + draw);
}

std::int64_t pow10(int k) {
    std::int64_t p = 1;
    while (k-- > 0) p *= 10;
    return p;
}

std::int64_t random_cents(std::mt19937_64& rng) {
    std::int64_t c = 0;
    switch (uniform(rng, 0, 9)) {
        case 0: c = 0; break;
        case 1: c = Money::max_cents - uniform(rng, 0, 1'000'000); break;  // near the top of the range
        case 2: c = Money::max_cents; break;
        default: {  // a magnitude of 1 to 18 digits: from cents to ~10^16 €
            const int digits = static_cast<int>(uniform(rng, 1, 18));
            c = uniform(rng, 0, std::min(pow10(digits) - 1, Money::max_cents));
        }
    }
    return uniform(rng, 0, 1) == 0 ? c : -c;
}

struct Fraction {
    std::int64_t num;
    std::int64_t den;
};

Fraction random_rate(std::mt19937_64& rng) {
    constexpr std::int64_t kNonDecimal[] = {3, 6, 7, 9, 11, 12, 13, 365, 366, 999'999'937, 999'999'999};
    switch (uniform(rng, 0, 7)) {
        case 0: return {uniform(rng, 0, 100), 100};  // a whole percent
        case 1: {                                     // a decimal with 0 to 9 places
            const std::int64_t den = pow10(static_cast<int>(uniform(rng, 0, 9)));
            return {uniform(rng, 0, den), den};
        }
        case 2: {  // a percent with 0 to 7 decimals: den = 100·10^k ≤ 10^9
            const std::int64_t den = 100 * pow10(static_cast<int>(uniform(rng, 0, 7)));
            return {uniform(rng, 0, den), den};
        }
        case 3: {  // any fraction with a denominator up to 10^9
            const std::int64_t den = uniform(rng, 1, 1'000'000'000);
            return {uniform(rng, 0, den), den};
        }
        case 4: {  // 1/3-like: no finite decimal expansion
            const std::int64_t den = kNonDecimal[uniform(rng, 0, static_cast<std::int64_t>(std::size(kNonDecimal)) - 1)];
            return {uniform(rng, 0, den), den};
        }
        case 5: {  // above 100 % (RateBound::unbounded): products may leave the money range
            const std::int64_t den = uniform(rng, 1, 1'000'000'000);
            return {uniform(rng, 0, 3 * den), den};
        }
        case 6: {  // beyond the usual: any denominator up to 2^63 − 1 (the 128-bit bounds of apply)
            const std::int64_t den = uniform(rng, 1, std::numeric_limits<std::int64_t>::max());
            return {uniform(rng, 0, den), den};
        }
        default: {
            constexpr Fraction kEdges[] = {{0, 1}, {1, 1}, {1, 1'000'000'000}, {999'999'999, 1'000'000'000}, {1, 2}};
            return kEdges[uniform(rng, 0, static_cast<std::int64_t>(std::size(kEdges)) - 1)];
        }
    }
}

std::int64_t random_unit(std::mt19937_64& rng) {
    switch (uniform(rng, 0, 11)) {
        case 4: return 100;        // 1 €
        case 5: return 1'000;      // 10 €
        case 6: return 10'000;     // 100 €
        case 7: return 100'000;    // 1 000 €
        case 8: return 5;          // 0.05 €
        case 9: return 50;         // 0.50 €
        case 10:
        case 11: {  // any unit of 1 to 18 digits, up to Money::max_cents
            const int digits = static_cast<int>(uniform(rng, 1, 18));
            return uniform(rng, 1, std::min(pow10(digits), Money::max_cents));
        }
        default: return 1;  // the cent, the most common unit
    }
}

constexpr std::array<RoundingMode, 6> kModes = {RoundingMode::down,      RoundingMode::up,
                                                RoundingMode::half_up,   RoundingMode::half_even,
                                                RoundingMode::floor,     RoundingMode::ceiling};

// ⌊n/d⌋ for d > 0 (cpp_int division truncates toward zero).
cpp_int floor_div(const cpp_int& n, const cpp_int& d) {
    cpp_int q = n / d;
    if (n % d != 0 && n < 0) --q;
    return q;
}

// The oracle: the multiple of `unit` (a count k of units) that x = n/den cents rounds to.
cpp_int oracle_units(const cpp_int& n, std::int64_t den, std::int64_t unit, RoundingMode mode) {
    const cpp_int d = cpp_int(den) * unit;  // x/u = n/d
    const cpp_int lo = floor_div(n, d);     // ⌊x/u⌋
    const cpp_int r = n - lo * d;           // 0 ≤ r < d: x/u = lo + r/d
    const cpp_int hi = r == 0 ? lo : cpp_int(lo + 1);  // ⌈x/u⌉
    const bool positive = n > 0;
    switch (mode) {
        case RoundingMode::floor: return lo;
        case RoundingMode::ceiling: return hi;
        case RoundingMode::down: return positive ? lo : hi;
        case RoundingMode::up: return positive ? hi : lo;
        case RoundingMode::half_up:
        case RoundingMode::half_even: {
            const cpp_int twice = 2 * r;
            if (twice < d) return lo;
            if (twice > d) return hi;
            // An exact tie between lo and hi = lo + 1.
            if (mode == RoundingMode::half_up) return positive ? hi : lo;
            return lo % 2 == 0 ? lo : hi;
        }
    }
    return lo;
}

cpp_int to_cpp_int(const cents_t& c) { return cpp_int(c); }

}  // namespace

TEST(PropertyRounding, ApplyMatchesAnExactOracle) {
    std::mt19937_64 rng(20'240'601);  // fixed seed: the same 100 000 cases on every run
    int failures = 0, thrown = 0, ties = 0;
    // Reports the first 20 failures in full, counts the rest.
    auto fail = [&failures](const std::string& message) {
        if (++failures <= 20) ADD_FAILURE() << message;
    };
    std::array<int, 6> per_mode{};
    for (int i = 0; i < kCases; ++i) {
        const std::int64_t c = random_cents(rng);
        const Fraction f = random_rate(rng);
        const std::int64_t unit = random_unit(rng);
        const auto mode_index = static_cast<std::size_t>(uniform(rng, 0, 5));
        const RoundingMode mode = kModes[mode_index];
        ++per_mode[mode_index];

        const Money amount = Money::from_cents(c);
        const Rate rate = Rate::fraction(f.num, f.den, RateBound::unbounded);
        const Rounding rounding(mode, RoundingUnit::of_cents(unit));

        const cpp_int n = cpp_int(c) * f.num;  // exact value x = n / den cents
        const cpp_int k = oracle_units(n, f.den, unit, mode);
        const cpp_int expected = k * unit;
        const bool in_range = abs(expected) <= Money::max_cents;
        if ((n * 2) % (cpp_int(f.den) * unit) == 0 && n % (cpp_int(f.den) * unit) != 0) ++ties;

        // The case in words, for a failure message (built only when needed).
        auto what = [&] {
            std::ostringstream os;
            os << "case " << i << ": " << c << " cents x " << f.num << "/" << f.den << ", " << to_string(rounding)
               << " (unit " << unit << " cents): expected " << (in_range ? expected.str() : "range_error");
            return os.str();
        };

        Money got;
        try {
            got = apply(amount * rate, rounding);
        } catch (const range_error&) {
            ++thrown;
            if (in_range) fail(what() + ", got range_error");
            continue;
        }
        if (!in_range) {
            fail(what() + ", got " + to_string(got));
            continue;
        }
        const cpp_int result = to_cpp_int(got.cents());
        if (result != expected) {
            fail(what() + ", got " + result.str());
            continue;
        }
        if (apply(amount, rate, rounding) != got)
            fail(what() + ": apply(amount, rate, rounding) differs from apply(amount * rate, rounding)");

        // Invariants, against the exact value as a rational.
        const cpp_rational exact(n, cpp_int(f.den));
        const cpp_rational error = cpp_rational(result) - exact;  // result − exact
        const cpp_rational u(unit);
        bool ok = result % unit == 0 && abs(error) < u;
        switch (mode) {
            case RoundingMode::down: ok = ok && abs(cpp_rational(result)) <= abs(exact); break;
            case RoundingMode::up: ok = ok && abs(cpp_rational(result)) >= abs(exact); break;
            case RoundingMode::floor: ok = ok && error <= 0; break;
            case RoundingMode::ceiling: ok = ok && error >= 0; break;
            case RoundingMode::half_up:
            case RoundingMode::half_even: ok = ok && 2 * abs(error) <= u; break;
        }
        if (!ok) fail(what() + ": an invariant of the rounding does not hold for " + result.str());
    }
    EXPECT_EQ(failures, 0) << "failing cases out of " << kCases;
    // The generator must actually reach every mode, the range limit and exact ties.
    for (int count : per_mode) EXPECT_GT(count, kCases / 10);
    EXPECT_GT(thrown, 100);
    EXPECT_GT(ties, 100);
}
