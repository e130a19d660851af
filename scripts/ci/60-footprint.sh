#!/bin/sh
# The module (hook + glue) on the nRF9160's core, as a gate: one line with
# flash, RAM and stack against their targets (10 KiB, 2 KiB, 1 KiB); fails on
# a regression: the stack over its target, flash or RAM over the committed
# baseline (firmware/footprint/baseline.txt), any heap (scripts/footprint.sh
# measures them the way docs/firmware.md reports them; about 35 s, under two
# minutes the first time, which fetches Debian 12's and Debian 13's mbedtls
# source packages into the build tree: the tables also compare the
# signature image against Mbed TLS 2.28 and 3.6).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
sh scripts/footprint.sh --check "$BUILD/footprint-ci" > "$BUILD/footprint-ci.md"
