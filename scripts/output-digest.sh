#!/bin/sh
# What `certfit check` prints, as one SHA-256 per (format, input set), so
# that two builds can be shown to give byte-identical output (issue 15).
#
#   scripts/output-digest.sh CERTFIT              digest lines of one binary
#   scripts/output-digest.sh CERTFIT_A CERTFIT_B  both, compared; exit 1 when
#                                                 any line differs
#
# Formats: text, json, sarif. Input sets, each file checked on its own with
# --now fixed: fixtures/ (*.pem *.crt *.cer *.der *.h *.key), hostile (the
# inputs tests/hostile/crafted.sh and privkey.sh write, generated here with
# the first binary; bundle-100k is left out for time) and trust-store
# (/etc/ssl/certs). What is hashed for each file: its path, the exit code,
# stdout and stderr. OUT=dir keeps the hashed text (OUT/a|b/<format>-
# <set>.txt) for a diff; by default it goes to a temporary directory.
# privkey.sh makes new keys on every run, so the hostile set's digests
# match across runs only with the same inputs: INPUTS=dir writes them there
# once and reuses them (compare two binaries in one run, or give INPUTS).
set -eu
[ $# -ge 1 ] && [ $# -le 2 ] || { echo "usage: $0 CERTFIT [CERTFIT_B]" >&2; exit 2; }
root=$(cd "$(dirname "$0")/.." && pwd)
now=2026-11-26T00:00:00Z
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=${OUT:-$tmp/out}
abs() { case $1 in /*) echo "$1" ;; *) echo "$(pwd)/$1" ;; esac; }
a=$(abs "$1")
b=$(abs "${2:-$1}")

# the hostile inputs: every case of the two scripts but the 150 MB bundle
hostile=${INPUTS:-$tmp/hostile}
if [ ! -d "$hostile" ]; then
  for s in crafted privkey; do
    for c in $(sed -n 's/^\([a-z0-9-]*\))$/\1/p' "$root/tests/hostile/$s.sh"); do
      [ "$c" = bundle-100k ] && continue
      sh "$root/tests/hostile/$s.sh" "$a" "$hostile/$s" "$c" >/dev/null 2>&1 ||
        echo "output-digest: tests/hostile/$s.sh $c failed with $1 (its input is still hashed)" >&2
    done
  done
fi
hostile=$(cd "$hostile" && pwd)

list() { # set: the files, sorted
  case $1 in
    fixtures) find "$root/fixtures" -type f \( -name '*.pem' -o -name '*.crt' -o -name '*.cer' \
                -o -name '*.der' -o -name '*.h' -o -name '*.key' \) ;;
    hostile) find "$hostile" -type f ! -name out ! -name err ;;
    trust-store) find -L /etc/ssl/certs -maxdepth 1 -type f ;;
  esac | LC_ALL=C sort
}

digest() { # certfit label: one line per (format, set)
  mkdir -p "$out/$2"
  for fmt in text json sarif; do
    for set in fixtures hostile trust-store; do
      f=$out/$2/$fmt-$set.txt
      : > "$f"
      n=0
      for in in $(list $set); do
        n=$((n + 1))
        rc=0
        "$1" check --format "$fmt" --now "$now" --no-color "$in" > "$tmp/o" 2> "$tmp/e" || rc=$?
        { echo "== ${in#"$root"/} exit $rc"; cat "$tmp/o"; echo "-- stderr"; cat "$tmp/e"; } |
          sed "s|$hostile/|hostile/|g" >> "$f"
      done
      echo "$(sha256sum < "$f" | cut -c1-64)  $fmt $set ($n files)"
    done
  done
}

if [ $# -eq 1 ]; then
  digest "$a" a
  exit 0
fi
digest "$a" a > "$tmp/a.txt"
digest "$b" b > "$tmp/b.txt"
status=0
while IFS= read -r la <&3 && IFS= read -r lb <&4; do
  if [ "$la" = "$lb" ]; then
    echo "$la  identical"
  else
    echo "$la  A: $1"
    echo "$lb  B: $2  DIFFERS"
    status=1
  fi
done 3< "$tmp/a.txt" 4< "$tmp/b.txt"
exit $status
