// A deterministic, seeded generator of national-scale PVD scenarios: towns with INSEE-like
// codes over the departments of France, their EPCIs and conventions, about
// `projects_per_town` projects per town asking for every measure of the PVD catalog
// (data/catalogs/pvd.yaml), and limited budgets. For load tests, benchmarks and whole-chain
// property tests; `subsidy-generate` writes its output as a scenario file. Include this
// header; the others are its parts.
//
// Things you should know:
// - Same options, same scenario, on every platform and with every standard library: random
//   numbers come from our own xoshiro256** (seeded by splitmix64) and our own integer
//   distributions, never from <random>'s distributions, whose output each library chooses.
//   Nothing here uses floating point: populations come from an integer log-normal
//   (Draws::log_normal), money is drawn in whole cents.
// - The scenario is the sequence of draws: geography first, then each EPCI's projects, each
//   town's, and the budgets last. Reordering any two draws, even inside one expression,
//   changes the output (the fingerprint in tests/generator/ pins it).
// - The projects name the PVD catalog's measures by id, with the categories, natures, flags
//   and units each one tests; generate_scenario checks up front that the programme has them
//   all. A rate is given exactly where the programme leaves it to the decision.
// - It does not compute plans. Budgets are sized against an upper bound of what is asked under
//   them (rate × expense, before ceilings and stacking), times a drawn factor.
// - Beneficiaries other than communes and EPCIs (private investors for Denormandie, the
//   departments for DSID, associations running France Services) are bodies that own projects.
//
// The parts (namespace detail::generation): random.hpp (the random source), draws.hpp (the
// distributions), geography.hpp (departments, towns, EPCIs), workshop.hpp (what project
// builders share), projects_*.hpp (the builders of each measure family), projects.hpp (which
// projects each town and EPCI gets), budgets.hpp (the budgets sized on the asks).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "generate/budgets.hpp"
#include "generate/draws.hpp"
#include "generate/geography.hpp"
#include "generate/projects.hpp"
#include "generate/workshop.hpp"
#include "subsidy/error.hpp"
#include "subsidy/rules/budget.hpp"
#include "subsidy/rules/program.hpp"
#include "subsidy/world/project.hpp"
#include "subsidy/world/territory.hpp"

namespace subsidy {

struct GeneratorOptions {
    std::size_t towns = 1646;            ///< the PVD towns (ignored with all_communes)
    std::size_t projects_per_town = 20;  ///< projects attached to each town, at most 999 (EPCIs add a few)
    std::uint64_t seed = 1;
    int first_year = 2021;  ///< first year of expenses
    int years = 6;          ///< expenses fall in first_year .. first_year + years − 1
    /// The whole of France: 35,000 communes of 50 to 300,000 inhabitants (heavy-tailed);
    /// otherwise PVD towns, all below 20,000 inhabitants, most between 1,500 and 12,000.
    bool all_communes = false;
};

struct GeneratedScenario {
    Territory territory;
    std::vector<Project> projects;
    std::vector<Budget> budgets;
};

/// A national-scale PVD scenario drawn from `options.seed` (see the notes at the top): the
/// same options give the same scenario on every platform. Throws invalid_argument if `pvd`
/// lacks a measure the projects ask for (naming every missing one), or for options out of
/// range (no town, no year, more towns than INSEE codes).
[[nodiscard]] inline GeneratedScenario generate_scenario(const Program& pvd, const GeneratorOptions& options);

namespace detail::generation {

/// One run of generate_scenario: checks the options and the programme, then draws the parts
/// in their fixed order.
class ScenarioGenerator {
public:
    ScenarioGenerator(const Program& program, const GeneratorOptions& options)
        : program_(program), opt_(options), draw_(options.seed, options.first_year, options.first_year + options.years - 1) {
        if (opt_.all_communes) opt_.towns = 35'000;
        check_options();
        check_measures();
    }

    GeneratedScenario run() {
        const Geography geography = GeographyDraw(draw_, opt_.all_communes).run(opt_.towns);
        geography.declare(out_.territory, program_.id());
        Workshop workshop{program_, draw_, out_.territory, asks_};
        EpciProjects epci_projects(workshop, geography);
        for (const Grouping& group : geography.groupings) epci_projects.add(group, out_.projects);
        for (std::size_t t = 0; t < geography.towns.size(); ++t)
            for (std::size_t k = 0; k < opt_.projects_per_town; ++k)
                out_.projects.push_back(town_project(workshop, geography.towns[t], t, k));
        out_.budgets = asks_.size_budgets(draw_);
        return std::move(out_);
    }

private:
    void check_options() const {
        if (opt_.towns == 0) throw invalid_argument("generate_scenario: towns: at least one town");
        if (opt_.projects_per_town > 999)  // a town's project ids end in at most three digits
            throw invalid_argument("generate_scenario: projects_per_town: " + std::to_string(opt_.projects_per_town) +
                                   " is more than 999");
        if (opt_.years < 1) throw invalid_argument("generate_scenario: years: at least one year");
        if (draw_.first_year() < 1900 || draw_.last_year() > 2200)
            throw invalid_argument("generate_scenario: years " + std::to_string(draw_.first_year()) + ".." +
                                   std::to_string(draw_.last_year()) + " are not plausible");
    }

    // Every missing measure named at once, rather than failing on the first project that asks.
    void check_measures() const {
        std::string missing;
        for (const char* id : pvd_measures)
            if (!program_.find_measure(id)) missing += std::string(missing.empty() ? "" : ", ") + "'" + id + "'";
        if (!missing.empty())
            throw invalid_argument("generate_scenario: program '" + program_.id() + "' has no measure " + missing +
                                   " (the generator asks for every measure of the PVD catalog)");
    }

    const Program& program_;
    GeneratorOptions opt_;
    Draws draw_;
    BudgetAsks asks_;
    GeneratedScenario out_;
};

}  // namespace detail::generation

inline GeneratedScenario generate_scenario(const Program& pvd, const GeneratorOptions& options) {
    return detail::generation::ScenarioGenerator(pvd, options).run();
}

}  // namespace subsidy
