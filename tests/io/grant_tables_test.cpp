// A table of grants as the State publishes them (tests/io/tables/grants.csv: one row per
// grant, its beneficiary a commune, an EPCI or a department) read into a territory and its
// projects with `where` and `distinct`, computed against the dotations' stacking law
// (data/catalogs/dotations.yaml), and the cuts report: every amount worked by hand.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "subsidy/io/diagnostics.hpp"
#include "subsidy/io/report.hpp"
#include "subsidy/io/scenario.hpp"

namespace {

using namespace subsidy;

const std::string tables_dir = std::string(SUBSIDY_SOURCE_DIR) + "/tests/io/tables";

// The scenario of examples/detr-2019 on the small table; `communes_row` replaces the
// communes' row template (a test of distinct changes it).
std::string scenario(const std::string& communes_row = R"({insee: "${terr}", name: "${name}", population: "${pop}"})") {
    return R"(format_version: 1
catalog: ../../../data/catalogs/dotations.yaml
territory:
  communes:
    table: grants.csv
    where: {echelon: [commune]}
    distinct: true
    row: )" + communes_row + R"(
  epcis:
    table: grants.csv
    where: {echelon: [epci]}
    distinct: true
    row: {siren: "${terr}", name: "${name}", department: "${dep}"}
  bodies:
    table: grants.csv
    where: {echelon: [conseil_departemental]}
    distinct: true
    row: {kind: department, id: "${terr}", name: "${name}"}
projects:
  table: grants.csv
  round_to_cent: {columns: [grant], rule: half_up}
  values:
    echelon: {conseil_departemental: department}
    dotation: {DETR: detr, DSIL: dsil, DSID: dsid}
  row:
    id: "${id}"
    owner: {"${echelon}": "${terr}"}
    nature: investment
    category: works
    expenses: [{year: 2019, amount: "${cost}"}]
    measures: [{measure: "${dotation}", amount: "${grant}"}]
)";
}

io::Scenario load(const std::string& text) { return io::parse_scenario(text, tables_dir + "/grants.yaml", tables_dir); }

Money cash(const io::Evaluation& ev, const std::string& department, const std::string& measure) {
    const EnvelopeTable t = ev.envelopes.table(std::vector<Dimension>{Dimension::department, Dimension::measure});
    for (const EnvelopeRow& r : t.rows)
        if (r.key == std::vector<std::string>{department, measure}) return r.amounts.cash;
    return Money();
}

TEST(GrantTables, WhereAndDistinctMakeTheTerritory) {
    const io::Scenario s = load(scenario());
    // Bayeux has two grants (g1, g2): one commune. Granville one. The EPCI's department is the
    // grant's (14), as declared; the departments are bodies named by their code.
    EXPECT_EQ(s.territory.communes().size(), 2u);
    ASSERT_NE(s.territory.find_commune("14047"), nullptr);
    EXPECT_EQ(s.territory.find_commune("14047")->population, 13000);
    EXPECT_EQ(s.territory.epci_department("241400555"), "14");
    EXPECT_EQ(s.territory.department_of_beneficiary({BeneficiaryKind::department, "50"}), "50");
    EXPECT_EQ(s.territory.bodies().size(), 2u);
    EXPECT_EQ(s.projects.size(), 6u);
    // g3's 20000.005 rounded half up to 20000.01, said once at its cell: line 4, after
    // "g3,14,241400555,Bayeux Intercom,30000,DETR,epci,50000," (54 characters), column 55.
    ASSERT_EQ(s.warnings.size(), 1u);
    EXPECT_EQ(s.warnings[0].code, io::Code::rounded_cell);
    EXPECT_EQ(s.warnings[0].line, 4);
    EXPECT_EQ(s.warnings[0].column, 55);
}

TEST(GrantTables, TheStackingLawCutsAndTheEnvelopesLandByDepartment) {
    const io::Scenario s = load(scenario());
    const io::Evaluation ev = io::evaluate(s, true);
    // Calvados (14): g1 DETR 30 000 (30 % of 100 000, under the cap); g3 DETR 20 000.01 (the
    // EPCI's, 40 % of 50 000); g2 DSIL 170 000 > 80 % × 200 000 = 160 000: cut to 160 000;
    // g5 DSID 250 000 > 80 % × 300 000 = 240 000: cut to 240 000.
    EXPECT_EQ(cash(ev, "14", "detr"), Money::from_cents(30'000'00 + 20'000'01));
    EXPECT_EQ(cash(ev, "14", "dsil"), Money::from_cents(160'000'00));
    EXPECT_EQ(cash(ev, "14", "dsid"), Money::from_cents(240'000'00));
    // Manche (50): g4 DSID 500 000 (50 %); g6 DETR 80 000 > 80 % × 99 999.99 = 79 999.992,
    // whole cents down: 79 999.99 (a cut of one cent).
    EXPECT_EQ(cash(ev, "50", "dsid"), Money::from_cents(500'000'00));
    EXPECT_EQ(cash(ev, "50", "detr"), Money::from_cents(79'999'99));
}

TEST(GrantTables, TheCutsReportListsEachCutWithItsRule) {
    const io::Scenario s = load(scenario());
    const io::Evaluation ev = io::evaluate(s, true);
    std::ostringstream csv;
    io::write_cuts(csv, s, ev, io::OutputFormat::csv);
    const std::string source = "CGCT R2334-27 (https://codes-et-lois.fr/code-general-des-collectivites-territoriales/article-r2334-27)";
    EXPECT_EQ(csv.str(),
              "project,owner_kind,owner,owner_name,department,measure,funder,year,cost,before,after,cut,rule,source,detail\n"
              "g2,commune,14047,Bayeux,14,dsil,state,2019,200000.00,170000.00,160000.00,10000.00,R2334-27," + source +
                  ",the group may not exceed 80% of 200000.00 = 160000.00\n"
              "g5,department,14,Calvados,14,dsid,state,2019,300000.00,250000.00,240000.00,10000.00,R2334-27," + source +
                  ",the group may not exceed 80% of 300000.00 = 240000.00\n"
              "g6,commune,50129,Granville,50,detr,state,2019,99999.99,80000.00,79999.99,0.01,R2334-27," + source +
                  ",the group may not exceed 80% of 99999.99 = 79999.99\n");
    std::ostringstream table;
    io::write_cuts(table, s, ev, io::OutputFormat::table);
    // 10 000 + 10 000 + 0.01 = 20 000.01 € in 3 cuts of 3 projects.
    // French digit groups as every table writes them (format_fr: a no-break space).
    EXPECT_NE(table.str().find("3 cuts of 3 projects, " + format_fr(Money::from_cents(20'000'01)) + " taken"), std::string::npos)
        << table.str();
    std::ostringstream json;
    io::write_cuts(json, s, ev, io::OutputFormat::json);
    EXPECT_NE(json.str().find("\"total_cut\": \"20000.01\""), std::string::npos) << json.str();
}

TEST(GrantTables, CutsNeedThePlans) {
    const io::Scenario s = load(scenario());
    const io::Evaluation ev = io::evaluate_envelopes(s);
    std::ostringstream out;
    EXPECT_THROW(io::write_cuts(out, s, ev, io::OutputFormat::csv), subsidy::invalid_argument);
}

TEST(GrantTables, DistinctReadsRowsThatDifferAsTwo) {
    // With the grant's id in the row, Bayeux's two rows differ: declared twice (E032), at the
    // start of the second row; g3's rounding is still said (W005).
    try {
        (void)load(scenario(R"x({insee: "${terr}", name: "${name} (${id})"})x"));
        FAIL() << "Bayeux declared twice was accepted";
    } catch (const io::load_error& e) {
        ASSERT_EQ(e.diagnostics().size(), 2u) << e.what();
        EXPECT_EQ(e.diagnostics()[0].code, io::Code::inconsistent);
        EXPECT_EQ(e.diagnostics()[0].line, 3);  // g2, Bayeux's second row
        EXPECT_EQ(e.diagnostics()[0].column, 1);
        EXPECT_EQ(e.diagnostics()[1].code, io::Code::rounded_cell);
    }
}

}  // namespace
