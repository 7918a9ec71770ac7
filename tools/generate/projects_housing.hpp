// Housing: the animation of an OPAH or OPAH-RU (Anah, + 332 € per dwelling) and a private
// investor's Denormandie tax reduction (three lease lengths, metropolitan or overseas).
#pragma once

#include <array>
#include <chrono>
#include <optional>
#include <string>

#include "generate/draws.hpp"
#include "generate/geography.hpp"
#include "generate/workshop.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

// Three to five years of an OPAH's animation and the dwellings it treats; both Anah measures
// are asked, the project's flags (opah or opah_ru) decide which applies. For towns and EPCIs.
inline void housing_animation_years(Workshop& w, Project& p) {
    const int start = w.draw.year_between(w.draw.first_year(), w.draw.first_year() + 2);
    const int n = static_cast<int>(w.draw.between(3, 5));
    for (int y = start; y < start + n && y <= w.draw.last_year(); ++y) {
        p.expenses.push_back(Expense{std::chrono::year{y}, w.draw.cost_around(150'000, 36, 40'000, 600'000), std::nullopt, std::nullopt});
        p.units.push_back(UnitCount{"dwelling", w.draw.between(5, 60), make_date(y, 6, 30)});
    }
    w.ask(p, "anah-opah-animation");
    w.ask(p, "anah-opah-ru-animation");
}

// A town's OPAH or OPAH-RU animation.
inline Project housing_animation_project(Workshop& w, const Town& town, const std::string& id) {
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::operating, "opah_animation",
                              "Suivi-animation d'une OPAH");
    p.flags.insert(w.draw.chance(50) ? "opah_ru" : "opah");
    housing_animation_years(w, p);
    return p;
}

// A private investor buys and renovates a dwelling in the town to let it.
inline Project denormandie_project(Workshop& w, const Town& town, const std::string& id) {
    static constexpr std::array<const char*, 3> leases{"6y", "9y", "12y"};
    const std::string lease = w.draw.pick(leases);
    const BeneficiaryRef investor = w.body(BeneficiaryKind::other, "investor-" + id, "Investisseur privé (" + town.insee + ")");
    Project p = w.new_project(id, investor, ExpenseNature::investment, "housing_purchase_renovation",
                              "Achat-rénovation d'un logement");
    p.application_date.reset();  // a tax reduction is claimed, not applied for
    p.flags = {"acv_or_ort", "private_owner", "lease_" + lease.substr(0, lease.size() - 1) + "_years"};
    if (w.draw.chance(90)) p.flags.insert("works_25_percent");  // else not eligible
    if (town.overseas) p.flags.insert("overseas");
    const int y = w.draw.year_between(w.draw.first_year(), w.draw.last_year());
    const Money cost = w.draw.cost_around(200'000, 25, 60'000, 600'000);
    p.expenses.push_back(Expense{std::chrono::year{y}, cost, std::nullopt, w.draw.day_in(y)});
    w.ask(p, std::string(town.overseas ? "denormandie-overseas-" : "denormandie-") + lease);
    p.served = Workshop::only(town.insee);
    return p;
}

}  // namespace subsidy::detail::generation
