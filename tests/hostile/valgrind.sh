#!/bin/sh
# The CLI under valgrind over every fixture file (fixtures/**, keys and READMEs
# included: they are inputs too), in every output format, and the size table:
# zero errors, zero definite or indirect leaks. --fail-on never keeps the
# exit code for valgrind: 0 or 2 (some fixtures hold no certificate) from
# certfit, 1 from valgrind.
#   tests/hostile/valgrind.sh path/to/certfit
set -u
cli=$1
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$(dirname "$cli")/valgrind
mkdir -p "$out"
files=$(find "$root/fixtures" -type f | sort)
n=$(echo "$files" | wc -l)
fail=0
run() {
    name=$1
    shift
    valgrind -q --error-exitcode=1 --leak-check=full --errors-for-leak-kinds=definite,indirect \
        --show-leak-kinds=definite,indirect --track-origins=yes --log-file="$out/$name.vg" \
        "$cli" "$@" >"$out/$name.out" 2>"$out/$name.err"
    rc=$?
    if [ $rc -ne 0 ] && [ $rc -ne 2 ] || [ -s "$out/$name.vg" ]; then
        echo "valgrind: $name: exit $rc" >&2
        head -40 "$out/$name.vg" >&2
        fail=1
    else
        echo "valgrind: $name: clean (certfit exit $rc, $n files)"
    fi
}
# shellcheck disable=SC2086
run check-text check --fail-on never --now 2026-11-26T00:00:00Z --format text $files
run check-json check --fail-on never --now 2026-11-26T00:00:00Z --format json --role server \
    --host test.mosquitto.org --profile nrf91-p384-selfsigned $files
# the directory walk, and the fast path without signatures
run check-sarif check --fail-on never --now 2026-11-26T00:00:00Z --format sarif --no-signatures \
    "$root/fixtures" $files
run size size $files
exit $fail
