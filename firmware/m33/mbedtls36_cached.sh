#!/bin/sh
# scripts/mbedtls-m33.sh --debian13 run again on the directory that
# certfit_m33_guard_sig_mbedtls36 filled reads no network (tests/offline_run.sh:
# apt-get and dpkg replaced by programs that fail) and still gives the 3.6
# tree: the same sizes line, env.cmake naming Mbed TLS 3.6.
# Usage: mbedtls36_cached.sh SOURCE_DIR OUTDIR
set -eu
src=$1
dir=$2
last=$(sh "$src/tests/offline_run.sh" certfit_m33_mbedtls36_cached \
  "$src/scripts/mbedtls-m33.sh" --debian13 "$dir") || { echo "$last"; exit 1; }
case $last in
everything:*text*) ;;
*) echo "certfit_m33_mbedtls36_cached: last line '$last', expected the sizes"; exit 1 ;;
esac
version=$(sed -n 's/^# Written by.*: Mbed TLS \([^ ]*\) for.*/\1/p' "$dir/env.cmake")
case $version in
3.6.*) ;;
*) echo "certfit_m33_mbedtls36_cached: $dir/env.cmake names Mbed TLS '$version'"; exit 1 ;;
esac
echo "certfit_m33_mbedtls36_cached: Mbed TLS $version from the cache, no apt-get or dpkg call"
