#!/bin/sh
# Mbed TLS 3.6 from Debian 13 (trixie), for building and testing certfit
# against the 3.x API on this Debian 12 machine, without changing the
# system: a private apt source list and private apt state under DIR, the
# binary packages downloaded by name and unpacked with dpkg -x.
#
# Usage: scripts/mbedtls3-debs.sh DIR
#   DIR/root/usr/include/mbedtls/version.h   the 3.6 headers
#   DIR/root/usr/lib/<triplet>/libmbed*.{a,so}  its libraries
# prints the prefix (DIR/root/usr) on its last line. A second run with the
# same DIR reads no network (DIR/stamp records what was unpacked).
set -eu
dir=${1:?usage: mbedtls3-debs.sh DIR}
pkgs="libmbedtls-dev libmbedcrypto16 libmbedx509-7 libmbedtls21"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
root=$dir/root
stamp=$dir/stamp
if [ -f "$stamp" ] && [ "$(head -n 1 "$stamp")" = "$pkgs" ] && [ -f "$root/usr/include/mbedtls/build_info.h" ]; then
  echo "$root/usr"
  exit 0
fi
keyring=/usr/share/keyrings/debian-archive-keyring.gpg
[ -f "$keyring" ] || { echo "mbedtls3-debs: no $keyring (Debian: debian-archive-keyring)" >&2; exit 1; }
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
echo "mbedtls3-debs: apt-get update (private list: trixie main)" >&2
apt-get "$@" update -q >"$dir/update.log" 2>&1 || { cat "$dir/update.log" >&2; exit 1; }
rm -f "$dir"/debs/*.deb
(cd "$dir/debs" && apt-get "$@" download -q $pkgs) >"$dir/download.log" 2>&1 \
  || { cat "$dir/download.log" >&2; exit 1; }
rm -rf "$root"
mkdir -p "$root"
for deb in "$dir"/debs/*.deb; do
  dpkg -x "$deb" "$root"
done
# the -dev package's libmbed*.so are symlinks to the runtime packages' files
# (unpacked above); the headers must say 3.6
grep -q 'MBEDTLS_VERSION_STRING *"3\.6\.' "$root/usr/include/mbedtls/build_info.h" \
  || { echo "mbedtls3-debs: the unpacked headers are not Mbed TLS 3.6" >&2; exit 1; }
# the downloaded lists are not needed again: keep the cache small
rm -rf "$apt/lists" "$apt/cache"
{ echo "$pkgs"; ls "$dir/debs"; } >"$stamp"
echo "$root/usr"
