#!/bin/sh
# The benchmark (issue 7): whole-process medians (hyperfine) of certfit,
# OpenSSL and Mbed TLS on the same bundles in one run, callgrind
# instructions per certificate of the library, peak RSS, signature
# throughput per key type; writes docs/performance.md.
#
#   bench/run.sh [BUILD]        (make bench)
# Environment:
#   RUNS=5                hyperfine runs per command (median of at least 5)
#   SIZES="1000 10000 100000"
#   SIG_SIZES="1000 10000"     bundles also checked with signatures on
#   MBEDTLS_SIZES="1000 10000" bundles given to the Mbed TLS program
#   SIG_KEYS="rsa-2048 rsa-4096 p-256 p-384"   signature throughput ("" = skip)
#   DOC=docs/performance.md    where the report goes ('-' = stdout)
set -eu
BUILD=${1:-build}
RUNS=${RUNS:-5}
SIZES=${SIZES:-"1000 10000 100000"}
SIG_SIZES=${SIG_SIZES:-"1000 10000"}
MBEDTLS_SIZES=${MBEDTLS_SIZES:-"1000 10000"}
SIG_KEYS=${SIG_KEYS-"rsa-2048 rsa-4096 p-256 p-384"}
DOC=${DOC:-docs/performance.md}
CORPUS=$BUILD/bench-corpus
# certfit refuses inputs over 16 MiB by default (--max-size): the
# 100,000-certificate bundle is 150 MB
MAXSZ=1073741824
CF=$BUILD/cli/certfit
DRV=$BUILD/bench/certfit-bench-driver
MB=$BUILD/bench/certfit-bench-mbedtls
for t in hyperfine jq valgrind callgrind_annotate openssl /usr/bin/time; do
  command -v "$t" >/dev/null 2>&1 || { echo "bench: $t missing (scripts/setup.sh installs scripts/packages/bench.txt)" >&2; exit 1; }
done
for b in "$CF" "$DRV" "$MB"; do
  [ -x "$b" ] || { echo "bench: $b not built (cmake --build $BUILD)" >&2; exit 1; }
done
gen=1
[ -n "$SIG_KEYS" ] || gen=0
BENCH_SIZES=$SIZES BENCH_GEN=$gen sh "$(dirname "$0")/make-corpus.sh" "$CORPUS"
R=$BUILD/bench-results
rm -rf "$R"
mkdir -p "$R"
load_start=$(cut -d' ' -f1-3 /proc/loadavg)

# hyperfine NAME CMD...: median wall seconds and mean user+sys seconds into
# $R/NAME.tsv ("median<TAB>cpu<TAB>command").
hf() {
  name=$1
  shift
  echo "bench: $name ($(date -u +%H:%M:%S))" >&2
  hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$R/$name.json" "$*" >/dev/null 2>&1
  jq -r '.results[0] | "\(.median)\t\(.user + .system)"' "$R/$name.json" | tr -d '\n' > "$R/$name.tsv"
  printf '\t%s\n' "$*" >> "$R/$name.tsv"
}
med() { cut -f1 "$R/$1.tsv"; }
cpu() { cut -f2 "$R/$1.tsv"; }
cmdof() { cut -f3 "$R/$1.tsv" | sed "s|$BUILD/|build/|g"; }

# 1. Whole processes on the trust-store bundles.
for n in $SIZES; do
  b=$CORPUS/bundle-$n.pem
  hf "cf-nosig-$n" "$CF" check --format json --fail-on never --no-signatures --max-size $MAXSZ -o /dev/null "$b"
  case " $SIG_SIZES " in *" $n "*)
    hf "cf-sig-$n" "$CF" check --format json --fail-on never --max-size $MAXSZ -o /dev/null "$b" ;;
  esac
  hf "ossl-certs-$n" openssl storeutl -noout -certs "$b"
  hf "ossl-text-$n" openssl storeutl -noout -text -certs "$b"
  case " $MBEDTLS_SIZES " in *" $n "*)
    hf "mbed-$n" "$MB" "$b" ;;
  esac
  # peak RSS of certfit without and with signatures, against the input size
  /usr/bin/time -v "$CF" check --format json --fail-on never --no-signatures --max-size $MAXSZ -o /dev/null "$b" \
    2> "$R/rss-$n.txt" >/dev/null || true
  sed -n 's/.*Maximum resident set size (kbytes): //p' "$R/rss-$n.txt" > "$R/rss-$n"
  wc -c < "$b" | tr -d ' ' > "$R/size-$n"
  "$DRV" -t -r 3 "$b" | sed -n 's/^ns_per_cert //p' > "$R/drv-ns-$n"
done

# Linearity: certfit --no-signatures at every size in one hyperfine call
# (back to back, so the machine's load moves less between sizes than across
# the whole run), and callgrind instructions per certificate at each size.
set --
for n in $SIZES; do
  set -- "$@" "$CF check --format json --fail-on never --no-signatures --max-size $MAXSZ -o /dev/null $CORPUS/bundle-$n.pem"
done
echo "bench: linearity ($(date -u +%H:%M:%S))" >&2
hyperfine -N -i --warmup 1 --runs "$RUNS" --export-json "$R/linear.json" "$@" >/dev/null 2>&1
i=0
for n in $SIZES; do
  jq -r ".results[$i].median" "$R/linear.json" > "$R/linear-$n"
  i=$((i + 1))
  valgrind --tool=callgrind --toggle-collect=certfit_check --callgrind-out-file="$R/cg-$n.out" \
    "$DRV" "$CORPUS/bundle-$n.pem" > /dev/null 2> "$R/cg-$n.log"
  sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$R/cg-$n.log" > "$R/ir-$n"
done

# 2. Instructions per certificate: the library alone (scan + size + rules,
# signatures off) over the trust store, only certfit_check counted.
valgrind --tool=callgrind --toggle-collect=certfit_check --callgrind-out-file="$R/callgrind.out" \
  "$DRV" "$CORPUS/roots.pem" > "$R/drv-roots.txt" 2> "$R/callgrind.log"
ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$R/callgrind.log")
nroots=$(sed -n 's/^certificates \([0-9]*\).*/\1/p' "$R/drv-roots.txt")
callgrind_annotate "$R/callgrind.out" 2>/dev/null |
  awk '/file:function/{f=1; next} f && /^ *[0-9,]+ /{print} f && /^$/ && n++ > 0 {exit}' |
  head -12 | sed -e "s|$(pwd)/||" -e 's|\[.*\]||' > "$R/callgrind-top.txt"
ir10k=""
[ -f "$R/ir-10000" ] && ir10k=$(cat "$R/ir-10000")

# 3. Signatures: 1,000 self-signed roots per key type (two roots A and B
# alternating, so certfit verifies one signature per certificate), against
# `openssl verify -check_ss_sig` (which verifies a trusted root's own
# signature) over the same 1,000 certificates.
for t in $SIG_KEYS; do
  cat "$CORPUS/root-$t-a.pem" "$CORPUS/root-$t-b.pem" > "$CORPUS/root-$t-ab.pem"
  hf "sig-cf-$t" "$CF" check --format json --fail-on never -o /dev/null "$CORPUS/sig-$t-1000.pem"
  args=$(i=0; while [ $i -lt 500 ]; do printf ' %s %s' "$CORPUS/root-$t-a.pem" "$CORPUS/root-$t-b.pem"; i=$((i + 1)); done)
  # shellcheck disable=SC2086
  hf "sig-ossl-$t" openssl verify -check_ss_sig -CAfile "$CORPUS/root-$t-ab.pem" $args
done
load_end=$(cut -d' ' -f1-3 /proc/loadavg)

# ---- the report ------------------------------------------------------------
ms() { awk -v s="$1" 'BEGIN { printf "%.1f", s * 1000 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", a / b }'; }
us_per() { awk -v s="$1" -v n="$2" 'BEGIN { printf "%.2f", s * 1e6 / n }'; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f", k / 1024 }'; }
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt")
cpu_model=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
mem=$(awk '/MemTotal/ { printf "%.1f GiB", $2 / 1048576 }' /proc/meminfo)
mbedver=$(sed -n 's/^#define MBEDTLS_VERSION_STRING *"\(.*\)"/\1/p' /usr/include/mbedtls/version.h 2>/dev/null | head -1)

{
cat <<HDR
# Performance

Written by \`make bench\` (bench/run.sh) on $(date -u +%Y-%m-%dT%H:%MZ); every figure
below comes from that one run. Issue 7 sets the targets; docs/performance.md is
regenerated, not edited.

## The machine

- $(nproc) CPUs (nproc), $cpu_model, $mem
- load average at the start $load_start, at the end $load_end (a shared
  machine: wall-clock medians carry the other processes' load; the CPU
  columns, user + system, are steadier)
- $(openssl version), Mbed TLS ${mbedver:-?}, $(gcc --version | head -1),
  $("$CF" version 2>/dev/null | head -1) built as CMake's ${btype:-RelWithDebInfo} (-O2 -g, the project's default)

## The corpus (bench/make-corpus.sh, no network)

The system trust store ($nroots roots, from \`openssl version -d\`'s certs/)
repeated into PEM bundles of exactly 1,000 / 10,000 / 100,000 certificates,
and generated self-signed roots (RSA-2048, RSA-4096, P-256, P-384) and
three-certificate chains (EC P-384, RSA-2048), all in build/bench-corpus.
certfit treats one PEM file as one item: chain rules run pairwise on
neighbours (no quadratic work), so a repeated trust store gives a
chain-duplicate finding at every repeated certificate (about 1.3 findings
per certificate in all, 12.8 MB of JSON for 10,000), and all of them are
in the JSON.

## Whole processes (hyperfine, median of $RUNS runs, 1 warm-up)

| certificates | command | median ms | CPU ms (user+sys, mean) | µs per certificate (median) |
| ---: | --- | ---: | ---: | ---: |
HDR
for n in $SIZES; do
  for k in cf-nosig cf-sig ossl-certs ossl-text mbed; do
    [ -f "$R/$k-$n.tsv" ] || continue
    case $k in
      cf-nosig) label="certfit check --format json --no-signatures" ;;
      cf-sig) label="certfit check --format json (signatures on)" ;;
      ossl-certs) label="openssl storeutl -noout -certs" ;;
      ossl-text) label="openssl storeutl -noout -text -certs" ;;
      mbed) label="Mbed TLS mbedtls_x509_crt_parse (bench/mbedtls_parse.c)" ;;
    esac
    echo "| $n | $label | $(ms "$(med "$k-$n")") | $(ms "$(cpu "$k-$n")") | $(us_per "$(med "$k-$n")" "$n") |"
  done
done
skipped=""
for n in $SIZES; do
  case " $SIG_SIZES " in *" $n "*) ;; *) skipped="$skipped certfit with signatures at $n (SIG_SIZES);" ;; esac
  case " $MBEDTLS_SIZES " in *" $n "*) ;; *) skipped="$skipped Mbed TLS at $n (MBEDTLS_SIZES);" ;; esac
done
if [ -n "$skipped" ]; then
  cat <<EOT

Not run by default, for time:${skipped%;}. Signatures cost the same per
certificate at any size (see the signature table); the Mbed TLS program is
quadratic, because mbedtls_x509_crt_parse_der walks the whole chain to
append each certificate (compare its 1,000 and 10,000 rows).
EOT
fi
cat <<'MID'

The exact commands (build/ is the CMake build directory):

```
MID
for n in $SIZES; do
  for k in cf-nosig cf-sig ossl-certs ossl-text mbed; do
    [ -f "$R/$k-$n.tsv" ] && cmdof "$k-$n"
  done
done
echo '```'
echo
echo "## Ratios (same run)"
echo
echo "| certificates | certfit --no-signatures vs | wall-clock ratio | CPU ratio |"
echo "| ---: | --- | ---: | ---: |"
for n in $SIZES; do
  for k in ossl-certs ossl-text mbed; do
    [ -f "$R/$k-$n.tsv" ] || continue
    echo "| $n | $k | $(ratio "$(med "$k-$n")" "$(med "cf-nosig-$n")")× | $(ratio "$(cpu "$k-$n")" "$(cpu "cf-nosig-$n")")× |"
  done
done
cat <<EOT

## Instructions per certificate (callgrind, library only)

\`valgrind --tool=callgrind --toggle-collect=certfit_check build/bench/certfit-bench-driver
build/bench-corpus/roots.pem\`: bench/driver.c loads the bundle and runs
certfit_check once (profile nrf91, role ca, signatures off, a sink that
drops everything), so the count is PEM scan + base64 + DER scan + sizes +
rules, not file loading.

- trust store: $ir instructions for $nroots certificates =
  **$(awk -v a="$ir" -v b="$nroots" 'BEGIN { printf "%d", a / b }') per certificate**
$(if [ -n "$ir10k" ]; then echo "- the 10,000-certificate bundle: $ir10k instructions =
  $(awk -v a="$ir10k" 'BEGIN { printf "%d", a / 10000 }') per certificate (there every
  certificate after the first $nroots is a duplicate: the chain-duplicate
  finding formats the certificate's name)"; fi)

Top functions (self cost) over the trust store:

\`\`\`
$(cat "$R/callgrind-top.txt")
\`\`\`

## Growth with the bundle size

| certificates | input bytes | certfit --no-signatures µs/cert (table above) | same, back to back (one hyperfine call) | library instructions/cert (callgrind) | library in-process ns/cert (driver) | peak RSS MiB | input + 16 MiB |
| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
EOT
for n in $SIZES; do
  sz=$(cat "$R/size-$n")
  echo "| $n | $sz | $(us_per "$(med "cf-nosig-$n")" "$n") | $(us_per "$(cat "$R/linear-$n")" "$n") | $(awk -v a="$(cat "$R/ir-$n")" -v n="$n" 'BEGIN { printf "%d", a / n }') | $(cat "$R/drv-ns-$n") | $(mib "$(cat "$R/rss-$n")") | $(awk -v s="$sz" 'BEGIN { printf "%.1f", s / 1048576 + 16 }') |"
done
cat <<'EOT'

Peak RSS is `/usr/bin/time -v`'s "Maximum resident set size" of
`certfit check --format json --fail-on never --no-signatures --max-size 1073741824 -o /dev/null BUNDLE`
(certfit refuses files over 16 MiB unless --max-size says otherwise).
The CLI reads the file into one buffer; the library decodes one
certificate at a time into a two-slot work buffer (plus a duplicate table
of 16 to 32 bytes per certificate); the CLI keeps an item's first 16,384
findings (128 bytes each) in memory until the item's JSON ends and the
rest in a temporary file.

## Signatures (1,000 self-signed roots per key type)

Two roots A and B per key type, alternating in one PEM bundle, so certfit
verifies each certificate's self-signature once (A and B do not chain).
`openssl verify -check_ss_sig -CAfile A+B` is given the same 1,000
certificates as 1,000 file arguments (it verifies a trusted root's own
signature only with -check_ss_sig). Both include process start and parsing.

| key | certfit certificates/s | openssl verify certificates/s | certfit median ms | openssl median ms |
| --- | ---: | ---: | ---: | ---: |
EOT
for t in $SIG_KEYS; do
  echo "| $t | $(awk -v s="$(med "sig-cf-$t")" 'BEGIN { printf "%d", 1000 / s }') | $(awk -v s="$(med "sig-ossl-$t")" 'BEGIN { printf "%d", 1000 / s }') | $(ms "$(med "sig-cf-$t")") | $(ms "$(med "sig-ossl-$t")") |"
done
echo
echo '```'
for t in $SIG_KEYS; do
  cmdof "sig-cf-$t"
  cmdof "sig-ossl-$t" | awk '{ n = 0; for (i = 1; i <= NF; i++) if ($i ~ /root-.*-[ab]\.pem$/ && $(i-1) != "-CAfile") n++;
    for (i = 1; i <= NF; i++) { if ($i ~ /root-.*-[ab]\.pem$/ && $(i-1) != "-CAfile") break; printf "%s ", $i }
    printf "ROOT-A ROOT-B ... (%d files)\n", n }'
done
echo '```'

# ---- targets ----------------------------------------------------------------
echo
echo "## Targets (issue 7)"
echo
if [ -f "$R/cf-nosig-10000.tsv" ]; then
  for k in ossl-certs mbed; do
    [ -f "$R/$k-10000.tsv" ] || continue
    r=$(ratio "$(med "$k-10000")" "$(med "cf-nosig-10000")")
    rc=$(ratio "$(cpu "$k-10000")" "$(cpu "cf-nosig-10000")")
    # met only when both the wall-clock and the CPU ratio reach 20x: on this
    # shared machine the wall clock alone has flattered certfit
    v=$(awk -v r="$r" -v c="$rc" 'BEGIN { print (r >= 20 && c >= 20 ? "met" : "missed") }')
    echo "- 10,000 certificates, certfit --no-signatures at least 20× faster than $k: **$v** (${r}× wall clock, ${rc}× CPU)"
  done
fi
ipc=$(awk -v a="$ir" -v b="$nroots" 'BEGIN { printf "%d", a / b }')
echo "- at most 30,000 instructions per certificate over the trust store: **$(awk -v x="$ipc" 'BEGIN { print (x <= 30000 ? "met" : "missed") }')** ($ipc)"
if [ -f "$R/cf-nosig-100000.tsv" ] && [ -f "$R/cf-nosig-10000.tsv" ]; then
  g=$(awk -v a="$(cat "$R/linear-100000")" -v b="$(cat "$R/linear-10000")" 'BEGIN { printf "%.2f", (a / 100000) / (b / 10000) }')
  g2=$(awk -v a="$(med cf-nosig-100000)" -v b="$(med cf-nosig-10000)" 'BEGIN { printf "%.2f", (a / 100000) / (b / 10000) }')
  gi=$(awk -v a="$(cat "$R/ir-100000")" -v b="$(cat "$R/ir-10000")" 'BEGIN { printf "%.2f", (a / 100000) / (b / 10000) }')
  gd=$(awk -v a="$(cat "$R/drv-ns-100000")" -v b="$(cat "$R/drv-ns-10000")" 'BEGIN { printf "%.2f", a / b }')
  echo "- time per certificate at 100k within 20% of 10k: **$(awk -v g="$g" 'BEGIN { print (g <= 1.2 ? "met" : "missed") }')** (100k/10k per-certificate ratio: ${g} whole process back to back, ${g2} in the main table, ${gi} in library instructions, ${gd} library in-process time)"
fi
worst=""
for n in $SIZES; do
  over=$(awk -v k="$(cat "$R/rss-$n")" -v s="$(cat "$R/size-$n")" 'BEGIN { printf "%.1f", k / 1024 - s / 1048576 }')
  worst="$worst $n:+${over}MiB"
done
okr=$(for n in $SIZES; do awk -v k="$(cat "$R/rss-$n")" -v s="$(cat "$R/size-$n")" 'BEGIN { print (k * 1024 <= s + 16 * 1048576 ? "ok" : "over") }'; done | sort -u | tr '\n' ' ')
echo "- peak RSS at most input + 16 MiB: **$(case $okr in *over*) echo missed ;; *) echo met ;; esac)** (RSS minus input size:$worst)"
echo "- signatures: certificates per second per key type reported above, against openssl verify"
} > "$R/performance.md"

if [ "$DOC" = - ]; then
  cat "$R/performance.md"
else
  # keep the hand-written notes that follow the generated part
  notes=""
  if [ -f "$DOC" ] && grep -q '^<!-- notes -->' "$DOC"; then
    notes=$(sed -n '/^<!-- notes -->/,$p' "$DOC")
  fi
  cp "$R/performance.md" "$DOC"
  if [ -n "$notes" ]; then
    printf '\n%s\n' "$notes" >> "$DOC"
  fi
  echo "bench: wrote $DOC" >&2
fi
