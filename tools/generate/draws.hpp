// The shapes the generator draws: heavy-tailed sizes and costs, money in whole cents, years
// within the scenario's, days of a year. All in integers (no floating point, whose last digits
// may differ between platforms), all from the one Random stream.
#pragma once

#include <algorithm>
#include <bit>
#include <chrono>
#include <cstdint>

#include "generate/random.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/time/date.hpp"

namespace subsidy::detail::generation {

// Dates by year, month and day as plain integers: the generator counts months itself
// (libc++ 14's year_month += months is wrong).
inline Date make_date(int y, unsigned m, unsigned d) {
    return std::chrono::year{y} / std::chrono::month{m} / std::chrono::day{d};
}
inline Date end_of_month(int y, unsigned m) {
    return Date{std::chrono::year{y} / std::chrono::month{m} / std::chrono::last};
}
inline int year_of(const Date& d) { return static_cast<int>(d.year()); }
inline unsigned month_of(const Date& d) { return static_cast<unsigned>(d.month()); }

/// The Random stream with the distributions built on it, and the scenario's years, which
/// bound every year it draws. It is a Random (not one held beside it) because the raw draws
/// and the shaped ones must interleave in one sequence: that sequence is the scenario.
class Draws : public Random {
public:
    Draws(std::uint64_t seed, int first_year, int last_year)
        : Random(seed), first_year_(first_year), last_year_(last_year) {}

    [[nodiscard]] int first_year() const noexcept { return first_year_; }
    [[nodiscard]] int last_year() const noexcept { return last_year_; }

    // An integer log-normal: median × 1.105^(2h − n) for h heads in n fair coin flips. 2h − n
    // is binomial, close to normal with standard deviation √n, and ln 1.105 ≈ 0.1, so the
    // logarithm has σ ≈ 0.1·√n (n = 36: σ ≈ 0.6; n = 100: σ ≈ 1.0). A jitter in
    // [0.905, 1.105] spreads each value over the gap to the next. Integers only, in
    // thousandths so that each step rounds finely.
    std::int64_t log_normal(std::int64_t median, int flips) {
        int heads = 0;
        for (int left = flips; left > 0; left -= 64) {
            const std::uint64_t bits = next();
            heads += std::popcount(left >= 64 ? bits : bits & ((std::uint64_t{1} << left) - 1));
        }
        const int steps = 2 * heads - flips;
        std::int64_t milli = median * 1000;
        for (int i = 0; i < steps; ++i) milli = milli * 1105 / 1000;
        for (int i = 0; i > steps; --i) milli = milli * 1000 / 1105;
        milli = milli * between(905, 1105) / 1000;
        return (milli + 500) / 1000;
    }

    // log_normal drawn again until it falls in [lo, hi] (no spike at the bounds).
    std::int64_t log_normal_within(std::int64_t median, int flips, std::int64_t lo, std::int64_t hi) {
        std::int64_t v = log_normal(median, flips);
        while (v < lo || v > hi) v = log_normal(median, flips);
        return v;
    }

    Money euros_between(std::int64_t lo, std::int64_t hi) { return Money::from_cents(between(lo * 100, hi * 100)); }

    // A cost in whole cents around `median_euros` (log-normal, σ ≈ 0.1·√flips), within bounds.
    Money cost_around(std::int64_t median_euros, int flips, std::int64_t lo_euros, std::int64_t hi_euros) {
        const std::int64_t euros = log_normal_within(median_euros, flips, lo_euros, hi_euros);
        return Money::from_cents(euros * 100 + between(0, 99));
    }

    // A year in [lo, hi] clamped to the scenario's years, so that no expense falls outside.
    int year_between(int lo, int hi) {
        lo = std::clamp(lo, first_year_, last_year_);
        hi = std::clamp(hi, lo, last_year_);
        return static_cast<int>(between(lo, hi));
    }

    // A day of year `y` from month `first_month` on (days 1 to 28: every month has them).
    // Each draw is a statement of its own: the order in which a call's arguments are
    // evaluated differs between compilers, and so would the numbers each one gets.
    Date day_in(int y, unsigned first_month = 1) {
        const auto month = static_cast<unsigned>(between(first_month, 12));
        const auto day = static_cast<unsigned>(between(1, 28));
        return make_date(y, month, day);
    }

    // A day of year `y` on or after `not_before` (the convention, for measures that require it).
    Date day_from(int y, const Date& not_before) {
        if (year_of(not_before) != y) return day_in(y);
        const Date d = day_in(y, month_of(not_before));
        return d < not_before ? not_before : d;
    }

    // A convention signed in January–June 2021, as every PVD signatory did.
    Date convention_day() {
        const auto month = static_cast<unsigned>(between(1, 6));
        const auto day = static_cast<unsigned>(between(1, 28));
        return make_date(2021, month, day);
    }

private:
    int first_year_;
    int last_year_;
};

}  // namespace subsidy::detail::generation
