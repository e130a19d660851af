#!/bin/sh
# Microsoft's SARIF multitool from the npm registry, for the SARIF
# validation test (tests/ecosystem/sarif_validate.sh), installed into the
# build tree, never globally. A second run finds it there and needs no network.
# Usage: scripts/sarif-multitool.sh PREFIX   (e.g. build/npm)
# Prints the path of the sarif-multitool command; exit 1 when npm is missing
# or the install fails (the test then says so).
set -eu
prefix=$1
version=5.7.0
tool=$prefix/node_modules/.bin/sarif-multitool
stamp=$prefix/sarif-multitool.version
if [ -x "$tool" ] && [ "$(cat "$stamp" 2>/dev/null)" = "$version" ]; then
  echo "$tool"
  exit 0
fi
if ! command -v npm >/dev/null 2>&1; then
  echo "sarif-multitool: npm is missing (Debian packages nodejs and npm: scripts/setup.sh)" >&2
  exit 1
fi
mkdir -p "$prefix"
npm install --prefix "$prefix" --no-audit --no-fund --loglevel=error \
  "@microsoft/sarif-multitool@$version" >&2
# the Linux package's postinstall only makes its binary executable; npm may
# leave install scripts unrun, so do it here
chmod u+x "$prefix"/node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool
echo "$version" >"$stamp"
echo "$tool"
