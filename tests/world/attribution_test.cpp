// Attribution of a project to the towns it serves (world/attribution.hpp, and the `served`
// checks of Project::validate, world/project.hpp): bad input, against the exact messages of the
// throw sites (Project::validate, attribution_of, and plan_of and Envelopes::add, which report
// the same message). The attribution properties over random territories are in
// envelopes/envelopes_properties_test.cpp, the worked values of shared projects in
// envelopes/envelopes_test.cpp.
#include <gtest/gtest.h>

#include <subsidy/engine/plan.hpp>
#include <subsidy/envelopes/envelopes.hpp>
#include <subsidy/money/literals.hpp>
#include <subsidy/world/attribution.hpp>
#include <subsidy/world/project.hpp>

#include <chrono>
#include <string>
#include <vector>

#include "pvd_fixture.hpp"

namespace {

using namespace subsidy;
using namespace subsidy::literals;
using pvd_fixture::make_program;
using pvd_fixture::make_territory;

// The what() of the subsidy::invalid_argument `f` throws, or what happened instead.
template <class F>
std::string invalid_argument_of(F&& f) {
    try {
        f();
    } catch (const subsidy::invalid_argument& e) {
        return e.what();
    } catch (const std::exception& e) {
        return std::string("another exception: ") + e.what();
    }
    return "no exception";
}

// A 60 000 € study carried by Isigny-Omaha Intercom, served by `towns` under `key`.
Project shared_study(AttributionKey key, std::vector<ServedTown> towns) {
    Project p;
    p.id = "shared";
    p.owner = {BeneficiaryKind::epci, "200066801"};
    p.category = "study";
    p.expenses = {Expense{std::chrono::year{2022}, Money::from_euros(60'000), std::nullopt, std::nullopt}};
    p.served = Attribution{key, std::move(towns)};
    return p;
}

FundingPlan empty_plan_of(const std::string& project) {
    FundingPlan p;
    p.project = project;
    return p;
}

}  // namespace

TEST(AttributionBadInput, SharesNotSummingToOneHundredPercent) {
    // 1/2 + 2/5 = 9/10: Project::validate, called by plan() and by Envelopes::add.
    const Program prog = make_program();
    const Territory territory = make_territory();
    const Project p = shared_study(AttributionKey::shares, {{"14342", Rate::fraction(1, 2)}, {"14035", Rate::fraction(2, 5)}});
    const std::string message = "project 'shared': served: shares sum to 90%, not 100%";
    EXPECT_EQ(invalid_argument_of([&] { p.validate(); }), message);
    EXPECT_EQ(invalid_argument_of([&] { (void)plan_of(prog, territory, p); }), message);
    Envelopes env(prog, territory);
    EXPECT_EQ(invalid_argument_of([&] { env.add(p, empty_plan_of("shared")); }), message);
    // A sum that is not a decimal is printed as a fraction.
    const Project thirds = shared_study(AttributionKey::shares, {{"14342", Rate::fraction(1, 3)}, {"14035", Rate::fraction(1, 3)}});
    EXPECT_EQ(invalid_argument_of([&] { thirds.validate(); }), "project 'shared': served: shares sum to 2/3, not 100%");
    // And over 100 %.
    const Project over = shared_study(AttributionKey::shares, {{"14342", 75_pct}, {"14035", 50_pct}});
    EXPECT_EQ(invalid_argument_of([&] { over.validate(); }), "project 'shared': served: shares sum to 125%, not 100%");
}

TEST(AttributionBadInput, ServedTownsThatContradictTheKey) {
    const Project missing = shared_study(AttributionKey::shares, {{"14342", 100_pct}, {"14035", std::nullopt}});
    EXPECT_EQ(invalid_argument_of([&] { missing.validate(); }),
              "project 'shared': served: town '14035' has no share (the key is shares)");
    const Project extra = shared_study(AttributionKey::population, {{"14342", 100_pct}});
    EXPECT_EQ(invalid_argument_of([&] { extra.validate(); }),
              "project 'shared': served: town '14342' has a share but the key is population");
    const Project twice = shared_study(AttributionKey::equal, {{"14342", std::nullopt}, {"14342", std::nullopt}});
    EXPECT_EQ(invalid_argument_of([&] { twice.validate(); }), "project 'shared': served: town '14342' listed twice");
    const Project none = shared_study(AttributionKey::equal, {});
    EXPECT_EQ(invalid_argument_of([&] { none.validate(); }), "project 'shared': served: no town listed");
}

TEST(AttributionBadInput, ServedTownNotInTheTerritory) {
    // plan() does not look at the towns served (it accepts the project); the envelopes do.
    const Program prog = make_program();
    const Territory territory = make_territory();
    const Project p = shared_study(AttributionKey::equal, {{"14342", std::nullopt}, {"14999", std::nullopt}});
    const std::string message = "project 'shared': served: town '14999' is not in the territory";
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(p, territory); }), message);
    Envelopes env(prog, territory);
    EXPECT_EQ(invalid_argument_of([&] { env.add(p, empty_plan_of("shared")); }), message);
    EXPECT_EQ(env.table().rows.size(), 0u);  // nothing was added
    EXPECT_EQ(env.table().balances.size(), 0u);
}

TEST(AttributionBadInput, PopulationKeyOverTownsWithoutInhabitants) {
    const Program prog = make_program();
    Territory territory = make_territory();
    territory.add_commune({"14001", "Hameau A", 0, 2021, "200066801"});
    territory.add_commune({"14002", "Hameau B", 0, 2021, "200066801"});
    const Project p = shared_study(AttributionKey::population, {{"14001", std::nullopt}, {"14002", std::nullopt}});
    Envelopes env(prog, territory);
    EXPECT_EQ(invalid_argument_of([&] { env.add(p, empty_plan_of("shared")); }),
              "project 'shared': served: every town served has a population of 0");
    // One inhabited town is enough: it takes everything.
    const Project q = shared_study(AttributionKey::population, {{"14001", std::nullopt}, {"14711", std::nullopt}});
    const ResolvedAttribution r = attribution_of(q, territory);
    EXPECT_EQ(r.split(Money::from_euros(100)), (std::vector<Money>{Money(), Money::from_euros(100)}));
}

// A population is optional in a territory: the population key cannot weigh a town without one.
TEST(AttributionBadInput, PopulationKeyOverATownWithoutPopulation) {
    Territory territory = make_territory();
    territory.add_commune({"14003", "Hameau C", std::nullopt, std::nullopt, "200066801"});
    const Project p = shared_study(AttributionKey::population, {{"14711", std::nullopt}, {"14003", std::nullopt}});
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(p, territory); }),
              "project 'shared': served: town '14003' has no population (the key is population)");
    // The other keys do not read it.
    const Project q = shared_study(AttributionKey::equal, {{"14711", std::nullopt}, {"14003", std::nullopt}});
    EXPECT_EQ(attribution_of(q, territory).split(Money::from_euros(100)),
              (std::vector<Money>{Money::from_euros(50), Money::from_euros(50)}));
}

TEST(AttributionBadInput, OwnerNotInTheTerritory) {
    const Territory territory = make_territory();
    Project p = shared_study(AttributionKey::equal, {});
    p.served.reset();
    p.owner = {BeneficiaryKind::epci, "123456789"};
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(p, territory); }), "project 'shared': owner: unknown epci '123456789'");
    p.owner = {BeneficiaryKind::commune, "14999"};
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(p, territory); }),
              "project 'shared': owner: unknown commune '14999'");
}
