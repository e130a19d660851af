#!/bin/sh
# scripts/mbedtls3-debs.sh run again on the directory make test-mbedtls3
# filled reads no network: apt-get and dpkg are replaced by programs that
# fail and leave a mark, and the script must still print the same prefix.
# Usage: mbedtls3_cached.sh SOURCE_DIR DEBIAN13_DIR PREFIX
set -eu
src=$1
dir=$2
prefix=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-m3.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for t in apt-get dpkg; do
  printf '#!/bin/sh\necho "%s $*" >>"%s/called"\nexit 1\n' "$t" "$tmp" >"$tmp/$t"
  chmod +x "$tmp/$t"
done
out=$(PATH="$tmp:$PATH" sh "$src/scripts/mbedtls3-debs.sh" "$dir" | tail -n 1)
[ ! -f "$tmp/called" ] || { echo "mbedtls3_cached: the second run called: $(cat "$tmp/called")"; exit 1; }
[ "$out" = "$prefix" ] || { echo "mbedtls3_cached: prefix '$out', expected '$prefix'"; exit 1; }
grep -q 'MBEDTLS_VERSION_STRING *"3\.6\.6"' "$prefix/include/mbedtls/build_info.h" \
  || { echo "mbedtls3_cached: $prefix is not Mbed TLS 3.6.6"; exit 1; }
echo "mbedtls3_cached: $out from the cache, no apt-get or dpkg call"
