#!/bin/sh
# The GitHub composite action (action.yml), run here as the runner would run
# it: each step's `run:` script with bash, its `env:` mapped from the inputs
# (the test's values, else the input's default), GITHUB_OUTPUT/GITHUB_ENV
# files. The apt step finds everything installed and does nothing; the build
# step builds certfit out of tree; the lint step writes SARIF and gates.
# Usage: action.sh CERTFIT SOURCE_DIR [--no-build]  (CERTFIT is used with --no-build)
set -eu
bin=$1
src=$2
nobuild=${3:-}
yml=$src/action.yml
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-action.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "action: $*" >&2; fails=$((fails + 1)); }

# the `run: |` block of step ID, unindented
step_run() {
  awk -v id="$1" '
    $1 == "id:" { on = ($2 == id); next }
    on && $1 == "run:" { ind = index($0, "run:"); inrun = 1; next }
    inrun { if ($0 ~ /^[ ]*$/) { print ""; next }
            match($0, /^ */); if (RLENGTH < ind) exit; print substr($0, ind + 2) }' "$yml"
}
# the env: mapping of step ID as NAME=INPUT lines
step_env() {
  awk -v id="$1" '
    $1 == "id:" { on = ($2 == id); next }
    on && $1 == "env:" { inenv = 1; next }
    on && inenv && $2 == "${{" { sub(/:$/, "", $1); sub(/^inputs\./, "", $3); print $1 "=" $3; next }
    inenv { inenv = 0 }' "$yml"
}
# the default of input NAME
input_default() {
  awk -v n="$1" '
    /^inputs:/ { on = 1; next } /^[a-z]/ { on = 0 }
    on && $0 ~ "^  " n ":$" { want = 1; next }
    on && want && $1 == "default:" { sub(/^ *default: */, ""); gsub(/"/, ""); print; exit }' "$yml"
}

# export the NAME=VALUE lines of a file
load_env() {
  while IFS= read -r line; do
    # shellcheck disable=SC2163  # the line is NAME=VALUE
    [ -z "$line" ] || export "$line"
  done <"$1"
}

# run_lint RC INPUT=VALUE...: run the lint step with these inputs
run_lint() {
  want=$1
  shift
  : >"$tmp/output"
  envs=""
  for m in $(step_env lint); do
    name=${m%%=*}
    input=${m#*=}
    grep -q "^  $input:\$" "$yml" || fail "env $name names an undeclared input '$input'"
    value=$(input_default "$input")
    for kv in "$@"; do
      case $kv in "$input="*) value=${kv#*=} ;; esac
    done
    envs="$envs$name=$value
"
  done
  step_run lint >"$tmp/lint.sh"
  rc=0
  printf '%s' "$envs" >"$tmp/env"
  (cd "$tmp/work" && load_env "$tmp/env" &&
    GITHUB_OUTPUT=$tmp/output CERTFIT_BIN=$CERTFIT_BIN bash -e "$tmp/lint.sh") >"$tmp/log" 2>&1 || rc=$?
  if [ "$rc" -ne "$want" ]; then
    fail "lint with $*: exit $rc, expected $want"
    sed 's/^/  /' "$tmp/log" >&2
  fi
  grep -q "^exit-code=$want\$" "$tmp/output" || fail "lint with $*: no exit-code=$want output"
}

mkdir -p "$tmp/work/certs"
cp "$src/fixtures/real/academy-mqtt-2024-06-bundle.pem" "$tmp/work/certs/"
cp "$src/fixtures/gen/time-30y-p384.pem" "$tmp/work/certs/"

# the steps the runner would run
step_run deps >"$tmp/deps.sh"
grep -q 'apt-get install' "$tmp/deps.sh" || fail "the deps step does not apt-get install"
grep -q 'libmbedtls-dev' "$tmp/deps.sh" || fail "the deps step does not install libmbedtls-dev"
if [ "$nobuild" = --no-build ]; then
  CERTFIT_BIN=$bin
else
  # no sudo needed: everything is installed, so no apt-get runs
  PATH="$tmp/nosudo:$PATH"
  mkdir -p "$tmp/nosudo"
  printf '#!/bin/sh\necho "action: sudo $*" >&2\nexit 1\n' >"$tmp/nosudo/sudo"
  chmod +x "$tmp/nosudo/sudo"
  bash -e "$tmp/deps.sh" || fail "the deps step failed"
  step_run build >"$tmp/build.sh"
  : >"$tmp/genv"
  (GITHUB_ACTION_PATH=$src RUNNER_TEMP=$tmp GITHUB_ENV=$tmp/genv bash -e "$tmp/build.sh") >"$tmp/build.log" 2>&1 ||
    { cat "$tmp/build.log" >&2; fail "the build step failed"; }
  CERTFIT_BIN=$(sed -n 's/^CERTFIT_BIN=//p' "$tmp/genv")
  [ -x "$CERTFIT_BIN" ] || { fail "the build step gave no CERTFIT_BIN"; exit 1; }
  grep -q '^certfit ' "$tmp/build.log" || fail "the build step did not print certfit version"
fi
export CERTFIT_BIN

# the bundle fails (credential-size): exit 1, SARIF written with the result
run_lint 1 "paths=certs/academy-mqtt-2024-06-bundle.pem certs/time-30y-p384.pem" sarif-file=out.sarif
[ -f "$tmp/work/out.sarif" ] || fail "no SARIF file"
grep -q '"version": *"2.1.0"' "$tmp/work/out.sarif" || fail "SARIF version"
grep -q '"ruleId": *"credential-size"' "$tmp/work/out.sarif" || fail "no credential-size result in the SARIF"
grep -q '^sarif-file=out.sarif$' "$tmp/output" || fail "no sarif-file output"
grep -q 'credential-size' "$tmp/log" || fail "no text report in the log"
# the default paths (.) walk the directory; fail-on never only reports
run_lint 0 fail-on=never
[ -f "$tmp/work/certfit.sarif" ] || fail "no SARIF at the default sarif-file"
# the good certificate passes under the vendor's profile, with extra args
run_lint 0 paths=certs/time-30y-p384.pem profile=nrf91-p384-selfsigned "args=--now 2026-01-01T00:00:00Z --sec-tag 16842753"
# a usage error is exit 2
run_lint 2 paths=certs role=client

[ "$fails" -eq 0 ] || exit 1
echo "action: ok"
