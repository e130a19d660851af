#!/bin/sh
# zlint (the reference X.509 linter) from Debian 13's `zlint` package, for
# the agreement test (tests/zlint/): fetched by package name into DIR with
# scripts/trixie-debs.sh (private apt list and state, dpkg -x; no system
# change). zlint is a Go program linked only against libc: it runs here.
#
# Usage: scripts/zlint-deb.sh DIR
# prints the path of the zlint executable on its last line. A second run
# with the same DIR reads no network.
set -eu
dir=${1:?usage: zlint-deb.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(sh "$here/trixie-debs.sh" "$dir" usr/bin/zlint zlint | tail -n 1)
"$prefix/bin/zlint" -list-lints-json >/dev/null 2>&1 \
  || { echo "zlint-deb: $prefix/bin/zlint does not run" >&2; exit 1; }
echo "$prefix/bin/zlint"
