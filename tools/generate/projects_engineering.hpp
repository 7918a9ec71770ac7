// Engineering: the PVD project lead (ANCT, with Anah in complex housing operations, and the
// help to recruit it), studies
// (Banque des Territoires), engineering in kind (ANCT tailored engineering, BdT PVD+) and
// territorial volunteers (VTA, with its "backpack" from 2023).
#pragma once

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <optional>
#include <string>

#include "generate/draws.hpp"
#include "generate/geography.hpp"
#include "generate/workshop.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

// Makes `p` a project-lead post from after `convention`, with Anah's co-funding flags in one
// case in four; for towns and EPCIs alike.
inline void project_lead(Workshop& w, Project& p, const Date& convention) {
    if (w.draw.chance(25)) {  // a complex housing operation: Anah co-finances the post
        p.flags.insert(w.draw.chance(80) ? "opah_ru" : "orcod");
        if (w.draw.chance(10)) p.flags.insert("npnru");  // ... unless in an NPNRU district
    }
    const Date start = w.post_start(convention);
    w.add_post_years(p, start, w.draw.cost_around(58'000, 4, 42'000, 80'000));
    w.ask(p, "pvd-project-lead");
    w.ask(p, "pvd-recruitment-support");  // the help to recruit the lead: counted, never euros
}

// A town's own project-lead post (the others are served by their EPCI's).
inline Project lead_post_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "project_lead_post", "Chef de projet PVD");
    project_lead(w, p, town.convention);
    return p;
}

// BdT studies, at a rate per study.
inline Project study_project(Workshop& w, const Town& town, const std::string& id) {
    static constexpr std::array<const char*, 4> categories{"study", "study", "diagnostic", "amo"};
    static constexpr std::array<Rate, 5> rates{Rate::percent(30), Rate::percent(40), Rate::percent(50),
                                               Rate::fraction(1, 3), Rate::percent(45)};
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, w.draw.pick(categories),
                              "Étude de revitalisation");
    w.add_study_years(p, town.convention);
    w.ask_at(p, "bdt-studies", w.draw.pick(rates), town);
    return p;
}

// Free engineering in kind (ANCT below 3 500 inhabitants; BdT PVD+ from 2023), valued as units
// of 1 €, and a study of the town's own.
inline Project engineering_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "study", "Ingénierie de projet");
    const std::int64_t anct_value = w.draw.between(4'000, 25'000);
    p.units.push_back(UnitCount{"anct_mission_eur", anct_value,
                                w.draw.day_from(w.draw.year_between(w.draw.first_year(), w.draw.first_year() + 1), town.convention)});
    const bool pvd_plus = w.draw.chance(60);
    if (pvd_plus) {
        const std::int64_t value = w.draw.between(8'000, 40'000);
        p.units.push_back(UnitCount{"pvd_plus_mission_eur", value, w.draw.day_in(w.draw.year_between(2023, 2025))});
    }
    w.add_study_years(p, town.convention);
    w.ask_at(p, "bdt-studies", Rate::percent(50), town);
    w.ask(p, "anct-tailored-engineering");
    if (pvd_plus) w.ask(p, "bdt-pvd-plus");
    return p;
}

// A territorial volunteer, + the "backpack" from 2023 (a pass-through).
inline Project vta_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "vta",
                              "Volontariat territorial en administration");
    p.flags.insert(w.draw.chance(70) ? "rural" : "vta_conditional_case");
    const Date start = w.draw.day_in(w.draw.year_between(w.draw.first_year(), w.draw.first_year() + 4));
    p.units.push_back(UnitCount{"volunteer", w.draw.chance(10) ? 2 : 1, start});
    // A 12- or 18-month mission from the recruitment day to the end of its last month
    // (counted in integers: libc++ 14's year_month += months is wrong).
    const int last_month = year_of(start) * 12 + static_cast<int>(month_of(start)) - 1 + (w.draw.chance(50) ? 11 : 17);
    const Date end = end_of_month(last_month / 12, static_cast<unsigned>(last_month % 12) + 1);
    const Money monthly = w.draw.euros_between(1'600, 2'300);
    for (int y = year_of(start); y <= std::min(year_of(end), w.draw.last_year()); ++y) {
        const Date from = y == year_of(start) ? start : make_date(y, 1, 1);
        const Date until = y == year_of(end) ? end : make_date(y, 12, 31);
        const int months = static_cast<int>(month_of(until)) - static_cast<int>(month_of(from)) + 1;
        p.expenses.push_back(Expense{std::chrono::year{y}, monthly * months, DateRange(from, until), std::nullopt});
    }
    w.ask(p, "vta");
    w.ask(p, "vta-backpack");  // from 2023 only
    return p;
}

}  // namespace subsidy::detail::generation
