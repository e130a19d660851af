#!/usr/bin/python3
# Generator for certfit's test certificates (fixtures/gen/).
#
# Run it through scripts/gen-fixtures.sh, with Debian's /usr/bin/python3 and
# its python3-cryptography (38.x), and the openssl 3.0 CLI:
#
#   scripts/gen-fixtures.sh            regenerate fixtures/gen/ from the
#                                      committed keys, then check the figures
#                                      in tests/manifest.txt against the files
#   scripts/gen-fixtures.sh check      only check tests/manifest.txt
#   scripts/gen-fixtures.sh manifest   rewrite tests/manifest.txt from the
#                                      case table below (figures computed)
#   scripts/gen-fixtures.sh figures F  print the size figures of fixture F
#
# Reproducibility: keys are fixed (fixtures/gen/keys/, made once with
# `openssl genpkey` when missing, then committed), every date, serial number,
# name and extension is fixed, and ECDSA signatures are re-drawn until both r
# and s have their nominal length (ceil(bits/8) octets, no sign pad), so every
# DER length, and so every figure in the manifest, is the same on every run.
# Only the signature values of ECDSA certificates change from run to run
# (RSA PKCS#1 v1.5 and Ed25519 signatures are deterministic).
#
# Ordinary certificates are made with `openssl req -new` + `openssl ca`
# (explicit -startdate/-enddate). Crafted ones (encodings that openssl will
# not produce) are built here: a small DER encoder writes the TBSCertificate,
# python3-cryptography signs it with the fixed key, and the result is wrapped.

import base64
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519, padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import decode_dss_signature

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
FIXTURES = os.path.join(ROOT, "fixtures")
GEN = os.path.join(FIXTURES, "gen")
KEYS = os.path.join(GEN, "keys")
MANIFEST = os.path.join(ROOT, "tests", "manifest.txt")

NOW = "2026-01-01T00:00:00Z"
START = "20250101000000Z"
END = "20350101000000Z"
ORG = "certfit test fixtures"

# ---------------------------------------------------------------------------
# keys

KEY_SPECS = {
    # name: genpkey arguments
    "rsa1024": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:1024"],
    "rsa2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "rsa4096": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:4096"],
    "p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "p521": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-521"],
    "brainpoolp256r1": ["-algorithm", "EC", "-pkeyopt",
                        "ec_paramgen_curve:brainpoolP256r1"],
    "ed25519": ["-algorithm", "ED25519"],
    "sha1-ca-rsa2048": ["-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048"],
    "sha1-leaf-rsa2048": ["-algorithm", "RSA", "-pkeyopt",
                          "rsa_keygen_bits:2048"],
    "chain-root-p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "chain-int-p384": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384"],
    "chain-leaf-p256": ["-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256"],
    "bigchain-root-rsa4096": ["-algorithm", "RSA", "-pkeyopt",
                              "rsa_keygen_bits:4096"],
    "bigchain-int-rsa4096": ["-algorithm", "RSA", "-pkeyopt",
                             "rsa_keygen_bits:4096"],
    "bigchain-leaf-rsa4096": ["-algorithm", "RSA", "-pkeyopt",
                              "rsa_keygen_bits:4096"],
}
for _i in range(12):
    KEY_SPECS["depth-%02d-p256" % _i] = ["-algorithm", "EC", "-pkeyopt",
                                         "ec_paramgen_curve:P-256"]


def key_path(name):
    return os.path.join(KEYS, name + ".key")


def ensure_keys():
    os.makedirs(KEYS, exist_ok=True)
    for name, args in KEY_SPECS.items():
        p = key_path(name)
        if not os.path.exists(p):
            print("generating key %s (new: commit it)" % name)
            extra = []
            if "EC" in args:
                extra = ["-pkeyopt", "ec_param_enc:named_curve"]
            run(["openssl", "genpkey"] + args + extra + ["-out", p])


_key_cache = {}


def load_key(name):
    if name not in _key_cache:
        with open(key_path(name), "rb") as f:
            _key_cache[name] = serialization.load_pem_private_key(f.read(), None)
    return _key_cache[name]


# ---------------------------------------------------------------------------
# helpers

def run(cmd, **kw):
    r = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, **kw)
    if r.returncode != 0:
        sys.stderr.write("command failed: %s\n%s%s" % (
            " ".join(cmd), r.stdout.decode(errors="replace"),
            r.stderr.decode(errors="replace")))
        raise SystemExit(1)
    return r.stdout


def write(path, data):
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(GEN, path), "wb") as f:
        f.write(data)


def read(path):
    with open(os.path.join(FIXTURES, path), "rb") as f:
        return f.read()


def pem(der, label="CERTIFICATE"):
    b = base64.b64encode(der).decode()
    lines = [b[i:i + 64] for i in range(0, len(b), 64)]
    return ("-----BEGIN %s-----\n" % label + "\n".join(lines) +
            "\n-----END %s-----\n" % label)


def serial_for(name):
    """A fixed, positive, 16-octet serial number derived from a name."""
    h = bytearray(hashlib.sha256(name.encode()).digest()[:16])
    h[0] = (h[0] & 0x3F) | 0x40
    return bytes(h)


# ---------------------------------------------------------------------------
# a small DER encoder

def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def tlv(tag, content, length=None):
    return bytes([tag]) + (length if length is not None else der_len(len(content))) + content


def seq(*items):
    return tlv(0x30, b"".join(items))


def set_of(*items):
    return tlv(0x31, b"".join(sorted(items)))


def integer(v):
    n = (v.bit_length() + 8) // 8 if v >= 0 else ((-v - 1).bit_length() + 8) // 8
    return tlv(0x02, v.to_bytes(max(n, 1), "big", signed=True))


def oid(dotted):
    parts = [int(x) for x in dotted.split(".")]
    out = bytearray([40 * parts[0] + parts[1]])
    for p in parts[2:]:
        enc = [p & 0x7F]
        p >>= 7
        while p:
            enc.append(0x80 | (p & 0x7F))
            p >>= 7
        out += bytes(reversed(enc))
    return tlv(0x06, bytes(out))


def boolean(v):
    return tlv(0x01, b"\xff" if v else b"\x00")


def octets(b):
    return tlv(0x04, b)


def bits(b, unused=0):
    return tlv(0x03, bytes([unused]) + b)


def explicit(n, content):
    return tlv(0xA0 | n, content)


def utctime(s):
    return tlv(0x17, s.encode())


def gentime(s):
    return tlv(0x18, s.encode())


OID_CN, OID_C, OID_O = "2.5.4.3", "2.5.4.6", "2.5.4.10"


def name(cn, c="NO", o=ORG):
    """C (PrintableString), O and CN (UTF8String): the way `openssl req` writes
    them with its utf8only string mask."""
    return seq(set_of(seq(oid(OID_C), tlv(0x13, c.encode()))),
               set_of(seq(oid(OID_O), tlv(0x0C, o.encode()))),
               set_of(seq(oid(OID_CN), tlv(0x0C, cn.encode()))))


SIG_ALG = {
    "ecdsa-with-SHA256": seq(oid("1.2.840.10045.4.3.2")),
    "ecdsa-with-SHA384": seq(oid("1.2.840.10045.4.3.3")),
    "ecdsa-with-SHA512": seq(oid("1.2.840.10045.4.3.4")),
}
SIG_HASH = {
    "ecdsa-with-SHA256": hashes.SHA256,
    "ecdsa-with-SHA384": hashes.SHA384,
    "ecdsa-with-SHA512": hashes.SHA512,
}


def spki_der(keyname):
    return load_key(keyname).public_key().public_bytes(
        serialization.Encoding.DER,
        serialization.PublicFormat.SubjectPublicKeyInfo)


def ca_extensions(spki):
    """basicConstraints critical CA:TRUE, keyUsage critical keyCertSign+cRLSign,
    subjectKeyIdentifier (SHA-1 of the key bits): what openssl's v3_root
    section below writes, in the same order."""
    keybits = parse(spki)[1].content[1:]  # BIT STRING content minus unused-bits
    ski = hashlib.sha1(keybits).digest()
    return explicit(3, seq(
        seq(oid("2.5.29.19"), boolean(True), octets(seq(boolean(True)))),
        seq(oid("2.5.29.15"), boolean(True), octets(bits(b"\x06", 1))),
        seq(oid("2.5.29.14"), octets(octets(ski))),
    ))


def crafted(keyname, cn, alg="ecdsa-with-SHA256", serial_tlv=None,
            not_before=None, not_after=None, tbs_hook=None, cert_hook=None):
    """A self-signed v3 CA certificate built by hand. serial_tlv, not_before,
    not_after are complete DER TLVs; tbs_hook(list_of_fields) may rewrite
    the TBS fields before signing; cert_hook(tbs, alg, sig) may build the
    outer SEQUENCE differently."""
    spki = spki_der(keyname)
    if serial_tlv is None:
        serial_tlv = integer(int.from_bytes(serial_for(cn), "big"))
    if not_before is None:
        not_before = utctime(START[2:])
    if not_after is None:
        not_after = utctime(END[2:])
    fields = [explicit(0, integer(2)), serial_tlv, SIG_ALG[alg], name(cn),
              seq(not_before, not_after), name(cn), spki, ca_extensions(spki)]
    if tbs_hook:
        fields = tbs_hook(fields)
    tbs = seq(*fields)
    key = load_key(keyname)
    while True:
        sig = key.sign(tbs, ec.ECDSA(SIG_HASH[alg]()))
        if ecdsa_sig_nominal(sig, key.curve.key_size):
            break
    if cert_hook:
        return cert_hook(tbs, SIG_ALG[alg], bits(sig))
    return seq(tbs, SIG_ALG[alg], bits(sig))


# ---------------------------------------------------------------------------
# a small DER reader (lenient about minimal lengths: it reads what we craft)

class Tlv:
    def __init__(self, tag, start, hdr, content, end, minimal):
        self.tag, self.start, self.hdr = tag, start, hdr
        self.content, self.end, self.minimal = content, end, minimal

    @property
    def raw_len(self):
        return self.end - self.start


def read_tlv(buf, off):
    start = off
    if off + 2 > len(buf):
        raise ValueError("truncated")
    tag = buf[off]
    off += 1
    first = buf[off]
    off += 1
    minimal = True
    if first < 0x80:
        n = first
    elif first == 0x80:
        raise ValueError("indefinite length")
    else:
        k = first & 0x7F
        if off + k > len(buf):
            raise ValueError("truncated length")
        n = int.from_bytes(buf[off:off + k], "big")
        if n < 0x80 or buf[off] == 0:
            minimal = False
        off += k
    if off + n > len(buf):
        raise ValueError("truncated content")
    return Tlv(tag, start, off - start, buf[off:off + n], off + n, minimal)


def parse(buf):
    """The children of one constructed TLV (whole buffer = one TLV)."""
    t = read_tlv(buf, 0)
    out, off = [], 0
    while off < len(t.content):
        c = read_tlv(t.content, off)
        out.append(c)
        off = c.end
    return out


def cert_parts(der):
    """(tbs_raw, sigalg_raw, signature_bytes)."""
    outer = read_tlv(der, 0)
    c = outer.content
    tbs = read_tlv(c, 0)
    alg = read_tlv(c, tbs.end)
    sig = read_tlv(c, alg.end)
    return c[tbs.start:tbs.end], c[alg.start:alg.end], sig.content[1:]


def ecdsa_sig_nominal(sig, curve_bits):
    n = (curve_bits + 7) // 8
    r, s = decode_dss_signature(sig)
    for v in (r, s):
        if (v.bit_length() + 7) // 8 != n or v.bit_length() == 8 * n:
            return False
    return True


def cert_sig_nominal(der):
    """True unless the certificate carries an ECDSA signature whose r or s is
    not of nominal length (then the DER length would vary)."""
    _, alg, sig = cert_parts(der)
    if b"\x2a\x86\x48\xce\x3d\x04\x03" not in alg:  # ecdsa-with-SHA*
        return True
    r, s = decode_dss_signature(sig)
    # the signer's size is not in the certificate; guess it from r/s sizes
    n = max((r.bit_length() + 7) // 8, (s.bit_length() + 7) // 8)
    for size in (32, 48, 66):
        if n <= size:
            n = size
            break
    bits_ = {32: 256, 48: 384, 66: 521}[n]
    return ecdsa_sig_nominal(sig, bits_)


# ---------------------------------------------------------------------------
# openssl: ordinary certificates

CA_CNF = """\
[ ca ]
default_ca = CA_default
[ CA_default ]
dir = {dir}
database = $dir/index.txt
new_certs_dir = $dir/new
serial = $dir/serial
policy = policy_any
unique_subject = no
email_in_dn = no
copy_extensions = none
default_md = sha256
[ policy_any ]
commonName = optional
[ req ]
distinguished_name = req_dn
string_mask = utf8only
prompt = no
[ req_dn ]
CN = unused
"""

EXT = {
    "root": """\
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
""",
    "int": """\
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
""",
    "int-nobc": """\
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
""",
    "ca-nobc": """\
subjectKeyIdentifier = hash
""",
    "leaf": """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
""",
    "leaf-rsa": """\
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth, clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
""",
    # minimal: openssl 3.0 adds SKI/AKI by default unless told "none"
    "min-ca": "basicConstraints = critical, CA:TRUE\n"
              "subjectKeyIdentifier = none\nauthorityKeyIdentifier = none\n",
    "min-leaf": "basicConstraints = CA:FALSE\n"
                "subjectKeyIdentifier = none\nauthorityKeyIdentifier = none\n",
}


def ossl_cert(keyname, subj, ext, md="sha256", issuer=None, start=START,
              end=END, san=None, serial_name=None):
    """Make a certificate with `openssl ca`. issuer = (cert_der, keyname) or
    None for self-signed. Returns DER."""
    ext_text = EXT[ext]
    if san:
        ext_text += "subjectAltName = " + ", ".join(san) + "\n"
    serial = serial_for(serial_name or subj)
    for attempt in range(200):
        d = tempfile.mkdtemp(prefix="certfit-gen-")
        try:
            with open(os.path.join(d, "ca.cnf"), "w") as f:
                f.write(CA_CNF.format(dir=d))
            with open(os.path.join(d, "ext.cnf"), "w") as f:
                f.write("[ ext ]\n" + ext_text)
            os.mkdir(os.path.join(d, "new"))
            open(os.path.join(d, "index.txt"), "w").close()
            with open(os.path.join(d, "serial"), "w") as f:
                f.write(serial.hex() + "\n")
            cnf = os.path.join(d, "ca.cnf")
            run(["openssl", "req", "-config", cnf, "-new", "-key",
                 key_path(keyname), "-subj", subj, "-out",
                 os.path.join(d, "req.csr")])
            cmd = ["openssl", "ca", "-config", cnf, "-batch", "-notext",
                   "-preserveDN", "-in", os.path.join(d, "req.csr"),
                   "-out", os.path.join(d, "out.pem"), "-md", md,
                   "-startdate", start, "-enddate", end,
                   "-extfile", os.path.join(d, "ext.cnf"), "-extensions", "ext"]
            if issuer is None:
                cmd += ["-selfsign", "-keyfile", key_path(keyname)]
            else:
                with open(os.path.join(d, "issuer.pem"), "w") as f:
                    f.write(pem(issuer[0]))
                cmd += ["-cert", os.path.join(d, "issuer.pem"),
                        "-keyfile", key_path(issuer[1])]
            run(cmd)
            der = run(["openssl", "x509", "-in", os.path.join(d, "out.pem"),
                       "-outform", "DER"])
        finally:
            shutil.rmtree(d)
        if cert_sig_nominal(der):
            return der
    raise SystemExit("could not get a nominal-length ECDSA signature")


def verify_with(der, keyname):
    """Does the certificate's signature verify with the public key of keyname?"""
    tbs, alg, sig = cert_parts(der)
    pub = load_key(keyname).public_key()
    algs = {
        bytes(SIG_ALG["ecdsa-with-SHA256"]): hashes.SHA256,
        bytes(SIG_ALG["ecdsa-with-SHA384"]): hashes.SHA384,
        bytes(SIG_ALG["ecdsa-with-SHA512"]): hashes.SHA512,
    }
    try:
        if isinstance(pub, ec.EllipticCurvePublicKey):
            pub.verify(sig, tbs, ec.ECDSA(algs[alg]()))
        elif isinstance(pub, rsa.RSAPublicKey):
            h = {"1.2.840.113549.1.1.5": hashes.SHA1,
                 "1.2.840.113549.1.1.11": hashes.SHA256}
            o = [k for k in h if bytes(oid(k)) in alg][0]
            pub.verify(sig, tbs, padding.PKCS1v15(), h[o]())
        elif isinstance(pub, ed25519.Ed25519PublicKey):
            pub.verify(sig, tbs)
        else:
            raise SystemExit("cannot verify with %s" % keyname)
        return True
    except Exception as e:  # InvalidSignature
        if type(e).__name__ == "InvalidSignature":
            return False
        raise


# ---------------------------------------------------------------------------
# the cases

README_ROWS = []   # (file, how, what)


def row(file, how, what):
    README_ROWS.append((file, how, what))


def subj(cn, extra=""):
    return "/C=NO/O=%s%s/CN=%s" % (ORG, extra, cn)


def generate():
    ensure_keys()
    for f in os.listdir(GEN):
        p = os.path.join(GEN, f)
        if os.path.isfile(p) and f != "README.md":
            os.remove(p)
    README_ROWS.clear()
    out = {}

    def save(fname, der_or_text, how, what):
        if isinstance(der_or_text, (bytes, bytearray)) and fname.endswith(".pem"):
            data = pem(bytes(der_or_text))
        else:
            data = der_or_text
        write(fname, data)
        row(fname, how, what)

    # --- keys ------------------------------------------------------------
    key_cases = [
        ("key-rsa1024.pem", "rsa1024", "sha256", "RSA 1024 self-signed, sha256WithRSAEncryption: rsa-key-size fires"),
        ("key-rsa2048.pem", "rsa2048", "sha256", "RSA 2048 self-signed, sha256WithRSAEncryption: clean under nrf91"),
        ("key-rsa4096.pem", "rsa4096", "sha256", "RSA 4096 self-signed, sha256WithRSAEncryption: clean under nrf91"),
        ("key-p256.pem", "p256", "sha256", "EC P-256 self-signed, ecdsa-with-SHA256: clean under nrf91; key-algorithm under nrf91-p384-selfsigned"),
        ("key-p384.pem", "p384", "sha384", "EC P-384 self-signed, ecdsa-with-SHA384 (10 years): clean under nrf91; lifetime-min under nrf91-p384-selfsigned"),
        ("key-p521.pem", "p521", "sha512", "EC P-521 self-signed, ecdsa-with-SHA512: key-algorithm (nrf91), quiet under generic"),
        ("key-brainpoolp256r1.pem", "brainpoolp256r1", "sha256", "EC brainpoolP256r1 self-signed, ecdsa-with-SHA256: key-algorithm"),
        ("key-ed25519.pem", "ed25519", "default", "Ed25519 self-signed (ED25519): key-algorithm"),
    ]
    for fname, k, md, what in key_cases:
        der = ossl_cert(k, subj("certfit " + fname[:-4]), "root", md=md)
        assert verify_with(der, k)
        out[fname] = der
        save(fname, der, "openssl ca -selfsign -md %s, key keys/%s.key" % (md, k), what)

    # --- signatures ------------------------------------------------------
    sha1ca = ossl_cert("sha1-ca-rsa2048", subj("certfit SHA-1 test CA"), "root")
    save("sig-sha1-ca.pem", sha1ca, "openssl ca -selfsign -md sha256 (RSA 2048)",
         "the RSA-2048 CA that signs sig-sha1-leaf.pem (sha256WithRSAEncryption itself)")
    sha1leaf = ossl_cert("sha1-leaf-rsa2048", subj("sha1.example.com"), "leaf-rsa",
                         md="sha1", issuer=(sha1ca, "sha1-ca-rsa2048"),
                         san=["DNS:sha1.example.com"])
    assert verify_with(sha1leaf, "sha1-ca-rsa2048")
    save("sig-sha1-leaf.pem", sha1leaf, "openssl ca -md sha1, signed by sig-sha1-ca.pem",
         "RSA-2048 leaf signed with sha1WithRSAEncryption by a CA: signature-algorithm (error: not self-signed)")
    save("sig-sha1-chain.pem", pem(sha1leaf) + pem(sha1ca), "cat sig-sha1-leaf.pem sig-sha1-ca.pem",
         "served chain: SHA-1 leaf + its (self-signed) CA: signature-algorithm@0, root-in-chain, chain order correct")
    sha1root = ossl_cert("rsa2048", subj("certfit SHA-1 self-signed root"), "root", md="sha1")
    assert verify_with(sha1root, "rsa2048")
    save("sig-sha1-root.pem", sha1root, "openssl ca -selfsign -md sha1 (RSA 2048, keys/rsa2048.key)",
         "self-signed root signed with sha1WithRSAEncryption: signature-algorithm only as a notice")
    p384sha256 = ossl_cert("p384", subj("certfit P-384 signed with SHA-256"), "root", md="sha256")
    save("sig-p384-sha256.pem", p384sha256, "openssl ca -selfsign -md sha256 (P-384)",
         "P-384 self-signed with ecdsa-with-SHA256 (like the 2024-10 RootCA): signature-hash-strength")

    # --- time ------------------------------------------------------------
    d = ossl_cert("p256", subj("certfit expired"), "root", start="20240601000000Z",
                  end="20250601000000Z")
    save("time-expired.pem", d, "openssl ca -selfsign, 2024-06-01 .. 2025-06-01 (P-256)",
         "expired at 2026-01-01")
    d = ossl_cert("p256", subj("certfit not yet valid"), "root", start="20270101000000Z",
                  end="20370101000000Z")
    save("time-not-yet-valid.pem", d, "openssl ca -selfsign, 2027-01-01 .. 2037-01-01 (P-256)",
         "not yet valid at 2026-01-01")
    d = ossl_cert("p256", subj("certfit expires soon"), "root", start="20250115000000Z",
                  end="20260115000000Z")
    save("time-expires-soon.pem", d, "openssl ca -selfsign, 2025-01-15 .. 2026-01-15 (P-256)",
         "expires 14 days after 2026-01-01: expires-soon (30-day window)")
    d = ossl_cert("p384", subj("certfit 30 years P-384"), "root", md="sha384",
                  end="20550101000000Z")
    save("time-30y-p384.pem", d, "openssl ca -selfsign -md sha384, 2025-01-01 .. 2055-01-01 (P-384); openssl writes notAfter as GeneralizedTime",
         "what the vendor asked for: P-384, SHA-384, self-signed, exactly 30 years: passes nrf91-p384-selfsigned; correct GeneralizedTime for 2055")
    d = ossl_cert("p384", subj("certfit 29 years P-384"), "root", md="sha384",
                  end="20540101000000Z")
    save("time-29y-p384.pem", d, "openssl ca -selfsign -md sha384, 2025-01-01 .. 2054-01-01 (P-384)",
         "29 years: lifetime-min under nrf91-p384-selfsigned")
    d = crafted("p384", "certfit GeneralizedTime 2035", alg="ecdsa-with-SHA384",
                not_after=gentime("20350101000000Z"))
    save("time-gentime-2035.pem", d, "crafted (python DER), P-384, ecdsa-with-SHA384",
         "notAfter 2035 written as GeneralizedTime 20350101000000Z (must be UTCTime before 2050): time-encoding")
    d = crafted("p384", "certfit UTCTime 2055 meant", alg="ecdsa-with-SHA384",
                not_after=utctime("550101000000Z"))
    save("time-utctime-1955.pem", d, "crafted (python DER), P-384, ecdsa-with-SHA384",
         "notAfter UTCTime 550101000000Z where 2055 was meant: decodes as 1955, so expired (and before notBefore)")
    d = crafted("p256", "certfit UTCTime without seconds",
                not_after=utctime("3501010000Z"))
    save("time-utctime-noseconds.pem", d, "crafted (python DER), P-256, ecdsa-with-SHA256",
         "notAfter UTCTime 3501010000Z (no seconds; RFC 5280 requires YYMMDDHHMMSSZ): time-encoding")

    # --- trust -----------------------------------------------------------
    good = ossl_cert("p384", subj("certfit broken self-signature"), "root", md="sha384")
    bad = bytearray(good)
    bad[-1] ^= 0x01          # last octet of s in the ECDSA signature
    assert issuer_eq_subject(bytes(bad)) and not verify_with(bytes(bad), "p384")
    save("trust-selfsigned-badsig.pem", bytes(bad),
         "openssl ca -selfsign -md sha384 (P-384), then the last octet of the signature XOR 0x01 (python)",
         "issuer == subject but the signature does not verify: self-signed-signature; self-signed under nrf91-p384-selfsigned")
    d = ossl_cert("p256", subj("certfit CA without basicConstraints"), "ca-nobc")
    save("trust-ca-no-bc.pem", d, "openssl ca -selfsign, extensions: subjectKeyIdentifier only (P-256)",
         "self-signed anchor without basicConstraints CA:TRUE: ca-basic-constraints (role ca)")

    root = ossl_cert("chain-root-p384", subj("certfit Test Root P-384"), "root", md="sha384")
    inter = ossl_cert("chain-int-p384", subj("certfit Test Intermediate P-384"), "int",
                      md="sha384", issuer=(root, "chain-root-p384"))
    leaf = ossl_cert("chain-leaf-p256", subj("broker.example.com"), "leaf", md="sha384",
                     issuer=(inter, "chain-int-p384"),
                     san=["DNS:broker.example.com", "DNS:*.iot.example.com"])
    assert verify_with(root, "chain-root-p384")
    assert verify_with(inter, "chain-root-p384")
    assert verify_with(leaf, "chain-int-p384")
    out.update({"root": root, "inter": inter, "leaf": leaf})
    save("chain-root-p384.pem", root, "openssl ca -selfsign -md sha384 (P-384)",
         "the test root: self-signed P-384, ecdsa-with-SHA384, CA:TRUE, 2025..2035: clean under nrf91 (role ca)")
    save("chain-int-p384.pem", inter, "openssl ca -md sha384, signed by chain-root-p384.pem",
         "the intermediate (P-384, CA:TRUE)")
    save("chain-leaf-p256.pem", leaf, "openssl ca -md sha384, signed by chain-int-p384.pem",
         "the leaf: P-256, SAN DNS:broker.example.com, DNS:*.iot.example.com (for --host tests)")
    save("chain-full.pem", pem(leaf) + pem(inter) + pem(root), "cat leaf intermediate root",
         "leaf + intermediate + root in order: served with its root (root-in-chain); as a CA credential, ca-slot-bundle")
    save("chain-served.pem", pem(leaf) + pem(inter), "cat leaf intermediate",
         "leaf + intermediate, no root: what a server should send; clean in role server")
    save("chain-out-of-order.pem", pem(inter) + pem(leaf) + pem(root), "cat intermediate leaf root",
         "the same chain out of order: chain-order at index 0 and 1")
    save("chain-duplicate.pem", pem(leaf) + pem(inter) + pem(root) + pem(root),
         "cat leaf intermediate root root",
         "the root twice: chain-duplicate (order stays valid: the root issues itself)")
    inter_nobc = ossl_cert("chain-int-p384", subj("certfit Test Intermediate without basicConstraints"),
                           "int-nobc", md="sha384", issuer=(root, "chain-root-p384"))
    leaf_nobc = ossl_cert("chain-leaf-p256", subj("nobc.example.com"), "leaf", md="sha384",
                          issuer=(inter_nobc, "chain-int-p384"), san=["DNS:nobc.example.com"])
    save("chain-int-no-bc.pem", pem(leaf_nobc) + pem(inter_nobc),
         "openssl ca: intermediate without basicConstraints (signed by the test root), leaf signed by it; cat leaf intermediate",
         "served chain whose issuing intermediate (index 1) lacks CA:TRUE: ca-basic-constraints@1")

    # chain depth: root, 10 intermediates, leaf (minimal P-256 certificates)
    certs = [ossl_cert("depth-00-p256", "/CN=depth root", "min-ca")]
    for i in range(1, 11):
        certs.append(ossl_cert("depth-%02d-p256" % i, "/CN=depth int%02d" % i,
                               "min-ca", issuer=(certs[-1], "depth-%02d-p256" % (i - 1))))
    certs.append(ossl_cert("depth-11-p256", "/CN=depth.example.com", "min-leaf",
                           issuer=(certs[-1], "depth-10-p256")))
    served = list(reversed(certs))  # leaf, int10 .. int01, root
    save("depth-root.pem", certs[0], "openssl ca -selfsign (P-256, minimal extensions)",
         "root of the depth chains")
    save("depth-11.pem", "".join(pem(c) for c in served[:11]),
         "openssl ca, 12 minimal P-256 certificates; cat leaf int10 .. int01",
         "served chain of 11 certificates (root not included): chain-depth (limit 10)")
    save("depth-10.pem", "".join(pem(c) for c in served[:10]),
         "cat leaf int10 .. int02", "served chain of 10 certificates: chain-depth quiet")

    # --- sizes -----------------------------------------------------------
    bsub = lambda cn: "/C=NO/ST=Trondelag/L=Trondheim/O=%s/OU=certfit oversized RSA-4096 chain/CN=%s" % (ORG, cn)
    broot = ossl_cert("bigchain-root-rsa4096", bsub("certfit Big Root RSA-4096"), "root")
    bint = ossl_cert("bigchain-int-rsa4096", bsub("certfit Big Intermediate RSA-4096"), "int",
                     issuer=(broot, "bigchain-root-rsa4096"))
    bleaf = ossl_cert("bigchain-leaf-rsa4096", bsub("localhost"), "leaf-rsa",
                      issuer=(bint, "bigchain-int-rsa4096"),
                      san=["DNS:localhost", "IP:127.0.0.1"])
    assert verify_with(bint, "bigchain-root-rsa4096") and verify_with(bleaf, "bigchain-int-rsa4096")
    tls12 = 7 + sum(3 + len(c) for c in (bleaf, bint, broot))
    assert tls12 > 4096, tls12
    save("bigchain-root.pem", broot, "openssl ca -selfsign (RSA 4096)", "root of the big chain (CA file for Mosquitto)")
    save("bigchain-int.pem", bint, "openssl ca, signed by bigchain-root.pem (RSA 4096)", "intermediate of the big chain")
    save("bigchain-leaf.pem", bleaf, "openssl ca, signed by bigchain-int.pem (RSA 4096)",
         "leaf CN=localhost, SAN DNS:localhost, IP:127.0.0.1; key keys/bigchain-leaf-rsa4096.key")
    save("bigchain-full.pem", pem(bleaf) + pem(bint) + pem(broot), "cat leaf intermediate root",
         "TLS 1.2 Certificate message of %d bytes > 4096: chain-size (role server); credential-size (role ca)" % tls12)
    save("bigchain-server.pem", pem(bleaf) + pem(bint), "cat leaf intermediate",
         "what Mosquitto serves (certfile; keyfile keys/bigchain-leaf-rsa4096.key, cafile bigchain-root.pem): under 4096")

    # size-headroom: one CA certificate of 3687..4000 bytes of PEM (readback
    # stays under 4096 too); size-readback: 4001..4096 (readback over 4096).
    for fname, n, lo, hi, what in (
            ("size-headroom.pem", HEADROOM_SANS, 3687, 4000,
             "single CA certificate with many SAN entries, within 10% of the 4096-byte credential limit: size-headroom; credential-readback quiet"),
            ("size-readback.pem", READBACK_SANS, 4001, 4096,
             "single CA certificate whose PEM fits 4096 but whose AT%CMNG read-back response (PEM + 96) does not: credential-readback")):
        san = ["DNS:device%03d.sensors.example.com" % i for i in range(n)]
        d = ossl_cert("p256", subj("certfit " + fname[:-4]), "root", san=san)
        size = len(pem(d))
        assert lo <= size <= hi, (fname, size)
        save(fname, d, "openssl ca -selfsign (P-256) with %d SAN dNSNames" % n,
             what + " (%d bytes of PEM)" % size)
        out[fname] = d

    # --- encoding / hygiene ------------------------------------------------
    def long_serial(fields):
        s = read_tlv(fields[1], 0)
        fields[1] = tlv(0x02, s.content, length=b"\x81" + bytes([len(s.content)]))
        return fields
    d = crafted("p256", "certfit non-minimal length", tbs_hook=long_serial)
    save("der-nonminimal-length.pem", d, "crafted (python DER): serial length written 0x81 0x10 instead of 0x10, then signed",
         "non-minimal DER length inside the TBS (signature valid): der-strict")
    d = crafted("p256", "certfit trailing bytes inside",
                cert_hook=lambda tbs, alg, sig: seq(tbs, alg, sig, b"\x05\x00"))
    save("der-trailing-inside.pem", d, "crafted (python DER): 05 00 appended inside the outer SEQUENCE after the signature, length fixed up",
         "bytes after the signature inside the certificate: der-strict (not trailing-data)")
    save("der-two-certs.der", leaf + inter, "cat chain-leaf-p256 chain-int-p384 as DER",
         "a DER chain of two certificates: certs=2, no trailing-data")
    save("der-trailing-junk.der", root + b"JNK", "chain-root-p384 as DER + the 3 bytes 4A 4E 4B",
         "3 junk bytes after a DER certificate: trailing-data")
    save("pem-crlf.pem", pem(root).replace("\n", "\r\n"), "chain-root-p384.pem with CRLF line ends",
         "CRLF in a modem credential: pem-line-endings (role ca)")
    save("pem-label-x509.pem", pem(root).replace("CERTIFICATE-----", "X509 CERTIFICATE-----"),
         "chain-root-p384.pem with the label X509 CERTIFICATE",
         "a label Mbed TLS does not read: pem-label")
    text = run(["openssl", "x509", "-text"], input=pem(root).encode()).decode()
    assert text.index("Subject:") < text.index("-----BEGIN CERTIFICATE-----")
    save("pem-stray-text.pem", text, "openssl x509 -text < chain-root-p384.pem",
         "`openssl x509 -text` output (Certificate:, Subject: ... lines) before the BEGIN line: pem-stray-text (role ca)")
    p256cert = out["key-p256.pem"]
    k = load_key("p256")
    pkcs8 = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    sec1 = k.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.TraditionalOpenSSL,
                           serialization.NoEncryption()).decode()
    pub = k.public_key().public_bytes(serialization.Encoding.PEM,
                                      serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    assert "BEGIN EC PRIVATE KEY" in sec1 and "BEGIN PRIVATE KEY" in pkcs8
    save("pem-privkey-pkcs8.pem", pem(p256cert) + pkcs8, "key-p256.pem + keys/p256.key (PKCS#8)",
         "certificate followed by a -----BEGIN PRIVATE KEY----- block: private-key-present")
    save("pem-privkey-ec.pem", pem(p256cert) + sec1, "key-p256.pem + keys/p256.key as SEC1 (python)",
         "certificate followed by a -----BEGIN EC PRIVATE KEY----- block: private-key-present")
    save("pem-pubkey.pem", pem(p256cert) + pub, "key-p256.pem + its public key (SubjectPublicKeyInfo)",
         "certificate followed by a -----BEGIN PUBLIC KEY----- block: non-certificate-block (notice)")

    for fname, cn, serial_tlv, what in (
            ("serial-negative.pem", "certfit negative serial",
             tlv(0x02, b"\x8f" + serial_for("neg")[1:]), "16-octet serial with the top bit set (negative): serial-number"),
            ("serial-zero.pem", "certfit zero serial", tlv(0x02, b"\x00"), "serial number 0: serial-number"),
            ("serial-21-octets.pem", "certfit 21-octet serial",
             tlv(0x02, b"\x01" + serial_for("long") + serial_for("long2")[:4]),
             "21-octet positive serial (limit 20): serial-number"),
            ("serial-16-octets.pem", "certfit 16-octet serial",
             tlv(0x02, serial_for("ok")), "16-octet positive serial: serial-number quiet")):
        d = crafted("p256", cn, serial_tlv=serial_tlv)
        save(fname, d, "crafted (python DER), P-256, ecdsa-with-SHA256", what)

    # --- C headers ---------------------------------------------------------
    def c_lines(p, cont):
        lines = p.splitlines(keepends=True)
        return "".join('"%s\\n"%s\n' % (l.rstrip("\n"), " \\" if (cont and i < len(lines) - 1) else "")
                       for i, l in enumerate(lines))
    hdr = ("/* certfit test fixture, generated by scripts/gen_fixtures.py: two\n"
           " * credentials in one header, the way firmware embeds them. */\n"
           "#ifndef CERTFIT_TEST_CREDENTIALS_H\n"
           "#define CERTFIT_TEST_CREDENTIALS_H\n\n"
           "/* CA credential: the P-384 test root (chain-root-p384.pem). */\n"
           "#define ROOT_CA \\\n" + c_lines(pem(root), True) + "\n"
           "/* The client certificate follows: the P-256 leaf (chain-leaf-p256.pem). */\n"
           "/* \"fake\" */\n"
           "static const char client_cert[] =\n" + c_lines(pem(leaf), False).rstrip("\n") + ";\n\n"
           "#endif /* CERTFIT_TEST_CREDENTIALS_H */\n")
    save("cheader-two-creds.h", hdr, "python: chain-root-p384.pem and chain-leaf-p256.pem as C literals",
         "C header: `#define ROOT_CA \"...\\n\" \\` lines (continuations) and `static const char client_cert[] = \"...\";`, comments between, one with quotes: two items")
    hdr1 = ("/* certfit test fixture: one CA credential as a C macro. */\n"
            "#define ROOT_CA \\\n" + c_lines(pem(root), True))
    save("cheader-root.h", hdr1, "python: chain-root-p384.pem as a C macro",
         "C header with one credential (the P-384 root): credential_bytes = the literal's content")

    write_readme()
    print("fixtures/gen: %d files" % len(README_ROWS))


HEADROOM_SANS = 75
READBACK_SANS = 79


def issuer_eq_subject(der):
    tbs = read_tlv(der, 0).content
    t = read_tlv(tbs, 0)
    f, off = [], 0
    while off < len(t.content):
        c = read_tlv(t.content, off)
        f.append(t.content[c.start:c.end])
        off = c.end
    return f[3] == f[5]


def write_readme():
    lines = [
        "# Generated test certificates",
        "",
        "Everything in this folder is made by `scripts/gen-fixtures.sh` (which runs",
        "`scripts/gen_fixtures.py` with Debian's `/usr/bin/python3`, its",
        "python3-cryptography and the `openssl` 3.0 CLI) from the fixed test keys in",
        "`keys/` (TEST KEYS, NEVER USE: see keys/README.md). Do not edit these files",
        "by hand: change the generator and run it again.",
        "",
        "Dates, serial numbers, names and extensions are fixed; ECDSA signatures are",
        "random, so a new run changes only signature values (the generator redraws an",
        "ECDSA signature until r and s have their nominal length, so DER sizes, and",
        "the figures in `tests/manifest.txt`, stay the same). Unless a row says",
        "otherwise, validity is 2025-01-01 .. 2035-01-01, certificates are self-signed",
        "CAs (basicConstraints critical CA:TRUE), PEM with LF. \"crafted\" = the",
        "TBSCertificate is built byte by byte in python and signed with the fixed key",
        "(encodings openssl will not write). Expected findings per profile/role: see",
        "`tests/manifest.txt`.",
        "",
        "| file | how made | what it tests |",
        "| --- | --- | --- |",
    ]
    for f, how, what in README_ROWS:
        lines.append("| %s | %s | %s |" % (f, how.replace("|", "\\|"), what.replace("|", "\\|")))
    lines += [
        "",
        "Mosquitto with the big chain: `cafile bigchain-root.pem`, `certfile",
        "bigchain-server.pem`, `keyfile keys/bigchain-leaf-rsa4096.key` (the",
        "intermediate's key is `keys/bigchain-int-rsa4096.key`).",
        "",
    ]
    with open(os.path.join(GEN, "README.md"), "w") as f:
        f.write("\n".join(lines))


# ---------------------------------------------------------------------------
# figures (docs/design.md section 3)

def c_items(text):
    """Minimal C lexer for our fixtures: {identifier: literal content} for
    `#define NAME "..." ...` and `char NAME[] = "..." ...;` (comments,
    line continuations, adjacent literals, simple escapes)."""
    toks, i, n = [], 0, len(text)
    while i < n:
        ch = text[i]
        if text.startswith("/*", i):
            i = text.index("*/", i + 2) + 2
        elif text.startswith("//", i):
            i = text.find("\n", i)
            i = n if i < 0 else i
        elif text.startswith("\\\n", i):
            i += 2
        elif ch == "\n":
            toks.append(("nl", None))
            i += 1
        elif ch.isspace():
            i += 1
        elif ch == '"':
            j, buf = i + 1, bytearray()
            while text[j] != '"':
                if text[j] == "\\":
                    e = text[j + 1]
                    if e in "01234567":
                        k = j + 1
                        while k < j + 4 and text[k] in "01234567":
                            k += 1
                        buf.append(int(text[j + 1:k], 8) & 0xFF)
                        j = k
                        continue
                    if e == "x":
                        k = j + 2
                        while k < n and text[k] in "0123456789abcdefABCDEF":
                            k += 1
                        buf.append(int(text[j + 2:k], 16) & 0xFF)
                        j = k
                        continue
                    buf += {"n": b"\n", "r": b"\r", "t": b"\t", '"': b'"',
                            "\\": b"\\", "'": b"'", "?": b"?"}[e]
                    j += 2
                else:
                    buf += text[j].encode()
                    j += 1
            toks.append(("str", bytes(buf)))
            i = j + 1
        elif ch.isalnum() or ch in "_#":
            j = i + 1
            while j < n and (text[j].isalnum() or text[j] == "_"):
                j += 1
            toks.append(("id", text[i:j]))
            i = j
        else:
            toks.append(("p", ch))
            i += 1
    items, k = {}, 0
    while k < len(toks):
        t = toks[k]
        if t == ("id", "#define") and k + 1 < len(toks):
            nm, k, buf = toks[k + 1][1], k + 2, b""
            while k < len(toks) and toks[k][0] != "nl":
                if toks[k][0] == "str":
                    buf += toks[k][1]
                k += 1
            if buf:
                items[nm] = buf
        elif t == ("p", "=") and k >= 3 and toks[k - 1] == ("p", "]") \
                and toks[k - 2] == ("p", "[") and toks[k - 3][0] == "id":
            nm, k, buf = toks[k - 3][1], k + 1, b""
            while k < len(toks) and toks[k] != ("p", ";"):
                if toks[k][0] == "str":
                    buf += toks[k][1]
                k += 1
            items[nm] = buf
        else:
            k += 1
    return items


def split_pem_certs(data):
    out = []
    for m in re.finditer(rb"-----BEGIN CERTIFICATE-----(.*?)-----END CERTIFICATE-----", data, re.S):
        out.append(base64.b64decode(re.sub(rb"\s", b"", m.group(1))))
    return out


def split_der(data):
    out, off = [], 0
    while off < len(data):
        try:
            t = read_tlv(data, off)
        except ValueError:
            break
        if t.tag != 0x30:
            break
        out.append(data[off:t.end])
        off = t.end
    return out


def figures_of(ders, credential_bytes, sec_tag=2147483647):
    pem_canon = 0
    for d in ders:
        b = 4 * ((len(d) + 2) // 3)
        pem_canon += 28 + b + (b + 63) // 64 + 26
    f = {
        "certs": len(ders),
        "der_total": sum(len(d) for d in ders),
        "pem_canonical": pem_canon,
        "tls12_certificate_message": 7 + sum(3 + len(d) for d in ders),
        "tls13_certificate_message": 8 + sum(5 + len(d) for d in ders),
    }
    if credential_bytes is not None:
        f["credential_bytes"] = credential_bytes
        f["cmng_read_response"] = (7 + len(str(sec_tag)) + 1 + 1 + 2 + 64 + 3 +
                                   credential_bytes + 7 + 1)
    return f


def file_figures(rel):
    """Figures of a fixture file holding one item. credential_bytes is given
    only where it is unambiguous."""
    data = read(rel)
    if rel.endswith(".h"):
        items = c_items(data.decode())
        if len(items) != 1:
            raise ValueError("%s: %d items" % (rel, len(items)))
        content = list(items.values())[0]
        return figures_of(split_pem_certs(content), len(content))
    if b"-----BEGIN" in data:
        ders = split_pem_certs(data)
        canon = "".join(pem(d) for d in ders).encode()
        if data == canon or data.replace(b"\r\n", b"\n") == canon:
            return figures_of(ders, len(data))
        return figures_of(ders, None)
    ders = split_der(data)
    if b"".join(ders) == data:
        return figures_of(ders, len("".join(pem(d) for d in ders)))
    return figures_of(ders, None)


FIG_ORDER = ["certs", "der_total", "pem_canonical", "credential_bytes",
             "cmng_read_response", "tls12_certificate_message",
             "tls13_certificate_message"]


# ---------------------------------------------------------------------------
# the manifest: (file, profile, role, now, expectations). Figures are added
# by `manifest` (all that file_figures gives) and compared by `check`.

C = "2026-01-01T00:00:00Z"
CASES = [
    "# --- real fixtures (fixtures/real/, as published) ---",
    ("real/academy-mqtt-2024-06-bundle.pem", "nrf91", "ca", C,
     "+credential-size +credential-readback +ca-slot-bundle +expired@0 +expired@1 -chain-order -pem-line-endings -pem-stray-text -der-strict -key-algorithm -rsa-key-size"),
    ("real/academy-mqtt-2024-06-bundle.pem", "nrf91", "ca", "2024-06-01T00:00:00Z",
     "+credential-size +credential-readback +ca-slot-bundle -expired -not-yet-valid"),
    "# the same bundle sent by a server: 3789 bytes, under the 4096 limit (but within 10%)",
    ("real/academy-mqtt-2024-06-bundle.pem", "nrf91", "server", C,
     "+size-headroom +root-in-chain +expired@0 +expired@1 -chain-size -chain-order -credential-size -credential-readback -ca-slot-bundle"),
    ("real/academy-mqtt-2024-06-bundle.pem", "generic", "ca", C,
     "+expired@0 -credential-size -credential-readback -chain-size -size-headroom"),
    ("real/academy-mqtt-2024-06-certificate.h", "nrf91", "ca", C,
     "+credential-size +credential-readback +ca-slot-bundle +expired@0 -pem-stray-text -der-strict"),
    ("real/academy-mqtt-2024-10-rootca.pem", "nrf91", "ca", C,
     "+signature-hash-strength -lifetime-min -self-signed -self-signed-signature -key-algorithm -expired -expires-soon -credential-size -credential-readback -size-headroom -ca-slot-bundle -ca-basic-constraints -signature-algorithm -time-encoding -der-strict -serial-number"),
    ("real/academy-mqtt-2024-10-rootca.pem", "nrf91-p384-selfsigned", "ca", C,
     "+lifetime-min +signature-hash-strength -self-signed -key-algorithm -expired"),
    ("real/academy-mqtt-2024-10-certificate.h", "nrf91", "ca", C,
     "+signature-hash-strength -lifetime-min -credential-size -pem-stray-text -der-strict"),
    ("real/academy-mqtt-2024-10-certificate.h", "nrf91-p384-selfsigned", "ca", C,
     "+lifetime-min +signature-hash-strength -self-signed"),
    ("real/test-mosquitto-org-ca.pem", "nrf91", "ca", C,
     "-rsa-key-size -key-algorithm -signature-algorithm -expired -ca-basic-constraints -serial-number -credential-size"),
    ("real/letsencrypt/isrgrootx1.pem", "nrf91", "ca", C,
     "-rsa-key-size -key-algorithm -signature-algorithm -expired -self-signed-signature -ca-basic-constraints -credential-size"),
    ("real/letsencrypt/isrg-root-x2.pem", "nrf91-p384-selfsigned", "ca", C,
     "+lifetime-min -self-signed -key-algorithm -signature-hash-strength -expired"),
    ("real/letsencrypt/e5.pem", "nrf91-p384-selfsigned", "ca", C,
     "+self-signed -key-algorithm -signature-hash-strength -expired"),
    ("real/letsencrypt/e5-cross.pem", "nrf91", "ca", C,
     "-signature-hash-strength -key-algorithm -expired -ca-slot-bundle"),
    ("real/letsencrypt/r10.pem", "nrf91", "ca", C,
     "-ca-slot-bundle -ca-basic-constraints -expired -rsa-key-size"),
    ("real/letsencrypt/lets-encrypt-r3-cross-signed.pem", "nrf91", "ca", C,
     "+expired -not-yet-valid"),
    ("real/letsencrypt/isrg-root-x1-cross-signed.pem", "nrf91", "ca", C,
     "+pem-line-endings +expired -pem-stray-text -der-strict"),

    "# --- keys ---",
    ("gen/key-rsa1024.pem", "nrf91", "ca", C, "+rsa-key-size -key-algorithm -signature-algorithm -ca-basic-constraints"),
    ("gen/key-rsa1024.pem", "generic", "ca", C, "-rsa-key-size -key-algorithm"),
    ("gen/key-rsa2048.pem", "nrf91", "ca", C, "-rsa-key-size -key-algorithm -signature-algorithm -ca-basic-constraints -expired"),
    ("gen/key-rsa4096.pem", "nrf91", "ca", C, "-rsa-key-size -key-algorithm -signature-algorithm -credential-size -size-headroom"),
    ("gen/key-p256.pem", "nrf91", "ca", C, "-key-algorithm -signature-hash-strength -signature-algorithm -self-signed-signature -ca-basic-constraints -serial-number -time-encoding -der-strict"),
    ("gen/key-p256.pem", "nrf91-p384-selfsigned", "ca", C, "+key-algorithm +lifetime-min -self-signed"),
    ("gen/key-p384.pem", "nrf91", "ca", C, "-key-algorithm -signature-hash-strength -signature-algorithm -lifetime-min"),
    ("gen/key-p384.pem", "nrf91-p384-selfsigned", "ca", C, "+lifetime-min -key-algorithm -self-signed -signature-hash-strength"),
    ("gen/key-p521.pem", "nrf91", "ca", C, "+key-algorithm -signature-hash-strength -rsa-key-size"),
    ("gen/key-p521.pem", "generic", "ca", C, "-key-algorithm -signature-hash-strength"),
    ("gen/key-brainpoolp256r1.pem", "nrf91", "ca", C, "+key-algorithm -rsa-key-size -self-signed-signature"),
    ("gen/key-brainpoolp256r1.pem", "generic", "ca", C, "-key-algorithm"),
    ("gen/key-ed25519.pem", "nrf91", "ca", C, "+key-algorithm -rsa-key-size -self-signed-signature"),
    ("gen/key-ed25519.pem", "generic", "ca", C, "-key-algorithm"),

    "# --- signatures ---",
    ("gen/sig-sha1-leaf.pem", "nrf91", "server", C, "+signature-algorithm@0 -rsa-key-size -key-algorithm -chain-order"),
    ("gen/sig-sha1-chain.pem", "nrf91", "server", C, "+signature-algorithm@0 +root-in-chain -chain-order -chain-size"),
    ("gen/sig-sha1-ca.pem", "nrf91", "ca", C, "-signature-algorithm -rsa-key-size"),
    ("gen/sig-sha1-root.pem", "nrf91", "ca", C, "+signature-algorithm@0 -rsa-key-size -self-signed-signature"),
    ("gen/sig-p384-sha256.pem", "nrf91", "ca", C, "+signature-hash-strength -signature-algorithm -key-algorithm"),
    ("gen/sig-p384-sha256.pem", "nrf91-p384-selfsigned", "ca", C, "+signature-hash-strength +lifetime-min -key-algorithm -self-signed"),

    "# --- time ---",
    ("gen/time-expired.pem", "nrf91", "ca", C, "+expired@0 -not-yet-valid -time-encoding"),
    ("gen/time-expired.pem", "generic", "ca", C, "+expired"),
    ("gen/time-expired.pem", "nrf91", "ca", "2025-03-01T00:00:00Z", "-expired -not-yet-valid -expires-soon"),
    ("gen/time-not-yet-valid.pem", "nrf91", "ca", C, "+not-yet-valid@0 -expired -time-encoding"),
    ("gen/time-not-yet-valid.pem", "nrf91", "ca", "2027-06-01T00:00:00Z", "-not-yet-valid -expired"),
    ("gen/time-expires-soon.pem", "nrf91", "ca", C, "+expires-soon@0 -expired -not-yet-valid"),
    ("gen/time-expires-soon.pem", "nrf91", "ca", "2025-12-01T00:00:00Z", "-expires-soon -expired"),
    ("gen/time-expires-soon.pem", "nrf91", "ca", "2026-02-01T00:00:00Z", "+expired -not-yet-valid"),
    ("gen/time-30y-p384.pem", "nrf91-p384-selfsigned", "ca", C,
     "-lifetime-min -time-encoding -self-signed -self-signed-signature -key-algorithm -signature-hash-strength -signature-algorithm -expired -expires-soon -ca-basic-constraints -credential-size -size-headroom -serial-number -der-strict"),
    ("gen/time-30y-p384.pem", "nrf91", "ca", C, "-lifetime-min -time-encoding"),
    ("gen/time-29y-p384.pem", "nrf91-p384-selfsigned", "ca", C, "+lifetime-min -time-encoding -self-signed -key-algorithm"),
    ("gen/time-gentime-2035.pem", "nrf91", "ca", C, "+time-encoding@0 -expired -der-strict"),
    ("gen/time-gentime-2035.pem", "generic", "ca", C, "+time-encoding"),
    ("gen/time-utctime-1955.pem", "nrf91", "ca", C, "+expired@0 -der-strict"),
    ("gen/time-utctime-1955.pem", "nrf91-p384-selfsigned", "ca", C, "+expired +lifetime-min -key-algorithm"),
    ("gen/time-utctime-noseconds.pem", "nrf91", "ca", C, "+time-encoding@0 -expired"),
    ("gen/time-utctime-noseconds.pem", "generic", "ca", C, "+time-encoding"),

    "# --- trust ---",
    ("gen/trust-selfsigned-badsig.pem", "nrf91", "ca", C, "+self-signed-signature@0 -self-signed -key-algorithm -der-strict"),
    ("gen/trust-selfsigned-badsig.pem", "nrf91-p384-selfsigned", "ca", C, "+self-signed-signature +self-signed -key-algorithm"),
    ("gen/trust-ca-no-bc.pem", "nrf91", "ca", C, "+ca-basic-constraints@0 -self-signed-signature -chain-order"),
    ("gen/chain-root-p384.pem", "nrf91", "ca", C,
     "-ca-basic-constraints -ca-slot-bundle -self-signed-signature -signature-hash-strength -key-algorithm -expired -credential-size -size-headroom -pem-line-endings -pem-stray-text"),
    ("gen/chain-root-p384.pem", "nrf91-p384-selfsigned", "ca", C, "+lifetime-min -self-signed -key-algorithm"),
    ("gen/chain-full.pem", "nrf91", "server", C, "+root-in-chain -chain-order -chain-duplicate -chain-size -signature-hash-strength -ca-basic-constraints"),
    ("gen/chain-full.pem", "nrf91", "ca", C, "+ca-slot-bundle -chain-order -ca-basic-constraints -credential-size"),
    ("gen/chain-full.pem", "nrf91-p384-selfsigned", "server", C, "+self-signed@0 +key-algorithm@0 +lifetime-min"),
    ("gen/chain-served.pem", "nrf91", "server", C, "-root-in-chain -chain-order -chain-size -size-headroom -chain-duplicate -ca-basic-constraints -signature-hash-strength -hostname-mismatch"),
    ("gen/chain-out-of-order.pem", "nrf91", "server", C, "+chain-order@0 +chain-order@1 -chain-duplicate"),
    ("gen/chain-duplicate.pem", "nrf91", "server", C, "+chain-duplicate +root-in-chain -chain-order"),
    ("gen/chain-int-no-bc.pem", "nrf91", "server", C, "+ca-basic-constraints@1 -chain-order -root-in-chain"),
    ("gen/depth-11.pem", "nrf91", "server", C, "+chain-depth -chain-order -root-in-chain -chain-size"),
    ("gen/depth-10.pem", "nrf91", "server", C, "-chain-depth -chain-order -root-in-chain -chain-size"),
    "# hostname-mismatch needs --host, which this format has no field for: gen/chain-leaf-p256.pem",
    "# has SAN DNS:broker.example.com, DNS:*.iot.example.com (match: broker.example.com,",
    "# a.iot.example.com; mismatch: iot.example.com, a.b.iot.example.com, example.com).",

    "# --- sizes ---",
    ("gen/bigchain-full.pem", "nrf91", "server", C, "+chain-size +root-in-chain -chain-order -rsa-key-size -credential-size"),
    ("gen/bigchain-full.pem", "nrf91", "ca", C, "+credential-size +credential-readback +ca-slot-bundle -chain-size -rsa-key-size"),
    ("gen/bigchain-full.pem", "generic", "server", C, "-chain-size -credential-size -size-headroom"),
    ("gen/bigchain-server.pem", "nrf91", "server", C, "-chain-size -size-headroom -root-in-chain -chain-order -rsa-key-size"),
    ("gen/size-headroom.pem", "nrf91", "ca", C, "+size-headroom -credential-size -credential-readback -ca-slot-bundle"),
    ("gen/size-headroom.pem", "generic", "ca", C, "-size-headroom -credential-size"),
    ("gen/size-readback.pem", "nrf91", "ca", C, "+credential-readback +size-headroom -credential-size"),
    ("gen/key-p384.pem", "nrf91", "ca", C, "-size-headroom -credential-readback -credential-size"),

    "# --- encoding and hygiene ---",
    ("gen/der-nonminimal-length.pem", "nrf91", "ca", C, "+der-strict@0 -serial-number -trailing-data -self-signed-signature"),
    ("gen/der-nonminimal-length.pem", "generic", "ca", C, "+der-strict"),
    ("gen/der-trailing-inside.pem", "nrf91", "ca", C, "+der-strict@0 -trailing-data -self-signed-signature"),
    ("gen/der-two-certs.der", "nrf91", "server", C, "-trailing-data -der-strict -chain-order -root-in-chain"),
    ("gen/der-two-certs.der", "nrf91", "ca", C, "+ca-slot-bundle -trailing-data -der-strict -pem-line-endings"),
    ("gen/der-trailing-junk.der", "nrf91", "ca", C, "+trailing-data -der-strict"),
    ("gen/pem-crlf.pem", "nrf91", "ca", C, "+pem-line-endings -pem-stray-text -der-strict -trailing-data"),
    ("gen/pem-crlf.pem", "nrf91", "server", C, "-pem-line-endings"),
    ("gen/pem-label-x509.pem", "nrf91", "ca", C, "+pem-label@0 -trailing-data -der-strict"),
    ("gen/pem-stray-text.pem", "nrf91", "ca", C, "+pem-stray-text -pem-line-endings -private-key-present -der-strict"),
    ("gen/pem-stray-text.pem", "nrf91", "server", C, "-pem-stray-text"),
    ("gen/pem-privkey-pkcs8.pem", "nrf91", "ca", C, "+private-key-present -pem-line-endings -ca-slot-bundle -der-strict"),
    ("gen/pem-privkey-ec.pem", "nrf91", "ca", C, "+private-key-present -pem-line-endings -ca-slot-bundle -der-strict"),
    ("gen/pem-pubkey.pem", "nrf91", "ca", C, "+non-certificate-block -private-key-present -ca-slot-bundle"),
    ("gen/key-p256.pem", "nrf91", "ca", C, "-private-key-present -non-certificate-block -pem-stray-text -pem-line-endings -trailing-data"),
    ("gen/serial-negative.pem", "nrf91", "ca", C, "+serial-number@0 -der-strict"),
    ("gen/serial-zero.pem", "nrf91", "ca", C, "+serial-number@0 -der-strict"),
    ("gen/serial-zero.pem", "generic", "ca", C, "+serial-number"),
    ("gen/serial-21-octets.pem", "nrf91", "ca", C, "+serial-number@0 -der-strict"),
    ("gen/serial-16-octets.pem", "nrf91", "ca", C, "-serial-number -der-strict -self-signed-signature -ca-basic-constraints"),
    "# C headers: cheader-two-creds.h holds two items (ROOT_CA: the P-384 root, clean;",
    "# client_cert: the P-256 leaf, not a CA), so figures are given for cheader-root.h only",
    ("gen/cheader-two-creds.h", "nrf91", "ca", C, "+ca-slot-bundle -der-strict -pem-stray-text -pem-line-endings -private-key-present -credential-size -trailing-data"),
    ("gen/cheader-root.h", "nrf91", "ca", C, "-ca-slot-bundle -der-strict -pem-stray-text -pem-line-endings -credential-size -ca-basic-constraints"),
]
NO_FIGURES = {"gen/cheader-two-creds.h"}

MANIFEST_HEAD = """\
# certfit test manifest: expected results per fixture, one case per line.
#
#   FILE PROFILE ROLE NOW EXPECT...
#
# FILE is relative to fixtures/. PROFILE: nrf91 | nrf91-p384-selfsigned |
# generic. ROLE: ca | server. NOW: RFC 3339 time used as --now.
# EXPECT tokens: +rule (must fire), +rule@N (must fire on certificate N),
# -rule (must not fire), figure=VALUE (certs, der_total, pem_canonical,
# credential_bytes, cmng_read_response (sec_tag 2147483647, type 0),
# tls12_certificate_message, tls13_certificate_message).
#
# Expectations are written in scripts/gen_fixtures.py (CASES); the figures
# are computed from the files by `scripts/gen-fixtures.sh manifest` and
# checked by `scripts/gen-fixtures.sh check`. credential_bytes and
# cmng_read_response are given only where the credential text is unambiguous
# (canonical PEM or CRLF PEM as given, DER, single-literal C header).
"""


def manifest_text():
    lines = [MANIFEST_HEAD.rstrip("\n")]
    for c in CASES:
        if isinstance(c, str):
            lines.append("\n" + c if c.startswith("# ---") else c)
            continue
        f, prof, role, now, exp = c
        toks = [f, prof, role, now] + exp.split()
        if f not in NO_FIGURES:
            figs = file_figures(f)
            toks += ["%s=%d" % (k, figs[k]) for k in FIG_ORDER if k in figs]
        lines.append(" ".join(toks))
    return "\n".join(lines) + "\n"


def check():
    bad = 0
    n = 0
    files = set()
    with open(MANIFEST) as fh:
        for lineno, line in enumerate(fh, 1):
            line = line.split("#", 1)[0].strip()
            if not line:
                continue
            toks = line.split()
            f = toks[0]
            if not os.path.exists(os.path.join(FIXTURES, f)):
                print("manifest:%d: no such fixture %s" % (lineno, f))
                bad += 1
                continue
            files.add(f)
            figs = None
            for t in toks[4:]:
                if "=" in t:
                    k, v = t.split("=", 1)
                    if figs is None:
                        figs = file_figures(f)
                    if k not in figs or figs[k] != int(v):
                        print("manifest:%d: %s %s=%s, computed %s" % (lineno, f, k, v, figs.get(k)))
                        bad += 1
                    n += 1
    for fname in sorted(os.listdir(GEN)):
        if os.path.isfile(os.path.join(GEN, fname)) and fname != "README.md" \
                and "gen/" + fname not in files:
            print("note: gen/%s has no manifest line" % fname)
    print("manifest: %d figures checked, %d mismatches" % (n, bad))
    return bad == 0


def main():
    cmd = sys.argv[1] if len(sys.argv) > 1 else "all"
    if cmd in ("all", "generate"):
        generate()
        if cmd == "all" and os.path.exists(MANIFEST):
            if not check():
                raise SystemExit(1)
    elif cmd == "check":
        if not check():
            raise SystemExit(1)
    elif cmd == "manifest":
        with open(MANIFEST, "w") as fh:
            fh.write(manifest_text())
        print("wrote", MANIFEST)
    elif cmd == "figures":
        for f in sys.argv[2:]:
            print(f, file_figures(f))
    else:
        raise SystemExit("usage: gen-fixtures.sh [all|generate|check|manifest|figures FILE...]")


if __name__ == "__main__":
    main()
