#!/bin/sh
# A consumer cannot compile against libcertfit's headers with a value of a
# layout-affecting option (include/certfit/config.h) other than the one the
# library was built with: -DCERTFIT_CONFIG_FINDING_TEXT=0 against a library
# built with 1 would make its certfit_result 168 bytes instead of 232, and
# the library would write past it. The compile must stop with config.h's
# #error; the same value, or none, compiles, and the struct keeps its size.
# Usage: config_conflict.sh CC INCLUDE_DIR...
set -eu
cc=$1
shift
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-abi.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
incs=""
for d in "$@"; do incs="$incs -I$d"; done
fail() { echo "abi_config_conflict: $*"; exit 1; }
cat >"$tmp/consumer.c" <<'C'
#include <certfit/certfit.h>
#include <stdio.h>
int main(void)
{
    printf("certfit_finding %u certfit_result %u certfit_guard_verdict %u\n",
           (unsigned)sizeof(certfit_finding), (unsigned)sizeof(certfit_result),
           (unsigned)sizeof(certfit_guard_verdict));
    return 0;
}
C
# shellcheck disable=SC2086
"$cc" -std=c99 $incs -o "$tmp/plain" "$tmp/consumer.c" || fail "the consumer without definitions does not compile"
plain=$("$tmp/plain")
echo "no definition: $plain"
for def in CERTFIT_CONFIG_FINDING_TEXT=1 CERTFIT_CONFIG_STATE_IN_WORK=0; do
  # shellcheck disable=SC2086
  "$cc" -std=c99 $incs "-D$def" -o "$tmp/same" "$tmp/consumer.c" || fail "-D$def (the library's value) does not compile"
  [ "$("$tmp/same")" = "$plain" ] || fail "-D$def changed the sizes: $("$tmp/same")"
done
for def in CERTFIT_CONFIG_FINDING_TEXT=0 CERTFIT_CONFIG_STATE_IN_WORK=1; do
  name=${def%=*}
  # shellcheck disable=SC2086
  if "$cc" -std=c99 $incs "-D$def" -o "$tmp/conflict" "$tmp/consumer.c" 2>"$tmp/err"; then
    fail "-D$def compiled: $("$tmp/conflict")"
  fi
  grep -q "error: #error \"$name conflicts with libcertfit, built with $name=" "$tmp/err" \
    || { cat "$tmp/err"; fail "-D$def failed without config.h's #error"; }
  echo "-D$def: $(grep -o "#error.*" "$tmp/err" | head -n 1)"
done
echo "abi_config_conflict: ok"
