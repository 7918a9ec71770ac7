// Throughput of the engine's hot path and of Money's text and allocation functions.
//
// The hot path of every funding plan is
//
//     std::min(apply(amount * rate, rounding), ceiling)
//
// (exact Money × Rate, rounded once, capped by a Money ceiling). Each "apply_cap/<variant>/engine"
// benchmark runs it over 1 000 000 pre-generated cases; the matching
// "apply_cap/<variant>/int64_floor" benchmark runs the same multiply-round-cap loop on plain
// std::int64_t cents over the same rates, roundings and values, with the same rounding semantics
// but no Boost, no 128-bit arithmetic and no range checks: the arithmetic floor. The ratio
// engine/floor of the median CPU times is printed at the end of the console report (the issue's
// target is ≤ 3×); it can also be recomputed from the JSON output (see bench/README.md).
//
// One benchmark iteration is one pass over all the cases of the benchmark; items/s counts cases
// and the `time/op` counter is the CPU time per case (in seconds; the console shows "16.6n" for
// 16.6 ns). All inputs are generated once, outside the timed loops, from a fixed-seed
// std::mt19937_64, and checked before any timing: the engine and the floor must agree on every
// case.
//
// Build and run (see bench/README.md):
//   cmake --preset release && cmake --build --preset release
//   ./build/release/bench/bench_money --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include <unistd.h>  // isatty

#include "subsidy/money/allocate.hpp"
#include "subsidy/money/money.hpp"
#include "subsidy/money/rate.hpp"
#include "subsidy/money/rounding.hpp"

namespace {

using subsidy::Money;
using subsidy::Rate;
using subsidy::Rounding;
using subsidy::RoundingMode;
using subsidy::RoundingUnit;

constexpr std::uint64_t seed = 20'240'917;
constexpr std::size_t hot_cases = 1'000'000;
constexpr std::size_t text_cases = 1'000'000;
constexpr std::size_t allocation_cases = 100'000;

// ---------------------------------------------------------------------------------------------
// The arithmetic floor: the library's rounding on std::int64_t, without any check.

constexpr std::int64_t divide_rounded_i64(std::int64_t n, std::int64_t d, RoundingMode mode) noexcept {
    const std::int64_t q = n / d;  // truncated toward zero
    const std::int64_t r = n % d;  // same sign as n
    if (r == 0) return q;
    const std::int64_t sign = n < 0 ? -1 : 1;
    const std::int64_t twice_r = r < 0 ? -2 * r : 2 * r;
    switch (mode) {
        case RoundingMode::down: return q;
        case RoundingMode::up: return q + sign;
        case RoundingMode::floor: return sign < 0 ? q - 1 : q;
        case RoundingMode::ceiling: return sign > 0 ? q + 1 : q;
        case RoundingMode::half_up: return twice_r >= d ? q + sign : q;
        case RoundingMode::half_even:
            if (twice_r > d) return q + sign;
            if (twice_r < d) return q;
            return (q % 2 != 0) ? q + sign : q;
    }
    return q;
}

inline std::int64_t floor_apply_cap(std::int64_t cents, const Rate& rate, const Rounding& rounding,
                                    std::int64_t ceiling) noexcept {
    const std::int64_t unit = rounding.unit().cents();
    const std::int64_t k = divide_rounded_i64(cents * rate.num(), rate.den() * unit, rounding.mode());
    return std::min(k * unit, ceiling);
}

// ---------------------------------------------------------------------------------------------
// Inputs.

enum class Variant { mixed, down_cent, down_euro, half_even };

struct HotPathData {
    // The same cases twice: as Money (engine) and as int64 cents (floor).
    std::vector<Money> amounts, ceilings;
    std::vector<std::int64_t> amount_cents, ceiling_cents;
    std::vector<Rate> rates;
    // One rounding per case, for each variant (read from memory by engine and floor alike).
    std::vector<Rounding> mixed, down_cent, down_euro, half_even;

    [[nodiscard]] const std::vector<Rounding>& roundings(Variant v) const {
        switch (v) {
            case Variant::mixed: return mixed;
            case Variant::down_cent: return down_cent;
            case Variant::down_euro: return down_euro;
            case Variant::half_even: return half_even;
        }
        std::abort();
    }
};

const HotPathData& hot_path_data() {
    static const HotPathData data = [] {
        HotPathData d;
        std::mt19937_64 rng(seed);
        // Amounts: 0 … 10 000 000,00 € in cents.
        std::uniform_int_distribution<std::int64_t> amount(0, 1'000'000'000);
        // Realistic aid rates: mostly whole percents, some decimal rates, some thirds.
        const std::vector<Rate> rate_set = {
            Rate::parse("25%"),   Rate::parse("35%"),    Rate::parse("40%"), Rate::parse("50%"),
            Rate::parse("70%"),   Rate::parse("75%"),    Rate::parse("80%"), Rate::parse("62.5 %"),
            Rate::parse("0.755"), Rate::parse("1/3"),
        };
        std::discrete_distribution<std::size_t> pick_rate({15, 10, 5, 20, 5, 15, 5, 10, 5, 10});
        // Ceilings between 50 % and 150 % of the exact product, in whole euros: the cap binds
        // about half the time.
        std::uniform_int_distribution<std::int64_t> ceiling_permille(500, 1500);
        std::bernoulli_distribution to_the_euro(0.2);  // mixed: 80 % down to the cent, 20 % to the euro

        const Rounding down_cent(RoundingMode::down, RoundingUnit::cent());
        const Rounding down_euro(RoundingMode::down, RoundingUnit::euro());
        const Rounding half_even(RoundingMode::half_even, RoundingUnit::cent());

        for (auto* v : {&d.amounts, &d.ceilings}) v->reserve(hot_cases);
        for (auto* v : {&d.amount_cents, &d.ceiling_cents}) v->reserve(hot_cases);
        for (auto* v : {&d.mixed, &d.down_cent, &d.down_euro, &d.half_even}) v->reserve(hot_cases);
        d.rates.reserve(hot_cases);
        for (std::size_t i = 0; i < hot_cases; ++i) {
            const std::int64_t cents = amount(rng);
            const Rate rate = rate_set[pick_rate(rng)];
            const std::int64_t exact = cents * rate.num() / rate.den();
            const std::int64_t ceiling = exact * ceiling_permille(rng) / 1000 / 100 * 100;
            d.amount_cents.push_back(cents);
            d.ceiling_cents.push_back(ceiling);
            d.amounts.push_back(Money::from_cents(cents));
            d.ceilings.push_back(Money::from_cents(ceiling));
            d.rates.push_back(rate);
            d.mixed.push_back(to_the_euro(rng) ? down_euro : down_cent);
            d.down_cent.push_back(down_cent);
            d.down_euro.push_back(down_euro);
            d.half_even.push_back(half_even);
        }
        return d;
    }();
    return data;
}

struct TextData {
    std::vector<Money> amounts;
    std::vector<std::string> french;  // "45 000,00 €", half typographic (U+202F/U+00A0), half ASCII spaces
};

const TextData& text_data() {
    static const TextData data = [] {
        TextData d;
        std::mt19937_64 rng(seed + 1);
        std::uniform_int_distribution<std::int64_t> amount(0, 1'000'000'000);
        std::bernoulli_distribution typographic(0.5);
        d.amounts.reserve(text_cases);
        d.french.reserve(text_cases);
        for (std::size_t i = 0; i < text_cases; ++i) {
            const Money m = Money::from_cents(amount(rng));
            d.amounts.push_back(m);
            d.french.push_back(subsidy::format_fr(
                m, typographic(rng) ? subsidy::FrenchSpacing::typographic : subsidy::FrenchSpacing::ascii));
        }
        return d;
    }();
    return data;
}

struct AllocationData {
    std::vector<Money> totals;
    std::vector<std::vector<std::int64_t>> weights;
};

const AllocationData& allocation_data(std::size_t parts) {
    static std::map<std::size_t, AllocationData> cache;
    auto [it, inserted] = cache.try_emplace(parts);
    if (inserted) {
        AllocationData& d = it->second;
        std::mt19937_64 rng(seed + 2 + parts);
        std::uniform_int_distribution<std::int64_t> total(0, 1'000'000'000);  // 0 … 10^7 €
        std::uniform_int_distribution<std::int64_t> weight(1, 100'000);       // e.g. populations
        d.totals.reserve(allocation_cases);
        d.weights.reserve(allocation_cases);
        for (std::size_t i = 0; i < allocation_cases; ++i) {
            d.totals.push_back(Money::from_cents(total(rng)));
            std::vector<std::int64_t> w(parts);
            for (auto& x : w) x = weight(rng);
            d.weights.push_back(std::move(w));
        }
    }
    return it->second;
}

void set_throughput(benchmark::State& state, std::size_t cases) {
    const auto n = static_cast<std::int64_t>(cases);
    state.SetItemsProcessed(state.iterations() * n);
    // CPU time per case, in seconds (shown as e.g. "15.9n" on the console, i.e. 15.9 ns):
    // time / (iterations × cases).
    state.counters["time/op"] = benchmark::Counter(static_cast<double>(n),
                                                   benchmark::Counter::kIsIterationInvariantRate |
                                                       benchmark::Counter::kInvert);
}

// ---------------------------------------------------------------------------------------------
// Benchmarks.

void BM_apply_cap_engine(benchmark::State& state, Variant variant) {
    const HotPathData& d = hot_path_data();
    const std::vector<Rounding>& roundings = d.roundings(variant);
    std::vector<Money> out(hot_cases);
    for (auto _ : state) {
        for (std::size_t i = 0; i < hot_cases; ++i)
            out[i] = std::min(apply(d.amounts[i] * d.rates[i], roundings[i]), d.ceilings[i]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_throughput(state, hot_cases);
}

void BM_apply_cap_floor(benchmark::State& state, Variant variant) {
    const HotPathData& d = hot_path_data();
    const std::vector<Rounding>& roundings = d.roundings(variant);
    std::vector<std::int64_t> out(hot_cases);
    for (auto _ : state) {
        for (std::size_t i = 0; i < hot_cases; ++i)
            out[i] = floor_apply_cap(d.amount_cents[i], d.rates[i], roundings[i], d.ceiling_cents[i]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_throughput(state, hot_cases);
}

void BM_parse(benchmark::State& state) {
    const TextData& d = text_data();
    std::vector<Money> out(text_cases);
    for (auto _ : state) {
        for (std::size_t i = 0; i < text_cases; ++i) out[i] = Money::parse(d.french[i]);
        benchmark::DoNotOptimize(out.data());
        benchmark::ClobberMemory();
    }
    set_throughput(state, text_cases);
}

void BM_to_string(benchmark::State& state) {
    const TextData& d = text_data();
    for (auto _ : state) {
        for (std::size_t i = 0; i < text_cases; ++i) {
            std::string s = subsidy::to_string(d.amounts[i]);
            benchmark::DoNotOptimize(s);
        }
    }
    set_throughput(state, text_cases);
}

void BM_format_fr(benchmark::State& state) {
    const TextData& d = text_data();
    for (auto _ : state) {
        for (std::size_t i = 0; i < text_cases; ++i) {
            std::string s = subsidy::format_fr(d.amounts[i]);
            benchmark::DoNotOptimize(s);
        }
    }
    set_throughput(state, text_cases);
}

void BM_allocate(benchmark::State& state) {
    const AllocationData& d = allocation_data(static_cast<std::size_t>(state.range(0)));
    for (auto _ : state) {
        for (std::size_t i = 0; i < allocation_cases; ++i) {
            std::vector<Money> parts = subsidy::allocate(d.totals[i], d.weights[i]);
            benchmark::DoNotOptimize(parts.data());
            benchmark::ClobberMemory();
        }
    }
    set_throughput(state, allocation_cases);
}

// ---------------------------------------------------------------------------------------------
// Checks before timing: engine and floor agree, and the data is what the comments say.

struct Check {
    std::size_t mismatches = 0;
    std::size_t capped = 0;
};

Check check(Variant variant) {
    const HotPathData& d = hot_path_data();
    const std::vector<Rounding>& roundings = d.roundings(variant);
    Check c;
    for (std::size_t i = 0; i < hot_cases; ++i) {
        const Money engine = std::min(apply(d.amounts[i] * d.rates[i], roundings[i]), d.ceilings[i]);
        const std::int64_t floor = floor_apply_cap(d.amount_cents[i], d.rates[i], roundings[i], d.ceiling_cents[i]);
        if (engine != Money::from_cents(floor)) ++c.mismatches;
        if (apply(d.amounts[i] * d.rates[i], roundings[i]) > d.ceilings[i]) ++c.capped;
    }
    return c;
}

constexpr struct {
    const char* name;
    Variant variant;
} variants[] = {
    {"mixed", Variant::mixed},
    {"down_cent", Variant::down_cent},
    {"down_euro", Variant::down_euro},
    {"half_even", Variant::half_even},
};

// ---------------------------------------------------------------------------------------------
// Console reporter that also prints the engine/floor ratio of the median (or only) CPU times.

class RatioReporter : public benchmark::ConsoleReporter {
public:
    explicit RatioReporter(bool color)
        : ConsoleReporter(color ? OO_ColorTabular : OO_Tabular) {}

    void ReportRuns(const std::vector<Run>& runs) override {
        for (const Run& run : runs) {
            if (run.error_occurred) continue;
            const bool median = run.run_type == Run::RT_Aggregate && run.aggregate_name == "median";
            const bool single = run.run_type == Run::RT_Iteration && run.repetitions <= 1;
            if (median || single) cpu_[run.run_name.function_name] = run.GetAdjustedCPUTime();
        }
        ConsoleReporter::ReportRuns(runs);
    }

    void Finalize() override {
        ConsoleReporter::Finalize();
        std::ostream& os = GetOutputStream();
        bool header = false;
        for (const auto& v : variants) {
            const std::string base = std::string("apply_cap/") + v.name;
            const auto e = cpu_.find(base + "/engine"), f = cpu_.find(base + "/int64_floor");
            if (e == cpu_.end() || f == cpu_.end()) continue;
            if (!header) {
                os << "\nengine / int64 floor (median CPU time per pass; target <= 3x):\n";
                header = true;
            }
            char line[128];
            std::snprintf(line, sizeof line, "  %-10s %6.2fx  (%.2f ns/op vs %.2f ns/op)\n", v.name,
                          e->second / f->second, e->second * 1e6 / static_cast<double>(hot_cases),
                          f->second * 1e6 / static_cast<double>(hot_cases));
            os << line;
        }
    }

private:
    std::map<std::string, double> cpu_;  // function name → CPU time per iteration (ms)
};

}  // namespace

int main(int argc, char** argv) {
    // A custom display reporter only when the console format is in use; colours as the default
    // reporter would choose them (auto: only on a terminal).
    bool console = true;
    bool color = isatty(STDOUT_FILENO) != 0;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg.starts_with("--benchmark_format=") && arg != "--benchmark_format=console") console = false;
        if (arg.starts_with("--benchmark_color=")) {
            const std::string_view v = arg.substr(std::string_view("--benchmark_color=").size());
            color = v == "true" || v == "yes" || v == "1" || (v == "auto" && isatty(STDOUT_FILENO) != 0);
        }
    }
    benchmark::Initialize(&argc, argv);
    if (benchmark::ReportUnrecognizedArguments(argc, argv)) return 1;

    for (const auto& v : variants) {
        const Check c = check(v.variant);
        if (c.mismatches != 0) {
            std::fprintf(stderr, "bench_money: engine and int64 floor disagree on %zu %s cases\n", c.mismatches,
                         v.name);
            return 1;
        }
        const std::string label = "cap binds " + std::to_string(c.capped * 1000 / hot_cases / 10) + "." +
                                  std::to_string(c.capped * 1000 / hot_cases % 10) + "%";
        const std::string base = std::string("apply_cap/") + v.name;
        const Variant variant = v.variant;
        benchmark::RegisterBenchmark((base + "/engine").c_str(),
                                     [variant, label](benchmark::State& s) {
                                         BM_apply_cap_engine(s, variant);
                                         s.SetLabel(label);
                                     })
            ->Unit(benchmark::kMillisecond);
        benchmark::RegisterBenchmark((base + "/int64_floor").c_str(),
                                     [variant, label](benchmark::State& s) {
                                         BM_apply_cap_floor(s, variant);
                                         s.SetLabel(label);
                                     })
            ->Unit(benchmark::kMillisecond);
    }
    benchmark::RegisterBenchmark("money/parse_fr", BM_parse)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("money/to_string", BM_to_string)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("money/format_fr", BM_format_fr)->Unit(benchmark::kMillisecond);
    benchmark::RegisterBenchmark("allocate/int_weights", BM_allocate)->Arg(5)->Arg(50)->Unit(benchmark::kMillisecond);

    if (console) {
        RatioReporter reporter(color);
        benchmark::RunSpecifiedBenchmarks(&reporter);
    } else {
        benchmark::RunSpecifiedBenchmarks();
    }
    benchmark::Shutdown();
    return 0;
}
