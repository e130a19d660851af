#!/bin/sh
# The ABI is the public headers: the dynamic symbols libcertfit.so defines
# (nm -D --defined-only) must be exactly the functions the installed
# headers declare, every one of them a function (no data object: the
# profiles are reached through certfit_profile_at/_get). docs/abi.md.
# Usage: symbols.sh NM CC LIBCERTFIT_SO INCLUDE_DIR...
set -eu
nm=$1
cc=$2
so=$3
shift 3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-abi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
incs=""
for d in "$@"; do incs="$incs -I$d"; done
# the headers a consumer gets (what cmake --install puts in include/certfit)
printf '#include <certfit/certfit.h>\n' >"$tmp/all.c"
# shellcheck disable=SC2086
"$cc" -E -P $incs "$tmp/all.c" >"$tmp/all.i"
# one declaration per line; keep those that declare a function certfit_*(
tr '\n' ' ' <"$tmp/all.i" | sed 's/;/;\n/g; s/{/{\n/g; s/}/}\n/g' | grep -v 'typedef' |
  grep -oE '[ *]certfit_[a-z0-9_]+ *\(' | sed 's/^[ *]//; s/ *($//' | sort -u >"$tmp/declared"
"$nm" -D --defined-only "$so" | awk '{ print $NF }' | sort -u >"$tmp/exported"
"$nm" -D --defined-only "$so" | awk '$(NF-1) != "T" { print "  not a function: " $0 }' >"$tmp/data"
nd=$(wc -l <"$tmp/declared")
ne=$(wc -l <"$tmp/exported")
echo "abi_symbols: $nd functions declared, $ne symbols exported by $(basename "$so")"
status=0
if ! diff "$tmp/declared" "$tmp/exported" >"$tmp/diff"; then
  echo "abi_symbols: declared (<) and exported (>) differ:"
  grep '^[<>]' "$tmp/diff"
  status=1
fi
if [ -s "$tmp/data" ]; then
  echo "abi_symbols: exported data objects:"
  cat "$tmp/data"
  status=1
fi
[ "$nd" -gt 0 ] || { echo "abi_symbols: no declaration found"; status=1; }
[ $status = 0 ] && echo "abi_symbols: identical"
exit $status
