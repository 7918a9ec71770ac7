// Field-by-field comparison of two scenarios' territories, projects and budgets, for the
// round-trip and determinism tests: each difference is a test failure naming the item and the
// field.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <subsidy/envelopes/budget.hpp>
#include <subsidy/world/project.hpp>
#include <subsidy/world/territory.hpp>

namespace subsidy::scenario_equality {

inline std::string text(const std::optional<Date>& d) { return d ? to_string(*d) : "none"; }
inline std::string text(const std::optional<DateRange>& r) {
    return r ? to_string(r->first()) + ".." + to_string(r->last()) : "none";
}
inline std::string text(const std::optional<Rate>& r) { return r ? to_string(*r) : "none"; }

/// The same communes, EPCIs, owner bodies, and conventions with `program` (a Territory lists
/// no other bodies nor its memberships: those of the communes, EPCIs and project owners are
/// compared).
inline void expect_same_territory(const Territory& expected, const Territory& actual, const std::string& program,
                                  const std::vector<Project>& projects) {
    ASSERT_EQ(expected.communes().size(), actual.communes().size());
    for (const auto& [insee, c] : expected.communes()) {
        const Commune* a = actual.find_commune(insee);
        ASSERT_NE(a, nullptr) << "commune " << insee;
        EXPECT_EQ(c.name, a->name) << "commune " << insee;
        EXPECT_EQ(c.population, a->population) << "commune " << insee;
        EXPECT_EQ(c.population_year, a->population_year) << "commune " << insee;
        EXPECT_EQ(c.epci, a->epci) << "commune " << insee;
    }
    ASSERT_EQ(expected.epcis().size(), actual.epcis().size());
    for (const auto& [siren, e] : expected.epcis()) {
        const Epci* a = actual.find_epci(siren);
        ASSERT_NE(a, nullptr) << "epci " << siren;
        EXPECT_EQ(e.name, a->name) << "epci " << siren;
        EXPECT_EQ(e.population, a->population) << "epci " << siren;
    }
    std::set<BeneficiaryRef> beneficiaries;
    for (const auto& [insee, c] : expected.communes()) beneficiaries.insert({BeneficiaryKind::commune, insee});
    for (const auto& [siren, e] : expected.epcis()) beneficiaries.insert({BeneficiaryKind::epci, siren});
    for (const Project& p : projects) beneficiaries.insert(p.owner);
    for (const BeneficiaryRef& b : beneficiaries) {
        const auto e = expected.info(b), a = actual.info(b);
        ASSERT_TRUE(e.has_value()) << to_string(b);
        ASSERT_TRUE(a.has_value()) << to_string(b);
        EXPECT_EQ(e->name, a->name) << to_string(b);
        EXPECT_EQ(e->population, a->population) << to_string(b);
        EXPECT_EQ(text(expected.convention(program, b)), text(actual.convention(program, b))) << to_string(b);
    }
}

inline void expect_same_project(const Project& e, const Project& a) {
    const std::string where = "project '" + e.id + "'";
    EXPECT_EQ(e.id, a.id) << where;
    EXPECT_EQ(e.title, a.title) << where;
    EXPECT_EQ(to_string(e.owner), to_string(a.owner)) << where;
    EXPECT_EQ(e.nature, a.nature) << where;
    EXPECT_EQ(e.category, a.category) << where;
    EXPECT_EQ(e.flags, a.flags) << where;
    EXPECT_EQ(e.private_funding, a.private_funding) << where;
    EXPECT_EQ(text(e.application_date), text(a.application_date)) << where;
    ASSERT_EQ(e.units.size(), a.units.size()) << where;
    for (std::size_t i = 0; i < e.units.size(); ++i) {
        EXPECT_EQ(e.units[i].kind, a.units[i].kind) << where << " unit " << i;
        EXPECT_EQ(e.units[i].count, a.units[i].count) << where << " unit " << i;
        EXPECT_EQ(to_string(e.units[i].date), to_string(a.units[i].date)) << where << " unit " << i;
    }
    ASSERT_EQ(e.expenses.size(), a.expenses.size()) << where;
    for (std::size_t i = 0; i < e.expenses.size(); ++i) {
        const Expense &x = e.expenses[i], &y = a.expenses[i];
        EXPECT_EQ(static_cast<int>(x.year), static_cast<int>(y.year)) << where << " expense " << i;
        EXPECT_EQ(x.amount, y.amount) << where << " expense " << i;
        EXPECT_EQ(text(x.covered), text(y.covered)) << where << " expense " << i;
        EXPECT_EQ(text(x.date), text(y.date)) << where << " expense " << i;
    }
    ASSERT_EQ(e.requests.has_value(), a.requests.has_value()) << where;
    if (e.requests) {
        ASSERT_EQ(e.requests->size(), a.requests->size()) << where;
        for (std::size_t i = 0; i < e.requests->size(); ++i) {
            EXPECT_EQ((*e.requests)[i].measure, (*a.requests)[i].measure) << where << " request " << i;
            EXPECT_EQ(text((*e.requests)[i].rate), text((*a.requests)[i].rate)) << where << " request " << i;
        }
    }
    ASSERT_EQ(e.served.has_value(), a.served.has_value()) << where;
    if (e.served) {
        EXPECT_EQ(e.served->key, a.served->key) << where;
        ASSERT_EQ(e.served->towns.size(), a.served->towns.size()) << where;
        for (std::size_t i = 0; i < e.served->towns.size(); ++i) {
            EXPECT_EQ(e.served->towns[i].insee, a.served->towns[i].insee) << where << " town " << i;
            EXPECT_EQ(e.served->towns[i].epci, a.served->towns[i].epci) << where << " town " << i;
            EXPECT_EQ(text(e.served->towns[i].share), text(a.served->towns[i].share)) << where << " town " << i;
        }
    }
}

inline void expect_same_projects(const std::vector<Project>& expected, const std::vector<Project>& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        expect_same_project(expected[i], actual[i]);
        if (::testing::Test::HasFailure()) return;  // one project's differences are enough to read
    }
}

inline void expect_same_budgets(const std::vector<Budget>& expected, const std::vector<Budget>& actual) {
    ASSERT_EQ(expected.size(), actual.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const Budget &e = expected[i], &a = actual[i];
        const std::string where = "budget '" + e.id + "'";
        EXPECT_EQ(e.id, a.id) << where;
        EXPECT_EQ(e.funder, a.funder) << where;
        EXPECT_EQ(e.measure, a.measure) << where;
        EXPECT_EQ(e.scope.kind, a.scope.kind) << where;
        EXPECT_EQ(e.scope.id, a.scope.id) << where;
        EXPECT_EQ(e.year.has_value(), a.year.has_value()) << where;
        if (e.year && a.year) {
            EXPECT_EQ(static_cast<int>(*e.year), static_cast<int>(*a.year)) << where;
        }
        EXPECT_EQ(e.amount, a.amount) << where;
        EXPECT_EQ(e.policy, a.policy) << where;
        EXPECT_EQ(e.source, a.source) << where;
    }
}

}  // namespace subsidy::scenario_equality
