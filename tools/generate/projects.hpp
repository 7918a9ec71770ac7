// The projects of a generated scenario: each town's, which cycle through the kinds of the
// measure families (projects_*.hpp), and each EPCI's, carried for its towns. Together they ask
// for every measure of the PVD catalog, with the categories, natures, flags and units each one
// tests.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "generate/geography.hpp"
#include "generate/projects_commerce.hpp"
#include "generate/projects_engineering.hpp"
#include "generate/projects_housing.hpp"
#include "generate/projects_investment.hpp"
#include "generate/projects_services.hpp"
#include "generate/workshop.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/world/project.hpp"

namespace subsidy::detail::generation {

/// The measures the generated projects ask for: every measure of data/catalogs/pvd.yaml a
/// project can ask for (the Club, pvd-club, is given by membership, not asked).
inline constexpr std::array<const char*, 27> pvd_measures{
    "pvd-project-lead",       "vta",
    "vta-backpack",           "bdt-studies",
    "bdt-pvd-plus",           "anct-tailored-engineering",
    "pvd-recruitment-support",
    "commerce-manager",       "bdt-shopin-diagnostic",
    "bdt-digital-commerce",   "anah-opah-animation",
    "anah-opah-ru-animation", "france-services",
    "digital-advisor-2023",   "fonds-friches",
    "detr",                   "dsil",
    "dpv",                    "dsid",
    "region-investment",      "department-investment",
    "denormandie-6y",         "denormandie-9y",
    "denormandie-12y",        "denormandie-overseas-6y",
    "denormandie-overseas-9y", "denormandie-overseas-12y"};

using TownProjectBuilder = Project (*)(Workshop&, const Town&, const std::string& id);

/// The kinds each town's projects cycle through, from the town's index on (a kind listed
/// twice is twice as frequent).
inline constexpr std::array<TownProjectBuilder, 20> project_cycle{
    works_project,           study_project,              works_project,
    commerce_manager_project, brownfield_project,        works_project,
    vta_project,             france_services_project,    engineering_project,
    works_project,           denormandie_project,        housing_animation_project,
    digital_advisor_project, works_project,              commerce_diagnostic_project,
    commerce_digital_project, departmental_works_project, works_study_project,
    works_project,           denormandie_project};

/// The `k`-th project of town number `t`, id "<INSEE>-<k + 1 on two digits or more>"; a town
/// with a post of its own has it first.
inline Project town_project(Workshop& w, const Town& town, std::size_t t, std::size_t k) {
    std::string number = std::to_string(k + 1);
    if (number.size() < 2) number.insert(0, "0");
    const std::string id = town.insee + "-" + number;
    if (k == 0 && town.own_post) return lead_post_project(w, town, id);
    return project_cycle[(t + k) % project_cycle.size()](w, town, id);
}

/// The projects an EPCI carries for its towns: the project-lead post of the towns without one
/// of their own, and now and then intercommunal works, an OPAH-RU and ANCT's engineering.
class EpciProjects {
public:
    EpciProjects(Workshop& w, const Geography& geography) : w_(w), geo_(geography) {}

    /// Appends the projects of `group` to `out`, ids "<SIREN>-<what>".
    void add(const Grouping& group, std::vector<Project>& out) {
        std::vector<std::size_t> served;  // the towns without a post of their own
        for (std::size_t t : group.towns)
            if (!geo_.towns[t].own_post) served.push_back(t);
        if (!served.empty()) out.push_back(lead_post(group, served));
        if (w_.draw.chance(33)) out.push_back(works(group));
        if (w_.draw.chance(25)) out.push_back(opah_ru(group));
        if (group.population < 15'000) out.push_back(engineering(group));  // ANCT's is free for small EPCIs
    }

private:
    static BeneficiaryRef owner(const Grouping& group) { return {BeneficiaryKind::epci, group.siren}; }

    Project lead_post(const Grouping& group, const std::vector<std::size_t>& served) {
        Project p = w_.new_project(group.siren + "-lead", owner(group), ExpenseNature::operating, "project_lead_post",
                                   "Chef de projet PVD mutualisé");
        project_lead(w_, p, group.convention);
        p.served = shared_between(served);
        return p;
    }

    // Intercommunal works, reported under the EPCI or split by population.
    Project works(const Grouping& group) {
        const Town& first = geo_.towns[group.towns.front()];
        Project p = w_.new_project(group.siren + "-works", owner(group), ExpenseNature::investment, "works",
                                   "Équipement intercommunal");
        investment_flags(w_, p, first.overseas);
        if (first.corsica) p.flags.insert("corsica_epci_works");
        w_.add_years(p, w_.draw.first_year(), w_.draw.last_year() - 1, 3, 600'000, 36, 100'000, 8'000'000);
        w_.add_private_funding(p, 10);
        investment_aid(w_, p, group.department, group.siren);
        if (w_.draw.chance(50)) p.served = among(AttributionKey::population, group.towns);
        return p;
    }

    Project opah_ru(const Grouping& group) {
        Project p = w_.new_project(group.siren + "-opah-ru", owner(group), ExpenseNature::operating, "opah_animation",
                                   "Suivi-animation OPAH-RU intercommunale");
        p.flags.insert("opah_ru");
        housing_animation_years(w_, p);
        p.served = among(AttributionKey::population, group.towns);
        return p;
    }

    Project engineering(const Grouping& group) {
        Project p = w_.new_project(group.siren + "-engineering", owner(group), ExpenseNature::operating, "study",
                                   "Ingénierie sur mesure ANCT");
        const std::int64_t value = w_.draw.between(5'000, 40'000);
        p.units.push_back(UnitCount{"anct_mission_eur", value,
                                    w_.draw.day_in(w_.draw.year_between(w_.draw.first_year(), w_.draw.first_year() + 2))});
        w_.ask(p, "anct-tailored-engineering");
        p.served = among(AttributionKey::equal, group.towns);
        return p;
    }

    // `towns` served by population or in equal parts.
    Attribution among(AttributionKey key, const std::vector<std::size_t>& towns) const {
        Attribution a{key, {}};
        for (std::size_t t : towns) a.towns.push_back({geo_.towns[t].insee, std::nullopt});
        return a;
    }

    // A shared post's key: population mostly, else equal parts or declared shares (integer
    // weights over their sum: exact fractions such as 7/23 that add up to exactly 100 %).
    Attribution shared_between(const std::vector<std::size_t>& towns) {
        const std::int64_t key = w_.draw.between(1, 10);
        if (key <= 6) return among(AttributionKey::population, towns);
        if (key <= 8) return among(AttributionKey::equal, towns);
        Attribution a{AttributionKey::shares, {}};
        std::vector<std::int64_t> weights;
        for (std::size_t i = 0; i < towns.size(); ++i) weights.push_back(w_.draw.between(1, 10));
        std::int64_t total = 0;
        for (std::int64_t w : weights) total += w;
        for (std::size_t i = 0; i < towns.size(); ++i) a.towns.push_back({geo_.towns[towns[i]].insee, Rate::fraction(weights[i], total)});
        return a;
    }

    Workshop& w_;
    const Geography& geo_;
};

}  // namespace subsidy::detail::generation
