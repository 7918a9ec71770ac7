// Lines per second of Envelopes: 1 000 000 funding lines summed into financing envelopes.
//
// What is measured (one benchmark iteration = one full aggregation):
//
//   Envelopes e(program, territory, by);       // by: the dimensions kept
//   for (i over the plans) e.add(projects[i], plans[i]);
//   e.table(...);                               // sparse grid, sorted, ids as text
//
// over 100 000 synthetic plans of 10 lines each (1 000 000 lines), in three cases:
//
//   envelopes/town_pillar   keeps {town, pillar},  then table()
//   envelopes/funder_year   keeps {funder, year},  then table()
//   envelopes/all_two_views keeps all 7 dimensions, then table({town, pillar}) and
//                           table({funder, year}) from the same object
//
// The construction, every add() and the table(s) are inside the timed region (construction
// and table() are small next to the adds; the label gives the number of rows). items/s
// counts funding lines; the `ns/line` counter is the CPU time of the benchmark thread per
// line, in nanoseconds (measured around each iteration with CLOCK_THREAD_CPUTIME_ID).
//
// Inputs, generated once outside the timed loop from a fixed-seed std::mt19937_64:
// - programme: 3 pillars, 6 funders, 12 measures (share formulas, rate left to the project;
//   one measure is valued support in kind, drawn for about 5 % of the lines); a line's
//   funder is its measure's residual funder or split member, its pillar its measure's;
// - territory: 1 646 communes with 5-digit INSEE codes over 40 departments (2A and 971
//   included), grouped into 150 EPCIs that each lie in one department; populations skewed
//   (most communes a few hundred inhabitants, a few towns above 10 000);
// - projects: 90 % owned by a commune (which serves itself), 10 % carried by an EPCI and
//   served, by population, to 2 to 5 of its communes (each of their lines is split by
//   largest remainder); each project spans 1 to 3 years in 2021–2026; its plan has 10 lines
//   of 1 000 to 200 000 € (in cents), cost = private funding + cash aid + own share exactly.
//   No trace data (tracing off).
// Before any timing the program checks that the totals of each case equal the sums of the
// lines and plans, and exits with an error if they do not.
//
// Build and run (see bench/README.md):
//   cmake --preset release && cmake --build --preset release --target bench_envelopes
//   ./build/release/bench/bench_envelopes --benchmark_repetitions=3 --benchmark_report_aggregates_only=true
//
// Profiling: the environment variable SUBSIDY_BENCH_PLANS sets the number of plans (default
// 100 000; still 10 lines each). With callgrind, collect inside one benchmark only (the input
// generation and the checks are left out), e.g. on one command line:
//   SUBSIDY_BENCH_PLANS=10000 valgrind --tool=callgrind
//       --toggle-collect='(anonymous namespace)::BM_town_pillar(benchmark::State&)'
//       ./build/release/bench/bench_envelopes --benchmark_filter=town_pillar
// (3 iterations). On a small input the constructor of Envelopes, a fixed cost, weighs more:
// at 10 000 plans it is about 12 % of the instructions, at 100 000 about 1.5 %.
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <random>
#include <set>
#include <string>
#include <vector>

#include <time.h>  // clock_gettime

#include "subsidy/envelopes/envelopes.hpp"

namespace {

using namespace subsidy;

constexpr std::uint64_t seed = 20'250'301;
constexpr std::size_t default_plans = 100'000;
constexpr std::size_t lines_per_plan = 10;
constexpr benchmark::IterationCount iterations = 3;  // per repetition
constexpr int first_year = 2021;
constexpr int last_year = 2026;

// ---------------------------------------------------------------------------------------------
// The programme: 3 pillars, 6 funders, 12 measures.

struct MeasureSpec {
    const char* id;
    const char* pillar;
    const char* residual_funder;
    const char* member;  // a second funder (split member), or nullptr
    bool in_kind;
    double weight;       // how often a line comes from this measure
};

// Weights sum to 100: the in-kind measure gives about 5 % of the lines.
constexpr MeasureSpec measure_specs[] = {
    {"project-lead", "engineering", "anct", "bdt", false, 12},
    {"studies", "engineering", "bdt", nullptr, false, 8},
    {"volunteer", "engineering", "state", nullptr, false, 5},
    {"expertise-in-kind", "engineering", "cerema", nullptr, true, 5},
    {"network-days", "network", "anct", nullptr, false, 4},
    {"network-training", "network", "bdt", "anct", false, 6},
    {"detr", "thematic", "state", nullptr, false, 15},
    {"dsil", "thematic", "state", nullptr, false, 12},
    {"region-works", "thematic", "region", nullptr, false, 10},
    {"anah-opah", "thematic", "anah", nullptr, false, 8},
    {"commerce", "thematic", "bdt", "region", false, 8},
    {"heritage", "thematic", "region", "state", false, 7},
};

Program make_program() {
    const Date start = parse_date("2020-10-01");
    Program p("pvd-synthetic", "Synthetic PVD-like programme", start, parse_date("2026-12-31"));
    p.add_pillar({"engineering", "Ingénierie"}).add_pillar({"network", "Réseau"}).add_pillar({"thematic", "Thématique"});
    p.add_funder({"anct", "ANCT", FunderKind::state_agency})
        .add_funder({"bdt", "Banque des Territoires", FunderKind::public_bank})
        .add_funder({"anah", "Anah", FunderKind::state_agency})
        .add_funder({"state", "État", FunderKind::state})
        .add_funder({"region", "Région", FunderKind::local_authority})
        .add_funder({"cerema", "Cerema", FunderKind::state_agency});
    for (const MeasureSpec& s : measure_specs) {
        Measure m;
        m.id = s.id;
        m.title = s.id;
        m.pillar = s.pillar;
        m.formula = ShareFormula{};  // rate decided per project
        if (s.member)
            m.members = {SplitMember{s.member, Dated<Rate>(std::string(s.id) + ".member_rate", {{start, Rate::percent(25), "synthetic"}}),
                                     std::nullopt, std::nullopt, Condition{}}};
        m.residual_funder = s.residual_funder;
        m.in_kind = s.in_kind;
        p.add_measure(m);
    }
    return p;
}

// ---------------------------------------------------------------------------------------------
// The territory: 1 646 communes in 40 departments, 150 EPCIs.

constexpr std::size_t n_departments = 40;
constexpr std::size_t n_communes = 1'646;
constexpr std::size_t n_epcis = 150;
// 1 646 = 6 × 42 + 34 × 41 communes; 150 = 30 × 4 + 10 × 3 EPCIs (see make_territory).
static_assert(6 * 42 + (n_departments - 6) * 41 == n_communes);
static_assert(30 * 4 + (n_departments - 30) * 3 == n_epcis);

struct SyntheticTerritory {
    Territory territory;
    std::vector<std::string> communes;                  // INSEE codes
    std::vector<std::string> epcis;                     // SIRENs
    std::vector<std::vector<std::string>> epci_members;  // INSEE codes of each EPCI's communes
};

std::string zero_padded(std::size_t n, std::size_t width) {
    std::string s = std::to_string(n);
    return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

SyntheticTerritory make_territory(std::mt19937_64& rng) {
    SyntheticTerritory t;
    // 38 metropolitan departments (odd codes 01…79, not 19 or 21), plus Corse-du-Sud and Guadeloupe.
    std::vector<std::string> departments;
    for (std::size_t d = 1; departments.size() < n_departments - 2; d += 2) {
        if (d == 19 || d == 21) continue;  // stay clear of "20"
        departments.push_back(zero_padded(d, 2));
    }
    departments.emplace_back("2A");
    departments.emplace_back("971");

    // Populations: log-normal, median about 600 inhabitants, a few towns above 10 000.
    std::lognormal_distribution<double> population(6.4, 1.2);
    std::size_t epci_index = 0;
    for (std::size_t d = 0; d < n_departments; ++d) {
        const std::string& dep = departments[d];
        const std::size_t communes_here = d < 6 ? 42 : 41;
        const std::size_t epcis_here = d < 30 ? 4 : 3;
        std::vector<std::size_t> local_epcis;
        for (std::size_t e = 0; e < epcis_here; ++e, ++epci_index) {
            const std::string siren = std::to_string(200'000'000 + 1'009 * epci_index);
            t.epcis.push_back(siren);
            t.epci_members.emplace_back();
            local_epcis.push_back(t.epcis.size() - 1);
        }
        for (std::size_t c = 0; c < communes_here; ++c) {
            // Five characters: 14001, 14004, 14007… (97101, 97102… overseas).
            const std::string insee = dep.size() == 3 ? dep + zero_padded(c + 1, 2) : dep + zero_padded(3 * c + 1, 3);
            const std::size_t e = local_epcis[c % epcis_here];
            const auto inhabitants = static_cast<std::int64_t>(std::clamp(population(rng), 30.0, 90'000.0));
            t.territory.add_commune({insee, "Commune " + insee, inhabitants, 2021, t.epcis[e]});
            t.communes.push_back(insee);
            t.epci_members[e].push_back(insee);
        }
    }
    for (std::size_t e = 0; e < t.epcis.size(); ++e) {
        std::int64_t inhabitants = 0;
        for (const std::string& insee : t.epci_members[e]) inhabitants += t.territory.find_commune(insee)->population.value_or(0);
        t.territory.add_epci({t.epcis[e], "EPCI " + t.epcis[e], inhabitants});
    }
    return t;
}

// ---------------------------------------------------------------------------------------------
// Projects and their plans.

struct Input {
    Program program;
    SyntheticTerritory territory;
    std::vector<Project> projects;
    std::vector<FundingPlan> plans;
    std::size_t lines = 0;
    std::size_t in_kind_lines = 0;
    std::size_t shared_projects = 0;
};

std::size_t plan_count() {
    if (const char* env = std::getenv("SUBSIDY_BENCH_PLANS")) {
        const long n = std::strtol(env, nullptr, 10);
        if (n > 0) return static_cast<std::size_t>(n);
    }
    return default_plans;
}

Input make_input() {
    std::mt19937_64 rng(seed);
    Input in{make_program(), make_territory(rng), {}, {}};
    const std::size_t n = plan_count();

    std::vector<double> weights;
    for (const MeasureSpec& s : measure_specs) weights.push_back(s.weight);
    std::discrete_distribution<std::size_t> pick_measure(weights.begin(), weights.end());
    std::bernoulli_distribution shared(0.10), member_funder(0.4);
    std::uniform_int_distribution<std::size_t> pick_commune(0, in.territory.communes.size() - 1),
        pick_epci(0, in.territory.epcis.size() - 1), towns_served(2, 5);
    std::uniform_int_distribution<int> start_year(first_year, last_year), span(1, 3);
    std::uniform_int_distribution<std::int64_t> line_cents(100'000, 20'000'000);  // 1 000 – 200 000 €
    std::uniform_int_distribution<int> private_pct(0, 10), own_pct(20, 60);

    in.projects.reserve(n);
    in.plans.reserve(n);
    for (std::size_t i = 0; i < n; ++i) {
        Project p;
        p.id = "p" + std::to_string(i);
        p.nature = ExpenseNature::investment;
        p.category = "works";
        if (shared(rng)) {
            // An EPCI's project serving 2–5 of its communes, split by population.
            const std::size_t e = pick_epci(rng);
            p.owner = {BeneficiaryKind::epci, in.territory.epcis[e]};
            std::vector<std::string> members = in.territory.epci_members[e];
            std::shuffle(members.begin(), members.end(), rng);
            Attribution a{AttributionKey::population, {}};
            const std::size_t k = std::min(towns_served(rng), members.size());
            for (std::size_t j = 0; j < k; ++j) a.towns.push_back(ServedTown{members[j], std::nullopt});
            p.served = std::move(a);
            ++in.shared_projects;
        } else {
            p.owner = {BeneficiaryKind::commune, in.territory.communes[pick_commune(rng)]};
        }

        const int y0 = start_year(rng);
        const int y1 = std::min(last_year, y0 + span(rng) - 1);
        std::uniform_int_distribution<int> line_year(y0, y1);

        FundingPlan plan;
        plan.project = p.id;
        plan.lines.reserve(lines_per_plan);
        for (std::size_t l = 0; l < lines_per_plan; ++l) {
            const MeasureSpec& s = measure_specs[pick_measure(rng)];
            FundingLine line;
            line.measure = s.id;
            line.pillar = s.pillar;
            line.funder = s.member && member_funder(rng) ? s.member : s.residual_funder;
            line.year = std::chrono::year{line_year(rng)};
            line.amount = Money::from_cents(line_cents(rng));
            line.in_kind = s.in_kind;
            if (line.in_kind) {
                ++in.in_kind_lines;
            } else {
                plan.cash_aid += line.amount;
            }
            plan.lines.push_back(std::move(line));
        }
        // cost = private funding + cash aid + own share, all in whole cents.
        const std::int64_t cash = static_cast<std::int64_t>(plan.cash_aid.cents());
        plan.private_funding = Money::from_cents(cash * private_pct(rng) / 100);
        plan.own_share = Money::from_cents(cash * own_pct(rng) / 100);
        plan.cost = plan.private_funding + plan.cash_aid + plan.own_share;
        p.private_funding = plan.private_funding;
        // The cost spread over the project's years (the first year takes the odd cents).
        const std::int64_t cost = static_cast<std::int64_t>(plan.cost.cents());
        const int years = y1 - y0 + 1;
        for (int y = y0; y <= y1; ++y)
            p.expenses.push_back(Expense{std::chrono::year{y},
                                         Money::from_cents(cost / years + (y == y0 ? cost % years : 0)), std::nullopt,
                                         std::nullopt});
        in.lines += plan.lines.size();
        in.projects.push_back(std::move(p));
        in.plans.push_back(std::move(plan));
    }
    return in;
}

const Input& input() {
    static const Input in = make_input();
    return in;
}

// ---------------------------------------------------------------------------------------------
// The measured work.

Envelopes aggregate(const Input& in, std::vector<Dimension> by) {
    Envelopes e(in.program, in.territory.territory, std::move(by));
    for (std::size_t i = 0; i < in.plans.size(); ++i) e.add(in.projects[i], in.plans[i]);
    return e;
}

// CPU time of the calling thread (the clock Google Benchmark's CPU time uses), in nanoseconds.
double thread_cpu_ns() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) * 1e9 + static_cast<double>(ts.tv_nsec);
}

// Runs `work` once per iteration and reports lines/s (items_per_second) and CPU ns per line.
template <class Work>
void run(benchmark::State& state, const Input& in, Work work) {
    std::size_t rows = 0;
    double cpu_ns = 0;
    for (auto _ : state) {
        const double start = thread_cpu_ns();
        rows = work();
        cpu_ns += thread_cpu_ns() - start;
    }
    const auto lines = static_cast<std::int64_t>(in.lines);
    state.SetItemsProcessed(state.iterations() * lines);
    state.counters["ns/line"] = cpu_ns / (static_cast<double>(state.iterations()) * static_cast<double>(lines));
    state.SetLabel(std::to_string(in.lines) + " lines, " + std::to_string(rows) + " rows");
}

void BM_town_pillar(benchmark::State& state) {
    const Input& in = input();
    run(state, in, [&] {
        const Envelopes e = aggregate(in, {Dimension::town, Dimension::pillar});
        const EnvelopeTable t = e.table();
        benchmark::DoNotOptimize(t.rows.data());
        return t.rows.size();
    });
}

void BM_funder_year(benchmark::State& state) {
    const Input& in = input();
    run(state, in, [&] {
        const Envelopes e = aggregate(in, {Dimension::funder, Dimension::year});
        const EnvelopeTable t = e.table();
        benchmark::DoNotOptimize(t.rows.data());
        return t.rows.size();
    });
}

void BM_all_two_views(benchmark::State& state) {
    const Input& in = input();
    run(state, in, [&] {
        const Envelopes e = aggregate(in, std::vector<Dimension>(all_dimensions.begin(), all_dimensions.end()));
        const EnvelopeTable a = e.table(std::vector<Dimension>{Dimension::town, Dimension::pillar});
        const EnvelopeTable b = e.table(std::vector<Dimension>{Dimension::funder, Dimension::year});
        benchmark::DoNotOptimize(a.rows.data());
        benchmark::DoNotOptimize(b.rows.data());
        return a.rows.size() + b.rows.size();
    });
}

// ---------------------------------------------------------------------------------------------
// Checks before timing: every case finds the totals of the lines and plans, to the cent.

bool check(const Input& in) {
    Amounts lines;
    Balance balance;
    for (const FundingPlan& p : in.plans) {
        for (const FundingLine& l : p.lines) (l.in_kind ? lines.in_kind : lines.cash) += l.amount;
        balance += Balance{p.cost, p.private_funding, p.cash_aid, p.total() - p.cash_aid, p.own_share};
    }
    bool ok = true;
    auto expect = [&](const char* what, const EnvelopeTable& t, bool with_balance) {
        if (!(t.total == lines) || (with_balance && !(t.total_balance == balance))) {
            std::fprintf(stderr, "bench_envelopes: %s: the totals differ from the sums of the lines\n", what);
            ok = false;
        }
    };
    expect("town_pillar", aggregate(in, {Dimension::town, Dimension::pillar}).table(), true);
    expect("funder_year", aggregate(in, {Dimension::funder, Dimension::year}).table(), true);
    const Envelopes all = aggregate(in, std::vector<Dimension>(all_dimensions.begin(), all_dimensions.end()));
    expect("all/town_pillar", all.table(std::vector<Dimension>{Dimension::town, Dimension::pillar}), true);
    expect("all/funder_year", all.table(std::vector<Dimension>{Dimension::funder, Dimension::year}), true);
    return ok;
}

}  // namespace

int main(int argc, char** argv) {
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    const Input& in = input();
    std::set<std::string> departments;
    for (const std::string& insee : in.territory.communes) departments.insert(department_of(insee));
    std::fprintf(stderr,
                 "bench_envelopes: %zu plans, %zu lines (%.1f %% in kind), %zu shared projects (%.1f %%); "
                 "%zu communes, %zu departments, %zu EPCIs; %zu pillars, %zu funders, %zu measures\n",
                 in.plans.size(), in.lines, 100.0 * static_cast<double>(in.in_kind_lines) / static_cast<double>(in.lines),
                 in.shared_projects, 100.0 * static_cast<double>(in.shared_projects) / static_cast<double>(in.plans.size()),
                 in.territory.communes.size(), departments.size(), in.territory.epcis.size(), in.program.pillars().size(),
                 in.program.funders().size(), in.program.measures().size());
    if (!check(in)) return 1;

    // A fixed, small number of iterations: each one adds all the lines (0.1 to 1 s).
    benchmark::RegisterBenchmark("envelopes/town_pillar", BM_town_pillar)->Unit(benchmark::kMillisecond)->Iterations(iterations);
    benchmark::RegisterBenchmark("envelopes/funder_year", BM_funder_year)->Unit(benchmark::kMillisecond)->Iterations(iterations);
    benchmark::RegisterBenchmark("envelopes/all_two_views", BM_all_two_views)->Unit(benchmark::kMillisecond)->Iterations(iterations);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
