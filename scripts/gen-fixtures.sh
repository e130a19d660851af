#!/bin/sh
# Regenerate certfit's test certificates in fixtures/gen/ from the committed
# test keys (fixtures/gen/keys/), then check the figures in tests/manifest.txt.
# Needs the openssl 3.0 CLI and Debian's /usr/bin/python3 with
# python3-cryptography (apt-get install openssl python3-cryptography).
#   scripts/gen-fixtures.sh            regenerate + check
#   scripts/gen-fixtures.sh check      check tests/manifest.txt only
#   scripts/gen-fixtures.sh manifest   rewrite tests/manifest.txt
#   scripts/gen-fixtures.sh figures gen/FILE...   print a fixture's figures
set -eu
cd "$(dirname "$0")/.."
exec /usr/bin/python3 scripts/gen_fixtures.py "$@"
