#!/bin/sh
# make package: three .deb files (the library package named after the
# SONAME, -dev, the tool) with Depends computed by dpkg-shlibdeps, the man
# page and bash completion where Debian puts them, no lintian error. Then,
# unpacked with dpkg -x (nothing installed on the system): the packaged
# certfit runs, and a consumer builds against the -dev package with
# pkg-config and with find_package and runs against the packaged library.
# Usage: deb.sh SOURCE_DIR WORK_DIR CC CMAKE
set -eu
src=$1
work=$2
cc=$3
cmake=$4
bundle=$src/fixtures/real/academy-mqtt-2024-06-bundle.pem
fail() { echo "debian_packages: $*"; exit 1; }
mkdir -p "$work"
make -C "$src" package PACKAGE_BUILD="$work/build" JOBS=2 >"$work/package.log" 2>&1 \
  || { tail -n 30 "$work/package.log"; fail "make package failed"; }
pk=$work/build/packages
arch=$(dpkg --print-architecture)
triplet=$(dpkg-architecture -qDEB_HOST_MULTIARCH 2>/dev/null || gcc -print-multiarch)
lib=$pk/libcertfit0.1_0.1.0-1_$arch.deb
dev=$pk/libcertfit-dev_0.1.0-1_$arch.deb
cli=$pk/certfit_0.1.0-1_$arch.deb
for d in "$lib" "$dev" "$cli"; do [ -f "$d" ] || fail "no $(basename "$d") in $pk: $(ls "$pk")"; done
[ "$(ls "$pk"/*.deb | wc -l)" = 3 ] || fail "not three packages: $(ls "$pk")"

# Depends, computed (dpkg-shlibdeps; -dev on the library package)
field() { dpkg-deb -f "$1" "$2"; }
echo "libcertfit0.1 Depends: $(field "$lib" Depends)"
echo "libcertfit-dev Depends: $(field "$dev" Depends)"
echo "certfit Depends: $(field "$cli" Depends)"
field "$lib" Depends | grep -q 'libc6 (>= ' || fail "libcertfit0.1 does not depend on libc6"
field "$lib" Depends | grep -q 'libmbedcrypto[0-9]* (>= ' || fail "libcertfit0.1 does not depend on libmbedcrypto"
field "$cli" Depends | grep -q 'libmbedtls[0-9]* (>= ' || fail "certfit does not depend on libmbedtls"
field "$cli" Depends | grep -q 'libmbedx509-[0-9]* (>= ' || fail "certfit does not depend on libmbedx509"
field "$dev" Depends | grep -q 'libcertfit0\.1 (= 0\.1\.0-1)' || fail "libcertfit-dev does not depend on libcertfit0.1 (= 0.1.0-1)"
# the shlibs file maps the SONAME to the package
dpkg-deb --ctrl-tarfile "$lib" | tar -xO ./shlibs | grep -q '^libcertfit 0\.1 libcertfit0\.1 (= 0\.1\.0-1)' \
  || fail "libcertfit0.1 has no shlibs line for libcertfit.so.0.1"

# files where Debian puts them
has() { dpkg-deb -c "$1" | awk '{ print $6 }' | grep -qx "$2" || fail "$(basename "$1") lacks $2"; }
has "$cli" ./usr/bin/certfit
has "$cli" ./usr/share/man/man1/certfit.1.gz
has "$cli" ./usr/share/bash-completion/completions/certfit
has "$cli" ./usr/share/doc/certfit/copyright
has "$cli" ./usr/share/doc/certfit/design.md # SARIF informationUri
has "$lib" "./usr/lib/$triplet/libcertfit.so.0.1.0"
has "$lib" "./usr/lib/$triplet/libcertfit.so.0.1"
has "$dev" "./usr/lib/$triplet/libcertfit.so"
has "$dev" "./usr/lib/$triplet/libcertfit.a"
has "$dev" ./usr/include/certfit/certfit.h
has "$dev" ./usr/include/certfit/build_config.h
has "$dev" "./usr/lib/$triplet/pkgconfig/certfit.pc"
has "$dev" "./usr/lib/$triplet/cmake/certfit/certfitConfig.cmake"
echo "packages and their files: ok"

# lintian: no error (warnings are printed)
lintian --fail-on error "$lib" "$dev" "$cli" >"$work/lintian.txt" 2>&1 || { cat "$work/lintian.txt"; fail "lintian reports errors"; }
grep -v 'root privileges' "$work/lintian.txt" || true
echo "lintian: $(grep -c '^E:' "$work/lintian.txt") errors, $(grep -c '^W:' "$work/lintian.txt") warnings"

# unpacked, not installed
root=$work/root
rm -rf "$root"
for d in "$lib" "$dev" "$cli"; do dpkg -x "$d" "$root"; done
"$root/usr/bin/certfit" version >"$work/version.txt"
head -n 1 "$work/version.txt" | grep -qx 'certfit 0\.1\.0' || fail "packaged certfit version: $(cat "$work/version.txt")"
set +e
"$root/usr/bin/certfit" check --format json "$bundle" >"$work/check.json"
rc=$?
set -e
[ $rc = 1 ] || fail "packaged certfit check on the 2024-06 bundle exited $rc, not 1"
grep -q '"credential-size"' "$work/check.json" || fail "packaged certfit check: no credential-size finding"
echo "packaged certfit: version and check: ok"
zcat "$root/usr/share/man/man1/certfit.1.gz" | cmp -s - "$src/docs/certfit.1" || fail "packaged man page differs from docs/certfit.1"

libdir=$root/usr/lib/$triplet
export PKG_CONFIG_PATH="$libdir/pkgconfig"
flags=$(pkg-config --cflags --libs certfit)
# shellcheck disable=SC2086
"$cc" -std=c99 -Wall -Wextra -Werror -o "$work/pc-consumer" "$src/tests/consumers/consumer.c" $flags \
  || fail "consumer against libcertfit-dev (pkg-config): build failed"
LD_LIBRARY_PATH="$libdir" ldd "$work/pc-consumer" | grep -q "libcertfit.so.0.1 => $libdir/libcertfit.so.0.1" \
  || fail "the consumer does not load the packaged libcertfit.so.0.1"
LD_LIBRARY_PATH="$libdir" "$work/pc-consumer" "$bundle" >"$work/pc-consumer.out" \
  || { cat "$work/pc-consumer.out"; fail "consumer against libcertfit-dev: wrong figures"; }
echo "consumer built with pkg-config against libcertfit-dev: ok"
b=$work/cmake-consumer
"$cmake" -S "$src/tests/consumers/cmake" -B "$b" -DCMAKE_PREFIX_PATH="$root/usr" -DCERTFIT_LINK=shared \
  -DCMAKE_C_COMPILER="$cc" >"$b.log" 2>&1 || { cat "$b.log"; fail "find_package consumer: configure failed"; }
"$cmake" --build "$b" >"$b-build.log" 2>&1 || { cat "$b-build.log"; fail "find_package consumer: build failed"; }
"$b/consumer" "$bundle" >"$b.out" || { cat "$b.out"; fail "find_package consumer against libcertfit-dev: wrong figures"; }
echo "consumer built with find_package against libcertfit-dev: ok"
echo "debian_packages: ok"
