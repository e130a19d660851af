#!/bin/bash
# Run the hooks of .pre-commit-hooks.yaml as pre-commit would, on a temporary
# fixture repository: the staged files that match the hook's `files` pattern
# are appended to its `entry` (split like shlex), with the built certfit on
# PATH. Expected exit codes: 0 for a good certificate, 1 when a bad one is
# staged with it; the opt-in header hook skips headers without a certificate.
# Usage: pre_commit.sh CERTFIT SOURCE_DIR
set -u
bin=$1
src=$2
yaml=$src/.pre-commit-hooks.yaml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-precommit.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/bin"
ln -s "$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")" "$tmp/bin/certfit"
export PATH="$tmp/bin:$PATH"
fails=0

# field KEY of the hook with id ID (one `key: value` per line; quotes dropped)
field() {
  awk -v id="$1" -v key="$2" '
    /^- id: / { on = ($3 == id); next }
    on && $1 == key ":" { sub(/^[ ]*[a-z]+: /, ""); print; exit }' "$yaml" |
    sed -e "s/^'\(.*\)'\$/\1/"
}

# run_hook ID EXPECTED_RC: the hook on the staged files of the current repository
run_hook() {
  local id=$1 want=$2 entry files
  entry=$(field "$id" entry)
  files=$(field "$id" files)
  if [ -z "$entry" ] || [ -z "$files" ]; then
    echo "pre_commit: hook '$id' has no entry/files" >&2
    exit 1
  fi
  local staged=()
  while IFS= read -r -d '' f; do
    if printf '%s\n' "$f" | grep -q -E "$files"; then staged+=("$f"); fi
  done < <(git diff --cached --name-only --diff-filter=ACMR -z)
  local rc=0
  if [ "${#staged[@]}" -gt 0 ]; then
    eval "set -- $entry"
    "$@" "${staged[@]}" >"$tmp/out" 2>&1 || rc=$?
  fi
  if [ "$rc" -ne "$want" ]; then
    echo "pre_commit: hook $id on [${staged[*]}]: exit $rc, expected $want" >&2
    sed 's/^/  /' "$tmp/out" >&2
    fails=$((fails + 1))
  else
    echo "pre_commit: hook $id on ${#staged[@]} staged file(s): exit $rc (expected)"
  fi
}

repo=$tmp/repo
git init -q "$repo" && cd "$repo" || exit 1
git config user.email test@example.com
git config user.name test
mkdir -p certs src
cp "$src/fixtures/gen/time-30y-p384.pem" "certs/broker ca.pem"   # passes nrf91 (2025..2055)
echo "not a certificate" >README.txt
cp "$src/fixtures/gen/cheader-root.h" src/certificate.h          # a header with a passing certificate
printf '#define LED_PIN 2\n' >src/board.h                        # a header without one
openssl x509 -in "certs/broker ca.pem" -outform DER -out certs/root.der ||
  { echo "pre_commit: openssl failed" >&2; exit 1; }
git add "certs/broker ca.pem" certs/root.der README.txt src/certificate.h src/board.h
run_hook certfit 0
grep -q '^2 items: 2 passed' "$tmp/out" || { echo "pre_commit: the PEM and the DER were not both checked" >&2; fails=$((fails + 1)); }
run_hook certfit-headers 0
git commit -q -m good

# a good and a bad certificate staged: the bad one is the 5278-byte bundle
cp "$src/fixtures/real/test-mosquitto-org-ca.pem" certs/mosquitto.cer
cp "$src/fixtures/real/academy-mqtt-2024-06-bundle.pem" certs/bundle.crt
git add certs/mosquitto.cer certs/bundle.crt
run_hook certfit 1
grep -q 'credential-size' "$tmp/out" || { echo "pre_commit: no credential-size in the output" >&2; fails=$((fails + 1)); }
grep -q '^2 items: 1 passed, 1 failed' "$tmp/out" || { echo "pre_commit: expected 1 passed, 1 failed" >&2; fails=$((fails + 1)); }
git reset -q certs/bundle.crt certs/mosquitto.cer

# the opt-in header hook: a header holding the bundle fails
cp "$src/fixtures/real/academy-mqtt-2024-06-certificate.h" src/certificate.h
git add src/certificate.h
run_hook certfit-headers 1
git reset -q src/certificate.h
git checkout -q src/certificate.h
printf '#define LED_PIN 3\n' >src/board.h
git add src/board.h
run_hook certfit-headers 0

[ "$fails" -eq 0 ] || exit 1
echo "pre_commit: ok"
