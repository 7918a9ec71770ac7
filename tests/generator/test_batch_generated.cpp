// evaluate_batch on generated PVD scenarios (the real catalog, every measure, shared posts,
// budgets of every policy) against the one-project path: plan_all + apply_budgets +
// Envelopes::add, with 1, 2 and 8 threads and the projects shuffled. Every row, balance and
// budget outcome must be the same, to the cent.
#include <gtest/gtest.h>

#include <subsidy/batch.hpp>
#include <generate/generator.hpp>
#include <subsidy/io/catalog.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace {

using namespace subsidy;

std::string dump(const EnvelopeTable& t) {
    std::string s;
    for (const EnvelopeRow& r : t.rows) {
        for (const auto& k : r.key) s += k + "|";
        s += to_string(r.amounts.cash) + " " + to_string(r.amounts.in_kind) + " " + to_string(r.amounts.pass_through) + "\n";
    }
    for (const BalanceRow& r : t.balances) {
        for (const auto& k : r.key) s += k + "|";
        s += to_string(r.balance.cost) + " " + to_string(r.balance.cash) + " " + to_string(r.balance.own_share) + "\n";
    }
    return s;
}

std::string dump(const std::vector<BudgetOutcome>& outcomes) {
    std::string s;
    for (const BudgetOutcome& o : outcomes) {
        s += o.budget + " " + to_string(o.asked) + " " + to_string(o.granted) + " " + std::to_string(o.lines) + "\n";
        for (const BudgetCut& c : o.cuts)
            s += "  " + c.project + " " + c.measure + " " + to_string(c.asked) + " " + to_string(c.granted) + "\n";
    }
    return s;
}

TEST(BatchOnGeneratedScenarios, EqualsOneProjectAtATime) {
    const io::Catalog catalog = io::load_catalog(SUBSIDY_PVD_CATALOG);
    for (std::uint64_t seed : {1U, 2U, 3U}) {
        GeneratorOptions options;
        options.towns = 120;
        options.seed = seed;
        const GeneratedScenario g = generate_scenario(catalog.program, options);
        std::vector<Budget> budgets = catalog.budgets;
        budgets.insert(budgets.end(), g.budgets.begin(), g.budgets.end());

        std::vector<FundingPlan> plans = plan_all(catalog.program, g.territory, g.projects, {LookupMode::strict, false});
        const std::vector<BudgetOutcome> outcomes = apply_budgets(catalog.program, g.territory, g.projects, plans, budgets, false);
        Envelopes expected(catalog.program, g.territory);
        for (std::size_t i = 0; i < plans.size(); ++i) expected.add(g.projects[i], plans[i]);
        const std::string expected_rows = dump(expected.table());
        const std::string expected_outcomes = dump(outcomes);
        std::size_t cuts = 0;
        for (const BudgetOutcome& o : outcomes) cuts += o.cuts.size();
        EXPECT_GT(cuts, 0U) << "seed " << seed << ": no budget binds, the comparison misses the budgets";

        std::vector<Project> shuffled = g.projects;
        std::reverse(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(shuffled.size() / 2));
        std::rotate(shuffled.begin(), shuffled.begin() + static_cast<std::ptrdiff_t>(shuffled.size() / 3), shuffled.end());
        const CompiledProgram compiled(catalog.program);
        for (unsigned threads : {1U, 2U, 8U})
            for (const std::vector<Project>* projects : std::vector<const std::vector<Project>*>{&g.projects, &shuffled}) {
                Envelopes got(catalog.program, g.territory);
                const BatchResult r = evaluate_batch(compiled, g.territory, *projects, budgets, got, {threads});
                const std::string where = "seed " + std::to_string(seed) + ", " + std::to_string(threads) + " threads" +
                                          (projects == &shuffled ? ", shuffled" : "");
                EXPECT_EQ(dump(got.table()), expected_rows) << where;
                EXPECT_EQ(dump(r.budgets), expected_outcomes) << where;
                EXPECT_EQ(r.projects, g.projects.size()) << where;
            }
    }
}

}  // namespace
