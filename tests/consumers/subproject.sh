#!/bin/sh
# certfit inside another CMake project: add_subdirectory() with signatures
# (Mbed TLS found and linked), and FetchContent from the local source path
# with CERTFIT_WITH_SIGNATURES=OFF, which must not look for Mbed TLS at all.
# In both, certfit's programs and tests are off (not the top-level project:
# tests/consumers/cmake/CMakeLists.txt fails if their targets exist) and the
# consumer links certfit::certfit and asserts the 2024-06 bundle's figures.
# Usage: subproject.sh SOURCE_DIR CMAKE CC WORK_DIR
set -eu
src=$1
cmake=$2
cc=$3
work=$4
bundle=$src/fixtures/real/academy-mqtt-2024-06-bundle.pem
fail() { echo "consumers_subproject: $*"; exit 1; }
rm -rf "$work"
mkdir -p "$work"

build() { # NAME MODE CMAKE_ARGS...
  name=$1
  mode=$2
  shift 2
  b=$work/$name
  "$cmake" -S "$src/tests/consumers/cmake" -B "$b" -DCERTFIT_CONSUME="$mode" -DCERTFIT_SOURCE="$src" \
    -DCMAKE_C_COMPILER="$cc" -DFETCHCONTENT_BASE_DIR="$b/_deps" "$@" >"$b.log" 2>&1 \
    || { cat "$b.log"; fail "$name: configure failed"; }
  "$cmake" --build "$b" --target consumer >"$b-build.log" 2>&1 || { cat "$b-build.log"; fail "$name: build failed"; }
  "$b/consumer" "$bundle" >"$b.out" || { cat "$b.out"; fail "$name: wrong figures"; }
}

build subdirectory subdirectory
grep -q '^MBEDCRYPTO_LIBRARY:FILEPATH=.*mbedcrypto' "$work/subdirectory/CMakeCache.txt" \
  || fail "subdirectory: Mbed TLS was not found for the signatures"
nm "$work/subdirectory/certfit/libcertfit.a" 2>/dev/null | grep -q ' U mbedtls_pk_verify$' \
  || fail "subdirectory: libcertfit.a does not verify signatures with Mbed TLS"
echo "add_subdirectory (signatures on): ok"

build fetchcontent fetchcontent -DCERTFIT_WITH_SIGNATURES=OFF
if grep -E '^[A-Za-z_]*MBED[A-Za-z_]*:' "$work/fetchcontent/CMakeCache.txt"; then
  fail "fetchcontent without signatures: configure looked for Mbed TLS (CMakeCache.txt above)"
fi
lib=$(find "$work/fetchcontent" -name libcertfit.a | head -n 1)
[ -n "$lib" ] || fail "fetchcontent: no libcertfit.a"
if nm "$lib" | grep ' U mbedtls_'; then
  fail "fetchcontent without signatures: libcertfit.a calls Mbed TLS"
fi
if ldd "$work/fetchcontent/consumer" | grep mbed; then
  fail "fetchcontent without signatures: the consumer links Mbed TLS"
fi
echo "FetchContent (CERTFIT_WITH_SIGNATURES=OFF, no Mbed TLS): ok"
