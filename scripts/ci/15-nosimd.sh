#!/bin/sh
# CI: the whole ctest suite on the portable code alone: CERTFIT_SIMD=OFF
# compiles neither lib/simd_x86.c nor cli/simd_x86.c (lib/simd.h,
# cli/cli_simd.h), in $BUILD-nosimd (build-nosimd). 35 to 65 s on 2
# shared cores from an empty directory, build and tests.
set -eu
cd "$(dirname "$0")/../.."
B=${BUILD:-build}-nosimd
JOBS=${JOBS:-$(nproc)}
start=$(date +%s)
cmake -S . -B "$B" -DCERTFIT_SIMD=OFF >/dev/null
cmake --build "$B" -j "$JOBS"
(cd "$B" && ctest --output-on-failure -j "$JOBS")
echo "15-nosimd: CERTFIT_SIMD=OFF configured, built and tested in $(($(date +%s) - start)) s"
