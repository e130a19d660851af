#!/bin/sh
# Binary packages from Debian 13 (trixie), fetched by name and unpacked on
# this Debian 12 machine without changing the system: a private apt source
# list and private apt state under DIR, `apt-get download`, then dpkg -x.
# Nothing outside DIR changes; the system's apt sources never see trixie.
#
# Usage: scripts/trixie-debs.sh DIR CHECK_FILE PKG...
#   DIR/root/   the unpacked packages (DIR/root/usr/...)
#   CHECK_FILE  a path under DIR/root that the packages must provide; it
#               also tells whether the cache is complete
# prints DIR/root/usr on its last line. A second run with the same DIR and
# packages reads no network (DIR/stamp records what was unpacked).
# Used by scripts/mbedtls3-debs.sh (Mbed TLS 3.6) and scripts/zlint-deb.sh.
set -eu
dir=${1:?usage: trixie-debs.sh DIR CHECK_FILE PKG...}
check=${2:?usage: trixie-debs.sh DIR CHECK_FILE PKG...}
shift 2
[ $# -gt 0 ] || { echo "usage: trixie-debs.sh DIR CHECK_FILE PKG..." >&2; exit 2; }
pkgs="$*"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root=$dir/root
stamp=$dir/stamp
if [ -f "$stamp" ] && [ "$(head -n 1 "$stamp")" = "$pkgs" ] && [ -e "$root/$check" ]; then
  echo "$root/usr"
  exit 0
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "trixie-debs: no $keyring (Debian: debian-archive-keyring)" >&2; exit 1; }
apt=$dir/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$dir/debs"
cat >"$apt/trixie.sources" <<SRC
Types: deb
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: $keyring
SRC
set -- -o Dir::Etc::sourcelist="$apt/trixie.sources" -o Dir::Etc::sourceparts=/dev/null \
  -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache" -o APT::Get::List-Cleanup=0
echo "trixie-debs: apt-get update (private list: trixie main) for $pkgs" >&2
apt-get "$@" update -q >"$dir/update.log" 2>&1 || { cat "$dir/update.log" >&2; exit 1; }
rm -f "$dir"/debs/*.deb
# $pkgs is a list of package names: split on purpose
# shellcheck disable=SC2086
(cd "$dir/debs" && apt-get "$@" download -q $pkgs) >"$dir/download.log" 2>&1 \
  || { cat "$dir/download.log" >&2; exit 1; }
rm -rf "$root"
mkdir -p "$root"
for deb in "$dir"/debs/*.deb; do
  dpkg -x "$deb" "$root"
done
[ -e "$root/$check" ] || { echo "trixie-debs: $pkgs did not provide $check" >&2; exit 1; }
# the downloaded lists are not needed again: keep the cache small
rm -rf "$apt/lists" "$apt/cache"
{ echo "$pkgs"; ls "$dir/debs"; } >"$stamp"
echo "$root/usr"
