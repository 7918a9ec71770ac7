// The tables of the envelopes: the dimensions they are kept by, the amounts and balances of
// a row, and EnvelopeTable, a grouped and ordered view (envelopes/envelopes.hpp makes them).
#pragma once

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"

namespace subsidy {

enum class Dimension { town, epci, department, pillar, funder, measure, year };

inline constexpr std::array<Dimension, 7> all_dimensions{Dimension::town,   Dimension::epci,    Dimension::department,
                                                         Dimension::pillar, Dimension::funder,  Dimension::measure,
                                                         Dimension::year};

inline constexpr std::array<EnumName<Dimension>, 7> dimension_names{{
    {Dimension::town, "town"},
    {Dimension::epci, "epci"},
    {Dimension::department, "department"},
    {Dimension::pillar, "pillar"},
    {Dimension::funder, "funder"},
    {Dimension::measure, "measure"},
    {Dimension::year, "year"},
}};
constexpr const auto& enum_names(Dimension) { return dimension_names; }

[[nodiscard]] inline std::string to_string(Dimension d) { return std::string(detail::name_of(d)); }

/// "town", "epci", "department", "pillar", "funder", "measure" or "year".
[[nodiscard]] inline Dimension parse_dimension(std::string_view text) {
    if (const auto d = detail::parse_name<Dimension>(text)) return *d;
    throw parse_error("dimension", text, "expected one of " + detail::name_list<Dimension>());
}

[[nodiscard]] inline bool is_geographic(Dimension d) noexcept {
    return d == Dimension::town || d == Dimension::epci || d == Dimension::department;
}

/// Money of the lines of one envelope, kept apart by kind.
struct Amounts {
    Money cash;
    Money in_kind;
    Money pass_through;
    Amounts& operator+=(const Amounts& o) {
        cash += o.cash;
        in_kind += o.in_kind;
        pass_through += o.pass_through;
        return *this;
    }
    friend bool operator==(const Amounts&, const Amounts&) = default;
};

/// What the projects of a place cost and who pays: cost = private + other resources + cash +
/// own share (exact for a whole project; see the notes at the top for a town's part of a
/// shared one).
struct Balance {
    Money cost;
    Money private_funding;
    Money cash;
    Money in_kind;
    Money own_share;
    Money other_resources{};  ///< neither aid nor private money (FCTVA)
    Balance& operator+=(const Balance& o) {
        cost += o.cost;
        private_funding += o.private_funding;
        cash += o.cash;
        in_kind += o.in_kind;
        own_share += o.own_share;
        other_resources += o.other_resources;
        return *this;
    }
    friend bool operator==(const Balance&, const Balance&) = default;
};

/// One row: the values of its key, in the order of the table's dimensions (INSEE code, SIREN,
/// department code, pillar/funder/measure id, year as "2023"; "" where the place is not known).
struct EnvelopeRow {
    std::vector<std::string> key;
    Amounts amounts;
};

struct BalanceRow {
    std::vector<std::string> key;
    Balance balance;
};

enum class Grid {
    sparse,  ///< only the keys that received a line
    full,    ///< every combination of the dimensions' values, with 0.00 where nothing was paid
};

/// A view of the envelopes, grouped and ordered (see the notes at the top of envelopes.hpp).
/// Support without a price in one envelope: `quantity` of the unit of the service measure
/// `measure` (never euros: beside the money, not in it).
struct ServiceRow {
    std::vector<std::string> key;  ///< as an EnvelopeRow's
    std::string measure;
    std::string pillar;
    std::int64_t quantity = 0;
    friend bool operator==(const ServiceRow&, const ServiceRow&) = default;
};

struct EnvelopeTable {
    std::vector<Dimension> by;
    std::vector<EnvelopeRow> rows;
    std::vector<ServiceRow> services;  ///< by key, then measure (programme order)
    Amounts total;
    std::vector<Dimension> balance_by;  ///< the geographic dimensions of `by`
    std::vector<BalanceRow> balances;
    Balance total_balance;

    /// The rows grouped by the first `depth` dimensions of `by`, in the same order (depth 0:
    /// one row, the grand total, even without rows; deeper: one row per key prefix seen).
    [[nodiscard]] std::vector<EnvelopeRow> subtotals(std::size_t depth) const {
        if (depth > by.size())
            throw invalid_argument("envelopes: sub-totals at depth " + std::to_string(depth) + " of a table with " +
                                   std::to_string(by.size()) + " dimensions");
        std::vector<EnvelopeRow> out;
        for (const EnvelopeRow& r : rows) {
            std::vector<std::string> prefix(r.key.begin(), r.key.begin() + static_cast<std::ptrdiff_t>(depth));
            if (out.empty() || out.back().key != prefix) out.push_back(EnvelopeRow{std::move(prefix), {}});
            out.back().amounts += r.amounts;
        }
        if (out.empty() && depth == 0) out.push_back(EnvelopeRow{{}, {}});  // the grand total, 0.00
        return out;
    }
};

}  // namespace subsidy
