// write_scenario → parse_scenario gives back the same territory, projects, budgets and
// options: on a generated scenario (60 towns), and on a hand-made one whose texts, rates and
// optional fields are the hard cases of the format.
#include <gtest/gtest.h>

#include <sstream>
#include <string>
#include <vector>

#include <generate/generator.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/scenario.hpp>
#include <subsidy/io/scenario_writer.hpp>
#include <subsidy/money/literals.hpp>

#include "scenario_equality.hpp"

#ifndef SUBSIDY_PVD_CATALOG
#error "SUBSIDY_PVD_CATALOG (the absolute path of data/catalogs/pvd.yaml) must be defined"
#endif

namespace {

using namespace subsidy;
using namespace subsidy::literals;
using namespace std::chrono_literals;

const io::Catalog& pvd() {
    static const io::Catalog catalog = io::load_catalog(SUBSIDY_PVD_CATALOG);
    return catalog;
}

std::string written(const Territory& t, const std::vector<Project>& projects, const std::vector<Budget>& budgets,
                    const io::ScenarioOptions& options = {}) {
    std::ostringstream out;
    io::write_scenario(out, SUBSIDY_PVD_CATALOG, pvd().program, t, projects, budgets, options);
    return out.str();
}

io::Scenario read_back(const std::string& text) {
    try {
        return io::parse_scenario(text, "written.yaml", ".");
    } catch (const io::load_error& e) {
        ADD_FAILURE() << "the written scenario does not load:\n" << e.what();
        throw;
    }
}

// The loaded budgets start with the catalog's standing ones.
std::vector<Budget> scenario_budgets(const io::Scenario& s) {
    return {s.budgets.begin() + static_cast<std::ptrdiff_t>(s.catalog.budgets.size()), s.budgets.end()};
}

TEST(GeneratorWriter, GeneratedScenarioReadsBackEqual) {
    GeneratorOptions options;
    options.towns = 60;
    const GeneratedScenario g = generate_scenario(pvd().program, options);
    const io::Scenario s = read_back(written(g.territory, g.projects, g.budgets));
    scenario_equality::expect_same_territory(g.territory, s.territory, pvd().program.id(), g.projects);
    scenario_equality::expect_same_projects(g.projects, s.projects);
    scenario_equality::expect_same_budgets(g.budgets, scenario_budgets(s));
    EXPECT_EQ(s.options.lookup, LookupMode::strict);
}

// Texts YAML would otherwise read as something else, rates that are not short percents,
// every optional field set and unset.
TEST(GeneratorWriter, HardCasesReadBackEqual) {
    Territory t;
    t.add_epci(Epci{"200000018", "Communauté \"Terre & Mer\" : côte", 20'000});
    t.add_commune(Commune{"14047", "null", 12'775, 2021, "200000018"});
    t.add_commune(Commune{"2A004", "true", 1'907, std::nullopt, "200000018"});
    t.add_commune(Commune{"97411", " # not a comment, {nor: a map} ", 3'000, 2020, ""});
    t.add_body(Body{BeneficiaryKind::association, "relais\\1", "tab\there\nnewline", 250});
    t.add_body(Body{BeneficiaryKind::other, "investor", "Investisseur — « privé »", std::nullopt});
    t.add_membership("pvd", {BeneficiaryKind::epci, "200000018"}, 2021y / 4 / 6);
    t.add_membership("pvd", {BeneficiaryKind::commune, "14047"}, 2021y / 4 / 6);
    t.add_membership("pvd", {BeneficiaryKind::association, "relais\\1"}, 2022y / 1 / 31);

    Project shared;
    shared.id = "yes";
    shared.title = "'single' and \"double\" quotes, a backslash \\ and a colon: here";
    shared.owner = {BeneficiaryKind::epci, "200000018"};
    shared.category = "project_lead_post";
    shared.flags = {"opah_ru", "~"};
    shared.application_date = 2021y / 5 / 1;
    shared.expenses = {Expense{std::chrono::year{2021}, Money::from_cents(1'900'001), DateRange(2021y / 9 / 1, 2021y / 12 / 31), std::nullopt},
                       Expense{std::chrono::year{2022}, 58'000_eur, std::nullopt, 2022y / 3 / 15}};
    shared.served = Attribution{AttributionKey::shares,
                                {{"14047", Rate::fraction(7, 23)}, {"2A004", Rate::fraction(15, 23)},
                                 ServedTown::of_epci("200000018", Rate::fraction(1, 23))}};
    shared.requests = std::vector<MeasureRequest>{{"pvd-project-lead", std::nullopt}};

    Project works;
    works.id = "2A004-01";
    works.owner = {BeneficiaryKind::commune, "2A004"};
    works.nature = ExpenseNature::investment;
    works.category = "works";
    works.private_funding = Money::from_cents(12'345);
    works.expenses = {Expense{std::chrono::year{2023}, 100'000_eur, std::nullopt, std::nullopt}};
    works.requests = std::vector<MeasureRequest>{
        {"detr", Rate::fraction(1, 3)},
        {"dsil", Rate::fraction(1, std::int64_t{1} << 40)},  // a decimal of 42 digits: written as a fraction
        {"region-investment", Rate::fraction(1, 1024)},      // 0.09765625 %
        {"department-investment", Rate::one()}};

    Project association;
    association.id = "relais-fs";
    association.owner = {BeneficiaryKind::association, "relais\\1"};
    association.category = "france_services";
    association.units = {UnitCount{"france_services", 1, 2024y / 1 / 1}, UnitCount{"dwelling", 0, 2024y / 6 / 30}};
    association.expenses = {};
    // A town, an EPCI and a town in one list (an EPCI is written {epci: …}, never bare).
    association.served = Attribution{AttributionKey::equal,
                                     {{"14047", std::nullopt}, ServedTown::of_epci("200000018"), {"97411", std::nullopt}}};
    // requests: none, i.e. every measure that applies

    Project investor;
    investor.id = "investor-1";
    investor.owner = {BeneficiaryKind::other, "investor"};
    investor.nature = ExpenseNature::investment;
    investor.category = "housing_purchase_renovation";
    investor.expenses = {Expense{std::chrono::year{2024}, 0_eur, std::nullopt, std::nullopt}};
    investor.requests = std::vector<MeasureRequest>{};
    investor.served = Attribution{AttributionKey::population, {{"97411", std::nullopt}}};

    const std::vector<Project> projects{shared, works, association, investor};
    const std::vector<Budget> budgets{
        Budget{"b-program", "state", std::nullopt, {}, std::nullopt, Money::from_cents(1), BudgetPolicy::priority, ""},
        Budget{"b \"dep\"", "department", "department-investment", {BudgetScope::Kind::department, "2A"},
               std::chrono::year{2023}, 250'000_eur, BudgetPolicy::uniform_cap, "règlement: 2023"},
        Budget{"b-epci", "bdt", "pvd-project-lead", {BudgetScope::Kind::epci, "200000018"}, std::nullopt, 0_eur,
               BudgetPolicy::pro_rata, "x"}};
    io::ScenarioOptions options{LookupMode::extrapolate, 2024y / 2 / 29};

    const std::string text = written(t, projects, budgets, options);
    const io::Scenario s = read_back(text);
    scenario_equality::expect_same_territory(t, s.territory, "pvd", projects);
    scenario_equality::expect_same_projects(projects, s.projects);
    scenario_equality::expect_same_budgets(budgets, scenario_budgets(s));
    EXPECT_EQ(s.options.lookup, LookupMode::extrapolate);
    EXPECT_EQ(scenario_equality::text(s.options.date), "2024-02-29");
    EXPECT_NE(text.find("rate: 1/3}"), std::string::npos) << text;
    EXPECT_NE(text.find("rate: 0.09765625%}"), std::string::npos) << text;
    EXPECT_NE(text.find("rate: 1/1099511627776}"), std::string::npos) << text;
    EXPECT_NE(text.find("share: 7/23}"), std::string::npos) << text;
    EXPECT_NE(text.find("measures: all"), std::string::npos) << text;
}

TEST(GeneratorWriter, EmptyScenarioReadsBack) {
    const io::Scenario s = read_back(written(Territory{}, {}, {}));
    EXPECT_TRUE(s.territory.communes().empty());
    EXPECT_TRUE(s.projects.empty());
    EXPECT_EQ(s.budgets.size(), s.catalog.budgets.size());
}

// A population is optional: one not known is not written, and reads back unknown.
TEST(GeneratorWriter, UnknownPopulationsReadBackUnknown) {
    Territory t;
    t.add_epci(Epci{"241400555", "Bayeux Intercom", std::nullopt});
    t.add_commune(Commune{"14047", "Bayeux", std::nullopt, std::nullopt, "241400555"});
    t.add_commune(Commune{"14515", "Port-en-Bessin-Huppain", 1'907, 2021, "241400555"});
    const std::string text = written(t, {}, {});
    EXPECT_NE(text.find("name: \"Bayeux\", epci:"), std::string::npos) << text;
    const io::Scenario s = read_back(text);
    scenario_equality::expect_same_territory(t, s.territory, pvd().program.id(), {});
    EXPECT_FALSE(s.territory.find_commune("14047")->population.has_value());
    EXPECT_FALSE(s.territory.find_epci("241400555")->population.has_value());
    EXPECT_EQ(s.territory.find_commune("14515")->population, 1'907);
}

TEST(GeneratorWriter, RefusesWhatCannotBeReadBack) {
    Territory t;
    t.add_commune(Commune{"14047", "Bayeux", 12'775, std::nullopt, ""});
    Project p;
    p.id = "p";
    p.owner = {BeneficiaryKind::other, "nobody"};
    p.category = "works";
    std::ostringstream out;
    try {
        io::write_scenario(out, "pvd", pvd().program, t, {p}, {});
        ADD_FAILURE() << "an owner outside the territory was written";
    } catch (const invalid_argument& e) {
        EXPECT_STREQ(e.what(), "write_scenario: project 'p': owner: other nobody is not in the territory");
    }
    p.owner = {BeneficiaryKind::commune, "14047"};
    p.requests = std::vector<MeasureRequest>{{"detr", Rate::fraction(3, 2, RateBound::unbounded)}};
    try {
        io::write_scenario(out, "pvd", pvd().program, t, {p}, {});
        ADD_FAILURE() << "a rate above 100 % was written";
    } catch (const invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "write_scenario: project 'p': measure 'detr': rate 150% is above 100 %, which the scenario reader refuses");
    }
    EXPECT_TRUE(out.str().empty()) << "nothing is written before the checks";
}

}  // namespace
