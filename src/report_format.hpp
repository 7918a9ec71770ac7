// What the report writers share (envelope_*.cpp, plan_report.cpp): the display width
// and padding of text, French amounts for people, money as JSON strings for machines.
// Private to subsidy::io.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"

namespace subsidy::io::detail {

// Keys in the order written, so that reports read in a fixed order.
using json = nlohmann::ordered_json;

/// Display width of UTF-8 text: its code points (the reports use no wide characters).
inline std::size_t width(const std::string& s) {
    return static_cast<std::size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

inline std::string pad_right(const std::string& s, std::size_t w) { return s + std::string(w > width(s) ? w - width(s) : 0, ' '); }
inline std::string pad_left(const std::string& s, std::size_t w) { return std::string(w > width(s) ? w - width(s) : 0, ' ') + s; }

/// An amount for people: French digit groups and decimal comma.
inline std::string fr(const Money& m) { return format_fr(m); }

/// An effective rate for people: exact when it is a finite decimal ("45%"), else to two
/// decimals, marked as rounded, with the exact fraction ("≈ 37.50% (185555/494814)").
inline std::string rate_text(const Rate& r) {
    if (r.is_decimal()) return to_string(r);
    const cents_t n = r.num(), d = r.den();
    const cents_t q = (n * 20000 + d) / (2 * d);  // hundredths of a percent, half up (128-bit: no overflow)
    const auto whole = (q / 100).convert_to<long long>(), hundredths = (q % 100).convert_to<long long>();
    return "≈ " + std::to_string(whole) + "." + (hundredths < 10 ? "0" : "") + std::to_string(hundredths) + "% (" + to_string(r) +
           ")";
}

/// A CSV field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line end.
inline std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) {
        if (c == '"') q += '"';
        q += c;
    }
    return q + "\"";
}

/// Money in JSON: a string with a dot and two decimals, never a JSON number.
inline json money_json(const Money& m) { return to_string(m); }

}  // namespace subsidy::io::detail
