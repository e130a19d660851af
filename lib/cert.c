/*
 * The strict-DER X.509 scanner: its own TLV reader (get), with the checks a
 * BER reader leaves out: minimal length encodings, no indefinite lengths,
 * no bytes left inside a structure, DER booleans and integers, exact time
 * forms (X.690 10, RFC 5280 4.1). Fields are views into the caller's
 * buffer. It accepts what Mbed TLS's mbedtls_asn1_get_tag accepts (one-byte
 * tags, lengths of up to four octets): tests/test_differential.c holds the
 * two side by side.
 */
#include <string.h>

#include "arith.h"
#include "certfit/cert.h"
#include "certfit/input.h"

typedef struct scan {
    const uint8_t *base;
    certfit_cert *c;
} scan;

static void note(scan *s, certfit_strict kind, const uint8_t *at)
{
    if (s->c->strict_count++ == 0) {
        s->c->strict = kind;
        s->c->strict_offset = (size_t)(at - s->base);
    }
}

static int fail(scan *s, certfit_strict kind, const uint8_t *at)
{
    /* a structural error replaces a softer violation as the one reported */
    s->c->strict_count++;
    s->c->strict = kind;
    s->c->strict_offset = (size_t)(at - s->base);
    return CERTFIT_ERR_DER;
}

/* Read a TLV with the given tag (one-byte tags; lengths up to four octets,
 * as Mbed TLS's reader allows); *p moves to its content. The checks and
 * their order decide which violation a broken element is reported as:
 * indefinite length first, then the tag, then truncation. */
static int get(scan *s, const uint8_t **p, const uint8_t *end, int tag, size_t *len)
{
    const uint8_t *start = *p;
    if (start >= end)
        return fail(s, CERTFIT_STRICT_TRUNCATED, start);
    size_t avail = (size_t)(end - start);
    if (avail >= 2 && start[1] == 0x80)
        return fail(s, CERTFIT_STRICT_INDEFINITE_LENGTH, start + 1);
    if (start[0] != tag)
        return fail(s, CERTFIT_STRICT_WRONG_TAG, start);
    if (avail < 2)
        return fail(s, CERTFIT_STRICT_TRUNCATED, start);
    const uint8_t *q = start + 2;
    size_t l = start[1];
    if (l & 0x80) {
        size_t k = l & 0x7f; /* 1..127: 0x80 was taken above */
        if (k > 4 || avail - 2 < k)
            return fail(s, CERTFIT_STRICT_TRUNCATED, start);
        l = 0;
        while (k-- > 0)
            l = l << 8 | *q++;
    }
    if (l > (size_t)(end - q))
        return fail(s, CERTFIT_STRICT_TRUNCATED, start);
    /* DER: the short form below 128, else the fewest octets (X.690 10.1) */
    if (q - start > 2 && (l < 0x80 || start[2] == 0))
        note(s, CERTFIT_STRICT_NONMINIMAL_LENGTH, start + 1);
    *len = l;
    *p = q;
    return 0;
}

/* Read any TLV: its tag, content view; *p moves past it. */
static int get_any(scan *s, const uint8_t **p, const uint8_t *end, uint8_t *tag, certfit_view *v)
{
    if (*p >= end)
        return fail(s, CERTFIT_STRICT_TRUNCATED, *p);
    uint8_t t = **p;
    if ((t & 0x1f) == 0x1f)
        return fail(s, CERTFIT_STRICT_WRONG_TAG, *p);
    size_t len;
    int rc = get(s, p, end, t, &len);
    if (rc != 0)
        return rc;
    *tag = t;
    v->p = *p;
    v->len = len;
    *p += len;
    return 0;
}

static void expect_end(scan *s, const uint8_t *p, const uint8_t *end)
{
    if (p != end)
        note(s, CERTFIT_STRICT_TRAILING_INSIDE, p);
}

/* X.690 identifier octets */
#define BOOLEAN 0x01
#define INTEGER 0x02
#define BIT_STRING 0x03
#define OCTET_STRING 0x04
#define OID 0x06
#define CONTEXT 0x80
#define SEQ 0x30
#define SET 0x31
#define CTX(n) (0xa0 | (n))

static bool oid_is(certfit_view v, const void *oid, size_t n)
{
    return v.len == n && memcmp(v.p, oid, n) == 0;
}
#define OID_IS(v, lit) oid_is((v), (lit), sizeof(lit) - 1)

#define OID_PKCS1 "\x2a\x86\x48\x86\xf7\x0d\x01\x01"
#define OID_X962 "\x2a\x86\x48\xce\x3d"

/* OIDs are held in the tables (not as pointers to string literals), so
 * that the display names below stay out of a build that never prints them. */
static const struct {
    uint8_t len;
    uint8_t alg; /* certfit_sig_alg */
    uint8_t oid[9];
} k_sig_oids[] = {
    {9, CERTFIT_SIG_RSA_MD2, OID_PKCS1 "\x02"},
    {9, CERTFIT_SIG_RSA_MD5, OID_PKCS1 "\x04"},
    {9, CERTFIT_SIG_RSA_SHA1, OID_PKCS1 "\x05"},
    {9, CERTFIT_SIG_RSA_SHA224, OID_PKCS1 "\x0e"},
    {9, CERTFIT_SIG_RSA_SHA256, OID_PKCS1 "\x0b"},
    {9, CERTFIT_SIG_RSA_SHA384, OID_PKCS1 "\x0c"},
    {9, CERTFIT_SIG_RSA_SHA512, OID_PKCS1 "\x0d"},
    {9, CERTFIT_SIG_RSA_PSS, OID_PKCS1 "\x0a"},
    {7, CERTFIT_SIG_ECDSA_SHA1, OID_X962 "\x04\x01"},
    {8, CERTFIT_SIG_ECDSA_SHA224, OID_X962 "\x04\x03\x01"},
    {8, CERTFIT_SIG_ECDSA_SHA256, OID_X962 "\x04\x03\x02"},
    {8, CERTFIT_SIG_ECDSA_SHA384, OID_X962 "\x04\x03\x03"},
    {8, CERTFIT_SIG_ECDSA_SHA512, OID_X962 "\x04\x03\x04"},
    {3, CERTFIT_SIG_ED25519, "\x2b\x65\x70"},
    {3, CERTFIT_SIG_ED448, "\x2b\x65\x71"},
    {7, CERTFIT_SIG_DSA_SHA1, "\x2a\x86\x48\xce\x38\x04\x03"},
    {9, CERTFIT_SIG_DSA_SHA256, "\x60\x86\x48\x01\x65\x03\x04\x03\x02"},
};

static const char *const k_sig_names[CERTFIT_SIG_COUNT] = {
    [CERTFIT_SIG_UNKNOWN] = NULL,
    [CERTFIT_SIG_RSA_MD2] = "md2WithRSAEncryption",
    [CERTFIT_SIG_RSA_MD5] = "md5WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA1] = "sha1WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA224] = "sha224WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA256] = "sha256WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA384] = "sha384WithRSAEncryption",
    [CERTFIT_SIG_RSA_SHA512] = "sha512WithRSAEncryption",
    [CERTFIT_SIG_RSA_PSS] = "rsassaPss",
    [CERTFIT_SIG_ECDSA_SHA1] = "ecdsa-with-SHA1",
    [CERTFIT_SIG_ECDSA_SHA224] = "ecdsa-with-SHA224",
    [CERTFIT_SIG_ECDSA_SHA256] = "ecdsa-with-SHA256",
    [CERTFIT_SIG_ECDSA_SHA384] = "ecdsa-with-SHA384",
    [CERTFIT_SIG_ECDSA_SHA512] = "ecdsa-with-SHA512",
    [CERTFIT_SIG_ED25519] = "ED25519",
    [CERTFIT_SIG_ED448] = "ED448",
    [CERTFIT_SIG_DSA_SHA1] = "dsaWithSHA1",
    [CERTFIT_SIG_DSA_SHA256] = "dsa_with_SHA256",
};

static const uint8_t k_sig_hash[CERTFIT_SIG_COUNT] = {
    [CERTFIT_SIG_UNKNOWN] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_RSA_MD2] = CERTFIT_HASH_MD2,
    [CERTFIT_SIG_RSA_MD5] = CERTFIT_HASH_MD5,
    [CERTFIT_SIG_RSA_SHA1] = CERTFIT_HASH_SHA1,
    [CERTFIT_SIG_RSA_SHA224] = CERTFIT_HASH_SHA224,
    [CERTFIT_SIG_RSA_SHA256] = CERTFIT_HASH_SHA256,
    [CERTFIT_SIG_RSA_SHA384] = CERTFIT_HASH_SHA384,
    [CERTFIT_SIG_RSA_SHA512] = CERTFIT_HASH_SHA512,
    [CERTFIT_SIG_RSA_PSS] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_ECDSA_SHA1] = CERTFIT_HASH_SHA1,
    [CERTFIT_SIG_ECDSA_SHA224] = CERTFIT_HASH_SHA224,
    [CERTFIT_SIG_ECDSA_SHA256] = CERTFIT_HASH_SHA256,
    [CERTFIT_SIG_ECDSA_SHA384] = CERTFIT_HASH_SHA384,
    [CERTFIT_SIG_ECDSA_SHA512] = CERTFIT_HASH_SHA512,
    [CERTFIT_SIG_ED25519] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_ED448] = CERTFIT_HASH_NONE,
    [CERTFIT_SIG_DSA_SHA1] = CERTFIT_HASH_SHA1,
    [CERTFIT_SIG_DSA_SHA256] = CERTFIT_HASH_SHA256,
};

const char *certfit_sig_alg_name(certfit_sig_alg a)
{
    return (unsigned)a < CERTFIT_SIG_COUNT ? k_sig_names[a] : NULL;
}

certfit_hash certfit_sig_alg_hash(certfit_sig_alg a)
{
    return (unsigned)a < CERTFIT_SIG_COUNT ? (certfit_hash)k_sig_hash[a] : CERTFIT_HASH_NONE;
}

const char *certfit_hash_name(certfit_hash h)
{
    static const char *const names[CERTFIT_HASH_COUNT] = {"none",   "md2",    "md5",   "sha1",
                                                          "sha224", "sha256", "sha384", "sha512"};
    return (unsigned)h < CERTFIT_HASH_COUNT ? names[h] : "none";
}

static const struct {
    uint8_t len;
    uint16_t bits;
    uint8_t oid[9];
} k_curves[CERTFIT_CURVE_COUNT] = {
    [CERTFIT_CURVE_NONE] = {0, 0, ""},
    [CERTFIT_CURVE_SECP256R1] = {8, 256, OID_X962 "\x03\x01\x07"},
    [CERTFIT_CURVE_SECP384R1] = {5, 384, "\x2b\x81\x04\x00\x22"},
    [CERTFIT_CURVE_SECP521R1] = {5, 521, "\x2b\x81\x04\x00\x23"},
    [CERTFIT_CURVE_BRAINPOOLP256R1] = {9, 256, "\x2b\x24\x03\x03\x02\x08\x01\x01\x07"},
    [CERTFIT_CURVE_BRAINPOOLP384R1] = {9, 384, "\x2b\x24\x03\x03\x02\x08\x01\x01\x0b"},
    [CERTFIT_CURVE_BRAINPOOLP512R1] = {9, 512, "\x2b\x24\x03\x03\x02\x08\x01\x01\x0d"},
    [CERTFIT_CURVE_SECP224R1] = {5, 224, "\x2b\x81\x04\x00\x21"},
    [CERTFIT_CURVE_SECP256K1] = {5, 256, "\x2b\x81\x04\x00\x0a"},
    [CERTFIT_CURVE_OTHER] = {0, 0, ""},
};

static const char *const k_curve_names[CERTFIT_CURVE_COUNT] = {
    [CERTFIT_CURVE_NONE] = NULL,
    [CERTFIT_CURVE_SECP256R1] = "secp256r1",
    [CERTFIT_CURVE_SECP384R1] = "secp384r1",
    [CERTFIT_CURVE_SECP521R1] = "secp521r1",
    [CERTFIT_CURVE_BRAINPOOLP256R1] = "brainpoolP256r1",
    [CERTFIT_CURVE_BRAINPOOLP384R1] = "brainpoolP384r1",
    [CERTFIT_CURVE_BRAINPOOLP512R1] = "brainpoolP512r1",
    [CERTFIT_CURVE_SECP224R1] = "secp224r1",
    [CERTFIT_CURVE_SECP256K1] = "secp256k1",
    [CERTFIT_CURVE_OTHER] = "other",
};

const char *certfit_curve_name(certfit_curve c)
{
    return (unsigned)c < CERTFIT_CURVE_COUNT ? k_curve_names[c] : NULL;
}

uint32_t certfit_curve_bits(certfit_curve c)
{
    return (unsigned)c < CERTFIT_CURVE_COUNT ? k_curves[c].bits : 0;
}

const char *certfit_key_type_name(certfit_key_type t)
{
    switch (t) {
    case CERTFIT_KEY_RSA:
        return "rsa";
    case CERTFIT_KEY_EC:
        return "ec";
    case CERTFIT_KEY_ED25519:
        return "ed25519";
    case CERTFIT_KEY_ED448:
        return "ed448";
    default:
        return "other";
    }
}

const char *certfit_strict_name(certfit_strict s)
{
    switch (s) {
    case CERTFIT_STRICT_NONMINIMAL_LENGTH:
        return "non-minimal length encoding";
    case CERTFIT_STRICT_INDEFINITE_LENGTH:
        return "indefinite length";
    case CERTFIT_STRICT_WRONG_TAG:
        return "unexpected tag";
    case CERTFIT_STRICT_TRUNCATED:
        return "element runs past its container";
    case CERTFIT_STRICT_TRAILING_INSIDE:
        return "bytes left inside a structure";
    case CERTFIT_STRICT_BAD_VALUE:
        return "non-DER value encoding";
    case CERTFIT_STRICT_BAD_TIME:
        return "malformed time";
    default:
        return "none";
    }
}

/* INTEGER content: DER requires the shortest two's-complement form. */
static void check_integer(scan *s, certfit_view v)
{
    if (v.len == 0 || (v.len > 1 && ((v.p[0] == 0x00 && v.p[1] < 0x80) ||
                                     (v.p[0] == 0xff && v.p[1] >= 0x80))))
        note(s, CERTFIT_STRICT_BAD_VALUE, v.p);
}

static int get_alg(scan *s, const uint8_t **p, const uint8_t *end, certfit_view *oid,
                   certfit_view *params)
{
    size_t len;
    int rc = get(s, p, end, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *aend = *p + len;
    rc = get(s, p, aend, OID, &len);
    if (rc != 0)
        return rc;
    oid->p = *p;
    oid->len = len;
    *p += len;
    params->p = *p;
    params->len = (size_t)(aend - *p);
    if (*p < aend) {
        uint8_t tag;
        certfit_view v;
        rc = get_any(s, p, aend, &tag, &v);
        if (rc != 0)
            return rc;
        params->len = (size_t)(*p - params->p);
        expect_end(s, *p, aend);
    }
    *p = aend;
    return 0;
}

static int two(const uint8_t *d, unsigned *v)
{
    if (d[0] < '0' || d[0] > '9' || d[1] < '0' || d[1] > '9')
        return -1;
    *v = (unsigned)(d[0] - '0') * 10u + (unsigned)(d[1] - '0');
    return 0;
}

static const uint8_t k_mdays[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

static bool leap(int64_t y)
{
    uint32_t r; /* y mod 400, which 4 and 100 divide */
    (void)certfit_floordiv(y, 400, &r);
    return (r % 4 == 0 && r % 100 != 0) || r == 0;
}

static unsigned month_days(int64_t y, unsigned m)
{
    return k_mdays[m - 1] + (m == 2 && leap(y) ? 1u : 0u);
}

int64_t certfit_time_from_civil(int64_t y, unsigned m, unsigned d, unsigned hh, unsigned mm,
                                unsigned ss)
{
    /* days from 1970-01-01, proleptic Gregorian (Hinnant's algorithm) */
    y -= m <= 2;
    uint32_t yoe;
    int64_t era = certfit_floordiv(y, 400, &yoe);
    uint64_t mp = (uint64_t)m + (m > 2 ? (uint64_t)0 - 3 : 9); /* m > 2: m - 3 >= 0 */
    int64_t doy = (int64_t)certfit_udiv(153 * mp + 2, 5, 0) + (int64_t)d - 1;
    int64_t doe = (int64_t)(yoe * 365 + yoe / 4 - yoe / 100) + doy;
    int64_t days = era * 146097 + doe - 719468;
    return days * 86400 + (int64_t)hh * 3600 + (int64_t)mm * 60 + (int64_t)ss;
}

void certfit_time_to_civil(int64_t t, int64_t *year, unsigned *month, unsigned *day,
                           unsigned *hour, unsigned *min, unsigned *sec)
{
    uint32_t rem, doe;
    int64_t days = certfit_floordiv(t, 86400, &rem);
    *hour = (unsigned)(rem / 3600);
    *min = (unsigned)(rem / 60 % 60);
    *sec = (unsigned)(rem % 60);
    days += 719468;
    int64_t era = certfit_floordiv(days, 146097, &doe);
    uint32_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    uint32_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    uint32_t mp = (5 * doy + 2) / 153;
    *day = (unsigned)(doy - (153 * mp + 2) / 5 + 1);
    *month = (unsigned)(mp < 10 ? mp + 3 : mp - 9);
    *year = (int64_t)yoe + era * 400 + (*month <= 2);
}

int64_t certfit_time_add_years(int64_t t, unsigned years)
{
    int64_t y;
    unsigned mo, d, h, mi, s;
    certfit_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    y += years;
    if (mo == 2 && d == 29 && !leap(y)) {
        mo = 3;
        d = 1;
    }
    return certfit_time_from_civil(y, mo, d, h, mi, s);
}

void certfit_time_format(int64_t t, char out[21])
{
    int64_t y;
    unsigned mo, d, h, mi, s;
    certfit_time_to_civil(t, &y, &mo, &d, &h, &mi, &s);
    if (y < 0 || y > 9999) {
        memcpy(out, "0000-00-00T00:00:00Z", 21);
        return;
    }
    unsigned v[6] = {(unsigned)y, mo, d, h, mi, s};
    static const char sep[] = "--T::Z";
    size_t o = 0;
    for (int i = 0; i < 6; i++) {
        if (i == 0) {
            out[o++] = (char)('0' + v[0] / 1000);
            out[o++] = (char)('0' + v[0] / 100 % 10);
        }
        out[o++] = (char)('0' + v[i] / 10 % 10);
        out[o++] = (char)('0' + v[i] % 10);
        out[o++] = sep[i];
    }
    out[o] = '\0';
}

int certfit_time_parse_rfc3339(const char *str, int64_t *t)
{
    const uint8_t *s = (const uint8_t *)str;
    size_t n = strlen(str);
    unsigned c, yy, mo, d, h = 0, mi = 0, sec = 0;
    if (n < 10 || two(s, &c) || two(s + 2, &yy) || s[4] != '-' || two(s + 5, &mo) ||
        s[7] != '-' || two(s + 8, &d))
        return CERTFIT_ERR_TIME;
    int64_t y = (int64_t)c * 100 + yy;
    size_t i = 10;
    int64_t off = 0;
    if (i < n) {
        if ((s[i] != 'T' && s[i] != 't' && s[i] != ' ') || n < i + 9 || two(s + i + 1, &h) ||
            s[i + 3] != ':' || two(s + i + 4, &mi) || s[i + 6] != ':' || two(s + i + 7, &sec))
            return CERTFIT_ERR_TIME;
        i += 9;
        if (i < n && s[i] == '.') {
            i++;
            if (i >= n || s[i] < '0' || s[i] > '9')
                return CERTFIT_ERR_TIME;
            while (i < n && s[i] >= '0' && s[i] <= '9')
                i++;
        }
        if (i < n && (s[i] == 'Z' || s[i] == 'z')) {
            i++;
        } else if (i < n && (s[i] == '+' || s[i] == '-')) {
            unsigned oh, om;
            if (n < i + 6 || two(s + i + 1, &oh) || s[i + 3] != ':' || two(s + i + 4, &om) ||
                oh > 23 || om > 59)
                return CERTFIT_ERR_TIME;
            off = (int64_t)(oh * 3600 + om * 60) * (s[i] == '+' ? 1 : -1);
            i += 6;
        } else {
            return CERTFIT_ERR_TIME;
        }
    }
    if (i != n || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h > 23 || mi > 59 ||
        sec > 60)
        return CERTFIT_ERR_TIME;
    if (sec == 60)
        sec = 59;
    *t = certfit_time_from_civil(y, mo, d, h, mi, sec) - off;
    return 0;
}

/* UTCTime / GeneralizedTime content into *out (X.680 46, 47; RFC 5280 4.1.2.5). */
static int parse_time(scan *s, uint8_t tag, certfit_view v, certfit_time *out)
{
    const uint8_t *p = v.p;
    size_t n = v.len, i;
    unsigned yy, cc = 0, mo, d, h, mi, sec = 0;
    int64_t y;
    out->type = tag;
    if (tag == CERTFIT_TIME_UTC) {
        if (n < 11 || two(p, &yy))
            return fail(s, CERTFIT_STRICT_BAD_TIME, p);
        y = yy < 50 ? 2000 + yy : 1900 + yy; /* RFC 5280 4.1.2.5.1 */
        i = 2;
    } else {
        if (n < 13 || two(p, &cc) || two(p + 2, &yy))
            return fail(s, CERTFIT_STRICT_BAD_TIME, p);
        y = (int64_t)cc * 100 + yy;
        i = 4;
    }
    if (two(p + i, &mo) || two(p + i + 2, &d) || two(p + i + 4, &h) || two(p + i + 6, &mi))
        return fail(s, CERTFIT_STRICT_BAD_TIME, p);
    i += 8;
    bool has_sec = false, frac = false;
    if (i + 2 <= n && p[i] >= '0' && p[i] <= '9') {
        if (two(p + i, &sec))
            return fail(s, CERTFIT_STRICT_BAD_TIME, p);
        has_sec = true;
        i += 2;
    }
    if (tag == CERTFIT_TIME_GENERALIZED && i < n && (p[i] == '.' || p[i] == ',')) {
        frac = true;
        i++;
        size_t f = i;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        if (i == f)
            return fail(s, CERTFIT_STRICT_BAD_TIME, p);
    }
    int64_t off = 0;
    bool zulu = false;
    if (i < n && p[i] == 'Z') {
        zulu = true;
        i++;
    } else if (i < n && (p[i] == '+' || p[i] == '-')) {
        unsigned oh, om;
        if (n < i + 5 || two(p + i + 1, &oh) || two(p + i + 3, &om) || oh > 23 || om > 59)
            return fail(s, CERTFIT_STRICT_BAD_TIME, p);
        off = (int64_t)(oh * 3600 + om * 60) * (p[i] == '+' ? 1 : -1);
        i += 5;
    }
    if (i != n || mo < 1 || mo > 12 || d < 1 || d > month_days(y, mo) || h > 23 || mi > 59 ||
        sec > 59)
        return fail(s, CERTFIT_STRICT_BAD_TIME, p);
    out->exact = zulu && has_sec && !frac;
    out->t = certfit_time_from_civil(y, mo, d, h, mi, sec) - off;
    return 0;
}

static uint32_t bit_length(certfit_view v)
{
    size_t i = 0;
    while (i < v.len && v.p[i] == 0)
        i++;
    if (i == v.len)
        return 0;
    uint32_t bits = (uint32_t)(v.len - i - 1) * 8;
    for (uint8_t b = v.p[i]; b != 0; b >>= 1)
        bits++;
    return bits;
}

static int scan_spki(scan *s, const uint8_t **p, const uint8_t *end, certfit_cert *c)
{
    const uint8_t *start = *p;
    size_t len;
    int rc = get(s, p, end, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *send = *p + len;
    c->spki.p = start;
    c->spki.len = (size_t)(send - start);
    certfit_view oid, params;
    rc = get_alg(s, p, send, &oid, &params);
    if (rc != 0)
        return rc;
    rc = get(s, p, send, BIT_STRING, &len);
    if (rc != 0)
        return rc;
    certfit_view key = {*p, len};
    *p += len;
    expect_end(s, *p, send);
    *p = send;
    if (key.len == 0)
        return fail(s, CERTFIT_STRICT_BAD_VALUE, key.p);
    if (key.p[0] != 0)
        note(s, CERTFIT_STRICT_BAD_VALUE, key.p);
    key.p++;
    key.len--;

    if (OID_IS(oid, OID_PKCS1 "\x01") || OID_IS(oid, OID_PKCS1 "\x0a")) {
        c->key_type = CERTFIT_KEY_RSA;
        const uint8_t *k = key.p, *kend = key.p + key.len;
        rc = get(s, &k, kend, SEQ, &len);
        if (rc != 0)
            return rc;
        const uint8_t *rend = k + len;
        rc = get(s, &k, rend, INTEGER, &len);
        if (rc != 0)
            return rc;
        certfit_view n = {k, len};
        check_integer(s, n);
        c->key_bits = bit_length(n);
        k += len;
        rc = get(s, &k, rend, INTEGER, &len);
        if (rc != 0)
            return rc;
        k += len;
        expect_end(s, k, rend);
        expect_end(s, rend, kend);
    } else if (OID_IS(oid, OID_X962 "\x02\x01")) {
        c->key_type = CERTFIT_KEY_EC;
        c->curve = CERTFIT_CURVE_OTHER;
        const uint8_t *q = params.p;
        uint8_t tag;
        certfit_view cv;
        if (params.len > 0 && get_any(s, &q, params.p + params.len, &tag, &cv) == 0 &&
            tag == OID) {
            for (unsigned i = 1; i < CERTFIT_CURVE_OTHER; i++) {
                if (oid_is(cv, k_curves[i].oid, k_curves[i].len)) {
                    c->curve = (certfit_curve)i;
                    break;
                }
            }
        }
        c->key_bits = certfit_curve_bits(c->curve);
        if (c->key_bits == 0 && key.len > 1)
            c->key_bits = (uint32_t)(key.len - 1) / 2 * 8;
    } else if (OID_IS(oid, "\x2b\x65\x70")) {
        c->key_type = CERTFIT_KEY_ED25519;
        c->key_bits = 253;
    } else if (OID_IS(oid, "\x2b\x65\x71")) {
        c->key_type = CERTFIT_KEY_ED448;
        c->key_bits = 456;
    } else {
        c->key_type = CERTFIT_KEY_OTHER;
    }
    return 0;
}

static int scan_name(scan *s, const uint8_t **p, const uint8_t *end, certfit_view *name)
{
    const uint8_t *start = *p;
    size_t len;
    int rc = get(s, p, end, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *nend = *p + len;
    while (*p < nend) {
        rc = get(s, p, nend, SET, &len);
        if (rc != 0)
            return rc;
        const uint8_t *rend = *p + len;
        if (len == 0)
            note(s, CERTFIT_STRICT_BAD_VALUE, *p);
        while (*p < rend) {
            rc = get(s, p, rend, SEQ, &len);
            if (rc != 0)
                return rc;
            const uint8_t *aend = *p + len;
            rc = get(s, p, aend, OID, &len);
            if (rc != 0)
                return rc;
            *p += len;
            uint8_t tag;
            certfit_view v;
            rc = get_any(s, p, aend, &tag, &v);
            if (rc != 0)
                return rc;
            expect_end(s, *p, aend);
            *p = aend;
        }
    }
    name->p = start;
    name->len = (size_t)(nend - start);
    return 0;
}

static int scan_extension(scan *s, const uint8_t **p, const uint8_t *end, certfit_cert *c)
{
    size_t len;
    int rc = get(s, p, end, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *eend = *p + len;
    rc = get(s, p, eend, OID, &len);
    if (rc != 0)
        return rc;
    certfit_view oid = {*p, len};
    *p += len;
    if (*p < eend && **p == BOOLEAN) {
        rc = get(s, p, eend, BOOLEAN, &len);
        if (rc != 0)
            return rc;
        /* DER: TRUE is 0xFF; FALSE is the DEFAULT and must be absent */
        if (len != 1 || (*p)[0] != 0xff)
            note(s, CERTFIT_STRICT_BAD_VALUE, *p);
        *p += len;
    }
    rc = get(s, p, eend, OCTET_STRING, &len);
    if (rc != 0)
        return rc;
    const uint8_t *v = *p, *vend = *p + len;
    *p = vend;
    expect_end(s, *p, eend);
    *p = eend;

    if (OID_IS(oid, "\x55\x1d\x13")) { /* basicConstraints */
        c->has_basic_constraints = true;
        rc = get(s, &v, vend, SEQ, &len);
        if (rc != 0)
            return rc;
        const uint8_t *bend = v + len;
        if (v < bend && *v == BOOLEAN) {
            rc = get(s, &v, bend, BOOLEAN, &len);
            if (rc != 0)
                return rc;
            if (len != 1 || v[0] != 0xff)
                note(s, CERTFIT_STRICT_BAD_VALUE, v);
            c->ca = len == 1 && v[0] != 0;
            v += len;
        }
        if (v < bend) {
            rc = get(s, &v, bend, INTEGER, &len);
            if (rc != 0)
                return rc;
            certfit_view iv = {v, len};
            check_integer(s, iv);
            int32_t pl = 0;
            for (size_t i = 0; i < len && i < 4; i++)
                pl = (int32_t)((uint32_t)pl << 8 | v[i]);
            /* an empty INTEGER (not DER, noted above) has no sign octet to read */
            c->path_len = len >= 1 && len <= 3 && !(v[0] & 0x80) ? pl : INT32_MAX;
            v += len;
        }
        expect_end(s, v, bend);
    } else if (OID_IS(oid, "\x55\x1d\x0f")) { /* keyUsage */
        rc = get(s, &v, vend, BIT_STRING, &len);
        if (rc != 0)
            return rc;
        if (len < 1 || v[0] > 7)
            return fail(s, CERTFIT_STRICT_BAD_VALUE, v);
        c->has_key_usage = true;
        /* bit 0 is the most significant bit of the first octet */
        uint16_t ku = 0;
        for (size_t i = 1; i < len && i < 3; i++)
            for (int b = 0; b < 8; b++)
                if (v[i] & (0x80 >> b))
                    ku = (uint16_t)(ku | (1u << ((i - 1) * 8 + (size_t)b)));
        c->key_usage = ku;
        v += len;
    } else if (OID_IS(oid, "\x55\x1d\x11")) { /* subjectAltName */
        rc = get(s, &v, vend, SEQ, &len);
        if (rc != 0)
            return rc;
        c->san.p = v;
        c->san.len = len;
        const uint8_t *send = v + len;
        while (v < send) {
            uint8_t tag;
            certfit_view gn;
            rc = get_any(s, &v, send, &tag, &gn);
            if (rc != 0)
                return rc;
        }
    } else if (OID_IS(oid, "\x55\x1d\x0e")) { /* subjectKeyIdentifier */
        rc = get(s, &v, vend, OCTET_STRING, &len);
        if (rc != 0)
            return rc;
        c->ski.p = v;
        c->ski.len = len;
        v += len;
    } else if (OID_IS(oid, "\x55\x1d\x23")) { /* authorityKeyIdentifier */
        rc = get(s, &v, vend, SEQ, &len);
        if (rc != 0)
            return rc;
        const uint8_t *aend = v + len;
        while (v < aend) {
            uint8_t tag;
            certfit_view f;
            rc = get_any(s, &v, aend, &tag, &f);
            if (rc != 0)
                return rc;
            if (tag == (CONTEXT | 0)) {
                c->aki = f;
            }
        }
    } else {
        v = vend; /* other extensions: only their framing is checked */
    }
    if (v != vend)
        note(s, CERTFIT_STRICT_TRAILING_INSIDE, v);
    return 0;
}

int certfit_cert_scan(const uint8_t *der, size_t dlen, certfit_cert *c)
{
    memset(c, 0, sizeof(*c));
    c->path_len = -1;
    scan sc = {der, c};
    scan *s = &sc;
    if (der == NULL || dlen == 0) /* an empty view may have p NULL: no NULL + 0 */
        return fail(s, CERTFIT_STRICT_TRUNCATED, der);
    const uint8_t *p = der, *end = der + dlen;
    size_t len;
    size_t outer;

    if (certfit_der_element_len(der, dlen, &outer) == 0)
        c->raw.len = outer;
    int rc = get(s, &p, end, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *cend = p + len;
    c->raw.p = der;
    c->raw.len = (size_t)(cend - der);

    /* TBSCertificate */
    const uint8_t *tstart = p;
    rc = get(s, &p, cend, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *tend = p + len;
    c->tbs.p = tstart;
    c->tbs.len = (size_t)(tend - tstart);

    c->version = 1;
    if (p < tend && *p == CTX(0)) {
        rc = get(s, &p, tend, CTX(0), &len);
        if (rc != 0)
            return rc;
        const uint8_t *vend = p + len;
        rc = get(s, &p, vend, INTEGER, &len);
        if (rc != 0)
            return rc;
        if (len != 1 || p[0] > 2)
            return fail(s, CERTFIT_STRICT_BAD_VALUE, p);
        if (p[0] == 0)
            note(s, CERTFIT_STRICT_BAD_VALUE, p); /* DEFAULT v1 must be absent */
        c->version = (uint8_t)(p[0] + 1);
        p += len;
        expect_end(s, p, vend);
        p = vend;
    }
    rc = get(s, &p, tend, INTEGER, &len);
    if (rc != 0)
        return rc;
    c->serial.p = p;
    c->serial.len = len;
    check_integer(s, c->serial);
    p += len;

    certfit_view tbs_oid, tbs_params;
    rc = get_alg(s, &p, tend, &tbs_oid, &tbs_params);
    if (rc != 0)
        return rc;
    rc = scan_name(s, &p, tend, &c->issuer);
    if (rc != 0)
        return rc;

    rc = get(s, &p, tend, SEQ, &len);
    if (rc != 0)
        return rc;
    const uint8_t *vend = p + len;
    for (int i = 0; i < 2; i++) {
        uint8_t tag;
        certfit_view tv;
        const uint8_t *at = p;
        rc = get_any(s, &p, vend, &tag, &tv);
        if (rc != 0)
            return rc;
        if (tag != CERTFIT_TIME_UTC && tag != CERTFIT_TIME_GENERALIZED)
            return fail(s, CERTFIT_STRICT_WRONG_TAG, at);
        rc = parse_time(s, tag, tv, i == 0 ? &c->not_before : &c->not_after);
        if (rc != 0)
            return rc;
    }
    expect_end(s, p, vend);
    p = vend;

    rc = scan_name(s, &p, tend, &c->subject);
    if (rc != 0)
        return rc;
    rc = scan_spki(s, &p, tend, c);
    if (rc != 0)
        return rc;
    for (int n = 1; n <= 2; n++) {
        if (p < tend && (*p & 0x1f) == n && (*p & 0xc0) == CONTEXT) {
            uint8_t tag;
            certfit_view u;
            rc = get_any(s, &p, tend, &tag, &u);
            if (rc != 0)
                return rc;
        }
    }
    if (p < tend && *p == CTX(3)) {
        rc = get(s, &p, tend, CTX(3), &len);
        if (rc != 0)
            return rc;
        const uint8_t *xend = p + len;
        rc = get(s, &p, xend, SEQ, &len);
        if (rc != 0)
            return rc;
        const uint8_t *lend = p + len;
        while (p < lend) {
            rc = scan_extension(s, &p, lend, c);
            if (rc != 0)
                return rc;
        }
        expect_end(s, p, xend);
        p = xend;
    }
    expect_end(s, p, tend);
    p = tend;

    /* signatureAlgorithm, signatureValue */
    certfit_view params;
    rc = get_alg(s, &p, cend, &c->sig_oid, &params);
    if (rc != 0)
        return rc;
    if (c->sig_oid.len != tbs_oid.len || memcmp(c->sig_oid.p, tbs_oid.p, tbs_oid.len) != 0)
        note(s, CERTFIT_STRICT_BAD_VALUE, c->sig_oid.p);
    for (size_t i = 0; i < sizeof(k_sig_oids) / sizeof(k_sig_oids[0]); i++) {
        if (oid_is(c->sig_oid, k_sig_oids[i].oid, k_sig_oids[i].len)) {
            c->sig_alg = (certfit_sig_alg)k_sig_oids[i].alg;
            break;
        }
    }
    c->sig_hash = certfit_sig_alg_hash(c->sig_alg);
    if (c->sig_alg == CERTFIT_SIG_RSA_PSS) {
        /* RSASSA-PSS-params: [0] hashAlgorithm, default SHA-1 (RFC 4055 3.1) */
        c->sig_hash = CERTFIT_HASH_SHA1;
        const uint8_t *q = params.p, *qend = params.p + params.len;
        if (params.len > 0 && get(s, &q, qend, SEQ, &len) == 0 && q < qend && *q == CTX(0) &&
            get(s, &q, qend, CTX(0), &len) == 0) {
            certfit_view hoid, hparams;
            if (get_alg(s, &q, qend, &hoid, &hparams) == 0) {
                static const char nist[] = "\x60\x86\x48\x01\x65\x03\x04\x02";
                if (hoid.len == 9 && memcmp(hoid.p, nist, 8) == 0) {
                    static const certfit_hash h[] = {CERTFIT_HASH_NONE, CERTFIT_HASH_SHA256,
                                                     CERTFIT_HASH_SHA384, CERTFIT_HASH_SHA512,
                                                     CERTFIT_HASH_SHA224};
                    c->sig_hash = hoid.p[8] < 5 ? h[hoid.p[8]] : CERTFIT_HASH_NONE;
                }
            }
        }
    }
    rc = get(s, &p, cend, BIT_STRING, &len);
    if (rc != 0)
        return rc;
    if (len < 1)
        return fail(s, CERTFIT_STRICT_BAD_VALUE, p);
    if (p[0] != 0)
        note(s, CERTFIT_STRICT_BAD_VALUE, p);
    c->sig_value.p = p + 1;
    c->sig_value.len = len - 1;
    p += len;
    expect_end(s, p, cend);
    return 0;
}

bool certfit_cert_is_issuer_subject(const certfit_cert *c)
{
    return c->issuer.len == c->subject.len && c->issuer.len > 0 &&
           memcmp(c->issuer.p, c->subject.p, c->issuer.len) == 0;
}

bool certfit_cert_is_issued_by(const certfit_cert *a, const certfit_cert *b)
{
    return a->issuer.len == b->subject.len && a->issuer.len > 0 &&
           memcmp(a->issuer.p, b->subject.p, a->issuer.len) == 0;
}
