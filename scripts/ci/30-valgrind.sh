#!/bin/sh
# CI: the CLI over every fixture under valgrind: zero errors, zero leaks.
set -eu
cd "$(dirname "$0")/../.."
make valgrind
