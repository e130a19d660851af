/*
 * lib/cert.c and lib/name.c: the strict-DER scanner, names, host matching
 * and the time helpers.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "test_support.h"

#define U8(s) ((const uint8_t *)(s))

/* ---- a tiny DER builder for crafted inputs --------------------------------- */

typedef struct dbuf {
    uint8_t b[4096];
    size_t n;
} dbuf;

static void put_raw(dbuf *d, const void *p, size_t n)
{
    assert_true(d->n + n <= sizeof(d->b));
    memcpy(d->b + d->n, p, n);
    d->n += n;
}

/* Append TLV(tag, content) with a minimal length. */
static void put_tlv(dbuf *d, uint8_t tag, const void *content, size_t n)
{
    uint8_t h[4];
    size_t hn = 0;
    h[hn++] = tag;
    if (n < 0x80) {
        h[hn++] = (uint8_t)n;
    } else if (n < 0x100) {
        h[hn++] = 0x81;
        h[hn++] = (uint8_t)n;
    } else {
        h[hn++] = 0x82;
        h[hn++] = (uint8_t)(n >> 8);
        h[hn++] = (uint8_t)n;
    }
    put_raw(d, h, hn);
    put_raw(d, content, n);
}

static void put_dbuf(dbuf *d, uint8_t tag, const dbuf *inner)
{
    put_tlv(d, tag, inner->b, inner->n);
}

/* One attribute: RDN SET { SEQUENCE { OID, value } } appended to a Name body. */
static void put_rdn(dbuf *name_body, const char *oid, size_t oid_len, uint8_t vtag, const void *val,
                    size_t vlen)
{
    dbuf atv = {{0}, 0}, set = {{0}, 0};
    put_tlv(&atv, 0x06, oid, oid_len);
    put_tlv(&atv, vtag, val, vlen);
    put_dbuf(&set, 0x30, &atv);
    put_dbuf(name_body, 0x31, &set);
}

#define OID_CN "\x55\x04\x03", 3
#define OID_O  "\x55\x04\x0a", 3
#define OID_C  "\x55\x04\x06", 3

static void name1(dbuf *name, uint8_t vtag, const void *val, size_t vlen)
{
    dbuf body = {{0}, 0};
    put_rdn(&body, OID_CN, vtag, val, vlen);
    name->n = 0;
    put_dbuf(name, 0x30, &body);
}

static const char *fmt_name(const dbuf *name, char *out, size_t size, int *rc)
{
    size_t n = 0;
    certfit_view v = {name->b, name->n};
    *rc = certfit_name_format(v, out, size, &n);
    assert_int_equal(n, strlen(out));
    return out;
}

static const uint8_t k_ecdsa_sha256[] = {0x30, 0x0a, 0x06, 0x08, 0x2a, 0x86,
                                         0x48, 0xce, 0x3d, 0x04, 0x03, 0x02};

/* A minimal certificate signed with the AlgorithmIdentifier alg (in the
 * TBSCertificate and after it); ext is the content of [3] (may be empty). */
static void build_cert_alg(dbuf *cert, const dbuf *ext, bool with_sig, const uint8_t *alg,
                           size_t alg_len)
{
    static const uint8_t version[] = {0xa0, 0x03, 0x02, 0x01, 0x02};
    static const uint8_t serial[] = {0x02, 0x01, 0x01};
    static const uint8_t name[] = {0x30, 0x0d, 0x31, 0x0b, 0x30, 0x09, 0x06, 0x03,
                                   0x55, 0x04, 0x03, 0x0c, 0x02, 'C',  'A'};
    static const char validity[] = "\x30\x1e\x17\x0d"
                                   "250101000000Z"
                                   "\x17\x0d"
                                   "350101000000Z";
    dbuf tbs = {{0}, 0}, spki = {{0}, 0}, algs = {{0}, 0}, key = {{0}, 0};
    put_raw(&tbs, version, sizeof(version));
    put_raw(&tbs, serial, sizeof(serial));
    put_raw(&tbs, alg, alg_len);
    put_raw(&tbs, name, sizeof(name));
    put_raw(&tbs, validity, 32);
    put_raw(&tbs, name, sizeof(name));
    put_tlv(&algs, 0x06, "\x2a\x86\x48\xce\x3d\x02\x01", 7);
    put_tlv(&algs, 0x06, "\x2a\x86\x48\xce\x3d\x03\x01\x07", 8);
    put_dbuf(&spki, 0x30, &algs);
    uint8_t point[66] = {0x00, 0x04};
    memset(point + 2, 0x11, 64);
    put_raw(&key, point, sizeof(point));
    put_dbuf(&spki, 0x03, &key);
    put_dbuf(&tbs, 0x30, &spki);
    if (ext != NULL && ext->n > 0) {
        dbuf list = {{0}, 0};
        put_dbuf(&list, 0x30, ext);
        put_dbuf(&tbs, 0xa3, &list);
    }
    dbuf body = {{0}, 0};
    put_dbuf(&body, 0x30, &tbs);
    if (with_sig) {
        put_raw(&body, alg, alg_len);
        static const uint8_t sig[] = {0x03, 0x09, 0x00, 0x30, 0x06, 0x02,
                                      0x01, 0x01, 0x02, 0x01, 0x01};
        put_raw(&body, sig, sizeof(sig));
    }
    cert->n = 0;
    put_dbuf(cert, 0x30, &body);
}

/* A minimal ECDSA-with-SHA-256 certificate; ext as for build_cert_alg(). */
static void build_cert(dbuf *cert, const dbuf *ext, bool with_sig)
{
    build_cert_alg(cert, ext, with_sig, k_ecdsa_sha256, sizeof(k_ecdsa_sha256));
}

/* Scan a copy in an exact-size heap buffer, so ASan sees any over-read. */
static int scan_exact(const uint8_t *p, size_t n, certfit_cert *c)
{
    uint8_t *copy = malloc(n ? n : 1);
    assert_non_null(copy);
    if (n > 0)
        memcpy(copy, p, n);
    int rc = certfit_cert_scan(copy, n, c);
    free(copy);
    return rc;
}

/* ---- real certificates -------------------------------------------------------- */

typedef struct real_case {
    const char *file;
    size_t index;
    size_t der;
    certfit_key_type key;
    certfit_curve curve;
    uint32_t bits;
    const char *sig;
    bool ca;
    int32_t path_len;
    const char *subject;
    const char *not_before, *not_after;
    bool self_named;
} real_case;

static const real_case k_real[] = {
    {"real/academy-mqtt-2024-06-bundle.pem", 0, 1076, CERTFIT_KEY_EC, CERTFIT_CURVE_SECP256R1, 256,
     "sha256WithRSAEncryption", false, -1, "CN=mqtt.nordicsemi.academy", "2024-05-15T13:00:25Z",
     "2024-08-13T13:00:24Z", false},
    {"real/academy-mqtt-2024-06-bundle.pem", 1, 1306, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048,
     "sha256WithRSAEncryption", true, 0, "CN=R3,O=Let's Encrypt,C=US", "2020-09-04T00:00:00Z",
     "2025-09-15T16:00:00Z", false},
    {"real/academy-mqtt-2024-06-bundle.pem", 2, 1391, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 4096,
     "sha256WithRSAEncryption", true, -1, "CN=ISRG Root X1,O=Internet Security Research Group,C=US",
     "2015-06-04T11:04:38Z", "2035-06-04T11:04:38Z", true},
    {"real/academy-mqtt-2024-10-rootca.pem", 0, 626, CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
     "ecdsa-with-SHA256", true, -1,
     "CN=RootCA,OU=Academy,O=NordicSemi,L=Trondheim,ST=Tronderlag,C=NO", "2024-09-12T14:26:11Z",
     "2027-07-03T14:26:11Z", true},
    {"real/test-mosquitto-org-ca.pem", 0, 1031, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048,
     "sha256WithRSAEncryption", true, -1,
     "emailAddress=roger@atchoo.org,CN=mosquitto.org,OU=CA,O=Mosquitto,L=Derby,ST=United "
     "Kingdom,C=GB",
     "2020-06-09T11:06:39Z", "2030-06-07T11:06:39Z", true},
    {"real/letsencrypt/lets-encrypt-r3.pem", 0, 1306, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048,
     "sha256WithRSAEncryption", true, 0, "CN=R3,O=Let's Encrypt,C=US", "2020-09-04T00:00:00Z",
     "2025-09-15T16:00:00Z", false},
    {"real/letsencrypt/lets-encrypt-r3-cross-signed.pem", 0, 1129, CERTFIT_KEY_RSA,
     CERTFIT_CURVE_NONE, 2048, "sha256WithRSAEncryption", true, 0, "CN=R3,O=Let's Encrypt,C=US",
     "2020-10-07T19:21:40Z", "2021-09-29T19:21:40Z", false},
    {"real/letsencrypt/isrgrootx1.pem", 0, 1391, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 4096,
     "sha256WithRSAEncryption", true, -1, "CN=ISRG Root X1,O=Internet Security Research Group,C=US",
     "2015-06-04T11:04:38Z", "2035-06-04T11:04:38Z", true},
    {"real/letsencrypt/isrg-root-x1-cross-signed.pem", 0, 1380, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE,
     4096, "sha256WithRSAEncryption", true, -1,
     "CN=ISRG Root X1,O=Internet Security Research Group,C=US", "2021-01-20T19:14:03Z",
     "2024-09-30T18:14:03Z", false},
    {"real/letsencrypt/r10.pem", 0, 1289, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048,
     "sha256WithRSAEncryption", true, 0, "CN=R10,O=Let's Encrypt,C=US", "2024-03-13T00:00:00Z",
     "2027-03-12T23:59:59Z", false},
    {"real/letsencrypt/r11.pem", 0, 1290, CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048,
     "sha256WithRSAEncryption", true, 0, "CN=R11,O=Let's Encrypt,C=US", "2024-03-13T00:00:00Z",
     "2027-03-12T23:59:59Z", false},
    {"real/letsencrypt/e5.pem", 0, 696, CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
     "ecdsa-with-SHA384", true, 0, "CN=E5,O=Let's Encrypt,C=US", "2024-03-13T00:00:00Z",
     "2027-03-12T23:59:59Z", false},
    {"real/letsencrypt/e5-cross.pem", 0, 1115, CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
     "sha256WithRSAEncryption", true, 0, "CN=E5,O=Let's Encrypt,C=US", "2024-03-13T00:00:00Z",
     "2027-03-12T23:59:59Z", false},
    {"real/letsencrypt/e6.pem", 0, 698, CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
     "ecdsa-with-SHA384", true, 0, "CN=E6,O=Let's Encrypt,C=US", "2024-03-13T00:00:00Z",
     "2027-03-12T23:59:59Z", false},
    {"real/letsencrypt/isrg-root-x2.pem", 0, 543, CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
     "ecdsa-with-SHA384", true, -1, "CN=ISRG Root X2,O=Internet Security Research Group,C=US",
     "2020-09-04T00:00:00Z", "2040-09-17T16:00:00Z", true},
    {"real/letsencrypt/isrg-root-x2-cross-signed.pem", 0, 1124, CERTFIT_KEY_EC,
     CERTFIT_CURVE_SECP384R1, 384, "sha256WithRSAEncryption", true, -1,
     "CN=ISRG Root X2,O=Internet Security Research Group,C=US", "2020-09-04T00:00:00Z",
     "2025-09-15T16:00:00Z", false},
};

static void test_real_fixtures(void **state)
{
    (void)state;
    for (size_t i = 0; i < sizeof(k_real) / sizeof(k_real[0]); i++) {
        const real_case *k = &k_real[i];
        size_t len, dlen;
        uint8_t *pem = ts_fixture(k->file, &len);
        uint8_t *der = ts_pem_nth_der(pem, len, k->index, &dlen);
        assert_non_null(der);
        certfit_cert c;
        int rc = certfit_cert_scan(der, dlen, &c);
        if (rc != 0 || c.raw.len != k->der)
            print_error("%s[%zu]: rc %d, DER %zu\n", k->file, k->index, rc, c.raw.len);
        assert_int_equal(rc, 0);
        assert_int_equal(c.raw.len, k->der);
        assert_int_equal(dlen, k->der);
        assert_ptr_equal(c.raw.p, der);
        assert_int_equal(c.strict_count, 0);
        assert_int_equal(c.strict, CERTFIT_STRICT_NONE);
        assert_int_equal(c.version, 3);
        assert_int_equal(c.key_type, k->key);
        assert_int_equal(c.curve, k->curve);
        assert_int_equal(c.key_bits, k->bits);
        assert_string_equal(certfit_sig_alg_name(c.sig_alg), k->sig);
        assert_true(c.has_basic_constraints);
        assert_int_equal(c.ca, k->ca);
        assert_int_equal(c.path_len, k->path_len);
        char subj[256];
        size_t n;
        assert_int_equal(certfit_name_format(c.subject, subj, sizeof(subj), &n), 0);
        assert_string_equal(subj, k->subject);
        assert_int_equal(n, strlen(k->subject));
        char t[21];
        certfit_time_format(c.not_before.t, t);
        assert_string_equal(t, k->not_before);
        certfit_time_format(c.not_after.t, t);
        assert_string_equal(t, k->not_after);
        assert_int_equal(c.not_before.type, CERTFIT_TIME_UTC);
        assert_true(c.not_before.exact);
        assert_true(c.not_after.exact);
        assert_int_equal(certfit_cert_is_issuer_subject(&c), k->self_named);
        /* views stay inside the certificate */
        assert_true(c.tbs.p > c.raw.p && c.tbs.p + c.tbs.len < c.raw.p + c.raw.len);
        assert_true(c.spki.p > c.tbs.p && c.spki.p + c.spki.len <= c.tbs.p + c.tbs.len);
        assert_true(c.sig_value.len > 0);
        assert_ptr_equal(c.sig_value.p + c.sig_value.len, c.raw.p + c.raw.len);
        free(der);
        free(pem);
    }
}

static void test_rootca_fields(void **state)
{
    (void)state;
    size_t dlen;
    uint8_t *der = ts_fixture_der("real/academy-mqtt-2024-10-rootca.pem", &dlen);
    certfit_cert c;
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.tbs.p - der, 4);
    assert_int_equal(c.tbs.len, 504);
    static const uint8_t serial[] = {0x7F, 0x21, 0x54, 0x93, 0xE7, 0xE4, 0x05, 0x73, 0x6A, 0x56,
                                     0xBD, 0xD5, 0xCB, 0xAA, 0x48, 0xF1, 0x6B, 0x28, 0x8A, 0x53};
    assert_int_equal(c.serial.len, 20);
    assert_memory_equal(c.serial.p, serial, 20);
    assert_int_equal(c.not_before.t, 1726151171);
    assert_int_equal(c.not_after.t, 1814624771);
    assert_int_equal(c.sig_alg, CERTFIT_SIG_ECDSA_SHA256);
    assert_int_equal(c.sig_hash, CERTFIT_HASH_SHA256);
    static const uint8_t ski[] = {0x0D, 0x2D, 0x71, 0x9B, 0xC5, 0x12, 0x40, 0xEF, 0xA2, 0x63,
                                  0x1C, 0xAA, 0x2D, 0x12, 0xA8, 0x76, 0x22, 0x9D, 0x83, 0xE9};
    assert_int_equal(c.ski.len, 20);
    assert_memory_equal(c.ski.p, ski, 20);
    assert_int_equal(c.aki.len, 20);
    assert_memory_equal(c.aki.p, ski, 20);
    assert_false(c.has_key_usage);
    assert_int_equal(c.san.len, 0);
    assert_true(certfit_cert_is_issuer_subject(&c));
    assert_true(certfit_cert_is_issued_by(&c, &c));
    char oid[64];
    assert_int_equal(certfit_oid_format(c.sig_oid, oid, sizeof(oid)), 0);
    assert_string_equal(oid, "1.2.840.10045.4.3.2");
    char cn[32];
    size_t n;
    assert_int_equal(certfit_name_common_name(c.subject, cn, sizeof(cn), &n), 0);
    assert_string_equal(cn, "RootCA");
    assert_int_equal(n, 6);
    free(der);
}

static void test_bundle_leaf_and_chain(void **state)
{
    (void)state;
    size_t len, d0, d1, d2;
    uint8_t *pem = ts_fixture("real/academy-mqtt-2024-06-bundle.pem", &len);
    uint8_t *leaf = ts_pem_nth_der(pem, len, 0, &d0);
    uint8_t *r3 = ts_pem_nth_der(pem, len, 1, &d1);
    uint8_t *x1 = ts_pem_nth_der(pem, len, 2, &d2);
    certfit_cert a, b, c;
    assert_int_equal(certfit_cert_scan(leaf, d0, &a), 0);
    assert_int_equal(certfit_cert_scan(r3, d1, &b), 0);
    assert_int_equal(certfit_cert_scan(x1, d2, &c), 0);
    assert_true(certfit_cert_is_issued_by(&a, &b));
    assert_true(certfit_cert_is_issued_by(&b, &c));
    assert_false(certfit_cert_is_issued_by(&a, &c));
    assert_false(certfit_cert_is_issuer_subject(&a));
    /* leaf: SAN DNS:mqtt.nordicsemi.academy, keyUsage digitalSignature */
    assert_int_equal(a.san.len, 25);
    assert_int_equal(a.san.p[0], 0x82);
    assert_memory_equal(a.san.p + 2, "mqtt.nordicsemi.academy", 23);
    assert_true(a.has_key_usage);
    assert_int_equal(a.key_usage, CERTFIT_KU_DIGITAL_SIGNATURE);
    assert_true(a.has_basic_constraints);
    assert_false(a.ca);
    /* ISRG Root X1: keyCertSign + cRLSign */
    assert_true(c.has_key_usage);
    assert_int_equal(c.key_usage, CERTFIT_KU_KEY_CERT_SIGN | 0x0040u);
    char cn[64];
    size_t n;
    assert_int_equal(certfit_name_common_name(c.subject, cn, sizeof(cn), &n), 0);
    assert_string_equal(cn, "ISRG Root X1");
    assert_int_equal(certfit_name_common_name(b.issuer, cn, sizeof(cn), &n), 0);
    assert_string_equal(cn, "ISRG Root X1");
    free(leaf);
    free(r3);
    free(x1);
    free(pem);
}

/* ---- generated fixtures: strict cases ------------------------------------------ */

static void test_gen_strict(void **state)
{
    (void)state;
    certfit_cert c;
    size_t dlen;
    uint8_t *der = ts_fixture_der("gen/der-nonminimal-length.pem", &dlen);
    assert_int_equal(dlen, 488);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.strict_count, 1);
    assert_int_equal(c.strict, CERTFIT_STRICT_NONMINIMAL_LENGTH);
    assert_int_equal(c.strict_offset, 14);
    assert_int_equal(der[13], 0x02);
    assert_int_equal(der[14], 0x81);
    assert_int_equal(c.serial.len, 16);
    assert_string_equal(certfit_strict_name(c.strict), "non-minimal length encoding");
    free(der);

    der = ts_fixture_der("gen/der-trailing-inside.pem", &dlen);
    assert_int_equal(dlen, 495);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.strict_count, 1);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRAILING_INSIDE);
    assert_int_equal(c.strict_offset, 493);
    assert_int_equal(der[493], 0x05);
    assert_int_equal(c.raw.len, 495);
    free(der);

    der = ts_fixture_der("gen/time-gentime-2035.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.strict_count, 0);
    assert_int_equal(c.not_before.type, CERTFIT_TIME_UTC);
    assert_int_equal(c.not_after.type, CERTFIT_TIME_GENERALIZED);
    assert_true(c.not_after.exact);
    assert_int_equal(c.not_after.t, 2051222400); /* 2035-01-01T00:00:00Z */
    free(der);

    der = ts_fixture_der("gen/time-30y-p384.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.not_after.type, CERTFIT_TIME_GENERALIZED);
    assert_true(c.not_after.exact);
    assert_int_equal(c.not_before.t, 1735689600); /* 2025-01-01 */
    assert_int_equal(c.not_after.t, 2682374400);  /* 2055-01-01 */
    assert_int_equal(certfit_time_add_years(c.not_before.t, 30), c.not_after.t);
    free(der);

    der = ts_fixture_der("gen/time-utctime-1955.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.strict_count, 0);
    assert_int_equal(c.not_after.type, CERTFIT_TIME_UTC);
    assert_int_equal(c.not_after.t, -473385600); /* 1955-01-01: RFC 5280 reads 55 as 1955 */
    assert_true(c.not_after.t < c.not_before.t);
    free(der);

    der = ts_fixture_der("gen/time-utctime-noseconds.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.strict_count, 0);
    assert_false(c.not_after.exact);
    assert_true(c.not_before.exact);
    assert_int_equal(c.not_after.t, 2051222400);
    free(der);

    der = ts_fixture_der("gen/serial-negative.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.strict_count, 0);
    assert_int_equal(c.serial.len, 16);
    assert_true(c.serial.p[0] & 0x80);
    free(der);
    der = ts_fixture_der("gen/serial-zero.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.serial.len, 1);
    assert_int_equal(c.serial.p[0], 0);
    free(der);
    der = ts_fixture_der("gen/serial-21-octets.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_int_equal(c.serial.len, 21);
    free(der);

    static const struct {
        const char *file;
        certfit_key_type key;
        certfit_curve curve;
        uint32_t bits;
        certfit_sig_alg sig;
    } keys[] = {
        {"gen/key-rsa1024.pem", CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 1024, CERTFIT_SIG_RSA_SHA256},
        {"gen/key-rsa2048.pem", CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048, CERTFIT_SIG_RSA_SHA256},
        {"gen/key-rsa4096.pem", CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 4096, CERTFIT_SIG_RSA_SHA256},
        {"gen/key-p256.pem", CERTFIT_KEY_EC, CERTFIT_CURVE_SECP256R1, 256,
         CERTFIT_SIG_ECDSA_SHA256},
        {"gen/key-p384.pem", CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
         CERTFIT_SIG_ECDSA_SHA384},
        {"gen/key-p521.pem", CERTFIT_KEY_EC, CERTFIT_CURVE_SECP521R1, 521,
         CERTFIT_SIG_ECDSA_SHA512},
        {"gen/key-brainpoolp256r1.pem", CERTFIT_KEY_EC, CERTFIT_CURVE_BRAINPOOLP256R1, 256,
         CERTFIT_SIG_ECDSA_SHA256},
        {"gen/key-ed25519.pem", CERTFIT_KEY_ED25519, CERTFIT_CURVE_NONE, 253, CERTFIT_SIG_ED25519},
        {"gen/sig-sha1-leaf.pem", CERTFIT_KEY_RSA, CERTFIT_CURVE_NONE, 2048, CERTFIT_SIG_RSA_SHA1},
        {"gen/sig-p384-sha256.pem", CERTFIT_KEY_EC, CERTFIT_CURVE_SECP384R1, 384,
         CERTFIT_SIG_ECDSA_SHA256},
    };
    for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        der = ts_fixture_der(keys[i].file, &dlen);
        assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
        assert_int_equal(c.strict_count, 0);
        assert_int_equal(c.key_type, keys[i].key);
        assert_int_equal(c.curve, keys[i].curve);
        assert_int_equal(c.key_bits, keys[i].bits);
        assert_int_equal(c.sig_alg, keys[i].sig);
        free(der);
    }
    assert_string_equal(certfit_sig_alg_name(CERTFIT_SIG_ED25519), "ED25519");
    assert_string_equal(certfit_sig_alg_name(CERTFIT_SIG_ECDSA_SHA384), "ecdsa-with-SHA384");
    assert_null(certfit_sig_alg_name(CERTFIT_SIG_UNKNOWN));
    assert_string_equal(certfit_curve_name(CERTFIT_CURVE_BRAINPOOLP256R1), "brainpoolP256r1");
    assert_null(certfit_curve_name(CERTFIT_CURVE_NONE));
    assert_int_equal(certfit_curve_bits(CERTFIT_CURVE_SECP521R1), 521);
    assert_string_equal(certfit_key_type_name(CERTFIT_KEY_ED25519), "ed25519");
    assert_string_equal(certfit_key_type_name(CERTFIT_KEY_OTHER), "other");
    assert_string_equal(certfit_hash_name(CERTFIT_HASH_SHA384), "sha384");
    assert_int_equal(certfit_sig_alg_hash(CERTFIT_SIG_RSA_SHA1), CERTFIT_HASH_SHA1);
}

/* ---- crafted bytes ------------------------------------------------------------------ */

static void test_truncation_every_length(void **state)
{
    (void)state;
    size_t dlen;
    uint8_t *der = ts_fixture_der("real/academy-mqtt-2024-10-rootca.pem", &dlen);
    assert_int_equal(dlen, 626);
    certfit_cert c;
    for (size_t n = 0; n < dlen; n++) {
        int rc = scan_exact(der, n, &c);
        if (rc != CERTFIT_ERR_DER)
            print_error("truncated to %zu bytes: rc %d\n", n, rc);
        assert_int_equal(rc, CERTFIT_ERR_DER);
        assert_int_not_equal(c.strict, CERTFIT_STRICT_NONE);
    }
    assert_int_equal(scan_exact(der, dlen, &c), 0);
    /* every length, with the outer length fixed up to claim what is there */
    for (size_t n = 4; n < dlen; n++) {
        uint8_t *copy = malloc(n);
        memcpy(copy, der, n);
        copy[2] = (uint8_t)((n - 4) >> 8);
        copy[3] = (uint8_t)(n - 4);
        int rc = certfit_cert_scan(copy, n, &c);
        assert_int_equal(rc, CERTFIT_ERR_DER);
        free(copy);
    }
    /* a longer buffer: the certificate is followed by other bytes */
    uint8_t *more = malloc(dlen + 3);
    memcpy(more, der, dlen);
    memcpy(more + dlen, "JNK", 3);
    assert_int_equal(certfit_cert_scan(more, dlen + 3, &c), 0);
    assert_int_equal(c.raw.len, 626);
    assert_int_equal(c.strict_count, 0);
    free(more);
    free(der);
}

static void test_crafted_lengths(void **state)
{
    (void)state;
    size_t dlen;
    uint8_t *der = ts_fixture_der("real/academy-mqtt-2024-10-rootca.pem", &dlen);
    uint8_t *copy = malloc(dlen + 2);
    certfit_cert c;

    /* indefinite outer length */
    memcpy(copy, der, dlen);
    copy[1] = 0x80;
    assert_int_equal(scan_exact(copy, dlen, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_INDEFINITE_LENGTH);
    assert_int_equal(c.strict_offset, 1);

    /* indefinite TBSCertificate length */
    memcpy(copy, der, dlen);
    copy[5] = 0x80;
    assert_int_equal(scan_exact(copy, dlen, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_INDEFINITE_LENGTH);
    assert_int_equal(c.strict_offset, 5);
    assert_int_equal(c.raw.len, 626);

    /* 0x84 FF FF FF FF: a length far past the buffer */
    static const uint8_t huge[] = {0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF,
                                   0x30, 0x03, 0x02, 0x01, 0x00};
    assert_int_equal(scan_exact(huge, sizeof(huge), &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRUNCATED);
    assert_int_equal(c.strict_offset, 0);
    assert_int_equal(c.raw.len, 0);
    /* the same inside: the TBS claims 4 GB */
    memcpy(copy, der, dlen);
    static const uint8_t l84[] = {0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF};
    uint8_t *big = malloc(dlen + 2);
    memcpy(big, der, 4);
    memcpy(big + 4, l84, 6);
    memcpy(big + 10, der + 8, dlen - 8);
    big[2] = (uint8_t)((dlen + 2 - 4) >> 8);
    big[3] = (uint8_t)(dlen + 2 - 4);
    assert_int_equal(scan_exact(big, dlen + 2, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRUNCATED);
    assert_int_equal(c.strict_offset, 4);
    free(big);

    /* a five-octet length and a high tag number */
    static const uint8_t l85[] = {0x30, 0x85, 0x00, 0x00, 0x00, 0x00, 0x03, 0x02, 0x01, 0x00};
    assert_int_equal(scan_exact(l85, sizeof(l85), &c), CERTFIT_ERR_DER);
    static const uint8_t notseq[] = {0x31, 0x03, 0x02, 0x01, 0x00};
    assert_int_equal(scan_exact(notseq, sizeof(notseq), &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_WRONG_TAG);
    assert_int_equal(scan_exact(NULL, 0, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRUNCATED);
    assert_int_equal(certfit_cert_scan(NULL, 0, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRUNCATED);
    assert_int_equal(c.strict_offset, 0);

    /* wrong tag for the serial number */
    memcpy(copy, der, dlen);
    copy[13] = 0x04;
    assert_int_equal(scan_exact(copy, dlen, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_WRONG_TAG);
    assert_int_equal(c.strict_offset, 13);

    /* a non-minimal outer length (0x83 00 02 6e): recorded, scanning goes on */
    copy[0] = 0x30;
    copy[1] = 0x83;
    copy[2] = 0x00;
    memcpy(copy + 3, der + 2, dlen - 2);
    assert_int_equal(scan_exact(copy, dlen + 1, &c), 0);
    assert_int_equal(c.strict, CERTFIT_STRICT_NONMINIMAL_LENGTH);
    assert_int_equal(c.strict_offset, 1);
    assert_int_equal(c.raw.len, 627);
    free(copy);
    free(der);
}

static void test_crafted_extensions(void **state)
{
    (void)state;
    certfit_cert c;
    dbuf ext = {{0}, 0}, cert = {{0}, 0};

    /* a well-formed crafted certificate scans cleanly */
    static const uint8_t bc_ca[] = {0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0xff, 0x04,
                                    0x08, 0x30, 0x06, 0x01, 0x01, 0xff, 0x02, 0x01, 0x03};
    put_tlv(&ext, 0x30, bc_ca, sizeof(bc_ca));
    build_cert(&cert, &ext, true);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), 0);
    assert_int_equal(c.strict_count, 0);
    assert_true(c.ca);
    assert_int_equal(c.path_len, 3);
    assert_int_equal(c.key_type, CERTFIT_KEY_EC);
    assert_int_equal(c.curve, CERTFIT_CURVE_SECP256R1);
    assert_int_equal(c.not_after.t, 2051222400);

    /* critical BOOLEAN FALSE explicitly encoded: DER forbids the DEFAULT */
    static const uint8_t crit_false[] = {0x06, 0x03, 0x55, 0x1d, 0x13, 0x01, 0x01, 0x00,
                                         0x04, 0x05, 0x30, 0x03, 0x01, 0x01, 0xff};
    ext.n = 0;
    put_tlv(&ext, 0x30, crit_false, sizeof(crit_false));
    build_cert(&cert, &ext, true);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), 0);
    assert_int_equal(c.strict, CERTFIT_STRICT_BAD_VALUE);
    assert_true(c.ca);

    /* pathLenConstraint INTEGER of length 0 as the very last bytes of the
     * buffer (no signature): must not read past the end */
    static const uint8_t bc_empty_int[] = {0x06, 0x03, 0x55, 0x1d, 0x13, 0x04, 0x07,
                                           0x30, 0x05, 0x01, 0x01, 0xff, 0x02, 0x00};
    ext.n = 0;
    put_tlv(&ext, 0x30, bc_empty_int, sizeof(bc_empty_int));
    build_cert(&cert, &ext, false);
    assert_int_equal(cert.b[cert.n - 2], 0x02);
    assert_int_equal(cert.b[cert.n - 1], 0x00);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRUNCATED);

    /* the same with a signature: scanned, the empty INTEGER is not DER */
    build_cert(&cert, &ext, true);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), 0);
    assert_int_equal(c.strict, CERTFIT_STRICT_BAD_VALUE);
    assert_true(c.ca);

    /* keyUsage with an unused-bits count above 7 is structural */
    static const uint8_t ku_bad[] = {0x06, 0x03, 0x55, 0x1d, 0x0f, 0x04,
                                     0x04, 0x03, 0x02, 0x08, 0x80};
    ext.n = 0;
    put_tlv(&ext, 0x30, ku_bad, sizeof(ku_bad));
    build_cert(&cert, &ext, true);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_BAD_VALUE);

    /* a SAN whose GeneralNames run past the extension value */
    static const uint8_t san_bad[] = {0x06, 0x03, 0x55, 0x1d, 0x11, 0x04, 0x06,
                                      0x30, 0x04, 0x82, 0x05, 'a',  'b'};
    ext.n = 0;
    put_tlv(&ext, 0x30, san_bad, sizeof(san_bad));
    build_cert(&cert, &ext, true);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), CERTFIT_ERR_DER);
    assert_int_equal(c.strict, CERTFIT_STRICT_TRUNCATED);

    /* no extensions at all: no basicConstraints */
    build_cert(&cert, NULL, true);
    assert_int_equal(scan_exact(cert.b, cert.n, &c), 0);
    assert_false(c.has_basic_constraints);
    assert_false(c.ca);
    assert_int_equal(c.path_len, -1);
}

/* ---- names ------------------------------------------------------------------------ */

static void test_name_escaping(void **state)
{
    (void)state;
    dbuf name = {{0}, 0};
    char out[256];
    int rc;

    name1(&name, 0x0c, "a,b+c\"d\\e<f>g;h", 15);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc),
                        "CN=a\\,b\\+c\\\"d\\\\e\\<f\\>g\\;h");
    assert_int_equal(rc, 0);
    name1(&name, 0x0c, "#x", 2);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\#x");
    name1(&name, 0x0c, "x#y", 3);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=x#y");
    name1(&name, 0x0c, " lead", 5);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\ lead");
    name1(&name, 0x0c, "trail ", 6);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=trail\\ ");
    name1(&name, 0x0c, "in side", 7);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=in side");
    name1(&name, 0x0c, " ", 1);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\ ");
    /* control characters */
    name1(&name, 0x0c,
          "a\x01"
          "b\x7f"
          "c\n",
          6);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=a\\01b\\7Fc\\0A");
    name1(&name, 0x13, "a\0b", 3);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=a\\00b");
    /* valid UTF-8 passes, invalid bytes become \XX */
    name1(&name, 0x0c, "Tr\xc3\xb8ndelag", 10);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=Tr\xc3\xb8ndelag");
    name1(&name, 0x0c,
          "a\xff"
          "b\xc3",
          4);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=a\\FFb\\C3");
    name1(&name, 0x0c, "\xc0\xaf", 2); /* overlong '/' */
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\C0\\AF");
    name1(&name, 0x0c, "\xed\xa0\x80", 3); /* a UTF-16 surrogate */
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\ED\\A0\\80");
    name1(&name, 0x0c, "\xf4\x90\x80\x80", 4); /* above U+10FFFF */
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\F4\\90\\80\\80");
    name1(&name, 0x0c, "\xf0\x9f\x94\x92", 4); /* U+1F512 */
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\xf0\x9f\x94\x92");
    /* BMPString (UCS-2 big-endian) becomes UTF-8 */
    name1(&name, 0x1e, "\x00H\x00i\x00\xe9\x20\xac", 8);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=Hi\xc3\xa9\xe2\x82\xac");
    name1(&name, 0x1e, "\x00#\x00,\x00 ", 6);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\#\\,\\ ");
    name1(&name, 0x1e, "\x00H\x00", 3); /* odd length */
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\00\\48\\00");
    name1(&name, 0x1e, "\xd8\x00\x00x", 4); /* lone surrogate */
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=\\D8\\00x");
    /* UniversalString (UCS-4) */
    name1(&name, 0x1c, "\x00\x00\x00Z\x00\x01\xf5\x12", 8);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=Z\xf0\x9f\x94\x92");
    /* empty value */
    name1(&name, 0x0c, "", 0);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc), "CN=");

    /* RDN order: the last RDN first; multi-valued RDNs joined with '+' */
    dbuf body = {{0}, 0};
    put_rdn(&body, OID_C, 0x13, "NO", 2);
    put_rdn(&body, OID_O, 0x0c, "X", 1);
    dbuf atv1 = {{0}, 0}, atv2 = {{0}, 0}, set = {{0}, 0};
    put_tlv(&atv1, 0x06, "\x55\x04\x03", 3);
    put_tlv(&atv1, 0x0c, "a", 1);
    put_tlv(&atv2, 0x06, "\x55\x04\x0b", 3);
    put_tlv(&atv2, 0x0c, "b", 1);
    put_dbuf(&set, 0x30, &atv1);
    put_dbuf(&set, 0x30, &atv2);
    put_dbuf(&body, 0x31, &set);
    /* an attribute with an OID certfit has no short name for */
    put_rdn(&body, "\x2b\x06\x01\x04\x01\x82\x37\x3c\x02\x01\x03", 11, 0x13, "US", 2);
    name.n = 0;
    put_dbuf(&name, 0x30, &body);
    assert_string_equal(fmt_name(&name, out, sizeof(out), &rc),
                        "1.3.6.1.4.1.311.60.2.1.3=US,CN=a+OU=b,O=X,C=NO");
    assert_int_equal(rc, 0);
    char cn[16];
    size_t n;
    certfit_view nv = {name.b, name.n};
    assert_int_equal(certfit_name_common_name(nv, cn, sizeof(cn), &n), 0);
    assert_string_equal(cn, "a");

    /* the empty Name */
    static const uint8_t empty[] = {0x30, 0x00};
    certfit_view ev = {empty, 2};
    assert_int_equal(certfit_name_format(ev, out, sizeof(out), &n), 0);
    assert_string_equal(out, "");
    assert_int_equal(certfit_name_common_name(ev, cn, sizeof(cn), &n), CERTFIT_ERR_NOT_FOUND);
    /* malformed Names */
    static const uint8_t bad1[] = {0x30, 0x05, 0x31, 0x03, 0x30, 0x01};
    certfit_view bv = {bad1, sizeof(bad1)};
    assert_int_equal(certfit_name_format(bv, out, sizeof(out), &n), CERTFIT_ERR_DER);
    static const uint8_t bad2[] = {0x31, 0x00};
    certfit_view bv2 = {bad2, sizeof(bad2)};
    assert_int_equal(certfit_name_format(bv2, out, sizeof(out), &n), CERTFIT_ERR_DER);
    certfit_view nothing = {NULL, 0};
    assert_int_equal(certfit_name_format(nothing, out, sizeof(out), &n), CERTFIT_ERR_DER);
    assert_int_equal(certfit_name_common_name(nothing, cn, sizeof(cn), &n), CERTFIT_ERR_DER);
}

static bool valid_utf8(const char *s)
{
    const uint8_t *p = (const uint8_t *)s;
    while (*p) {
        size_t k = *p < 0x80             ? 1
                   : (*p & 0xe0) == 0xc0 ? 2
                   : (*p & 0xf0) == 0xe0 ? 3
                   : (*p & 0xf8) == 0xf0 ? 4
                                         : 0;
        if (k == 0)
            return false;
        for (size_t i = 1; i < k; i++)
            if ((p[i] & 0xc0) != 0x80)
                return false;
        p += k;
    }
    return true;
}

static void test_name_truncation(void **state)
{
    (void)state;
    dbuf name = {{0}, 0};
    char out[64];
    int rc;
    /* "CN=a" + U+00E9 (2 bytes) + "b": every capacity gives a valid prefix */
    name1(&name, 0x0c,
          "a\xc3\xa9"
          "b,c",
          6);
    static const char *const want[] = {"",
                                       "",
                                       "",
                                       "CN",
                                       "CN=",
                                       "CN=a",
                                       "CN=a",
                                       "CN=a\xc3\xa9",
                                       "CN=a\xc3\xa9"
                                       "b",
                                       "CN=a\xc3\xa9"
                                       "b",
                                       "CN=a\xc3\xa9"
                                       "b\\,",
                                       "CN=a\xc3\xa9"
                                       "b\\,c"};
    for (size_t size = 1; size < sizeof(want) / sizeof(want[0]); size++) {
        memset(out, 'Z', sizeof(out));
        fmt_name(&name, out, size, &rc);
        assert_string_equal(out, want[size]);
        assert_true(valid_utf8(out));
        assert_int_equal(rc, size == 11 ? 0 : CERTFIT_ERR_BUFFER_TOO_SMALL);
    }
    size_t n = 99;
    certfit_view v = {name.b, name.n};
    assert_int_equal(certfit_name_format(v, out, 0, &n), CERTFIT_ERR_BUFFER_TOO_SMALL);
    /* the common name truncates the same way */
    assert_int_equal(certfit_name_common_name(v, out, 3, &n), CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_string_equal(out, "a");
    assert_int_equal(n, 1);
    assert_int_equal(certfit_name_common_name(v, out, 4, &n), CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_string_equal(out, "a\xc3\xa9");
    assert_int_equal(certfit_name_common_name(v, out, 8, &n), 0);
    assert_string_equal(out, "a\xc3\xa9"
                             "b\\,c");
    assert_int_equal(n, 7);
}

/*
 * RSASSA-PSS names its hash in its parameters (RFC 4055 3.1): the scanner
 * reports that hash whatever its OID (SHA-1 only when [0] is absent), and
 * the signature-algorithm finding carries it (value) and names it.
 */
static void test_pss_hash(void **state)
{
    (void)state;
    /* the crafted certificate is self-signed: a notice (RFC 5280 6.1) */
#define ANCHOR " (a self-signed anchor's own signature is not relied on)"
    static const struct {
        const char *what;
        const char *oid; /* hashAlgorithm's OID content; NULL: no [0] */
        size_t oid_len;
        certfit_hash hash;
        const char *message; /* the signature-algorithm finding's, NULL: none */
    } cases[] = {
        {"absent: the default", NULL, 0, CERTFIT_HASH_SHA1,
         "signed with rsassaPss using sha1" ANCHOR},
        {"SHA-1 named", "\x2b\x0e\x03\x02\x1a", 5, CERTFIT_HASH_SHA1,
         "signed with rsassaPss using sha1" ANCHOR},
        {"MD5", "\x2a\x86\x48\x86\xf7\x0d\x02\x05", 8, CERTFIT_HASH_MD5,
         "signed with rsassaPss using md5" ANCHOR},
        {"MD2: not named for PSS", "\x2a\x86\x48\x86\xf7\x0d\x02\x02", 8, CERTFIT_HASH_NONE,
         "signed with rsassaPss using an unknown hash" ANCHOR},
        {"SHA-256", "\x60\x86\x48\x01\x65\x03\x04\x02\x01", 9, CERTFIT_HASH_SHA256, NULL},
        {"SHA3-256: NIST, not named", "\x60\x86\x48\x01\x65\x03\x04\x02\x08", 9, CERTFIT_HASH_NONE,
         "signed with rsassaPss using an unknown hash" ANCHOR},
        {"1.2.3.4: unknown", "\x2a\x03\x04", 3, CERTFIT_HASH_NONE,
         "signed with rsassaPss using an unknown hash" ANCHOR},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        /* SEQUENCE { rsassaPss, SEQUENCE { [0] { SEQUENCE { hash, NULL } } } } */
        dbuf hash = {{0}, 0}, h0 = {{0}, 0}, params = {{0}, 0}, alg = {{0}, 0}, seq = {{0}, 0};
        if (cases[i].oid != NULL) {
            put_tlv(&hash, 0x06, cases[i].oid, cases[i].oid_len);
            put_raw(&hash, "\x05\x00", 2);
            put_dbuf(&h0, 0x30, &hash);
            put_dbuf(&params, 0xa0, &h0);
        }
        put_tlv(&alg, 0x06, "\x2a\x86\x48\x86\xf7\x0d\x01\x01\x0a", 9);
        put_dbuf(&alg, 0x30, &params);
        put_dbuf(&seq, 0x30, &alg);
        dbuf cert = {{0}, 0};
        build_cert_alg(&cert, NULL, true, seq.b, seq.n);

        certfit_cert c;
        assert_int_equal(scan_exact(cert.b, cert.n, &c), 0);
        assert_int_equal(c.sig_alg, CERTFIT_SIG_RSA_PSS);
        if (c.sig_hash != cases[i].hash)
            fail_msg("%s: hash %s, expected %s", cases[i].what, certfit_hash_name(c.sig_hash),
                     certfit_hash_name(cases[i].hash));

        /* through a check (server role: the leaf's signature is relied on) */
        certfit_profile pf;
        assert_int_equal(certfit_profile_get("nrf91", &pf), 0);
        certfit_check_opts o;
        certfit_check_opts_init(&o, &pf);
        o.role = CERTFIT_ROLE_SERVER;
        o.verify_signatures = false;
        certfit_item item = {CERTFIT_FORMAT_DER, {cert.b, cert.n}, 0, false};
        static ts_collect col;
        assert_int_equal(ts_run(&item, &o, &col), 0);
        const certfit_finding *f = ts_find(&col, CERTFIT_RULE_SIGNATURE_ALGORITHM, 0);
        if (cases[i].message == NULL) {
            assert_null(f);
            continue;
        }
        assert_non_null(f);
        assert_int_equal(f->value, cases[i].hash);
        char msg[160];
        certfit_finding_message(f, msg, sizeof(msg));
        if (strcmp(msg, cases[i].message) != 0)
            fail_msg("%s: \"%s\", expected \"%s\"", cases[i].what, msg, cases[i].message);
    }
#undef ANCHOR
}

static void test_oid_format(void **state)
{
    (void)state;
    char out[64];
    certfit_view v = {U8("\x2a\x86\x48\xce\x3d\x02\x01"), 7};
    assert_int_equal(certfit_oid_format(v, out, sizeof(out)), 0);
    assert_string_equal(out, "1.2.840.10045.2.1");
    certfit_view v2 = {U8("\x88\x37\x03"), 3}; /* 2.999.3 */
    assert_int_equal(certfit_oid_format(v2, out, sizeof(out)), 0);
    assert_string_equal(out, "2.999.3");
    certfit_view v3 = {U8("\x00"), 1};
    assert_int_equal(certfit_oid_format(v3, out, sizeof(out)), 0);
    assert_string_equal(out, "0.0");
    assert_int_equal(certfit_oid_format(v, out, 17), CERTFIT_ERR_BUFFER_TOO_SMALL);
    assert_int_equal(certfit_oid_format(v, out, 18), 0);
    certfit_view bad = {U8("\x2a\x86"), 2};
    assert_int_equal(certfit_oid_format(bad, out, sizeof(out)), CERTFIT_ERR_DER);
    certfit_view empty = {NULL, 0};
    assert_int_equal(certfit_oid_format(empty, out, sizeof(out)), CERTFIT_ERR_DER);
}

/* ---- host matching -------------------------------------------------------------- */

static bool match(const certfit_cert *c, const char *host)
{
    return certfit_cert_matches_host(c, host, strlen(host));
}

static void test_host_matching(void **state)
{
    (void)state;
    size_t dlen;
    certfit_cert c;
    uint8_t *der = ts_fixture_der("gen/chain-leaf-p256.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_true(match(&c, "broker.example.com"));
    assert_true(match(&c, "BROKER.Example.COM"));
    assert_true(match(&c, "broker.example.com."));
    assert_true(match(&c, "a.iot.example.com"));
    assert_true(match(&c, "Sensor-7.IOT.example.com"));
    assert_false(match(&c, "iot.example.com"));
    assert_false(match(&c, "a.b.iot.example.com"));
    assert_false(match(&c, ".iot.example.com"));
    assert_false(match(&c, "example.com"));
    assert_false(match(&c, "broker.example.co"));
    assert_false(match(&c, "xbroker.example.com"));
    assert_false(match(&c, "127.0.0.1"));
    assert_false(match(&c, ""));
    free(der);

    der = ts_fixture_der("gen/bigchain-leaf.pem", &dlen);
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    assert_true(match(&c, "localhost"));
    assert_true(match(&c, "LocalHost"));
    assert_true(match(&c, "127.0.0.1"));
    assert_false(match(&c, "127.0.0.2"));
    assert_false(match(&c, "127.000.0.1"));
    assert_false(match(&c, "::1"));
    assert_false(match(&c, "::ffff:127.0.0.1"));
    assert_false(match(&c, "localhost.localdomain"));
    free(der);

    /* crafted GeneralNames: public-suffix and partial wildcards, IPv6 */
    dbuf san = {{0}, 0};
    put_tlv(&san, 0x82, "*.com", 5);
    put_tlv(&san, 0x82, "f*.example.org", 14);
    put_tlv(&san, 0x82, "*.*.example.net", 15);
    put_tlv(&san, 0x82, "127.0.0.9", 9);
    put_tlv(&san, 0x87, "\x20\x01\x0d\xb8\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01", 16);
    put_tlv(&san, 0x87, "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\x01", 16);
    put_tlv(&san, 0x87, "\x00\x00\x00\x00\x00\x00\x00\x00\x00\x00\xff\xff\x0a\x00\x00\x01", 16);
    put_tlv(&san, 0x81, "a@example.com", 13);
    put_tlv(&san, 0x82, "*.example.com", 13);
    certfit_cert x;
    memset(&x, 0, sizeof(x));
    x.san.p = san.b;
    x.san.len = san.n;
    assert_false(match(&x, "example.com"));
    assert_false(match(&x, "foo.com"));
    assert_false(match(&x, "foo.example.org"));
    assert_false(match(&x, "a.b.example.net"));
    assert_true(match(&x, "foo.example.com"));
    assert_false(match(&x, "a.foo.example.com"));
    assert_false(match(&x, "a@example.com"));
    assert_false(match(&x, "127.0.0.9")); /* an IP is matched against iPAddress only */
    assert_true(match(&x, "2001:db8::1"));
    assert_true(match(&x, "2001:DB8:0:0:0:0:0:1"));
    assert_true(match(&x, "2001:0db8:0000:0000:0000:0000:0000:0001"));
    assert_true(match(&x, "::1"));
    assert_true(match(&x, "0:0:0:0:0:0:0:1"));
    assert_true(match(&x, "::ffff:10.0.0.1"));
    assert_false(match(&x, "10.0.0.1"));
    assert_false(match(&x, "::2"));
    assert_false(match(&x, "2001:db8::1::"));
    assert_false(match(&x, "2001:db8:::1"));
    assert_false(match(&x, "1:2:3:4:5:6:7:8:9"));
    assert_false(match(&x, "12345::1"));
    /* no SAN: no match, the CN is not used */
    memset(&x, 0, sizeof(x));
    assert_false(match(&x, "example.com"));
}

/* ---- time helpers ------------------------------------------------------------------ */

static void test_time_parse(void **state)
{
    (void)state;
    int64_t t = 0;
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01T00:00:00Z", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01t00:00:00z", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01 00:00:00Z", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01T01:30:00+01:30", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2025-12-31T23:00:00-01:00", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01T00:00:00.999999Z", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2026-01-01", &t), 0);
    assert_int_equal(t, 1767225600);
    assert_int_equal(certfit_time_parse_rfc3339("2024-09-12T14:26:11Z", &t), 0);
    assert_int_equal(t, 1726151171);
    assert_int_equal(certfit_time_parse_rfc3339("2024-02-29", &t), 0);
    assert_int_equal(certfit_time_parse_rfc3339("1969-12-31T23:59:59Z", &t), 0);
    assert_int_equal(t, -1);
    assert_int_equal(certfit_time_parse_rfc3339("2016-12-31T23:59:60Z", &t), 0);
    assert_int_equal(t, 1483228799);

    static const char *const bad[] = {
        "",
        "2026",
        "26-01-01",
        "2026-1-01",
        "2026-01-01T",
        "2026-01-01T00:00:00",
        "2026-01-01T00:00Z",
        "2026-01-01T00:00:00.Z",
        "2026-01-01T00:00:00+0100",
        "2026-01-01T00:00:00+01",
        "2026-01-01T00:00:00+24:00",
        "2026-01-01T00:00:00Zjunk",
        "2023-02-29",
        "2026-13-01",
        "2026-00-10",
        "2026-04-31",
        "2026-01-00",
        "2026-01-01T24:00:00Z",
        "2026-01-01T00:60:00Z",
        "2026-01-01T00:00:61Z",
        "2026/01/01",
        "2026-01-01X00:00:00Z",
        "abcd-ef-gh",
    };
    for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
        t = 42;
        if (certfit_time_parse_rfc3339(bad[i], &t) != CERTFIT_ERR_TIME)
            print_error("accepted '%s'\n", bad[i]);
        assert_int_equal(certfit_time_parse_rfc3339(bad[i], &t), CERTFIT_ERR_TIME);
        assert_int_equal(t, 42);
    }
}

static void test_time_civil_and_years(void **state)
{
    (void)state;
    assert_int_equal(certfit_time_from_civil(1970, 1, 1, 0, 0, 0), 0);
    assert_int_equal(certfit_time_from_civil(2050, 1, 1, 0, 0, 0), 2524608000);
    assert_int_equal(certfit_time_from_civil(1955, 1, 1, 0, 0, 0), -473385600);
    assert_int_equal(certfit_time_from_civil(9999, 12, 31, 23, 59, 59), 253402300799);
    int64_t y;
    unsigned mo, d, h, mi, s;
    certfit_time_to_civil(-1, &y, &mo, &d, &h, &mi, &s);
    assert_int_equal(y, 1969);
    assert_int_equal(mo, 12);
    assert_int_equal(d, 31);
    assert_int_equal(h, 23);
    assert_int_equal(mi, 59);
    assert_int_equal(s, 59);
    certfit_time_to_civil(951782400, &y, &mo, &d, &h, &mi, &s); /* 2000-02-29 */
    assert_int_equal(y, 2000);
    assert_int_equal(mo, 2);
    assert_int_equal(d, 29);

    /* add_years: same date N years later; 29 February -> 1 March */
    assert_int_equal(certfit_time_add_years(1709208000, 1),
                     1740830400); /* 2024-02-29 -> 2025-03-01 */
    assert_int_equal(certfit_time_add_years(1709208000, 4), 1835438400);  /* -> 2028-02-29 */
    assert_int_equal(certfit_time_add_years(1709208000, 30), 2655979200); /* -> 2054-03-01 */
    assert_int_equal(certfit_time_add_years(951782400, 100),
                     certfit_time_from_civil(2100, 3, 1, 0, 0, 0));
    assert_int_equal(certfit_time_add_years(951782400, 400),
                     certfit_time_from_civil(2400, 2, 29, 0, 0, 0));
    assert_int_equal(certfit_time_add_years(1735689600, 30), 2682374400); /* 2025 -> 2055 */
    assert_int_equal(certfit_time_add_years(1726151171, 0), 1726151171);
    assert_int_equal(certfit_time_add_years(1726151171, 30),
                     certfit_time_from_civil(2054, 9, 12, 14, 26, 11));
    assert_int_equal(certfit_time_add_years(-473385600, 100), 2682374400); /* 1955 -> 2055 */

    char out[21];
    certfit_time_format(1726151171, out);
    assert_string_equal(out, "2024-09-12T14:26:11Z");
    certfit_time_format(0, out);
    assert_string_equal(out, "1970-01-01T00:00:00Z");
    certfit_time_format(-1, out);
    assert_string_equal(out, "1969-12-31T23:59:59Z");
    certfit_time_format(-473385600, out);
    assert_string_equal(out, "1955-01-01T00:00:00Z");
    certfit_time_format(253402300799, out);
    assert_string_equal(out, "9999-12-31T23:59:59Z");
    certfit_time_format(253402300800, out);
    assert_string_equal(out, "0000-00-00T00:00:00Z");
    /* round trip */
    for (int64_t t = -86400 * 800; t < 86400 * 800; t += 86400 * 7 + 3601) {
        int64_t back;
        certfit_time_format(t, out);
        assert_int_equal(certfit_time_parse_rfc3339(out, &back), 0);
        assert_int_equal(back, t);
    }
}

/* ---- robustness: mutated inputs never crash or read out of bounds ---------------- */

static uint32_t rng(uint32_t *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return *s;
}

static void exercise(const certfit_cert *c)
{
    char out[128];
    size_t n;
    if (certfit_name_format(c->subject, out, sizeof(out), &n) == 0)
        assert_int_equal(strlen(out), n);
    if (certfit_name_format(c->issuer, out, 17, &n) == 0)
        assert_true(n < 17);
    if (certfit_name_common_name(c->subject, out, sizeof(out), &n) == 0)
        assert_int_equal(strlen(out), n);
    (void)certfit_cert_matches_host(c, "broker.example.com", 18);
    (void)certfit_cert_matches_host(c, "127.0.0.1", 9);
    (void)certfit_cert_matches_host(c, "::1", 3);
    if (certfit_oid_format(c->sig_oid, out, sizeof(out)) == 0)
        assert_true(strlen(out) < sizeof(out));
    /* every view lies inside the certificate */
    const certfit_view *v[] = {&c->tbs, &c->serial, &c->issuer, &c->subject,   &c->spki,
                               &c->san, &c->ski,    &c->aki,    &c->sig_value, &c->sig_oid};
    for (size_t i = 0; i < sizeof(v) / sizeof(v[0]); i++)
        if (v[i]->len > 0)
            assert_true(v[i]->p >= c->raw.p && v[i]->p + v[i]->len <= c->raw.p + c->raw.len);
}

static void test_mutations(void **state)
{
    (void)state;
    static const char *const files[] = {
        "real/academy-mqtt-2024-10-rootca.pem",
        "gen/chain-leaf-p256.pem",
        "gen/bigchain-leaf.pem",
        "gen/time-gentime-2035.pem",
        "gen/key-ed25519.pem",
        "real/letsencrypt/r10.pem",
    };
    uint32_t seed = 0x9e3779b9u;
    size_t scanned = 0;
    for (size_t fi = 0; fi < sizeof(files) / sizeof(files[0]); fi++) {
        size_t dlen;
        uint8_t *der = ts_fixture_der(files[fi], &dlen);
        for (int iter = 0; iter < 1500; iter++) {
            uint8_t *m = malloc(dlen);
            memcpy(m, der, dlen);
            int flips = 1 + (int)(rng(&seed) % 4);
            for (int k = 0; k < flips; k++) {
                size_t at = rng(&seed) % dlen;
                switch (rng(&seed) % 4) {
                case 0:
                    m[at] ^= (uint8_t)(1u << (rng(&seed) % 8));
                    break;
                case 1:
                    m[at] = (uint8_t)rng(&seed);
                    break;
                case 2:
                    m[at] = 0x80;
                    break; /* length bytes: indefinite */
                default:
                    m[at] = 0xff;
                    break;
                }
            }
            size_t n = dlen - (rng(&seed) % 3 == 0 ? rng(&seed) % dlen : 0);
            certfit_cert c;
            if (scan_exact(m, n, &c) == 0) {
                /* views point into the copy, which scan_exact freed: rescan in place */
                uint8_t *exact = malloc(n ? n : 1);
                memcpy(exact, m, n);
                assert_int_equal(certfit_cert_scan(exact, n, &c), 0);
                exercise(&c);
                free(exact);
                scanned++;
            }
            free(m);
        }
        free(der);
    }
    fprintf(stderr, "mutations: %zu of 9000 still scanned\n", scanned);
    assert_true(scanned > 100);
}

/* The details walk (RFC 5280 hygiene, lib/hygiene.c) on the 2024-10 RootCA:
 * SKI, AKI and a critical basicConstraints; no keyUsage (ca-key-usage). */
static void test_details_rootca(void **state)
{
    (void)state;
    size_t dlen;
    uint8_t *der = ts_fixture_der("real/academy-mqtt-2024-10-rootca.pem", &dlen);
    assert_non_null(der);
    certfit_cert c;
    assert_int_equal(certfit_cert_scan(der, dlen, &c), 0);
    certfit_cert_details d;
    assert_int_equal(certfit_cert_details_read(&c, &d), 0);
    assert_int_equal(d.seen, CERTFIT_EXT_SKI | CERTFIT_EXT_AKI | CERTFIT_EXT_BC);
    assert_int_equal(d.critical, CERTFIT_EXT_BC);
    assert_true(d.has_extensions);
    assert_true(d.aki_key_id);
    assert_false(d.duplicate_extension);
    assert_false(d.issuer_uid || d.subject_uid);
    assert_int_equal(d.ku_bits.len, 0);
    /* ecdsa-with-SHA256 in both places, no parameters: 30 0a 06 08 ... */
    assert_int_equal(d.tbs_sig_alg.len, 12);
    assert_int_equal(d.sig_alg.len, 12);
    assert_memory_equal(d.tbs_sig_alg.p, d.sig_alg.p, 12);
    assert_int_equal(d.sig_params.len, 0);
    assert_int_equal(d.tbs_sig_params.len, 0);
    /* the secp384r1 OID as the key's parameters: 06 05 2b 81 04 00 22 */
    assert_int_equal(d.spki_params.len, 7);
    assert_int_equal(d.spki_params.p[6], 0x22);
    assert_int_equal(d.rsa_exponent.len, 0);
    certfit_cert none;
    memset(&none, 0, sizeof(none));
    assert_int_equal(certfit_cert_details_read(&none, &d), CERTFIT_ERR_DER);
    free(der);
}

/* Containers are recognised by content; certificates never are one. */
static void test_container_detect(void **state)
{
    (void)state;
    static const char *const certs[] = {"gen/der-two-certs.der",
                                        "gen/der-trailing-junk.der",
                                        "real/academy-mqtt-2024-06-bundle.pem",
                                        "gen/pem-pubkey.pem",
                                        "gen/pem-privkey-pkcs8.pem",
                                        "gen/pem-label-x509.pem",
                                        "gen/pem-stray-text.pem"};
    for (size_t i = 0; i < sizeof(certs) / sizeof(certs[0]); i++) {
        size_t len;
        uint8_t *p = ts_fixture(certs[i], &len);
        assert_non_null(p);
        assert_int_equal(certfit_container_detect(p, len), CERTFIT_CONTAINER_NONE);
        free(p);
    }
    static const uint8_t p12[] = {0x30, 0x10, 0x02, 0x01, 0x03, 0x30, 0x0b, 0x06, 0x09,
                                  0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x07, 0x01};
    static const uint8_t p7[] = {0x30, 0x0d, 0x06, 0x09, 0x2a, 0x86, 0x48, 0x86,
                                 0xf7, 0x0d, 0x01, 0x07, 0x02, 0xa0, 0x00};
    static const uint8_t jks[] = {0xfe, 0xed, 0xfe, 0xed, 0x00, 0x00, 0x00, 0x02};
    static const char crl[] = "-----BEGIN X509 CRL-----\nMAA=\n-----END X509 CRL-----\n";
    static const char csr[] = "-----BEGIN CERTIFICATE REQUEST-----\nMAA=\n"
                              "-----END CERTIFICATE REQUEST-----\n";
    assert_int_equal(certfit_container_detect(p12, sizeof(p12)), CERTFIT_CONTAINER_PKCS12);
    assert_int_equal(certfit_container_detect(p7, sizeof(p7)), CERTFIT_CONTAINER_PKCS7);
    assert_int_equal(certfit_container_detect(jks, sizeof(jks)), CERTFIT_CONTAINER_JKS);
    assert_int_equal(certfit_container_detect((const uint8_t *)crl, strlen(crl)),
                     CERTFIT_CONTAINER_CRL);
    assert_int_equal(certfit_container_detect((const uint8_t *)csr, strlen(csr)),
                     CERTFIT_CONTAINER_CSR);
    /* truncated: nothing read past the end */
    for (size_t n = 0; n < sizeof(p12); n++)
        assert_true(certfit_container_detect(p12, n) == CERTFIT_CONTAINER_NONE || n == sizeof(p12));
    assert_string_equal(certfit_container_command(CERTFIT_CONTAINER_PKCS12, true),
                        "openssl pkcs12 -in FILE -nokeys -out certs.pem");
    assert_null(certfit_container_name(CERTFIT_CONTAINER_NONE));
}

int main(int argc, char **argv)
{
    ts_args(argc, argv);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_real_fixtures),
        cmocka_unit_test(test_rootca_fields),
        cmocka_unit_test(test_bundle_leaf_and_chain),
        cmocka_unit_test(test_gen_strict),
        cmocka_unit_test(test_truncation_every_length),
        cmocka_unit_test(test_crafted_lengths),
        cmocka_unit_test(test_crafted_extensions),
        cmocka_unit_test(test_name_escaping),
        cmocka_unit_test(test_name_truncation),
        cmocka_unit_test(test_oid_format),
        cmocka_unit_test(test_pss_hash),
        cmocka_unit_test(test_host_matching),
        cmocka_unit_test(test_time_parse),
        cmocka_unit_test(test_time_civil_and_years),
        cmocka_unit_test(test_mutations),
        cmocka_unit_test(test_details_rootca),
        cmocka_unit_test(test_container_detect),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
