#!/bin/sh
# Build the benchmark corpus (no network): the system trust store repeated
# into PEM bundles of 1,000 / 10,000 / 100,000 certificates, and generated
# self-signed roots and chains (EC P-256/P-384, RSA-2048/4096).
# Usage: bench/make-corpus.sh OUTDIR    (idempotent: existing files are kept)
#   BENCH_SIZES="1000 10000 100000"   the bundle sizes
#   BENCH_GEN=1                       0: no generated keys, roots or chains
set -eu
out=${1:-build/bench-corpus}
sizes=${BENCH_SIZES:-"1000 10000 100000"}
gen=${BENCH_GEN:-1}
mkdir -p "$out"
cd "$out"

# The trust store: OPENSSLDIR/certs (from `openssl version -d`), as one
# bundle if the distribution ships one there, else every *.pem in it.
if [ ! -s roots.pem ]; then
  dir=$(openssl version -d | sed -n 's/^OPENSSLDIR: "\(.*\)"$/\1/p')
  src=""
  for f in "$dir/certs/ca-certificates.crt" /etc/ssl/certs/ca-certificates.crt; do
    if [ -s "$f" ]; then src=$f; break; fi
  done
  if [ -n "$src" ]; then
    cat "$src"
  else
    cat "$dir"/certs/*.pem
  fi | awk '/^-----BEGIN CERTIFICATE-----/{on=1} on{print} /^-----END CERTIFICATE-----/{on=0}' \
    > roots.pem.tmp
  mv roots.pem.tmp roots.pem
fi
nroots=$(grep -c -- '-----BEGIN CERTIFICATE-----' roots.pem)
if [ "$nroots" -lt 10 ]; then
  echo "make-corpus: only $nroots certificates in the trust store (install ca-certificates)" >&2
  exit 1
fi

# bundle-N.pem: the roots repeated until exactly N certificates.
for n in $sizes; do
  [ -s "bundle-$n.pem" ] && continue
  reps=$(( (n + nroots - 1) / nroots ))
  i=0
  while [ "$i" -lt "$reps" ]; do cat roots.pem; i=$((i + 1)); done |
    awk -v n="$n" '/^-----BEGIN CERTIFICATE-----/{c++} c>n{exit} {print}' > "bundle-$n.pem.tmp"
  mv "bundle-$n.pem.tmp" "bundle-$n.pem"
done

if [ "$gen" = 0 ]; then
  echo "make-corpus: $(pwd): $nroots trust-store roots; bundles of $sizes" >&2
  exit 0
fi

# Generated keys and self-signed roots: two per key type (A and B, different
# names, so a bundle alternating them verifies one signature per certificate).
gen_key() { # name spec
  [ -s "$1.key" ] && return 0
  case $2 in
    rsa*) openssl genpkey -algorithm RSA -pkeyopt "rsa_keygen_bits:${2#rsa}" -out "$1.key" 2>/dev/null ;;
    ec*) openssl genpkey -algorithm EC -pkeyopt "ec_paramgen_curve:${2#ec}" -out "$1.key" 2>/dev/null ;;
  esac
}
root() { # name spec md
  [ -s "$1.pem" ] && return 0
  gen_key "$1" "$2"
  openssl req -x509 -new -key "$1.key" -"$3" -days 3650 -subj "/O=certfit bench/CN=$1" \
    -addext basicConstraints=critical,CA:TRUE -addext keyUsage=critical,keyCertSign,cRLSign \
    -set_serial 0x$(printf '%s' "$1" | od -An -tx1 | tr -d ' \n' | cut -c1-16) -out "$1.pem"
}
for kt in rsa2048:sha256 rsa4096:sha256 ecprime256v1:sha256 ecsecp384r1:sha384; do
  spec=${kt%%:*}
  md=${kt#*:}
  case $spec in
    rsa2048) t=rsa-2048 ;; rsa4096) t=rsa-4096 ;; ecprime256v1) t=p-256 ;; ecsecp384r1) t=p-384 ;;
  esac
  root "root-$t-a" "$spec" "$md"
  root "root-$t-b" "$spec" "$md"
  # sig-T-1000.pem: A, B, A, B ... (1,000 self-signed roots of one key type)
  if [ ! -s "sig-$t-1000.pem" ]; then
    i=0
    while [ "$i" -lt 500 ]; do cat "root-$t-a.pem" "root-$t-b.pem"; i=$((i + 1)); done \
      > "sig-$t-1000.pem"
  fi
done

# Chains: leaf <- intermediate <- root, EC P-384 and RSA-2048, served order.
chain() { # name spec md
  [ -s "chain-$1.pem" ] && return 0
  gen_key "chain-$1-root" "$2"; gen_key "chain-$1-int" "$2"; gen_key "chain-$1-leaf" "$2"
  openssl req -x509 -new -key "chain-$1-root.key" -"$3" -days 3650 \
    -subj "/O=certfit bench/CN=$1 root" -addext basicConstraints=critical,CA:TRUE \
    -out "chain-$1-root.pem"
  printf 'basicConstraints=critical,CA:TRUE\nkeyUsage=critical,keyCertSign\n' > ext-ca.cnf
  printf 'basicConstraints=critical,CA:FALSE\nsubjectAltName=DNS:bench.example\n' > ext-leaf.cnf
  openssl req -new -key "chain-$1-int.key" -subj "/O=certfit bench/CN=$1 intermediate" |
    openssl x509 -req -CA "chain-$1-root.pem" -CAkey "chain-$1-root.key" -"$3" -days 1825 \
      -set_serial 2 -extfile ext-ca.cnf -out "chain-$1-int.pem" 2>/dev/null
  openssl req -new -key "chain-$1-leaf.key" -subj "/CN=bench.example" |
    openssl x509 -req -CA "chain-$1-int.pem" -CAkey "chain-$1-int.key" -"$3" -days 365 \
      -set_serial 3 -extfile ext-leaf.cnf -out "chain-$1-leaf.pem" 2>/dev/null
  cat "chain-$1-leaf.pem" "chain-$1-int.pem" "chain-$1-root.pem" > "chain-$1.pem"
}
chain ec-p384 ecsecp384r1 sha384
chain rsa-2048 rsa2048 sha256
echo "make-corpus: $(pwd): $nroots trust-store roots; bundles of $sizes; generated roots and chains" >&2
