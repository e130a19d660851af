#!/bin/sh
# Install the build into a temporary prefix and build consumers against it:
# CMake find_package(certfit CONFIG) with the static and (when built) the
# shared library, pkg-config with the shared library and --static. Each
# runs tests/consumers/consumer.c on the 2024-06 bundle and asserts its
# figures. The installed headers then pass the ABI checks of tests/abi.
# Usage: run.sh BUILD_DIR SOURCE_DIR CMAKE CC SHARED(0|1) [EXTRA_FLAGS]
# EXTRA_FLAGS: compiler and linker flags the library was built with that a
# consumer must share (the sanitizer runtime of a -DCERTFIT_SANITIZE=ON build).
set -eu
build=$1
src=$2
cmake=$3
cc=$4
shared=$5
extra=${6:-}
bundle=$src/fixtures/real/academy-mqtt-2024-06-bundle.pem
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-install.XXXXXX")
manifest=$build/install_manifest.txt
saved=""
cleanup() {
  # cmake --install rewrites BUILD/install_manifest.txt: give back a real
  # install's manifest (make uninstall reads it)
  if [ -n "$saved" ]; then mv "$saved" "$manifest"; else rm -f "$manifest"; fi
  rm -rf "$tmp"
}
if [ -f "$manifest" ]; then
  saved=$tmp.manifest
  cp "$manifest" "$saved"
fi
trap cleanup EXIT
fail() { echo "install_consumers: $*" >&2; exit 1; }

prefix=$tmp/prefix
"$cmake" --install "$build" --prefix "$prefix" >"$tmp/install.log" || { cat "$tmp/install.log"; fail "cmake --install failed"; }

# what is installed
libdir=""
for d in lib lib64 "$prefix"/lib/*-linux-gnu*; do
  d=${d#"$prefix"/}
  if [ -f "$prefix/$d/libcertfit.a" ]; then libdir=$d; break; fi
done
[ -n "$libdir" ] || fail "no libcertfit.a under $prefix"
for f in bin/certfit "$libdir/libcertfit.a" include/certfit/certfit.h include/certfit/rules.def \
         include/certfit/check.h share/man/man1/certfit.1 "$libdir/pkgconfig/certfit.pc" \
         "$libdir/cmake/certfit/certfitConfig.cmake" "$libdir/cmake/certfit/certfitConfigVersion.cmake" \
         share/bash-completion/completions/certfit; do
  [ -f "$prefix/$f" ] || fail "not installed: $f"
done
# the generated build_config.h, not the source tree's (which bakes nothing);
# profile_objects.h is for builds from source only
grep -q '^#define CERTFIT_BUILT_FINDING_TEXT [01]$' "$prefix/include/certfit/build_config.h" \
  || fail "installed build_config.h does not bake CERTFIT_BUILT_FINDING_TEXT"
[ ! -e "$prefix/include/certfit/profile_objects.h" ] || fail "profile_objects.h is installed"
if [ "$shared" = 1 ]; then
  # 0.x: the SONAME carries the minor version (docs/abi.md)
  [ -f "$prefix/$libdir/libcertfit.so.0.1.0" ] || fail "no libcertfit.so.0.1.0"
  [ "$(readlink "$prefix/$libdir/libcertfit.so.0.1")" = libcertfit.so.0.1.0 ] || fail "libcertfit.so.0.1 link"
  [ "$(readlink "$prefix/$libdir/libcertfit.so")" = libcertfit.so.0.1 ] || fail "libcertfit.so link"
  soname=$(objdump -p "$prefix/$libdir/libcertfit.so.0.1.0" | awk '$1 == "SONAME" { print $2 }')
  [ "$soname" = libcertfit.so.0.1 ] || fail "SONAME is '$soname', not libcertfit.so.0.1"
  sh "$src/tests/abi/symbols.sh" nm "$cc" "$prefix/$libdir/libcertfit.so.0.1.0" "$prefix/include" \
    || fail "installed libcertfit.so: exports differ from the installed headers"
fi
sh "$src/tests/abi/config_conflict.sh" "$cc" "$prefix/include" || fail "installed headers: config conflict"
"$prefix/bin/certfit" version >"$tmp/version.txt"
grep -q '^certfit 0\.1\.0$' "$tmp/version.txt" || fail "installed certfit version: $(cat "$tmp/version.txt")"
grep -q '^Mbed TLS ' "$tmp/version.txt" || fail "certfit version does not name Mbed TLS"
echo "installed into $prefix ($libdir): ok"

# 1. CMake find_package, static (and shared)
links=static
[ "$shared" = 1 ] && links="static shared"
for link in $links; do
  b=$tmp/cmake-$link
  "$cmake" -S "$src/tests/consumers/cmake" -B "$b" -DCMAKE_PREFIX_PATH="$prefix" -DCERTFIT_LINK=$link \
    -DCMAKE_C_COMPILER="$cc" -DCMAKE_C_FLAGS="$extra" -DCMAKE_EXE_LINKER_FLAGS="$extra" >"$b.log" 2>&1 || { cat "$b.log"; fail "find_package $link consumer: configure failed"; }
  "$cmake" --build "$b" >"$b-build.log" 2>&1 || { cat "$b-build.log"; fail "find_package $link consumer: build failed"; }
  if [ "$link" = shared ]; then
    ldd "$b/consumer" | grep -q "libcertfit.so.0.1 => $prefix/$libdir/libcertfit.so.0.1" \
      || fail "find_package shared consumer is not linked to the installed libcertfit.so.0.1"
  else
    ! ldd "$b/consumer" | grep -q libcertfit || fail "find_package static consumer needs libcertfit.so"
  fi
  "$b/consumer" "$bundle" >"$b.out" || { cat "$b.out"; fail "find_package $link consumer: wrong figures"; }
  echo "find_package $link consumer: ok"
done

# 2. pkg-config
export PKG_CONFIG_PATH="$prefix/$libdir/pkgconfig"
[ "$(pkg-config --modversion certfit)" = 0.1.0 ] || fail "pkg-config --modversion certfit"
flags=$(pkg-config --cflags --libs certfit)
echo "pkg-config --cflags --libs certfit: $flags"
# shellcheck disable=SC2086
"$cc" $extra -std=c99 -Wall -Wextra -Werror -o "$tmp/pc-consumer" "$src/tests/consumers/consumer.c" $flags \
  || fail "pkg-config consumer: build failed"
if [ "$shared" = 1 ]; then
  # linked against the installed libcertfit.so.0 (found through LD_LIBRARY_PATH)
  LD_LIBRARY_PATH="$prefix/$libdir" ldd "$tmp/pc-consumer" | grep -q "libcertfit.so.0.1 => $prefix/$libdir/libcertfit.so.0.1" \
    || fail "pkg-config consumer is not linked to the installed libcertfit.so.0.1"
fi
LD_LIBRARY_PATH="$prefix/$libdir" "$tmp/pc-consumer" "$bundle" || fail "pkg-config consumer: wrong figures"
# a static link needs Libs.private: -static for libcertfit itself (the C
# library and Mbed TLS's stay shared: -Wl,-Bstatic only around -lcertfit)
sflags=$(pkg-config --static --libs certfit)
echo "pkg-config --static --libs certfit: $sflags"
case " $sflags " in *mbedcrypto*) ;; *) fail "pkg-config --static --libs lacks mbedcrypto: $sflags" ;; esac
sflags=$(echo " $sflags " | sed 's/ -lcertfit / -Wl,-Bstatic -lcertfit -Wl,-Bdynamic /')
# shellcheck disable=SC2086,SC2046
"$cc" $extra -std=c99 -o "$tmp/pc-static" "$src/tests/consumers/consumer.c" $(pkg-config --cflags certfit) \
  $sflags || fail "static pkg-config consumer: build failed"
! ldd "$tmp/pc-static" | grep -q libcertfit || fail "static pkg-config consumer needs libcertfit.so"
# a static link resolves Mbed TLS where -L says (an MBEDTLS_ROOT build)
ldpath=$(echo " $sflags " | tr ' ' '\n' | sed -n 's/^-L//p' | tr '\n' ':')
LD_LIBRARY_PATH="$ldpath" "$tmp/pc-static" "$bundle" >/dev/null || fail "static pkg-config consumer: wrong figures"
echo "pkg-config consumer: ok"
