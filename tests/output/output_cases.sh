#!/usr/bin/env bash
# The output rules of the drivers (docs/output.md), proved with the real subsidy-calc on the
# valid scenario of tests/io/bad/ (label "output"; see CMakeLists.txt).
#
#   output_cases.sh CASE      with DRIVER (subsidy-calc), DATA (tests/io/bad) and, for the
#                             case "generator", GENERATE (subsidy-generate) and CATALOG (pvd.yaml)
#
# Each case runs in a fresh `mktemp -d` directory (removed afterwards): the scenario and its
# catalog are copied into $W, where the driver runs; what is compared against is kept apart,
# in $R. Exit status: 0 passed, 1 failed (every difference is printed), 77 skipped.
# Nothing outside the temporary directory is ever written: no system path is given to the
# driver (the device case uses device nodes made in the temporary directory).
set -u

CASE=${1:?usage: output_cases.sh CASE}
: "${DRIVER:?DRIVER=path/to/subsidy-calc is required}"
: "${DATA:?DATA=tests/io/bad is required}"

T=$(mktemp -d "${TMPDIR:-/tmp}/subsidy-output.XXXXXX") || exit 1
trap 'chmod -R u+rwX "$T" 2>/dev/null; rm -rf "$T"' EXIT
W=$T/work
R=$T/ref
mkdir "$W" "$R"
cp "$DATA/scenario.yaml" "$DATA/catalog.yaml" "$W/"
cd "$W" || exit 1

failures=0
fail() {
    echo "FAIL [$CASE]: $*"
    failures=$((failures + 1))
}
skip() {
    echo "SKIP [$CASE]: $*"
    exit 77
}
note() { echo "  [$CASE] $*"; }

# The files of $W (hidden ones too), one line: a temporary left over shows here.
listing() { (cd "$W" && ls -A | LC_ALL=C sort | tr '\n' ' '); }
sum() { cksum < "$1"; }
mode_of() { stat -c %a "$1"; }
type_of() { stat -c %F "$1"; }

# run NAME ARGS...: runs the driver in $W; $status, stdout in $R/NAME.out, stderr in $R/NAME.err.
run() {
    local name=$1
    shift
    "$DRIVER" "$@" > "$R/$name.out" 2> "$R/$name.err"
    status=$?
}
expect_status() {  # WANT WHAT
    [ "$status" = "$1" ] || fail "$2: exit status $status, expected $1; stderr: $(cat "$R/$3.err" 2>/dev/null)"
}
expect_stderr() {  # NAME TEXT: the standard error of run NAME contains TEXT
    grep -qF -- "$2" "$R/$1.err" || fail "$1: standard error does not contain '$2': $(cat "$R/$1.err")"
}
expect_same() {  # FILE EXPECTED WHAT
    if ! cmp -s "$1" "$2"; then
        fail "$3: $1 differs from the expected report"
        diff "$2" "$1" | head -20
    fi
}
expect_listing() {  # EXPECTED WHAT
    local now
    now=$(listing)
    [ "$now" = "$1" ] || fail "$2: the directory holds '$now', expected '$1' (a temporary or a file left?)"
}

# The report on standard output: what every -o must write, byte for byte.
"$DRIVER" compute scenario.yaml > "$R/expected.txt" 2> "$R/expected.err" || {
    echo "FAIL [$CASE]: the baseline run failed: $(cat "$R/expected.err")"
    exit 1
}
[ -s "$R/expected.txt" ] || { echo "FAIL [$CASE]: the baseline report is empty"; exit 1; }
base=$(listing)

case $CASE in

plain)  # 1. -o out.txt: the bytes of standard output, no temporary left
    run plain compute scenario.yaml -o out.txt
    expect_status 0 "-o out.txt" plain
    expect_same out.txt "$R/expected.txt" "-o out.txt"
    [ -s "$R/plain.out" ] && fail "-o out.txt also wrote standard output"
    expect_listing "catalog.yaml out.txt scenario.yaml " "-o out.txt"
    # again, over the file now there (replaced, not appended)
    run again compute scenario.yaml -o ./out.txt
    expect_status 0 "-o ./out.txt over an existing file" again
    expect_same out.txt "$R/expected.txt" "-o ./out.txt over an existing file"
    expect_listing "catalog.yaml out.txt scenario.yaml " "-o ./out.txt over an existing file"
    # -o naming standard output itself (as /dev/stdout would): written through it, appended
    echo LOG > log.txt
    "$DRIVER" compute scenario.yaml -o log.txt >> log.txt 2> "$R/append.err"
    status=$?
    expect_status 0 "-o log.txt >> log.txt" append
    { echo LOG; cat "$R/expected.txt"; } > "$R/appended.txt"
    expect_same log.txt "$R/appended.txt" "-o log.txt >> log.txt (the log kept, the report appended)"
    expect_listing "catalog.yaml log.txt out.txt scenario.yaml " "-o log.txt >> log.txt"
    ;;

symlink)  # 2. a link is followed to its target and stays a link; chains; dangling links
    echo old > target.txt
    ln -s target.txt link
    ln -s link link2
    run link compute scenario.yaml -o link
    expect_status 0 "-o link" link
    [ -L link ] || fail "-o link: link is no longer a symbolic link ($(type_of link))"
    [ "$(readlink link)" = target.txt ] || fail "-o link: link now points at $(readlink link)"
    expect_same target.txt "$R/expected.txt" "-o link (target.txt)"
    echo old > target.txt
    run chain compute scenario.yaml -o link2
    expect_status 0 "-o link2 (link2 -> link -> target.txt)" chain
    { [ -L link2 ] && [ -L link ]; } || fail "-o link2: the chain is broken: $(ls -l link2 link)"
    expect_same target.txt "$R/expected.txt" "-o link2 (target.txt)"
    mkdir sub
    ln -s sub/new.txt dangling
    run dangling compute scenario.yaml -o dangling
    expect_status 0 "-o dangling (-> sub/new.txt)" dangling
    [ -L dangling ] || fail "-o dangling: no longer a symbolic link"
    expect_same sub/new.txt "$R/expected.txt" "-o dangling (sub/new.txt, created)"
    ln -s ../target.txt sub/up  # relative to the link's directory, not the current one
    echo old > target.txt
    run up compute scenario.yaml -o sub/up
    expect_status 0 "-o sub/up (-> ../target.txt)" up
    expect_same target.txt "$R/expected.txt" "-o sub/up (target.txt)"
    ln -s missing-dir/x dangling-nowhere
    run nowhere compute scenario.yaml -o dangling-nowhere
    expect_status 2 "-o dangling-nowhere (-> missing-dir/x)" nowhere
    expect_stderr nowhere "dangling-nowhere: "
    [ -e missing-dir ] && fail "-o dangling-nowhere created missing-dir"
    expect_listing "catalog.yaml dangling dangling-nowhere link link2 scenario.yaml sub target.txt " "symbolic links"
    [ "$(cd sub && ls -A | LC_ALL=C sort | tr '\n' ' ')" = "new.txt up " ] || fail "sub/ holds $(ls -A sub)"
    ;;

mode)  # 3. the mode of an existing file is kept; a new file has 0666 less the umask
    echo secret > private.txt
    chmod 600 private.txt
    run private compute scenario.yaml -o private.txt
    expect_status 0 "-o private.txt (mode 600)" private
    expect_same private.txt "$R/expected.txt" "-o private.txt"
    [ "$(mode_of private.txt)" = 600 ] || fail "-o private.txt: mode $(mode_of private.txt), expected 600"
    chmod 640 private.txt
    ln -s private.txt private-link
    run via-link compute scenario.yaml -o private-link
    expect_status 0 "-o private-link (-> private.txt, mode 640)" via-link
    [ "$(mode_of private.txt)" = 640 ] || fail "-o private-link: mode $(mode_of private.txt), expected 640"
    (umask 027 && "$DRIVER" compute scenario.yaml -o new.txt) 2> "$R/new.err"
    status=$?
    expect_status 0 "-o new.txt with umask 027" new
    [ "$(mode_of new.txt)" = 640 ] || fail "-o new.txt with umask 027: mode $(mode_of new.txt), expected 640"
    expect_listing "catalog.yaml new.txt private-link private.txt scenario.yaml " "modes"
    ;;

readonly)  # 3. a read-only file: refused for a user (exit 2); root writes it, and it stays 0444
    echo old > ro.txt
    chmod 444 ro.txt
    before=$(sum ro.txt)
    # as a user: refused, the file unchanged
    if [ "$(id -u)" = 0 ]; then
        if ! command -v setpriv > /dev/null || ! setpriv --reuid=65534 --regid=65534 --clear-groups true 2> /dev/null; then
            note "no setpriv: the refusal for a user is not checked (only root's rule)"
            as_user=""
        else
            as_user="setpriv --reuid=65534 --regid=65534 --clear-groups"
            chmod 755 "$T"
            chmod 777 "$W"  # the directory is writable: only the file is read-only
            chmod 755 "$R"
            if ! $as_user test -r "$W/scenario.yaml"; then
                note "user 65534 cannot read $W (TMPDIR not traversable): the refusal for a user is not checked"
                as_user=""
            fi
        fi
    else
        as_user="env"
    fi
    if [ -n "$as_user" ]; then
        $as_user "$DRIVER" compute scenario.yaml -o ro.txt > "$R/user.out" 2> "$R/user.err"
        status=$?
        expect_status 2 "-o ro.txt (0444) as user $($as_user id -u)" user
        expect_stderr user "ro.txt: "
        expect_stderr user "not writable"
        [ "$(sum ro.txt)" = "$before" ] || fail "-o ro.txt as a user: the file changed"
        [ "$(mode_of ro.txt)" = 444 ] || fail "-o ro.txt as a user: mode $(mode_of ro.txt)"
        expect_listing "catalog.yaml ro.txt scenario.yaml " "-o ro.txt as a user"
    fi
    # as root: written (as `sort -o`, `cp` do), still read-only, still its owner's
    if [ "$(id -u)" = 0 ]; then
        chown 65534:65534 ro.txt 2> /dev/null && owned=1 || owned=0
        run root compute scenario.yaml -o ro.txt
        expect_status 0 "-o ro.txt (0444) as root" root
        expect_same ro.txt "$R/expected.txt" "-o ro.txt as root"
        [ "$(mode_of ro.txt)" = 444 ] || fail "-o ro.txt as root: mode $(mode_of ro.txt), expected 444"
        if [ $owned = 1 ]; then
            [ "$(stat -c %u:%g ro.txt)" = 65534:65534 ] || fail "-o ro.txt as root: owner $(stat -c %u:%g ro.txt), expected 65534:65534"
        fi
        expect_listing "catalog.yaml ro.txt scenario.yaml " "-o ro.txt as root"
    fi
    ;;

input)  # 4. an input of the run, under any name: refused, the input unchanged, nothing written
    scenario_sum=$(sum scenario.yaml)
    catalog_sum=$(sum catalog.yaml)
    ln -s scenario.yaml scenario-link
    ln scenario.yaml scenario-hard
    mkdir sub
    ln -s ../catalog.yaml sub/catalog-link
    base=$(listing)
    n=0
    for output in scenario.yaml ./scenario.yaml "$W/scenario.yaml" scenario-link scenario-hard catalog.yaml \
        ./catalog.yaml sub/catalog-link sub/../scenario.yaml; do
        n=$((n + 1))
        run "in$n" compute scenario.yaml -o "$output"
        expect_status 2 "-o $output" "in$n"
        expect_stderr "in$n" "$output: "
        expect_stderr "in$n" "is an input of this run"
        [ -s "$R/in$n.out" ] && fail "-o $output: something was written on standard output"
    done
    run explain explain scenario.yaml --project lead -o scenario-link
    expect_status 2 "explain -o scenario-link" explain
    # standard output appended to an input: refused too
    "$DRIVER" compute scenario.yaml >> scenario.yaml 2> "$R/append.err"
    status=$?
    expect_status 2 "compute scenario.yaml >> scenario.yaml" append
    expect_stderr append "is an input of this run"
    # standard input as the input, the same file as -o
    "$DRIVER" compute - -o scenario.yaml < scenario.yaml > "$R/stdin.out" 2> "$R/stdin.err"
    status=$?
    expect_status 2 "compute - -o scenario.yaml < scenario.yaml" stdin
    expect_stderr stdin "is an input of this run"
    [ "$(sum scenario.yaml)" = "$scenario_sum" ] || fail "the scenario changed"
    [ "$(sum catalog.yaml)" = "$catalog_sum" ] || fail "the catalog changed"
    [ -L scenario-link ] || fail "scenario-link is no longer a link"
    [ "$(stat -c %h scenario.yaml)" = 2 ] || fail "scenario.yaml has $(stat -c %h scenario.yaml) links, expected 2"
    expect_listing "$base" "inputs as outputs"
    ;;

fifo)  # 5. a FIFO is written, not replaced; a directory and a missing directory are refused
    mkfifo fifo
    ln -s fifo fifo-link
    for output in fifo fifo-link; do
        timeout 30 cat fifo > "$R/got" &
        reader=$!
        timeout 30 "$DRIVER" compute scenario.yaml -o "$output" > "$R/fifo.out" 2> "$R/fifo.err"
        status=$?
        wait "$reader"
        expect_status 0 "-o $output (a FIFO with a reader)" fifo
        [ -p fifo ] || fail "-o $output: fifo is no longer a FIFO ($(type_of fifo))"
        expect_same "$R/got" "$R/expected.txt" "-o $output (what the reader got)"
    done
    [ -L fifo-link ] || fail "fifo-link is no longer a link"
    mkdir dir
    base=$(listing)
    for output in dir dir/ . "$W" missing-dir/x missing-dir/ scenario.yaml/x; do
        run refused compute scenario.yaml -o "$output"
        expect_status 2 "-o $output" refused
        expect_stderr refused "$output: "
    done
    [ -d dir ] && [ -z "$(ls -A dir)" ] || fail "dir was written"
    expect_listing "$base" "refused directories"
    ;;

device)  # 6. a character device (made in the temporary directory: never a system path)
    [ "$(id -u)" = 0 ] || skip "device nodes need root"
    if ! mknod null c 1 3 2> /dev/null || ! mknod full c 1 7 2> /dev/null || ! (echo x > null) 2> /dev/null; then
        skip "cannot make or open a device node here (no CAP_MKNOD, or a nodev file system)"
    fi
    ln -s null null-link
    ln -s full full-link
    run null compute scenario.yaml -o null-link
    expect_status 0 "-o null-link (-> a null device)" null
    [ -c null ] && [ "$(stat -c %t:%T null)" = 1:3 ] || fail "-o null-link: null is now $(type_of null)"
    [ -L null-link ] || fail "-o null-link: no longer a link"
    # a device that is always full: ENOSPC, on standard output and for -o
    "$DRIVER" compute scenario.yaml > full 2> "$R/stdout-full.err"
    status=$?
    expect_status 1 "compute > full" stdout-full
    expect_stderr stdout-full "cannot write standard output: No space left on device"
    run full compute scenario.yaml -o full-link
    expect_status 1 "-o full-link (-> a full device)" full
    expect_stderr full "cannot write full-link: No space left on device"
    [ -c full ] && [ "$(stat -c %t:%T full)" = 1:7 ] || fail "-o full-link: full is now $(type_of full)"
    expect_listing "catalog.yaml full full-link null null-link scenario.yaml " "devices"
    ;;

limit)  # 7. a file-size limit (ulimit -f 1: 1024 bytes), on standard output and for -o
    "$DRIVER" compute scenario.yaml --full --format json > "$R/big.txt" || fail "the large report failed"
    size=$(wc -c < "$R/big.txt")
    [ "$size" -gt 2048 ] || fail "the report is $size bytes: too small to pass the limit"
    (trap '' XFSZ; ulimit -f 1; exec "$DRIVER" compute scenario.yaml --full --format json > big.txt 2> "$R/limit-stdout.err")
    status=$?
    expect_status 1 "compute > big.txt under ulimit -f 1" limit-stdout
    expect_stderr limit-stdout "cannot write standard output: File too large"
    rm -f big.txt
    # without the trap: SIGXFSZ is ignored by the driver while it writes
    (ulimit -f 1; exec "$DRIVER" compute scenario.yaml --full --format json -o new.json 2> "$R/limit-new.err")
    status=$?
    expect_status 1 "-o new.json under ulimit -f 1" limit-new
    expect_stderr limit-new "cannot write new.json: File too large"
    [ -e new.json ] && fail "-o new.json under the limit: a partial new.json was left"
    echo old > old.json
    before=$(sum old.json)
    (trap '' XFSZ; ulimit -f 1; exec "$DRIVER" compute scenario.yaml --full --format json -o old.json 2> "$R/limit-old.err")
    status=$?
    expect_status 1 "-o old.json under ulimit -f 1" limit-old
    expect_stderr limit-old "cannot write old.json: File too large"
    [ "$(sum old.json)" = "$before" ] || fail "-o old.json under the limit: the file changed"
    expect_listing "catalog.yaml old.json scenario.yaml " "under the file-size limit"
    ;;

closed)  # 8. standard output closed
    "$DRIVER" compute scenario.yaml >&- 2> "$R/closed.err"
    status=$?
    expect_status 1 "compute >&-" closed
    expect_stderr closed "cannot write standard output"
    expect_listing "$base" "compute >&-"
    ;;

pipe)  # 8. a broken pipe: killed by SIGPIPE (141) or exit 1, never 0; SIGPIPE ignored: exit 1
    # The reader closes its end before the driver writes (it reads the scenario from a FIFO
    # fed only then): the pipe is broken whatever the size of the report.
    broken_pipe() {  # IGNORE(0/1) NAME
        rm -f "$R/closed" "$R/$2.status"
        mkfifo "$R/in"
        (
            [ "$1" = 1 ] && trap '' PIPE
            { "$DRIVER" compute - 2> "$R/$2.err" < "$R/in"; echo $? > "$R/$2.status"; } |
                { exec 0<&-; : > "$R/closed"; }
        ) &
        local pipeline=$! i=0
        while [ ! -e "$R/closed" ] && [ $i -lt 3000 ]; do sleep 0.01; i=$((i + 1)); done
        cat scenario.yaml > "$R/in"
        wait "$pipeline"
        rm -f "$R/in"
        status=$(cat "$R/$2.status")
    }
    broken_pipe 0 default
    if [ "$status" = 0 ]; then
        fail "a broken pipe (SIGPIPE default): exit status 0, with the report lost"
    elif [ "$status" != 141 ] && [ "$status" != 1 ]; then
        fail "a broken pipe (SIGPIPE default): exit status $status, expected 141 (SIGPIPE) or 1"
    fi
    note "broken pipe, SIGPIPE default: exit status $status"
    broken_pipe 1 ignored
    expect_status 1 "a broken pipe with SIGPIPE ignored" ignored
    expect_stderr ignored "cannot write standard output: Broken pipe"
    # and as a shell pipeline would: the driver | head -c1
    (trap '' PIPE; "$DRIVER" compute scenario.yaml --full --format json | head -c1 > /dev/null; exit "${PIPESTATUS[0]}") 2> "$R/head.err"
    status=$?
    [ "$status" = 0 ] || [ "$status" = 1 ] || fail "driver | head -c1 with SIGPIPE ignored: exit status $status"
    [ "$status" = 1 ] && expect_stderr head "Broken pipe"
    expect_listing "$base" "broken pipes"
    ;;

failed)  # 9. a failed run leaves an existing -o file as it was
    cp "$DATA/scenario-all-problems.yaml" .
    echo old > out.txt
    chmod 640 out.txt
    before=$(sum out.txt)
    base=$(listing)
    run failed compute scenario-all-problems.yaml -o out.txt
    expect_status 2 "compute scenario-all-problems.yaml -o out.txt" failed
    [ "$(sum out.txt)" = "$before" ] || fail "the failed run changed out.txt"
    [ "$(mode_of out.txt)" = 640 ] || fail "the failed run changed the mode of out.txt"
    [ -s "$R/failed.out" ] && fail "the failed run wrote standard output"
    expect_listing "$base" "the failed run"
    ;;

generator)  # subsidy-generate -o follows the same rules
    : "${GENERATE:?GENERATE=path/to/subsidy-generate is required}"
    : "${CATALOG:?CATALOG=path/to/pvd.yaml is required}"
    cp "$CATALOG" pvd.yaml
    catalog_sum=$(sum pvd.yaml)
    echo old > generated.yaml
    chmod 600 generated.yaml
    ln -s generated.yaml generated-link
    "$GENERATE" --towns 3 --projects 1 --catalog pvd.yaml -o generated-link > /dev/null 2> "$R/gen.err"
    status=$?
    expect_status 0 "subsidy-generate -o generated-link" gen
    [ -L generated-link ] || fail "subsidy-generate -o generated-link: no longer a link"
    [ "$(mode_of generated.yaml)" = 600 ] || fail "subsidy-generate: mode $(mode_of generated.yaml), expected 600"
    head -1 generated.yaml | grep -q '^# subsidy-generate' || fail "subsidy-generate: generated.yaml is not a scenario"
    "$DRIVER" validate generated.yaml 2> "$R/gen-valid.err" || fail "the generated scenario is not valid: $(cat "$R/gen-valid.err")"
    "$GENERATE" --towns 3 --projects 1 --catalog pvd.yaml -o ./pvd.yaml > /dev/null 2> "$R/gen-in.err"
    status=$?
    expect_status 2 "subsidy-generate --catalog pvd.yaml -o ./pvd.yaml" gen-in
    expect_stderr gen-in "is an input of this run"
    [ "$(sum pvd.yaml)" = "$catalog_sum" ] || fail "subsidy-generate overwrote its catalog"
    expect_listing "catalog.yaml generated-link generated.yaml pvd.yaml scenario.yaml " "subsidy-generate"
    ;;

*)
    echo "output_cases.sh: no case '$CASE'"
    exit 1
    ;;
esac

if [ "$failures" -ne 0 ]; then
    echo "FAILED [$CASE]: $failures difference(s) (driver: $DRIVER)"
    exit 1
fi
echo "ok [$CASE]"
exit 0
