#!/bin/sh
# Chains for the trust-path tests (tests/test_cli_trust.c, tests/test_probe.c),
# made with openssl into DIR (EC P-256 keys, SHA-256):
#   root-a.pem      self-signed root "Trust Test Root A"
#   root-b.pem      self-signed root "Trust Test Root B"
#   cross-a.pem     root A's subject and key, issued by root B (a cross-sign)
#   inter.pem       "Trust Test Intermediate", issued by root A
#   leaf.pem        "localhost" (SAN DNS:localhost, IP:127.0.0.1), issued by
#                   the intermediate; leaf.key its key
#   root-e.pem      root "Trust Test Root E", valid 30 days from now
#   inter-e.pem, leaf-e.pem, leaf-e.key: the same shape under root E, 10 years
#   chain-li.pem    leaf + intermediate          (what a broker should send)
#   chain-lix.pem   leaf + intermediate + cross-a
#   chain-la.pem    leaf + root A                (the intermediate left out)
#   chain-l.pem     leaf alone
#   chain-e.pem     leaf-e + inter-e
# Usage: trust_chains.sh DIR
set -eu
d=$1
mkdir -p "$d"
cd "$d"
key() { openssl ecparam -name prime256v1 -genkey -noout -out "$1" 2>/dev/null; }
ext() { printf '%s\n' "$1" >"$2"; }
ext 'basicConstraints=critical,CA:TRUE
keyUsage=critical,keyCertSign,cRLSign
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid' ca.ext
ext 'basicConstraints=critical,CA:FALSE
keyUsage=critical,digitalSignature
extendedKeyUsage=serverAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
subjectKeyIdentifier=hash
authorityKeyIdentifier=keyid' leaf.ext
root() { # NAME CN DAYS
  key "$1.key"
  openssl req -new -x509 -key "$1.key" -sha256 -days "$3" -subj "/CN=$2" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -out "$1.pem" 2>/dev/null
}
issue() { # NAME CN ISSUER EXTFILE DAYS [KEY]
  k=${6:-$1.key}
  [ -f "$k" ] || key "$k"
  openssl req -new -key "$k" -subj "/CN=$2" -out "$1.csr" 2>/dev/null
  openssl x509 -req -in "$1.csr" -CA "$3.pem" -CAkey "$3.key" -CAcreateserial -sha256 \
    -days "$5" -extfile "$4" -out "$1.pem" 2>/dev/null
}
root root-a "Trust Test Root A" 3650
root root-b "Trust Test Root B" 3650
issue cross-a "Trust Test Root A" root-b ca.ext 3650 root-a.key
issue inter "Trust Test Intermediate" root-a ca.ext 3650
issue leaf localhost inter leaf.ext 825
root root-e "Trust Test Root E" 30
issue inter-e "Trust Test Intermediate E" root-e ca.ext 3650
issue leaf-e localhost inter-e leaf.ext 825
cat leaf.pem inter.pem >chain-li.pem
cat leaf.pem inter.pem cross-a.pem >chain-lix.pem
cat leaf.pem root-a.pem >chain-la.pem
cp leaf.pem chain-l.pem
cat leaf-e.pem inter-e.pem >chain-e.pem
rm -f ./*.csr ./*.srl
