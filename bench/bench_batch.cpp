// The national benchmark: the PVD catalog (data/catalogs/pvd.yaml) and the generated
// national scenario (generate_scenario: 1,646 towns, 20 projects each over 2021–2026, seed 1).
//
// - Engine/*: one thread, every project of the scenario in turn. Counters: ns per funding
//   line and per project-year (an expense year of a project). Evaluator<NoTrace> (the batch's
//   call) and plan_of() (the one-project function, trace off and on, the programme compiled
//   once). CompiledProjects: the same plans, each project compiled once beforehand
//   (CompiledProject); CompileProjects: that compilation alone.
// - CompileProgram: compiling the catalog (what each plan_of(Program, …) call pays).
// - ArithmeticFloor: the same multiply-round-cap work on plain int64_t cents: for every
//   line the engine makes, base × rate (num/den), rounded down, capped at the measure's
//   ceiling; and the floor's ns per line. The ratio engine/floor is in bench/README.md.
// - Batch/threads:N: evaluate_batch over the whole scenario (plans, budgets, envelopes by
//   every dimension, or by {town, pillar}) with N threads: the national compute + envelopes
//   time, and the 1 → 2 thread scaling.
// - EnvelopeAggregation: the scenario's plans (made once) added to Envelopes: lines per second.
// - LoadScenario: the scenario written as a file (write_scenario) read back by load_scenario:
//   bytes per second.
// - Driver: `subsidy-calc compute` on that file, load + compute + write, wall time.
// - AllCommunes: the ~35,000 communes of France (generate_scenario with all_communes), made in
//   memory and evaluated by evaluate_batch on 2 threads into envelopes by every dimension;
//   counter: the process's peak resident memory (run it alone: tools/run-benchmarks.sh does).
#include <benchmark/benchmark.h>

#include <subsidy/batch.hpp>
#include <generate/generator.hpp>
#include <subsidy/io/catalog.hpp>
#include <subsidy/io/scenario.hpp>
#include <subsidy/io/scenario_writer.hpp>

#include <sys/resource.h>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <limits>
#include <sstream>
#include <string>
#include <vector>

using namespace subsidy;

namespace {

struct National {
    io::Catalog catalog = io::load_catalog(SUBSIDY_PVD_CATALOG);
    GeneratedScenario scenario = generate_scenario(catalog.program, GeneratorOptions{});
    std::size_t project_years = 0;
    std::size_t lines = 0;  // made by the engine, trace off
    National() {
        for (const Project& p : scenario.projects) project_years += p.expenses.size();
    }
};

const National& national() {
    static const National n;
    return n;
}

void set_counters(benchmark::State& state, std::size_t lines, std::size_t project_years) {
    using benchmark::Counter;
    state.counters["time/line"] = Counter(static_cast<double>(lines), Counter::kIsRate | Counter::kInvert);
    state.counters["time/project-year"] = Counter(static_cast<double>(project_years), Counter::kIsRate | Counter::kInvert);
    state.counters["lines"] = Counter(static_cast<double>(lines) / static_cast<double>(state.iterations()));
}

// Every project's owner facts, looked up once (as a batch does per owner).
std::vector<OwnerFacts> owner_facts(const CompiledProgram& plan, const National& n) {
    std::vector<OwnerFacts> facts;
    facts.reserve(n.scenario.projects.size());
    for (const Project& p : n.scenario.projects) facts.push_back(plan.owner_facts(n.scenario.territory, p));
    return facts;
}

void BM_Engine_Evaluator(benchmark::State& state) {
    const National& n = national();
    const CompiledProgram plan(n.catalog.program);
    const std::vector<OwnerFacts> facts = owner_facts(plan, n);
    Evaluator<NoTrace> evaluator(plan);
    std::size_t lines = 0, years = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < n.scenario.projects.size(); ++i) {
            const LinePlan& lp = evaluator.run(n.scenario.projects[i], facts[i]);
            lines += lp.lines.size();
            benchmark::DoNotOptimize(lp.own_share);
        }
        years += n.project_years;
    }
    set_counters(state, lines, years);
}
BENCHMARK(BM_Engine_Evaluator)->Unit(benchmark::kMillisecond);

// Every project compiled once (CompiledProject: checked, names as indices), then planned:
// what each plan costs a scenario run again and again (variants, budgets, benchmarks).
std::vector<CompiledProject> compiled_projects(const CompiledProgram& plan, const National& n) {
    std::vector<CompiledProject> out;
    out.reserve(n.scenario.projects.size());
    for (const Project& p : n.scenario.projects) out.emplace_back(plan, p);
    return out;
}

void BM_Engine_CompiledProjects(benchmark::State& state) {
    const National& n = national();
    const CompiledProgram plan(n.catalog.program);
    const std::vector<OwnerFacts> facts = owner_facts(plan, n);
    const std::vector<CompiledProject> projects = compiled_projects(plan, n);
    Evaluator<NoTrace> evaluator(plan);
    std::size_t lines = 0, years = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < projects.size(); ++i) {
            const LinePlan& lp = evaluator.run(projects[i], facts[i]);
            lines += lp.lines.size();
            benchmark::DoNotOptimize(lp.own_share);
        }
        years += n.project_years;
    }
    set_counters(state, lines, years);
}
BENCHMARK(BM_Engine_CompiledProjects)->Unit(benchmark::kMillisecond);

// Compiling the scenario's projects, once each (counters per line the plans then make).
void BM_CompileProjects(benchmark::State& state) {
    const National& n = national();
    const CompiledProgram plan(n.catalog.program);
    const std::size_t per_run = [&] {
        Evaluator<NoTrace> evaluator(plan);
        const std::vector<OwnerFacts> facts = owner_facts(plan, n);
        std::size_t lines = 0;
        for (std::size_t i = 0; i < n.scenario.projects.size(); ++i) lines += evaluator.run(n.scenario.projects[i], facts[i]).lines.size();
        return lines;
    }();
    CompiledProject compiled;
    std::size_t lines = 0, years = 0;
    for (auto _ : state) {
        for (const Project& p : n.scenario.projects) {
            compiled.assign(plan, p);
            benchmark::DoNotOptimize(compiled);
        }
        lines += per_run;
        years += n.project_years;
    }
    set_counters(state, lines, years);
}
BENCHMARK(BM_CompileProjects)->Unit(benchmark::kMillisecond);

void BM_Engine_Plan(benchmark::State& state) {
    const National& n = national();
    const bool trace = state.range(0) != 0;
    const CompiledProgram compiled(n.catalog.program);  // once, as plan_all and the driver do
    std::size_t lines = 0, years = 0;
    for (auto _ : state) {
        for (const Project& p : n.scenario.projects) {
            FundingPlan fp = plan_of(compiled, n.scenario.territory, p, trace);
            lines += fp.lines.size();
            benchmark::DoNotOptimize(fp);
        }
        years += n.project_years;
    }
    set_counters(state, lines, years);
}
BENCHMARK(BM_Engine_Plan)->ArgName("trace")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

// What plan_of(Program, …) adds per call over plan_of(CompiledProgram, …): compiling the PVD
// catalog once.
void BM_CompileProgram(benchmark::State& state) {
    const National& n = national();
    for (auto _ : state) {
        CompiledProgram compiled(n.catalog.program);
        benchmark::DoNotOptimize(compiled);
    }
}
BENCHMARK(BM_CompileProgram)->Unit(benchmark::kMicrosecond);

// One int64 multiply-round-cap per line the engine makes, over the same expenses, rates and
// ceilings: what the arithmetic alone costs.
struct FloorItem {
    std::int64_t base;
    std::int64_t num;
    std::int64_t den;
    std::int64_t cap;
};

std::vector<FloorItem> floor_items(const National& n) {
    const Program& program = n.catalog.program;
    const CompiledProgram plan(program);
    const std::vector<OwnerFacts> facts = owner_facts(plan, n);
    Evaluator<NoTrace> evaluator(plan);
    std::vector<FloorItem> items;
    auto cents = [](const Money& m) { return m.cents().convert_to<std::int64_t>(); };
    for (std::size_t i = 0; i < n.scenario.projects.size(); ++i) {
        const Project& p = n.scenario.projects[i];
        for (const PlanLine& l : evaluator.run(p, facts[i]).lines) {
            const Measure& m = program.measures()[l.measure];
            FloorItem item{0, 1, 1, std::numeric_limits<std::int64_t>::max()};
            for (const Expense& e : p.expenses)
                if (e.year == l.year) item.base = cents(e.amount);
            if (const auto* share = std::get_if<ShareFormula>(&m.formula)) {
                const Date d = l.year / std::chrono::January / 1;
                Rate r;
                if (share->rate) {
                    r = share->rate->at(d, LookupMode::extrapolate).value;
                } else if (p.requests) {
                    for (const MeasureRequest& q : *p.requests)
                        if (q.measure == m.id && q.rate) r = *q.rate;
                }
                item.num = r.num();
                item.den = r.den();
                if (!share->ceilings.empty()) item.cap = cents(share->ceilings.front().amount.at(d, LookupMode::extrapolate).value);
            }
            items.push_back(item);
        }
    }
    return items;
}

void BM_ArithmeticFloor(benchmark::State& state) {
    const National& n = national();
    const std::vector<FloorItem> items = floor_items(n);
    std::size_t lines = 0, years = 0;
    for (auto _ : state) {
        std::int64_t total = 0;
        for (const FloorItem& it : items) {
            benchmark::DoNotOptimize(it);
            const std::int64_t amount = std::min(it.base * it.num / it.den, it.cap);
            total += amount;
        }
        benchmark::DoNotOptimize(total);
        lines += items.size();
        years += n.project_years;
    }
    set_counters(state, lines, years);
}
BENCHMARK(BM_ArithmeticFloor)->Unit(benchmark::kMillisecond);

void batch(benchmark::State& state, std::vector<Dimension> by) {
    const National& n = national();
    const CompiledProgram plan(n.catalog.program);
    std::vector<Budget> budgets = n.catalog.budgets;
    budgets.insert(budgets.end(), n.scenario.budgets.begin(), n.scenario.budgets.end());
    BatchResult last;
    for (auto _ : state) {
        Envelopes envelopes(n.catalog.program, n.scenario.territory, by);
        last = evaluate_batch(plan, n.scenario.territory, n.scenario.projects, budgets, envelopes,
                              {static_cast<unsigned>(state.range(0))});
        benchmark::DoNotOptimize(envelopes);
    }
    set_counters(state, last.lines * state.iterations(), last.project_years * state.iterations());
    state.counters["held"] = static_cast<double>(last.held);
}

void BM_Batch_AllDimensions(benchmark::State& state) {
    batch(state, std::vector<Dimension>(all_dimensions.begin(), all_dimensions.end()));
}
BENCHMARK(BM_Batch_AllDimensions)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_Batch_TownPillar(benchmark::State& state) { batch(state, {Dimension::town, Dimension::pillar}); }
BENCHMARK(BM_Batch_TownPillar)->ArgName("threads")->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_EnvelopeAggregation(benchmark::State& state) {
    const National& n = national();
    const CompiledProgram plan(n.catalog.program);
    const std::vector<OwnerFacts> facts = owner_facts(plan, n);
    Evaluator<NoTrace> evaluator(plan);
    Envelopes prototype(n.catalog.program, n.scenario.territory);
    std::vector<LinePlan> plans;
    std::vector<Envelopes::Destination> where;
    std::size_t per_pass = 0;
    for (std::size_t i = 0; i < n.scenario.projects.size(); ++i) {
        plans.push_back(evaluator.run(n.scenario.projects[i], facts[i]));
        where.push_back(prototype.destination(n.scenario.projects[i]));
        per_pass += plans.back().lines.size();
    }
    std::size_t lines = 0;
    for (auto _ : state) {
        Envelopes envelopes = prototype.empty_like();
        for (std::size_t i = 0; i < plans.size(); ++i) envelopes.add(where[i], plans[i]);
        benchmark::DoNotOptimize(envelopes);
        lines += per_pass;
    }
    state.counters["lines/s"] = benchmark::Counter(static_cast<double>(lines), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_EnvelopeAggregation)->Unit(benchmark::kMillisecond);

// The national scenario as a file, written once next to the catalog's directory's parent so
// that its relative catalog path resolves.
const std::string& national_file() {
    static const std::string path = [] {
        const National& n = national();
        const std::filesystem::path file = std::filesystem::temp_directory_path() / "subsidy-bench-national.yaml";
        std::ofstream out(file);
        io::write_scenario(out, std::filesystem::absolute(SUBSIDY_PVD_CATALOG).string(), n.catalog.program, n.scenario.territory,
                           n.scenario.projects, n.scenario.budgets);
        return file.string();
    }();
    return path;
}

void BM_LoadScenario(benchmark::State& state) {
    const std::string& path = national_file();
    const auto bytes = static_cast<std::int64_t>(std::filesystem::file_size(path));
    for (auto _ : state) {
        io::Scenario s = io::load_scenario(path);
        benchmark::DoNotOptimize(s);
    }
    state.SetBytesProcessed(bytes * state.iterations());
    state.counters["MB"] = static_cast<double>(bytes) / 1e6;
}
BENCHMARK(BM_LoadScenario)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_Driver(benchmark::State& state) {
    const std::string command = std::string("\"") + SUBSIDY_CALC + "\" compute \"" + national_file() + "\" > /dev/null";
    for (auto _ : state)
        if (std::system(command.c_str()) != 0) state.SkipWithError("subsidy-calc compute failed");
}
BENCHMARK(BM_Driver)->Unit(benchmark::kMillisecond)->Iterations(3)->UseRealTime();

void BM_AllCommunes(benchmark::State& state) {
    const National& n = national();  // the catalog (its scenario is small next to this one)
    GeneratorOptions options;
    options.all_communes = true;
    const GeneratedScenario france = generate_scenario(n.catalog.program, options);
    std::size_t years = 0;
    for (const Project& p : france.projects) years += p.expenses.size();
    std::vector<Budget> budgets = n.catalog.budgets;
    budgets.insert(budgets.end(), france.budgets.begin(), france.budgets.end());
    const CompiledProgram plan(n.catalog.program);
    BatchResult last;
    for (auto _ : state) {
        Envelopes envelopes(n.catalog.program, france.territory);
        last = evaluate_batch(plan, france.territory, france.projects, budgets, envelopes, {2});
        benchmark::DoNotOptimize(envelopes);
    }
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    state.counters["peak_rss_MiB"] = static_cast<double>(usage.ru_maxrss) / 1024.0;  // ru_maxrss is in KiB
    state.counters["projects"] = static_cast<double>(france.projects.size());
    state.counters["project_years"] = static_cast<double>(years);
    state.counters["lines"] = static_cast<double>(last.lines);
}
BENCHMARK(BM_AllCommunes)->Unit(benchmark::kMillisecond)->Iterations(1)->UseRealTime();

}  // namespace

BENCHMARK_MAIN();
