// Dates, calendar-year periods and the exact fraction of a year a date range covers.
//
// Things you should know:
// - A Date is std::chrono::year_month_day. parse_date accepts exactly ISO "YYYY-MM-DD" (four
//   digit year, two-digit month and day) and refuses impossible dates such as 2021-02-30 with
//   subsidy::parse_error.
// - A DateRange is inclusive at both ends: [2021-04-01, 2021-12-31] covers 275 days.
// - full_months_in(range, year) counts the calendar months of that year lying entirely inside
//   the range (a post filled from 2021-04-15 covers 8 full months of 2021, not 9): a pro-rated
//   ceiling is then never above what a whole month of service earns. days_in counts days.
// - year_fraction_by_month = full months / 12 and year_fraction_by_day = days / days of the year
//   (365 or 366) are exact Rates.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

#include "subsidy/detail/text.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/rate.hpp"

namespace subsidy {

using Date = std::chrono::year_month_day;

/// Parses an ISO date "2021-04-06".
[[nodiscard]] inline Date parse_date(std::string_view text) {
    auto fail = [&](const std::string& reason) {
        return parse_error("date", text, reason + " (expected an ISO date YYYY-MM-DD such as 2021-04-06)");
    };
    const std::string_view s = text;
    if (s.empty()) throw fail("empty text");
    if (s.size() != 10 || s[4] != '-' || s[7] != '-') throw fail("not in the form YYYY-MM-DD");
    auto number = [&](std::size_t pos, std::size_t len) {
        int v = 0;
        for (std::size_t i = pos; i < pos + len; ++i) {
            if (!detail::is_digit(s[i])) throw fail("'" + std::string(1, s[i]) + "' is not a digit");
            v = v * 10 + (s[i] - '0');
        }
        return v;
    };
    const int y = number(0, 4), m = number(5, 2), d = number(8, 2);
    if (m < 1 || m > 12) throw fail("month " + std::to_string(m) + " does not exist");
    const Date date{std::chrono::year{y}, std::chrono::month{static_cast<unsigned>(m)},
                    std::chrono::day{static_cast<unsigned>(d)}};
    if (!date.ok()) throw fail("day " + std::to_string(d) + " does not exist in that month");
    return date;
}

/// ISO text "2021-04-06" (years outside 0000–9999 keep all their digits and their sign).
[[nodiscard]] inline std::string to_string(const Date& d) {
    const int y = static_cast<int>(d.year());
    const unsigned m = static_cast<unsigned>(d.month()), day = static_cast<unsigned>(d.day());
    std::string year = std::to_string(y < 0 ? -y : y);
    if (year.size() < 4) year.insert(0, 4 - year.size(), '0');
    std::string out = (y < 0 ? "-" : "") + year + "-";
    out += static_cast<char>('0' + m / 10);
    out += static_cast<char>('0' + m % 10);
    out += '-';
    out += static_cast<char>('0' + day / 10);
    out += static_cast<char>('0' + day % 10);
    return out;
}

/// An inclusive range of days [first, last].
class DateRange {
public:
    /// Throws invalid_argument when last is before first or a date is not valid.
    DateRange(Date first, Date last) : first_(first), last_(last) {
        if (!first.ok() || !last.ok()) throw invalid_argument("date range: invalid date");
        if (last < first)
            throw invalid_argument("date range " + to_string(first) + " .. " + to_string(last) + ": ends before it starts");
    }
    [[nodiscard]] Date first() const noexcept { return first_; }
    [[nodiscard]] Date last() const noexcept { return last_; }
    [[nodiscard]] bool contains(Date d) const noexcept { return first_ <= d && d <= last_; }
    /// Number of days, both ends included.
    [[nodiscard]] std::int64_t days() const noexcept {
        return (std::chrono::sys_days(last_) - std::chrono::sys_days(first_)).count() + 1;
    }
    friend bool operator==(const DateRange&, const DateRange&) = default;

private:
    Date first_;
    Date last_;
};

/// 1 January to 31 December of `y`.
[[nodiscard]] inline DateRange calendar_year(std::chrono::year y) {
    return DateRange(y / std::chrono::January / 1, y / std::chrono::December / 31);
}

/// The days two ranges share, if any.
[[nodiscard]] inline std::optional<DateRange> intersect(const DateRange& a, const DateRange& b) {
    const Date first = a.first() < b.first() ? b.first() : a.first();
    const Date last = a.last() < b.last() ? a.last() : b.last();
    if (last < first) return std::nullopt;
    return DateRange(first, last);
}

[[nodiscard]] inline int days_in_year(std::chrono::year y) noexcept { return y.is_leap() ? 366 : 365; }

/// Days of `range` that fall in year `y`.
[[nodiscard]] inline std::int64_t days_in(const DateRange& range, std::chrono::year y) {
    const auto part = intersect(range, calendar_year(y));
    return part ? part->days() : 0;
}

/// Calendar months of year `y` that lie entirely inside `range`: of the days the range has
/// in `y`, the months from the first one it starts on the 1st to the last one it ends on its
/// last day (a range is one run of days, so every month between them is whole).
[[nodiscard]] inline int full_months_in(const DateRange& range, std::chrono::year y) {
    const auto part = intersect(range, calendar_year(y));
    if (!part) return 0;
    const Date first = part->first(), last = part->last();
    const int from = static_cast<int>(static_cast<unsigned>(first.month())) + (first.day() == std::chrono::day{1} ? 0 : 1);
    const bool ends_month = std::chrono::year_month_day_last(y, std::chrono::month_day_last(last.month())).day() == last.day();
    const int to = static_cast<int>(static_cast<unsigned>(last.month())) - (ends_month ? 0 : 1);
    return to >= from ? to - from + 1 : 0;
}

/// full months / 12, exact.
[[nodiscard]] inline Rate year_fraction_by_month(const DateRange& range, std::chrono::year y) {
    return Rate::fraction(full_months_in(range, y), 12);
}

/// days / days in the year (365 or 366), exact.
[[nodiscard]] inline Rate year_fraction_by_day(const DateRange& range, std::chrono::year y) {
    return Rate::fraction(days_in(range, y), days_in_year(y));
}

inline std::ostream& operator<<(std::ostream& os, const DateRange& r) {
    return os << to_string(r.first()) << ".." << to_string(r.last());
}

}  // namespace subsidy
