#!/bin/sh
# The man page docs/certfit.1 against the built binary's help texts:
# - every command of `certfit --help` has a .SS section, and every .SS
#   section is a command of `certfit --help`;
# - for each command, the options of `certfit COMMAND --help` (option lines and
#   the usage line) are exactly the options tagged (.TP) in its section
#   (a section with `.\" same-options: CMD` takes CMD's); -h/--help are
#   common to all and documented once.
# Usage: man_sync.sh CERTFIT SOURCE_DIR
set -eu
bin=$1
man=$2/docs/certfit.1
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-man.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "man_sync: $*" >&2; fails=$((fails + 1)); }

# roff to plain text: \- -> -, font escapes dropped, quotes dropped
plain() { sed -e 's/\\-/-/g' -e 's/\\f[BIRP]//g' -e 's/\\e/\\/g' -e 's/"//g'; }

"$bin" --help >"$tmp/help"
awk '/^commands:/ { on = 1; next } on && /^$/ { exit } on && /^  [a-z]/ { print $1 }' "$tmp/help" |
  sort -u >"$tmp/help-cmds"
plain <"$man" | awk '/^\.SH/ { on = ($2 == "COMMANDS") } on && /^\.SS/ { print $2 }' | sort -u >"$tmp/man-cmds"
[ -s "$tmp/help-cmds" ] || fail "no commands in certfit --help"
while read -r c; do
  grep -q -x "$c" "$tmp/help-cmds" || fail "docs/certfit.1 documents '$c', which certfit --help does not list"
done <"$tmp/man-cmds"
while read -r c; do
  grep -q -x "$c" "$tmp/man-cmds" || fail "certfit --help lists '$c', docs/certfit.1 has no section for it"
done <"$tmp/help-cmds"

# options (-x and --long) in some text on stdin
opts() { grep -o -E '(^|[^a-zA-Z0-9-])--?[a-zA-Z][a-zA-Z0-9-]*' | sed -E 's/^[^-]*//' |
  grep -v -x -E -e '--?h(elp)?' | sort -u; }

# the options a command's section tags with .TP
man_opts() {
  plain <"$man" | awk -v c="$1" '
    /^\.SH/ { on = 0 }
    /^\.SS/ { on = ($2 == c); next }
    on && /^\.TP/ { tag = 1; next }
    on && tag { print; tag = 0 }' | opts
}
man_same() {
  plain <"$man" | awk -v c="$1" '/^\.SS/ { on = ($2 == c); next }
    on && /same-options:/ { sub(/.*same-options: */, ""); print $1; exit }'
}

while read -r c; do
  # the usage line(s) and the option lines (indented, starting with -)
  "$bin" "$c" --help 2>/dev/null | awk '/^usage:/ || /^ +certfit / || /^ +-/' |
    sed -E 's/^( +-[a-zA-Z], --[a-z-]+| +--[a-z-]+).*/\1/' | opts >"$tmp/h-$c" || true
  src=$(man_same "$c")
  man_opts "${src:-$c}" >"$tmp/m-$c"
  if ! diff "$tmp/h-$c" "$tmp/m-$c" >"$tmp/d"; then
    fail "options of '$c' differ (< certfit $c --help, > docs/certfit.1):"
    cat "$tmp/d" >&2
  fi
  n=$(wc -l <"$tmp/h-$c")
  echo "man_sync: $c: $n options in sync"
done <"$tmp/help-cmds"

# the usage line of each command is in the SYNOPSIS or its .SS line
grep -q '^\.TH CERTFIT 1 .*"certfit '"$("$bin" version | awk 'NR == 1 { print $2 }')"'"' "$man" ||
  fail "the .TH line does not carry certfit's version"
if command -v groff >/dev/null 2>&1; then
  groff -man -Tutf8 -ww -z "$man" 2>"$tmp/groff" || true
  if [ -s "$tmp/groff" ]; then
    fail "groff warnings:"
    cat "$tmp/groff" >&2
  fi
fi
[ "$fails" -eq 0 ] || exit 1
echo "man_sync: ok"
