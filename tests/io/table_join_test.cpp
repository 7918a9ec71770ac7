// Tables joined inside a row template (docs/scenario-format.md, "Joined tables"): a project's
// expenses and requests read from their own tables, keyed by the project's id; the rows of an
// unknown project said (W007), never lost silently. Every amount worked by hand.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "subsidy/io/diagnostics.hpp"
#include "subsidy/io/scenario.hpp"

namespace {

using namespace subsidy;
namespace fs = std::filesystem;

const std::string catalog = std::string(SUBSIDY_SOURCE_DIR) + "/data/catalogs/dotations.yaml";

// A directory of its own for each test, with the tables written into it.
class TableJoin : public ::testing::Test {
protected:
    void SetUp() override {
        dir_ = fs::temp_directory_path() / ("subsidy-join-" + std::to_string(::getpid()) + "-" +
                                            ::testing::UnitTest::GetInstance()->current_test_info()->name());
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        write("projects.csv", "id,insee\np1,14047\np2,14047\np3,14047\n");
        write("requests.csv", "project,measure,amount\np1,detr,700\np2,dsil,300\np1,dsil,200\np3,detr,100\n");
    }
    void TearDown() override { fs::remove_all(dir_); }
    void write(const std::string& name, const std::string& text) { std::ofstream(dir_ / name) << text; }
    io::Scenario load(const std::string& expenses_join = "{project: id}") {
        const std::string text = "format_version: 1\ncatalog: " + catalog + R"(
territory:
  communes: [{insee: "14047", name: Bayeux}]
projects:
  table: projects.csv
  row:
    id: "${id}"
    owner: {commune: "${insee}"}
    category: works
    expenses:
      table: expenses.csv
      join: )" + expenses_join + R"(
      row: {year: "${year}", amount: "${cost}"}
    measures:
      table: requests.csv
      join: {project: id}
      row: {measure: "${measure}", amount: "${amount}"}
)";
        return io::parse_scenario(text, (dir_ / "scenario.yaml").string(), dir_.string());
    }
    fs::path dir_;
};

TEST_F(TableJoin, EachProjectGetsItsRowsInTableOrder) {
    // Rows of several projects interleaved, as a table sorted by year holds them.
    write("expenses.csv", "project,year,cost\np3,2019,200\np1,2019,1000\np2,2019,500\np3,2020,300\n");
    const io::Scenario s = load();
    ASSERT_EQ(s.projects.size(), 3u);
    EXPECT_TRUE(s.warnings.empty());
    const Project& p3 = s.projects[2];
    ASSERT_EQ(p3.expenses.size(), 2u);
    EXPECT_EQ(p3.expenses[0].year, std::chrono::year(2019));
    EXPECT_EQ(p3.expenses[0].amount, Money::from_cents(200'00));
    EXPECT_EQ(p3.expenses[1].year, std::chrono::year(2020));
    EXPECT_EQ(p3.expenses[1].amount, Money::from_cents(300'00));
    ASSERT_TRUE(s.projects[0].requests.has_value());
    ASSERT_EQ(s.projects[0].requests->size(), 2u);  // p1: detr then dsil, as the table lists them
    EXPECT_EQ((*s.projects[0].requests)[0].measure, "detr");
    EXPECT_EQ((*s.projects[0].requests)[1].measure, "dsil");
    EXPECT_EQ((*s.projects[0].requests)[1].amount, Money::from_cents(200'00));
}

TEST_F(TableJoin, TheJoinedAmountsAreComputed) {
    write("expenses.csv", "project,year,cost\np1,2019,1000\np2,2019,500\np3,2019,200\n");
    const io::Scenario s = load();
    const io::Evaluation ev = io::evaluate_envelopes(s);
    // p1: 700 + 200 = 900 decided > 80 % × 1 000 = 800 (R2334-27): 800. p2: 300 ≤ 80 % × 500 =
    // 400: 300. p3: 100 ≤ 80 % × 200 = 160: 100. The State pays 800 + 300 + 100 = 1 200.
    const EnvelopeTable t = ev.envelopes.table(std::vector<Dimension>{Dimension::department});
    ASSERT_EQ(t.rows.size(), 1u);
    EXPECT_EQ(t.rows[0].key, std::vector<std::string>{"14"});
    EXPECT_EQ(t.rows[0].amounts.cash, Money::from_cents(1'200'00));
}

TEST_F(TableJoin, ARowOfAnUnknownProjectIsSaidAndNotRead) {
    // "p9,2019,50" joins no project: W007 at its project cell, line 3, column 1.
    write("expenses.csv", "project,year,cost\np1,2019,1000\np9,2019,50\np2,2019,500\np3,2019,200\n");
    const io::Scenario s = load();
    ASSERT_EQ(s.warnings.size(), 1u);
    EXPECT_EQ(s.warnings[0].code, io::Code::unjoined_row);
    EXPECT_EQ(s.warnings[0].line, 3);
    EXPECT_EQ(s.warnings[0].column, 1);
    EXPECT_NE(s.warnings[0].message.find("'p9'"), std::string::npos) << s.warnings[0].message;
    EXPECT_EQ(s.projects[0].cost() + s.projects[1].cost() + s.projects[2].cost(), Money::from_cents(1'700'00));
}

TEST_F(TableJoin, SeveralColumnsJoinTogether) {
    // Joined on the project and its town: "p2,14048" is p2's id but not its town, so it joins
    // nothing (W007 at line 3, column 1) and p2 has no expense (a legal project, which then
    // gets nothing: W002 when computed).
    write("expenses.csv", "project,town,year,cost\np1,14047,2019,1000\np2,14048,2019,500\np3,14047,2019,200\n");
    const io::Scenario s = load("{project: id, town: insee}");
    ASSERT_EQ(s.warnings.size(), 1u);
    EXPECT_EQ(s.warnings[0].code, io::Code::unjoined_row);
    EXPECT_EQ(s.warnings[0].line, 3);
    EXPECT_NE(s.warnings[0].message.find("with this row's other join cells"), std::string::npos) << s.warnings[0].message;
    EXPECT_EQ(s.projects[0].expenses.size(), 1u);
    EXPECT_TRUE(s.projects[1].expenses.empty());
    EXPECT_EQ(s.projects[2].cost(), Money::from_cents(200'00));
}

TEST_F(TableJoin, AJoinNamesColumnsBothTablesHave) {
    write("expenses.csv", "project,year,cost\np1,2019,1000\n");
    try {
        (void)load("{projet: idd}");
        FAIL() << "a join on unknown columns was accepted";
    } catch (const io::load_error& e) {
        const std::string all = e.what();
        EXPECT_NE(all.find("expenses.csv has no column 'projet' (did you mean 'project'?)"), std::string::npos) << all;
        EXPECT_NE(all.find("projects.csv has no column 'idd' (did you mean 'id'?)"), std::string::npos) << all;
    }
}

}  // namespace
