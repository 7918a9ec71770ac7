// Commerce (Banque des Territoires): a commerce manager's post, a Shop'in diagnostic in kind,
// and the flat aid for digital solutions.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "generate/geography.hpp"
#include "generate/workshop.hpp"
#include "subsidy/time/date.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

// BdT's schedule pays 20 000 € a year for two years; the post lasts three.
inline Project commerce_manager_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "commerce_manager", "Manager de commerce");
    const Date start = w.post_start(town.convention);
    w.add_post_years(p, start, w.draw.cost_around(42'000, 9, 28'000, 60'000), 3);
    w.ask(p, "commerce-manager");  // two years of the scheme; the third gets nothing
    return p;
}

// A mission BdT orders and pays: no expense of the town's, only its value in kind.
inline Project commerce_diagnostic_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "commerce_diagnostic",
                              "Diagnostic flash Shop'in");
    const std::int64_t value = w.draw.between(3'000, 15'000);
    p.units.push_back(UnitCount{"shopin_mission_eur", value, w.draw.day_from(w.draw.year_between(2021, 2022), town.convention)});
    w.ask(p, "bdt-shopin-diagnostic");
    return p;
}

// BdT's flat 20 000 €, which below 20 000 € is capped at the expense.
inline Project commerce_digital_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "commerce_digital",
                              "Solutions numériques pour les commerces");
    const Date when = w.draw.day_from(w.draw.year_between(w.draw.first_year(), w.draw.first_year() + 4), town.convention);
    p.units.push_back(UnitCount{"digital_commerce_scheme", 1, when});
    p.expenses.push_back(Expense{when.year(), w.draw.euros_between(8'000, 60'000), std::nullopt, when});
    w.ask(p, "bdt-digital-commerce");
    return p;
}

}  // namespace subsidy::detail::generation
