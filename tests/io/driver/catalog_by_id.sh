#!/bin/sh
# subsidy-calc catalog ID (tests/io/CMakeLists.txt, io.driver.catalog-by-id).
#   $1: the driver; $2: a directory given as $SUBSIDY_DATA_DIR, which has population.yaml;
#   $3: a scratch directory of the build tree for the outputs.
# `catalog population` reads $2/population.yaml; `catalog nosuch` is one E001 line on standard
# error naming the id and the directories looked in, $2 first, exit 2, nothing on stdout.
driver=$1
dir=$2
work=$3
fail() { echo "io.driver.catalog-by-id: $*" >&2; exit 1; }
rm -rf "$work" && mkdir -p "$work" || fail "cannot make $work"

SUBSIDY_DATA_DIR=$dir "$driver" catalog population > "$work/found.out" 2> "$work/found.err" || fail "catalog population: exit $?"
first=$(head -n 1 "$work/found.out")
[ "$first" = "Catalog $dir/population.yaml: Test programme (t)" ] || fail "catalog population: first line '$first'"
grep -qx '    source: not given' "$work/found.out" || fail "catalog population: no 'source: not given' line"
[ -s "$work/found.err" ] && fail "catalog population: standard error: $(cat "$work/found.err")"

SUBSIDY_DATA_DIR=$dir "$driver" catalog nosuch > "$work/unknown.out" 2> "$work/unknown.err"
status=$?
[ "$status" -eq 2 ] || fail "catalog nosuch: exit $status, expected 2"
[ -s "$work/unknown.out" ] && fail "catalog nosuch: standard output is not empty"
[ "$(wc -l < "$work/unknown.err")" -eq 1 ] || fail "catalog nosuch: expected one line, got: $(cat "$work/unknown.err")"
prefix="nosuch: error[E001]: no catalog 'nosuch' in the data directories ($dir, "
suffix="); give a catalog id found there, or a path (with a '/', or ending in .yaml, .yml or .json)"
line=$(cat "$work/unknown.err")
case "$line" in
    "$prefix"*"$suffix") ;;
    *) fail "catalog nosuch: standard error: $line" ;;
esac
echo "catalog by id: ok"
