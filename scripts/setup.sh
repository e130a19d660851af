#!/bin/sh
# Install what certfit needs from Debian's archive, skipping what is there.
# Usage: scripts/setup.sh [core|all]   (run as root on Debian 12)
set -eu
group=${1:-all}
pkgs="cmake make gcc libc6-dev pkg-config libmbedtls-dev libcmocka-dev libcjson-dev openssl"
if [ "$group" = all ]; then
  pkgs="$pkgs valgrind mosquitto mosquitto-clients gcc-arm-none-eabi libnewlib-arm-none-eabi \
qemu-system-arm clang libclang-rt-14-dev"
fi
# areas list extra Debian packages in scripts/packages/*.txt (one per line)
if [ "$group" = all ]; then
  for f in scripts/packages/*.txt; do
    if [ -f "$f" ]; then
      pkgs="$pkgs $(grep -v '^#' "$f" | tr '\n' ' ')"
    fi
  done
fi
# npm for the SARIF multitool (scripts/sarif-multitool.sh): Debian's package
# unless an npm command is there already (NodeSource's nodejs bundles one)
if [ "$group" = all ] && ! command -v npm >/dev/null 2>&1; then
  pkgs="$pkgs npm"
fi
missing=""
for p in $pkgs; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -z "$missing" ]; then
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "setup: missing Debian packages:$missing (run as root, or install them)" >&2
  exit 1
fi
echo "setup: installing$missing"
export DEBIAN_FRONTEND=noninteractive
apt-get update -q >/dev/null
apt-get install -y -q --no-install-recommends $missing >/dev/null
