#!/usr/bin/python3
"""Certificates with one RFC 5280 defect each, for the zlint agreement test
(tests/zlint/agree.py). Made with the openssl command line; where openssl
cannot make the defect, the DER is edited and the certificate re-signed
with its issuer's key (python3-cryptography). Keys are generated afresh
into OUTDIR on every run; nothing here is committed output.

Usage: defects.py OUTDIR    (prints the number of certificates written)
"""
import os
import subprocess
import sys

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa

OUT = sys.argv[1]
os.makedirs(OUT, exist_ok=True)


def ossl(*args, stdin=None):
    r = subprocess.run(["openssl", *args], input=stdin, capture_output=True)
    if r.returncode != 0:
        raise SystemExit("openssl %s: %s" % (" ".join(args), r.stderr.decode(errors="replace")))
    return r.stdout


def path(name):
    return os.path.join(OUT, name)


# ---- keys --------------------------------------------------------------------------
KEYS = {
    "p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "rsa2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
}
EXTRA_KEYS = {
    "p521": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
    "brainpoolP256r1": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP256r1"],
    "brainpoolP384r1": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:brainpoolP384r1"],
    "secp256k1": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp256k1"],
    "secp224r1": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:secp224r1"],
    "rsa-e3": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
               "rsa_keygen_pubexp:3"],
    "rsa-e17": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-pkeyopt",
                "rsa_keygen_pubexp:17"],
    "ed25519": ["-algorithm", "ED25519"],
}
for name, opts in list(KEYS.items()) + list(EXTRA_KEYS.items()):
    if not os.path.exists(path(name + ".key")):
        ossl("genpkey", *opts, "-out", path(name + ".key"))

# the issuing CA: P-256, self-signed, as a CA should be
CA_EXT = """[e]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
"""


def write(name, text):
    with open(path(name), "w") as f:
        f.write(text)


write("ca.cnf", "[req]\ndistinguished_name = dn\n[dn]\n" + CA_EXT)
ossl("req", "-x509", "-new", "-key", path("p256.key"), "-subj", "/CN=Defects CA/O=certfit",
     "-days", "3650", "-config", path("ca.cnf"), "-extensions", "e", "-out", path("ca.crt"))

# ---- defects made with openssl: extension sections ----------------------------------
LEAF = "basicConstraints = critical,CA:FALSE\nsubjectKeyIdentifier = hash\n"
CA = "basicConstraints = critical,CA:TRUE\nsubjectKeyIdentifier = hash\n"
SAN = "subjectAltName = DNS:device.example\n"
AKI = "authorityKeyIdentifier = keyid\n"
EXT = {
    "good-leaf": LEAF + AKI + SAN + "keyUsage = critical,digitalSignature\n",
    "good-ca": CA + AKI + "keyUsage = critical,keyCertSign,cRLSign\n",
    "ca-no-key-usage": CA + AKI,
    "ca-key-usage-not-critical": CA + AKI + "keyUsage = keyCertSign,cRLSign\n",
    "ca-key-usage-no-cert-sign": CA + AKI + "keyUsage = critical,digitalSignature,cRLSign\n",
    "ca-bc-not-critical": "basicConstraints = CA:TRUE\nsubjectKeyIdentifier = hash\n" + AKI +
                          "keyUsage = critical,keyCertSign\n",
    "leaf-bc-not-critical": "basicConstraints = CA:FALSE\n" + AKI + SAN +
                            "keyUsage = critical,digitalSignature\n",
    "leaf-no-bc": "subjectKeyIdentifier = hash\n" + AKI + SAN + "keyUsage = critical,digitalSignature\n",
    "ca-no-ski": "basicConstraints = critical,CA:TRUE\nsubjectKeyIdentifier = none\n" + AKI +
                 "keyUsage = critical,keyCertSign\n",
    "ski-critical": "basicConstraints = critical,CA:FALSE\nsubjectKeyIdentifier = critical,hash\n" +
                    AKI + SAN,
    "no-aki": LEAF + "authorityKeyIdentifier = none\n" + SAN,
    "aki-critical": LEAF + "authorityKeyIdentifier = critical,keyid\n" + SAN,
    "aki-issuer-only": LEAF + "authorityKeyIdentifier = issuer:always\n" + SAN,
    "leaf-key-cert-sign": LEAF + AKI + SAN + "keyUsage = critical,digitalSignature,keyCertSign\n",
    "leaf-crl-sign": LEAF + AKI + SAN + "keyUsage = critical,digitalSignature,cRLSign\n",
    "key-encipherment": LEAF + AKI + SAN + "keyUsage = critical,digitalSignature,keyEncipherment\n",
    "key-agreement": LEAF + AKI + SAN + "keyUsage = critical,digitalSignature,keyAgreement\n",
    "ca-key-encipherment": CA + AKI + "keyUsage = critical,keyCertSign,keyEncipherment\n",
    "leaf-no-san": LEAF + AKI + "keyUsage = critical,digitalSignature\n",
    "leaf-key-usage-not-critical": LEAF + AKI + SAN + "keyUsage = digitalSignature\n",
    "decipher-only": LEAF + AKI + SAN + "keyUsage = critical,keyAgreement,decipherOnly\n",
}

count = 0


def csr(key, subj):
    return ossl("req", "-new", "-key", path(key + ".key"), "-subj", subj)


def issue(name, key, ext, self_signed, days="825"):
    """A certificate for key with extension text ext: self-signed, or issued by ca.crt."""
    global count
    write(name + ".cnf", "[req]\ndistinguished_name = dn\n[dn]\n[e]\n" + ext)
    subj = "/CN=%s/O=certfit defects" % name
    out = path(name + ".pem")
    if self_signed:
        ossl("req", "-x509", "-new", "-key", path(key + ".key"), "-subj", subj, "-days", days,
             "-config", path(name + ".cnf"), "-extensions", "e", "-out", out)
    else:
        ossl("x509", "-req", "-CA", path("ca.crt"), "-CAkey", path("p256.key"), "-set_serial",
             str(1000 + count), "-days", days, "-extfile", path(name + ".cnf"), "-extensions", "e",
             "-out", out, stdin=csr(key, subj))
    os.remove(path(name + ".cnf"))
    count += 1
    return out


for defect, ext in EXT.items():
    for key in KEYS:
        for self_signed in (False, True):
            issue("%s-%s-%s" % (defect, key, "self" if self_signed else "issued"), key, ext,
                  self_signed)

# every other key, as a leaf and as a CA
for key in EXTRA_KEYS:
    issue("leaf-%s" % key, key, EXT["good-leaf"], False)
    issue("ca-%s" % key, key, EXT["good-ca"], True)

# version 1: openssl x509 -req without extensions
for key in KEYS:
    global_name = "v1-%s" % key
    ossl("x509", "-req", "-CA", path("ca.crt"), "-CAkey", path("p256.key"), "-set_serial", "7",
         "-days", "825", "-out", path(global_name + ".pem"), stdin=csr(key, "/CN=v1"))
    count += 1


# ---- defects made by editing the DER ------------------------------------------------
def tlv(b, i):
    """(tag, header length, content length) of the element at b[i]."""
    tag, l = b[i], b[i + 1]
    if l < 0x80:
        return tag, 2, l
    n = l & 0x7F
    return tag, 2 + n, int.from_bytes(b[i + 2:i + 2 + n], "big")


def children(b):
    """The elements of a constructed element's content b, as byte strings."""
    out, i = [], 0
    while i < len(b):
        _, h, n = tlv(b, i)
        out.append(b[i:i + h + n])
        i += h + n
    return out


def content(e):
    _, h, _ = tlv(e, 0)
    return e[h:]


def enc(tag, body):
    n = len(body)
    if n < 0x80:
        return bytes([tag, n]) + body
    nb = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([tag, 0x80 | len(nb)]) + nb + body


def load(pem_path):
    return ossl("x509", "-in", pem_path, "-outform", "DER")


def sign(tbs, alg, key_path, sig_alg_for_hash=None):
    """The Certificate for tbs, signed with key_path's key; alg is the outer AlgorithmIdentifier."""
    key = serialization.load_pem_private_key(open(key_path, "rb").read(), None)
    if isinstance(key, ec.EllipticCurvePrivateKey):
        sig = key.sign(tbs, ec.ECDSA(hashes.SHA256()))
    else:
        sig = key.sign(tbs, padding.PKCS1v15(), hashes.SHA256())
    return enc(0x30, tbs + alg + enc(0x03, b"\x00" + sig))


def save(name, der):
    global count
    pem = ossl("x509", "-inform", "DER", "-outform", "PEM", stdin=der)
    with open(path(name + ".pem"), "wb") as f:
        f.write(pem)
    count += 1


def edit(name, src, key, change_tbs=None, change_alg=None, resign=True):
    cert = children(content(load(src)))
    tbs_f = children(content(cert[0]))
    alg = cert[1]
    if change_tbs:
        tbs_f = change_tbs(tbs_f)
    if change_alg:
        alg = change_alg(alg)
    tbs = enc(0x30, b"".join(tbs_f))
    if resign:
        save(name, sign(tbs, alg, path(key)))
    else:
        save(name, enc(0x30, tbs + alg + cert[2]))


ECDSA_SHA256 = bytes.fromhex("300a06082a8648ce3d040302")
ECDSA_SHA256_NULL = bytes.fromhex("300c06082a8648ce3d0403020500")
ECDSA_SHA384 = bytes.fromhex("300a06082a8648ce3d040303")
RSA_SHA256 = bytes.fromhex("300d06092a864886f70d01010b0500")
RSA_SHA256_NOPARAM = bytes.fromhex("300b06092a864886f70d01010b")


def with_ext(fields, f):
    """fields with the extensions list changed by f(list of Extension TLVs)."""
    ext = fields[-1]
    exts = children(content(children(content(ext))[0]))
    fields = list(fields)
    fields[-1] = enc(0xA3, enc(0x30, b"".join(f(exts))))
    return fields


def ku_bits(bits):
    """A keyUsage extension (critical) with the BIT STRING content bits."""
    return lambda exts: [e for e in exts if b"\x06\x03\x55\x1d\x0f" not in e] + [
        enc(0x30, bytes.fromhex("0603551d0f0101ff") + enc(0x04, enc(0x03, bits)))]


for key in ("p256", "p384", "rsa2048"):
    for kind in ("issued", "self"):
        src = path("good-leaf-%s-%s.pem" % (key, kind))
        signer = "p256.key" if kind == "issued" else key + ".key"
        tag = "%s-%s" % (key, kind)
        # keyUsage BIT STRINGs that are not DER (X.690 11.2.2)
        edit("ku-unused-wrong-" + tag, src, signer, lambda t: with_ext(t, ku_bits(b"\x00\x80")))
        edit("ku-trailing-zero-" + tag, src, signer, lambda t: with_ext(t, ku_bits(b"\x07\x80\x00")))
        edit("ku-no-bits-" + tag, src, signer, lambda t: with_ext(t, ku_bits(b"\x00\x00")))
        edit("ku-ten-bits-" + tag, src, signer, lambda t: with_ext(t, ku_bits(b"\x06\x80\x40")))
        # issuerUniqueID / subjectUniqueID after the key (RFC 5280 4.1.2.8)
        edit("unique-ids-" + tag, src, signer,
             lambda t: t[:7] + [bytes.fromhex("8103000102"), bytes.fromhex("8203000304")] + t[7:])
        edit("subject-uid-" + tag, src, signer,
             lambda t: t[:7] + [bytes.fromhex("8203000304")] + t[7:])
        # an extension twice (openssl keeps one of them)
        edit("duplicate-first-ext-" + tag, src, signer,
             lambda t: with_ext(t, lambda exts: exts + [exts[0]]))
        edit("duplicate-last-ext-" + tag, src, signer,
             lambda t: with_ext(t, lambda exts: exts[:-1] + [exts[-1], exts[-1]]))
        # the outer signatureAlgorithm differs from the TBSCertificate's
        other = ECDSA_SHA384 if signer != "rsa2048.key" else bytes.fromhex(
            "300d06092a864886f70d01010c0500")
        edit("sig-alg-mismatch-" + tag, src, signer, change_alg=lambda a, o=other: o, resign=False)

# RSA AlgorithmIdentifiers without NULL parameters
for kind in ("issued", "self"):
    src = path("good-leaf-rsa2048-%s.pem" % kind)
    signer = "p256.key" if kind == "issued" else "rsa2048.key"

    def spki_noparam(t):
        spki = children(content(t[6]))
        alg = bytes.fromhex("300b06092a864886f70d010101")
        return t[:6] + [enc(0x30, alg + spki[1])] + t[7:]

    edit("rsa-spki-no-null-" + kind, src, signer, spki_noparam)
if True:
    src = path("good-leaf-rsa2048-self.pem")
    edit("rsa-sig-no-null", src, "rsa2048.key",
         lambda t: t[:2] + [RSA_SHA256_NOPARAM] + t[3:], lambda a: RSA_SHA256_NOPARAM)
    src = path("good-leaf-p256-self.pem")
    edit("ecdsa-sig-null", src, "p256.key",
         lambda t: t[:2] + [ECDSA_SHA256_NULL] + t[3:], lambda a: ECDSA_SHA256_NULL)
    for kind in ("p256", "p384", "rsa2048"):
        edit("ecdsa-sig-null-issued-" + kind, path("good-leaf-%s-issued.pem" % kind), "p256.key",
             lambda t: t[:2] + [ECDSA_SHA256_NULL] + t[3:], lambda a: ECDSA_SHA256_NULL)


# RSA public exponents no key generator makes: even, 1, negative, huge
def spki_exponent(e_bytes):
    def f(t):
        spki = children(content(t[6]))
        rsakey = children(content(content(spki[1])[1:]))
        newkey = enc(0x30, rsakey[0] + enc(0x02, e_bytes))
        return t[:6] + [enc(0x30, spki[0] + enc(0x03, b"\x00" + newkey))] + t[7:]
    return f


for label, e in (("even", b"\x01\x00\x00"), ("one", b"\x01"), ("negative", b"\xff\x01"),
                 ("huge", b"\x01" + b"\x00" * 32 + b"\x01"), ("e65535", b"\x00\xff\xff")):
    edit("rsa-exponent-%s" % label, path("good-leaf-rsa2048-issued.pem"), "p256.key",
         spki_exponent(e))

print(count)
