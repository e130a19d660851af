#!/bin/sh
# scripts/zlint-deb.sh run again on the directory zlint_agreement filled
# reads no network: apt-get and dpkg are replaced by programs that fail and
# leave a mark, and the script must still print the same zlint.
# Usage: cached.sh SOURCE_DIR ZLINT_DIR
set -eu
src=$1
dir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-zl.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for t in apt-get dpkg; do
  printf '#!/bin/sh\necho "%s $*" >>"%s/called"\nexit 1\n' "$t" "$tmp" >"$tmp/$t"
  chmod +x "$tmp/$t"
done
out=$(PATH="$tmp:$PATH" sh "$src/scripts/zlint-deb.sh" "$dir" | tail -n 1)
[ ! -f "$tmp/called" ] || { echo "zlint_cached: the second run called: $(cat "$tmp/called")"; exit 1; }
[ "$out" = "$(cd "$dir" && pwd)/root/usr/bin/zlint" ] || { echo "zlint_cached: '$out'"; exit 1; }
"$out" -version | grep -q 'ZLint version 3\.6\.' || { echo "zlint_cached: $out is not zlint 3.6"; exit 1; }
echo "zlint_cached: $out from the cache, no apt-get or dpkg call"
