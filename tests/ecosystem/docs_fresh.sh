#!/bin/sh
# The docs that come from the code must match it:
# - docs/rules.md and the generated part of docs/profiles.md are regenerated
#   into a temporary directory (scripts/gen-docs.sh) and diffed with the
#   committed files: stale docs fail (fix: `make docs`);
# - every ```console block of docs/sizes.md that runs `certfit size` prints
#   exactly what the built binary prints;
# - the policy example of docs/profiles.md parses (certfit check --policy);
# - every relative link in README.md and docs/*.md names an existing file;
# - README.md and docs/ stand alone: no reference to ../shared (the design
#   contract users do not have: docs/design.md is the project's own), and
#   README.md names every command of `certfit --help`.
# Usage: docs_fresh.sh CERTFIT SOURCE_DIR
set -eu
bin=$1
src=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-docs.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "docs_fresh: $*" >&2; fails=$((fails + 1)); }

sh "$src/scripts/gen-docs.sh" "$bin" "$src" "$tmp/gen"
for f in rules.md profiles.md; do
  if ! diff -u "$src/docs/$f" "$tmp/gen/$f" >"$tmp/diff"; then
    fail "docs/$f is stale: run 'make docs' (or cmake --build BUILD --target gen-docs) and commit it"
    head -40 "$tmp/diff" >&2
  fi
done
n=$(grep -c '^## ' "$src/docs/rules.md" || true)
m=$("$bin" rules | wc -l)
[ "$n" -eq "$m" ] || fail "docs/rules.md has $n rule sections, certfit rules lists $m"

# sizes.md: run each console block's command, compare its output
awk -v dir="$tmp" '
  /^```console$/ { n++; inb = 1; first = 1; next }
  inb && /^```$/ { inb = 0; next }
  inb && first { sub(/^\$ /, ""); print > (dir "/cmd" n); first = 0; next }
  inb { print > (dir "/out" n) }' "$src/docs/sizes.md"
blocks=0
for c in "$tmp"/cmd*; do
  [ -f "$c" ] || continue
  i=${c##*cmd}
  cmd=$(cat "$c")
  case $cmd in "certfit size "*) ;; *) continue ;; esac
  # shellcheck disable=SC2086
  (cd "$src" && "$bin" ${cmd#certfit }) >"$tmp/raw$i" 2>&1 || fail "sizes.md: '$cmd' failed"
  # the block ends at the last line of output: drop the trailing blank line
  awk '{ a[NR] = $0 } END { n = NR; while (n > 0 && a[n] == "") n--; for (i = 1; i <= n; i++) print a[i] }' \
    "$tmp/raw$i" >"$tmp/got$i"
  if ! diff -u "$tmp/out$i" "$tmp/got$i" >"$tmp/diff"; then
    fail "docs/sizes.md: the output of '$cmd' differs:"
    cat "$tmp/diff" >&2
  fi
  blocks=$((blocks + 1))
done
[ "$blocks" -ge 3 ] || fail "docs/sizes.md: expected at least 3 certfit size blocks, found $blocks"

# profiles.md: the example policy file
sed -n '/^    # tight.policy/,/^$/p' "$src/docs/profiles.md" | sed 's/^    //' >"$tmp/tight.policy"
[ -s "$tmp/tight.policy" ] || fail "docs/profiles.md: no tight.policy example"
rc=0
(cd "$src" && "$bin" check --policy "$tmp/tight.policy" --now 2026-01-01T00:00:00Z -q \
  fixtures/real/academy-mqtt-2024-06-bundle.pem) >"$tmp/policy.out" 2>&1 || rc=$?
[ "$rc" -eq 1 ] || { fail "the policy example: exit $rc, expected 1"; cat "$tmp/policy.out" >&2; }
grep -q 'the limit is 3500 (1778 over)' "$tmp/policy.out" || fail "the policy example: no 3500-byte limit"
first=$(head -1 "$tmp/policy.out")
grep -q -F -x "    $first" "$src/docs/profiles.md" || fail "docs/profiles.md: the example's first line is not '$first'"

# links
for doc in "$src/README.md" "$src"/docs/*.md "$src/CHANGELOG.md"; do
  [ -f "$doc" ] || continue
  d=$(dirname "$doc")
  grep -o -E '\]\([^)#]+(#[^)]*)?\)' "$doc" | sed -E 's/^\]\(//; s/\)$//; s/#.*//' | while read -r l; do
    case $l in http*|mailto:*|"") continue ;; esac
    [ -e "$d/$l" ] || echo "$doc: $l"
  done
done >"$tmp/links"
if [ -s "$tmp/links" ]; then
  fail "broken links:"
  cat "$tmp/links" >&2
fi

# standing alone
if grep -n -E '\.\./shared|shared/(DESIGN|STYLE|notes|fixtures)' "$src/README.md" "$src"/docs/*.md \
  "$src/docs/certfit.1" >"$tmp/shared"; then
  fail "README.md and docs/ refer to files outside the repository (use docs/design.md):"
  cat "$tmp/shared" >&2
fi
[ -f "$src/docs/design.md" ] || fail "docs/design.md is missing"
cmds=$("$bin" --help | sed -n '/^commands:/,/^$/p' | awk '/^  [a-z]/ { print $1 }')
[ -n "$cmds" ] || fail "certfit --help lists no commands"
for c in $cmds; do
  grep -q -E "^    certfit $c( |\$)" "$src/README.md" || fail "README.md: the Usage block lacks 'certfit $c'"
done

[ "$fails" -eq 0 ] || exit 1
echo "docs_fresh: ok (rules.md, profiles.md, $blocks size blocks, policy example, links, no ../shared, every command in README)"
