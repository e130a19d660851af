#!/bin/sh
# scripts/mbedtls3-debs.sh run again on the directory make test-mbedtls3
# filled reads no network (tests/offline_run.sh) and must still print the
# same prefix.
# Usage: mbedtls3_cached.sh SOURCE_DIR DEBIAN13_DIR PREFIX
set -eu
src=$1
dir=$2
prefix=$3
out=$(sh "$src/tests/offline_run.sh" mbedtls3_cached "$src/scripts/mbedtls3-debs.sh" "$dir") ||
  { echo "$out"; exit 1; }
[ "$out" = "$prefix" ] || { echo "mbedtls3_cached: prefix '$out', expected '$prefix'"; exit 1; }
grep -q 'MBEDTLS_VERSION_STRING *"3\.6\.6"' "$prefix/include/mbedtls/build_info.h" \
  || { echo "mbedtls3_cached: $prefix is not Mbed TLS 3.6.6"; exit 1; }
echo "mbedtls3_cached: $out from the cache, no apt-get or dpkg call"
