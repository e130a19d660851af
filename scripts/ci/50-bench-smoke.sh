#!/bin/sh
# A seconds-long smoke of the benchmark (issue 7) so that it keeps building
# and running: a small corpus, the driver, the Mbed TLS program, one
# callgrind pass and bench/run.sh on the 1,000-certificate bundle. Nothing
# here is timed or compared with a threshold.
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
S=$BUILD/bench-smoke
mkdir -p "$S"
BENCH_SIZES=1000 BENCH_GEN=0 sh bench/make-corpus.sh "$S/corpus"
n=$(grep -c -- '-----BEGIN CERTIFICATE-----' "$S/corpus/bundle-1000.pem")
[ "$n" = 1000 ] || { echo "bench smoke: bundle-1000.pem has $n certificates" >&2; exit 1; }

out=$("$BUILD/bench/certfit-bench-driver" -t "$S/corpus/bundle-1000.pem")
echo "$out" | grep -q '^certificates 1000 ' || { echo "bench smoke: driver said: $out" >&2; exit 1; }
out=$("$BUILD/bench/certfit-bench-mbedtls" "$S/corpus/bundle-1000.pem")
echo "$out" | grep -q '^parsed 1000 ' || { echo "bench smoke: mbedtls program said: $out" >&2; exit 1; }

# the JSON the benchmark times is well formed and has every certificate
"$BUILD/cli/certfit" check --format json --fail-on never --no-signatures -o "$S/out.json" \
  "$S/corpus/bundle-1000.pem"
certs=$(jq '.items[0].certificates | length' "$S/out.json")
[ "$certs" = 1000 ] || { echo "bench smoke: JSON has $certs certificates" >&2; exit 1; }
jq -e '.items[0].certificates[0].sha256 | test("^[0-9a-f]{64}$")' "$S/out.json" >/dev/null

# ca-slot-bundle names its anchor when the anchor is not the last certificate
# (the name is formatted late, from the previous slot): ISRG Root X1, then
# the leaf and R3 of the course's bundle
roots=$S/corpus/roots.pem
bundle=fixtures/real/academy-mqtt-2024-06-bundle.pem
for k in 3 1 2; do awk -v k="$k" '/BEGIN CERT/{c++} c==k{print} /END CERT/ && c==k{exit}' "$bundle"; done \
  > "$S/anchor-first.pem"
anchor=$("$BUILD/cli/certfit" check --format json --fail-on never --no-signatures "$S/anchor-first.pem" |
  jq -r '.items[0].findings[] | select(.rule == "ca-slot-bundle") | "\(.certificate) \(.message)"')
case $anchor in
  "0 "*"ISRG Root X1"*) ;;
  *) echo "bench smoke: ca-slot-bundle said: $anchor" >&2; exit 1 ;;
esac

# callgrind counts the library's instructions (valgrind is in bench.txt)
valgrind --tool=callgrind --toggle-collect=certfit_check --callgrind-out-file="$S/callgrind.out" \
  "$BUILD/bench/certfit-bench-driver" "$roots" > /dev/null 2> "$S/callgrind.log"
ir=$(sed -n 's/.*Collected : *\([0-9]*\).*/\1/p' "$S/callgrind.log")
[ -n "$ir" ] && [ "$ir" -gt 0 ] || { echo "bench smoke: callgrind counted nothing" >&2; exit 1; }

# the whole measurement script, tiny: two runs, 1,000 certificates, no keys
RUNS=2 SIZES=1000 SIG_SIZES=1000 MBEDTLS_SIZES=1000 SIG_KEYS="" DOC=- \
  sh bench/run.sh "$BUILD" > "$S/performance.md" 2> "$S/run.log" ||
  { cat "$S/run.log" >&2; exit 1; }
grep -q '^| 1000 | certfit check --format json --no-signatures |' "$S/performance.md"
echo "bench smoke: ok ($ir instructions for the trust store)"
