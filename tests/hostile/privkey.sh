#!/bin/sh
# Private keys are reported, never echoed: for each case, certfit check in
# text, JSON and SARIF reports private-key-present at the key's line, and no
# output holds any 16-byte run of the key's base64 text, of its DER, or of
# the DER's hex (upper or lower case).
#   tests/hostile/privkey.sh CERTFIT WORKDIR CASE
# Cases: pem-pkcs8 (PRIVATE KEY), pem-ec (EC PRIVATE KEY), pem-encrypted
# (ENCRYPTED PRIVATE KEY, made with openssl here), pem-rsa (RSA PRIVATE KEY),
# der-pkcs8 (a DER private key file), c-header (a key in a C literal),
# bundle (certificate, key, certificate), cert-label (a key's DER inside a
# CERTIFICATE block).
set -u
cli=$1 work=$2 case=$3
root=$(cd "$(dirname "$0")/../.." && pwd)
gen=$root/fixtures/gen
rootca=$root/fixtures/real/academy-mqtt-2024-10-rootca.pem
mkdir -p "$work/$case"
cd "$work/$case" || exit 1
fail() {
    echo "FAIL $case: $*" >&2
    exit 1
}
# key.der := the DER inside the first block whose label is $2, of file $1
block_der() {
    sed -n "/-----BEGIN $2-----/,/-----END $2-----/p" "$1" | grep -v -- '-----' >key.b64
    base64 -d key.b64 >key.der || fail "base64 -d"
}

ext=pem
begin=
case $case in
pem-pkcs8)
    cp "$gen/pem-privkey-pkcs8.pem" in.pem
    block_der in.pem "PRIVATE KEY"
    label="PRIVATE KEY"
    ;;
pem-ec)
    cp "$gen/pem-privkey-ec.pem" in.pem
    block_der in.pem "EC PRIVATE KEY"
    label="EC PRIVATE KEY"
    ;;
pem-encrypted)
    openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:certfit -in "$gen/keys/p256.key" \
        -out enc.pem || fail "openssl pkcs8"
    cat "$rootca" enc.pem >in.pem
    block_der in.pem "ENCRYPTED PRIVATE KEY"
    # the plaintext key must not appear either
    openssl pkey -in "$gen/keys/p256.key" -outform der -out plain.der || fail "openssl pkey"
    label="ENCRYPTED PRIVATE KEY"
    ;;
pem-rsa)
    openssl rsa -in "$gen/keys/rsa2048.key" -traditional -out rsa.pem 2>/dev/null ||
        fail "openssl rsa"
    cat "$rootca" rsa.pem >in.pem
    block_der in.pem "RSA PRIVATE KEY"
    label="RSA PRIVATE KEY"
    ;;
der-pkcs8)
    openssl pkey -in "$gen/keys/p384.key" -outform der -out in.der || fail "openssl pkey"
    cp in.der key.der
    base64 -w 64 key.der >key.b64
    ext=der
    label="DER private key"
    ;;
c-header)
    {
        echo '#define CA_CERT \'
        sed 's/.*/"&\\n" \\/' "$rootca"
        echo '""'
        echo
        echo 'static const char client_key[] ='
        sed 's/.*/    "&\\n"/' "$gen/keys/p256.key"
        echo ';'
    } >in.h
    block_der "$gen/keys/p256.key" "PRIVATE KEY"
    ext=h
    label="PRIVATE KEY"
    ;;
bundle)
    cat "$rootca" "$gen/keys/p384.key" "$gen/chain-root-p384.pem" >in.pem
    block_der in.pem "PRIVATE KEY"
    label="PRIVATE KEY"
    ;;
cert-label)
    {
        echo "-----BEGIN CERTIFICATE-----"
        grep -v -- '-----' "$gen/keys/p384.key"
        echo "-----END CERTIFICATE-----"
    } >in.pem
    block_der in.pem "CERTIFICATE"
    label="private key in a CERTIFICATE block"
    begin="CERTIFICATE"
    ;;
*)
    fail "unknown case"
    ;;
esac

input=in.$ext
if [ "$ext" = der ]; then
    want_line=1
else
    want_line=$(grep -n -- "-----BEGIN ${begin:-$label}-----" "$input" | head -1 | cut -d: -f1)
fi
[ -n "$want_line" ] || fail "no key in the input"

for fmt in text json sarif; do
    "$cli" check --now 2026-11-26T00:00:00Z --format $fmt "$input" >out.$fmt 2>err.$fmt
    rc=$?
    [ $rc -eq 1 ] || [ $rc -eq 2 ] || fail "$fmt: exit $rc, expected 1 or 2 (an error finding)"
    grep -q 'private-key-present' out.$fmt || fail "$fmt: no private-key-present"
    grep -qF "($label)" out.$fmt || fail "$fmt: the finding does not name $label"
done
# the finding's line, in JSON and SARIF
grep -A 10 '"rule": "private-key-present"' out.json | grep -q "\"line\": $want_line\$" ||
    fail "json: private-key-present not at line $want_line"
grep -A 20 '"ruleId": "private-key-present"' out.sarif | grep -q "\"startLine\": $want_line\$" ||
    fail "sarif: private-key-present not at startLine $want_line"

# no 16-byte run of the key, in any form, in any output (stdout and stderr)
perl -e '
    use strict;
    my ($b64file, @rest) = @ARGV;
    local $/;
    open my $fh, "<", $b64file or die; my $b64 = <$fh>; close $fh;
    $b64 =~ s/\s+//g;
    my @ders;
    my @outs;
    for my $f (@rest) {
        open my $h, "<:raw", $f or die "$f"; my $d = <$h>; close $h;
        if ($f =~ /\.der$/) { push @ders, $d } else { push @outs, [$f, $d] }
    }
    my @needles;
    for (my $i = 0; $i + 16 <= length $b64; $i++) { push @needles, ["base64", substr($b64, $i, 16)] }
    for my $d (@ders) {
        for (my $i = 0; $i + 16 <= length $d; $i++) {
            my $w = substr($d, $i, 16);
            push @needles, ["DER", $w], ["hex", unpack("H*", $w)], ["HEX", uc unpack("H*", $w)];
        }
    }
    my $bad = 0;
    for my $o (@outs) {
        for my $n (@needles) {
            if (index($o->[1], $n->[1]) >= 0) {
                print STDERR "$o->[0] holds a 16-byte run of the key ($n->[0])\n";
                $bad = 1;
                last;
            }
        }
    }
    printf "%d needles over %d outputs: %s\n", scalar @needles, scalar @outs, $bad ? "LEAK" : "none found";
    exit $bad;
' key.b64 key.der $( [ -f plain.der ] && echo plain.der ) out.text out.json out.sarif \
    err.text err.json err.sarif || fail "key material in the output"
echo "ok $case: private-key-present at line $want_line in text, json, sarif"
