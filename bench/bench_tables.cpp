// Throughput of the CSV table reader (src/csv_table.hpp), issue 14's "CSV ≥ 200 MB/s".
//
// "csv/parse/<table>" reads a table of 100 000 rows generated once (fixed seed) in the shape
// of the real files: "communes" like data/open/pvd-communes-2021.csv (9 short columns, a
// third of the names quoted), "grants" like data/open/dotations-investissement-2019.csv (11
// columns, a long quoted description with commas and doubled quotes). "csv/floor/<table>"
// runs over the same text the least any reader does: find every line end and separator
// (memchr-based std::count of each byte), the floor the reader is compared with in the same
// run. bytes_per_second is the counter to read; the console prints the ratio reader/floor.
//
//   cmake --preset release && cmake --build --preset release --target bench_tables
//   ./build/release/bench/bench_tables --benchmark_repetitions=5 --benchmark_report_aggregates_only=true
#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdint>
#include <random>
#include <string>

#include "csv_table.hpp"

namespace {

using subsidy::io::detail::Context;
using subsidy::io::detail::parse_csv;

constexpr std::size_t rows = 100'000;

std::string communes_table() {
    std::mt19937_64 random(20261201);
    std::string t = "id_pvd,insee_com,lib_com,insee_dep,lib_dep,lib_reg,pop,siren_epci,lib_epci\n";
    for (std::size_t r = 0; r < rows; ++r) {
        const unsigned dep = 1 + static_cast<unsigned>(random() % 95);
        const std::string code = (dep < 10 ? "0" : "") + std::to_string(dep) + std::to_string(100 + random() % 900);
        const bool quoted = random() % 3 == 0;
        t += "pvd-28-" + std::to_string(dep) + "-" + std::to_string(r % 40) + "," + code + "," +
             (quoted ? "\"Saint-Martin, lès Bains\"" : "Villeneuve-sur-Lot") + "," + code.substr(0, 2) +
             ",Lot-et-Garonne,Nouvelle-Aquitaine," + std::to_string(1000 + random() % 19000) + ",2" +
             std::to_string(10000000 + random() % 89999999) + ",CC du Pays de Villeneuve\n";
    }
    return t;
}

std::string grants_table() {
    std::mt19937_64 random(20261202);
    std::string t = "id_projet,id_dep,id_terr,nom_terr,pop19,dotation,echelon,categorie,description,cout_total,montant_sub\n";
    for (std::size_t r = 0; r < rows; ++r) {
        const unsigned dep = 1 + static_cast<unsigned>(random() % 95);
        const std::string code = (dep < 10 ? "0" : "") + std::to_string(dep) + std::to_string(100 + random() % 900);
        t += "di19_com" + std::to_string(r) + "," + code.substr(0, 2) + "," + code + ",Souzy," + std::to_string(random() % 20000) +
             ",DETR,commune,8 - Contrat de Ruralité,\"Réhabilitation de l'école, de la cantine et du \"\"préau\"\" (tranche " +
             std::to_string(random() % 3) + ")\"," + std::to_string(10000 + random() % 900000) + "." + std::to_string(10 + random() % 90) +
             "," + std::to_string(1000 + random() % 90000) + "\n";
    }
    return t;
}

const std::string& table(int which) {
    static const std::string communes = communes_table(), grants = grants_table();
    return which == 0 ? communes : grants;
}

void parse(benchmark::State& state) {
    const std::string& text = table(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        Context cx("bench.csv");
        const auto t = parse_csv(cx, text);
        if (cx.failed() || t.rows() != rows) state.SkipWithError("the table does not read");
        benchmark::DoNotOptimize(t.rows());
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

void floor(benchmark::State& state) {
    const std::string& text = table(static_cast<int>(state.range(0)));
    for (auto _ : state) {
        const auto lines = std::count(text.begin(), text.end(), '\n');
        const auto cells = std::count(text.begin(), text.end(), ',');
        benchmark::DoNotOptimize(lines + cells);
    }
    state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * text.size()));
}

}  // namespace

BENCHMARK(parse)->Name("csv/parse")->ArgName("communes0_grants1")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);
BENCHMARK(floor)->Name("csv/floor")->ArgName("communes0_grants1")->Arg(0)->Arg(1)->Unit(benchmark::kMillisecond);

BENCHMARK_MAIN();
