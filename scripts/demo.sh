#!/bin/sh
# make demo: certfit on the real certificates that crashed a modem, and the fix.
# The time is fixed so the output is the same every day.
set -u
build=${1:-build}
certfit="$build/cli/certfit"
now=2026-01-01T00:00:00Z
run() {
  echo "\$ certfit $*"
  "$certfit" "$@"
  echo "(exit $?)"
  echo
}
echo "== 1. The 2024-06 CA bundle that crashed the nRF9160 (leaf + R3 + ISRG Root X1)"
run check --now $now --no-color fixtures/real/academy-mqtt-2024-06-bundle.pem
echo "== 2. The same bundle as the C header the firmware compiled in"
run check --now $now --no-color -q fixtures/real/academy-mqtt-2024-06-certificate.h
echo "== 3. The fix certfit names: only ISRG Root X1 in the CA slot"
run check --now $now --no-color fixtures/real/letsencrypt/isrgrootx1.pem
echo "== 4. The replacement RootCA (P-384, self-signed) under nrf91"
run check --now $now --no-color fixtures/real/academy-mqtt-2024-10-rootca.pem
echo "== 5. The same RootCA against the vendor's own rule: P-384, self-signed, 30 years"
run check --now $now --no-color --profile nrf91-p384-selfsigned fixtures/real/academy-mqtt-2024-10-rootca.pem
exit 0
