#!/bin/sh
# The zlint agreement test (docs/design.md section 13, docs/reliability.md):
# zlint from Debian 13's package (scripts/zlint-deb.sh, cached under
# BUILD_DIR/zlint: only the first run reads the network), certificates with
# one defect each (tests/zlint/defects.py, into BUILD_DIR/zlint-defects),
# then tests/zlint/agree.py over the system trust store, fixtures/ and the
# defects.
# Usage: run.sh SOURCE_DIR BUILD_DIR CERTFIT
set -eu
src=$1
build=$2
certfit=$3
zlint=$(sh "$src/scripts/zlint-deb.sh" "$build/zlint" | tail -n 1)
defects=$build/zlint-defects
rm -rf "$defects" "$build/zlint-work"
/usr/bin/python3 "$src/tests/zlint/defects.py" "$defects" >/dev/null
exec python3 "$src/tests/zlint/agree.py" "$zlint" "$certfit" "$build/zlint-work" 300 25 \
  /etc/ssl/certs "$src/fixtures" "$defects"
