#!/bin/sh
# Agreement on the system trust store: find it through `openssl version -d`
# (OPENSSLDIR/certs, on Debian a link to /etc/ssl/certs), prefer the bundle
# Debian's ca-certificates builds there, else every *.pem/*.crt file in it,
# and run test_agreement over it. At least 100 roots are expected (Debian 12
# ships about 140).
#   tests/hostile/trust_store.sh TEST_AGREEMENT WORK_DIR
set -u
bin=$1 work=$2
dir=$(openssl version -d | sed 's/^OPENSSLDIR: "\(.*\)"$/\1/')/certs
if [ -f "$dir/ca-certificates.crt" ]; then
    src=$dir/ca-certificates.crt
elif [ -f /etc/ssl/certs/ca-certificates.crt ]; then
    src=/etc/ssl/certs/ca-certificates.crt
else
    src=$dir
fi
n=$(cat "$src" 2>/dev/null | grep -c 'BEGIN CERTIFICATE' || true)
[ -d "$src" ] && n=$(find "$src" -name '*.pem' | wc -l)
echo "trust store: $src ($n certificates)"
if [ "$n" -lt 100 ]; then
    echo "FAIL: fewer than 100 certificates in the trust store (install ca-certificates)" >&2
    exit 1
fi
mkdir -p "$work"
exec "$bin" "$work" "$src"
