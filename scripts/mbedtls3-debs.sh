#!/bin/sh
# Mbed TLS 3.6 from Debian 13 (trixie), for building and testing certfit
# against the 3.x API on this Debian 12 machine, without changing the
# system (scripts/trixie-debs.sh: a private apt list and private state under
# DIR, the binary packages downloaded by name and unpacked with dpkg -x).
#
# Usage: scripts/mbedtls3-debs.sh DIR
#   DIR/root/usr/include/mbedtls/version.h   the 3.6 headers
#   DIR/root/usr/lib/<triplet>/libmbed*.{a,so}  its libraries
# prints the prefix (DIR/root/usr) on its last line. A second run with the
# same DIR reads no network (DIR/stamp records what was unpacked).
set -eu
dir=${1:?usage: mbedtls3-debs.sh DIR}
here=$(cd "$(dirname "$0")" && pwd)
prefix=$(sh "$here/trixie-debs.sh" "$dir" usr/include/mbedtls/build_info.h \
  libmbedtls-dev libmbedcrypto16 libmbedx509-7 libmbedtls21 | tail -n 1)
# the -dev package's libmbed*.so are symlinks to the runtime packages' files
# (unpacked alongside); the headers must say 3.6
grep -q 'MBEDTLS_VERSION_STRING *"3\.6\.' "$prefix/include/mbedtls/build_info.h" \
  || { echo "mbedtls3-debs: the unpacked headers are not Mbed TLS 3.6" >&2; exit 1; }
echo "$prefix"
