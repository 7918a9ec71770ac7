// Exceptions thrown by subsidy. Every failure of the library is one of these; each message
// quotes the offending input and says what was expected.
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <string_view>

namespace subsidy {

namespace detail {

/// At most `max_chars` characters of `text`, then "…" if there was more: what a message
/// quotes of an input, which may be a 100 MB scalar. Cut between code points (UTF-8 lead
/// bytes), never inside one; invalid UTF-8 is cut between bytes, never read past its end.
inline std::string excerpt(std::string_view text, std::size_t max_chars = 60) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool continuation = (static_cast<unsigned char>(text[i]) & 0xC0) == 0x80;
        if (!continuation && chars++ == max_chars) return std::string(text.substr(0, i)) + "\u2026";
    }
    return std::string(text);
}

}  // namespace detail

/// Base of every exception the library throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Text that is not a valid money amount, rate, date, …
/// `input()` is the text as given; `what()` reads `bad <kind> "<input>": <reason>`, quoting
/// at most 60 characters of the input (then "…").
class parse_error : public error {
public:
    parse_error(std::string_view kind, std::string_view input, std::string_view reason)
        : error("bad " + std::string(kind) + " \"" + detail::excerpt(input) + "\": " + std::string(reason)),
          input_(input) {}
    [[nodiscard]] const std::string& input() const noexcept { return input_; }

private:
    std::string input_;
};

/// A value outside its documented range (money beyond ±(10^16 € − 1 cent), an overflowing
/// rate product, …). Arithmetic never wraps: it throws this instead.
class range_error : public error {
public:
    using error::error;
};

/// An argument that contradicts the function's contract (negative weights, all-zero weights,
/// a zero rounding unit, dated entries out of order, …).
class invalid_argument : public error {
public:
    using error::error;
};

/// A dated parameter asked for a date it does not cover, in strict mode.
class out_of_validity : public error {
public:
    using error::error;
};

}  // namespace subsidy
