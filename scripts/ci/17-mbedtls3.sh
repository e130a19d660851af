#!/bin/sh
# CI: the whole ctest suite against Mbed TLS 3.6.6 (Debian 13's
# libmbedtls-dev, fetched by package name into the build tree), after
# `make test` ran it against Debian 12's 2.28.
set -eu
cd "$(dirname "$0")/../.."
make test-mbedtls3
