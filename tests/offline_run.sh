#!/bin/sh
# Run a fetch script (scripts/trixie-debs.sh and its wrappers) with apt-get
# and dpkg replaced by programs that fail and leave a mark: a second run on
# a filled cache must read no network. Prints the script's last line; exit 1
# with the calls when it made any.
# Usage: offline_run.sh NAME SCRIPT ARGS...   (NAME prefixes the messages)
set -eu
name=$1
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-offline.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
for t in apt-get dpkg; do
  printf '#!/bin/sh\necho "%s $*" >>"%s/called"\nexit 1\n' "$t" "$tmp" >"$tmp/$t"
  chmod +x "$tmp/$t"
done
out=$(PATH="$tmp:$PATH" sh "$@" | tail -n 1)
[ ! -f "$tmp/called" ] || { echo "$name: the second run called: $(cat "$tmp/called")"; exit 1; }
echo "$out"
