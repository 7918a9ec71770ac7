#!/bin/sh
# Progress on standard error (examples/progress.hpp): shown on a terminal, silent otherwise
# and under --quiet. A terminal is made with script(1), whose log lives in WORK.
# Usage: progress.sh DRIVER SCENARIO WORK
set -u
driver=$1 scenario=$2 work=$3
rm -rf "$work" && mkdir -p "$work" || exit 1
fail() { echo "progress: $*"; exit 1; }
# On a terminal, every step (shown at once: SUBSIDY_PROGRESS_AFTER_MS=0) is said when it ends.
SUBSIDY_PROGRESS_AFTER_MS=0 script -q -e -c "\"$driver\" compute \"$scenario\" -o \"$work/out.txt\"" "$work/tty.log" >"$work/tty.stdout" 2>&1 ||
    { cat "$work/tty.log"; fail "compute on a terminal failed"; }
grep -q 'subsidy-calc: read 3 projects, 3 communes in ' "$work/tty.log" || { cat "$work/tty.log"; fail "no 'read' line on a terminal"; }
grep -q 'subsidy-calc: planned 3 projects in ' "$work/tty.log" || { cat "$work/tty.log"; fail "no 'planned' line on a terminal"; }
# --quiet: nothing but the output.
SUBSIDY_PROGRESS_AFTER_MS=0 script -q -e -c "\"$driver\" compute \"$scenario\" --quiet -o \"$work/out2.txt\"" "$work/quiet.log" >"$work/quiet.stdout" 2>&1 ||
    fail "compute --quiet on a terminal failed"
if grep -q 'subsidy-calc:' "$work/quiet.log"; then cat "$work/quiet.log"; fail "progress under --quiet"; fi
# Standard error a file: silent.
SUBSIDY_PROGRESS_AFTER_MS=0 "$driver" compute "$scenario" -o "$work/out3.txt" 2>"$work/err.txt" || fail "compute failed"
if [ -s "$work/err.txt" ]; then cat "$work/err.txt"; fail "progress written to a file"; fi
cmp -s "$work/out.txt" "$work/out3.txt" || fail "the output differs with progress shown"
echo "progress: shown on a terminal, silent under --quiet and into a file"
