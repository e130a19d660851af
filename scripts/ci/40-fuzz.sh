#!/bin/sh
# CI: every fuzz target for a bounded time (FUZZ_SECONDS, 60 s by default,
# two at a time: about 2.5 minutes with the build). A crash, leak or UB
# report fails CI, and the input lands in fuzz/regression/TARGET/ for ctest
# to replay once it is committed with the fix.
set -eu
cd "$(dirname "$0")/../.."
make fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-60}" FUZZ_JOBS=2
