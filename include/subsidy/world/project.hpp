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
#include <tuple>
#include <utility>
#include <vector>

#include "subsidy/detail/enum_names.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/error.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

/// One line of a year's cost (a study, a works lot), summed exactly into its expense.
struct CostItem {
    std::string label;
    Money amount;                    ///< what it costs the owner (VAT included where it pays VAT)
    std::optional<Money> ht{};       ///< before VAT, when the item states it
    std::optional<Money> eligible{}; ///< the subsidisable base, when it is not the whole item
    std::vector<std::string> not_for{};  ///< measures it is not eligible for
};

/// The expense of one calendar year. `amount` is what it costs the owner (VAT included where
/// the owner pays VAT); its subsidisable base, on which rates apply, is `eligible` if given,
/// else `ht` if given, else `amount` (eligible_base()). With `items`, each item has its own
/// figures and the expense's are their sums. `covered` is the part of the year the expense
/// pays for (a post filled from 1 April); `date` dates a one-off expense (an invoice).
/// Values in force are read on the first day of the expense's period: `date`, else the first
/// covered day, else 1 January.
struct Expense {
    std::chrono::year year;
    Money amount;
    std::optional<DateRange> covered;
    std::optional<Date> date;
    std::optional<Money> ht{};
    std::optional<Money> eligible{};
    std::vector<CostItem> items{};

    [[nodiscard]] Date period_start() const {
        if (date) return *date;
        if (covered) return covered->first();
        return year / std::chrono::January / 1;
    }
    /// The days the expense pays for: the covered range, else the whole calendar year.
    [[nodiscard]] DateRange period() const { return covered ? *covered : calendar_year(year); }

    /// The subsidisable base of the whole expense (every item), as a measure applying to the
    /// eligible base sees it when no item is excluded from it.
    [[nodiscard]] Money eligible_base() const {
        if (items.empty()) return eligible ? *eligible : ht ? *ht : amount;
        Money total;
        for (const CostItem& i : items) total += i.eligible ? *i.eligible : i.ht ? *i.ht : i.amount;
        return total;
    }
};

/// A resource of the project that is neither aid nor private money (the FCTVA, the VAT a
/// commune gets back two years later): part of its balance, never counted as aid.
struct OtherResource {
    std::string label;
    Money amount;
};

/// A number of units (volunteers, dwellings, posts) from a date on.
struct UnitCount {
    std::string kind;
    std::int64_t count = 0;
    Date date;
};

/// How a project carried for several towns or EPCIs (a post shared by an EPCI, or by two
/// EPCIs) is attributed to them.
enum class AttributionKey {
    shares,      ///< declared shares, which must sum to 100 %
    population,  ///< in proportion to the populations (of the towns and EPCIs) in the territory
    equal,       ///< the same weight for every place served
};

inline constexpr std::array<EnumName<AttributionKey>, 3> attribution_key_names{{
    {AttributionKey::shares, "shares"},
    {AttributionKey::population, "population"},
    {AttributionKey::equal, "equal"},
}};
constexpr const auto& enum_names(AttributionKey) { return attribution_key_names; }

[[nodiscard]] inline std::string to_string(AttributionKey k) { return std::string(detail::name_of(k)); }

/// One place a project serves: a town (`insee`) or an EPCI (`epci`, its SIREN), exactly one
/// of the two. An EPCI served pays its part and receives it as a body, with no town (a post
/// shared by two EPCIs). `epci` comes last so that `{insee, share}` stays a town.
struct ServedTown {
    std::string insee;
    std::optional<Rate> share;  ///< with AttributionKey::shares only
    std::string epci{};

    [[nodiscard]] static ServedTown of_epci(std::string siren, std::optional<Rate> share = std::nullopt) {
        return ServedTown{"", share, std::move(siren)};
    }
    [[nodiscard]] bool is_epci() const noexcept { return !epci.empty(); }
    /// "town '14047'" or "epci '241400555'", as messages name it.
    [[nodiscard]] std::string label() const { return is_epci() ? "epci '" + epci + "'" : "town '" + insee + "'"; }
};

/// The towns and EPCIs a project serves and the key that splits its lines (and its balance:
/// cost, private funding, own share…) between them. Every amount is split by exact largest
/// remainder (ties to the earlier entry in this list), so the parts add up to the project's
/// amount to the cent. Towns and EPCIs may be mixed in one list: one list keeps one order.
struct Attribution {
    AttributionKey key = AttributionKey::population;
    std::vector<ServedTown> towns;
};

/// A ceiling on one measure for this project set outside the catalog (a prefect who caps every
/// project-lead post of a department at 15 000 € a year): applied after the catalog's own
/// ceilings, to the measure's amount of each year (per_year) or of the whole project
/// (per_project). Not a budget: it binds each project on its own.
struct ProjectCeiling {
    std::string id;
    std::string measure;
    Money amount;
    CeilingScope per = CeilingScope::per_year;  ///< per_year or per_project
    std::string source;
};

/// A measure the project asks for, with the rate when the measure leaves it to the decision.
/// A measure the project asks for, with what its decision gives when the catalog leaves it to
/// the decision: a rate, or an amount for the whole project (the Region grants 150 000 €), and
/// a cap on the base the funder retained.
struct MeasureRequest {
    std::string measure;
    std::optional<Rate> rate;
    std::optional<Money> amount{};
    std::optional<Money> base_cap{};
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
    std::vector<OtherResource> other_resources{};
    std::vector<ProjectCeiling> ceilings{};  ///< set by the scenario (or for this project)
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
    /// Σ the expenses' eligible bases (Expense::eligible_base).
    [[nodiscard]] Money eligible_base() const {
        Money total;
        for (const Expense& e : expenses) total += e.eligible_base();
        return total;
    }
    /// Σ other resources.
    [[nodiscard]] Money other_resources_total() const {
        Money total;
        for (const OtherResource& r : other_resources) total += r.amount;
        return total;
    }

    /// Throws invalid_argument naming the project and the field when it contradicts itself.
    void validate() const;
};

namespace detail {

// "project 'id': field: what", as Project::validate reports it.
inline invalid_argument project_error(const Project& p, const std::string& field, const std::string& what) {
    return invalid_argument("project '" + p.id + "': " + field + ": " + what);
}

// One figure of an expense or item: not negative, and at most what it costs when `cost` is given.
inline void check_figure(const Project& p, const std::string& where, const char* name, const std::optional<Money>& v,
                         const Money& cost) {
    if (!v) return;
    if (v->sign() < 0) throw project_error(p, "expenses", where + ": negative " + name + " " + to_string(*v));
    if (*v > cost)
        throw project_error(p, "expenses", where + ": " + name + " " + to_string(*v) + " is more than the cost " + to_string(cost));
}

// The figures of one expense: its cost, HT and eligible base, and its items adding up to it.
inline void check_expense_figures(const Project& p, const Expense& e, const std::string& y) {
    if (e.amount.sign() < 0) throw project_error(p, "expenses", "negative cost " + to_string(e.amount) + " in " + y);
    check_figure(p, y, "ht", e.ht, e.amount);
    check_figure(p, y, "eligible base", e.eligible, e.amount);
    if (e.items.empty()) return;
    if (e.ht || e.eligible)
        throw project_error(p, "expenses", y + ": ht and eligible are given on the items when the expense has items");
    Money total;
    for (const CostItem& i : e.items) {
        const std::string where = y + ", item '" + i.label + "'";
        if (i.amount.sign() < 0) throw project_error(p, "expenses", where + ": negative cost " + to_string(i.amount));
        check_figure(p, where, "ht", i.ht, i.amount);
        check_figure(p, where, "eligible base", i.eligible, i.amount);
        total += i.amount;
    }
    if (total != e.amount)
        throw project_error(p, "expenses", y + ": the items add up to " + to_string(total) + ", not the amount " + to_string(e.amount));
}

// The expenses, one per year. Messages are built only on failure: validate() runs for every
// plan, and a valid project must cost it no allocation.
inline void check_expenses(const Project& p) {
    const auto year_of = [](const Expense& e) { return std::to_string(static_cast<int>(e.year)); };
    for (auto it = p.expenses.begin(); it != p.expenses.end(); ++it) {
        const Expense& e = *it;
        if (e.amount.sign() < 0 || e.ht || e.eligible || !e.items.empty()) check_expense_figures(p, e, year_of(e));
        if (!e.year.ok()) throw project_error(p, "expenses", "invalid year " + year_of(e));
        // Projects have a few expense years: comparing with the earlier ones is cheaper than a set.
        if (std::any_of(p.expenses.begin(), it, [&](const Expense& o) { return o.year == e.year; }))
            throw project_error(p, "expenses", "two expenses for " + year_of(e));
        if (e.covered && (e.covered->first().year() != e.year || e.covered->last().year() != e.year))
            throw project_error(p, "expenses", "covered dates of " + year_of(e) + " lie outside " + year_of(e));
        if (e.date && e.date->year() != e.year)
            throw project_error(p, "expenses", "date " + to_string(*e.date) + " is not in " + year_of(e));
    }
}

// Private funding and other resources: not negative, together at most the cost.
inline void check_resources(const Project& p) {
    if (p.private_funding.sign() < 0) throw project_error(p, "private_funding", "negative");
    const Money cost = p.cost();
    if (p.private_funding > cost)
        throw project_error(p, "private_funding", to_string(p.private_funding) + " is more than the cost " + to_string(cost));
    for (const OtherResource& r : p.other_resources)
        if (r.amount.sign() < 0) throw project_error(p, "other_resources", "'" + r.label + "' is negative");
    if (const Money other = p.other_resources_total(); other > cost - p.private_funding)
        throw project_error(p, "other_resources", to_string(other) + " is more than the cost less private funding " +
                                                      to_string(cost - p.private_funding));
}

// The position of the first entry that an earlier one names again (towns.size() if none): the
// entries sorted by name and position, without building a name per entry.
inline std::size_t first_listed_twice(const std::vector<ServedTown>& towns) {
    std::vector<std::uint32_t> order(towns.size());
    for (std::uint32_t i = 0; i < order.size(); ++i) order[i] = i;
    const auto key = [&](std::uint32_t i) { return std::tie(towns[i].epci, towns[i].insee); };
    std::sort(order.begin(), order.end(), [&](std::uint32_t a, std::uint32_t b) { return std::pair(key(a), a) < std::pair(key(b), b); });
    std::size_t first = towns.size();
    for (std::size_t k = 1; k < order.size(); ++k)
        if (key(order[k]) == key(order[k - 1])) first = std::min<std::size_t>(first, order[k]);
    return first;
}

// Each entry a town or an EPCI (not both, not neither), listed once, with a share exactly
// when the key is shares, the shares summing to 100 %.
inline void check_served(const Project& p, const Attribution& served) {
    if (served.towns.empty()) throw project_error(p, "served", "no town listed");
    const std::size_t twice = first_listed_twice(served.towns);
    Rate total;
    for (std::size_t i = 0; i < served.towns.size(); ++i) {
        const ServedTown& t = served.towns[i];
        if (t.insee.empty() == t.epci.empty())
            throw project_error(p, "served", t.insee.empty() ? "an entry names neither a town (insee) nor an epci"
                                                             : "an entry names both town '" + t.insee + "' and epci '" +
                                                                   t.epci + "': list them apart");
        if (i == twice) throw project_error(p, "served", t.label() + " listed twice");
        if (served.key == AttributionKey::shares) {
            if (!t.share) throw project_error(p, "served", t.label() + " has no share (the key is shares)");
            total = total + *t.share;
        } else if (t.share) {
            throw project_error(p, "served", t.label() + " has a share but the key is " + to_string(served.key));
        }
    }
    if (served.key == AttributionKey::shares && total != Rate::one())
        throw project_error(p, "served", "shares sum to " + to_string(total) + ", not 100%");
}

inline void check_requests(const Project& p, const std::vector<MeasureRequest>& requests) {
    for (auto it = requests.begin(); it != requests.end(); ++it) {
        const MeasureRequest& r = *it;
        // A project asks for a few measures: comparing with the earlier ones allocates nothing.
        if (std::any_of(requests.begin(), it, [&](const MeasureRequest& o) { return o.measure == r.measure; }))
            throw project_error(p, "measures", "'" + r.measure + "' asked twice");
        if (r.rate && r.amount)
            throw project_error(p, "measures", "'" + r.measure + "': a decision gives a rate or an amount, not both");
        if (r.amount && r.amount->sign() < 0)
            throw project_error(p, "measures", "'" + r.measure + "': negative amount " + to_string(*r.amount));
        if (r.base_cap && r.base_cap->sign() < 0)
            throw project_error(p, "measures", "'" + r.measure + "': negative base_cap " + to_string(*r.base_cap));
    }
}

}  // namespace detail

inline void Project::validate() const {
    if (id.empty()) throw invalid_argument("project with an empty id");
    detail::check_expenses(*this);
    detail::check_resources(*this);
    for (const UnitCount& u : units) {
        if (u.kind.empty()) throw detail::project_error(*this, "units", "a unit without a kind");
        if (u.count < 0) throw detail::project_error(*this, "units", "negative count of '" + u.kind + "'");
        if (!u.date.ok()) throw detail::project_error(*this, "units", "invalid date for '" + u.kind + "'");
    }
    for (const ProjectCeiling& c : ceilings) {
        if (c.measure.empty()) throw detail::project_error(*this, "ceilings", "'" + c.id + "' names no measure");
        if (c.amount.sign() < 0) throw detail::project_error(*this, "ceilings", "'" + c.id + "' is negative");
        if (c.per != CeilingScope::per_year && c.per != CeilingScope::per_project)
            throw detail::project_error(*this, "ceilings", "'" + c.id + "' is per year or per project");
    }
    if (served) detail::check_served(*this, *served);
    if (requests) detail::check_requests(*this, *requests);
}

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
