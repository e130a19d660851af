#!/bin/bash
# completions/certfit.bash: source it, set COMP_WORDS/COMP_CWORD as bash does,
# call the completion function and check COMPREPLY against the binary's own
# help texts, profiles and rule table.
# Usage: completion.sh CERTFIT SOURCE_DIR
set -u
bin=$1
src=$2
# shellcheck source=/dev/null
source "$src/completions/certfit.bash" || { echo "completion: cannot source" >&2; exit 1; }
[ "$(complete -p certfit)" = "complete -F _certfit certfit" ] || { echo "completion: not registered" >&2; exit 1; }
fails=0
checks=0

# complete WORD... : the last word is the one being completed
complete_words() {
  COMP_WORDS=("$bin" "$@")
  COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
  COMP_LINE="${COMP_WORDS[*]}"
  COMP_POINT=${#COMP_LINE}
  COMPREPLY=()
  _certfit certfit "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD - 1]}"
  printf '%s\n' "${COMPREPLY[@]}" | sed '/^$/d' | sort -u
}
expect() { # expect "DESCRIPTION" "EXPECTED (newline-separated)" WORD...
  local what=$1 want=$2
  shift 2
  local got
  got=$(complete_words "$@")
  want=$(printf '%s\n' "$want" | sed '/^$/d' | sort -u)
  checks=$((checks + 1))
  if [ "$got" != "$want" ]; then
    echo "completion: $what: certfit $*<TAB>" >&2
    diff <(echo "$want") <(echo "$got") | sed 's/^/  /' >&2
    fails=$((fails + 1))
  fi
}

# subcommands: exactly those of `certfit --help`
cmds=$("$bin" --help | awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }')
expect "subcommands" "$cmds
--help
--version" ""
expect "subcommands starting with 'pro'" "$(grep '^pro' <<<"$cmds")" pro

# options of every command: exactly those of `certfit COMMAND --help`
for c in $cmds; do
  want=$("$bin" "$c" --help 2>/dev/null | awk '/^usage:/ || /^ +-/' |
    sed -E 's/^( +-[a-zA-Z], --[a-z-]+| +--[a-z-]+).*/\1/' |
    grep -o -E '(^|[^a-zA-Z0-9-])--?[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[^-]*//' | sort -u)
  if [ "$c" != version ]; then
    want=$(printf '%s\n-h\n--help\n' "$want")
  fi
  expect "options of $c" "$want" "$c" -
done
expect "long options of check starting with --no-" "--no-signatures
--no-color" check --no-

# option values
profiles=$("$bin" profiles | awk '/^[a-z]/ { print $1 }')
expect "--profile values" "$profiles" check --profile ""
expect "-p values" "$(grep '^nrf91' <<<"$profiles")" size -p nrf
expect "--role values" "ca
server" check --role ""
expect "--format values of check" "text
json
sarif" check -f ""
expect "--format values of rules" "text
json
markdown" rules --format ""
expect "--fail-on values" "error
warning
notice
never" check --fail-on ""
rules=$("$bin" rules | awk '{ print $1 }')
expect "explain RULE" "$rules" explain ""
expect "explain chain-" "$(grep '^chain-' <<<"$rules")" explain chain-
expect "--skip list" "$(grep '^not-' <<<"$rules" | sed 's/^/expired,/')" check --skip expired,not-
expect "--curve values" "secp384r1
secp256r1" mint --curve ""
expect "no completion for --now" "" check --now ""

# paths
cd "$src" || exit 1
expect "a file after the options" "fixtures/real/academy-mqtt-2024-06-bundle.pem" \
  check -p nrf91 fixtures/real/academy-mqtt-2024-06-b
expect "a --policy file" "docs/profiles.md" check --policy docs/profi

if [ "$fails" -ne 0 ]; then
  echo "completion: $fails of $checks checks failed" >&2
  exit 1
fi
echo "completion: $checks checks ok"
