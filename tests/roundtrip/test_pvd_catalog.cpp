// Round trip of the PVD catalog: data/catalogs/pvd.yaml is read by subsidy::io, small
// scenarios (YAML text parsed with subsidy::io::parse_scenario, the catalog named by a path
// relative to its directory) ask for each of its measures, and the amounts the engine computes
// are compared with amounts worked out by hand from the catalog's values (arithmetic in the
// comments). Every measure of the catalog must be exercised: MeasuresCoverage fails when one
// is missing from the COVERS(...) declarations below, or when a declaration names a measure
// the catalog no longer has.
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <subsidy/envelopes/envelopes.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/diagnostics.hpp>
#include <subsidy/io/scenario.hpp>
#include <subsidy/money/literals.hpp>

#ifndef SUBSIDY_PVD_CATALOG
#error "SUBSIDY_PVD_CATALOG (the absolute path of data/catalogs/pvd.yaml) must be defined"
#endif
#ifndef SUBSIDY_CATALOG_DIR
#error "SUBSIDY_CATALOG_DIR (the absolute path of data/catalogs) must be defined"
#endif

namespace {

using namespace subsidy;
using namespace subsidy::literals;
using std::chrono::year;

// ---- Which measures the tests exercise --------------------------------------------------------

std::set<std::string>& covered_measures() {
    static std::set<std::string> ids;
    return ids;
}

struct Covers {
    Covers(std::initializer_list<const char*> ids) {
        for (const char* id : ids) covered_measures().insert(id);
    }
};

// Declares, next to a test, the measures whose amounts it checks (registered at static
// initialisation, so the coverage test sees them whatever --gtest_filter runs).
#define SUBSIDY_CONCAT_(a, b) a##b
#define SUBSIDY_CONCAT(a, b) SUBSIDY_CONCAT_(a, b)
#define COVERS(...) const Covers SUBSIDY_CONCAT(covers_, __LINE__){__VA_ARGS__};

// ---- Scenarios ------------------------------------------------------------------------------------

// A small territory in Calvados (department 14), every beneficiary a PVD signatory since
// 6 April 2021 except the bodies (an investor, the department, an association).
const char* const territory = R"(format_version: 1
catalog: pvd.yaml
territory:
  epcis:
    - {siren: "200000001", name: Large EPCI, population: 30000}
    - {siren: "200000002", name: Small EPCI, population: 12000}
  communes:
    - {insee: "14001", name: Town, population: 12000, epci: "200000001"}
    - {insee: "14002", name: Village, population: 3000, epci: "200000002"}
    - {insee: "14003", name: Big town, population: 25000, epci: "200000001"}
  bodies:
    - {kind: other, id: investor, name: Private investor}
    - {kind: department, id: "14", name: Département du Calvados}
    - {kind: association, id: relais, name: Association Relais}
  memberships:
    - {beneficiary: {epci: "200000001"}, convention: 2021-04-06}
    - {beneficiary: {epci: "200000002"}, convention: 2021-04-06}
    - {beneficiary: {commune: "14001"}, convention: 2021-04-06}
    - {beneficiary: {commune: "14002"}, convention: 2021-04-06}
    - {beneficiary: {commune: "14003"}, convention: 2021-04-06}
)";

struct Computed {
    io::Scenario scenario;
    io::Evaluation evaluation;

    [[nodiscard]] const FundingPlan& plan(const std::string& project) const {
        for (std::size_t i = 0; i < scenario.projects.size(); ++i)
            if (scenario.projects[i].id == project) return evaluation.plans.at(i);
        throw std::runtime_error("no project '" + project + "'");
    }
    /// Σ of the project's lines of `measure` (and `funder`, `y` when given): cash, in kind or
    /// pass-through alike.
    [[nodiscard]] Money amount(const std::string& project, const std::string& measure,
                               std::optional<std::string> funder = std::nullopt, std::optional<int> y = std::nullopt) const {
        return plan(project).total(std::move(funder), measure, y ? std::optional<year>(year{*y}) : std::nullopt);
    }
    [[nodiscard]] Money in_kind(const std::string& project) const { return sum(project, &FundingLine::in_kind); }
    [[nodiscard]] Money pass_through(const std::string& project) const { return sum(project, &FundingLine::pass_through); }

private:
    Money sum(const std::string& project, bool FundingLine::*flag) const {
        Money t;
        for (const FundingLine& l : plan(project).lines)
            if (l.*flag) t += l.amount;
        return t;
    }
};

// Parses the territory above followed by `projects` (YAML list items indented by two spaces)
// and `budgets` (a whole `budgets:` block, or nothing), then computes it.
Computed run(const std::string& projects, const std::string& budgets = "") {
    const std::string text = std::string(territory) + "projects:\n" + projects + budgets;
    try {
        io::Scenario s = io::parse_scenario(text, "roundtrip.yaml", SUBSIDY_CATALOG_DIR);
        io::Evaluation ev = io::evaluate(s, false);
        return Computed{std::move(s), std::move(ev)};
    } catch (const io::load_error& e) {
        ADD_FAILURE() << "the scenario does not load:\n" << e.what() << "\n--- scenario ---\n" << text;
        throw;
    }
}

Money eur(const char* text) { return Money::parse(text); }

// ---- The catalog itself ---------------------------------------------------------------------------

TEST(PvdCatalog, Loads) {
    const io::Catalog c = io::load_catalog(SUBSIDY_PVD_CATALOG);
    EXPECT_EQ(c.program.id(), "pvd");
    EXPECT_EQ(c.program.pillars().size(), 3u);
    EXPECT_EQ(c.program.funders().size(), 6u);
    EXPECT_EQ(c.program.measures().size(), 28u);
    EXPECT_EQ(c.program.constraints().size(), 5u);
    ASSERT_EQ(c.budgets.size(), 2u);
    EXPECT_EQ(c.budgets[0].amount, 45'000'000_eur);
    EXPECT_EQ(c.budgets[1].amount, 85'000'000_eur);
}

TEST(PvdCatalog, MeasuresCoverage) {
    const io::Catalog c = io::load_catalog(SUBSIDY_PVD_CATALOG);
    std::set<std::string> in_catalog;
    for (const Measure& m : c.program.measures()) {
        in_catalog.insert(m.id);
        EXPECT_TRUE(covered_measures().count(m.id))
            << "measure '" << m.id << "' of " << SUBSIDY_PVD_CATALOG
            << " has no round-trip test: add one (with COVERS(\"" << m.id << "\")) to " << __FILE__;
    }
    for (const std::string& id : covered_measures())
        EXPECT_TRUE(in_catalog.count(id)) << "COVERS(\"" << id << "\") names a measure the catalog does not have";
}

// ---- Engineering pillar ---------------------------------------------------------------------------

COVERS("pvd-project-lead")
TEST(PvdRoundTrip, ProjectLeadWithoutAnah) {
    // Town (12 000 inh. < 20 000), whole year 2022, cost 50 000:
    //   combined 75 % × 50 000 = 37 500 (ceiling 45 000 not reached);
    //   Anah: not a member (no opah_ru/opah_cd/plan_sauvegarde/orcod flag);
    //   BdT 25 % × 50 000 = 12 500 (≤ 15 000); ANCT the rest: 37 500 − 12 500 = 25 000.
    const Computed r = run(R"(  - id: lead
    owner: {commune: "14001"}
    nature: operating
    category: project_lead_post
    expenses:
      - {year: 2022, amount: 50000}
    measures: [pvd-project-lead]
)");
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "bdt", 2022), 12'500_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anct", 2022), 25'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anah"), 0_eur);
    EXPECT_EQ(r.plan("lead").cash_aid, 37'500_eur);
    EXPECT_EQ(r.plan("lead").own_share, 12'500_eur);
}

TEST(PvdRoundTrip, ProjectLeadWithAnahAtTheCeilings) {
    // EPCI, flag opah_ru (Anah takes part), 2023, cost 100 000:
    //   combined 75 % × 100 000 = 75 000, capped by the ceiling "when anah" 55 000;
    //   Anah 50 % × min(100 000, base cap 80 000) = 40 000 (= its ceiling 40 000);
    //   BdT 25 % × 100 000 = 25 000 → its ceiling 15 000 (what is left: 15 000);
    //   ANCT the rest: 55 000 − 40 000 − 15 000 = 0.
    const Computed r = run(R"(  - id: lead
    owner: {epci: "200000001"}
    nature: operating
    category: project_lead_post
    flags: [opah_ru]
    expenses:
      - {year: 2023, amount: 100000}
    measures: [pvd-project-lead]
)");
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anah", 2023), 40'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "bdt", 2023), 15'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anct", 2023), 0_eur);
    EXPECT_EQ(r.plan("lead").cash_aid, 55'000_eur);
}

TEST(PvdRoundTrip, ProjectLeadNpnruExcludesAnah) {
    // opah_ru but npnru: Anah's condition fails (none_of [npnru]), so the 55 000 ceiling (when
    // anah takes part) does not apply: 75 % × 100 000 = 75 000 → 45 000; BdT 15 000 (ceiling);
    // ANCT 30 000.
    const Computed r = run(R"(  - id: lead
    owner: {epci: "200000001"}
    nature: operating
    category: project_lead_post
    flags: [opah_ru, npnru]
    expenses:
      - {year: 2023, amount: 100000}
    measures: [pvd-project-lead]
)");
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anah"), 0_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "bdt", 2023), 15'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anct", 2023), 30'000_eur);
}

TEST(PvdRoundTrip, ProjectLeadProratedByMonth) {
    // Post filled 1 September – 31 December 2022 (4 full months), cost 40 000:
    //   75 % × 40 000 = 30 000, ceiling 45 000 × 4/12 = 15 000 → 15 000;
    //   BdT 25 % × 40 000 = 10 000, ceiling 15 000 × 4/12 = 5 000 → 5 000; ANCT 10 000.
    // 2026: the programme ends on 31 March 2026; January–March, cost 12 000:
    //   75 % × 12 000 = 9 000 ≤ 45 000 × 3/12 = 11 250; BdT 3 000 ≤ 3 750; ANCT 6 000.
    const Computed r = run(R"(  - id: lead
    owner: {commune: "14001"}
    nature: operating
    category: project_lead_post
    expenses:
      - {year: 2022, amount: 40000, from: 2022-09-01, until: 2022-12-31}
      - {year: 2026, amount: 12000, from: 2026-01-01, until: 2026-03-31}
    measures: [pvd-project-lead]
)");
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "bdt", 2022), 5'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anct", 2022), 10'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "bdt", 2026), 3'000_eur);
    EXPECT_EQ(r.amount("lead", "pvd-project-lead", "anct", 2026), 6'000_eur);
}

TEST(PvdRoundTrip, ProjectLeadPopulationLimit) {
    // Big town: 25 000 inhabitants, not below the 20 000 of population_below: nothing.
    const Computed r = run(R"(  - id: lead
    owner: {commune: "14003"}
    nature: operating
    category: project_lead_post
    expenses:
      - {year: 2022, amount: 50000}
    measures: [pvd-project-lead]
)");
    EXPECT_EQ(r.plan("lead").cash_aid, 0_eur);
    EXPECT_TRUE(r.plan("lead").lines.empty() ||
                std::all_of(r.plan("lead").lines.begin(), r.plan("lead").lines.end(),
                            [](const FundingLine& l) { return l.amount == 0_eur; }));
}

COVERS("vta", "vta-backpack")
TEST(PvdRoundTrip, VtaAndBackpack) {
    // Rural EPCI, one volunteer recruited 2022-03-01 and one 2023-10-01:
    //   vta: 15 000 per volunteer in the unit's year, whatever the expense
    //   (capped_at_expense: false): 15 000 in 2022 (expense only 6 000) and 15 000 in 2023;
    //   vta-backpack: 5 000 per volunteer from 2023-01-01 (valid_from): nothing for the 2022
    //   volunteer, 5 000 in 2023, pass-through (outside the balance).
    // Cash aid 30 000 on a cost of 6 000 + 40 000 = 46 000: own share 16 000 (the pass-through
    // money stays outside the balance).
    const Computed r = run(R"(  - id: vta
    owner: {epci: "200000001"}
    nature: operating
    category: vta
    flags: [rural]
    units:
      - {kind: volunteer, count: 1, date: 2022-03-01}
      - {kind: volunteer, count: 1, date: 2023-10-01}
    expenses:
      - {year: 2022, amount: 6000}
      - {year: 2023, amount: 40000}
    measures: [vta, vta-backpack]
  - id: not-rural
    owner: {epci: "200000001"}
    nature: operating
    category: vta
    units:
      - {kind: volunteer, count: 1, date: 2023-03-01}
    expenses:
      - {year: 2023, amount: 20000}
    measures: [vta, vta-backpack]
)");
    EXPECT_EQ(r.amount("vta", "vta", "state", 2022), 15'000_eur);
    EXPECT_EQ(r.amount("vta", "vta", "state", 2023), 15'000_eur);
    EXPECT_EQ(r.amount("vta", "vta-backpack", "state", 2022), 0_eur);
    EXPECT_EQ(r.amount("vta", "vta-backpack", "state", 2023), 5'000_eur);
    EXPECT_EQ(r.pass_through("vta"), 5'000_eur);
    EXPECT_EQ(r.plan("vta").cash_aid, 30'000_eur);
    EXPECT_EQ(r.plan("vta").own_share, 16'000_eur);
    // Neither flag rural nor vta_conditional_case: nothing.
    EXPECT_EQ(r.amount("not-rural", "vta"), 0_eur);
    EXPECT_EQ(r.amount("not-rural", "vta-backpack"), 0_eur);
}

COVERS("bdt-studies")
TEST(PvdRoundTrip, BdtStudiesCaseByCaseRate) {
    // Rate decided per study. 1/3 × 10 000 = 3 333,333… rounded down to the cent: 3 333,33.
    // 40 % × 24 000 = 9 600 for an AMO of the EPCI.
    const Computed r = run(R"(  - id: study
    owner: {commune: "14001"}
    nature: operating
    category: study
    expenses:
      - {year: 2022, amount: 10000}
    measures:
      - {measure: bdt-studies, rate: 1/3}
  - id: amo
    owner: {epci: "200000001"}
    nature: operating
    category: amo
    expenses:
      - {year: 2023, amount: 24000}
    measures:
      - {measure: bdt-studies, rate: 40%}
)");
    EXPECT_EQ(r.amount("study", "bdt-studies", "bdt", 2022), eur("3333.33"));
    EXPECT_EQ(r.plan("study").own_share, eur("6666.67"));
    EXPECT_EQ(r.amount("amo", "bdt-studies", "bdt", 2023), 9'600_eur);
}

COVERS("bdt-pvd-plus")
TEST(PvdRoundTrip, BdtPvdPlusInKind) {
    // 1,00 € per unit "pvd_plus_mission_eur", in kind, from 2023-01-01 (valid_from):
    //   12 000 units dated 2023-05-02 → 12 000 in kind; 5 000 units dated 2022-06-01 → nothing.
    // In kind stays outside the balance: own share = cost 20 000 − cash 0.
    const Computed r = run(R"(  - id: mission
    owner: {commune: "14001"}
    nature: operating
    category: amo
    units:
      - {kind: pvd_plus_mission_eur, count: 5000, date: 2022-06-01}
      - {kind: pvd_plus_mission_eur, count: 12000, date: 2023-05-02}
    expenses:
      - {year: 2023, amount: 20000}
    measures: [bdt-pvd-plus]
)");
    EXPECT_EQ(r.amount("mission", "bdt-pvd-plus", "bdt", 2023), 12'000_eur);
    EXPECT_EQ(r.amount("mission", "bdt-pvd-plus", "bdt", 2022), 0_eur);
    EXPECT_EQ(r.in_kind("mission"), 12'000_eur);
    EXPECT_EQ(r.plan("mission").cash_aid, 0_eur);
    EXPECT_EQ(r.plan("mission").own_share, 20'000_eur);
}

COVERS("anct-tailored-engineering")
TEST(PvdRoundTrip, AnctTailoredEngineeringThresholds) {
    // 1,00 € per anct_mission_eur unit, in kind, for communes < 3 500 inh. and EPCIs < 15 000:
    //   Village (3 000 inh.): 18 000; Small EPCI (12 000): 9 000;
    //   Town (12 000 inh.): nothing; Large EPCI (30 000): nothing.
    const std::string unit = R"(
    nature: operating
    category: study
    expenses: []
    measures: [anct-tailored-engineering]
)";
    const Computed r = run("  - id: village\n    owner: {commune: \"14002\"}\n    units: [{kind: anct_mission_eur, count: 18000, date: 2022-03-15}]" +
                      unit + "  - id: small-epci\n    owner: {epci: \"200000002\"}\n    units: [{kind: anct_mission_eur, count: 9000, date: 2022-03-15}]" +
                      unit + "  - id: town\n    owner: {commune: \"14001\"}\n    units: [{kind: anct_mission_eur, count: 18000, date: 2022-03-15}]" +
                      unit + "  - id: large-epci\n    owner: {epci: \"200000001\"}\n    units: [{kind: anct_mission_eur, count: 9000, date: 2022-03-15}]" +
                      unit);
    EXPECT_EQ(r.amount("village", "anct-tailored-engineering", "anct", 2022), 18'000_eur);
    EXPECT_EQ(r.in_kind("village"), 18'000_eur);
    EXPECT_EQ(r.amount("small-epci", "anct-tailored-engineering", "anct", 2022), 9'000_eur);
    EXPECT_EQ(r.amount("town", "anct-tailored-engineering"), 0_eur);
    EXPECT_EQ(r.amount("large-epci", "anct-tailored-engineering"), 0_eur);
}

// ---- Thematic pillar: commerce --------------------------------------------------------------------

COVERS("commerce-manager")
TEST(PvdRoundTrip, CommerceManagerTwoYearSchedule) {
    // 20 000 + 20 000 over the first two years of expense, capped at each year's expense:
    //   2022: min(20 000, 15 000) = 15 000; 2023: 20 000; 2024: year 3, beyond the schedule: 0.
    const Computed r = run(R"(  - id: manager
    owner: {commune: "14001"}
    nature: operating
    category: commerce_manager
    expenses:
      - {year: 2022, amount: 15000}
      - {year: 2023, amount: 30000}
      - {year: 2024, amount: 30000}
    measures: [commerce-manager]
)");
    EXPECT_EQ(r.amount("manager", "commerce-manager", "bdt", 2022), 15'000_eur);
    EXPECT_EQ(r.amount("manager", "commerce-manager", "bdt", 2023), 20'000_eur);
    EXPECT_EQ(r.amount("manager", "commerce-manager", "bdt", 2024), 0_eur);
    EXPECT_EQ(r.plan("manager").cash_aid, 35'000_eur);
}

COVERS("bdt-shopin-diagnostic")
TEST(PvdRoundTrip, ShopinDiagnosticInKind) {
    // 1,00 € per shopin_mission_eur unit, in kind: 8 000 units on 2021-09-15 → 8 000, with no
    // expense at all (the town pays nothing).
    const Computed r = run(R"(  - id: shopin
    owner: {commune: "14001"}
    nature: operating
    category: commerce_diagnostic
    units:
      - {kind: shopin_mission_eur, count: 8000, date: 2021-09-15}
    expenses: []
    measures: [bdt-shopin-diagnostic]
)");
    EXPECT_EQ(r.amount("shopin", "bdt-shopin-diagnostic", "bdt", 2021), 8'000_eur);
    EXPECT_EQ(r.in_kind("shopin"), 8'000_eur);
    EXPECT_EQ(r.plan("shopin").cash_aid, 0_eur);
}

COVERS("bdt-digital-commerce")
TEST(PvdRoundTrip, DigitalCommerceCappedAtExpense) {
    // 20 000 per digital_commerce_scheme unit, never above the year's expense:
    //   expense 12 000 → 12 000; expense 26 000 → 20 000.
    const Computed r = run(R"(  - id: small
    owner: {commune: "14001"}
    nature: operating
    category: commerce_digital
    units: [{kind: digital_commerce_scheme, count: 1, date: 2022-04-01}]
    expenses: [{year: 2022, amount: 12000}]
    measures: [bdt-digital-commerce]
  - id: large
    owner: {epci: "200000001"}
    nature: operating
    category: commerce_digital
    units: [{kind: digital_commerce_scheme, count: 1, date: 2022-04-01}]
    expenses: [{year: 2022, amount: 26000}]
    measures: [bdt-digital-commerce]
)");
    EXPECT_EQ(r.amount("small", "bdt-digital-commerce", "bdt", 2022), 12'000_eur);
    EXPECT_EQ(r.amount("large", "bdt-digital-commerce", "bdt", 2022), 20'000_eur);
}

// ---- Thematic pillar: housing (Anah) --------------------------------------------------------------

COVERS("anah-opah-animation")
TEST(PvdRoundTrip, AnahOpahAnimation) {
    // 35 % of the expense, capped at 87 500 a year, then + 332,00 per dwelling of the year:
    //   2023: 35 % × 300 000 = 105 000 → 87 500, + 10 × 332 = 3 320 → 90 820;
    //   2024: 35 % × 100 000 = 35 000, + 3 × 332 = 996 → 35 996.
    // A project flagged opah_ru too is excluded (none_of [opah_ru]).
    const Computed r = run(R"(  - id: opah
    owner: {epci: "200000001"}
    nature: operating
    category: opah_animation
    flags: [opah]
    units:
      - {kind: dwelling, count: 10, date: 2023-12-31}
      - {kind: dwelling, count: 3, date: 2024-06-30}
    expenses:
      - {year: 2023, amount: 300000}
      - {year: 2024, amount: 100000}
    measures: [anah-opah-animation]
  - id: both
    owner: {epci: "200000001"}
    nature: operating
    category: opah_animation
    flags: [opah, opah_ru]
    expenses:
      - {year: 2023, amount: 100000}
    measures: [anah-opah-animation]
)");
    EXPECT_EQ(r.amount("opah", "anah-opah-animation", "anah", 2023), 90'820_eur);
    EXPECT_EQ(r.amount("opah", "anah-opah-animation", "anah", 2024), 35'996_eur);
    EXPECT_EQ(r.amount("both", "anah-opah-animation"), 0_eur);
}

COVERS("anah-opah-ru-animation")
TEST(PvdRoundTrip, AnahOpahRuAnimation) {
    // 50 % of the expense, capped at 125 000 a year, then + 332,00 per dwelling of the year:
    //   2022: 50 % × 95 000 = 47 500 + 8 × 332 = 2 656 → 50 156;
    //   2023: 50 % × 300 000 = 150 000 → 125 000, + 5 × 332 = 1 660 → 126 660.
    // With both flags, the exclusive constraint opah-or-opah-ru has nothing to do: only the
    // OPAH-RU measure applies (the OPAH one wants none_of [opah_ru]).
    const Computed r = run(R"(  - id: opah-ru
    owner: {commune: "14001"}
    nature: operating
    category: opah_animation
    flags: [opah_ru]
    units:
      - {kind: dwelling, count: 8, date: 2022-12-31}
      - {kind: dwelling, count: 5, date: 2023-12-31}
    expenses:
      - {year: 2022, amount: 95000}
      - {year: 2023, amount: 300000}
    measures: [anah-opah-ru-animation]
  - id: both
    owner: {commune: "14001"}
    nature: operating
    category: opah_animation
    flags: [opah, opah_ru]
    expenses:
      - {year: 2023, amount: 100000}
    measures: [anah-opah-animation, anah-opah-ru-animation]
)");
    EXPECT_EQ(r.amount("opah-ru", "anah-opah-ru-animation", "anah", 2022), 50'156_eur);
    EXPECT_EQ(r.amount("opah-ru", "anah-opah-ru-animation", "anah", 2023), 126'660_eur);
    // 50 % × 100 000 = 50 000; the OPAH measure gives nothing.
    EXPECT_EQ(r.amount("both", "anah-opah-ru-animation", "anah", 2023), 50'000_eur);
    EXPECT_EQ(r.amount("both", "anah-opah-animation"), 0_eur);
}

// ---- Thematic pillar: services --------------------------------------------------------------------

COVERS("france-services")
TEST(PvdRoundTrip, FranceServicesDatedFlatAmount) {
    // A flat grant per labelled structure and year, read on the unit's date: 30 000 from
    // 2020-10-01, 50 000 from 2026-01-01. Not reserved to signatories: an association.
    //   2022: 30 000; 2025: 30 000; 2026: 50 000 (unit 2026-01-01, before the programme's end).
    const Computed r = run(R"(  - id: fs
    owner: {association: relais}
    nature: operating
    category: france_services
    units:
      - {kind: france_services, count: 1, date: 2022-01-01}
      - {kind: france_services, count: 1, date: 2025-01-01}
      - {kind: france_services, count: 1, date: 2026-01-01}
    expenses:
      - {year: 2022, amount: 100000}
      - {year: 2025, amount: 100000}
      - {year: 2026, amount: 100000}
    measures: [france-services]
)");
    EXPECT_EQ(r.amount("fs", "france-services", "state", 2022), 30'000_eur);
    EXPECT_EQ(r.amount("fs", "france-services", "state", 2025), 30'000_eur);
    EXPECT_EQ(r.amount("fs", "france-services", "state", 2026), 50'000_eur);
    EXPECT_EQ(r.plan("fs").cash_aid, 110'000_eur);
}

COVERS("digital-advisor-2023")
TEST(PvdRoundTrip, DigitalAdvisorScheduleAndBonus) {
    // Scheme years 17 500 / 12 500 / 12 500 from the first year of expense (2023), capped at the
    // year's expense. Without qpv/zrr:
    //   2023: 17 500; 2024: 12 500 (expense 10 000 → 10 000); 2025: 12 500; 2026: year 4: 0.
    // With zrr: bonus 2 500 (year 1), 5 000 (year 2):
    //   2023: 17 500 + 2 500 = 20 000; 2024: 12 500 + 5 000 = 17 500; 2025: 12 500.
    const Computed r = run(R"(  - id: plain
    owner: {commune: "14001"}
    nature: operating
    category: digital_advisor
    expenses:
      - {year: 2023, amount: 30000}
      - {year: 2024, amount: 10000}
      - {year: 2025, amount: 30000}
      - {year: 2026, amount: 7000, from: 2026-01-01, until: 2026-03-31}
    measures: [digital-advisor-2023]
  - id: zrr
    owner: {commune: "14001"}
    nature: operating
    category: digital_advisor
    flags: [zrr]
    expenses:
      - {year: 2023, amount: 30000}
      - {year: 2024, amount: 30000}
      - {year: 2025, amount: 30000}
    measures: [digital-advisor-2023]
)");
    EXPECT_EQ(r.amount("plain", "digital-advisor-2023", "state", 2023), 17'500_eur);
    EXPECT_EQ(r.amount("plain", "digital-advisor-2023", "state", 2024), 10'000_eur);
    EXPECT_EQ(r.amount("plain", "digital-advisor-2023", "state", 2025), 12'500_eur);
    EXPECT_EQ(r.amount("plain", "digital-advisor-2023", "state", 2026), 0_eur);
    EXPECT_EQ(r.amount("zrr", "digital-advisor-2023", "state", 2023), 20'000_eur);
    EXPECT_EQ(r.amount("zrr", "digital-advisor-2023", "state", 2024), 17'500_eur);
    EXPECT_EQ(r.amount("zrr", "digital-advisor-2023", "state", 2025), 12'500_eur);
    EXPECT_EQ(r.plan("zrr").cash_aid, 50'000_eur);
}

// ---- Thematic pillar: investment ------------------------------------------------------------------

COVERS("fonds-friches")
TEST(PvdRoundTrip, FondsFriches) {
    // Case by case: 50 % of a deficit of 400 000 (2022) = 200 000; 50 % ≤ 80 % (L1111-10).
    const Computed r = run(R"(  - id: friche
    owner: {commune: "14001"}
    nature: investment
    category: brownfield
    expenses: [{year: 2022, amount: 400000}]
    measures: [{measure: fonds-friches, rate: 50%}]
)");
    EXPECT_EQ(r.amount("friche", "fonds-friches", "state", 2022), 200'000_eur);
    EXPECT_EQ(r.plan("friche").own_share, 200'000_eur);
}

COVERS("detr", "dsil")
TEST(PvdRoundTrip, DetrAndDsilGroupCap) {
    // Alone: DETR 30 % × 100 000 = 30 000.
    // Together: DETR 50 % + DSIL 40 % = 90 000 > 80 % × 100 000 (R2334-27): the 10 000 excess
    // comes off the DETR (priority 0 < DSIL's 10): DETR 40 000, DSIL 40 000. Then L1111-10:
    // 80 000 ≤ 80 % of 100 000, nothing more.
    const Computed r = run(R"(  - id: detr-alone
    owner: {commune: "14001"}
    nature: investment
    category: works
    expenses: [{year: 2023, amount: 100000}]
    measures: [{measure: detr, rate: 30%}]
  - id: both
    owner: {commune: "14001"}
    nature: investment
    category: works
    expenses: [{year: 2023, amount: 100000}]
    measures: [{measure: detr, rate: 50%}, {measure: dsil, rate: 40%}]
)");
    EXPECT_EQ(r.amount("detr-alone", "detr", "state", 2023), 30'000_eur);
    EXPECT_EQ(r.amount("both", "detr", "state", 2023), 40'000_eur);
    EXPECT_EQ(r.amount("both", "dsil", "state", 2023), 40'000_eur);
}

COVERS("dpv")
TEST(PvdRoundTrip, DpvNeedsQpv) {
    // 25 % × 100 000 = 25 000 with the flag qpv; nothing without it.
    const Computed r = run(R"(  - id: qpv
    owner: {commune: "14001"}
    nature: investment
    category: works
    flags: [qpv]
    expenses: [{year: 2023, amount: 100000}]
    measures: [{measure: dpv, rate: 25%}]
  - id: no-qpv
    owner: {commune: "14001"}
    nature: investment
    category: works
    expenses: [{year: 2023, amount: 100000}]
    measures: [{measure: dpv, rate: 25%}]
)");
    EXPECT_EQ(r.amount("qpv", "dpv", "state", 2023), 25'000_eur);
    EXPECT_EQ(r.amount("no-qpv", "dpv"), 0_eur);
}

COVERS("dsid")
TEST(PvdRoundTrip, DsidForADepartment) {
    // The department, a body of kind "department" (id: its code): 20 % × 250 000 = 50 000. A
    // commune gets nothing (beneficiaries: [department]).
    const Computed r = run(R"(  - id: dept
    owner: {department: "14"}
    nature: investment
    category: works
    expenses: [{year: 2024, amount: 250000}]
    measures: [{measure: dsid, rate: 20%}]
  - id: commune
    owner: {commune: "14001"}
    nature: investment
    category: works
    expenses: [{year: 2024, amount: 250000}]
    measures: [{measure: dsid, rate: 20%}]
)");
    EXPECT_EQ(r.amount("dept", "dsid", "state", 2024), 50'000_eur);
    EXPECT_EQ(r.amount("commune", "dsid"), 0_eur);
}

COVERS("region-investment", "department-investment")
TEST(PvdRoundTrip, RegionAndDepartmentWithOwnerMinimum) {
    // 150 000 of works in 2024: Région 50 % = 75 000, Département 40 % = 60 000: 135 000 = 90 %.
    // L1111-10: 80 % × 150 000 = 120 000: 15 000 off the lowest priority: both have priority
    // 20, "department-investment" sorts before "region-investment": Département 45 000.
    const Computed r = run(R"(  - id: works
    owner: {commune: "14001"}
    nature: investment
    category: works
    expenses: [{year: 2024, amount: 150000}]
    measures: [{measure: region-investment, rate: 50%}, {measure: department-investment, rate: 40%}]
)");
    EXPECT_EQ(r.amount("works", "region-investment", "region", 2024), 75'000_eur);
    EXPECT_EQ(r.amount("works", "department-investment", "department", 2024), 45'000_eur);
    EXPECT_EQ(r.plan("works").own_share, 30'000_eur);
}

TEST(PvdRoundTrip, DepartmentBudgetProRata) {
    // A scenario budget of 10 000 for the department's 2024 grants in department 14; asked
    // 20 % × 50 000 = 10 000 and 20 % × 100 000 = 20 000 (30 000 in all). Pro rata:
    //   10 000 × 10 000 / 30 000 = 3 333,333…, 20 000 × 10 000 / 30 000 = 6 666,666…;
    //   floors 3 333,33 + 6 666,66 = 9 999,99: the cent left goes to the larger remainder
    //   (0,666… > 0,333…): 3 333,33 and 6 666,67.
    const Computed r = run(R"(  - id: small
    owner: {commune: "14001"}
    nature: investment
    category: works
    expenses: [{year: 2024, amount: 50000}]
    measures: [{measure: department-investment, rate: 20%}]
  - id: large
    owner: {commune: "14002"}
    nature: investment
    category: works
    expenses: [{year: 2024, amount: 100000}]
    measures: [{measure: department-investment, rate: 20%}]
)",
                      R"(budgets:
  - {id: dept-2024, funder: department, measure: department-investment, scope: {department: "14"}, year: 2024, amount: 10000, policy: pro_rata}
)");
    EXPECT_EQ(r.amount("small", "department-investment", "department", 2024), eur("3333.33"));
    EXPECT_EQ(r.amount("large", "department-investment", "department", 2024), eur("6666.67"));
}

TEST(PvdRoundTrip, StackingDerogationsAndTotalCap) {
    // Monument (L1111-10 derogation: minimum 0 %): DETR 50 % + DSIL 30 % (group 80 %, at the
    // cap), Région 20 %, Département 10 %: 110 % of 100 000. D2018-514 (total public aid ≤ 100 %)
    // cuts 10 000 from the DETR (lowest priority): 40 000 + 30 000 + 20 000 + 10 000 = 100 000.
    // School ecological transition (minimum 10 %): 50 + 30 + 20 = 100 % → 90 000, the DETR cut
    // by 10 000 to 40 000.
    // Chef-de-file field (L1111-9, 30 %): DSIL 45 % + Département 30 % of 100 000 = 75 000 →
    // 70 000: 5 000 off the DSIL (priority 10 < 20).
    const Computed r = run(R"(  - id: monument
    owner: {commune: "14001"}
    nature: investment
    category: heritage_works
    flags: [monument]
    expenses: [{year: 2023, amount: 100000}]
    measures: [{measure: detr, rate: 50%}, {measure: dsil, rate: 30%}, {measure: region-investment, rate: 20%}, {measure: department-investment, rate: 10%}]
  - id: school
    owner: {commune: "14001"}
    nature: investment
    category: works
    flags: [school_ecological_transition]
    expenses: [{year: 2025, amount: 100000}]
    measures: [{measure: detr, rate: 50%}, {measure: dsil, rate: 30%}, {measure: region-investment, rate: 20%}]
  - id: cycle-path
    owner: {commune: "14001"}
    nature: investment
    category: works
    flags: [chef_de_file_field]
    expenses: [{year: 2024, amount: 100000}]
    measures: [{measure: dsil, rate: 45%}, {measure: department-investment, rate: 30%}]
)");
    EXPECT_EQ(r.amount("monument", "detr", "state", 2023), 40'000_eur);
    EXPECT_EQ(r.amount("monument", "dsil", "state", 2023), 30'000_eur);
    EXPECT_EQ(r.plan("monument").cash_aid, 100'000_eur);
    EXPECT_EQ(r.plan("monument").own_share, 0_eur);
    EXPECT_EQ(r.amount("school", "detr", "state", 2025), 40'000_eur);
    EXPECT_EQ(r.plan("school").cash_aid, 90'000_eur);
    EXPECT_EQ(r.amount("cycle-path", "dsil", "state", 2024), 40'000_eur);
    EXPECT_EQ(r.amount("cycle-path", "department-investment", "department", 2024), 30'000_eur);
}

// ---- Denormandie (a private investor, outside L1111-10) -------------------------------------------

COVERS("denormandie-6y", "denormandie-9y", "denormandie-12y")
TEST(PvdRoundTrip, DenormandieMetropolitan) {
    // Base = purchase + works, capped at 300 000; 12 / 18 / 21 % for a 6 / 9 / 12-year lease:
    //   250 000 × 12 % = 30 000; 250 000 × 18 % = 45 000; min(400 000, 300 000) × 21 % = 63 000.
    // private_owner: L1111-10 does not bind. Without works_25_percent: nothing.
    const std::string common = R"(
    owner: {other: investor}
    nature: investment
    category: housing_purchase_renovation
)";
    const Computed r = run("  - id: six" + common +
                      "    flags: [private_owner, acv_or_ort, works_25_percent, lease_6_years]\n"
                      "    expenses: [{year: 2024, amount: 250000}]\n"
                      "    measures: [denormandie-6y, denormandie-9y, denormandie-12y]\n"
                      "  - id: nine" + common +
                      "    flags: [private_owner, acv_or_ort, works_25_percent, lease_9_years]\n"
                      "    expenses: [{year: 2024, amount: 250000}]\n"
                      "    measures: [denormandie-6y, denormandie-9y, denormandie-12y]\n"
                      "  - id: twelve" + common +
                      "    flags: [private_owner, acv_or_ort, works_25_percent, lease_12_years]\n"
                      "    expenses: [{year: 2024, amount: 400000}]\n"
                      "    measures: [denormandie-6y, denormandie-9y, denormandie-12y]\n"
                      "  - id: few-works" + common +
                      "    flags: [private_owner, acv_or_ort, lease_6_years]\n"
                      "    expenses: [{year: 2024, amount: 250000}]\n"
                      "    measures: [denormandie-6y]\n");
    EXPECT_EQ(r.amount("six", "denormandie-6y", "state", 2024), 30'000_eur);
    EXPECT_EQ(r.amount("six", "denormandie-9y"), 0_eur);
    EXPECT_EQ(r.amount("nine", "denormandie-9y", "state", 2024), 45'000_eur);
    EXPECT_EQ(r.amount("nine", "denormandie-6y"), 0_eur);
    EXPECT_EQ(r.amount("twelve", "denormandie-12y", "state", 2024), 63'000_eur);
    EXPECT_EQ(r.plan("twelve").cash_aid, 63'000_eur);
    EXPECT_EQ(r.amount("few-works", "denormandie-6y"), 0_eur);
}

COVERS("denormandie-overseas-6y", "denormandie-overseas-9y", "denormandie-overseas-12y")
TEST(PvdRoundTrip, DenormandieOverseas) {
    // Overseas: 23 / 29 / 32 %, base capped at 300 000:
    //   200 000 × 23 % = 46 000; min(350 000, 300 000) × 29 % = 87 000; 300 000 × 32 % = 96 000.
    // The metropolitan measures exclude overseas (none_of [overseas]): nothing from them.
    const std::string common = R"(
    owner: {other: investor}
    nature: investment
    category: housing_purchase_renovation
    measures: [denormandie-6y, denormandie-overseas-6y, denormandie-overseas-9y, denormandie-overseas-12y]
)";
    const Computed r = run("  - id: six" + common +
                      "    flags: [private_owner, acv_or_ort, works_25_percent, lease_6_years, overseas]\n"
                      "    expenses: [{year: 2023, amount: 200000}]\n"
                      "  - id: nine" + common +
                      "    flags: [private_owner, acv_or_ort, works_25_percent, lease_9_years, overseas]\n"
                      "    expenses: [{year: 2023, amount: 350000}]\n"
                      "  - id: twelve" + common +
                      "    flags: [private_owner, acv_or_ort, works_25_percent, lease_12_years, overseas]\n"
                      "    expenses: [{year: 2023, amount: 300000}]\n");
    EXPECT_EQ(r.amount("six", "denormandie-overseas-6y", "state", 2023), 46'000_eur);
    EXPECT_EQ(r.amount("six", "denormandie-6y"), 0_eur);
    EXPECT_EQ(r.amount("nine", "denormandie-overseas-9y", "state", 2023), 87'000_eur);
    EXPECT_EQ(r.amount("nine", "denormandie-overseas-6y"), 0_eur);
    EXPECT_EQ(r.amount("twelve", "denormandie-overseas-12y", "state", 2023), 96'000_eur);
    EXPECT_EQ(r.plan("twelve").cash_aid, 96'000_eur);
}

// ---- Support without a price ------------------------------------------------------------------

COVERS("pvd-recruitment-support")
TEST(PvdRoundTrip, RecruitmentSupportOncePerPostNeverInEuros) {
    // A project-lead post of Town over 2022-2023 asking for the co-financing and the help to
    // recruit: 1 recruitment (per project: in 2022, the first year it applies), 0 €; the euros
    // are the co-financing's alone: 75 % × 40 000 = 30 000 a year → 60 000, own share
    // 80 000 − 60 000 = 20 000. A works project (not a post) gets no recruitment help.
    const Computed r = run(R"(  - id: lead
    owner: {commune: "14001"}
    nature: operating
    category: project_lead_post
    expenses:
      - {year: 2022, amount: 40000}
      - {year: 2023, amount: 40000}
    measures: [pvd-project-lead, pvd-recruitment-support]
)");
    std::int64_t recruitments = 0;
    for (const FundingLine& l : r.plan("lead").lines) {
        if (l.measure != "pvd-recruitment-support") continue;
        EXPECT_TRUE(l.service);
        EXPECT_EQ(l.funder, "bdt");
        EXPECT_EQ(l.year, year{2022});
        EXPECT_EQ(l.amount, 0_eur);
        recruitments += l.quantity;
    }
    EXPECT_EQ(recruitments, 1);
    EXPECT_EQ(r.amount("lead", "pvd-recruitment-support"), 0_eur);
    EXPECT_EQ(r.plan("lead").cash_aid, 60'000_eur);
    EXPECT_EQ(r.plan("lead").own_share, 20'000_eur);
}

COVERS("pvd-club")
TEST(PvdRoundTrip, ClubCountsEveryMemberTownInItsConventionYear) {
    // The territory's members: two EPCIs (not towns: the Club is for communes) and three
    // communes, all from 2021-04-06: 3 member towns in the network pillar, in 2021, 0 €. No
    // project asks for the Club: membership gives it.
    const Computed r = run(R"(  - id: lead
    owner: {commune: "14001"}
    nature: operating
    category: project_lead_post
    expenses: [{year: 2022, amount: 40000}]
    measures: [pvd-project-lead]
)");
    // The envelopes of the memberships alone, over the scenario as kept here (r.evaluation's
    // refer to the scenario evaluate() was given, which run() moved).
    Envelopes envelopes(r.scenario.catalog.program, r.scenario.territory);
    envelopes.add_memberships();
    const EnvelopeTable t = envelopes.table(std::vector<Dimension>{Dimension::pillar, Dimension::year});
    ASSERT_EQ(t.services.size(), 1U);
    EXPECT_EQ(t.services[0].measure, "pvd-club");
    EXPECT_EQ(t.services[0].key, (std::vector<std::string>{"network", "2021"}));
    EXPECT_EQ(t.services[0].quantity, 3);
    EXPECT_EQ(r.amount("lead", "pvd-club"), 0_eur);
}

}  // namespace
