#!/usr/bin/env python3
"""certfit and zlint on the same certificates (docs/design.md section 13).

For every rule that `certfit rules --format json` maps to zlint lints, and
for every certificate, the rule must fire (on that certificate, profile
generic, role server) exactly when one of its lints returns warn or error.
The deliberate differences are the EXCEPTIONS below, by name; each is
described in docs/reliability.md. Anything else fails the test.

Usage: agree.py ZLINT CERTFIT WORKDIR MIN_CERTS MIN_LINTS INPUT...
  INPUT: a PEM or DER file, or a directory (walked for *.pem *.crt *.cer
  *.der); every certificate in them is checked on its own.
"""
import base64
import collections
import json
import os
import re
import subprocess
import sys

BAD = ("warn", "error")

# Deliberate differences, by name: (rule, rules or None for any, test, reason).
# test(z, fired, cert, messages) gets the zlint results of the rule's lints,
# whether certfit fired, certfit's JSON for the certificate and its messages
# for the rule, and says whether the difference is this one.
# docs/reliability.md lists the same names with the same reasons.
def _quiet(z):
    return not any(r in BAD for r in z.values())


EXCEPTIONS = {
    "zlint-effective-date": (
        None,
        lambda z, fired, cert, msgs: fired and _quiet(z) and any(r == "NE" for r in z.values()),
        "zlint runs a lint only on certificates issued after the lint's effective date (NE); "
        "certfit applies the rule to every certificate a device may meet"),
    "self-signed-leaf": (
        ("basic-constraints-critical", "key-usage-key-type"),
        lambda z, fired, cert, msgs: fired and _quiet(z) and all(r == "NA" for r in z.values())
        and cert.get("self_signed") is True and not cert.get("ca"),
        "zlint's subscriber lints skip self-signed certificates; certfit holds a self-signed "
        "server certificate (the vendor's recommendation for the modem) to the leaf rules"),
    "ecdsa-parameters": (
        "algorithm-parameters",
        lambda z, fired, cert, msgs: fired and _quiet(z)
        and any("ECDSA signature algorithm has parameters" in m for m in msgs),
        "zlint's only lint on ECDSA parameters (e_mp_ecdsa_signature_encoding_correct) also "
        "judges the hash against the key, which certfit reports as signature-hash-strength; "
        "it is not mapped, so certfit's ECDSA half of the rule has no zlint counterpart"),
    "utctime-meant-after-2049": (
        "time-encoding",
        lambda z, fired, cert, msgs: fired and _quiet(z)
        and any("needs GeneralizedTime" in m for m in msgs),
        "a notAfter UTCTime that reads as 19YY, before notBefore, is well-formed for zlint; "
        "certfit reports it because the issuer meant 20YY (2050 on)"),
}


def split_certs(path):
    """The DER of every certificate in a PEM or DER file."""
    data = open(path, "rb").read()
    out = []
    if b"-----BEGIN" in data:
        for m in re.finditer(rb"-----BEGIN (X509 |TRUSTED )?CERTIFICATE-----(.*?)-----END", data, re.S):
            try:
                out.append(base64.b64decode(re.sub(rb"\s+", b"", m.group(2))))
            except Exception:
                pass
    elif data[:1] == b"\x30":
        out.append(data)
    return out


def walk(inputs):
    files = []
    for p in inputs:
        if os.path.isdir(p):
            for root, _, names in os.walk(p):
                for n in sorted(names):
                    if n.endswith((".pem", ".crt", ".cer", ".der")):
                        files.append(os.path.join(root, n))
        else:
            files.append(p)
    return sorted(files)


def main():
    zlint, certfit, work, min_certs, min_lints = sys.argv[1:6]
    inputs = sys.argv[6:]
    os.makedirs(work, exist_ok=True)
    rules = json.loads(subprocess.run([certfit, "rules", "--format", "json"], check=True,
                                      capture_output=True).stdout)
    known = {json.loads(l)["name"] for l in subprocess.run(
        [zlint, "-list-lints-json"], check=True, capture_output=True, text=True).stdout.splitlines()}
    mapped = {r["id"]: r["zlint"] for r in rules if r["zlint"]}
    lints = sorted({l for ls in mapped.values() for l in ls})
    unknown = [l for l in lints if l not in known]
    if unknown:
        print("agree: lints zlint does not have:", " ".join(unknown))
        return 1
    seen = set()
    certs = []
    for f in walk(inputs):
        for der in split_certs(f):
            if der in seen:
                continue
            seen.add(der)
            name = os.path.join(work, "c%04d.pem" % len(certs))
            with open(name, "w") as o:
                b = base64.b64encode(der).decode()
                o.write("-----BEGIN CERTIFICATE-----\n")
                o.write("\n".join(b[i:i + 64] for i in range(0, len(b), 64)))
                o.write("\n-----END CERTIFICATE-----\n")
            certs.append((f, name))
    fired_z = collections.Counter()
    fired_c = collections.Counter()
    excused = collections.Counter()
    failures = []
    skipped = 0
    n_checked = 0
    for src, name in certs:
        zr = subprocess.run([zlint, "-includeNames", ",".join(lints), name], capture_output=True, text=True)
        if zr.returncode != 0 or not zr.stdout.strip():
            skipped += 1  # zlint cannot parse it (e.g. a curve Go lacks): nothing to compare
            continue
        n_checked += 1
        z = {k: v["result"] for k, v in json.loads(zr.stdout).items()}
        cr = subprocess.run([certfit, "check", "-p", "generic", "--role", "server", "--fail-on",
                             "never", "-f", "json", "--now", "2026-01-01T00:00:00Z", name],
                            capture_output=True, text=True)
        item = json.loads(cr.stdout)["items"][0]
        got = {f["rule"] for f in item["findings"] if f["certificate"] == 0}
        cert = item["certificates"][0] if item["certificates"] else {}
        for rule, ls in mapped.items():
            zs = {l: z.get(l, "absent") for l in ls}
            zf = any(v in BAD for v in zs.values())
            cf = rule in got
            fired_z[rule] += zf
            fired_c[rule] += cf
            if zf == cf:
                continue
            msgs = [f["message"] for f in item["findings"] if f["rule"] == rule]
            why = next((n for n, (r, t, _) in EXCEPTIONS.items()
                        if (r is None or rule == r or rule in r) and t(zs, cf, cert, msgs)),
                       None)
            if why:
                excused[(rule, why)] += 1
            else:
                failures.append("%s (%s): %s %s, zlint %s" % (
                    src, name, rule, "fires" if cf else "does not fire",
                    " ".join("%s=%s" % kv for kv in sorted(zs.items()))))
    for rule in sorted(mapped):
        print("agree: %-30s certfit %4d  zlint %4d" % (rule, fired_c[rule], fired_z[rule]))
    for (rule, why), n in sorted(excused.items()):
        print("agree: expected difference %s on %s: %d certificates" % (why, rule, n))
    for f in failures:
        print("agree: DIFFERENCE", f)
    print("agree: %d certificates zlint cannot parse, not compared" % skipped)
    print("agree: %d certificates compared, %d zlint lints mapped to %d rules, %d differences" % (
        n_checked, len(lints), len(mapped), len(failures)))
    if n_checked < int(min_certs) or len(lints) < int(min_lints):
        print("agree: fewer than %s certificates or %s lints" % (min_certs, min_lints))
        return 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
