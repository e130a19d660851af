#!/bin/sh
# CI: the whole ctest suite under ASan + UBSan (make test-asan).
set -eu
cd "$(dirname "$0")/../.."
make test-asan
