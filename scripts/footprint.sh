#!/bin/sh
# Footprint of the embedded hook on the nRF9160's core (Cortex-M33), and of
# Mbed TLS's own certificate parser for comparison (docs/design.md section 9,
# docs/firmware.md).
#
# Usage: scripts/footprint.sh [--docs] [--check] [--update-baseline] [OUTDIR]
#        (default OUTDIR: build/footprint)
#
# Builds six images with firmware/m33's harness (cmake/arm-none-eabi.cmake:
# -mcpu=cortex-m33 -mthumb -Os -ffunction-sections -fdata-sections,
# --gc-sections) around one call on the 2024-10 RootCA (904 bytes of PEM),
# firmware/footprint/footprint_main.c:
#   guard      certfit_guard_check, no signature verification (the default)
#   guard_sig  certfit_guard_check with signature verification (lib/verify.c)
#   guard_sig36  the same against Mbed TLS 3.6 (what nRF Connect SDK ships):
#              Debian 13's mbedtls source package, scripts/mbedtls-m33.sh
#              --debian13 (a private apt list; cached in OUTDIR)
#   guard_sig36nt  the same with MBEDTLS_ECP_FIXED_POINT_OPTIM=0 (no
#              precomputed comb tables in flash)
#   x509       mbedtls_x509_crt_parse of the same PEM
#   glue       certfit_modem_provision: the module as a firmware image links
#              it, the hook and the Zephyr glue (firmware/src/certfit_modem.c)
#              with the Kconfig defaults, the host fakes of logging, kernel
#              and modem_key_mgmt (firmware/tests/fakes) standing in for
#              Zephyr and nRF Connect SDK
# Mbed TLS is Debian's source package configured by scripts/mbedtls-m33.sh
# (config.py baremetal, trimmed): Debian 12's 2.28 for every image but
# guard_sig36; its modules are compiled into each image with the same flags,
# so that -fcallgraph-info covers them too.
# For each image it reports:
#   flash   text + rodata (+ data initialisers) kept by the link: certfit's
#           objects (lib/*.c), Mbed TLS's objects, and the libc/libgcc
#           functions the call reaches (firmware/footprint/reach.py);
#   RAM     data + bss of those objects (the caller's work buffer apart);
#   heap    peak of Mbed TLS's allocations (a counting pool), 0 when nothing
#           allocates (the harness fails the run on any malloc);
#   stack   measured in QEMU (painted stack) and the worst case along the
#           call graph from -fcallgraph-info=su (firmware/footprint/stack_chain.py).
# and compares the module (the glue image: certfit's objects, the glue's
# object with its strings, the libc/libgcc helpers they reach, without the
# system's printf and the fakes) with the targets: flash <= 10 KiB, RAM
# (work buffer + state) <= 2 KiB, stack along the call graph <= 1 KiB.
# With --docs it also rewrites the block between the "footprint:begin" and
# "footprint:end" markers of docs/firmware.md. With --check it prints the
# module's three figures against their targets on one line and exits 1 on a
# regression: the stack above its target, flash or RAM above the committed
# baseline (firmware/footprint/baseline.txt: both are over their targets
# until the constant-memory scanner lands, so the gate holds them where
# they are), or any heap use (CI: scripts/ci/60-footprint.sh).
# --update-baseline writes the measured flash and RAM to the baseline.
set -eu

here=$(cd "$(dirname "$0")/.." && pwd)
docs=0
check=0
update=0
while [ $# -gt 0 ]; do
    case $1 in
    --docs) docs=1 ;;
    --check) check=1 ;;
    --update-baseline) update=1 ;;
    -*) echo "usage: scripts/footprint.sh [--docs] [--check] [--update-baseline] [OUTDIR]" >&2; exit 2 ;;
    *) break ;;
    esac
    shift
done
out=${1:-$here/build/footprint}
mkdir -p "$out"
out=$(cd "$out" && pwd)
fp=$here/firmware/footprint
prefix=${CERTFIT_ARM_PREFIX:-arm-none-eabi-}

for tool in "${prefix}gcc" qemu-system-arm cmake python3; do
    if ! command -v "$tool" >/dev/null; then
        echo "footprint: $tool not found (scripts/setup.sh installs the tools)" >&2
        exit 1
    fi
done

# --- Mbed TLS source and configuration ------------------------------------
# mbedtls_tree OUTDIR [--debian13]: scripts/mbedtls-m33.sh into OUTDIR; sets
# src (the source tree), version, and the modules it archives (core,
# signature path, x509: OUTDIR/modules.txt) plus pem for the signature
# path: mbedtls_pk_parse_public_key and mbedtls_x509_crt_parse try PEM.
mbedtls_tree() {
    mbed=$1
    "$here/scripts/mbedtls-m33.sh" ${2:+"$2"} "$mbed" >"$mbed.log" 2>&1 || {
        cat "$mbed.log" >&2
        exit 1
    }
    src=
    for d in "$mbed"/src/mbedtls-*; do
        if [ -f "$d/library/asn1parse.c" ]; then
            src=$d
        fi
    done
    version=$(sed -n 's/^# Written by.*: Mbed TLS \([^ ]*\) for.*/\1/p' "$mbed/env.cmake")
    core_mods=$(sed -n 's/^core //p' "$mbed/modules.txt")
    sig_mods="$(sed -n 's/^sig //p' "$mbed/modules.txt") pem"
    x509_mods=$(sed -n 's/^x509 //p' "$mbed/modules.txt")
}
# Debian 13's 3.6 first, so that the variables the other images use are
# 2.28's.
mbedtls_tree "$out/m33-mbedtls36" --debian13
src36=$src mbed36=$mbed version36=$version
core_mods36=$core_mods sig_mods36=$sig_mods
mbedtls_tree "$out/m33-mbedtls"

# The library core, as the top-level CMakeLists.txt lists it.
core=$(sed -n '/^set(CERTFIT_CORE_SOURCES/,/)/p' "$here/CMakeLists.txt" |
    tr -s '() ' '\n' | grep '\.c$')

list() { # prefix, words -> ;-separated absolute paths
    p=$1
    shift
    for w in "$@"; do printf '%s%s;' "$p" "$w"; done
}

# The library as the device builds it (include/certfit/config.h; one list in
# cmake/device_config.cmake; the Zephyr module sets the same from Kconfig).
device_config=$(sed -n 's/^set(CERTFIT_DEVICE_CONFIG \(.*\))$/\1/p' "$here/cmake/device_config.cmake" | tr ' ' ';')
[ -n "$device_config" ] || { echo "footprint: no CERTFIT_DEVICE_CONFIG in cmake/device_config.cmake" >&2; exit 1; }

build() { # name mode signatures mbedtls-modules project-sources [includes] [defines]
    name=$1 mode=$2 sig=$3 mods=$4 proj=$5 xinc=${6:-} xdef=${7:-}
    bdir=$out/$name
    mods_c=
    for m in $mods; do mods_c="$mods_c $m.c"; done
    # shellcheck disable=SC2086
    sources="$(list "$here/" $proj)$(list "$src/library/" $mods_c)$fp/footprint_main.c"
    # signatures read the DER: the buffered scanner (config.h, CERTFIT_CONFIG_STREAM)
    cfg=$device_config
    [ "$sig" = 0 ] || cfg=$(echo "$device_config" | sed 's/CERTFIT_CONFIG_STREAM=1/CERTFIT_CONFIG_STREAM=0/')
    CFLAGS="-fcallgraph-info=su,da" cmake -S "$here/firmware/m33" -B "$bdir" \
        -DCMAKE_TOOLCHAIN_FILE="$here/cmake/arm-none-eabi.cmake" \
        -DCMAKE_BUILD_TYPE=MinSizeRel \
        -DCERTFIT_M33_IMAGE="$name" -DCERTFIT_M33_DEMOS=OFF \
        -DCERTFIT_M33_SOURCES="$sources" \
        -DCERTFIT_M33_INCLUDES="$here/include;$here/lib;$here/firmware/samples/mqtt_tls_provision/src;$mbed/config;$src/include;$src/library$xinc" \
        -DCERTFIT_M33_DEFINES="FOOTPRINT_MODE=$mode;CERTFIT_WITH_SIGNATURES=$sig;$cfg;MBEDTLS_CONFIG_FILE=<mbedtls_m33_config.h>$xdef" \
        >"$bdir.log" 2>&1 || { cat "$bdir.log" >&2; exit 1; }
    cmake --build "$bdir" >>"$bdir.log" 2>&1 || { cat "$bdir.log" >&2; exit 1; }
    "$here/firmware/m33/run-qemu.sh" "$bdir/$name.elf" >"$bdir.run" 2>&1 || {
        cat "$bdir.run" >&2
        echo "footprint: $name failed in QEMU" >&2
        exit 1
    }
}

measure() { # name root [reach-stops] [stack-leaves] -> sets m_* variables
    name=$1 root=$2 stops=${3:-} leaves=${4:-}
    bdir=$out/$name
    # the functions the call reaches: libc/libgcc helpers count, the
    # harness's printf does not (nor, for the glue, the system's printf and
    # the fakes of logging and modem_key_mgmt: --stop)
    python3 "$fp/reach.py" "$bdir/$name.elf" "$root" ${stops:+--stop "$stops"} >"$bdir.reach"
    python3 "$fp/map_sizes.py" "$bdir/$name.map" \
        'certfit=/lib/[a-z_]+\.c\.obj' 'mbedtls=/library/[a-z_0-9]+\.c\.obj' \
        'glue=/firmware/src/certfit_modem\.c\.obj' 'fakes=/firmware/tests/fakes/' \
        'main=footprint_main' --top 12 --reach "$bdir.reach" >"$bdir.sizes"
    get() { awk -F'\t' -v g="$1" -v k="$2" '$1 == g && $2 == k { print $3 }' "$bdir.sizes"; }
    m_cf_text=$(get certfit text) m_cf_ro=$(get certfit rodata)
    m_cf_data=$(get certfit data) m_cf_bss=$(get certfit bss)
    m_mb_text=$(get mbedtls text) m_mb_ro=$(get mbedtls rodata)
    m_mb_data=$(get mbedtls data) m_mb_bss=$(get mbedtls bss)
    m_gl_text=$(get glue text) m_gl_ro=$(get glue rodata)
    m_gl_data=$(get glue data) m_gl_bss=$(get glue bss)
    m_libc=$(get reach other)
    m_stack=$(sed -n 's/^footprint: stack //p' "$bdir.run")
    m_heap=$(sed -n 's/^footprint: heap //p' "$bdir.run")
    m_work=$(sed -n 's/^footprint: work //p' "$bdir.run")
    find "$bdir" -name '*.ci' >"$bdir.cilist"
    # shellcheck disable=SC2046
    python3 "$fp/stack_chain.py" --elf "$bdir/$name.elf" --objdump "${prefix}objdump" \
        ${leaves:+--leaf "$leaves"} "$root" $(cat "$bdir.cilist") >"$bdir.stack"
    m_static=$(awk '/worst case from/ { print $1 }' "$bdir.stack")
    m_flash_cf=$((m_cf_text + m_cf_ro + m_cf_data))
    m_flash_mb=$((m_mb_text + m_mb_ro + m_mb_data))
    m_flash_gl=$((m_gl_text + m_gl_ro + m_gl_data))
    m_flash=$((m_flash_cf + m_flash_gl + m_flash_mb + m_libc))
    m_ram=$((m_cf_data + m_cf_bss + m_gl_data + m_gl_bss + m_mb_data + m_mb_bss))
}

echo "footprint: building in $out (Mbed TLS $version; $version36 for fp_guard_sig36)" >&2
# shellcheck disable=SC2086
build fp_guard 1 0 "$core_mods" "$core"
# shellcheck disable=SC2086
build fp_guard_sig 2 1 "$core_mods $sig_mods" "$core lib/verify.c"
build fp_x509 3 0 "$core_mods $sig_mods $x509_mods" ""
# The signature image against Mbed TLS 3.6: the same sources and flags.
src228=$src mbed228=$mbed
src=$src36 mbed=$mbed36
build fp_guard_sig36 2 1 "$core_mods36 $sig_mods36" "$core lib/verify.c"
# ... and without 3.6's precomputed comb tables for every curve's generator
# (MBEDTLS_ECP_FIXED_POINT_OPTIM, 1 unless defined; 2.28 computes the table
# at run time in the heap), to show what they cost.
build fp_guard_sig36nt 2 1 "$core_mods36 $sig_mods36" "$core lib/verify.c" "" \
    ";MBEDTLS_ECP_FIXED_POINT_OPTIM=0"
src=$src228 mbed=$mbed228
# The module as a firmware image links it: the hook and the glue with its
# Kconfig defaults (the work buffer from firmware/Kconfig), the host fakes
# standing in for Zephyr's logging and kernel and for modem_key_mgmt.
kwork=$(awk '/^config CERTFIT_WORK_BUFFER_SIZE$/ { on = 1; next }
             on && /^\tdefault [0-9]+$/ { print $2; exit }' "$here/firmware/Kconfig")
[ -n "$kwork" ] || { echo "footprint: no CERTFIT_WORK_BUFFER_SIZE default in firmware/Kconfig" >&2; exit 1; }
fakes="firmware/tests/fakes/fake_modem.c firmware/tests/fakes/fake_log.c firmware/tests/fakes/fake_kernel.c"
# shellcheck disable=SC2086
build fp_glue 4 0 "$core_mods" "$core firmware/src/certfit_modem.c $fakes" \
    ";$here/firmware/include;$here/firmware/tests/fakes" \
    ";CONFIG_CERTFIT=1;CONFIG_CERTFIT_MODEM_KEY_MGMT=1;CONFIG_CERTFIT_PROFILE_NRF91=1;CONFIG_CERTFIT_FAIL_ON_LEVEL=3;CONFIG_CERTFIT_WORK_BUFFER_SIZE=$kwork"

measure fp_guard certfit_guard_check
g_cf=$m_flash_cf g_mb=$m_flash_mb g_libc=$m_libc g_flash=$m_flash g_ram=$m_ram
g_heap=$m_heap g_stack=$m_stack g_static=$m_static g_work=$m_work
g_cf_text=$m_cf_text g_cf_ro=$m_cf_ro
measure fp_guard_sig certfit_guard_check
s_cf=$m_flash_cf s_mb=$m_flash_mb s_libc=$m_libc s_flash=$m_flash s_ram=$m_ram
s_heap=$m_heap s_stack=$m_stack s_static=$m_static s_work=$m_work
measure fp_guard_sig36 certfit_guard_check
t_cf=$m_flash_cf t_mb=$m_flash_mb t_libc=$m_libc t_flash=$m_flash t_ram=$m_ram
t_heap=$m_heap t_stack=$m_stack t_static=$m_static
measure fp_guard_sig36nt certfit_guard_check
n_cf=$m_flash_cf n_mb=$m_flash_mb n_libc=$m_libc n_flash=$m_flash n_ram=$m_ram
n_heap=$m_heap n_stack=$m_stack n_static=$m_static
# rodata of ecp_curves.c: the curves' constants, and on 3.6 the comb tables
curves_ro() {
    python3 "$fp/map_sizes.py" "$out/$1/$1.map" 'curves=/library/ecp_curves\.c\.obj' |
        awk -F'\t' '$1 == "curves" && $2 == "rodata" { print $3 }'
}
s_curves=$(curves_ro fp_guard_sig) t_curves=$(curves_ro fp_guard_sig36)
n_curves=$(curves_ro fp_guard_sig36nt)
measure fp_x509 mbedtls_x509_crt_parse
x_mb=$m_flash_mb x_libc=$m_libc x_flash=$m_flash x_ram=$m_ram
x_heap=$m_heap x_stack=$m_stack x_static=$m_static
# The system's printf (Zephyr: cbprintf) and the fakes are not the module's
# flash; on the stack, snprintf and the logging call count their own frame,
# not what the host's newlib does below them.
glue_stops=snprintf,fake_log,modem_key_mgmt_exists,modem_key_mgmt_cmp,modem_key_mgmt_write,modem_key_mgmt_delete
measure fp_glue certfit_modem_provision "$glue_stops" snprintf,fake_log
m_cf=$m_flash_cf m_libc_gl=$m_libc m_flash_m=$((m_flash_cf + m_flash_gl + m_libc))
m_gl_code=$m_gl_text m_gl_strings=$((m_gl_ro + m_gl_data))
m_ram_m=$((m_cf_data + m_cf_bss + m_gl_data + m_gl_bss))
m_stack_m=$m_stack m_static_m=$m_static m_work_m=$m_work

# The targets without signatures (issue 4), for the report and --check.
# Stack: the larger of the call-graph worst case and the QEMU measurement.
flash_max=10240 ram_max=2048 heap_max=0 stack_max=1024
g_stack_max=$g_static
[ "$g_stack" -le "$g_static" ] || g_stack_max=$g_stack
# The module: the larger of the call-graph worst case and the measurement.
m_stack_max=$m_static_m
[ "$m_stack_m" -le "$m_static_m" ] || m_stack_max=$m_stack_m
baseline=$here/firmware/footprint/baseline.txt
b_flash=$(awk '$1 == "flash" { print $2 }' "$baseline")
b_ram=$(awk '$1 == "ram" { print $2 }' "$baseline")
delta() { # a b -> b - a with its sign
    printf '%+d' $(($2 - $1))
}
verdict() { # value limit
    if [ "$1" -le "$2" ]; then echo "met"; else echo "**not met**"; fi
}

report() {
    cat <<EOF
### The module as a firmware image links it (hook + glue)

One \`certfit_modem_provision()\` of the 2024-10 RootCA (904 bytes of PEM) with Kconfig's
defaults (nrf91, fail on errors, \`CONFIG_CERTFIT_WORK_BUFFER_SIZE=$m_work_m\`, no finding text),
the host fakes standing in for Zephyr's logging and kernel and for \`modem_key_mgmt\`. Bytes.

| | bytes | target |
| --- | ---: | --- |
| flash: certfit (the hook and the library, with the rule-id strings) | $m_cf | |
| flash: glue code | $m_gl_code | |
| flash: glue strings | $m_gl_strings | |
| flash: libc/libgcc helpers reached (not the system's printf) | $m_libc_gl | |
| **flash, module** | **$m_flash_m** | <= $flash_max: $(verdict "$m_flash_m" $flash_max) |
| **RAM (work buffer $m_work_m + verdict + mutex)** | **$m_ram_m** | <= $ram_max: $(verdict "$m_ram_m" $ram_max) |
| stack, measured in QEMU | $m_stack_m | |
| **stack, worst case along the call graph** | **$m_static_m** | <= $stack_max: $(verdict "$m_stack_max" $stack_max) |

The hook (the streaming scanner and the rules, with the ids of the rules the device can
report and its numbers-only message) is most of the flash, the glue $((m_gl_code + m_gl_strings)) bytes;
the work buffer ($m_work_m bytes) checks every credential the modem can hold. \`--check\` holds
both at the committed baseline (firmware/footprint/baseline.txt: flash $b_flash, RAM $b_ram)
and the stack at its target. On the stack, \`snprintf\` and the logging call count their own
frame only (what runs below them is the system's printf and log backend; the QEMU
measurement includes the host's newlib under them).

Deepest call chain of \`certfit_modem_provision\` (frame bytes, from \`-fstack-usage\`):

\`\`\`
$(cat "$out/fp_glue.stack")
\`\`\`

### The hook alone, and Mbed TLS's parser for comparison

Measured by \`scripts/footprint.sh\` with arm-none-eabi-gcc $("${prefix}gcc" -dumpfullversion),
Mbed TLS $version (Debian source, \`config.py baremetal\`, trimmed), \`-mcpu=cortex-m33 -mthumb -Os\`,
\`--gc-sections\`; one call on the 2024-10 RootCA (904 bytes of PEM); the library built as
on the device (\`$(echo "$device_config" | sed 's/;/ /g')\`). Bytes.

| | hook, no signatures | hook, signatures | \`mbedtls_x509_crt_parse\` |
| --- | ---: | ---: | ---: |
| flash: certfit (text + rodata + data) | $g_cf | $s_cf | 0 |
| flash: Mbed TLS | $g_mb | $s_mb | $x_mb |
| flash: libc/libgcc functions reached | $g_libc | $s_libc | $x_libc |
| **flash total** | **$g_flash** | **$s_flash** | **$x_flash** |
| RAM (data + bss; without the caller's work buffer) | $g_ram | $s_ram | $x_ram |
| work buffer (caller's, \`CERTFIT_GUARD_WORK_SIZE\`) | $g_work | $s_work | - |
| heap (peak) | $g_heap | $s_heap | $x_heap |
| stack, measured in QEMU | $g_stack | $s_stack | $x_stack |
| stack, worst case along the direct-call graph | $g_static | $s_static | $x_static |

The hook without signatures: heap $heap_max: $(verdict "$g_heap" $heap_max) ($g_heap); stack <= $stack_max: $(verdict "$g_stack_max" $stack_max)
(worst case $g_static, measured $g_stack). The call-graph figure follows direct calls only;
with signatures Mbed TLS dispatches through function pointers (pk, md), so there the
measured figure (ECDSA P-384 for this credential) is the larger one.

Largest certfit functions in the no-signature image (\`.text\` $g_cf_text, \`.rodata\` $g_cf_ro):

| bytes | section |
| ---: | --- |
$(awk -F'\t' '$1 == "top" && $2 == "certfit" { printf "| %s | `%s` |\n", $3, $4 }' "$out/fp_guard.sizes")

Deepest call chain of \`certfit_guard_check\` (frame bytes, from \`-fstack-usage\`):

\`\`\`
$(cat "$out/fp_guard.stack")
\`\`\`

### Signatures on: Mbed TLS 2.28 and 3.6

The hook with signature verification (the image above) built from the same certfit sources
with the same flags and call against Debian 12's Mbed TLS $version and Debian 13's
$version36 (the 3.6 series nRF Connect SDK ships), both \`config.py baremetal\` trimmed the same
way; 3.6 also without PSA (and LMS and TLS 1.3, which need it) and SHA-3 (2.28 has none).
The last column is 3.6 built with \`MBEDTLS_ECP_FIXED_POINT_OPTIM=0\`. Bytes.

| | Mbed TLS $version | Mbed TLS $version36 | 3.6 - 2.28 | 3.6, \`FIXED_POINT_OPTIM=0\` |
| --- | ---: | ---: | ---: | ---: |
| flash: certfit (text + rodata + data) | $s_cf | $t_cf | $(delta "$s_cf" "$t_cf") | $n_cf |
| flash: Mbed TLS | $s_mb | $t_mb | $(delta "$s_mb" "$t_mb") | $n_mb |
| of which \`ecp_curves.c\` rodata (curve constants, comb tables) | $s_curves | $t_curves | $(delta "$s_curves" "$t_curves") | $n_curves |
| flash: libc/libgcc functions reached | $s_libc | $t_libc | $(delta "$s_libc" "$t_libc") | $n_libc |
| **flash total** | **$s_flash** | **$t_flash** | $(delta "$s_flash" "$t_flash") | $n_flash |
| RAM (data + bss; without the caller's work buffer) | $s_ram | $t_ram | $(delta "$s_ram" "$t_ram") | $n_ram |
| heap (peak) | $s_heap | $t_heap | $(delta "$s_heap" "$t_heap") | $n_heap |
| stack, measured in QEMU | $s_stack | $t_stack | $(delta "$s_stack" "$t_stack") | $n_stack |
| stack, worst case along the direct-call graph | $s_static | $t_static | $(delta "$s_static" "$t_static") | $n_static |

Of the $((t_mb - s_mb)) bytes 3.6 adds to Mbed TLS's flash, $((t_curves - s_curves)) are \`ecp_curves.c\`'s read-only data: 3.6
defines \`MBEDTLS_ECP_FIXED_POINT_OPTIM\` as 1 unless it is set and then keeps a precomputed comb
table of every enabled short-Weierstrass curve's generator in flash, where 2.28 computes the
table in the heap when a multiplication by the generator needs it. With the option 0, 3.6's
Mbed TLS is $n_mb bytes ($(delta "$s_mb" "$n_mb") against 2.28) and its heap peak $n_heap. Either version
can drop the curves a device never meets (\`MBEDTLS_ECP_DP_*_ENABLED\`); not measured here.
EOF
}

if [ "$update" -eq 1 ]; then
    printf '# scripts/footprint.sh --update-baseline: the module (hook + glue) as committed;\n# --check fails when flash or RAM grows past these (bytes).\nflash %s\nram %s\n' \
        "$m_flash_m" "$m_ram_m" >"$baseline"
    echo "footprint: baseline updated: flash $m_flash_m, RAM $m_ram_m" >&2
    b_flash=$m_flash_m b_ram=$m_ram_m
fi

report >"$out/footprint.md"
cat "$out/footprint.md"

if [ "$docs" -eq 1 ]; then
    doc=$here/docs/firmware.md
    python3 - "$doc" "$out/footprint.md" <<'PY'
import sys
doc, block = sys.argv[1], open(sys.argv[2], encoding="utf-8").read()
text = open(doc, encoding="utf-8").read()
begin, end = "<!-- footprint:begin -->", "<!-- footprint:end -->"
i, j = text.index(begin) + len(begin), text.index(end)
open(doc, "w", encoding="utf-8").write(text[:i] + "\n" + block + text[j:])
PY
    echo "footprint: updated $doc" >&2
fi

if [ "$check" -eq 1 ]; then
    against() { # value target baseline -> "met" / "not met, baseline N"
        if [ "$1" -le "$2" ]; then echo "<= $2 met"; else echo "> $2 NOT MET, baseline $3"; fi
    }
    line="footprint: hook + glue: flash $m_flash_m B ($(against "$m_flash_m" $flash_max "$b_flash")),"
    line="$line RAM $m_ram_m B ($(against "$m_ram_m" $ram_max "$b_ram")),"
    line="$line stack $m_stack_max B (<= $stack_max $(verdict "$m_stack_max" $stack_max | tr -d '*'))"
    regress=
    [ "$m_flash_m" -le "$b_flash" ] || regress="$regress flash $m_flash_m > baseline $b_flash;"
    [ "$m_ram_m" -le "$b_ram" ] || regress="$regress RAM $m_ram_m > baseline $b_ram;"
    [ "$m_stack_max" -le "$stack_max" ] || regress="$regress stack $m_stack_max > $stack_max;"
    [ "$g_heap" -le "$heap_max" ] || regress="$regress heap $g_heap;"
    if [ -n "$regress" ]; then
        echo "$line: REGRESSION:$regress" >&2
        exit 1
    fi
    echo "$line: no regression" >&2
fi
