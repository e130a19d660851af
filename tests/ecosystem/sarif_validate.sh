#!/bin/sh
# certfit's SARIF passes Microsoft's SARIF multitool `validate` with no
# error-level result, on three inputs: the fixtures (relative paths), the
# system trust store (absolute paths: file:// URIs) and a directory of
# hostile file names (newline, space, '#', '%', ':', ESC, bytes that are not
# UTF-8, non-ASCII letters). The multitool comes from npm, installed into the
# build tree at configure time (scripts/sarif-multitool.sh).
# Usage: sarif_validate.sh CERTFIT FIXTURES_DIR MULTITOOL
set -eu
bin=$1
fx=$2
tool=$3
tmp=$(mktemp -d "${TMPDIR:-/tmp}/certfit-sarif.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "sarif_validate: $*" >&2; fails=$((fails + 1)); }

if [ ! -x "$tool" ]; then
  echo "sarif_validate: no SARIF multitool at $tool: run scripts/sarif-multitool.sh $(dirname "$(dirname "$(dirname "$tool")")")" >&2
  exit 1
fi

now=--now=2026-01-01T00:00:00Z
# relative paths, resolved against %SRCROOT% (the working directory)
(cd "$fx/.." && "$bin" check -f sarif "$now" fixtures >"$tmp/fixtures.sarif") || [ $? -eq 1 ]
# absolute paths
"$bin" check -f sarif "$now" /etc/ssl/certs >"$tmp/truststore.sarif" || [ $? -eq 1 ]
h=$tmp/hostile
mkdir "$h"
for n in "$(printf 'new\nline.pem')" 'sp ace.pem' 'hash#1.pem' 'pct%41.pem' 'a:b.pem' \
  "$(printf 'esc\033[31m.pem')" "$(printf 'bad\377\376.pem')" "$(printf '\303\274n\303\257c\303\266d\303\251.pem')"; do
  cp "$fx/gen/chain-full.pem" "$h/$n"
done
echo junk >"$h/broken#%.pem" # an input error: a toolExecutionNotification
(cd "$tmp" && "$bin" check -f sarif "$now" hostile >"$tmp/hostile.sarif") || [ $? -eq 2 ]

# what the files must hold for the validation to mean something
node - "$tmp" <<'JS' || fail "the SARIF files do not hold what the test needs"
const fs = require('fs'), dir = process.argv[2];
const load = (f) => JSON.parse(fs.readFileSync(dir + '/' + f, 'utf8')).runs[0];
let bad = 0;
const need = (ok, what) => { if (!ok) { console.error('  missing: ' + what); bad++; } };
for (const f of ['fixtures.sarif', 'truststore.sarif', 'hostile.sarif']) {
  const run = load(f);
  need(/^file:\/\/\/.*\/doc\/certfit\/design\.md$/.test(run.tool.driver.informationUri || ''), f + ': informationUri (the installed design document)');
  need(run.results.length > 0, f + ': results');
}
const ts = load('truststore.sarif');
need(ts.results.every((r) => r.locations[0].physicalLocation.artifactLocation.uri.startsWith('file:///etc/ssl/certs/')),
     'truststore.sarif: every uri file:///etc/ssl/certs/...');
const ho = load('hostile.sarif');
const uris = ho.results.map((r) => r.locations[0].physicalLocation.artifactLocation);
need(uris.every((u) => u.uriBaseId === '%SRCROOT%'), 'hostile.sarif: uriBaseId %SRCROOT% on relative uris');
need(uris.some((u) => u.uri === 'hostile/new%0Aline.pem'), 'hostile.sarif: hostile/new%0Aline.pem');
need(uris.some((u) => u.uri === 'hostile/bad%FF%FE.pem'), 'hostile.sarif: hostile/bad%FF%FE.pem');
need(/^file:\/\/\/.*\/$/.test(ho.originalUriBaseIds['%SRCROOT%'].uri), 'hostile.sarif: originalUriBaseIds');
need(ho.invocations[0].toolExecutionNotifications.length === 1, 'hostile.sarif: one notification');
process.exit(bad ? 1 : 0);
JS

(cd "$tmp" && "$tool" validate -o "$tmp/validation.sarif" fixtures.sarif truststore.sarif \
  hostile.sarif >"$tmp/validate.log" 2>&1) || fail "sarif-multitool validate exited $?"
grep -q '3 files scanned' "$tmp/validate.log" || fail "the multitool did not scan the 3 files"
node - "$tmp/validation.sarif" <<'JS' || fail "the multitool reported errors (above)"
const fs = require('fs');
const run = JSON.parse(fs.readFileSync(process.argv[2], 'utf8')).runs[0];
const errs = (run.results || []).filter((r) => r.level === 'error');
const notes = ((run.invocations || [])[0] || {}).toolExecutionNotifications || [];
for (const r of errs.slice(0, 10))
  console.error('  ' + r.ruleId + ' ' + r.locations[0].physicalLocation.artifactLocation.uri + ': ' +
                JSON.stringify(r.message.arguments || r.message.text));
for (const n of notes.filter((x) => x.level === 'error'))
  console.error('  tool error: ' + n.message.text);
console.log('sarif_validate: ' + errs.length + ' error-level results, ' +
            (run.results || []).length + ' results in all');
process.exit(errs.length + notes.filter((x) => x.level === 'error').length ? 1 : 0);
JS
[ "$fails" -eq 0 ] || { echo "sarif_validate: $fails checks failed" >&2; cat "$tmp/validate.log" | head -20 >&2; exit 1; }
echo "sarif_validate: fixtures, trust store and hostile names pass sarif-multitool validate"
