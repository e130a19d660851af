#!/bin/sh
# The Mbed TLS a build uses is one version, headers and libraries alike:
# `certfit version` (MBEDTLS_VERSION_STRING of the headers compiled in)
# names the version CMake found, the binary loads libmbedcrypto, -x509 and
# -tls from the directory of the library CMake found (not the system's
# 2.28 when MBEDTLS_ROOT points at 3.6), and, when EXPECT is given
# (make test-mbedtls3: 3.6), the version is that one.
# Usage: mbedtls.sh CERTFIT_CLI VERSION MBEDCRYPTO_LIBRARY [EXPECT]
set -eu
cli=$1
version=$2
lib=$3
expect=${4:-}
fail() { echo "mbedtls_version: $*"; exit 1; }
out=$("$cli" version)
line=$(echo "$out" | sed -n 's/^Mbed TLS //p')
[ "$line" = "$version" ] || fail "certfit version says Mbed TLS '$line', CMake found $version"
if [ -n "$expect" ]; then
  case "$version" in "$expect".*) ;; *) fail "Mbed TLS $version, expected $expect.x" ;; esac
fi
dir=$(cd "$(dirname "$lib")" && pwd -P)
for l in libmbedcrypto libmbedx509 libmbedtls; do
  got=$(ldd "$cli" | awk -v l="$l" 'index($1, l ".so") == 1 { print $3 }')
  [ -n "$got" ] || fail "$cli does not load $l"
  gdir=$(cd "$(dirname "$got")" && pwd -P)
  [ "$gdir" = "$dir" ] || fail "$cli loads $got, not from $dir"
done
echo "mbedtls_version: Mbed TLS $version, headers and libraries from $dir"
