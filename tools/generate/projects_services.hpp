// Services to the public: France services structures (a flat grant per structure and year)
// and the digital advisors of the 2023 scheme.
#pragma once

#include <chrono>
#include <optional>
#include <string>

#include "generate/draws.hpp"
#include "generate/geography.hpp"
#include "generate/workshop.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

// A labelled France services structure, run by the town or by an association serving it.
inline Project france_services_project(Workshop& w, const Town& town, const std::string& id) {
    const BeneficiaryRef owner = w.draw.chance(20) ? w.body(BeneficiaryKind::association, "france-services-" + town.insee,
                                                            "Association France services " + town.insee)
                                                   : Workshop::commune(town);
    Project p = w.new_project(id, owner, ExpenseNature::operating, "france_services", "Espace France services");
    if (owner.kind != BeneficiaryKind::commune) p.served = Workshop::only(town.insee);
    for (int y = w.draw.year_between(w.draw.first_year(), w.draw.first_year() + 2); y <= w.draw.last_year(); ++y) {
        p.units.push_back(UnitCount{"france_services", 1, make_date(y, 1, 1)});
        p.expenses.push_back(Expense{std::chrono::year{y}, w.draw.cost_around(85'000, 16, 50'000, 160'000), std::nullopt, std::nullopt});
    }
    w.ask(p, "france-services");
    return p;
}

// The 2023 three-year schedule, with its QPV/ZRR bonus; a fourth year gets nothing.
inline Project digital_advisor_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "digital_advisor",
                              "Conseiller numérique France services");
    if (w.draw.chance(35)) p.flags.insert(w.draw.chance(50) ? "qpv" : "zrr");  // the bonus
    for (int y = w.draw.year_between(2023, 2024); y <= w.draw.last_year(); ++y)
        p.expenses.push_back(Expense{std::chrono::year{y}, w.draw.cost_around(30'000, 9, 20'000, 45'000), std::nullopt, std::nullopt});
    w.ask(p, "digital-advisor-2023");  // three years of the scheme; a fourth gets nothing
    return p;
}

}  // namespace subsidy::detail::generation
