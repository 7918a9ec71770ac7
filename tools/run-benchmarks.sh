#!/bin/sh
# The national benchmark suite in one command: builds the release preset, runs bench_batch
# (3 repetitions, medians) and, in its own process so that its peak memory is its own, the
# ~35,000-commune run; writes the JSON reports to build/release/bench-results/ and prints the
# table of bench/README.md from them.
set -eu
cd "$(dirname "$0")/.."
cmake --preset release >/dev/null
cmake --build --preset release --target bench_batch subsidy-calc
out=build/release/bench-results
mkdir -p "$out"
./build/release/bench/bench_batch --benchmark_filter=-AllCommunes --benchmark_repetitions=3 \
    --benchmark_report_aggregates_only=true --benchmark_out="$out/national.json" --benchmark_out_format=json
./build/release/bench/bench_batch --benchmark_filter=AllCommunes \
    --benchmark_out="$out/all-communes.json" --benchmark_out_format=json
python3 bench/summarize.py "$out/national.json" "$out/all-communes.json"
