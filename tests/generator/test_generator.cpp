// generate_scenario: deterministic (same seed, same scenario and same text; another seed,
// another text), the geography it promises, a mix of projects that asks for every PVD measure,
// and — computed against data/catalogs/pvd.yaml — one that exercises them all: every measure
// pays something, budgets of every policy bind, and the stacking law and prorated ceilings cut.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <variant>
#include <vector>

#include <subsidy/envelopes/budget.hpp>
#include <subsidy/envelopes/envelopes.hpp>
#include <subsidy/engine/plan.hpp>
#include <generate/generator.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/scenario_writer.hpp>

#include "scenario_equality.hpp"

#ifndef SUBSIDY_PVD_CATALOG
#error "SUBSIDY_PVD_CATALOG (the absolute path of data/catalogs/pvd.yaml) must be defined"
#endif

namespace {

using namespace subsidy;

const io::Catalog& pvd() {
    static const io::Catalog catalog = io::load_catalog(SUBSIDY_PVD_CATALOG);
    return catalog;
}

GeneratorOptions towns(std::size_t n, std::uint64_t seed = 1) {
    GeneratorOptions o;
    o.towns = n;
    o.seed = seed;
    return o;
}

std::string text_of(const GeneratedScenario& g) {
    std::ostringstream out;
    io::write_scenario(out, "pvd", pvd().program, g.territory, g.projects, g.budgets);
    return out.str();
}

// 64-bit FNV-1a: a fingerprint of a text, the same on every platform.
std::uint64_t fingerprint(const std::string& text) {
    std::uint64_t h = 0xcbf29ce484222325ULL;
    for (const char c : text) h = (h ^ static_cast<unsigned char>(c)) * 0x100000001b3ULL;
    return h;
}

// ---- determinism --------------------------------------------------------------------------------

TEST(GeneratorDeterminism, SameSeedSameScenarioAndText) {
    const GeneratedScenario a = generate_scenario(pvd().program, towns(60, 7));
    const GeneratedScenario b = generate_scenario(pvd().program, towns(60, 7));
    scenario_equality::expect_same_territory(a.territory, b.territory, pvd().program.id(), a.projects);
    scenario_equality::expect_same_projects(a.projects, b.projects);
    scenario_equality::expect_same_budgets(a.budgets, b.budgets);
    EXPECT_EQ(text_of(a), text_of(b));
}

TEST(GeneratorDeterminism, AnotherSeedAnotherText) {
    EXPECT_NE(text_of(generate_scenario(pvd().program, towns(60, 7))), text_of(generate_scenario(pvd().program, towns(60, 8))));
}

// The generator uses no <random> distribution, no floating point and no unordered container:
// this fingerprint must be the same with every compiler and standard library. It changes, on
// purpose, whenever the generator or the writer changes what they produce: then update it.
TEST(GeneratorDeterminism, TextFingerprintIsPinned) {
    GeneratorOptions o = towns(20, 42);
    o.projects_per_town = 5;
    // Last changed: the departments became bodies of kind department, named by their code.
    EXPECT_EQ(fingerprint(text_of(generate_scenario(pvd().program, o))), 0xBE7676D416681969ULL);
}

// ---- geography ------------------------------------------------------------------------------------

// Checks the promises of the geography; returns the EPCIs' sizes.
std::vector<std::size_t> check_geography(const GeneratedScenario& g, std::size_t expected_towns) {
    const Territory& t = g.territory;
    EXPECT_EQ(t.communes().size(), expected_towns);
    std::map<std::string, std::vector<const Commune*>> by_epci;
    for (const auto& [insee, c] : t.communes()) {
        const std::string dep = department_of(insee);
        const bool overseas = dep.size() == 3;
        EXPECT_EQ(insee.size(), 5u) << insee;
        EXPECT_TRUE(overseas ? (dep >= "971" && dep <= "976") : (dep != "20" && (dep == "2A" || dep == "2B" || (dep >= "01" && dep <= "95"))))
            << insee << " is not in a department of France";
        EXPECT_EQ(insee.substr(dep.size()).find_first_not_of("0123456789"), std::string::npos) << insee;
        EXPECT_NE(insee.substr(dep.size()), std::string(5 - dep.size(), '0')) << insee;
        EXPECT_GE(c.population, 50) << insee;
        EXPECT_LE(c.population, 300'000) << insee;
        EXPECT_TRUE(t.convention(pvd().program.id(), {BeneficiaryKind::commune, insee}).has_value()) << insee;
        by_epci[c.epci].push_back(&c);
    }
    std::vector<std::size_t> sizes;
    for (const auto& [siren, e] : t.epcis()) {
        EXPECT_EQ(siren.size(), 9u);
        EXPECT_EQ(siren[0], '2');
        const auto& members = by_epci[siren];
        sizes.push_back(members.size());
        std::int64_t population = 0;
        for (const Commune* c : members) {
            population += c->population.value_or(0);
            EXPECT_EQ(department_of(c->insee), department_of(members.front()->insee)) << "EPCI " << siren << " straddles departments";
        }
        EXPECT_EQ(e.population, population) << "EPCI " << siren;
        EXPECT_FALSE(t.epci_department(siren).empty()) << "EPCI " << siren;
        const auto convention = t.convention(pvd().program.id(), {BeneficiaryKind::epci, siren});
        EXPECT_TRUE(convention && *convention >= std::chrono::year{2021} / 1 / 1 && *convention <= std::chrono::year{2021} / 6 / 30)
            << "EPCI " << siren;
    }
    EXPECT_EQ(by_epci.count(""), 0u) << "a commune without EPCI";
    return sizes;
}

TEST(GeneratorGeography, PvdTowns) {
    const GeneratedScenario g = generate_scenario(pvd().program, towns(1646));
    const std::vector<std::size_t> sizes = check_geography(g, 1646);
    for (std::size_t s : sizes) {
        EXPECT_GE(s, 4u);
        EXPECT_LE(s, 30u);
    }
    std::vector<std::int64_t> populations;
    std::set<std::string> departments;
    for (const auto& [insee, c] : g.territory.communes()) {
        EXPECT_LT(c.population, 20'000) << insee;
        populations.push_back(c.population.value_or(0));
        departments.insert(department_of(insee));
    }
    std::sort(populations.begin(), populations.end());
    // Most between 1,500 and 12,000 (log-normal, median e^8.3 ≈ 4,000, σ 0.6).
    const auto within = std::count_if(populations.begin(), populations.end(), [](std::int64_t p) { return p >= 1'500 && p <= 12'000; });
    EXPECT_GT(within, 1646 * 85 / 100);
    EXPECT_GT(populations[populations.size() / 2], 3'600);
    EXPECT_LT(populations[populations.size() / 2], 4'400);
    EXPECT_EQ(departments.size(), 101u);
    EXPECT_TRUE(departments.count("2A") && departments.count("974"));
}

TEST(GeneratorGeography, AllCommunesOfFrance) {
    GeneratorOptions o;
    o.all_communes = true;
    o.projects_per_town = 0;
    const GeneratedScenario g = generate_scenario(pvd().program, o);
    const std::vector<std::size_t> sizes = check_geography(g, 35'000);
    for (std::size_t s : sizes) {
        EXPECT_GE(s, 4u);
        EXPECT_LE(s, 30u);
    }
    std::vector<std::int64_t> populations;
    for (const auto& [insee, c] : g.territory.communes()) populations.push_back(c.population.value_or(0));
    std::sort(populations.begin(), populations.end());
    const auto above = [&](std::int64_t n) {
        return populations.end() - std::upper_bound(populations.begin(), populations.end(), n);
    };
    // Heavy-tailed like France's: a median of a few hundred, a few thousand towns above 3,500,
    // about a hundred cities above 50,000, a handful above 200,000.
    EXPECT_GT(populations[populations.size() / 2], 300);
    EXPECT_LT(populations[populations.size() / 2], 700);
    EXPECT_GT(above(3'500), 1'500);
    EXPECT_LT(above(3'500), 4'000);
    EXPECT_GT(above(50'000), 60);
    EXPECT_LT(above(50'000), 250);
    EXPECT_GT(above(200'000), 0);
    for (const Project& p : g.projects) EXPECT_EQ(p.owner.kind, BeneficiaryKind::epci) << p.id << ": no town project was asked for";
}

TEST(GeneratorGeography, FewTowns) {
    for (std::size_t n : {1u, 3u, 4u, 5u, 17u, 33u}) {
        const GeneratedScenario g = generate_scenario(pvd().program, towns(n));
        check_geography(g, n);
        for (const Project& p : g.projects) EXPECT_NO_THROW(p.validate()) << p.id;
    }
}

TEST(GeneratorGeography, RefusesImpossibleOptions) {
    EXPECT_THROW((void)generate_scenario(pvd().program, towns(0)), invalid_argument);
    EXPECT_THROW((void)generate_scenario(pvd().program, towns(100'000)), invalid_argument);
    GeneratorOptions o = towns(10);
    o.years = 0;
    EXPECT_THROW((void)generate_scenario(pvd().program, o), invalid_argument);
    o = towns(10);
    o.projects_per_town = 1'000;
    EXPECT_THROW((void)generate_scenario(pvd().program, o), invalid_argument);
}

TEST(GeneratorGeography, NamesTheMissingMeasures) {
    Program p("pvd", "Petites villes de demain");
    p.add_pillar({"thematic", "Thematic"}).add_funder({"state", "State", FunderKind::state, });
    Measure detr;
    detr.id = "detr";
    detr.pillar = "thematic";
    detr.residual_funder = "state";
    detr.formula = ShareFormula{};
    p.add_measure(detr);
    try {
        (void)generate_scenario(p, towns(10));
        ADD_FAILURE() << "a programme without the PVD measures was accepted";
    } catch (const invalid_argument& e) {
        const std::string what = e.what();
        EXPECT_EQ(what.rfind("generate_scenario: program 'pvd' has no measure 'pvd-project-lead', 'vta', ", 0), 0u) << what;
        EXPECT_NE(what.find("'denormandie-overseas-12y' (the generator asks for every measure of the PVD catalog)"), std::string::npos) << what;
        EXPECT_EQ(what.find("'detr'"), std::string::npos) << what;
    }
}

// A service given by membership (the Club): no project asks for it, the envelopes count it.
bool given_by_membership(const Measure& m) {
    const auto* service = std::get_if<ServiceFormula>(&m.formula);
    return service && service->per == ServicePer::membership;
}

// ---- projects -------------------------------------------------------------------------------------

TEST(GeneratorProjects, ProjectsPerTownAndEveryMeasureAsked) {
    const GeneratedScenario g = generate_scenario(pvd().program, towns(60));
    std::map<std::string, std::size_t> per_town;
    std::set<std::string> asked;
    for (const Project& p : g.projects) {
        EXPECT_NO_THROW(p.validate()) << p.id;
        const std::string town = p.id.substr(0, p.id.find('-'));
        if (g.territory.find_commune(town)) ++per_town[town];
        ASSERT_TRUE(p.requests.has_value()) << p.id;
        for (const MeasureRequest& r : *p.requests) asked.insert(r.measure);
        EXPECT_TRUE(g.territory.info(p.owner).has_value()) << p.id;
    }
    EXPECT_EQ(per_town.size(), 60u);
    for (const auto& [town, n] : per_town) EXPECT_EQ(n, 20u) << town;
    EXPECT_GE(g.projects.size(), 60u * 20u);
    EXPECT_LE(g.projects.size(), 60u * 22u);
    for (const Measure& m : pvd().program.measures())
        if (!given_by_membership(m)) {
            EXPECT_TRUE(asked.count(m.id)) << "no project asks for " << m.id;
        }
}

// ---- computed against the PVD catalog -------------------------------------------------------------

class GeneratorComputed : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        scenario_ = new GeneratedScenario(generate_scenario(pvd().program, towns(100)));
        plans_ = new std::vector<FundingPlan>(plan_all(pvd().program, scenario_->territory, scenario_->projects,
                                                       PlanOptions{LookupMode::strict, false}));
        std::vector<Budget> budgets = pvd().budgets;
        budgets.insert(budgets.end(), scenario_->budgets.begin(), scenario_->budgets.end());
        outcomes_ = new std::vector<BudgetOutcome>(
            apply_budgets(pvd().program, scenario_->territory, scenario_->projects, *plans_, budgets, false));
    }
    static void TearDownTestSuite() {
        delete outcomes_;
        delete plans_;
        delete scenario_;
    }
    static inline GeneratedScenario* scenario_ = nullptr;
    static inline std::vector<FundingPlan>* plans_ = nullptr;
    static inline std::vector<BudgetOutcome>* outcomes_ = nullptr;
};

TEST_F(GeneratorComputed, StrictLookupComputesEveryYear) {
    // The catalog's values start by 2021 and the programme ends on 2026-03-31: strict lookup
    // never leaves a series for 2021–2026 (later periods fail the validity check first).
    GeneratorOptions o = towns(100);
    o.years = 8;
    const GeneratedScenario g = generate_scenario(pvd().program, o);
    EXPECT_NO_THROW((void)plan_all(pvd().program, g.territory, g.projects, PlanOptions{LookupMode::strict, false}));
}

TEST_F(GeneratorComputed, EveryMeasurePaysSomething) {
    // Euros for a priced measure, a quantity for a service (the recruitment help); the Club,
    // given by membership, is counted by the envelopes from the territory's conventions.
    std::map<std::string, std::size_t> lines;
    for (const FundingPlan& plan : *plans_)
        for (const FundingLine& l : plan.lines)
            if (!l.amount.is_zero() || l.quantity > 0) ++lines[l.measure];
    Envelopes envelopes(pvd().program, scenario_->territory);
    envelopes.add_memberships();
    for (const ServiceRow& r : envelopes.table(std::vector<Dimension>{Dimension::measure}).services)
        if (r.quantity > 0) ++lines[r.measure];
    for (const Measure& m : pvd().program.measures()) EXPECT_GT(lines[m.id], 0u) << "measure " << m.id << " never pays";
}

TEST_F(GeneratorComputed, BudgetsOfEveryPolicyBindAndSomeDoNot) {
    std::map<BudgetPolicy, std::size_t> binding, loose;
    std::set<BudgetScope::Kind> scopes;
    for (std::size_t i = 0; i < scenario_->budgets.size(); ++i) {
        const Budget& b = scenario_->budgets[i];
        const BudgetOutcome& out = (*outcomes_)[pvd().budgets.size() + i];
        ++(out.cuts.empty() ? loose : binding)[b.policy];
        scopes.insert(b.scope.kind);
        EXPECT_EQ(out.asked > b.amount, !out.cuts.empty()) << b.id;
    }
    for (BudgetPolicy p : {BudgetPolicy::pro_rata, BudgetPolicy::uniform_cap, BudgetPolicy::priority})
        EXPECT_GT(binding[p], 0u) << "no " << to_string(p) << " budget binds";
    EXPECT_GT(loose[BudgetPolicy::pro_rata] + loose[BudgetPolicy::uniform_cap] + loose[BudgetPolicy::priority], 0u);
    EXPECT_EQ(scopes.size(), 3u) << "budgets for the programme, departments and EPCIs";
}

TEST_F(GeneratorComputed, StackingAndProratedCeilingsCut) {
    // Traced again, for the cuts and ceilings.
    const std::vector<FundingPlan> traced =
        plan_all(pvd().program, scenario_->territory, scenario_->projects, PlanOptions{LookupMode::strict, true});
    std::map<std::string, std::size_t> cuts;
    std::size_t prorated_bound = 0;
    for (const FundingPlan& plan : traced)
        for (const FundingLine& l : plan.lines) {
            for (const Cut& c : l.trace.cuts) ++cuts[c.constraint];
            const bool prorated = std::any_of(l.trace.notes.begin(), l.trace.notes.end(),
                                              [](const std::string& n) { return n.find(" prorated by month") != std::string::npos; });
            // A ceiling that binds, not what the combined amount leaves a member.
            const bool bound = std::any_of(l.trace.ceilings.begin(), l.trace.ceilings.end(), [](const CeilingUse& c) {
                return c.bound && c.name.find("combined_left") == std::string::npos;
            });
            if (prorated && bound) ++prorated_bound;
        }
    EXPECT_GT(cuts["R2334-27"], 0u);
    EXPECT_GT(cuts["L1111-10"], 0u);
    EXPECT_GT(cuts["L1111-9"], 0u);
    EXPECT_GT(prorated_bound, 0u) << "no prorated partial-year ceiling binds";
}

}  // namespace
