#!/bin/sh
# scripts/zlint-deb.sh run again on the directory zlint_agreement filled
# reads no network (tests/offline_run.sh) and must still print the same zlint.
# Usage: cached.sh SOURCE_DIR ZLINT_DIR
set -eu
src=$1
dir=$2
out=$(sh "$src/tests/offline_run.sh" zlint_cached "$src/scripts/zlint-deb.sh" "$dir") ||
  { echo "$out"; exit 1; }
[ "$out" = "$(cd "$dir" && pwd)/root/usr/bin/zlint" ] || { echo "zlint_cached: '$out'"; exit 1; }
"$out" -version | grep -q 'ZLint version 3\.6\.' || { echo "zlint_cached: $out is not zlint 3.6"; exit 1; }
echo "zlint_cached: $out from the cache, no apt-get or dpkg call"
