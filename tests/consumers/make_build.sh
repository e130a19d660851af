#!/bin/sh
# `make build` configures and builds and nothing else: the set-up
# (scripts/setup.sh, which installs packages and so needs root) belongs to
# `make test` and `make demo`. Checked with make -n (what make would run).
# Usage: make_build.sh SOURCE_DIR SCRATCH_BUILD_DIR
set -eu
src=$1
b=$2
fail() { echo "make_build_no_setup: $*"; exit 1; }
out=$(make -n -C "$src" build BUILD="$b")
echo "$out" | grep -q "cmake --build $b" || fail "make -n build does not build: $out"
if echo "$out" | grep -q 'setup\.sh'; then
  fail "make build runs the set-up: $(echo "$out" | grep setup.sh)"
fi
for t in test demo; do
  o=$(make -n -C "$src" "$t" BUILD="$b")
  echo "$o" | grep -q 'sh scripts/setup.sh' || fail "make $t does not run the set-up"
done
echo "make_build_no_setup: make build runs no set-up; make test and make demo do"
