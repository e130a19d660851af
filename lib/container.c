/*
 * Files that are not certificates (docs/design.md section 2): recognised by
 * their structure, so that a PKCS#12 file is named as one and not reported
 * as a private key, a CRL not as a certificate with a wrong tag. Only the
 * outer layers are read (der.h), never a key or a password-protected bag.
 */
#include <string.h>

#include "certfit/container.h"
#include "der.h"

/* The element at *p (len bytes left): its tag, content and the rest. */
typedef struct el {
    uint8_t tag;
    const uint8_t *c; /* content */
    size_t n;         /* content length */
    const uint8_t *next;
    size_t left;
} el;

static bool get(const uint8_t *p, size_t len, el *e)
{
    size_t h, n;
    if (certfit_der_header(p, len, &h, &n) != 0)
        return false;
    e->tag = p[0];
    e->c = p + h;
    e->n = n;
    e->next = p + h + n;
    e->left = len - h - n;
    return true;
}

static bool oid_is(const el *e, const uint8_t *oid, size_t n)
{
    return e->tag == 0x06 && e->n == n && memcmp(e->c, oid, n) == 0;
}

/* PKCS #7 data and signedData: 1.2.840.113549.1.7.1 and .2 */
static const uint8_t k_p7_data[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01};
static const uint8_t k_p7_signed[] = {0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x02};

static certfit_container detect_der(const uint8_t *p, size_t len)
{
    el top, a, b, c, d;
    if (len < 2 || p[0] != 0x30 || !get(p, len, &top) || !get(top.c, top.n, &a))
        return CERTFIT_CONTAINER_NONE;
    /* PKCS#12 PFX: SEQUENCE { INTEGER 3, ContentInfo { OID data, ... } } */
    if (a.tag == 0x02 && a.n == 1 && a.c[0] == 3 && get(a.next, a.left, &b) && b.tag == 0x30 &&
        get(b.c, b.n, &c) && oid_is(&c, k_p7_data, sizeof(k_p7_data)))
        return CERTFIT_CONTAINER_PKCS12;
    /* PKCS#7 ContentInfo: SEQUENCE { OID signedData, [0] ... } */
    if (oid_is(&a, k_p7_signed, sizeof(k_p7_signed)))
        return CERTFIT_CONTAINER_PKCS7;
    if (a.tag != 0x30 || !get(a.c, a.n, &b))
        return CERTFIT_CONTAINER_NONE;
    /* inside the signed part (a): a CSR's CertificationRequestInfo is
     * INTEGER 0, Name, SubjectPublicKeyInfo, [0] attributes; a CRL's
     * TBSCertList is [INTEGER 1,] AlgorithmIdentifier, Name, thisUpdate (a
     * time); a certificate's TBSCertificate has Validity (a SEQUENCE) there */
    el x = b;
    if (x.tag == 0x02) {
        bool csr = x.n == 1 && x.c[0] == 0;
        if (!get(x.next, x.left, &x))
            return CERTFIT_CONTAINER_NONE;
        /* the Name right after the version: SEQUENCE of SET (or empty) */
        if (csr && x.tag == 0x30 && (x.n == 0 || x.c[0] == 0x31) && get(x.next, x.left, &c) &&
            c.tag == 0x30 && get(c.next, c.left, &d) && d.tag == 0xa0)
            return CERTFIT_CONTAINER_CSR;
    }
    /* x: the AlgorithmIdentifier of a CRL (after its version, if any) */
    if (x.tag == 0x30 && x.n > 0 && x.c[0] == 0x06 && get(x.next, x.left, &c) && c.tag == 0x30 &&
        get(c.next, c.left, &d) && (d.tag == 0x17 || d.tag == 0x18))
        return CERTFIT_CONTAINER_CRL;
    return CERTFIT_CONTAINER_NONE;
}

/* Whether the label of the BEGIN line at p (after "-----BEGIN ") is s. */
static bool label_is(const uint8_t *p, size_t len, const char *s)
{
    size_t n = strlen(s);
    return len >= n + 5 && memcmp(p, s, n) == 0 && memcmp(p + n, "-----", 5) == 0;
}

static certfit_container detect_pem(const uint8_t *p, size_t len)
{
    static const char begin[] = "-----BEGIN ";
    const size_t bn = sizeof(begin) - 1;
    certfit_container found = CERTFIT_CONTAINER_NONE;
    for (size_t i = 0; i + bn <= len; i++) {
        if (p[i] != '-' || memcmp(p + i, begin, bn) != 0)
            continue;
        const uint8_t *l = p + i + bn;
        size_t ll = len - i - bn;
        certfit_container c = CERTFIT_CONTAINER_NONE;
        if (label_is(l, ll, "PKCS7") || label_is(l, ll, "CMS"))
            c = CERTFIT_CONTAINER_PKCS7;
        else if (label_is(l, ll, "CERTIFICATE REQUEST") ||
                 label_is(l, ll, "NEW CERTIFICATE REQUEST"))
            c = CERTFIT_CONTAINER_CSR;
        else if (label_is(l, ll, "X509 CRL"))
            c = CERTFIT_CONTAINER_CRL;
        else if (ll >= 11 && (memcmp(l, "CERTIFICATE", 11) == 0 ||
                              memcmp(l, "X509 CERTIFICATE", ll < 16 ? ll : 16) == 0 ||
                              memcmp(l, "TRUSTED CERTIFICATE", ll < 19 ? ll : 19) == 0))
            return CERTFIT_CONTAINER_NONE; /* it has certificates: they are checked */
        if (found == CERTFIT_CONTAINER_NONE)
            found = c;
        i += bn;
    }
    return found;
}

certfit_container certfit_container_detect(const uint8_t *p, size_t len)
{
    if (p == NULL || len < 4)
        return CERTFIT_CONTAINER_NONE;
    /* Java KeyStore 0xFEEDFEED, JCEKS 0xCECECECE */
    if ((p[0] == 0xfe && p[1] == 0xed && p[2] == 0xfe && p[3] == 0xed) ||
        (p[0] == 0xce && p[1] == 0xce && p[2] == 0xce && p[3] == 0xce))
        return CERTFIT_CONTAINER_JKS;
    if (p[0] == 0x30)
        return detect_der(p, len);
    return detect_pem(p, len);
}

const char *certfit_container_name(certfit_container c)
{
    switch (c) {
    case CERTFIT_CONTAINER_PKCS12:
        return "a PKCS#12 file (certificates and a private key)";
    case CERTFIT_CONTAINER_PKCS7:
        return "a PKCS#7 certificate bundle (.p7b)";
    case CERTFIT_CONTAINER_CSR:
        return "a certificate signing request (PKCS#10 CSR)";
    case CERTFIT_CONTAINER_CRL:
        return "a certificate revocation list (CRL)";
    case CERTFIT_CONTAINER_JKS:
        return "a Java keystore";
    default:
        return NULL;
    }
}

const char *certfit_container_command(certfit_container c, bool der)
{
    switch (c) {
    case CERTFIT_CONTAINER_PKCS12:
        return "openssl pkcs12 -in FILE -nokeys -out certs.pem";
    case CERTFIT_CONTAINER_PKCS7:
        return der ? "openssl pkcs7 -inform DER -in FILE -print_certs -out certs.pem"
                   : "openssl pkcs7 -in FILE -print_certs -out certs.pem";
    case CERTFIT_CONTAINER_CSR:
        return "it holds no certificate: have a CA sign it (openssl x509 -req -in FILE -CA ca.pem "
               "-CAkey ca.key -out cert.pem)";
    case CERTFIT_CONTAINER_CRL:
        return der ? "it holds no certificate (openssl crl -inform DER -in FILE -noout -text "
                     "shows it); check the CA's certificate instead"
                   : "it holds no certificate (openssl crl -in FILE -noout -text shows it); "
                     "check the CA's certificate instead";
    case CERTFIT_CONTAINER_JKS:
        return "keytool -exportcert -rfc -keystore FILE -alias ALIAS -file cert.pem (keytool "
               "-list -keystore FILE names the aliases)";
    default:
        return NULL;
    }
}
