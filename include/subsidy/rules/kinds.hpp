// The kinds of the rules model, each enum with its one name table (detail/enum_names.hpp):
// who can receive aid, the nature of an expense, the kind of a funder, what a ceiling is
// counted against, how an annual ceiling shrinks for part of a year.
#pragma once

#include <array>
#include <string>

#include "subsidy/detail/enum_names.hpp"

namespace subsidy {

/// Who can receive aid. A department (conseil départemental) is named by its code.
enum class BeneficiaryKind { commune, epci, petr, syndicate, association, other, department };

/// Operating (salaries, running costs) or investment (works, equipment, studies of works).
enum class ExpenseNature { operating, investment };

enum class FunderKind { state, state_agency, public_bank, local_authority, european_union, private_funder };

inline constexpr std::array<EnumName<BeneficiaryKind>, 7> beneficiary_kind_names{{
    {BeneficiaryKind::commune, "commune"},
    {BeneficiaryKind::epci, "epci"},
    {BeneficiaryKind::petr, "petr"},
    {BeneficiaryKind::syndicate, "syndicate"},
    {BeneficiaryKind::association, "association"},
    {BeneficiaryKind::other, "other"},
    {BeneficiaryKind::department, "department"},
}};
constexpr const auto& enum_names(BeneficiaryKind) { return beneficiary_kind_names; }

inline constexpr std::array<EnumName<ExpenseNature>, 2> expense_nature_names{{
    {ExpenseNature::operating, "operating"},
    {ExpenseNature::investment, "investment"},
}};
constexpr const auto& enum_names(ExpenseNature) { return expense_nature_names; }

inline constexpr std::array<EnumName<FunderKind>, 6> funder_kind_names{{
    {FunderKind::state, "state"},
    {FunderKind::state_agency, "state_agency"},
    {FunderKind::public_bank, "public_bank"},
    {FunderKind::local_authority, "local_authority"},
    {FunderKind::european_union, "european_union"},
    {FunderKind::private_funder, "private"},
}};
constexpr const auto& enum_names(FunderKind) { return funder_kind_names; }

[[nodiscard]] inline std::string to_string(BeneficiaryKind k) { return std::string(detail::name_of(k)); }
[[nodiscard]] inline std::string to_string(ExpenseNature n) { return std::string(detail::name_of(n)); }

/// What a ceiling is counted against.
enum class CeilingScope {
    per_year,              ///< each calendar year of the project separately
    per_project,           ///< all years of the project together
    per_beneficiary,       ///< all projects and years of the same beneficiary (see GrantLedger)
    per_beneficiary_year,  ///< all projects of the same beneficiary, each calendar year apart
};

/// Written per_year… in files, "per year"… for people.
inline constexpr std::array<EnumName<CeilingScope>, 4> ceiling_scope_names{{
    {CeilingScope::per_year, "per_year", "per year"},
    {CeilingScope::per_project, "per_project", "per project"},
    {CeilingScope::per_beneficiary, "per_beneficiary", "per beneficiary"},
    {CeilingScope::per_beneficiary_year, "per_beneficiary_year", "per beneficiary and year"},
}};
constexpr const auto& enum_names(CeilingScope) { return ceiling_scope_names; }

[[nodiscard]] inline std::string to_string(CeilingScope s) { return std::string(detail::display_of(s)); }

/// Whether an annual ceiling shrinks for a partial year of service.
enum class Proration {
    none,      ///< the annual ceiling stands whatever the months covered
    by_month,  ///< ceiling × full months covered / 12
    by_day,    ///< ceiling × days covered / days in the year
};

/// Written by_month… in files, "by month"… for people.
inline constexpr std::array<EnumName<Proration>, 3> proration_names{{
    {Proration::none, "none"},
    {Proration::by_month, "by_month", "by month"},
    {Proration::by_day, "by_day", "by day"},
}};
constexpr const auto& enum_names(Proration) { return proration_names; }

/// What a decided amount or rate above the measure's legal maximum (rate × base, a ceiling)
/// becomes: refused (the plan is an error), or cut to the maximum and traced.
enum class OverMaximum { refuse, cut };

inline constexpr std::array<EnumName<OverMaximum>, 2> over_maximum_names{{
    {OverMaximum::refuse, "refuse"},
    {OverMaximum::cut, "cut"},
}};
constexpr const auto& enum_names(OverMaximum) { return over_maximum_names; }

/// Which figure of an expense a measure's rates apply to: its eligible base (the `eligible`
/// given, else the amount before VAT when stated, else the cost: most State aid), or its
/// whole cost, VAT included.
enum class BaseFigure { eligible, cost };

inline constexpr std::array<EnumName<BaseFigure>, 2> base_figure_names{{
    {BaseFigure::eligible, "eligible"},
    {BaseFigure::cost, "cost"},
}};
constexpr const auto& enum_names(BaseFigure) { return base_figure_names; }

/// How often a service (support without a price) is counted: once per project (in the first
/// year the measure applies to it), each year the measure applies, or once per member of the
/// programme, from its convention (Club membership: given by the territory, not by projects).
enum class ServicePer { project, year, membership };

inline constexpr std::array<EnumName<ServicePer>, 3> service_per_names{{
    {ServicePer::project, "project"},
    {ServicePer::year, "year"},
    {ServicePer::membership, "membership"},
}};
constexpr const auto& enum_names(ServicePer) { return service_per_names; }

}  // namespace subsidy
