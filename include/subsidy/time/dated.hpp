// Dated<T>: a parameter whose value changes over time, each value with the date it applies
// from and the source that says so (a law article, a decree, a web page).
//
// Things you should know:
// - Entries must be given in strictly increasing order of their from-dates; a duplicate or an
//   entry out of order throws subsidy::invalid_argument naming the parameter. An optional end
//   date closes the last entry (a scheme that stops on 2026-03-31).
// - at(date, mode) returns the value in force on `date` with its from-date and source.
//   Outside the series (before the first entry, after the end date), LookupMode::strict throws
//   subsidy::out_of_validity naming the parameter and the date; LookupMode::extrapolate returns
//   the nearest value (the first one before the series, the last one after it) flagged
//   `extrapolated`, so that a trace can say so. OpenFisca's users asked for exactly this choice.
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/error.hpp"

namespace subsidy {

/// What a Dated lookup does outside the dates its entries cover.
enum class LookupMode { strict, extrapolate };

inline constexpr std::array<EnumName<LookupMode>, 2> lookup_mode_names{{
    {LookupMode::strict, "strict"},
    {LookupMode::extrapolate, "extrapolate"},
}};
constexpr const auto& enum_names(LookupMode) { return lookup_mode_names; }

/// A value found by Dated<T>::at: what it is, since when, where it comes from, and whether it
/// was taken from outside the series' validity.
template <class T>
struct DatedValue {
    const T& value;
    Date from;
    std::string_view source;
    bool extrapolated = false;
};

template <class T>
class Dated {
public:
    struct Entry {
        Date from;
        T value;
        std::string source;
    };

    /// A series named `name` (used in errors and traces).
    Dated(std::string name, std::vector<Entry> entries, std::optional<Date> until = std::nullopt)
        : name_(std::move(name)), entries_(std::move(entries)), until_(until) {
        if (entries_.empty()) throw invalid_argument("dated parameter '" + name_ + "': no value");
        for (std::size_t i = 0; i < entries_.size(); ++i) {
            if (!entries_[i].from.ok())
                throw invalid_argument("dated parameter '" + name_ + "': entry #" + std::to_string(i + 1) +
                                       " has an invalid date");
            if (i > 0 && !(entries_[i - 1].from < entries_[i].from))
                throw invalid_argument("dated parameter '" + name_ + "': entry from " + to_string(entries_[i].from) +
                                       (entries_[i - 1].from == entries_[i].from ? " is a duplicate date"
                                                                                : " comes after a later one (" +
                                                                                      to_string(entries_[i - 1].from) +
                                                                                      "); entries must be in date order"));
        }
        if (until_ && !until_->ok()) throw invalid_argument("dated parameter '" + name_ + "': invalid end date");
        if (until_ && *until_ < entries_.back().from)
            throw invalid_argument("dated parameter '" + name_ + "': ends on " + to_string(*until_) +
                                   ", before its last value starts (" + to_string(entries_.back().from) + ")");
    }

    /// One value in force at every date (no validity limit).
    [[nodiscard]] static Dated always(std::string name, T value, std::string source) {
        return Dated(std::move(name), {Entry{std::chrono::year::min() / std::chrono::January / 1, std::move(value), std::move(source)}});
    }

    [[nodiscard]] DatedValue<T> at(Date date, LookupMode mode = LookupMode::strict) const {
        const Entry& first = entries_.front();
        if (date < first.from) {
            if (mode == LookupMode::strict)
                throw out_of_validity("parameter '" + name_ + "' has no value on " + to_string(date) +
                                      ": its first value applies from " + to_string(first.from) +
                                      " (strict mode; extrapolate takes the nearest value)");
            return {first.value, first.from, first.source, true};
        }
        const Entry& last = entries_.back();
        if (until_ && *until_ < date) {
            if (mode == LookupMode::strict)
                throw out_of_validity("parameter '" + name_ + "' has no value on " + to_string(date) +
                                      ": it ends on " + to_string(*until_) +
                                      " (strict mode; extrapolate takes the last value)");
            return {last.value, last.from, last.source, true};
        }
        // Last entry whose from-date is on or before `date`.
        auto it = std::upper_bound(entries_.begin(), entries_.end(), date,
                                   [](const Date& d, const Entry& e) { return d < e.from; });
        const Entry& e = *(it - 1);
        return {e.value, e.from, e.source, false};
    }

    [[nodiscard]] const std::string& name() const noexcept { return name_; }
    [[nodiscard]] const std::vector<Entry>& entries() const noexcept { return entries_; }
    [[nodiscard]] const std::optional<Date>& until() const noexcept { return until_; }

private:
    std::string name_;
    std::vector<Entry> entries_;
    std::optional<Date> until_;
};

}  // namespace subsidy
