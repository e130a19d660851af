#!/bin/sh
# Run libFuzzer targets for a bounded time, JOBS at a time.
#   fuzz/run.sh BUILD SECONDS JOBS TARGET...
# Each target starts from its committed seeds plus fuzz/regression/TARGET
# and keeps its working corpus in BUILD/fuzz-corpus/TARGET. A crash, leak,
# UB report, timeout or out-of-memory fails the run; the input is copied to
# fuzz/regression/TARGET/ so that ctest replays it on every build (commit it
# with the fix).
set -u
build=$1 secs=$2 jobs=$3
shift 3
here=$(cd "$(dirname "$0")" && pwd)
fail=0

# the fixture directories are seeds as they are (not copied); fuzz/corpus/certs
# adds DER copies (keep in step with certfit_fuzz_seeds in cmake/fuzz.cmake)
fx=$here/../fixtures
seeds_of() {
    if [ "$1" = policy ]; then
        echo "$here/corpus/policy"
    else
        echo "$here/corpus/certs $fx/real $fx/real/letsencrypt $fx/gen"
    fi
}

run_one() {
    t=$1
    bin=$build/fuzz_$t
    corpus=$build/fuzz-corpus/$t
    art=$build/fuzz-artifacts/$t
    reg=$here/regression/$t
    mkdir -p "$corpus" "$art" "$reg"
    rm -f "$art"/*
    # shellcheck disable=SC2046  # seeds_of gives several directories
    "$bin" -max_total_time="$secs" -print_final_stats=1 -artifact_prefix="$art/" \
        -max_len=8192 -rss_limit_mb=2048 -timeout=10 \
        "$corpus" $(seeds_of "$t") "$reg" >"$build/fuzz-$t.log" 2>&1
    rc=$?
    stats=$(grep -E '^#[0-9]+[[:space:]]+DONE' "$build/fuzz-$t.log" | tail -1)
    if [ $rc -ne 0 ]; then
        echo "fuzz_$t: FAILED (exit $rc), log $build/fuzz-$t.log" >&2
        grep -E 'ERROR|SUMMARY|runtime error' "$build/fuzz-$t.log" | head -5 >&2
        for f in "$art"/*; do
            [ -f "$f" ] || continue
            cp "$f" "$reg/"
            echo "fuzz_$t: input saved as $reg/$(basename "$f")" >&2
        done
        return 1
    fi
    echo "fuzz_$t: ok, $secs s: $stats"
    return 0
}

pids=""
running=0
for t in "$@"; do
    if [ ! -x "$build/fuzz_$t" ]; then
        echo "fuzz: $build/fuzz_$t not built (make fuzz-build)" >&2
        exit 2
    fi
    run_one "$t" &
    pids="$pids $!"
    running=$((running + 1))
    if [ $running -ge "$jobs" ]; then
        for p in $pids; do wait "$p" || fail=1; done
        pids="" running=0
    fi
done
for p in $pids; do wait "$p" || fail=1; done
exit $fail
