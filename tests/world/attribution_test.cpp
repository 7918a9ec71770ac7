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
    // Of two towns listed twice, the one whose second mention comes first in the list is
    // said (14035 at the third entry, before 14342 again at the fourth), and a problem of an
    // entry before it comes first.
    const Project two = shared_study(AttributionKey::equal, {{"14342", std::nullopt}, {"14035", std::nullopt},
                                                             {"14035", std::nullopt}, {"14342", std::nullopt}});
    EXPECT_EQ(invalid_argument_of([&] { two.validate(); }), "project 'shared': served: town '14035' listed twice");
    const Project share_first = shared_study(AttributionKey::equal, {{"14342", std::nullopt}, {"14035", 50_pct},
                                                                     {"14342", std::nullopt}});
    EXPECT_EQ(invalid_argument_of([&] { share_first.validate(); }),
              "project 'shared': served: town '14035' has a share but the key is equal");
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

// ---- Projects shared between EPCIs (issue 13, item 6) ----

namespace {

// A 52 000 € project-lead post in 2022 (no Anah) carried by `owner`, served by `served`.
Project shared_post(BeneficiaryRef owner, Attribution served) {
    Project p = pvd_fixture::lead_post("52000.00", false);
    p.id = "shared-post";
    p.owner = std::move(owner);
    p.served = std::move(served);
    return p;
}

const std::string bayeux_intercom = "241400555", isigny_omaha = "200066801";

}  // namespace

TEST(AttributionBetweenEpcis, PostOfAPetrShared60To40BetweenTwoEpcis) {
    // The PETR carries the post: 75 % × 52 000 = 39 000 ≤ the 45 000 ceiling; BdT 25 % =
    // 13 000 (≤ 15 000), ANCT the rest 26 000; own share 52 000 − 39 000 = 13 000. Each line
    // and the balance split 60 % / 40 % (weights 3 : 2 over the common denominator 5):
    //   BdT   1 300 000 c × 3/5 = 780 000 (7 800,00)   × 2/5 = 520 000 (5 200,00)
    //   ANCT  2 600 000 c × 3/5 = 1 560 000 (15 600,00) × 2/5 = 1 040 000 (10 400,00)
    //   cost  5 200 000 c → 31 200,00 / 20 800,00; own share 1 300 000 c → 7 800,00 / 5 200,00
    // No remainder: every amount is a multiple of 5 cents. Bayeux Intercom pays 7 800 of the
    // post, Isigny-Omaha Intercom 5 200: 13 000 in all.
    Territory territory = make_territory();
    territory.add_body({BeneficiaryKind::petr, "bessin", "PETR du Bessin (test)", std::nullopt});
    territory.add_membership("pvd", {BeneficiaryKind::petr, "bessin"}, pvd_fixture::day("2021-04-06"));
    const Project p = shared_post({BeneficiaryKind::petr, "bessin"},
                                  Attribution{AttributionKey::shares, {ServedTown::of_epci(bayeux_intercom, 60_pct),
                                                                       ServedTown::of_epci(isigny_omaha, 40_pct)}});
    const FundingPlan plan = plan_of(make_program(), territory, p);
    ASSERT_EQ(plan.lines.size(), 2u);
    EXPECT_EQ(plan.total("bdt"), Money::from_euros(13'000));
    EXPECT_EQ(plan.total("anct"), Money::from_euros(26'000));
    EXPECT_EQ(plan.own_share, Money::from_euros(13'000));
    const ResolvedAttribution r = attribution_of(p, territory);
    ASSERT_EQ(r.places.size(), 2u);
    EXPECT_EQ(r.places[0].town, "");
    EXPECT_EQ(r.places[0].epci, bayeux_intercom);
    // The fixture's Bayeux Intercom has a town 99999 besides its Calvados towns: no one
    // department (department_of_epci). Isigny-Omaha's towns are all in the Calvados.
    EXPECT_EQ(r.places[0].department, "");
    EXPECT_EQ(r.places[1].epci, isigny_omaha);
    EXPECT_EQ(r.places[1].department, "14");
    EXPECT_EQ(r.weights, (std::vector<cents_t>{3, 2}));
    using V = std::vector<Money>;
    EXPECT_EQ(r.split(plan.total("bdt")), (V{Money::from_euros(7'800), Money::from_euros(5'200)}));
    EXPECT_EQ(r.split(plan.total("anct")), (V{Money::from_euros(15'600), Money::from_euros(10'400)}));
    EXPECT_EQ(r.split(plan.cost), (V{Money::from_euros(31'200), Money::from_euros(20'800)}));
    EXPECT_EQ(r.split(plan.own_share), (V{Money::from_euros(7'800), Money::from_euros(5'200)}));
}

TEST(AttributionBetweenEpcis, PostOfOneEpciSharedByTheEpcisPopulations) {
    // Bayeux Intercom carries the same post; the key is the EPCIs' own populations (fixture:
    // 30 000 and 23 000, Σ 53 000, so 30/53 and 23/53). Largest remainder:
    //   BdT   1 300 000 c: 735 849.05… / 564 150.94… → floors 735 849 + 564 150 = 1 299 999,
    //         the cent left to .94 → 7 358,49 / 5 641,51
    //   ANCT  2 600 000 c: 1 471 698.11… / 1 128 301.88… → 14 716,98 / 11 283,02
    //   cost  5 200 000 c: 2 943 396.22… / 2 256 603.77… → 29 433,96 / 22 566,04
    //   own   1 300 000 c: as BdT → 7 358,49 / 5 641,51 (7 358,49 + 14 716,98 + 7 358,49 =
    //         29 433,96: each EPCI's aid and own share make up its part of the cost)
    const Territory territory = make_territory();
    const Project p = shared_post({BeneficiaryKind::epci, bayeux_intercom},
                                  Attribution{AttributionKey::population,
                                              {ServedTown::of_epci(bayeux_intercom), ServedTown::of_epci(isigny_omaha)}});
    const FundingPlan plan = plan_of(make_program(), territory, p);
    const ResolvedAttribution r = attribution_of(p, territory);
    EXPECT_EQ(r.weights, (std::vector<cents_t>{30'000, 23'000}));
    using V = std::vector<Money>;
    EXPECT_EQ(r.split(plan.total("bdt")), (V{Money::parse("7358.49"), Money::parse("5641.51")}));
    EXPECT_EQ(r.split(plan.total("anct")), (V{Money::parse("14716.98"), Money::parse("11283.02")}));
    EXPECT_EQ(r.split(plan.cost), (V{Money::parse("29433.96"), Money::parse("22566.04")}));
    EXPECT_EQ(r.split(plan.own_share), (V{Money::parse("7358.49"), Money::parse("5641.51")}));
}

TEST(AttributionBetweenEpcis, TownsAndAnEpciInOneListSplitEqually) {
    // Bayeux, Port-en-Bessin-Huppain (towns of Bayeux Intercom) and Isigny-Omaha Intercom,
    // equally: BdT 1 300 000 c / 3 = 433 333.33… each, the cent left to the earliest of the
    // tie → 4 333,34 / 4 333,33 / 4 333,33. The towns keep their EPCI; the EPCI has no town.
    const Territory territory = make_territory();
    const Project p = shared_post({BeneficiaryKind::epci, bayeux_intercom},
                                  Attribution{AttributionKey::equal, {{"14047", std::nullopt},
                                                                      {"14515", std::nullopt},
                                                                      ServedTown::of_epci(isigny_omaha)}});
    const ResolvedAttribution r = attribution_of(p, territory);
    ASSERT_EQ(r.places.size(), 3u);
    EXPECT_EQ(r.places[0].town, "14047");
    EXPECT_EQ(r.places[0].epci, bayeux_intercom);
    EXPECT_EQ(r.places[2].town, "");
    EXPECT_EQ(r.places[2].epci, isigny_omaha);
    EXPECT_EQ(r.split(Money::from_euros(13'000)),
              (std::vector<Money>{Money::parse("4333.34"), Money::parse("4333.33"), Money::parse("4333.33")}));
}

TEST(AttributionBadInput, ServedEpcisThatContradictThemselves) {
    const BeneficiaryRef owner{BeneficiaryKind::epci, bayeux_intercom};
    auto with = [&](AttributionKey key, std::vector<ServedTown> towns) { return shared_post(owner, Attribution{key, std::move(towns)}); };
    const Project twice = with(AttributionKey::equal, {ServedTown::of_epci(isigny_omaha), ServedTown::of_epci(isigny_omaha)});
    EXPECT_EQ(invalid_argument_of([&] { twice.validate(); }), "project 'shared-post': served: epci '200066801' listed twice");
    const Project sum = with(AttributionKey::shares, {ServedTown::of_epci(bayeux_intercom, 60_pct), ServedTown::of_epci(isigny_omaha, 30_pct)});
    EXPECT_EQ(invalid_argument_of([&] { sum.validate(); }), "project 'shared-post': served: shares sum to 90%, not 100%");
    const Project no_share = with(AttributionKey::shares, {ServedTown::of_epci(bayeux_intercom, 100_pct), ServedTown::of_epci(isigny_omaha)});
    EXPECT_EQ(invalid_argument_of([&] { no_share.validate(); }),
              "project 'shared-post': served: epci '200066801' has no share (the key is shares)");
    const Project both = with(AttributionKey::equal, {ServedTown{"14047", std::nullopt, isigny_omaha}});
    EXPECT_EQ(invalid_argument_of([&] { both.validate(); }),
              "project 'shared-post': served: an entry names both town '14047' and epci '200066801': list them apart");
    const Project neither = with(AttributionKey::equal, {ServedTown{}});
    EXPECT_EQ(invalid_argument_of([&] { neither.validate(); }),
              "project 'shared-post': served: an entry names neither a town (insee) nor an epci");
    // A town and an EPCI with the same code are two entries, not one listed twice.
    const Project same_code = with(AttributionKey::equal, {{"200066801", std::nullopt}, ServedTown::of_epci(isigny_omaha)});
    EXPECT_NO_THROW(same_code.validate());
}

TEST(AttributionBadInput, ServedEpciNotInTheTerritoryOrWithoutPopulation) {
    Territory territory = make_territory();
    territory.add_epci({"200000000", "Intercom sans population (test)", std::nullopt});
    const BeneficiaryRef owner{BeneficiaryKind::epci, bayeux_intercom};
    const Project unknown = shared_post(owner, Attribution{AttributionKey::equal, {ServedTown::of_epci("241400556")}});
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(unknown, territory); }),
              "project 'shared-post': served: epci '241400556' is not in the territory");
    const Program prog = make_program();
    Envelopes env(prog, territory);
    EXPECT_EQ(invalid_argument_of([&] { env.add(unknown, empty_plan_of("shared-post")); }),
              "project 'shared-post': served: epci '241400556' is not in the territory");
    const Project no_population = shared_post(
        owner, Attribution{AttributionKey::population, {ServedTown::of_epci(bayeux_intercom), ServedTown::of_epci("200000000")}});
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(no_population, territory); }),
              "project 'shared-post': served: epci '200000000' has no population (the key is population)");
    territory.add_epci({"200000001", "Intercom vide (test)", 0});
    const Project empty = shared_post(owner, Attribution{AttributionKey::population, {ServedTown::of_epci("200000001")}});
    EXPECT_EQ(invalid_argument_of([&] { (void)attribution_of(empty, territory); }),
              "project 'shared-post': served: every town and epci served has a population of 0");
}
