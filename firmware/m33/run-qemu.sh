#!/bin/sh
# Run a Cortex-M33 test image on QEMU's mps2-an505 board with semihosting.
#
# Usage: run-qemu.sh [--timeout SECONDS] [--expect STATUS] IMAGE.elf
#
# Without --expect, exits with the image's own exit status (what its main()
# returned or passed to exit()), 124 if it ran past the timeout (default
# 60 s), 125-127 if QEMU could not be started.  With --expect, exits 0 when
# the image's status equals STATUS and 1 otherwise, so that a ctest test can
# assert a specific failure (e.g. 120 for a heap allocation).
# Environment: CERTFIT_QEMU names the emulator (default qemu-system-arm).
set -u

timeout_s=60
expect=
while [ $# -gt 1 ]; do
    case "$1" in
        --timeout) timeout_s=$2; shift 2 ;;
        --expect) expect=$2; shift 2 ;;
        *) break ;;
    esac
done
if [ $# -ne 1 ]; then
    sed -n '4,11p' "$0" | sed 's/^# \{0,1\}//' >&2
    exit 2
fi
image=$1
if [ ! -f "$image" ]; then
    echo "run-qemu: no such image: $image" >&2
    exit 2
fi

timeout --kill-after=5 "$timeout_s" "${CERTFIT_QEMU:-qemu-system-arm}" \
    -M mps2-an505 -cpu cortex-m33 -nographic \
    -semihosting-config enable=on,target=native \
    -kernel "$image" </dev/null
status=$?
if [ "$status" -eq 124 ] || [ "$status" -eq 137 ]; then
    echo "run-qemu: $image timed out after ${timeout_s}s" >&2
    status=124
fi

if [ -z "$expect" ]; then
    exit "$status"
fi
if [ "$status" -eq "$expect" ]; then
    echo "run-qemu: $image exited $status as expected"
    exit 0
fi
echo "run-qemu: FAIL: $image exited $status, expected $expect" >&2
exit 1
