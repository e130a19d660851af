#!/bin/sh
# Inputs named for what they are (docs/design.md section 2, issue 20): each kind
# of file that is not certificates, each PEM label, each key certfit does
# not check, made here with openssl, and the exact line certfit prints for
# it with its exit code. Also the EdDSA self-signature note, the same-name
# CA message, hostname-mismatch's fix, and the zlint list of every rule.
# Usage: kinds.sh CERTFIT FIXTURES_DIR
set -u
cli=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
fx=$(cd "$2" && pwd)
now="--now 2027-06-01T00:00:00Z"
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-kinds.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fails=0
fail() { echo "FAIL $*"; fails=$((fails + 1)); }
q() { openssl "$@" >/dev/null 2>&1 || { echo "openssl $* failed"; exit 1; }; }

# expect CODE LINE -- ARGS...: certfit ARGS exits CODE and prints LINE exactly
expect() {
  code=$1 line=$2
  shift 3
  out=$("$cli" "$@" 2>&1)
  rc=$?
  [ "$rc" -eq "$code" ] || fail "certfit $*: exit $rc, expected $code"
  printf '%s\n' "$out" | grep -qxF -- "$line" || { fail "certfit $*: no line: $line"; printf '%s\n' "$out" | head -20; }
  # no size table for a file that holds no certificate
  if [ "$code" -eq 2 ]; then
    printf '%s\n' "$out" | grep -q "credential (%CMNG text)" && fail "certfit $*: a size table for 0 certificates"
  fi
  return 0
}

q genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key
q req -x509 -new -key ca.key -subj /CN=Kinds-CA -days 3650 -set_serial 1 -out ca.pem \
  -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign
q pkcs12 -export -inkey ca.key -in ca.pem -out ca.p12 -passout pass:test
q crl2pkcs7 -nocrl -certfile ca.pem -out ca.p7b
q crl2pkcs7 -nocrl -certfile ca.pem -outform DER -out ca-der.p7b
q req -new -key ca.key -subj /CN=csr -out req.csr
q req -in req.csr -outform DER -out req-der.csr
printf '[ca]\ndefault_ca=c\n[c]\ndatabase=idx\ncrlnumber=num\ndefault_md=sha256\ndefault_crl_days=30\n' >ca.cnf
: >idx
echo 01 >num
q ca -gencrl -keyfile ca.key -cert ca.pem -config ca.cnf -out ca.crl
q crl -in ca.crl -outform DER -out ca-der.crl
{ printf '\376\355\376\355\0\0\0\2\0\0\0\1'; head -c 64 ca.p12; } >store.jks

expect 2 "ERROR ca.p12: a PKCS#12 file (certificates and a private key), not a certificate file: extract the certificates with openssl pkcs12 -in ca.p12 -nokeys -out certs.pem" -- check $now ca.p12
expect 2 "ERROR ca.p7b: a PKCS#7 certificate bundle (.p7b), not a certificate file: extract the certificates with openssl pkcs7 -in ca.p7b -print_certs -out certs.pem" -- check $now ca.p7b
expect 2 "ERROR ca-der.p7b: a PKCS#7 certificate bundle (.p7b), not a certificate file: extract the certificates with openssl pkcs7 -inform DER -in ca-der.p7b -print_certs -out certs.pem" -- check $now ca-der.p7b
expect 2 "ERROR req.csr: a certificate signing request (PKCS#10 CSR), not a certificate file: it holds no certificate: have a CA sign it (openssl x509 -req -in req.csr -CA ca.pem -CAkey ca.key -out cert.pem)" -- check $now req.csr
expect 2 "ERROR req-der.csr: a certificate signing request (PKCS#10 CSR), not a certificate file: it holds no certificate: have a CA sign it (openssl x509 -req -in req-der.csr -CA ca.pem -CAkey ca.key -out cert.pem)" -- check $now req-der.csr
expect 2 "ERROR ca.crl: a certificate revocation list (CRL), not a certificate file: it holds no certificate (openssl crl -in ca.crl -noout -text shows it); check the CA's certificate instead" -- check $now ca.crl
expect 2 "ERROR ca-der.crl: a certificate revocation list (CRL), not a certificate file: it holds no certificate (openssl crl -inform DER -in ca-der.crl -noout -text shows it); check the CA's certificate instead" -- check $now ca-der.crl
expect 2 "ERROR store.jks: a Java keystore, not a certificate file: extract the certificates with keytool -exportcert -rfc -keystore store.jks -alias ALIAS -file cert.pem (keytool -list -keystore store.jks names the aliases)" -- check $now store.jks
# JSON: the item's error says the same
"$cli" check $now -f json ca.p12 | grep -qF '"error": "a PKCS#12 file (certificates and a private key), not a certificate file' \
  || fail "JSON error for ca.p12"

# PEM labels Mbed TLS does not read: read, and warned about
sed 's/BEGIN CERTIFICATE/BEGIN X509 CERTIFICATE/; s/END CERTIFICATE/END X509 CERTIFICATE/' ca.pem >x509.pem
q x509 -in ca.pem -trustout -addtrust serverAuth -out trusted.pem
aux=$(( $(sed '1d;$d' trusted.pem | openssl base64 -d | wc -c) - $(openssl x509 -in ca.pem -outform DER | wc -c) ))
[ "$aux" -gt 0 ] || fail "openssl wrote no trust settings"
expect 0 "    warning pem-label [0]: certificate 0 is in an X509 CERTIFICATE block; Mbed TLS reads only CERTIFICATE" -- check $now x509.pem
expect 0 "    warning pem-label [0]: certificate 0 is in a TRUSTED CERTIFICATE block (OpenSSL's certificate with $aux bytes of trust settings); Mbed TLS reads only CERTIFICATE" -- check $now trusted.pem
"$cli" check $now trusted.pem | grep -q trailing-data && fail "trust settings reported as trailing-data"

# keys certfit does not check are named
q genpkey -genparam -algorithm DSA -pkeyopt dsa_paramgen_bits:2048 -out dsa.param
q genpkey -paramfile dsa.param -out dsa.key
q req -x509 -new -key dsa.key -subj /CN=dsa -days 3650 -sha256 -out dsa.pem
q genpkey -algorithm X25519 -out x25519.key
q pkey -in x25519.key -pubout -out x25519.pub
q x509 -new -force_pubkey x25519.pub -key ca.key -subj /CN=x25519 -days 3650 -out x25519.pem
expect 1 "    error   key-algorithm [0]: key dsa (2048 bits) is not allowed by the profile" -- check $now dsa.pem
expect 1 "        DSA 2048, dsa_with_SHA256, $(date -u +%Y-%m-%d) .. $(date -u -d '+3650 days' +%Y-%m-%d), $(openssl x509 -in dsa.pem -outform DER | wc -c) bytes DER" -- check $now dsa.pem
expect 1 "    error   key-algorithm [0]: key x25519 (253 bits) is not allowed by the profile" -- check $now x25519.pem
"$cli" check $now -f json dsa.pem | grep -qF '"type": "dsa"' || fail "JSON key type dsa"

# EdDSA self-signature: Mbed TLS cannot verify it, and the text says so
expect 1 "        self-signature not verified: Ed25519 is not supported by Mbed TLS" -- check $now "$fx/gen/key-ed25519.pem"
"$cli" check $now --no-signatures "$fx/gen/key-ed25519.pem" | grep -q "not verified" \
  && fail "the EdDSA note under --no-signatures"

# a same-name CA issued by another CA: its own message, not "modified"
q genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out b.key
q req -new -key b.key -subj /CN=Kinds-CA -out b.csr
printf '[e]\nbasicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\nsubjectKeyIdentifier=hash\nauthorityKeyIdentifier=keyid\n' >b.ext
q x509 -req -in b.csr -CA ca.pem -CAkey ca.key -set_serial 2 -days 3650 -extfile b.ext -extensions e -out same-name.pem
expect 1 "    error   self-signed-signature [0]: issuer equals subject, but another CA with the same name issued it: its authorityKeyIdentifier is not its own subjectKeyIdentifier" -- check $now same-name.pem
expect 1 "            fix: put the CA whose subjectKeyIdentifier is this certificate's authorityKeyIdentifier after it (or use that CA as the anchor)" -- check $now same-name.pem

# hostname-mismatch's fix: DNS: for a name, IP: for an address
expect 1 "            fix: reissue with subjectAltName DNS:broker.example" -- check $now --role server --host broker.example ca.pem
expect 1 "            fix: reissue with subjectAltName IP:192.0.2.7" -- check $now --role server --host 192.0.2.7 ca.pem

# hygiene: the 2024-10 RootCA has no keyUsage
expect 0 "    warning ca-key-usage [0]: a CA certificate without a keyUsage extension" -- check $now "$fx/real/academy-mqtt-2024-10-rootca.pem"

# every rule has a "zlint" array, and the hygiene rules name their lints
"$cli" rules --format json | python3 -c '
import json, sys
rules = json.load(sys.stdin)
assert all(isinstance(r.get("zlint"), list) for r in rules), "a rule without a zlint array"
by = {r["id"]: r["zlint"] for r in rules}
assert by["ca-key-usage"][0] == "e_ca_key_usage_missing", by["ca-key-usage"]
assert by["chain-size"] == [], by["chain-size"]
assert sum(len(v) for v in by.values()) >= 25
print("kinds: %d rules, %d zlint lints" % (len(rules), sum(len(v) for v in by.values())))
' || fail "rules --format json zlint arrays"

[ "$fails" -eq 0 ] || { echo "kinds: $fails failures"; exit 1; }
echo "kinds: every input kind named, with its message and exit code"
