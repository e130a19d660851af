#!/bin/bash
# Cross-compile the parts of Mbed TLS that certfit uses for the Cortex-M33
# (nRF9160) and measure them.  The source is a Debian source package, by
# name, from Debian's archive (no other network):
#   default     Debian 12's mbedtls (2.28), the version of the libmbedtls-dev
#               installed here, through the system's apt (a deb-src entry);
#   --debian13  Debian 13's mbedtls (3.6, what nRF Connect SDK ships),
#               through a private apt list and private apt state under
#               OUTDIR/apt, as scripts/trixie-debs.sh fetches binary
#               packages: the system's apt sources never see trixie.
#
# Usage: scripts/mbedtls-m33.sh [--debian13] [OUTDIR]
#        (default OUTDIR: build/m33-mbedtls, with --debian13
#        build/m33-mbedtls36)
#
# Steps, each skipped when its result is already there (a second run reads
# no network and, with --debian13, calls neither apt-get nor dpkg):
#   1. default: add a deb-src entry for the release's main component if apt
#      has none (a separate deb822 file, certfit-deb-src.sources), apt-get
#      update; --debian13: a deb-src list for trixie main in OUTDIR/apt and
#      apt-get update with it (the lists are removed afterwards);
#   2. `apt-get source mbedtls[=<version>]` into OUTDIR/src;
#   3. OUTDIR/config/mbedtls_m33_config.h: Mbed TLS's config.h (2.28) or
#      mbedtls_config.h (3.6) with `scripts/config.py baremetal` applied (a
#      copy; the tree is untouched), less debug-only options and legacy
#      digests, and on 3.6 less PSA (listed below);
#   4. compile the modules below with the flags of cmake/arm-none-eabi.cmake
#      into OUTDIR/obj, and archive them:
#        OUTDIR/lib/libmbedcrypto-m33-core.a  asn1parse, base64 and what they
#                                             call (constant_time,
#                                             platform_util)
#        OUTDIR/lib/libmbedcrypto-m33-full.a  core + the optional signature
#                                             path + x509/x509_crt (the
#                                             comparison measurement)
#      OUTDIR/modules.txt lists them (lines "core ...", "sig ...",
#      "x509 ..."; scripts/footprint.sh reads it);
#   5. print arm-none-eabi-size of every object and write OUTDIR/sizes.txt.
#
# Use from CMake: -DCERTFIT_M33_INCLUDES="OUTDIR/config;OUTDIR/src/<dir>/include"
#   -DCERTFIT_M33_DEFINES="MBEDTLS_CONFIG_FILE=<mbedtls_m33_config.h>"
#   -DCERTFIT_M33_LIBS=OUTDIR/lib/libmbedcrypto-m33-core.a
# (OUTDIR/env.cmake holds exactly these values.)
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
debian13=0
if [ "${1:-}" = "--debian13" ]; then
    debian13=1
    shift
fi
case ${1:-} in
-*) echo "usage: scripts/mbedtls-m33.sh [--debian13] [OUTDIR]" >&2; exit 2 ;;
esac
if [ "$debian13" -eq 1 ]; then
    out=${1:-$here/build/m33-mbedtls36}
else
    out=${1:-$here/build/m33-mbedtls}
fi
mkdir -p "$out"
out=$(cd "$out" && pwd)

cc=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}gcc
ar=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}ar
size=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}size
cflags="-mcpu=cortex-m33 -mthumb -Os -ffunction-sections -fdata-sections"

core_modules="asn1parse base64 constant_time platform_util"
# Signature path (pk parse + verify for RSA, RSASSA-PSS and ECDSA) and what
# it calls: asn1write (ECDSA signature conversion), hmac_drbg (deterministic
# ECDSA), platform (mbedtls_calloc/free).  3.x split some of these: set once
# the source tree is known (step 4).
sig_modules_228="bignum ecp ecp_curves ecdsa rsa rsa_internal pk pkparse pk_wrap
md sha256 sha512 sha1 oid asn1write hmac_drbg platform"
# 3.6: the bignum core (bignum_core), the EC key parsing moved out of
# pkparse/pk (pk_ecc), rsa_internal renamed rsa_alt_helpers.
sig_modules_36="bignum bignum_core ecp ecp_curves ecdsa rsa rsa_alt_helpers pk pk_ecc
pkparse pk_wrap md sha256 sha512 sha1 oid asn1write hmac_drbg platform"
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

# Debian 13's source package through a private list and private state under
# OUTDIR/apt (scripts/trixie-debs.sh does the same for binary packages).
fetch_debian13() {
    keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    [ -f "$keyring" ] || { echo "mbedtls-m33: no $keyring (Debian: debian-archive-keyring)" >&2; exit 1; }
    command -v dpkg-source >/dev/null || {
        echo "mbedtls-m33: apt-get source needs dpkg-source (Debian: dpkg-dev)" >&2
        exit 1
    }
    apt=$out/apt
    mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$out/src"
    cat >"$apt/trixie-src.sources" <<SRC
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: $keyring
SRC
    set -- -o Dir::Etc::sourcelist="$apt/trixie-src.sources" \
        -o Dir::Etc::sourceparts=/dev/null -o Dir::State::Lists="$apt/lists" \
        -o Dir::Cache="$apt/cache" -o APT::Get::List-Cleanup=0
    say "apt-get update (private list: trixie main, deb-src) in $apt"
    apt-get "$@" update -q >"$out/apt-update.log" 2>&1 || {
        cat "$out/apt-update.log" >&2
        echo "mbedtls-m33: Debian 13's archive not reachable (private list $apt/trixie-src.sources)" >&2
        exit 1
    }
    say "apt-get source mbedtls (Debian 13)"
    (cd "$out/src" && apt-get "$@" source -q mbedtls) >"$out/apt-source.log" 2>&1 || {
        cat "$out/apt-source.log" >&2
        echo "mbedtls-m33: apt-get source mbedtls from Debian 13 failed" >&2
        exit 1
    }
    # the lists are not needed again: keep the cache small
    rm -rf "$apt/lists" "$apt/cache"
}

# --- 2. source ---------------------------------------------------------------
srcdir=
if [ "$debian13" -eq 1 ]; then
    # Any 3.6 tree already unpacked; its version from the .dsc beside it.
    for d in "$out"/src/mbedtls-3.6.*; do
        if [ -f "$d/library/asn1parse.c" ]; then
            srcdir=$d
        fi
    done
    if [ -z "$srcdir" ]; then
        fetch_debian13
        for d in "$out"/src/mbedtls-*; do
            if [ -f "$d/library/asn1parse.c" ]; then
                srcdir=$d
            fi
        done
    fi
    if [ -z "$srcdir" ] ||
        ! grep -q 'MBEDTLS_VERSION_STRING *"3\.6\.' "$srcdir/include/mbedtls/build_info.h" 2>/dev/null; then
        echo "mbedtls-m33: Debian 13's mbedtls gave no Mbed TLS 3.6 tree in $out/src" >&2
        exit 1
    fi
    version=
    for dsc in "$out"/src/mbedtls_*.dsc; do
        if [ -f "$dsc" ]; then
            version=$(sed -n 's/^Version: //p' "$dsc")
        fi
    done
    [ -n "$version" ] || { echo "mbedtls-m33: no mbedtls_*.dsc in $out/src" >&2; exit 1; }
else
    version=$(dpkg-query -W -f='${source:Version}' libmbedtls-dev 2>/dev/null || true)
    upstream=${version%-*}
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
# 3.6 (config.py ignores the 2.28 names above that 3.6 no longer has): no
# PSA at all (the PSA core and its key store, and with them LMS and TLS 1.3,
# which check_config.h refuses without the PSA core); the PSA configuration
# and client switches, so that the legacy MBEDTLS_*_C options alone decide
# what is built; and SHA-3, which 2.28 does not have and X.509 does not use
# (md.c would link it).  What stays for verification is what 2.28 keeps:
# bignum, ECP (every curve) and ECDSA, RSA with PKCS#1 v1.5 and PSS, pk
# parse, md with SHA-1, SHA-224/256, SHA-384/512.
if [ -f "$srcdir/include/mbedtls/build_info.h" ]; then
    for opt in MBEDTLS_PSA_CRYPTO_C MBEDTLS_PSA_CRYPTO_CONFIG \
               MBEDTLS_PSA_CRYPTO_CLIENT MBEDTLS_PSA_CRYPTO_BUILTIN_KEYS \
               MBEDTLS_PSA_KEY_STORE_DYNAMIC MBEDTLS_LMS_C MBEDTLS_LMS_PRIVATE \
               MBEDTLS_SSL_PROTO_TLS1_3 MBEDTLS_SHA3_C; do
        python3 "$srcdir/scripts/config.py" -f "$cfg.tmp" unset "$opt"
    done
    sig_modules=$sig_modules_36
    trim_36=" and PSA, LMS, TLS 1.3, SHA-3"
else
    sig_modules=$sig_modules_228
fi
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
# The module lists of this version, one line each (split on purpose).
# shellcheck disable=SC2086
{
    echo core $core_modules
    echo sig $sig_modules
    echo x509 $x509_modules
} >"$out/modules.txt"

# --- 5. sizes ------------------------------------------------------------------
sum_text() {
    # shellcheck disable=SC2046
    "$size" $(objs "$@") | awk 'NR > 1 { t += $1; d += $2; b += $3 }
        END { printf "%d text + %d data + %d bss", t, d, b }'
}
# The module lists are split into words on purpose.
# shellcheck disable=SC2086
{
    echo "# Mbed TLS $version, config.py baremetal less debug/legacy options${trim_36:-}, $cflags"
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
