// Support without a price (issue 13, point 12): services counted in a unit, never euros —
// the help to recruit a project lead once per post, Club membership once per member town from
// its convention. Each value is worked out by hand in its comment.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include <subsidy/envelopes/envelopes.hpp>

#include "pvd_fixture.hpp"

using namespace pvd_fixture;

namespace {

Money eur(const char* text) { return Money::parse(text); }

Measure service_measure(const std::string& id, const std::string& pillar, ServicePer per, const char* unit, const char* units) {
    Measure m;
    m.id = id;
    m.title = id;
    m.pillar = pillar;
    m.residual_funder = "anct";
    m.formula = ServiceFormula{unit, units, per};
    return m;
}

// The PVD test programme with a recruitment help per post, one per year, and the Club.
Program program_with_services() {
    Program p = make_program();
    Measure recruit = service_measure("recruitment", "engineering", ServicePer::project, "recruitment", "recruitments");
    recruit.categories = {"project_lead_post"};
    p.add_measure(recruit);
    Measure yearly = service_measure("mentoring", "engineering", ServicePer::year, "year of mentoring", "years of mentoring");
    yearly.categories = {"project_lead_post"};
    p.add_measure(yearly);
    Measure club = service_measure("club", "network", ServicePer::membership, "member town", "member towns");
    club.eligibility.beneficiary_kinds = {BeneficiaryKind::commune};
    p.add_measure(club);
    return p;
}

// A post at Bayeux over 2022-2024 asking for the co-financing and the two services.
Project post_with_services() {
    Project p = lead_post("52000.00", false);
    p.expenses.push_back(Expense{std::chrono::year{2023}, eur("53000"), std::nullopt, std::nullopt});
    p.expenses.push_back(Expense{std::chrono::year{2024}, eur("54000"), std::nullopt, std::nullopt});
    p.requests = std::vector<MeasureRequest>{{"pvd-project-lead", std::nullopt}, {"recruitment", std::nullopt}, {"mentoring", std::nullopt}};
    return p;
}

std::int64_t quantity(const FundingPlan& plan, const std::string& measure) {
    std::int64_t q = 0;
    for (const FundingLine& l : plan.lines)
        if (l.measure == measure) q += l.quantity;
    return q;
}

}  // namespace

TEST(Services, ARecruitmentOncePerPostAndMentoringEachYearNeverInEuros) {
    // Recruitment: 1 in 2022 (the first year the measure applies), none after; mentoring: 1 a
    // year, 3 in all. The euros are the co-financing's alone: 75 % × 52 000 = 39 000,
    // 75 % × 53 000 = 39 750, 75 % × 54 000 = 40 500 → 119 250; own share 159 000 − 119 250 = 39 750.
    const auto p = plan_of(program_with_services(), make_territory(), post_with_services());
    EXPECT_EQ(quantity(p, "recruitment"), 1);
    EXPECT_EQ(quantity(p, "mentoring"), 3);
    for (const FundingLine& l : p.lines) {
        if (!l.service) continue;
        EXPECT_TRUE(l.amount.is_zero());
        if (l.measure == "recruitment") {
            EXPECT_EQ(l.year, std::chrono::year{2022});
        }
    }
    EXPECT_EQ(p.cash_aid, eur("119250"));
    EXPECT_EQ(p.own_share, eur("39750"));
}

TEST(Services, AServiceGivenByMembershipIsNotAskedForByAProject) {
    const Program program = program_with_services();
    Project p = post_with_services();
    EXPECT_EQ(quantity(plan_of(program, make_territory(), p), "club"), 0);  // not a project's line
    p.requests->push_back({"club", std::nullopt});
    EXPECT_THROW((void)plan_of(program, make_territory(), p), invalid_argument);
}

TEST(Services, ClubMembersCountedOncePerMemberTownInTheYearOfItsConvention) {
    // The test territory's members of "pvd": the EPCI 241400555 (not a town: the Club is for
    // communes), Bayeux, Port-en-Bessin and Grandeville (2021-04-06), Isigny-sur-Mer
    // (2021-03-15): 4 member towns, all in 2021; Balleroy and the others signed nothing.
    const Program program = program_with_services();
    const Territory territory = make_territory();
    Envelopes env(program, territory);
    env.add_memberships();
    env.add_memberships();  // once only
    const EnvelopeTable by_pillar = env.table(std::vector<Dimension>{Dimension::pillar});
    ASSERT_EQ(by_pillar.services.size(), 1U);
    EXPECT_EQ(by_pillar.services[0].measure, "club");
    EXPECT_EQ(by_pillar.services[0].key, std::vector<std::string>{"network"});
    EXPECT_EQ(by_pillar.services[0].quantity, 4);
    const EnvelopeTable by_town = env.table(std::vector<Dimension>{Dimension::town, Dimension::year});
    ASSERT_EQ(by_town.services.size(), 4U);
    for (const ServiceRow& r : by_town.services) {
        EXPECT_EQ(r.quantity, 1);
        EXPECT_EQ(r.key[1], "2021");
    }
    EXPECT_EQ(by_town.services[0].key[0], "14047");  // towns in INSEE order: 14047, 14342, 14515, 99999
    EXPECT_TRUE(by_pillar.total.cash.is_zero());      // never euros
}

TEST(Services, MembershipsAreCountedOnceAcrossMergedEnvelopes) {
    // Two threads' envelopes: one added the memberships (4 member towns), the other not; merged
    // either way they still count 4, adding them again adds nothing, and merging two that both
    // added them is refused rather than counting 8.
    const Program program = program_with_services();
    const Territory territory = make_territory();
    Envelopes with(program, territory), without(program, territory), other(program, territory);
    with.add_memberships();
    other.add_memberships();
    without.merge(with);
    without.add_memberships();  // already there: nothing added
    const EnvelopeTable t = without.table(std::vector<Dimension>{Dimension::pillar});
    ASSERT_EQ(t.services.size(), 1U);
    EXPECT_EQ(t.services[0].quantity, 4);
    EXPECT_THROW(with.merge(other), invalid_argument);
}

TEST(Services, AServiceOfASharedPostLandsWhereTheLargestRemainderPutsIt) {
    // A post of the EPCI 241400555 serving Bayeux (12 775) and Port-en-Bessin (1 907) by
    // population: 1 recruitment × 12 775 / 14 682 = 0.87 → 0, × 1 907 / 14 682 = 0.13 → 0; the
    // unit left goes to the largest remainder, Bayeux: 1 and 0, together 1.
    const Program program = program_with_services();
    const Territory territory = make_territory();
    Project p = post_with_services();
    p.owner = {BeneficiaryKind::epci, "241400555"};
    p.served = Attribution{AttributionKey::population, {ServedTown{"14047", std::nullopt}, ServedTown{"14515", std::nullopt}}};
    Envelopes env(program, territory);
    env.add(p, plan_of(program, territory, p));
    const EnvelopeTable t = env.table(std::vector<Dimension>{Dimension::town, Dimension::measure});
    std::int64_t bayeux = 0, port = 0;
    for (const ServiceRow& r : t.services)
        if (r.measure == "recruitment") (r.key[0] == "14047" ? bayeux : port) += r.quantity;
    EXPECT_EQ(bayeux, 1);
    EXPECT_EQ(port, 0);
}

TEST(Services, AServiceHasAUnitAndNoEuroValue) {
    Program p = make_program();
    EXPECT_THROW(p.add_measure(service_measure("a", "network", ServicePer::project, "", "")), invalid_argument);
    Measure kind = service_measure("b", "network", ServicePer::project, "visit", "visits");
    kind.in_kind = true;
    EXPECT_THROW(p.add_measure(kind), invalid_argument);
    Measure open = service_measure("c", "network", ServicePer::membership, "member town", "member towns");
    open.eligibility.requires_membership = false;
    EXPECT_THROW(p.add_measure(open), invalid_argument);
}
