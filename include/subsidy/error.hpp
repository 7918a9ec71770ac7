// Exceptions thrown by subsidy. Every failure of the library is one of these; each message
// quotes the offending input and says what was expected.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>

namespace subsidy {

/// Base of every exception the library throws.
class error : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Text that is not a valid money amount, rate, date, …
/// `input()` is the text as given; `what()` reads `bad <kind> "<input>": <reason>`.
class parse_error : public error {
public:
    parse_error(std::string_view kind, std::string_view input, std::string_view reason)
        : error("bad " + std::string(kind) + " \"" + std::string(input) + "\": " + std::string(reason)),
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
