#!/bin/sh
# certfit matrix and the client profiles (docs/design.md section 12): every cell
# of every built-in profile for real and generated chains, with the rule and
# its figures; the JSON; --require and --policy; the new limits
# (certificate_limit, key_credential_limit, ec_max_bits, pem_size_without_cr);
# rule mbedtls-parse with Mbed TLS's own error codes.
# Usage: matrix.sh CERTFIT FIXTURES_DIR (needs openssl and perl)
set -u
bin=$1
fx=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-matrix.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
checks=0
fail() { echo "matrix: $*" >&2; fails=$((fails + 1)); }

# same WHAT EXPECTED-FILE COMMAND...: stdout of the command is the file
same() {
  what=$1 want=$2
  shift 2
  checks=$((checks + 1))
  "$@" >"$tmp/got" 2>"$tmp/err"
  echo $? >"$tmp/rc"
  if ! cmp -s "$want" "$tmp/got"; then
    fail "$what: output differs"
    diff "$want" "$tmp/got" | sed 's/^/  /' >&2
  fi
}
# rc WHAT CODE: the exit code of the last same/run
rc() {
  checks=$((checks + 1))
  [ "$(cat "$tmp/rc")" = "$2" ] || fail "$1: exit $(cat "$tmp/rc"), expected $2"
}
run() {
  "$@" >"$tmp/got" 2>"$tmp/err"
  echo $? >"$tmp/rc"
}
# has WHAT FILE TEXT: FILE contains TEXT (fixed string)
has() {
  checks=$((checks + 1))
  grep -q -F -e "$3" "$2" || { fail "$1: lacks '$3'"; sed 's/^/  /' "$2" >&2; }
}
lacks() {
  checks=$((checks + 1))
  if grep -q -F -e "$3" "$2"; then fail "$1: has '$3'"; fi
}

cd "$fx" || exit 2

# ---- a CA credential that fits esp-at (8 KB partition) but not nrf91 (4 kB) --
cat >"$tmp/want" <<'EOF'
profile                real/academy-mqtt-2024-06-bundle.pem
nrf91                  credential-size 5278>4096
nrf91-p384-selfsigned  credential-size 5278>4096
generic                ok
mbedtls-default        ok
esp-idf                ok
esp-at                 ok
esp8266-at             ok
sequans-monarch2       ok
ubxlib                 ok
nina-fw                certificate-size 1306>1300
wolfssl-default        ok
bearssl-default        ok
EOF
same "2024-06 bundle" "$tmp/want" "$bin" matrix --now 2024-07-01T00:00:00Z \
  real/academy-mqtt-2024-06-bundle.pem
rc "2024-06 bundle" 0

# the same as JSON (schema 1), every cell
run "$bin" matrix -f json --now 2024-07-01T00:00:00Z real/academy-mqtt-2024-06-bundle.pem
rc "JSON" 0
i='"item":"real/academy-mqtt-2024-06-bundle.pem"'
ok='"passed":true,"first":null'
want="{\"schema\":1,\"matrix\":[\
{\"profile\":\"nrf91\",$i,\"passed\":false,\"first\":{\"rule\":\"credential-size\",\"value\":5278,\"limit\":4096}},\
{\"profile\":\"nrf91-p384-selfsigned\",$i,\"passed\":false,\"first\":{\"rule\":\"credential-size\",\"value\":5278,\"limit\":4096}},\
{\"profile\":\"generic\",$i,$ok},{\"profile\":\"mbedtls-default\",$i,$ok},\
{\"profile\":\"esp-idf\",$i,$ok},{\"profile\":\"esp-at\",$i,$ok},{\"profile\":\"esp8266-at\",$i,$ok},\
{\"profile\":\"sequans-monarch2\",$i,$ok},{\"profile\":\"ubxlib\",$i,$ok},\
{\"profile\":\"nina-fw\",$i,\"passed\":false,\"first\":{\"rule\":\"certificate-size\",\"value\":1306,\"limit\":1300}},\
{\"profile\":\"wolfssl-default\",$i,$ok},{\"profile\":\"bearssl-default\",$i,$ok}]}"
checks=$((checks + 1))
[ "$(tr -d ' \n' <"$tmp/got")" = "$want" ] || { fail "JSON differs"; cat "$tmp/got" >&2; }

# ---- single certificates: over nina-fw's 1300 bytes; a P-521 key ------------
cat >"$tmp/want-single" <<'EOF'
profile                real/letsencrypt/isrgrootx1.pem  gen/key-p521.pem
nrf91                  ok                               key-algorithm 521
nrf91-p384-selfsigned  key-algorithm 4096               key-algorithm 521
generic                ok                               ok
mbedtls-default        ok                               ok
esp-idf                ok                               ok
esp-at                 ok                               ok
esp8266-at             ok                               ok
sequans-monarch2       ok                               ok
ubxlib                 ok                               ok
nina-fw                certificate-size 1391>1300       ok
wolfssl-default        ok                               ok
bearssl-default        ok                               ok
EOF
same "ISRG Root X1, P-521" "$tmp/want-single" "$bin" matrix --now 2026-01-01T00:00:00Z \
  real/letsencrypt/isrgrootx1.pem gen/key-p521.pem

# ---- served chains: a Certificate message of 4826 bytes (over esp8266-at's
# 4096, under Mbed TLS's 16384); 10 and 11 certificates (wolfSSL 9, Mbed TLS 10)
cat >"$tmp/want" <<'EOF'
profile                gen/bigchain-full.pem       gen/depth-10.pem   gen/depth-11.pem
nrf91                  chain-size 4826>4096        ok                 chain-depth 11>10
nrf91-p384-selfsigned  chain-size 4826>4096        key-algorithm 256  chain-depth 11>10
generic                ok                          ok                 ok
mbedtls-default        ok                          ok                 chain-depth 11>10
esp-idf                ok                          ok                 chain-depth 11>10
esp-at                 ok                          ok                 ok
esp8266-at             chain-size 4826>4096        ok                 ok
sequans-monarch2       ok                          ok                 ok
ubxlib                 ok                          ok                 ok
nina-fw                certificate-size 1645>1300  ok                 ok
wolfssl-default        ok                          chain-depth 10>9   chain-depth 11>9
bearssl-default        ok                          ok                 ok
EOF
same "served chains" "$tmp/want" "$bin" matrix -r server --now 2026-01-01T00:00:00Z \
  gen/bigchain-full.pem gen/depth-10.pem gen/depth-11.pem

# ---- Sequans counts PEM without CR: 8076 bytes of LF PEM, 8208 with CRLF ----
cat real/academy-mqtt-2024-06-bundle.pem real/letsencrypt/e5.pem real/letsencrypt/r10.pem |
  sed 's/$/\r/' >"$tmp/crlf.pem"
checks=$((checks + 1))
[ "$(wc -c <"$tmp/crlf.pem" | tr -d ' ')" = 8208 ] || fail "crlf.pem is not 8208 bytes"
cd "$tmp" || exit 2
cat >"$tmp/want" <<'EOF'
profile                crlf.pem
nrf91                  credential-size 8208>4096
nrf91-p384-selfsigned  credential-size 8208>4096
generic                ok
mbedtls-default        ok
esp-idf                ok
esp-at                 credential-size 8208>8192
esp8266-at             ok
sequans-monarch2       ok
ubxlib                 credential-size 8208>8192
nina-fw                certificate-size 1306>1300
wolfssl-default        ok
bearssl-default        ok
EOF
same "CRLF credential" "$tmp/want" "$bin" matrix --now 2024-07-01T00:00:00Z crlf.pem
run "$bin" check -p sequans-monarch2 --now 2024-07-01T00:00:00Z crlf.pem
has "sequans headroom without CR" "$tmp/got" "credential is 8076 bytes: within 10% of the 8192-byte limit (116 left)"

# ---- a private key over Sequans' 2 kB: measured, never printed -------------
cat "$fx/real/letsencrypt/isrg-root-x2.pem" "$fx/gen/keys/rsa4096.key" >"$tmp/withkey.pem"
keylen=$(wc -c <"$fx/gen/keys/rsa4096.key" | tr -d ' ')
run "$bin" check -p sequans-monarch2 --now 2026-01-01T00:00:00Z withkey.pem
rc "key block" 1
has "key-credential-size" "$tmp/got" "key-credential-size"
has "key block size" "$tmp/got" "is $keylen bytes; the limit is 2048 ($((keylen - 2048)) over)"
lacks "key material" "$tmp/got" "$(sed -n 2p "$fx/gen/keys/rsa4096.key")"
run "$bin" check -p esp-at --now 2026-01-01T00:00:00Z withkey.pem
lacks "esp-at: 8 KB key partition" "$tmp/got" "key-credential-size"

# ---- a policy file adds the user's device; --require -----------------------
printf 'name = gateway-v2\nbase = generic\ncertificate_limit = 1000\nec_max_bits = 384\n' >"$tmp/gw.policy"
# the built-in rows as above, then the policy's
{
  cat "$tmp/want-single"
  echo "gateway-v2             certificate-size 1391>1000       key-algorithm 521>384"
} >"$tmp/want"
cd "$fx" || exit 2
same "policy row" "$tmp/want" "$bin" matrix --now 2026-01-01T00:00:00Z --policy "$tmp/gw.policy" \
  real/letsencrypt/isrgrootx1.pem gen/key-p521.pem
rc "policy row" 0
run "$bin" matrix --now 2026-01-01T00:00:00Z --policy "$tmp/gw.policy" --require esp-at,gateway-v2 \
  real/letsencrypt/isrgrootx1.pem gen/key-p521.pem
rc "--require gateway-v2" 1
has "--require message" "$tmp/err" "certfit: matrix: required profile gateway-v2 fails 2 items"
lacks "--require esp-at passes" "$tmp/err" "profile esp-at"
run "$bin" matrix --now 2024-07-01T00:00:00Z --require esp-at,ubxlib real/academy-mqtt-2024-06-bundle.pem
rc "--require esp-at,ubxlib" 0
run "$bin" matrix --now 2024-07-01T00:00:00Z --require nrf91 real/academy-mqtt-2024-06-bundle.pem
rc "--require nrf91" 1
has "--require nrf91 message" "$tmp/err" "certfit: matrix: required profile nrf91 fails 1 item"
run "$bin" matrix --require esp-att real/academy-mqtt-2024-06-bundle.pem
rc "--require unknown" 2
has "--require unknown" "$tmp/err" "unknown profile 'esp-att'"
printf 'name = nrf91\n' >"$tmp/dup.policy"
run "$bin" matrix --policy "$tmp/dup.policy" real/academy-mqtt-2024-06-bundle.pem
rc "policy named like a built-in" 2
printf 'name = bad name\n' >"$tmp/bad.policy"
run "$bin" matrix --policy "$tmp/bad.policy" real/academy-mqtt-2024-06-bundle.pem
rc "policy name with a blank" 2
has "policy name with a blank" "$tmp/err" "bad.policy:1: name: 'bad name' is not 1..31 of"
run "$bin" matrix - <real/academy-mqtt-2024-06-bundle.pem
rc "standard input" 2
run "$bin" matrix "$tmp/no-such.pem"
rc "missing file" 2

# ---- mbedtls-parse: what Mbed TLS refuses and certfit's own scanner takes ---
cd "$tmp" || exit 2
mbed=$("$bin" version | sed -n 's/^Mbed TLS \([0-9]*\)\..*/\1/p')
# Mbed TLS's codes: the same in 2.28 and 3.6 for these four
pss_code=-0x3C80 nc_code=-0x2562 dup_code=-0x2500 label_code=-0x2180
[ -n "$mbed" ] || fail "no Mbed TLS version in 'certfit version'"
k="$fx/gen/keys/p256.key"
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out pss.key 2>/dev/null
openssl req -x509 -new -key pss.key -subj /CN=pss -days 30 -set_serial 1 -out pss.pem 2>/dev/null
openssl req -x509 -new -key "$k" -subj /CN=nc -days 30 -set_serial 2 \
  -addext "basicConstraints=critical,CA:TRUE" \
  -addext "nameConstraints=critical,permitted;DNS:example.com" -out nc.pem 2>/dev/null
# a duplicate keyUsage: openssl writes keyUsage and a private extension
# 2.5.29.99 with the same value, issued by another key (so that no
# self-signature is relied on); the OID's last byte is then made 15 (keyUsage)
openssl req -new -key "$k" -subj /CN=dup -out dup.csr 2>/dev/null
printf '[v3]\nkeyUsage=digitalSignature\n2.5.29.99=DER:03:02:07:80\n' >dup.cnf
openssl x509 -req -in dup.csr -CA nc.pem -CAkey "$k" -set_serial 3 -days 30 -extfile dup.cnf \
  -extensions v3 -outform DER -out dup0.der 2>/dev/null
perl -0777 -pe 's/\x06\x03\x55\x1d\x63\x04\x04/\x06\x03\x55\x1d\x0f\x04\x04/' dup0.der >dup.der
checks=$((checks + 1))
cmp -s dup0.der dup.der && fail "dup.der: the extension OID was not patched"
openssl x509 -inform DER -in dup.der -out dup.pem 2>/dev/null || fail "dup.der does not read back"
openssl req -x509 -new -key "$k" -subj /CN=label -days 30 -set_serial 4 -out plain.pem 2>/dev/null
sed -e 's/BEGIN CERTIFICATE/BEGIN X509 CERTIFICATE/' -e 's/END CERTIFICATE/END X509 CERTIFICATE/' \
  plain.pem >label.pem

for c in pss nc dup label; do
  case $c in
  pss) code=$pss_code ;;
  nc) code=$nc_code ;;
  dup) code=$dup_code ;;
  *) code=$label_code ;;
  esac
  run "$bin" check -p mbedtls-default -f json "$c.pem"
  rc "mbedtls-parse $c" 1
  tr -d '\n' <"$tmp/got" | sed 's/  */ /g' >"$tmp/flat"
  has "mbedtls-parse $c" "$tmp/flat" "\"rule\": \"mbedtls-parse\", \"severity\": \"error\""
  has "mbedtls-parse $c code" "$tmp/flat" ": $code ("
  has "mbedtls-parse $c version" "$tmp/flat" "Mbed TLS $mbed."
  # certfit's own rules pass it under generic, but for the duplicate
  # extension, which its own hygiene rule refuses (RFC 5280 4.2)
  run "$bin" check -p generic "$c.pem"
  if [ "$c" = dup ]; then
    rc "generic $c" 1
    has "generic $c" "$tmp/got" "duplicate-extension"
  else
    rc "generic $c" 0
  fi
  # a notice on nrf91 (the modem's stack is not known to be Mbed TLS)
  run "$bin" check -p nrf91 --fail-on notice "$c.pem"
  has "nrf91 notice $c" "$tmp/got" "notice  mbedtls-parse"
  run "$bin" check -p mbedtls-default --no-signatures "$c.pem"
  lacks "--no-signatures $c" "$tmp/got" "mbedtls-parse"
done
run "$bin" check -p esp-idf pss.pem
has "PSS text" "$tmp/got" "mbedtls-parse: Mbed TLS $mbed"
has "PSS text" "$tmp/got" "refuses the certificate: $pss_code (PK - Key algorithm is unsupported"
run "$bin" check -p esp-idf label.pem
has "label text" "$tmp/got" "refuses the PEM label (it parses only 'CERTIFICATE' blocks): $label_code"
run "$bin" matrix pss.pem nc.pem dup.pem label.pem plain.pem
rc "matrix mbedtls" 0
for p in mbedtls-default esp-idf; do
  checks=$((checks + 1))
  line=$(grep "^$p " "$tmp/got" | tr -s ' ')
  [ "$line" = "$p mbedtls-parse $pss_code mbedtls-parse $nc_code mbedtls-parse $dup_code mbedtls-parse $label_code ok" ] ||
    fail "matrix row $p: '$line'"
done
checks=$((checks + 1))
line=$(grep "^esp-at " "$tmp/got" | tr -s ' ')
# the duplicate extension: certfit's own hygiene rule (an error on every profile)
[ "$line" = "esp-at ok ok duplicate-extension 3 ok ok" ] || fail "matrix row esp-at: '$line'"

# probe gives the parser too: a TLS server on 127.0.0.1 serving nc.pem
port=$((20000 + $$ % 20000))
openssl s_server -accept "127.0.0.1:$port" -cert nc.pem -key "$k" -quiet -naccept 1 \
  >/dev/null 2>&1 &
spid=$!
i=0
while [ $i -lt 50 ] && ! "$bin" probe --timeout 2 -p mbedtls-default "127.0.0.1:$port" \
  >"$tmp/got" 2>"$tmp/err"; do
  grep -q "mbedtls-parse" "$tmp/got" && break # refused: exit 1 with the finding
  sleep 0.1
  i=$((i + 1))
done
kill "$spid" 2>/dev/null
wait "$spid" 2>/dev/null
has "probe mbedtls-parse" "$tmp/got" "error   mbedtls-parse [0]: Mbed TLS $mbed"
has "probe mbedtls-parse code" "$tmp/got" "refuses the certificate: $nc_code"

# ---- certfit profiles: every limit with its source ---------------------------
run "$bin" profiles
for p in mbedtls-default esp-idf esp-at esp8266-at sequans-monarch2 ubxlib nina-fw wolfssl-default bearssl-default; do
  has "profiles lists $p" "$tmp/got" "$p"
done
has "nina-fw source" "$tmp/got" "certificate_limit          1300                   confirmed: adafruit/nina-fw issue 42"
has "sequans assumed" "$tmp/got" "pem_size_without_cr        true                   ASSUMED: quoted: sequans-rs monarch2"
has "esp8266 source" "$tmp/got" "chain_limit                4096                   confirmed: espressif/ESP8266_NONOS_SDK issue 116"
has "bearssl ec" "$tmp/got" "ec_max_bits                528                    confirmed: BearSSL src/inner.h BR_MAX_EC_SIZE"
run "$bin" profiles -f json
tr -d '\n' <"$tmp/got" | sed 's/  */ /g' >"$tmp/flat"
has "profiles JSON" "$tmp/flat" "\"key\": \"certificate_limit\", \"value\": \"2048\", \"confirmed\": true, \"source\": \"wolfSSL/wolfssl wolfssl/internal.h MAX_X509_SIZE 2048"

if [ "$fails" -ne 0 ]; then
  echo "matrix: $fails of $checks checks failed" >&2
  exit 1
fi
echo "matrix: $checks checks ok"
