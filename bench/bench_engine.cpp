// Plans per second of the rules engine: the PVD project-lead measure (three funders, one
// year) and the three-funder investment case with stacking (DETR/DSIL/Region under R2334-27,
// L1111-10 and décret 2018-514), each with the trace off and on. The programme is the one of
// the engine tests (tests/support/pvd_fixture.hpp).
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "pvd_fixture.hpp"

using namespace pvd_fixture;

namespace {

std::vector<Project> project_leads(std::size_t n) {
    std::mt19937_64 rng(42);
    std::uniform_int_distribution<std::int64_t> cents(3'000'000, 9'000'000);  // 30 000 – 90 000 €
    std::vector<Project> out;
    for (std::size_t i = 0; i < n; ++i) {
        Project p = lead_post("50000.00", i % 3 == 0);
        p.expenses[0].amount = Money::from_cents(cents(rng));
        out.push_back(std::move(p));
    }
    return out;
}

std::vector<Project> investments(std::size_t n) {
    std::mt19937_64 rng(7);
    std::uniform_int_distribution<std::int64_t> cents(10'000'000, 100'000'000);  // 100 000 – 1 000 000 €
    std::uniform_int_distribution<int> pct(20, 50);
    std::vector<Project> out;
    for (std::size_t i = 0; i < n; ++i) {
        Project p;
        p.id = "works";
        p.owner = {BeneficiaryKind::commune, "14047"};
        p.category = "works";
        p.nature = ExpenseNature::investment;
        p.expenses = {Expense{std::chrono::year{2023}, Money::from_cents(cents(rng)), std::nullopt, day("2023-03-01")}};
        p.requests = std::vector<MeasureRequest>{{"detr", Rate::percent(pct(rng))},
                                                 {"dsil", Rate::percent(pct(rng))},
                                                 {"region-works", Rate::percent(pct(rng) / 2)}};
        out.push_back(std::move(p));
    }
    return out;
}

void run(benchmark::State& state, const std::vector<Project>& projects, bool trace) {
    const Program program = make_program();
    const Territory territory = make_territory();
    const CompiledProgram compiled(program);
    std::size_t i = 0, lines = 0;
    for (auto _ : state) {
        FundingPlan p = plan_of(compiled, territory, projects[i], trace);
        lines += p.lines.size();
        benchmark::DoNotOptimize(p);
        if (++i == projects.size()) i = 0;
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()));
    state.counters["lines/plan"] = static_cast<double>(lines) / static_cast<double>(state.iterations());
}

void BM_ProjectLead_TraceOff(benchmark::State& s) {
    static const auto projects = project_leads(1024);
    run(s, projects, false);
}
void BM_ProjectLead_TraceOn(benchmark::State& s) {
    static const auto projects = project_leads(1024);
    run(s, projects, true);
}
void BM_InvestmentStacking_TraceOff(benchmark::State& s) {
    static const auto projects = investments(1024);
    run(s, projects, false);
}
void BM_InvestmentStacking_TraceOn(benchmark::State& s) {
    static const auto projects = investments(1024);
    run(s, projects, true);
}

}  // namespace

BENCHMARK(BM_ProjectLead_TraceOff);
BENCHMARK(BM_ProjectLead_TraceOn);
BENCHMARK(BM_InvestmentStacking_TraceOff);
BENCHMARK(BM_InvestmentStacking_TraceOn);

BENCHMARK_MAIN();
