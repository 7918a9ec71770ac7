// What the report writers share (envelope_*.cpp, plan_report.cpp): the display width
// and padding of text, French amounts for people, money as JSON strings for machines.
// Private to subsidy::io.
#pragma once

#include <algorithm>
#include <cstddef>
#include <string>

#include <nlohmann/json.hpp>

#include "subsidy/money/money.hpp"

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

/// Money in JSON: a string with a dot and two decimals, never a JSON number.
inline json money_json(const Money& m) { return to_string(m); }

}  // namespace subsidy::io::detail
