#!/bin/sh
# Issue 4's targets for the hook on the nRF9160's core, as a gate: flash
# <= 8 KiB, heap 0, stack <= 1 KiB (scripts/footprint.sh measures them the
# way docs/firmware.md reports them; about a minute).
set -eu
cd "$(dirname "$0")/../.."
BUILD=${BUILD:-build}
sh scripts/footprint.sh --check "$BUILD/footprint-ci" > "$BUILD/footprint-ci.md"
