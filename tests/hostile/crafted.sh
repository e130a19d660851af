#!/bin/sh
# Crafted hostile inputs through the CLI, one ctest test per case:
#   tests/hostile/crafted.sh CERTFIT WORKDIR CASE
# Each case writes its input (perl, from Debian's essential perl-base, for
# binary bytes), runs `certfit check`, and asserts a concrete outcome: the
# exit code, the error text with its offset and line, or the rule id and
# the DER offset. A signal (crash) is never an accepted exit code.
set -u
cli=$1 work=$2 case=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
rootca=$root/fixtures/real/academy-mqtt-2024-10-rootca.pem
now=2026-11-26T00:00:00Z
mkdir -p "$work/$case"
cd "$work/$case" || exit 1

fail() {
    echo "FAIL $case: $*" >&2
    exit 1
}
# run EXPECTED_EXIT ARGS...: certfit check with a fixed clock; output in out
run() {
    want=$1
    shift
    "$cli" check --now "$now" "$@" >out 2>err
    rc=$?
    [ $rc -lt 128 ] || fail "certfit died with signal $((rc - 128)): $*"
    [ $rc -eq "$want" ] || { cat out err >&2; fail "exit $rc, expected $want: $*"; }
}
has() {
    grep -qF -- "$1" out || { cat out >&2; fail "output lacks: $1"; }
}
# the certificate as DER, through certfit's own PEM decoding being under test
# elsewhere: openssl makes it here
der() { openssl x509 -in "$rootca" -outform der -out root.der || fail "openssl"; }

case $case in
len84-der)
    # SEQUENCE with a 4-byte length of 0xFFFFFFFF, then a small element
    perl -e 'print "\x30\x84\xff\xff\xff\xff\x30\x03\x02\x01\x00"' >in.der
    run 1 --format json in.der
    has '"rule": "der-strict"'
    has 'element runs past its container at DER offset 0 of the certificate'
    has '"offset": 0,'
    ;;
len84-tbs)
    # the RootCA certificate with its TBSCertificate length replaced by
    # 0x84 FF FF FF FF (the outer length grows by the 2 extra bytes)
    der
    perl -e 'print "\x30\x82\x02\x70\x30\x84\xff\xff\xff\xff"' >in.der
    tail -c +9 root.der >>in.der
    run 1 in.der
    has 'FAIL  in.der: der-strict: element runs past its container at DER offset 4 of the certificate'
    ;;
len88-der)
    # an 8-byte length: not a DER certificate header (lengths above 4 bytes
    # are refused by format detection), so no certificate is found
    perl -e 'print "\x30\x88\xff\xff\xff\xff\xff\xff\xff\xff\x30\x03\x02\x01\x00"' >in.der
    run 2 in.der
    has 'ERROR in.der: no certificate found (not PEM, DER, or a C string literal holding PEM)'
    ;;
len88-pem)
    # the same bytes in a CERTIFICATE block reach the scanner: der-strict
    perl -e 'use MIME::Base64; print "-----BEGIN CERTIFICATE-----\n",
        encode_base64("\x30\x88\x00\x00\x00\x00\x00\x00\x00\x05\x30\x03\x02\x01\x00"),
        "-----END CERTIFICATE-----\n"' >in.pem
    run 1 --format json in.pem
    has '"rule": "der-strict"'
    has 'at DER offset 0 of the certificate'
    ;;
indefinite)
    perl -e 'print "\x30\x80\x30\x03\x02\x01\x00\x00\x00"' >in.der
    run 1 in.der
    has 'der-strict: indefinite length at DER offset 1 of the certificate'
    ;;
nesting-10000)
    # 10,000 nested SEQUENCEs around a NULL: the scanner does not recurse
    perl -e '$s = "\x05\x00"; $s = "\x30\x84" . pack("N", length $s) . $s for 1 .. 10000;
        print $s' >in.der
    [ "$(wc -c <in.der)" -eq 60002 ] || fail "generator"
    run 1 --format json in.der
    has '"rule": "der-strict"'
    has 'unexpected tag at DER offset 12 of the certificate'
    has '"der_total": 60002'
    ;;
empty)
    : >in.pem
    run 2 in.pem
    has 'ERROR in.pem: empty file: no certificate found'
    ;;
zeros-64mib)
    head -c 67108864 /dev/zero >in.bin
    run 2 in.bin
    has 'ERROR in.bin: file is larger than the 16777216-byte cap (--max-size)'
    run 2 - <in.bin
    has 'ERROR -: file is larger than the 16777216-byte cap (--max-size)'
    # under a cap that admits it: read, then refused by content
    run 2 --max-size 100000000 in.bin
    has 'ERROR in.bin: no certificate found'
    # a cap below a real file
    run 2 --max-size 903 "$rootca"
    has "file is larger than the 903-byte cap (--max-size)"
    run 0 --max-size 904 --fail-on never "$rootca"
    rm -f in.bin
    ;;
junk-pem)
    # binary junk (bytes 0x80..0xFF, then wrapping) between PEM delimiters
    perl -e 'print "-----BEGIN CERTIFICATE-----\n", (map { chr(128 + ($_ * 37) % 128) } 0 .. 2999),
        "\n-----END CERTIFICATE-----\n"' >in.pem
    run 2 in.pem
    has 'ERROR in.pem: invalid base64 in PEM block at offset 28 (line 2)'
    ;;
base64-invalid)
    # a '!' at column 11 of line 5 (offset 28 + 3 * 65 + 10 = 233)
    sed '5s/^\(.\{10\}\)./\1!/' "$rootca" >in.pem
    run 2 in.pem
    has 'ERROR in.pem: invalid base64 in PEM block at offset 233 (line 5)'
    ;;
pem-no-end)
    head -n 8 "$rootca" >in.pem
    run 2 in.pem
    has 'ERROR in.pem: PEM block has no END line at offset 0 (line 1)'
    ;;
begin-in-begin)
    { head -n 5 "$rootca"; cat "$rootca"; tail -n +6 "$rootca"; } >in.pem
    run 2 in.pem
    has 'ERROR in.pem: BEGIN line inside a PEM block at offset 288 (line 6)'
    ;;
c-unterminated)
    printf '%s\n%s\n' '#define CA_CERT "-----BEGIN CERTIFICATE-----\n" \' '"MIIB' >in.h
    run 2 in.h
    has 'ERROR in.h: malformed C string literal at offset 50 (line 2)'
    ;;
bundle-100k)
    # 100,000 copies of the RootCA certificate (904 bytes of PEM each):
    # 90.4 MB, above the default cap, so --max-size; no signatures (100,000
    # P-384 verifications are not the point). Bounded time: ctest TIMEOUT.
    lines=$(wc -l <"$rootca")
    yes -- "$(cat "$rootca")" | head -n $((lines * 100000)) >in.pem
    [ "$(wc -c <in.pem)" -eq 90400000 ] || fail "generator"
    run 2 in.pem
    has 'file is larger than the 16777216-byte cap'
    "$cli" check --now "$now" --no-signatures --max-size 100000000 --format json in.pem \
        | tail -n 12 >out
    rc=$?
    [ $rc -eq 0 ] || fail "pipeline exit $rc"
    has '"items": 1,'
    # errors: credential-size and chain-depth; warnings: credential-readback,
    # ca-slot-bundle, 99,999 chain-duplicate and 100,000 ca-key-usage (the
    # RootCA has no keyUsage); notices: 100,000
    # signature-hash-strength (P-384 key signed with SHA-256) -- unverified
    # signatures still name their algorithm
    has '"errors": 2,'
    has '"warnings": 200001,'
    has '"notices": 100000,'
    has '"input_errors": 0,'
    rm -f in.pem
    ;;
*)
    fail "unknown case"
    ;;
esac
echo "ok $case"
