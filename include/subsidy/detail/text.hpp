// Small text helpers shared by the parsers of money, rates and dates.
#pragma once

#include <cstddef>
#include <string_view>

namespace subsidy::detail {

/// Length of the space-like sequence at the start of `s`: ASCII space, no-break space
/// (U+00A0, UTF-8 C2 A0) or narrow no-break space (U+202F, UTF-8 E2 80 AF). 0 if none.
constexpr std::size_t space_length(std::string_view s) noexcept {
    if (s.empty()) return 0;
    if (s[0] == ' ') return 1;
    if (s.size() >= 2 && static_cast<unsigned char>(s[0]) == 0xC2 && static_cast<unsigned char>(s[1]) == 0xA0)
        return 2;
    if (s.size() >= 3 && static_cast<unsigned char>(s[0]) == 0xE2 && static_cast<unsigned char>(s[1]) == 0x80 &&
        static_cast<unsigned char>(s[2]) == 0xAF)
        return 3;
    return 0;
}

/// `s` without leading and trailing space-like characters (see space_length) or tabs.
constexpr std::string_view trim(std::string_view s) noexcept {
    for (;;) {
        if (!s.empty() && s.front() == '\t') { s.remove_prefix(1); continue; }
        if (auto n = space_length(s)) { s.remove_prefix(n); continue; }
        break;
    }
    for (;;) {
        if (!s.empty() && s.back() == '\t') { s.remove_suffix(1); continue; }
        bool removed = false;
        for (std::size_t n : {std::size_t{1}, std::size_t{2}, std::size_t{3}}) {
            if (s.size() >= n && space_length(s.substr(s.size() - n)) == n) {
                s.remove_suffix(n);
                removed = true;
                break;
            }
        }
        if (!removed) break;
    }
    return s;
}

constexpr bool is_digit(char c) noexcept { return c >= '0' && c <= '9'; }

}  // namespace subsidy::detail
