#!/bin/sh
# Build and install Mbed TLS 3.6 from a source tree the developer supplies,
# so that certfit's compat header (DESIGN.md §10) can be compiled against the
# 3.6 API that nRF Connect SDK ships, next to Debian's 2.28.
#
# Usage: scripts/mbedtls36.sh SRC_DIR [PREFIX] [BUILD_DIR]
#   SRC_DIR    an Mbed TLS 3.6.x source tree (a release archive, or a git
#              checkout of a v3.6.* tag with its `framework` submodule
#              populated); it is only read.
#   PREFIX     install prefix            (default: /work/mbedtls-3.6)
#   BUILD_DIR  out-of-tree build folder  (default: PREFIX-build)
#
# This script downloads nothing and contains no Mbed TLS code.  Obtain the
# source yourself, for example:
#   git clone --branch v3.6.6 --recurse-submodules <mbedtls repo> SRC_DIR
# A plain `git archive` of the tag lacks `framework/` (a submodule): place
# the mbedtls-framework tree at the commit the tag records
# (`git ls-tree v3.6.6 framework`) into SRC_DIR/framework.
#
# Idempotent: if PREFIX already holds the version found in SRC_DIR, it stops.
# Afterwards, build certfit with
#   cmake -DCMAKE_PREFIX_PATH=PREFIX ...   (MbedTLSConfig.cmake is installed)
# or compile by hand with -IPREFIX/include -LPREFIX/lib
#   -lmbedtls -lmbedx509 -lmbedcrypto.
set -eu

if [ $# -lt 1 ] || [ $# -gt 3 ]; then
    sed -n '2,/^set -eu/p' "$0" | sed -e '/^set -eu/d' -e 's/^# \{0,1\}//'
    exit 2
fi

src=$(cd "$1" && pwd)
prefix=${2:-/work/mbedtls-3.6}
build=${3:-$prefix-build}

info="$src/include/mbedtls/build_info.h"
if [ ! -f "$info" ]; then
    echo "mbedtls36: $src is not an Mbed TLS 3.x tree (no $info)" >&2
    exit 1
fi
version=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)".*/\1/p' "$info")
case "$version" in
    3.6.*) ;;
    *) echo "mbedtls36: $src is Mbed TLS '$version', expected 3.6.x" >&2
       exit 1 ;;
esac
if [ ! -f "$src/framework/CMakeLists.txt" ]; then
    echo "mbedtls36: $src/framework is empty: populate the mbedtls-framework" >&2
    echo "submodule (see the header of this script)" >&2
    exit 1
fi

installed="$prefix/include/mbedtls/build_info.h"
if [ -f "$installed" ] && [ -f "$prefix/lib/libmbedcrypto.a" ] &&
   grep -q "MBEDTLS_VERSION_STRING *\"$version\"" "$installed"; then
    echo "mbedtls36: $version already installed in $prefix"
    exit 0
fi

jobs=$(nproc 2>/dev/null || echo 2)

# Static and shared libraries; no tests or sample programs (they need the
# generated test data and Python modules we do not rely on).  The generated
# sources shipped in release tags are used as they are (GEN_FILES=OFF).
cmake -S "$src" -B "$build" \
    -DCMAKE_BUILD_TYPE=Release \
    -DCMAKE_INSTALL_PREFIX="$prefix" \
    -DCMAKE_INSTALL_LIBDIR=lib \
    -DENABLE_TESTING=OFF \
    -DENABLE_PROGRAMS=OFF \
    -DGEN_FILES=OFF \
    -DUSE_STATIC_MBEDTLS_LIBRARY=ON \
    -DUSE_SHARED_MBEDTLS_LIBRARY=ON \
    -DMBEDTLS_FATAL_WARNINGS=OFF
cmake --build "$build" -j "$jobs"
cmake --install "$build"

echo "mbedtls36: installed Mbed TLS $version into $prefix"
