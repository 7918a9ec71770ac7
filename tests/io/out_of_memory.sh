#!/bin/sh
# Running out of memory is exit 1 with a clear message, never a crash or "internal error":
# a scenario of 40,000 projects validated under an address-space limit (ulimit -v) far below
# what it needs. Usage: out_of_memory.sh DRIVER CATALOG WORKDIR
set -u
driver=$1 catalog=$2 work=$3
rm -rf "$work" && mkdir -p "$work" && cp "$catalog" "$work/catalog.yaml" || exit 1
awk 'BEGIN {
    print "format_version: 1\ncatalog: catalog.yaml\nterritory:\n  communes:\n    - {insee: \"14047\", name: Bayeux, population: 12775}\nprojects:"
    for (i = 0; i < 40000; i++)
        printf "  - {id: p%d, owner: {commune: \"14047\"}, nature: investment, category: works, expenses: [{year: 2024, amount: 1000}], measures: [{measure: detr, rate: 40%%}]}\n", i
}' > "$work/big.yaml" || exit 1
# The file itself is valid: without a limit it validates.
"$driver" validate "$work/big.yaml" 2> "$work/free.err" || { echo "big.yaml does not validate:"; cat "$work/free.err"; exit 1; }
( ulimit -v 60000 && exec "$driver" validate "$work/big.yaml" ) > "$work/out" 2> "$work/err"
status=$?
if [ "$status" -ne 1 ]; then echo "exit status $status, expected 1"; cat "$work/err"; exit 1; fi
if ! grep -q '^subsidy-calc: out of memory: ' "$work/err"; then echo "no out-of-memory message:"; cat "$work/err"; exit 1; fi
if grep -q 'internal error' "$work/err"; then echo "an internal error:"; cat "$work/err"; exit 1; fi
if [ -s "$work/out" ]; then echo "standard output is not empty"; exit 1; fi
echo "out of memory: exit 1, $(cat "$work/err")"
