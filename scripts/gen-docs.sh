#!/bin/sh
# Regenerate the docs that come from the tables in the code:
#   docs/rules.md       <- certfit rules --format markdown (include/certfit/rules.def)
#   docs/profiles.md    the part between the GENERATED markers
#                       <- certfit profiles --format markdown (lib/profile.c)
# Usage: scripts/gen-docs.sh CERTFIT_BINARY SOURCE_DIR OUTPUT_DIR
# OUTPUT_DIR is SOURCE_DIR/docs to update the docs (make docs), or a
# temporary directory for the staleness test (tests/ecosystem/docs_fresh.sh).
# shellcheck disable=SC2016  # backquotes in the text are markdown
set -eu
bin=$1
src=$2
out=$3
mkdir -p "$out"

{
  printf '%s\n' \
    '# Rules' \
    '' \
    '<!-- Generated from include/certfit/rules.def by scripts/gen-docs.sh' \
    '     (`make docs`); do not edit: change the rule table and regenerate. -->' \
    '' \
    'Every rule certfit runs, from the one rule table that also gives the C enum,' \
    '`certfit rules`, `certfit explain RULE` and the SARIF rule metadata. Rule ids' \
    'are stable: CI scripts and policy files name them (`--skip`, `skip =`,' \
    '`severity.RULE =`). The severity is the default; a profile or a policy file' \
    'may change it (see [profiles.md](profiles.md)). Roles say which items a rule' \
    'applies to: `ca` for a credential for the modem'"'"'s CA slot (`--role ca`, the' \
    'default), `server` for the chain a TLS server sends (`--role server`).' \
    '' \
    'A finding carries the rule id, the severity, the item, the certificate' \
    'index, and a message with the measured value and the limit; in JSON also' \
    '`value`, `limit` and the specific `fix` (see [cli.md](cli.md)).' \
    ''
  "$bin" rules --format markdown
} >"$out/rules.md.tmp"
mv "$out/rules.md.tmp" "$out/rules.md"

begin='<!-- BEGIN GENERATED: certfit profiles --format markdown (scripts/gen-docs.sh) -->'
end='<!-- END GENERATED -->'
tmp="$out/profiles.md.tmp"
"$bin" profiles --format markdown >"$out/profiles.gen.tmp"
awk -v b="$begin" -v e="$end" -v gen="$out/profiles.gen.tmp" '
  $0 == b { print; print ""; while ((getline l < gen) > 0) print l; print ""; skip = 1; found++; next }
  $0 == e { skip = 0 }
  !skip { print }
  END { if (found != 1) { print "gen-docs: markers missing in profiles.md" > "/dev/stderr"; exit 1 } }
' "$src/docs/profiles.md" >"$tmp"
rm -f "$out/profiles.gen.tmp"
mv "$tmp" "$out/profiles.md"
