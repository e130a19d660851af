#!/bin/bash
# Cross-compile the parts of Mbed TLS that certfit uses for the Cortex-M33
# (nRF9160) and measure them.  The source is Debian's own source package of
# the libmbedtls-dev installed here (no network beyond Debian's archive).
#
# Usage: scripts/mbedtls-m33.sh [OUTDIR]      (default: build/m33-mbedtls)
#
# Steps, each skipped when its result is already there:
#   1. add a deb-src entry for the release's main component if apt has
#      none (a separate deb822 file, certfit-deb-src.sources), apt-get update;
#   2. `apt-get source mbedtls=<version of libmbedtls-dev>` into OUTDIR/src;
#   3. OUTDIR/config/mbedtls_m33_config.h: Mbed TLS's config.h with
#      `scripts/config.py baremetal` applied (a copy; the tree is untouched),
#      less debug-only options and legacy digests (listed below);
#   4. compile the modules below with the flags of cmake/arm-none-eabi.cmake
#      into OUTDIR/obj, and archive them:
#        OUTDIR/lib/libmbedcrypto-m33-core.a  asn1parse, base64 and what they
#                                             call (constant_time,
#                                             platform_util)
#        OUTDIR/lib/libmbedcrypto-m33-full.a  core + the optional signature
#                                             path + x509/x509_crt (the
#                                             comparison measurement)
#   5. print arm-none-eabi-size of every object and write OUTDIR/sizes.txt.
#
# Use from CMake: -DCERTFIT_M33_INCLUDES="OUTDIR/config;OUTDIR/src/<dir>/include"
#   -DCERTFIT_M33_DEFINES="MBEDTLS_CONFIG_FILE=<mbedtls_m33_config.h>"
#   -DCERTFIT_M33_LIBS=OUTDIR/lib/libmbedcrypto-m33-core.a
# (OUTDIR/env.cmake holds exactly these values.)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-$here/build/m33-mbedtls}
mkdir -p "$out"
out=$(cd "$out" && pwd)

cc=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}gcc
ar=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}ar
size=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}size
cflags="-mcpu=cortex-m33 -mthumb -Os -ffunction-sections -fdata-sections"

core_modules="asn1parse base64 constant_time platform_util"
# Signature path (pk parse + verify for RSA, RSASSA-PSS and ECDSA) and what
# it calls: asn1write (ECDSA signature conversion), hmac_drbg (deterministic
# ECDSA), platform (mbedtls_calloc/free).
sig_modules="bignum ecp ecp_curves ecdsa rsa rsa_internal pk pkparse pk_wrap
md sha256 sha512 sha1 oid asn1write hmac_drbg platform"
x509_modules="x509 x509_crt"

say() { echo "mbedtls-m33: $*"; }

# --- 1. deb-src ------------------------------------------------------------
apt_has_source() {
    apt-cache showsrc mbedtls 2>/dev/null | grep -q '^Package: mbedtls'
}

ensure_deb_src() {
    if apt_has_source; then
        return 0
    fi
    # shellcheck disable=SC1091
    . /etc/os-release
    codename=${VERSION_CODENAME:?no VERSION_CODENAME in /etc/os-release}
    lists=/etc/apt/sources.list.d
    if ! grep -rqsE '^(Types:.*deb-src|deb-src )' /etc/apt/sources.list "$lists"; then
        # Reuse the archive URI that the binary packages come from.
        uri=$(awk -v s="$codename" '
            BEGIN { RS = ""; FS = "\n" }
            {
                types = ""; suites = ""; uris = ""
                for (i = 1; i <= NF; i++) {
                    if ($i ~ /^Types:/) types = $i
                    if ($i ~ /^Suites:/) suites = " " $i " "
                    if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
                }
                if (types ~ /deb/ && suites ~ (" " s " ")) { print uris; exit }
            }' "$lists"/*.sources 2>/dev/null || true)
        uri=${uri:-http://deb.debian.org/debian}
        if [ "$(id -u)" -ne 0 ]; then
            echo "mbedtls-m33: no deb-src entry; as root, add one for $codename main" >&2
            exit 1
        fi
        say "adding deb-src for $codename main ($uri) in $lists/certfit-deb-src.sources"
        cat > "$lists/certfit-deb-src.sources" <<EOF
Types: deb-src
URIs: $uri
Suites: $codename
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
    fi
    apt-get update -qq
    if ! apt_has_source; then
        echo "mbedtls-m33: apt still knows no source package mbedtls" >&2
        exit 1
    fi
}

# --- 2. source ---------------------------------------------------------------
version=$(dpkg-query -W -f='${source:Version}' libmbedtls-dev 2>/dev/null || true)
upstream=${version%-*}
srcdir=
for d in "$out"/src/mbedtls-"${upstream:-}"*; do
    if [ -f "$d/library/asn1parse.c" ]; then
        srcdir=$d
        break
    fi
done
if [ -z "$srcdir" ]; then
    ensure_deb_src
    command -v dpkg-source >/dev/null || apt-get install -y -qq dpkg-dev
    mkdir -p "$out/src"
    say "apt-get source mbedtls${version:+=$version}"
    (cd "$out/src" && apt-get source -qq "mbedtls${version:+=$version}")
    for d in "$out"/src/mbedtls-*; do
        if [ -f "$d/library/asn1parse.c" ]; then
            srcdir=$d
        fi
    done
    if [ -z "$srcdir" ]; then
        echo "mbedtls-m33: apt-get source gave no mbedtls tree in $out/src" >&2
        exit 1
    fi
fi
say "source: $srcdir"

# --- 3. configuration ----------------------------------------------------------
cfgdir=$out/config
cfg=$cfgdir/mbedtls_m33_config.h
# Regenerated each run; replaced only when it changes (objects depend on it).
mkdir -p "$cfgdir"
if [ -f "$srcdir/include/mbedtls/mbedtls_config.h" ]; then
    base=$srcdir/include/mbedtls/mbedtls_config.h   # 3.x
else
    base=$srcdir/include/mbedtls/config.h           # 2.x
fi
cp "$base" "$cfg.tmp"
python3 "$srcdir/scripts/config.py" -f "$cfg.tmp" baremetal
# What `baremetal_size` also drops (parameter checks, self-tests, test
# hooks, TLS debug), and what a device build does not want: the PSA
# indirection (it would pull in the PSA core, CTR_DRBG and entropy) and
# the legacy digests md.c would otherwise link (with the protocols that
# require MD5: SSL 3.0, TLS 1.0 and 1.1, and their CBC record splitting).
for opt in MBEDTLS_CHECK_PARAMS MBEDTLS_CHECK_PARAMS_ASSERT \
           MBEDTLS_SELF_TEST MBEDTLS_TEST_HOOKS MBEDTLS_DEBUG_C \
           MBEDTLS_USE_PSA_CRYPTO \
           MBEDTLS_MD2_C MBEDTLS_MD4_C MBEDTLS_MD5_C MBEDTLS_RIPEMD160_C \
           MBEDTLS_SSL_PROTO_SSL3 MBEDTLS_SSL_PROTO_TLS1 \
           MBEDTLS_SSL_PROTO_TLS1_1 MBEDTLS_SSL_CBC_RECORD_SPLITTING; do
    python3 "$srcdir/scripts/config.py" -f "$cfg.tmp" unset "$opt"
done
if [ -f "$cfg" ] && cmp -s "$cfg.tmp" "$cfg"; then
    rm -f "$cfg.tmp"
else
    mv "$cfg.tmp" "$cfg"
    say "wrote $cfg (config.py baremetal, trimmed)"
fi

# --- 4. compile and archive ----------------------------------------------------
objdir=$out/obj
libdir=$out/lib
mkdir -p "$objdir" "$libdir"
defs="-DMBEDTLS_CONFIG_FILE=<mbedtls_m33_config.h>"
incs="-I$cfgdir -I$srcdir/include -I$srcdir/library"

compile() {
    src=$srcdir/library/$1.c
    obj=$objdir/$1.o
    if [ ! -f "$src" ]; then
        echo "mbedtls-m33: no module $1 in $srcdir/library" >&2
        exit 1
    fi
    if [ ! -f "$obj" ] || [ "$src" -nt "$obj" ] || [ "$cfg" -nt "$obj" ]; then
        # shellcheck disable=SC2086
        "$cc" $cflags $defs $incs -c "$src" -o "$obj"
        echo "  CC $1"
    fi
}

objs() {
    for m in "$@"; do printf '%s ' "$objdir/$m.o"; done
}

archive() {
    lib=$1
    shift
    stale=0
    if [ ! -f "$lib" ]; then
        stale=1
    else
        for m in "$@"; do
            if [ "$objdir/$m.o" -nt "$lib" ]; then stale=1; fi
        done
    fi
    if [ "$stale" -eq 1 ]; then
        rm -f "$lib"
        # shellcheck disable=SC2046
        "$ar" rcs "$lib" $(objs "$@")
        say "archived $lib"
    fi
}

for m in $core_modules $sig_modules $x509_modules; do
    compile "$m"
done
# shellcheck disable=SC2086
archive "$libdir/libmbedcrypto-m33-core.a" $core_modules
# shellcheck disable=SC2086
archive "$libdir/libmbedcrypto-m33-full.a" $core_modules $sig_modules $x509_modules

cat > "$out/env.cmake" <<EOF
# Written by scripts/mbedtls-m33.sh: Mbed TLS $version for the Cortex-M33.
set(CERTFIT_M33_MBEDTLS_INCLUDES "$cfgdir;$srcdir/include")
# <...> rather than "...": the value survives ExternalProject's cache script.
set(CERTFIT_M33_MBEDTLS_DEFINES "MBEDTLS_CONFIG_FILE=<mbedtls_m33_config.h>")
set(CERTFIT_M33_MBEDTLS_CORE_LIB "$libdir/libmbedcrypto-m33-core.a")
set(CERTFIT_M33_MBEDTLS_FULL_LIB "$libdir/libmbedcrypto-m33-full.a")
EOF

# --- 5. sizes ------------------------------------------------------------------
sum_text() {
    # shellcheck disable=SC2046
    "$size" $(objs "$@") | awk 'NR > 1 { t += $1; d += $2; b += $3 }
        END { printf "%d text + %d data + %d bss", t, d, b }'
}
# The module lists are split into words on purpose.
# shellcheck disable=SC2086
{
    echo "# Mbed TLS $version, config.py baremetal less debug/legacy options, $cflags"
    echo "# arm-none-eabi-size of each object (before --gc-sections)"
    # shellcheck disable=SC2046
    "$size" $(objs $core_modules $sig_modules $x509_modules) |
        sed "s|$objdir/||"
    echo
    echo "asn1parse.o + base64.o:  $(sum_text asn1parse base64)"
    echo "core ($core_modules):  $(sum_text $core_modules)"
    echo "signature path:  $(sum_text $sig_modules)"
    echo "x509 + x509_crt:  $(sum_text $x509_modules)"
    echo "everything:  $(sum_text $core_modules $sig_modules $x509_modules)"
} > "$out/sizes.txt"
cat "$out/sizes.txt"
