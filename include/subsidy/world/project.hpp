// A project: who carries it, what it is (nature, category, flags), what it costs year by
// year, what units it counts (volunteers, dwellings), its private funding, and the measures
// it asks for (or every measure that applies).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

/// The subsidisable expense of one calendar year. `covered` is the part of the year the
/// expense pays for (a post filled from 1 April); `date` dates a one-off expense (an invoice).
/// Values in force are read on the first day of the expense's period: `date`, else the first
/// covered day, else 1 January.
struct Expense {
    std::chrono::year year;
    Money amount;
    std::optional<DateRange> covered;
    std::optional<Date> date;

    [[nodiscard]] Date period_start() const {
        if (date) return *date;
        if (covered) return covered->first();
        return year / std::chrono::January / 1;
    }
    /// The days the expense pays for: the covered range, else the whole calendar year.
    [[nodiscard]] DateRange period() const { return covered ? *covered : calendar_year(year); }
};

/// A number of units (volunteers, dwellings, posts) from a date on.
struct UnitCount {
    std::string kind;
    std::int64_t count = 0;
    Date date;
};

/// How a project carried for several towns (a post shared by an EPCI) is attributed to them.
enum class AttributionKey {
    shares,      ///< declared shares, which must sum to 100 %
    population,  ///< in proportion to the towns' populations in the territory
    equal,       ///< the same weight for every town
};

inline constexpr std::array<EnumName<AttributionKey>, 3> attribution_key_names{{
    {AttributionKey::shares, "shares"},
    {AttributionKey::population, "population"},
    {AttributionKey::equal, "equal"},
}};
constexpr const auto& enum_names(AttributionKey) { return attribution_key_names; }

[[nodiscard]] inline std::string to_string(AttributionKey k) { return std::string(detail::name_of(k)); }

struct ServedTown {
    std::string insee;
    std::optional<Rate> share;  ///< with AttributionKey::shares only
};

/// The towns a project serves and the key that splits its lines between them. Every amount
/// is split by exact largest remainder (ties to the earlier town in this list), so the towns'
/// parts add up to the project's amount to the cent.
struct Attribution {
    AttributionKey key = AttributionKey::population;
    std::vector<ServedTown> towns;
};

/// A measure the project asks for, with the rate when the measure leaves it to the decision.
struct MeasureRequest {
    std::string measure;
    std::optional<Rate> rate;
};

struct Project {
    std::string id;
    std::string title;
    BeneficiaryRef owner;
    ExpenseNature nature = ExpenseNature::operating;
    std::string category;
    std::set<std::string> flags;  ///< e.g. "opah_ru", "qpv", derogations such as "monument"
    std::vector<UnitCount> units;
    std::vector<Expense> expenses;
    Money private_funding;
    /// Measures asked for; nullopt: every measure of the programme that applies.
    std::optional<std::vector<MeasureRequest>> requests;
    std::optional<Date> application_date;
    /// The towns served, when not only the owner (a commune owner serves itself; an EPCI or
    /// another body without attribution is reported under its own name, with no town).
    std::optional<Attribution> served;

    /// Σ expenses.
    [[nodiscard]] Money cost() const {
        Money total;
        for (const Expense& e : expenses) total += e.amount;
        return total;
    }

    /// Throws invalid_argument naming the project and the field when it contradicts itself.
    void validate() const {
        auto fail = [&](const std::string& field, const std::string& what) {
            return invalid_argument("project '" + id + "': " + field + ": " + what);
        };
        if (id.empty()) throw invalid_argument("project with an empty id");
        std::set<int> years;
        for (const Expense& e : expenses) {
            const std::string y = std::to_string(static_cast<int>(e.year));
            if (e.amount.sign() < 0) throw fail("expenses", "negative cost " + to_string(e.amount) + " in " + y);
            if (!e.year.ok()) throw fail("expenses", "invalid year " + y);
            if (!years.insert(static_cast<int>(e.year)).second) throw fail("expenses", "two expenses for " + y);
            if (e.covered && (e.covered->first().year() != e.year || e.covered->last().year() != e.year))
                throw fail("expenses", "covered dates of " + y + " lie outside " + y);
            if (e.date && e.date->year() != e.year) throw fail("expenses", "date " + to_string(*e.date) + " is not in " + y);
        }
        if (private_funding.sign() < 0) throw fail("private_funding", "negative");
        if (private_funding > cost())
            throw fail("private_funding", to_string(private_funding) + " is more than the cost " + to_string(cost()));
        for (const UnitCount& u : units) {
            if (u.kind.empty()) throw fail("units", "a unit without a kind");
            if (u.count < 0) throw fail("units", "negative count of '" + u.kind + "'");
            if (!u.date.ok()) throw fail("units", "invalid date for '" + u.kind + "'");
        }
        if (served) {
            if (served->towns.empty()) throw fail("served", "no town listed");
            std::set<std::string> seen;
            Rate total;
            for (const ServedTown& t : served->towns) {
                if (!seen.insert(t.insee).second) throw fail("served", "town '" + t.insee + "' listed twice");
                if (served->key == AttributionKey::shares) {
                    if (!t.share) throw fail("served", "town '" + t.insee + "' has no share (the key is shares)");
                    total = total + *t.share;
                } else if (t.share) {
                    throw fail("served", "town '" + t.insee + "' has a share but the key is " + to_string(served->key));
                }
            }
            if (served->key == AttributionKey::shares && total != Rate::one())
                throw fail("served", "shares sum to " + to_string(total) + ", not 100%");
        }
        if (requests) {
            std::set<std::string> seen;
            for (const MeasureRequest& r : *requests)
                if (!seen.insert(r.measure).second) throw fail("measures", "'" + r.measure + "' asked twice");
        }
    }
};

namespace detail {

// The positions 0..n-1 of projects (project_at(i)) in application order.
template <class ProjectAt>
std::vector<std::size_t> application_order(std::size_t n, ProjectAt&& project_at) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
        const Project &x = project_at(a), &y = project_at(b);
        if (x.application_date.has_value() != y.application_date.has_value()) return x.application_date.has_value();
        if (x.application_date && *x.application_date != *y.application_date) return *x.application_date < *y.application_date;
        return x.id < y.id;
    });
    return order;
}

}  // namespace detail

/// The positions of `projects` in the order they are served when they compete (per-beneficiary
/// ceilings, budgets by priority): application date (projects without one last), then id.
[[nodiscard]] inline std::vector<std::size_t> application_order(const std::vector<Project>& projects) {
    return detail::application_order(projects.size(), [&](std::size_t i) -> const Project& { return projects[i]; });
}

}  // namespace subsidy
