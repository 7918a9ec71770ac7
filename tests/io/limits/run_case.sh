#!/bin/sh
# One case of the inputs that cannot live in the tree: a FIFO, a directory named .yaml, a
# symbolic link loop, a device, a name too long, files above the size limit, a bomb of
# aliases, 20,000 misspelt owners. Made at test time in a fresh directory of the build tree,
# then `subsidy-calc validate` is run there and must give exactly the expected standard error,
# nothing on standard output and the expected status, within a bounded time.
#
#   sh run_case.sh DRIVER WORK_DIR BAD_DIR CASE
#
# DRIVER: subsidy-calc; WORK_DIR: where the case's directory is made (emptied first);
# BAD_DIR: tests/io/bad, for its valid catalog.yaml. Exit 0: passed; 77: skipped; 1: failed.
# Nothing outside WORK_DIR is written; /dev/zero is only read, through a symlink in WORK_DIR.
set -u
driver=$1 work=$2 bad=$3 case=$4
dir="$work/$case"
rm -rf "$dir" && mkdir -p "$dir" && cd "$dir" || exit 1
cp "$bad/catalog.yaml" catalog.yaml || exit 1

status=2 expected="" limit="" stdin="" seconds=30

# validate FILE, with SUBSIDY_MAX_INPUT_BYTES=$limit if set and standard input from $stdin.
run() {
    t=""
    if command -v timeout >/dev/null 2>&1; then t="timeout $seconds"; fi
    if [ -n "$limit" ]; then set -- env "SUBSIDY_MAX_INPUT_BYTES=$limit" "$driver" validate "$@"; else set -- "$driver" validate "$@"; fi
    if [ -n "$stdin" ]; then $t "$@" <"$stdin" >out.txt 2>err.txt; else $t "$@" </dev/null >out.txt 2>err.txt; fi
    echo $? >status.txt
}

# A scenario naming `catalog` (relative to it).
scenario_naming() {
    printf 'format_version: 1\ncatalog: %s\nterritory:\n  communes: []\nprojects: []\n' "$1" >scenario.yaml
}

size_of() { wc -c <"$1" | tr -d ' '; }
long_name() { printf 'n%.0s' $(seq 1 300); printf '.yaml'; }
limit_text="for an input (set SUBSIDY_MAX_INPUT_BYTES to change it; the default is 256 MiB)"
not_regular="not a regular file: expected a regular file (or - for standard input)"

case $case in
file-fifo)
    mkfifo fifo.yaml || exit 1
    run fifo.yaml
    expected="fifo.yaml: error[E001]: a FIFO (named pipe), $not_regular" ;;
file-directory)
    mkdir dir.yaml && run dir.yaml
    expected="dir.yaml: error[E001]: a directory, $not_regular" ;;
file-device)
    [ -c /dev/zero ] || { echo "skipped: no /dev/zero"; exit 77; }
    ln -s /dev/zero zero.yaml && run zero.yaml
    expected="zero.yaml: error[E001]: a character device, $not_regular" ;;
file-symlink-loop)
    ln -s loop-b.yaml loop-a.yaml && ln -s loop-a.yaml loop-b.yaml && run loop-a.yaml
    expected="loop-a.yaml: error[E001]: too many levels of symbolic links (a symbolic link loop?): expected a regular file" ;;
file-long-name)
    name=$(long_name) && run "$name"
    expected="$name: error[E001]: the file name is too long: expected the name of a regular file" ;;
file-missing)
    run missing.yaml
    expected="missing.yaml: error[E001]: no such file" ;;
file-permission-denied)
    [ "$(id -u)" != 0 ] || { echo "skipped: root may read every file"; exit 77; }
    chmod 000 catalog.yaml && run catalog.yaml
    expected="catalog.yaml: error[E001]: permission denied: the file cannot be opened for reading" ;;
file-above-limit)
    limit=100 && run catalog.yaml
    expected="catalog.yaml: error[E001]: the file has $(size_of catalog.yaml) bytes, more than the limit of 100 bytes $limit_text" ;;
file-at-limit)
    limit=$(size_of catalog.yaml) && run catalog.yaml
    status=0 expected="1 file valid" ;;
file-stdin-above-limit)
    limit=100 stdin=catalog.yaml && run -
    expected="<stdin>: error[E001]: standard input has more than the limit of 100 bytes $limit_text" ;;
file-limit-not-a-number)
    limit=12x && run catalog.yaml
    expected="catalog.yaml: error[E001]: SUBSIDY_MAX_INPUT_BYTES is '12x': expected the largest input as a whole number of bytes, such as 268435456" ;;
file-catalog-fifo)
    mkfifo cat.yaml && scenario_naming cat.yaml && run scenario.yaml
    expected="./cat.yaml: error[E001]: a FIFO (named pipe), $not_regular" ;;
file-catalog-directory)
    mkdir cat.yaml && scenario_naming cat.yaml && run scenario.yaml
    expected="./cat.yaml: error[E001]: a directory, $not_regular" ;;
file-catalog-symlink-loop)
    ln -s loop-b.yaml loop-a.yaml && ln -s loop-a.yaml loop-b.yaml && scenario_naming loop-a.yaml && run scenario.yaml
    expected="./loop-a.yaml: error[E001]: too many levels of symbolic links (a symbolic link loop?): expected a regular file" ;;
file-catalog-long-name)
    name=$(long_name) && scenario_naming "$name" && run scenario.yaml
    expected="./$name: error[E001]: the file name is too long: expected the name of a regular file" ;;
limit-alias-bomb)
    # 5,000 projects whose units are one 5,000-unit list, by alias: 1 MB of text, 175 million
    # nodes for the readers to walk (they took 1.27 GB and minutes).
    awk 'BEGIN {
        print "format_version: 1\ncatalog: catalog.yaml\nterritory:\n  communes:"
        print "    - {insee: \"14047\", name: Bayeux, population: 12775}\nprojects:\n  - id: p0"
        print "    owner: {commune: \"14047\"}\n    nature: investment\n    category: works"
        printf "    expenses: [{year: 2024, amount: 1000}]\n    units: &u ["
        for (i = 0; i < 5000; ++i) printf "%s{kind: volunteer, count: 1, date: 2024-01-01}", i ? ", " : ""
        print "]\n    measures: [department-investment]"
        for (i = 1; i < 5000; ++i) printf "  - {id: p%d, owner: {commune: \"14047\"}, nature: investment, category: works, expenses: [{year: 2024, amount: 1000}], units: *u, measures: [department-investment]}\n", i
    }' >bomb.yaml
    run bomb.yaml
    # 35,001 nodes per alias and 22 per project around it: project p285 (line 298) crosses 10 million.
    expected="bomb.yaml:298:127: error[E004]: this alias makes the file more than 10000000 nodes as the readers walk it (an alias counts the nodes it names, each time): the limit of a file" ;;
misspelt-owners)
    # 20,000 communes and 20,000 projects, each owner a commune code with one digit changed.
    seconds=120
    awk 'BEGIN {
        print "format_version: 1\ncatalog: catalog.yaml\nterritory:\n  communes:"
        for (i = 0; i < 20000; ++i) printf "    - {insee: \"%05d\", name: T%d, population: 100}\n", 10000 + 4 * i, i
        print "projects:"
        for (i = 0; i < 20000; ++i) printf "  - {id: p%d, owner: {commune: \"%05d\"}, nature: investment, category: works, expenses: [{year: 2024, amount: 1000}], measures: [department-investment]}\n", i, 10001 + 4 * i
    }' >owners.yaml
    start=$(date +%s) && run owners.yaml && elapsed=$(( $(date +%s) - start ))
    lines=$(grep -c "is not in the territory (did you mean '" err.txt)
    if [ "$(cat status.txt)" = 2 ] && [ "$lines" = 20000 ] && [ ! -s out.txt ]; then
        echo "20,000 misspelt owners, each with a suggestion: ${elapsed} s"; exit 0
    fi
    echo "expected 20,000 unknown owners with a suggestion, exit 2: got $lines, exit $(cat status.txt)"; head -3 err.txt; exit 1 ;;
*)
    echo "run_case.sh: no case '$case'"; exit 1 ;;
esac

printf '%s\n' "$expected" >expected.txt
failed=0
if [ "$(cat status.txt)" != "$status" ]; then echo "exit status $(cat status.txt), expected $status"; failed=1; fi
if [ -s out.txt ]; then echo "standard output is not empty:"; cat out.txt; failed=1; fi
if ! cmp -s expected.txt err.txt; then
    echo "standard error differs (- expected, + actual):"; diff expected.txt err.txt; failed=1
fi
exit $failed
