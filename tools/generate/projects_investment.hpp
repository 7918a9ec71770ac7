// Investment projects: works funded by DETR, DSIL, DPV, the region and the department (the
// stacking law's ground), studies of works, brownfields (Fonds friches) and the department's
// own works (DSID).
#pragma once

#include <array>
#include <string>

#include "generate/geography.hpp"
#include "generate/workshop.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

// Flags of an investment: derogations to L1111-10, a chef-de-file field (L1111-9), a QPV,
// overseas collectivities (outside L1111-10).
inline void investment_flags(Workshop& w, Project& p, bool overseas) {
    static constexpr std::array<const char*, 5> derogations{"drinking_water", "sanitation", "municipal_roads", "waste",
                                                            "biodiversity"};
    if (p.category == "heritage_works" && w.draw.chance(50)) p.flags.insert("monument");
    if (p.category == "works" && w.draw.chance(10)) p.flags.insert(w.draw.pick(derogations));
    if (w.draw.chance(12)) p.flags.insert("qpv");
    if (w.draw.chance(10)) {
        p.flags.insert("chef_de_file_field");
        if (w.draw.chance(33)) p.flags.insert("ctec_derogation");
    }
    if (overseas) p.flags.insert("overseas_collectivity");
}

// Works with DETR, DSIL, region and department at rates that often exceed what R2334-27
// (DETR + DSIL + DPV ≤ 80 %) and L1111-10 (the owner brings 20 %) allow.
inline void investment_aid(Workshop& w, Project& p, const std::string& department, const std::string& epci) {
    static constexpr std::array<Rate, 8> detr{Rate::percent(25), Rate::percent(30), Rate::percent(35), Rate::percent(40),
                                              Rate::percent(45), Rate::percent(50), Rate::fraction(1, 3),
                                              Rate::fraction(3, 8)};
    static constexpr std::array<Rate, 6> dsil{Rate::percent(20), Rate::percent(25), Rate::percent(30),
                                              Rate::percent(35), Rate::percent(40), Rate::percent(45)};
    static constexpr std::array<Rate, 4> region{Rate::percent(10), Rate::percent(15), Rate::percent(20), Rate::percent(25)};
    static constexpr std::array<Rate, 5> dept{Rate::percent(5), Rate::percent(10), Rate::percent(15), Rate::percent(20),
                                              Rate::fraction(1, 8)};
    static constexpr std::array<Rate, 3> dpv{Rate::percent(10), Rate::percent(20), Rate::percent(30)};
    w.ask_at(p, "detr", w.draw.pick(detr), department, epci);
    if (w.draw.chance(70)) w.ask_at(p, "dsil", w.draw.pick(dsil), department, epci);
    if (p.flags.count("qpv")) w.ask_at(p, "dpv", w.draw.pick(dpv), department, epci);
    if (w.draw.chance(60)) w.ask_at(p, "region-investment", w.draw.pick(region), department, epci);
    if (w.draw.chance(70)) w.ask_at(p, "department-investment", w.draw.pick(dept), department, epci);
}

// A town's works: DETR + DSIL + region + department, + DPV in a QPV.
inline Project works_project(Workshop& w, const Town& town, const std::string& id) {
    static constexpr std::array<const char*, 4> titles{"Réfection de la place du marché", "Rénovation de l'école",
                                                       "Aménagement des berges", "Voirie du centre-bourg"};
    const bool heritage = w.draw.chance(25);
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::investment, heritage ? "heritage_works" : "works",
                              heritage ? "Restauration de la halle \"Baltard\" : charpente" : w.draw.pick(titles));
    investment_flags(w, p, town.overseas);
    w.add_years(p, w.draw.first_year(), w.draw.last_year(), 3, 180'000, 64, 20'000, 5'000'000);
    w.add_private_funding(p, 12);
    investment_aid(w, p, town.department, town.epci);
    return p;
}

// A study of works (maîtrise d'œuvre): an investment, so BdT's study aid stacks with the
// investment aid.
inline Project works_study_project(Workshop& w, const Town& town, const std::string& id) {
    static constexpr std::array<Rate, 3> rates{Rate::percent(20), Rate::percent(30), Rate::percent(50)};
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::investment, "study", "Étude de maîtrise d'œuvre");
    investment_flags(w, p, town.overseas);
    w.add_study_years(p, town.convention);
    w.ask_at(p, "bdt-studies", w.draw.pick(rates), town);
    investment_aid(w, p, town.department, town.epci);
    return p;
}

// Fonds friches + DETR + region + department.
inline Project brownfield_project(Workshop& w, const Town& town, const std::string& id) {
    static constexpr std::array<Rate, 5> friches{Rate::percent(30), Rate::percent(40), Rate::percent(50),
                                                 Rate::percent(60), Rate::fraction(455, 1000)};
    static constexpr std::array<Rate, 3> detr{Rate::percent(20), Rate::percent(25), Rate::percent(30)};
    Project p = w.new_project(id, Workshop::commune(town), ExpenseNature::investment, "brownfield",
                              "Recyclage d'une friche industrielle");
    if (town.overseas) p.flags.insert("overseas_collectivity");
    w.add_years(p, w.draw.first_year(), w.draw.first_year() + 3, 2, 400'000, 49, 50'000, 6'000'000);
    w.add_private_funding(p, 10);
    w.ask_at(p, "fonds-friches", w.draw.pick(friches), town);
    w.ask_at(p, "detr", w.draw.pick(detr), town);
    if (w.draw.chance(50)) w.ask_at(p, "region-investment", Rate::percent(w.draw.between(2, 4) * 5), town);
    if (w.draw.chance(40)) w.ask_at(p, "department-investment", Rate::percent(w.draw.between(1, 2) * 5), town);
    return p;
}

// Works on a departmental road through the town, carried by the department (DSID).
inline Project departmental_works_project(Workshop& w, const Town& town, const std::string& id) {
    static constexpr std::array<Rate, 5> rates{Rate::percent(20), Rate::percent(30), Rate::percent(40),
                                               Rate::percent(50), Rate::percent(60)};
    const std::string& dep = town.department;
    const BeneficiaryRef department = w.body(BeneficiaryKind::department, dep, "Département " + dep);
    Project p = w.new_project(id, department, ExpenseNature::investment, "works", "Route départementale en traversée de bourg");
    w.add_years(p, w.draw.first_year(), w.draw.last_year(), 2, 500'000, 36, 80'000, 4'000'000);
    w.ask_at(p, "dsid", w.draw.pick(rates), "", "");  // a body lies in the programme's scope only
    p.served = Workshop::only(town.insee);
    return p;
}

}  // namespace subsidy::detail::generation
