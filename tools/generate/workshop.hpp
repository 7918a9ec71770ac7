// What every project builder shares: the draws, the programme, the territory its bodies are
// declared in and the tally the budgets are sized on; and the pieces most projects are made
// of (a new project, its requests, its years of expenses).
#pragma once

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>

#include "generate/budgets.hpp"
#include "generate/draws.hpp"
#include "generate/geography.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy::detail::generation {

/// The builders' shared state, held by reference. The builders are free functions of the
/// measure families (projects_*.hpp), `Project x_project(Workshop&, const Town&, id)`, that all
/// draw from the one stream in program order; in each family's header the pieces it shares
/// with the EPCIs' projects come first.
struct Workshop {
    const Program& program;  ///< which measures leave their rate to the decision
    Draws& draw;
    Territory& territory;  ///< where the bodies owning projects are declared
    BudgetAsks& asks;

    // ---- a project and its requests ---------------------------------------------------------

    Project new_project(std::string id, BeneficiaryRef owner, ExpenseNature nature, std::string category, std::string title) {
        Project p;
        p.id = std::move(id);
        p.title = std::move(title);
        p.owner = std::move(owner);
        p.nature = nature;
        p.category = std::move(category);
        p.requests.emplace();
        // Applications over the first two years; one project in ten has no date (it comes last
        // when projects compete).
        if (draw.chance(90))
            p.application_date = draw.day_in(static_cast<int>(draw.between(draw.first_year(), draw.first_year() + 1)));
        return p;
    }

    static BeneficiaryRef commune(const Town& town) { return {BeneficiaryKind::commune, town.insee}; }

    // A body that owns projects (declared once; the generator's bodies sign no convention).
    BeneficiaryRef body(BeneficiaryKind kind, const std::string& id, const std::string& name) {
        BeneficiaryRef ref{kind, id};
        if (!territory.info(ref)) territory.add_body(Body{kind, id, name, std::nullopt});
        return ref;
    }

    // A body's project serves one town: its aid is reported under that town.
    static Attribution only(const std::string& insee) { return Attribution{AttributionKey::equal, {{insee, std::nullopt}}}; }

    // Asks for `measure`; with `rate` when the programme leaves its rate to the decision.
    void ask(Project& p, std::string_view measure, const Rate& rate = Rate::zero()) {
        const auto* share = std::get_if<ShareFormula>(&program.find_measure(measure)->formula);
        const bool case_by_case = share && !share->rate;
        p.requests->push_back(MeasureRequest{std::string(measure), case_by_case ? std::optional<Rate>(rate) : std::nullopt});
    }

    // Asks for a measure decided case by case, with a rate, and counts it for budgets.
    void ask_at(Project& p, std::string_view measure, const Rate& rate, const std::string& department, const std::string& epci) {
        ask(p, measure, rate);
        asks.tally(p, measure, rate, department, epci);
    }
    void ask_at(Project& p, std::string_view measure, const Rate& rate, const Town& town) {
        ask_at(p, measure, rate, town.department, town.epci);
    }

    // ---- years of expenses --------------------------------------------------------------------

    // Expenses of 1 to `max_years` consecutive years from a year in [lo, hi], each around
    // `median` euros; one-off expenses (a single year) are dated by their invoice.
    void add_years(Project& p, int lo, int hi, int max_years, std::int64_t median, int flips, std::int64_t min_euros,
                   std::int64_t max_euros) {
        const int start = draw.year_between(lo, hi);
        const int n = static_cast<int>(draw.between(1, max_years));
        for (int y = start; y < start + n && y <= draw.last_year(); ++y) {
            Expense e{std::chrono::year{y}, draw.cost_around(median, flips, min_euros, max_euros), std::nullopt, std::nullopt};
            if (n == 1 && draw.chance(70)) e.date = draw.day_in(y);
            p.expenses.push_back(e);
        }
    }

    // A study's expenses: one dated year, or two; in the convention's year, dated after it.
    void add_study_years(Project& p, const Date& convention) {
        const int start = draw.year_between(draw.first_year(), draw.last_year() - 1);
        const int n = static_cast<int>(draw.between(1, 2));
        for (int y = start; y < start + n && y <= draw.last_year(); ++y) {
            const Money cost = draw.cost_around(25'000, 36, 4'000, 150'000);
            p.expenses.push_back(Expense{std::chrono::year{y}, cost, std::nullopt, draw.day_from(y, convention)});
        }
    }

    // A post (project lead, commerce manager) starting on the first day of a month, `annual`
    // a year, paid for each year until the last one or an end drawn in 1 case in 5. The first
    // and last years are partial: their `covered` days make prorated ceilings bind.
    void add_post_years(Project& p, Date start, Money annual, std::optional<int> years = std::nullopt) {
        int last = years ? std::min(draw.last_year(), year_of(start) + *years - 1) : draw.last_year();
        std::optional<Date> end;
        if (!years && draw.chance(20) && year_of(start) < last) {
            last = draw.year_between(year_of(start) + 1, last);
            end = end_of_month(last, static_cast<unsigned>(draw.between(1, 11)));
        }
        for (int y = year_of(start); y <= last; ++y) {
            const Date from = y == year_of(start) ? start : make_date(y, 1, 1);
            const Date until = end && y == last ? *end : make_date(y, 12, 31);
            const int months = static_cast<int>(month_of(until)) - static_cast<int>(month_of(from)) + 1;
            Expense e{std::chrono::year{y}, months_of(annual, months), std::nullopt, std::nullopt};
            if (months < 12) e.covered = DateRange(from, until);
            p.expenses.push_back(e);
            annual = apply(annual * Rate::fraction(103, 100, RateBound::unbounded), Rounding());  // yearly raise
        }
    }

    // The first day of the month after `convention` in its year, or of a later year's month.
    Date post_start(const Date& convention) {
        if (draw.chance(60) && month_of(convention) < 12 && year_of(convention) >= draw.first_year())
            return make_date(year_of(convention), month_of(convention) + 1, 1);
        const int y = draw.year_between(year_of(convention) + 1, year_of(convention) + 2);
        return make_date(y, static_cast<unsigned>(draw.between(1, 12)), 1);
    }

    // Private money (patronage, a private partner) for `percent_of_projects` % of projects.
    void add_private_funding(Project& p, int percent_of_projects) {
        if (p.expenses.empty() || !draw.chance(percent_of_projects)) return;
        p.private_funding = apply(p.cost() * Rate::fraction(draw.between(1, 10), 100), Rounding(RoundingMode::down, RoundingUnit::euro()));
    }

    // The part of `annual` a period of `months` months pays for, to the cent below.
    static Money months_of(const Money& annual, int months) {
        return apply(annual * Rate::fraction(months, 12), Rounding());
    }
};

}  // namespace subsidy::detail::generation
