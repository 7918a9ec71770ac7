#!/bin/sh
# subsidy-calc against what a user would run instead, on the same generated cases, in pairs:
# each round runs both programs one after the other, so that a machine busy for a moment
# slows both; the ratio printed is the median of the rounds' ratios (wall time, whole process,
# start-up included).
#
#   bench/peers.sh [BUILD_DIR] [PEERS_DIR]
#
# BUILD_DIR: a release build (default build/release); PEERS_DIR: the peers' programs
# (default ../shared/peers, beside the repository: gen_cases.py, python/, publicodes/).
# Pairs run: `subsidy-calc compute` on the YAML scenario, then on the same cases as CSV tables
# (bench/peers_tables.py), against python/peer_decimal.py (100,000 project-years), and the
# YAML scenario against publicodes/run.mjs on 2,000 project-years when its packages are
# installed: in PEERS_DIR/publicodes, or in a copy named by PUBLICODES (for a
# read-only PEERS_DIR: cp -r PEERS_DIR/publicodes /tmp/pub && npm ci --prefix /tmp/pub).
# ROUNDS (default 5) sets the rounds.
set -eu

build=${1:-build/release}
peers=${2:-../shared/peers}
rounds=${ROUNDS:-5}
calc="$build/examples/subsidy-calc"
[ -x "$calc" ] || { echo "peers.sh: $calc not found: cmake --preset release && cmake --build build/release" >&2; exit 2; }
[ -f "$peers/gen_cases.py" ] || { echo "peers.sh: $peers/gen_cases.py not found: give the peers' directory" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The scenario names pvd-nobudgets.yaml beside it: the PVD catalog without its budgets.
make_cases() {  # DIR YEARS
    python3 "$peers/gen_cases.py" "$1" --years "$2" >/dev/null
    python3 - "$(dirname "$0")/../data/catalogs/pvd.yaml" "$1/pvd-nobudgets.yaml" <<'EOF'
import re, sys
out, skip = [], False
for line in open(sys.argv[1], encoding="utf-8").read().split("\n"):
    if re.match(r"^budgets:", line):
        skip = True
        continue
    if skip and re.match(r"^\S", line):
        skip = False
    if not skip:
        out.append(line)
open(sys.argv[2], "w", encoding="utf-8").write("\n".join(out))
EOF
}

now_ns() { date +%s%N; }

# Runs "$@" once, its output thrown away in the work directory; prints the wall time in ns.
timed() {
    start=$(now_ns)
    "$@" >"$work/out" 2>"$work/err" || { echo "peers.sh: failed: $*" >&2; cat "$work/err" >&2; exit 1; }
    echo $(($(now_ns) - start))
}

# pair NAME YEARS -- A... -- B...: the median over the rounds of time(B) / time(A).
pair() {
    name=$1 years=$2
    shift 2
    shift  # --
    a=""
    while [ "$1" != "--" ]; do a="$a $1"; shift; done
    shift
    ratios="" ta_all="" tb_all=""
    i=0
    while [ $i -lt "$rounds" ]; do
        # shellcheck disable=SC2086
        ta=$(timed $a)
        tb=$(timed "$@")
        ratios="$ratios $(echo "$tb $ta" | awk '{printf "%.3f", $1 / $2}')"
        ta_all="$ta_all $ta" tb_all="$tb_all $tb"
        i=$((i + 1))
    done
    median() { echo "$@" | tr ' ' '\n' | grep . | sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
    ma=$(median $ta_all) mb=$(median $tb_all)
    printf '%-44s subsidy %8.3f s (%7.0f ns/case)  peer %8.3f s (%9.0f ns/case)  peer/subsidy %8.2fx\n' \
        "$name" "$(echo "$ma" | awk '{print $1/1e9}')" "$(echo "$ma $years" | awk '{print $1/$2}')" \
        "$(echo "$mb" | awk '{print $1/1e9}')" "$(echo "$mb $years" | awk '{print $1/$2}')" "$(median $ratios)"
}

make_cases "$work/c100k" 100000
pair "YAML scenario vs Python decimal (100,000)" 100000 \
    -- "$calc" compute "$work/c100k/scenario.yaml" -o "$work/envelopes.txt" \
    -- python3 "$peers/python/peer_decimal.py" "$work/c100k/cases.json"

# The same cases as CSV tables (bench/peers_tables.py: projects, and their expenses, requests
# and flags joined on the project's id): first checked to give the YAML scenario's output,
# byte for byte, once the scenario's own name is set aside.
python3 "$(dirname "$0")/peers_tables.py" "$work/c100k"
"$calc" compute "$work/c100k/scenario.yaml" -o "$work/yaml.txt"
"$calc" compute "$work/c100k/scenario-tables.yaml" -o "$work/tables.txt"
sed 's/scenario-tables\.yaml/scenario.yaml/' "$work/tables.txt" | cmp -s - "$work/yaml.txt" ||
    { echo "peers.sh: the CSV tables and the YAML scenario give different outputs" >&2; exit 1; }
pair "CSV tables vs Python decimal (100,000)" 100000 \
    -- "$calc" compute "$work/c100k/scenario-tables.yaml" -o "$work/envelopes.txt" \
    -- python3 "$peers/python/peer_decimal.py" "$work/c100k/cases.json"

pub=${PUBLICODES:-$peers/publicodes}
if [ -d "$pub/node_modules" ]; then
    make_cases "$work/c2k" 2000
    pair "YAML scenario vs Publicodes (2,000)" 2000 \
        -- "$calc" compute "$work/c2k/scenario.yaml" -o "$work/envelopes.txt" \
        -- node "$pub/run.mjs" "$work/c2k/cases.json"
else
    echo "Publicodes: skipped (its packages are not installed: see the head of this script)"
fi
